"""Scores against hand-made gold (a study's ``gold/`` folder), as the project's checks compute them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

BODY_WORDS = 8  # gold body.csv holds the first and last 8 whitespace tokens of the body
# gold/<name>.csv and the columns each must have (../shared/devset/README.md, docs/annotation.md)
GOLD_COLUMNS = {
    "body": ("file", "body_first_words", "body_last_words"),
    "metadata": ("file", "title", "published", "outlet", "author"),
    "entities": ("file", "canonical", "type", "mentions", "variants"),
    "stances": ("file", "actor", "stance", "explicit", "cue"),
    "factors": ("file", "factor", "direction", "cue"),
    "quantities": ("file", "quantity", "value", "cue"),
}
GOLD_TABLES = tuple(GOLD_COLUMNS)


def gold_key(file: str, record) -> str:
    """The gold's name of an article: the file name, or ``FILE#N`` (1-based) for record N of a
    multi-article file (``wire.jsonl#2``). The project's articles table keeps the file name in
    ``file`` and the 1-based record number in ``record`` (missing for one-article files)."""
    return file if record is None or pd.isna(record) else f"{file}#{int(record)}"


def article_keys(articles: pd.DataFrame) -> dict[str, str]:
    """article_id -> gold key, from a study's articles table (``file`` and ``record`` columns)."""
    return {a: gold_key(f, r) for a, f, r in zip(articles["article_id"], articles["file"], articles["record"])}


def keyed(table: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """A copy of a per-article table whose ``file`` column holds the gold key of its ``article_id``,
    so the two records of ``wire.jsonl`` score as ``wire.jsonl#1`` and ``wire.jsonl#2``."""
    keys = article_keys(articles)
    out = table.copy()
    out["file"] = [keys.get(a, f) for a, f in zip(out["article_id"], out["file"])]
    return out


def read_gold(study_dir: Path, name: str) -> pd.DataFrame | None:
    """``gold/<name>.csv`` of a study, or None when the study has none.

    Raises:
        StudyError: the file lacks a column the scorers need (named, with the header line), or
            cannot be read as CSV.
    """
    from analysis.errors import StudyError

    path = Path(study_dir) / "gold" / f"{name}.csv"
    if not path.exists():
        return None
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise StudyError(f"gold file cannot be read as CSV: {exc}", file=str(path)) from None
    missing = [c for c in GOLD_COLUMNS.get(name, ()) if c not in table.columns]
    if missing:
        raise StudyError(f"gold file lacks column(s) {', '.join(missing)}; its header must be "
                         f"{','.join(GOLD_COLUMNS[name])}", file=str(path), line=1)
    return table


def prf(tp: int, fp: int, fn: int) -> dict:
    """Precision, recall and F1 from counts (1.0 where nothing was expected nor found)."""
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(f1, 4)}


def entity_scores(counts: pd.DataFrame, gold: pd.DataFrame, *, types: tuple[str, ...] = ("PERSON", "GPE"),
                  files: list[str] | None = None) -> dict:
    """(file, canonical) F1 for the given types, splits and the share of exact mention counts.

    A split is a gold entity whose surface forms went to two or more predicted canonical names in
    the same file.
    """
    gold = gold[gold["type"].isin(types)].copy()
    pred = counts[counts["label"].isin(types)].copy()
    if files is not None:
        gold, pred = gold[gold["file"].isin(files)], pred[pred["file"].isin(files)]
    gold_keys = set(zip(gold["file"], gold["canonical"]))
    pred_keys = set(zip(pred["file"], pred["canonical"]))
    scores = prf(len(gold_keys & pred_keys), len(pred_keys - gold_keys), len(gold_keys - pred_keys))
    # One count per (file, canonical): a plain lookup, safe when ``file`` is not unique per article
    # (several records of one file given the same file name), where ``.at`` on the index failed.
    pred_mentions = pred.groupby(["file", "canonical"])["mentions"].sum().astype(int).to_dict()
    exact = [pred_mentions.get((f, c)) == int(m)
             for f, c, m in zip(gold["file"], gold["canonical"], gold["mentions"])]
    splits = []
    for f, c, variants in zip(gold["file"], gold["canonical"], gold["variants"]):
        forms = set(variants.split("|"))
        owners = {pc for pf, pc, pv in zip(pred["file"], pred["canonical"], pred["variants"])
                  if pf == f and forms & set(pv.split("|"))}
        if len(owners) > 1:
            splits.append((f, c, sorted(owners)))
    scores.update({"exact_count_share": round(sum(exact) / len(exact), 4) if exact else 1.0,
                   "exact_counts": sum(exact), "gold_entities": len(exact),
                   "splits": len(splits), "split_detail": splits,
                   "missing": sorted(gold_keys - pred_keys), "extra": sorted(pred_keys - gold_keys),
                   "count_errors": sorted((f, c, int(m), pred_mentions[(f, c)])
                                          for f, c, m in zip(gold["file"], gold["canonical"], gold["mentions"])
                                          if (f, c) in pred_mentions and pred_mentions[(f, c)] != int(m))})
    return scores


def stance_scores(summary: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """F1 on (file, actor, stance) triples and on (file, actor) pairs (who takes a stance at all)."""
    gold_triples = set(zip(gold["file"], gold["actor"], gold["stance"]))
    pred_triples = set(zip(summary["file"], summary["actor"], summary["stance"]))
    triples = prf(len(gold_triples & pred_triples), len(pred_triples - gold_triples),
                  len(gold_triples - pred_triples))
    gold_pairs = {(f, a) for f, a, _ in gold_triples}
    pred_pairs = {(f, a) for f, a, _ in pred_triples}
    pairs = prf(len(gold_pairs & pred_pairs), len(pred_pairs - gold_pairs), len(gold_pairs - pred_pairs))
    return {"triples": triples, "actors": pairs,
            "missing": sorted(gold_triples - pred_triples), "extra": sorted(pred_triples - gold_triples)}


def factor_scores(summary: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """F1 on (file, factor) and direction accuracy on the pairs found in both."""
    gold_pairs = dict(zip(zip(gold["file"], gold["factor"]), gold["direction"]))
    pred_pairs = dict(zip(zip(summary["file"], summary["factor"]), summary["direction"]))
    common = set(gold_pairs) & set(pred_pairs)
    scores = prf(len(common), len(set(pred_pairs) - set(gold_pairs)), len(set(gold_pairs) - set(pred_pairs)))
    correct = sum(gold_pairs[k] == pred_pairs[k] for k in common)
    scores["direction_accuracy"] = round(correct / len(common), 4) if common else 1.0
    scores["direction_correct"], scores["direction_common"] = correct, len(common)
    scores["wrong_direction"] = sorted((f, k, gold_pairs[(f, k)], pred_pairs[(f, k)])
                                       for f, k in common if gold_pairs[(f, k)] != pred_pairs[(f, k)])
    scores["missing"] = sorted(set(gold_pairs) - set(pred_pairs))
    scores["extra"] = sorted(set(pred_pairs) - set(gold_pairs))
    return scores


def quantity_scores(figures: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """F1 on (file, quantity, value) for the study's quantities (gold's poll_other_pct matches any
    other percentage)."""
    def norm(value) -> float:
        return round(float(value), 3)

    gold_set = {(f, q, norm(v)) for f, q, v in zip(gold["file"], gold["quantity"], gold["value"])}
    studied = figures[figures["quantity"] != "other"]
    pred_set = {(f, q, norm(v)) for f, q, v in zip(studied["file"], studied["quantity"], studied["value"])}
    others = figures[(figures["quantity"] == "other") & (figures["unit"] == "percent")]
    pred_set |= {(f, "poll_other_pct", norm(v)) for f, v in zip(others["file"], others["value"])
                 if (f, "poll_other_pct", norm(v)) in gold_set}
    scores = prf(len(gold_set & pred_set), len(pred_set - gold_set), len(gold_set - pred_set))
    scores["missing"], scores["extra"] = sorted(gold_set - pred_set), sorted(pred_set - gold_set)
    return scores


def first_last_words(body: str, n: int = BODY_WORDS) -> tuple[str, str]:
    """The first and last ``n`` whitespace tokens of a body, each joined by single spaces."""
    tokens = str(body).split()
    return " ".join(tokens[:n]), " ".join(tokens[-n:])


def body_scores(articles: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Body boundaries against gold body.csv: per gold row, whether the first and the last 8
    whitespace tokens of the cleaned body equal the gold's (whitespace runs count as one space).
    ``both`` is the share with both ends right, ``start`` and ``end`` the shares with that end right.
    ``articles`` must carry gold keys in ``file`` (see ``keyed``) and a ``body`` column."""
    bodies = dict(zip(articles["file"], articles["body"]))
    rows, unmatched = [], []
    for f, first, last in zip(gold["file"], gold["body_first_words"], gold["body_last_words"]):
        if f not in bodies:
            unmatched.append(f)
            found_first = found_last = ""
        else:
            found_first, found_last = first_last_words(bodies[f] if isinstance(bodies[f], str) else "")
        want_first, want_last = " ".join(first.split()), " ".join(last.split())
        rows.append({"file": f, "start_ok": found_first == want_first, "end_ok": found_last == want_last,
                     "expected_first": want_first, "found_first": found_first,
                     "expected_last": want_last, "found_last": found_last})
    n = len(rows)
    counts = {"n": n, "both_ok": sum(r["start_ok"] and r["end_ok"] for r in rows),
              "start_ok": sum(r["start_ok"] for r in rows), "end_ok": sum(r["end_ok"] for r in rows)}
    return {**counts, **{k: round(counts[f"{k}_ok"] / n, 4) if n else 1.0 for k in ("both", "start", "end")},
            "errors": [r for r in rows if not (r["start_ok"] and r["end_ok"])], "unmatched": unmatched}


def _date(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()


def date_scores(articles: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Publication dates against gold metadata.csv: of the gold rows with a ``published`` date, the
    share found exactly; ``invented`` counts dates given where the gold has none. ``articles`` must
    carry gold keys in ``file`` and ``published``/``provenance`` columns."""
    found = dict(zip(articles["file"], articles["published"]))
    provenance = dict(zip(articles["file"], articles.get("provenance", pd.Series([""] * len(articles)))))
    dated, exact, invented, errors, unmatched = 0, 0, 0, [], []
    for f, want in zip(gold["file"], gold["published"]):
        if f not in found:
            unmatched.append(f)
        want, got = _date(want), _date(found.get(f))
        if want:
            dated += 1
            exact += got == want
        elif got:
            invented += 1
        if got != want:
            errors.append({"file": f, "expected": want, "found": got, "provenance": _date(provenance.get(f))})
    return {"n": dated, "exact": exact, "share": round(exact / dated, 4) if dated else 1.0,
            "undated": len(gold) - dated, "invented": invented, "errors": errors, "unmatched": unmatched}


# ------------------------------------------------------------------------------------ metadata fields

METADATA_FIELDS = ("outlet", "title", "author")


def _fold(value: str, *, case: bool) -> str:
    """Whitespace runs as one space, ends stripped; lower case too when ``case``."""
    text = " ".join(_date(value).split())
    return text.casefold() if case else text


def _lenient_title(value: str) -> str:
    """A title reduced to its lower-case letters and digits (quotes, dashes and case ignored)."""
    return "".join(ch for ch in _date(value).casefold() if ch.isalnum())


def metadata_scores(articles: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Outlet, title and author against gold metadata.csv. Per field: of the gold rows with a value,
    the share found exactly (``share``; outlet and author after whitespace and case folding, title
    after whitespace folding only) and ``invented``: values given where the gold has none. For the
    title also ``lenient``: equal once case, punctuation and spacing are ignored. ``articles`` must
    carry gold keys in ``file`` and the three columns (a missing value is NaN, None or '')."""
    found = {field: dict(zip(articles["file"], articles[field])) if field in articles.columns else {}
             for field in METADATA_FIELDS}
    provenance = dict(zip(articles["file"], articles["provenance"])) if "provenance" in articles.columns else {}
    out: dict = {}
    for field in METADATA_FIELDS:
        n = exact = lenient = invented = 0
        errors = []
        for f, want_raw in zip(gold["file"], gold[field]):
            got_raw = found[field].get(f)
            case = field != "title"
            want, got = _fold(want_raw, case=case), _fold(got_raw, case=case)
            if want:
                n += 1
                exact += got == want
                lenient += bool(got) and _lenient_title(got) == _lenient_title(want)
            elif got:
                invented += 1
            if got != want:
                errors.append({"file": f, "expected": _fold(want_raw, case=False),
                               "found": _fold(got_raw, case=False), "provenance": _date(provenance.get(f))})
        scores = {"n": n, "exact": exact, "share": round(exact / n, 4) if n else 1.0,
                  "empty": len(gold) - n, "invented": invented, "errors": errors}
        if field == "title":
            scores.update({"lenient_exact": lenient, "lenient": round(lenient / n, 4) if n else 1.0})
        out[field] = scores
    return out
