"""The analyst's corrections.csv: read and validated, then applied to stance evidence and summary."""

from __future__ import annotations

import pandas as pd

from analysis.stance.evidence import stance_summary

CORRECTION_STANCES = {"favor", "against", "undecided", "none", "wrong"}


def read_corrections(study, *, strict: bool = True) -> pd.DataFrame:
    """The study's ``corrections.csv`` (article, actor, stance, sentence_id, note), validated.

    ``stance`` favor/against/undecided sets an actor's stance in an article, ``none`` removes it;
    ``wrong`` with a ``sentence_id`` marks that actor's evidence in that sentence as wrong.

    With ``strict=False`` (one partition of a large corpus), rows for articles outside
    ``study.articles`` are skipped instead of refused.

    Raises:
        StudyError: naming the file and line of an invalid row.
    """
    from analysis.errors import StudyError

    path = study.path / "corrections.csv"
    columns = ["article", "actor", "stance", "sentence_id", "note", "line"]
    if not path.exists():
        return pd.DataFrame(columns=columns)
    import csv

    rows = []
    known_articles = set(study.articles["article_id"]) | set(study.articles["file"])
    actors = set(study.config.actor_ids())
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StudyError(f"not valid UTF-8 (byte {exc.start}); save corrections.csv as UTF-8",
                         file=str(path)) from None
    except OSError as exc:
        raise StudyError(f"cannot be read ({exc.strerror})", file=str(path)) from None
    import io

    with io.StringIO(text, newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            line = reader.line_num
            article, actor = (row.get("article") or "").strip(), (row.get("actor") or "").strip()
            stance, sentence = (row.get("stance") or "").strip().lower(), (row.get("sentence_id") or "").strip()
            if article not in known_articles and not strict:
                continue
            if article not in known_articles:
                raise StudyError(f"unknown article {article!r} (use a file name or article_id)", file=str(path), line=line)
            if actor not in actors:
                raise StudyError(f"unknown actor {actor!r}; actors: {', '.join(sorted(actors))}", file=str(path), line=line)
            if stance not in CORRECTION_STANCES:
                raise StudyError(f"stance must be one of {', '.join(sorted(CORRECTION_STANCES))}", file=str(path), line=line)
            if stance == "wrong" and not sentence.isdigit():
                raise StudyError("a 'wrong' row needs the sentence_id of the evidence", file=str(path), line=line)
            rows.append({"article": article, "actor": actor, "stance": stance,
                         "sentence_id": int(sentence) if sentence.isdigit() else None,
                         "note": row.get("note") or "", "line": line})
    return pd.DataFrame(rows, columns=columns)


def _article_key(frame: pd.DataFrame, article: str) -> pd.Series:
    return (frame["article_id"] == article) | (frame["file"] == article)


def apply_corrections(evidence: pd.DataFrame, corrections: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Evidence without rows marked wrong, the summary with analysts' stances, and how many results changed."""
    evidence = evidence.copy()
    evidence["corrected"] = False
    n = 0
    for row in corrections[corrections["stance"] == "wrong"].itertuples():
        hit = _article_key(evidence, row.article) & (evidence["actor"] == row.actor) & (
            evidence["sentence_id"] == row.sentence_id)
        if not hit.any():
            from analysis.errors import StudyError

            raise StudyError(f"no evidence for actor {row.actor!r} in sentence {row.sentence_id} of "
                             f"{row.article!r}; check the sentence_id against stance_evidence.csv",
                             file="corrections.csv", line=int(row.line) if pd.notna(row.line) else None)
        n += int(hit.sum())
        evidence.loc[hit, "corrected"] = True
    kept = evidence[~evidence["corrected"]]
    summary = stance_summary(kept)
    for row in corrections[corrections["stance"] != "wrong"].itertuples():
        hit = _article_key(summary, row.article) & (summary["actor"] == row.actor)
        if row.stance == "none":
            n += int(hit.sum())
            summary = summary[~hit]
            continue
        if hit.any():
            summary.loc[hit, ["stance", "corrected"]] = [row.stance, True]
        else:
            match = evidence if _article_key(evidence, row.article).any() else None
            article_id, file = (row.article, row.article)
            if match is not None:
                first = match[_article_key(match, row.article)].iloc[0]
                article_id, file = first["article_id"], first["file"]
            summary = pd.concat([summary, pd.DataFrame([{
                "article_id": article_id, "file": file, "actor": row.actor, "stance": row.stance,
                "n_evidence": 0, "mixed": False, "cue": "analyst correction", "sentence_id": -1,
                "corrected": True}])], ignore_index=True)
        n += 1
    return evidence, summary.reset_index(drop=True), n


def downstream_evidence(evidence: pd.DataFrame, corrections: pd.DataFrame) -> pd.DataFrame:
    """The stance evidence later steps (factor directions) read, with the analyst's corrections:
    rows marked wrong are dropped, an actor's stance set in an article replaces the stance of its
    evidence there, and an actor removed from an article (``none``) loses its evidence there."""
    kept = evidence[~evidence["corrected"].astype(bool)].copy()
    for row in corrections[corrections["stance"] != "wrong"].itertuples():
        hit = _article_key(kept, row.article) & (kept["actor"] == row.actor)
        if row.stance == "none":
            kept = kept[~hit]
        else:
            kept.loc[hit, "stance"] = row.stance
    return kept.reset_index(drop=True)
