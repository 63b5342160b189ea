"""Score whole studies against their ``gold/`` folders (``python -m analysis evaluate``).

For each study: load it, compute the tables as ``export_study`` does, name every article as the gold
does (``FILE`` or ``FILE#N`` for record N of a multi-article file), score with ``analysis.evaluation``
and write the misses and false positives to ``<out>/<study>.md``. Over all studies: one aligned
table (one row per study, a micro-averaged row over the development studies, the embedded study
apart) and ``<out>/scores.json`` with every figure.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from analysis import evaluation as ev
from analysis.atomic import write_text
from analysis.paths import DEFAULT_STUDY, PROJECT_ROOT, REPORTS_DIR

DEVSET_DIR = PROJECT_ROOT.parent / "shared" / "devset"
ALL_TYPES = ("PERSON", "GPE", "ORG")
GOLD_TABLES = ev.GOLD_TABLES
SENTENCE_CHARS = 400


def default_studies() -> list[Path]:
    """The embedded study plus every folder of ``../shared/devset`` (beside the project) with a gold/ folder."""
    studies = [DEFAULT_STUDY]
    if DEVSET_DIR.is_dir():
        studies += sorted(p for p in DEVSET_DIR.iterdir() if (p / "gold").is_dir())
    return studies


def is_embedded(path: Path) -> bool:
    return Path(path).resolve() == DEFAULT_STUDY.resolve()


def predict(study, *, model: str | None = None) -> dict[str, pd.DataFrame]:
    """The tables the scores need, as ``export_study`` computes them, ``file`` holding gold keys."""
    from analysis.tables import compute

    wanted = ("entity_counts", "stance_evidence", "stance_summary", "factor_evidence", "factor_summary",
              "quantities")
    tables = compute(study, wanted, model=model)
    out = {name: ev.keyed(tables[name], study.articles) for name in wanted}
    out["articles"] = ev.keyed(study.articles, study.articles)
    return out


def _counts(scores: dict) -> dict:
    return {k: scores[k] for k in ("tp", "fp", "fn", "precision", "recall", "f1")}


def score_tables(pred: dict[str, pd.DataFrame], gold: dict[str, pd.DataFrame | None]) -> tuple[dict, dict]:
    """(figures, details): figures are JSON-ready counts and rates, details the error lists."""
    covered = set()
    for table in gold.values():
        if table is not None:
            covered |= set(table["file"])
    keys = set(pred["articles"]["file"])
    pred = {name: df[df["file"].isin(covered)] for name, df in pred.items()}
    figures: dict = {"articles": len(keys), "gold_files": len(covered),
                     "unmatched_gold_keys": sorted(covered - keys),
                     "articles_without_gold": sorted(keys - covered)}
    details: dict = {}
    if gold["body"] is not None:
        body = ev.body_scores(pred["articles"], gold["body"])
        figures["body"] = {k: body[k] for k in ("n", "both_ok", "start_ok", "end_ok", "both", "start", "end")}
        details["body"] = body["errors"]
    if gold["metadata"] is not None:
        dates = ev.date_scores(pred["articles"], gold["metadata"])
        figures["dates"] = {k: dates[k] for k in ("n", "exact", "share", "undated", "invented")}
        details["dates"] = dates["errors"]
        fields = ev.metadata_scores(pred["articles"], gold["metadata"])
        for field, scores in fields.items():
            figures[field] = {k: v for k, v in scores.items() if k != "errors"}
        details["metadata_fields"] = {field: scores["errors"] for field, scores in fields.items()}
    if gold["entities"] is not None:
        counts = pred["entity_counts"]
        person_gpe = ev.entity_scores(counts, gold["entities"], types=("PERSON", "GPE"))
        orgs = ev.entity_scores(counts, gold["entities"], types=("ORG",))
        every = ev.entity_scores(counts, gold["entities"], types=ALL_TYPES)
        figures["entities_person_gpe"] = _counts(person_gpe)
        figures["entities_org"] = _counts(orgs)
        figures["entities_counts"] = {"types": list(ALL_TYPES), "exact": every["exact_counts"],
                                      "n": every["gold_entities"], "share": every["exact_count_share"],
                                      "splits": every["splits"]}
        details["entities"] = every
    if gold["stances"] is not None:
        stances = ev.stance_scores(pred["stance_summary"], gold["stances"])
        figures["stance_pairs"] = _counts(stances["actors"])
        figures["stance_triples"] = _counts(stances["triples"])
        details["stances"] = stances
    if gold["factors"] is not None:
        factors = ev.factor_scores(pred["factor_summary"], gold["factors"])
        figures["factors"] = {**_counts(factors), "direction_correct": factors["direction_correct"],
                              "direction_n": factors["direction_common"],
                              "direction_accuracy": factors["direction_accuracy"]}
        details["factors"] = factors
    if gold["quantities"] is not None:
        quantities = ev.quantity_scores(pred["quantities"], gold["quantities"])
        figures["quantities"] = _counts(quantities)
        details["quantities"] = quantities
    return figures, details


def micro(figures: list[dict]) -> dict:
    """Sum the counts of several studies' figures and recompute the rates (micro-average)."""
    out: dict = {"studies": len(figures), "articles": sum(f["articles"] for f in figures)}
    for name in ("entities_person_gpe", "entities_org", "stance_pairs", "stance_triples", "quantities", "factors"):
        parts = [f[name] for f in figures if name in f]
        if parts:
            out[name] = ev.prf(*(sum(p[k] for p in parts) for k in ("tp", "fp", "fn")))
    factors = [f["factors"] for f in figures if "factors" in f]
    if factors:
        correct, n = sum(f["direction_correct"] for f in factors), sum(f["direction_n"] for f in factors)
        out["factors"].update({"direction_correct": correct, "direction_n": n,
                               "direction_accuracy": round(correct / n, 4) if n else 1.0})
    bodies = [f["body"] for f in figures if "body" in f]
    if bodies:
        n = sum(b["n"] for b in bodies)
        sums = {k: sum(b[k] for b in bodies) for k in ("both_ok", "start_ok", "end_ok")}
        out["body"] = {"n": n, **sums, **{k: round(sums[f"{k}_ok"] / n, 4) if n else 1.0
                                         for k in ("both", "start", "end")}}
    dates = [f["dates"] for f in figures if "dates" in f]
    if dates:
        n, exact = sum(d["n"] for d in dates), sum(d["exact"] for d in dates)
        out["dates"] = {"n": n, "exact": exact, "share": round(exact / n, 4) if n else 1.0,
                        "undated": sum(d["undated"] for d in dates), "invented": sum(d["invented"] for d in dates)}
    out.update(micro_metadata(figures))
    counts = [f["entities_counts"] for f in figures if "entities_counts" in f]
    if counts:
        exact, n = sum(c["exact"] for c in counts), sum(c["n"] for c in counts)
        out["entities_counts"] = {"types": list(ALL_TYPES), "exact": exact, "n": n,
                                  "share": round(exact / n, 4) if n else 1.0,
                                  "splits": sum(c["splits"] for c in counts)}
    return out


def micro_metadata(figures: list[dict]) -> dict:
    """Outlet, title and author figures summed over studies (see ``ev.metadata_scores``)."""
    out: dict = {}
    for field in ev.METADATA_FIELDS:
        parts = [f[field] for f in figures if field in f]
        if not parts:
            continue
        sums = {k: sum(p.get(k, 0) for p in parts) for k in ("n", "exact", "empty", "invented", "lenient_exact")}
        n = sums["n"]
        out[field] = {"n": n, "exact": sums["exact"], "share": round(sums["exact"] / n, 4) if n else 1.0,
                      "empty": sums["empty"], "invented": sums["invented"]}
        if field == "title":
            out[field].update({"lenient_exact": sums["lenient_exact"],
                               "lenient": round(sums["lenient_exact"] / n, 4) if n else 1.0})
    return out


# (header, width, getter) for the printed table; a getter returns a number, a string or None.
def _get(*path):
    def get(figures):
        value = figures
        for key in path:
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
        return value
    return get


COLUMNS = [
    ("art", 4, _get("articles")),
    ("body", 5, _get("body", "both")),
    ("start", 5, _get("body", "start")),
    ("end", 5, _get("body", "end")),
    ("date", 5, _get("dates", "share")),
    ("inv", 3, _get("dates", "invented")),
    ("outlet", 6, _get("outlet", "share")),
    ("o-inv", 5, _get("outlet", "invented")),
    ("title", 5, _get("title", "share")),
    ("t~", 4, _get("title", "lenient")),
    ("author", 6, _get("author", "share")),
    ("a-inv", 5, _get("author", "invented")),
    ("PG-F1", 5, _get("entities_person_gpe", "f1")),
    ("ORG-F1", 6, _get("entities_org", "f1")),
    ("cnt=", 5, _get("entities_counts", "share")),
    ("split", 5, _get("entities_counts", "splits")),
    ("st-P", 5, _get("stance_pairs", "precision")),
    ("st-R", 5, _get("stance_pairs", "recall")),
    ("tri-F1", 6, _get("stance_triples", "f1")),
    ("fac-F1", 6, _get("factors", "f1")),
    ("dir", 5, _get("factors", "direction_accuracy")),
    ("qty-F1", 6, _get("quantities", "f1")),
]

LEGEND = """\
body/start/end: share of gold articles whose cleaned body has both / the first / the last 8 words right
date: share of gold dates found exactly; inv: dates given where the gold has none
outlet, author: share of gold values found (case and spacing ignored); o-inv, a-inv: values given where
  the gold has none; title: share found exactly (spacing ignored), t~: ignoring case and punctuation too
PG-F1, ORG-F1: entity (file, canonical) F1 for PERSON+GPE and ORG; cnt=: share of gold entities
  (all types) with the exact mention count; split: gold entities spread over 2+ predicted names
st-P, st-R: stance (file, actor) precision, recall; tri-F1: (file, actor, stance) F1
fac-F1: (file, factor) F1; dir: direction accuracy on pairs found; qty-F1: (file, quantity, value) F1
micro: counts summed over the studies of the row, then the rates computed"""


def _cell(value, width: int) -> str:
    if value is None:
        text = "-"
    elif isinstance(value, float):
        text = f"{value:.2f}"
    else:
        text = str(value)
    return text.rjust(width)


def format_table(rows: list[tuple[str, dict]]) -> str:
    """One aligned line per (label, figures); a line of dashes before each 'micro' row."""
    name_width = max([len(label) for label, _ in rows] + [5])
    header = "study".ljust(name_width) + "".join(" " + h.rjust(w) for h, w, _ in COLUMNS)
    lines = [header, "-" * len(header)]
    for label, figures in rows:
        if label.startswith("micro"):
            lines.append("-" * len(header))
        lines.append(label.ljust(name_width) + "".join(" " + _cell(get(figures), w) for _, w, get in COLUMNS))
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------- reports

def _short(text, limit: int = SENTENCE_CHARS) -> str:
    text = " ".join(str(text).split()) if isinstance(text, str) else ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _evidence_lines(evidence: pd.DataFrame, file: str, column: str, value: str) -> list[str]:
    rows = evidence[(evidence["file"] == file) & (evidence[column] == value)]
    lines = []
    for r in rows.itertuples(index=False):
        r = r._asdict()
        label = r.get("stance") or r.get("direction")
        note = " (corrected away)" if r.get("corrected") is True else ""
        lines.append(f"    - predicted evidence: {label}, cue `{r.get('cue')}`{note}: {_short(r.get('sentence'))}")
    return lines or ["    - predicted evidence: none"]


def _stance_section(details: dict, pred: dict, gold: pd.DataFrame) -> list[str]:
    stances = details["stances"]
    pairs = sorted({(f, a) for f, a, _ in stances["missing"]} | {(f, a) for f, a, _ in stances["extra"]})
    gold_rows = {(r.file, r.actor): r for r in gold.itertuples(index=False)}
    summary = pred["stance_summary"]
    pred_rows = {(r.file, r.actor): r for r in summary.itertuples(index=False)}
    out = [f"## Stances ({len(pairs)} actor rows wrong)", ""]
    for f, a in pairs:
        g, p = gold_rows.get((f, a)), pred_rows.get((f, a))
        kind = "wrong stance" if g is not None and p is not None else ("missed" if g is not None else "extra")
        out.append(f"- **{kind}** `{f}` / {a}")
        if g is not None:
            out.append(f"    - gold: {g.stance} (explicit {g.explicit}), cue `{g.cue}`")
        if p is not None:
            out.append(f"    - predicted: {p.stance}, cue `{p.cue}`")
        out += _evidence_lines(pred["stance_evidence"], f, "actor", a)
    return out + [""]


def _factor_section(details: dict, pred: dict, gold: pd.DataFrame) -> list[str]:
    factors = details["factors"]
    wrong = {(f, k) for f, k, _, _ in factors["wrong_direction"]}
    pairs = sorted(set(factors["missing"]) | set(factors["extra"]) | wrong)
    gold_rows = {(r.file, r.factor): r for r in gold.itertuples(index=False)}
    pred_rows = {(r.file, r.factor): r for r in pred["factor_summary"].itertuples(index=False)}
    out = [f"## Factors ({len(factors['missing'])} missed, {len(factors['extra'])} extra, "
           f"{len(wrong)} wrong direction)", ""]
    for f, k in pairs:
        g, p = gold_rows.get((f, k)), pred_rows.get((f, k))
        kind = "wrong direction" if (f, k) in wrong else ("missed" if p is None else "extra")
        out.append(f"- **{kind}** `{f}` / {k}")
        if g is not None:
            out.append(f"    - gold: {g.direction}, cue `{g.cue}`")
        if p is not None:
            out.append(f"    - predicted: {p.direction}, cue `{p.cue}`")
        out += _evidence_lines(pred["factor_evidence"], f, "factor", k)
    return out + [""]


def _quantity_section(details: dict, pred: dict, gold: pd.DataFrame) -> list[str]:
    q = details["quantities"]
    figures = pred["quantities"]
    cues = {(r.file, r.quantity, round(float(r.value), 3)): r.cue for r in gold.itertuples(index=False)}
    out = [f"## Quantities ({len(q['missing'])} missed, {len(q['extra'])} extra)", ""]
    for f, name, value in q["missing"]:
        out.append(f"- **missed** `{f}` / {name} = {value:,.12g}, gold cue `{cues.get((f, name, value))}`")
        same = figures[(figures["file"] == f) & (figures["value"].astype(float).round(3) == value)]
        for r in same.itertuples(index=False):
            out.append(f"    - found as {r.quantity} ({r.unit}) `{r.text}`: {_short(r.sentence)}")
    for f, name, value in q["extra"]:
        out.append(f"- **extra** `{f}` / {name} = {value:,.12g}")
        same = figures[(figures["file"] == f) & (figures["quantity"] == name)
                       & (figures["value"].astype(float).round(3) == value)]
        for r in same.itertuples(index=False):
            out.append(f"    - `{r.text}` ({r.qualifier if isinstance(r.qualifier, str) else ''}): "
                       f"{_short(r.sentence)}")
    return out + [""]


def _entity_section(details: dict, pred: dict, gold: pd.DataFrame) -> list[str]:
    e = details["entities"]
    gold_rows = {(r.file, r.canonical): r for r in gold.itertuples(index=False)}
    counts = pred["entity_counts"]
    pred_rows = {(r.file, r.canonical): r for r in counts.itertuples(index=False)}
    out = [f"## Entities ({len(e['missing'])} missed, {len(e['extra'])} extra, "
           f"{len(e['count_errors'])} count errors, {e['splits']} splits)", ""]
    for f, c in e["missing"]:
        g = gold_rows[(f, c)]
        out.append(f"- **missed** `{f}` / {c} ({g.type}, {g.mentions}): {g.variants}")
    for f, c in e["extra"]:
        p = pred_rows[(f, c)]
        out.append(f"- **extra** `{f}` / {c} ({p.label}, {p.mentions}): {p.variants}")
    for f, c, want, got in e["count_errors"]:
        g, p = gold_rows[(f, c)], pred_rows.get((f, c))
        out.append(f"- **count** `{f}` / {c}: gold {want} ({g.variants}), found {got} "
                   f"({p.variants if p is not None else ''})")
    for f, c, owners in e["split_detail"]:
        out.append(f"- **split** `{f}` / {c} -> {', '.join(owners)}")
    return out + [""]


def _metadata_section(fields: dict[str, list[dict]]) -> list[str]:
    out = []
    for field, errors in fields.items():
        out += [f"## {field.capitalize()} ({len(errors)} wrong)", ""]
        for r in errors:
            kind = "invented" if not r["expected"] else ("missed" if not r["found"] else "wrong")
            out.append(f"- **{kind}** `{r['file']}`: expected `{r['expected'] or '(none)'}`, found "
                       f"`{r['found'] or '(none)'}`, provenance `{r['provenance']}`")
        out.append("")
    return out


def error_report(name: str, path: Path, figures: dict, details: dict, pred: dict,
                 gold: dict[str, pd.DataFrame | None]) -> str:
    """Markdown listing every miss and false positive of a study."""
    out = [f"# Evaluation errors: {name}", "", f"Study folder: `{path}`", ""]
    absent = [f"{table}.csv" for table, df in gold.items() if df is None]
    if absent:
        out += ["No gold " + ", ".join(f"`{a}`" for a in absent) + ": not scored.", ""]
    if figures["unmatched_gold_keys"]:
        out += ["**Gold keys with no article in the study:** "
                + ", ".join(f"`{k}`" for k in figures["unmatched_gold_keys"]), ""]
    if figures["articles_without_gold"]:
        out += ["Articles the gold does not cover (left out of the scores): "
                + ", ".join(f"`{k}`" for k in figures["articles_without_gold"]), ""]
    if "body" in details:
        out += [f"## Body boundaries ({len(details['body'])} wrong)", ""]
        for r in details["body"]:
            out.append(f"- `{r['file']}`")
            if not r["start_ok"]:
                out += [f"    - first expected: `{r['expected_first']}`", f"    - first found:    `{r['found_first']}`"]
            if not r["end_ok"]:
                out += [f"    - last expected:  `{r['expected_last']}`", f"    - last found:     `{r['found_last']}`"]
        out.append("")
    if "dates" in details:
        out += [f"## Dates ({len(details['dates'])} wrong)", ""]
        for r in details["dates"]:
            kind = "invented" if not r["expected"] else ("missed" if not r["found"] else "wrong")
            out.append(f"- **{kind}** `{r['file']}`: expected `{r['expected'] or '(none)'}`, found "
                       f"`{r['found'] or '(none)'}`, provenance `{r['provenance']}`")
        out.append("")
    if "metadata_fields" in details:
        out += _metadata_section(details["metadata_fields"])
    if "stances" in details:
        out += _stance_section(details, pred, gold["stances"])
    if "factors" in details:
        out += _factor_section(details, pred, gold["factors"])
    if "quantities" in details:
        out += _quantity_section(details, pred, gold["quantities"])
    if "entities" in details:
        out += _entity_section(details, pred, gold["entities"])
    return "\n".join(out)


def evaluate_study(path: Path, *, model: str | None = None) -> tuple[str, dict, str]:
    """(name, figures, error report markdown) of one study folder with a gold/ folder."""
    from analysis.corpus import load_study

    study = load_study(path)
    gold = {name: ev.read_gold(study.path, name) for name in GOLD_TABLES}
    pred = predict(study, model=model)
    figures, details = score_tables(pred, gold)
    figures["path"] = str(study.path)
    return study.name, figures, error_report(study.name, study.path, figures, details, pred, gold)


def evaluate(paths: list[Path], out_dir: Path | None = None, *, model: str | None = None) -> tuple[str, dict]:
    """Score every study, write ``<out>/<study>.md`` and ``<out>/scores.json``; return the printed
    table and the scores."""
    out_dir = Path(out_dir) if out_dir else REPORTS_DIR / "evaluation"
    embedded, dev, rows = {}, {}, []
    reports = {}
    for path in paths:
        name, figures, report = evaluate_study(Path(path), model=model)
        name = Path(path).name if name in embedded or name in dev else name
        (embedded if is_embedded(path) else dev)[name] = figures
        reports[name] = report
    rows = [(name, f) for name, f in embedded.items()] + [(name, f) for name, f in dev.items()]
    scores = {"studies": {**embedded, **dev}, "micro": {}}
    if embedded:
        scores["micro"]["embedded"] = micro(list(embedded.values()))
    if dev:
        scores["micro"]["dev"] = micro(list(dev.values()))
        rows.append((f"micro dev ({len(dev)})", scores["micro"]["dev"]))
    for name, report in reports.items():
        write_text(out_dir / f"{name}.md", report + "\n")
    write_text(out_dir / "scores.json", json.dumps(scores, indent=2, ensure_ascii=False) + "\n")
    return format_table(rows), scores
