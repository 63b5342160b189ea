"""How far the machine agrees with the analyst's hand coding (a study's ``gold/`` folder).

The analyst may code only some articles. An article counts as **coded** when its gold name (``FILE``
or ``FILE#N``, see ``analysis.evaluation.gold_key``) appears in at least one gold file of the study
(body, metadata, entities, stances, factors, quantities): in a coded article, an actor or factor
without a gold row is one the analyst found absent. Agreement is computed over the coded articles
only; the machine's results in the other articles are not compared. Gold rows naming no article of
the study are listed (``agreement_gold_files``) and left out.

The figures come from ``analysis.evaluation``'s scorers (``stance_scores``, ``factor_scores``) run
per actor and per factor; Cohen's kappa is computed here over the coded articles, each (article,
actor) or (article, factor) taking one category: the stance or direction, or ``none``.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pandas as pd

from analysis import evaluation as ev

NONE = "none"
TABLE_NAMES = ("agreement_gold_files", "agreement_articles", "agreement_actors", "agreement_factors",
               "agreement_disagreements")
GOLD_FILE_COLUMNS = ["gold_file", "present", "rows", "articles", "unknown_files", "used_for"]
ARTICLE_COLUMNS = ["article_id", "file", "coded", "gold_files"]
_COUNTS = ["coded_articles", "analyst_rows", "machine_rows", "found", "missed", "extra"]
ACTOR_COLUMNS = ["actor", "label", *_COUNTS, "same_stance", "stance_agreement", "article_agreement", "kappa"]
FACTOR_COLUMNS = ["factor", "label", *_COUNTS, "precision", "recall", "same_direction", "direction_agreement",
                  "article_agreement", "kappa"]
DISAGREEMENT_COLUMNS = ["article_id", "file", "kind", "item", "label", "disagreement", "analyst_value",
                        "analyst_explicit", "analyst_cue", "machine_value", "machine_cue", "machine_sentence",
                        "machine_corrected"]
USED_FOR = {"body": "coded articles", "metadata": "coded articles", "entities": "coded articles",
            "stances": "coded articles; actors", "factors": "coded articles; factors",
            "quantities": "coded articles"}
ALL = "(all)"  # the first row of the actor and factor tables pools every actor or factor


def empty_tables() -> dict[str, pd.DataFrame]:
    """The five agreement tables with their columns and no rows (a study without ``gold/``)."""
    columns = [GOLD_FILE_COLUMNS, ARTICLE_COLUMNS, ACTOR_COLUMNS, FACTOR_COLUMNS, DISAGREEMENT_COLUMNS]
    return {name: pd.DataFrame(columns=cols) for name, cols in zip(TABLE_NAMES, columns)}


def read_gold_folder(study_dir: Path) -> dict[str, pd.DataFrame | None] | None:
    """Every gold table of a study by name (None where the CSV is missing); None without ``gold/``."""
    if not (Path(study_dir) / "gold").is_dir():
        return None
    return {name: ev.read_gold(study_dir, name) for name in ev.GOLD_TABLES}


def cohen_kappa(first: list[str], second: list[str]) -> float:
    """Cohen's kappa of two codings of the same units (NaN when there are none or chance agreement is 1)."""
    n = len(first)
    if n == 0:
        return math.nan
    observed = sum(a == b for a, b in zip(first, second)) / n
    a_counts, b_counts = Counter(first), Counter(second)
    expected = sum(a_counts[k] * b_counts[k] for k in a_counts) / n ** 2
    return math.nan if expected == 1 else round((observed - expected) / (1 - expected), 4)


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else math.nan


def _coded_articles(articles: pd.DataFrame, gold: dict) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """(agreement_gold_files, agreement_articles, the coded articles' gold keys in article order)."""
    keys = dict(zip(articles["article_id"], [ev.gold_key(f, r) for f, r in zip(articles["file"], articles["record"])]))
    known = set(keys.values())
    files, listed = [], {}
    for name in ev.GOLD_TABLES:
        table = gold[name]
        named = set() if table is None else set(table["file"])
        for key in sorted(named & known):
            listed.setdefault(key, []).append(name)
        files.append({"gold_file": f"{name}.csv", "present": table is not None,
                      "rows": 0 if table is None else len(table), "articles": len(named & known),
                      "unknown_files": ", ".join(sorted(named - known)), "used_for": USED_FOR[name]})
    rows = [{"article_id": a, "file": k, "coded": k in listed, "gold_files": ", ".join(listed.get(k, []))}
            for a, k in keys.items()]
    coded = [k for k in keys.values() if k in listed]
    return pd.DataFrame(files, columns=GOLD_FILE_COLUMNS), pd.DataFrame(rows, columns=ARTICLE_COLUMNS), coded


def _categories(table: pd.DataFrame, item: str, value: str, items: list[str], coded: list[str]) -> list[str]:
    """One category per (item, coded article): the ``value`` of its row in ``table``, or ``none``."""
    values = dict(zip(zip(table[item], table["file"]), table[value]))
    return [values.get((one, f), NONE) for one in items for f in coded]


def _item_row(items: list[str], label: str, coded: list[str], gold: pd.DataFrame, pred: pd.DataFrame,
              item: str, value: str) -> dict:
    """Counts, article-level agreement and kappa of one actor or factor (or several pooled), over the
    (item, coded article) units; ``gold`` and ``pred`` hold only coded articles."""
    analyst, machine = (_categories(t, item, value, items, coded) for t in (gold, pred))
    same = sum(a == m for a, m in zip(analyst, machine))
    return {"label": label, "coded_articles": len(coded), "analyst_rows": len(gold), "machine_rows": len(pred),
            "article_agreement": _share(same, len(analyst)), "kappa": cohen_kappa(analyst, machine)}


def _item_table(kind: str, labels: dict[str, str], coded: list[str], gold: pd.DataFrame, pred: pd.DataFrame,
                value: str, score, columns: list[str]) -> pd.DataFrame:
    """One row per actor or factor (``kind``), the pooled row first: the shared counts of ``_item_row``
    and the scorer's own columns (``score(pred, gold)`` returns them as a dict)."""
    items = list(labels) + sorted((set(gold[kind]) | set(pred[kind])) - set(labels))
    rows = []
    for one in [ALL, *items]:
        g = gold if one == ALL else gold[gold[kind] == one]
        p = pred if one == ALL else pred[pred[kind] == one]
        label = f"all {kind}s" if one == ALL else labels.get(one, one)
        rows.append({kind: one, **_item_row(items if one == ALL else [one], label, coded, g, p, kind, value),
                     **score(p, g)})
    return pd.DataFrame(rows, columns=columns)


def _stance_columns(pred: pd.DataFrame, gold: pd.DataFrame) -> dict:
    scores = ev.stance_scores(pred, gold)
    pairs, triples = scores["actors"], scores["triples"]
    return {"found": pairs["tp"], "missed": pairs["fn"], "extra": pairs["fp"], "same_stance": triples["tp"],
            "stance_agreement": _share(triples["tp"], len(gold))}


def _factor_columns(pred: pd.DataFrame, gold: pd.DataFrame) -> dict:
    scores = ev.factor_scores(pred, gold)
    return {"found": scores["tp"], "missed": scores["fn"], "extra": scores["fp"],
            "precision": scores["precision"] if scores["tp"] + scores["fp"] else math.nan,
            "recall": scores["recall"] if scores["tp"] + scores["fn"] else math.nan,
            "same_direction": scores["direction_correct"],
            "direction_agreement": _share(scores["direction_correct"], scores["direction_common"])}


def _actor_table(config, coded: list[str], gold: pd.DataFrame, pred: pd.DataFrame) -> pd.DataFrame:
    return _item_table("actor", {a.id: a.label for a in config.actors}, coded, gold, pred, "stance",
                       _stance_columns, ACTOR_COLUMNS)


def _factor_table(config, coded: list[str], gold: pd.DataFrame, pred: pd.DataFrame) -> pd.DataFrame:
    return _item_table("factor", {f.id: f.label for f in config.factors}, coded, gold, pred, "direction",
                       _factor_columns, FACTOR_COLUMNS)


def _sentences(evidence: pd.DataFrame, item: str) -> dict:
    """(gold key, item, sentence_id) -> the evidence sentence."""
    return {(f, i, int(s)): text for f, i, s, text in
            zip(evidence["file"], evidence[item], evidence["sentence_id"], evidence["sentence"])}


def _disagreements(item: str, value: str, labels: dict, gold: pd.DataFrame, pred: pd.DataFrame,
                   evidence: pd.DataFrame, ids: dict[str, str]) -> list[dict]:
    gold_rows = {(r["file"], r[item]): r for r in gold.to_dict("records")}
    pred_rows = {(r["file"], r[item]): r for r in pred.to_dict("records")}
    sentences = _sentences(evidence, item)
    rows = []
    for key in sorted(set(gold_rows) | set(pred_rows)):
        g, p = gold_rows.get(key), pred_rows.get(key)
        if g is not None and p is not None and g[value] == p[value]:
            continue
        kind_of = "missed" if p is None else "extra" if g is None else f"different {value}"
        sentence_id = None if p is None or pd.isna(p.get("sentence_id")) else int(p["sentence_id"])
        rows.append({"article_id": ids[key[0]], "file": key[0], "kind": item, "item": key[1],
                     "label": labels.get(key[1], key[1]), "disagreement": kind_of,
                     "analyst_value": NONE if g is None else g[value],
                     "analyst_explicit": "" if g is None else g.get("explicit", ""),
                     "analyst_cue": "" if g is None else g["cue"],
                     "machine_value": NONE if p is None else p[value],
                     "machine_cue": "" if p is None else p["cue"],
                     "machine_sentence": "" if p is None else sentences.get((key[0], key[1], sentence_id), ""),
                     "machine_corrected": p is not None and bool(p.get("corrected")) and pd.notna(p.get("corrected"))})
    return rows


def agreement_tables(study, stance_summary: pd.DataFrame, stance_evidence: pd.DataFrame,
                     factor_summary: pd.DataFrame, factor_evidence: pd.DataFrame) -> tuple[pd.DataFrame, ...]:
    """The five agreement tables (``TABLE_NAMES``) of a study against its ``gold/`` folder.

    ``study`` is a loaded ``Study`` or the notebooks' ``Results`` (``path``, ``config``, ``articles``
    with ``article_id``, ``file``, ``record``). Without ``gold/`` every table is empty; a missing gold
    CSV leaves its table empty (``agreement_gold_files`` says which are present).
    """
    gold = read_gold_folder(study.path)
    tables = empty_tables()
    if gold is None:
        return tuple(tables.values())
    articles = study.articles
    tables["agreement_gold_files"], tables["agreement_articles"], coded = _coded_articles(articles, gold)
    ids = {ev.gold_key(f, r): a for a, f, r in zip(articles["article_id"], articles["file"], articles["record"])}
    rows = []
    for name, item, value, summary, evidence, build in (
            ("stances", "actor", "stance", stance_summary, stance_evidence, _actor_table),
            ("factors", "factor", "direction", factor_summary, factor_evidence, _factor_table)):
        if gold[name] is None:
            continue
        g = gold[name][gold[name]["file"].isin(coded)]
        p = ev.keyed(summary, articles)
        p = p[p["file"].isin(coded)]
        tables[f"agreement_{item}s"] = build(study.config, coded, g, p)
        labels = dict(zip(tables[f"agreement_{item}s"][item], tables[f"agreement_{item}s"]["label"]))
        rows += _disagreements(item, value, labels, g, p,
                               ev.keyed(evidence, articles), ids)
    tables["agreement_disagreements"] = pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS)
    return tuple(tables.values())


def from_results(results) -> dict[str, pd.DataFrame]:
    """The agreement tables of the notebooks' ``Results`` (the pipeline computes them, also for
    results read from a partitioned store)."""
    return {name: results[name] for name in TABLE_NAMES}
