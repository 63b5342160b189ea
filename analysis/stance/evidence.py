"""Stance evidence (one row per claim mapped to an actor) and the per-article summary.

An author's own recommendation ("X should approve it" with no speaker) is evidence only where the
outlet is a think tank: it goes to the study's experts actor (ruling S3); elsewhere it is the
outlet's opinion and gives no row (and is no unmapped claim either).

Summary rule: an actor's stance in an article is that of its latest evidence in article order
among present, unhedged statements (then present hedged ones, then past ones); ``mixed`` records
that its present evidence holds more than one stance.
"""

from __future__ import annotations

import pandas as pd
from spacy.tokens import Doc

from analysis.frames import iter_rows
from analysis.nlp.docs import sentence_text
from analysis.resources import word_set as words
from analysis.stance.actors import ActorMapper
from analysis.stance.attribution import subject_of
from analysis.stance.detector import Claim, run_stance_stage

EVIDENCE_COLUMNS = ["article_id", "file", "sentence_id", "holder", "actor", "stance", "cue", "negated", "hedged",
                    "past", "attribution", "sentence", "evidence_id"]
SUMMARY_COLUMNS = ["article_id", "file", "actor", "stance", "n_evidence", "mixed", "cue", "sentence_id", "corrected"]


def stance_evidence(study, docs: list[Doc], mentions: pd.DataFrame, *, nlp=None) -> pd.DataFrame:
    """One row per stance claim mapped to an actor (see ``EVIDENCE_COLUMNS``)."""
    from analysis.nlp.pipeline import build_pipeline

    nlp = nlp or build_pipeline(study.config)
    docs = run_stance_stage(nlp, study.config, docs)
    mapper = ActorMapper(study.config, mentions)
    rows = []
    for (article_id, file, outlet), doc in zip(iter_rows(study.articles, ["article_id", "file", "outlet"]), docs):
        article_mentions = mapper.article_mentions(article_id)
        author = mapper.author_actor(outlet)
        for claim in doc._.stance_claims:
            for actor, holder_text, attribution in _mapped_holders(claim, doc, mapper, article_mentions, author):
                rows.append({
                    "article_id": article_id, "file": file, "sentence_id": claim.sentence_id,
                    "holder": holder_text, "actor": actor, "stance": claim.stance, "cue": claim.cue,
                    "negated": claim.negated, "hedged": claim.hedged, "past": claim.past,
                    "attribution": attribution, "sentence": sentence_text(doc, claim.sentence_id),
                    "_order": claim.cue_start,
                })
    evidence = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS[:-1] + ["_order"])
    # The same actor, cue and stance reached twice (by grammar and by speaker) is one piece of evidence.
    evidence = evidence.drop_duplicates(["article_id", "actor", "stance", "_order"])
    evidence = evidence.sort_values(["article_id", "_order"], kind="stable").drop(columns="_order")
    evidence["evidence_id"] = [f"{a}:{s}:{i}" for i, (a, s) in enumerate(zip(evidence["article_id"],
                                                                            evidence["sentence_id"]))]
    return evidence.reset_index(drop=True)


# Verbs whose object is a document that speaks for its authors ("signed a letter urging ...").
DOCUMENT_VERBS = {"release", "issue", "sign", "publish", "write", "file", "submit"}
UNMAPPED_COLUMNS = ["article_id", "file", "sentence_id", "holder", "stance", "cue", "attribution", "sentence"]


def stance_unmapped(study, docs: list[Doc], mentions: pd.DataFrame, *, nlp=None) -> pd.DataFrame:
    """One row per stance claim whose holder maps to none of the study's actors, with holder and sentence,
    so that no claim is silently dropped. Reads the claims the stance step left on the Docs (runs it if not)."""
    if any(doc._.stance_claims is None for doc in docs):
        from analysis.nlp.pipeline import build_pipeline

        docs = run_stance_stage(nlp or build_pipeline(study.config), study.config, docs)
    mapper = ActorMapper(study.config, mentions)
    rows = []
    for (article_id, file), doc in zip(iter_rows(study.articles, ["article_id", "file"]), docs):
        article_mentions = mapper.article_mentions(article_id)
        for claim in doc._.stance_claims:
            if claim.holders[0][1] == "recommendation":
                continue  # an outlet's own recommendation is no holder's claim (ruling S3)
            if _mapped_holders(claim, doc, mapper, article_mentions):
                # a conjoined holder that maps to no actor ("Gamma and Zebulon Corp oppose it") is listed too
                grammatical = [h for h in claim.holders if h[1] not in ("indirect", "direct_quote")]
                missing = [h for h in grammatical if len(grammatical) > 1
                           and mapper.actor_for(doc[h[0]], article_mentions)[0] is None]
            else:
                missing = claim.holders[:1]
            for index, attribution in missing:
                rows.append({"article_id": article_id, "file": file, "sentence_id": claim.sentence_id,
                             "holder": mapper.actor_for(doc[index], article_mentions)[1], "stance": claim.stance,
                             "cue": claim.cue, "attribution": attribution,
                             "sentence": sentence_text(doc, claim.sentence_id)})
    return pd.DataFrame(rows, columns=UNMAPPED_COLUMNS)


def _mapped_holders(claim: Claim, doc: Doc, mapper: ActorMapper, article_mentions: list,
                    author: str | None = None):
    """Actors of a claim: every grammatical holder that maps to an actor (conjuncts), else the speaker;
    the author's own recommendation goes to ``author``, the actor of a think tank that publishes it."""
    if claim.holders and claim.holders[0][1] == "recommendation":
        return [(author, "(the publishing think tank)", "author")] if author else []
    found = []
    speaker_route = claim.holders[-1] if claim.holders and claim.holders[-1][1] in ("indirect", "direct_quote") \
        and len(claim.holders) > 1 else None
    for index, attribution in claim.holders:
        if (index, attribution) == speaker_route and found:
            break
        token = doc[index]
        actor, holder_text = mapper.actor_for(token, article_mentions)
        if actor is None and token.dep_ in ("dobj", "obj") and token.pos_ == "NOUN" \
                and token.head.lemma_.lower() in words("light_verbs") | words("reporting_verbs") | DOCUMENT_VERBS:
            agent = subject_of(token.head)  # "issued a note saying ...", "signed a letter urging ..." -> who did
            if agent is not None and agent.i != token.i:
                actor, holder_text = mapper.actor_for(agent, article_mentions)
        if actor is not None:
            found.append((actor, holder_text, attribution))
    return found


def stance_summary(evidence: pd.DataFrame) -> pd.DataFrame:
    """One row per (article, actor): the stance by the summary rule, with how much evidence and mixed."""
    if evidence.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    data = evidence.reset_index(drop=True)
    past, hedged = data["past"].astype(bool), data["hedged"].astype(bool)
    data = data.assign(_rank=(~past).astype(int) + (~past & ~hedged).astype(int), _order=range(len(data)))
    keys = ["article_id", "file", "actor"]
    grouped = data.groupby(keys, sort=False)
    best = data.sort_values(["_rank", "_order"]).groupby(keys, sort=False).tail(1).set_index(keys)
    table = pd.DataFrame({
        "first": grouped["_order"].min(),
        "n_evidence": grouped.size(),
        "mixed": data[~past].groupby(keys, sort=False)["stance"].nunique().gt(1),
    }).join(best[["stance", "cue", "sentence_id"]])
    table["mixed"] = table["mixed"].fillna(False).astype(bool)
    table = table.sort_values("first").reset_index()
    table["sentence_id"] = table["sentence_id"].astype(int)
    table["corrected"] = False
    return table[SUMMARY_COLUMNS]
