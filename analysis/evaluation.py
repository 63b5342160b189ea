"""Scores against hand-made gold (a study's ``gold/`` folder), as the project's checks compute them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def read_gold(study_dir: Path, name: str) -> pd.DataFrame | None:
    """``gold/<name>.csv`` of a study, or None when the study has none."""
    path = Path(study_dir) / "gold" / f"{name}.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else None


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
    pred_index = pred.set_index(["file", "canonical"])
    exact = [int(pred_index.at[(f, c), "mentions"]) == int(m) if (f, c) in pred_index.index else False
             for f, c, m in zip(gold["file"], gold["canonical"], gold["mentions"])]
    splits = []
    for f, c, variants in zip(gold["file"], gold["canonical"], gold["variants"]):
        forms = set(variants.split("|"))
        owners = {pc for pf, pc, pv in zip(pred["file"], pred["canonical"], pred["variants"])
                  if pf == f and forms & set(pv.split("|"))}
        if len(owners) > 1:
            splits.append((f, c, sorted(owners)))
    scores.update({"exact_count_share": round(sum(exact) / len(exact), 4) if exact else 1.0,
                   "splits": len(splits), "split_detail": splits})
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
    return prf(len(gold_set & pred_set), len(pred_set - gold_set), len(gold_set - pred_set))
