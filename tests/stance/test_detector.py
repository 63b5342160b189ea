"""Stance: cues, holders, negation, hedges, the summary rule, corrections, and the embedded gold."""

import pandas as pd
import pytest

from analysis.corpus.study import load_study
from analysis.errors import StudyError
from analysis.evaluation import read_gold, stance_scores
from analysis.paths import DEFAULT_STUDY
from analysis.stance import apply_corrections, read_corrections, stance_summary

STUDY = """\
name: tiny
title: Tiny
target:
  proposition: Alpha supplies weapons to Beta
  topic_cues: [weapon, arms, missile]
  reference_cues: [such a step]
actors:
  - {id: alpha_gov, label: Government of Alpha, members: [Alpha, Alphaville, Alpha's government]}
  - {id: beta_gov, label: Government of Beta, members: [Beta, Betatown]}
  - {id: gamma_gov, label: Government of Gamma, members: [Gamma]}
  - {id: alpha_public, label: Public of Alpha, members: [Alphans, voters]}
entities:
  - {canonical: Alpha, type: GPE, actor: alpha_gov, aliases: []}
  - {canonical: Beta, type: GPE, actor: beta_gov, aliases: []}
  - {canonical: Gamma, type: GPE, actor: gamma_gov, aliases: []}
  - {canonical: John Smith, type: PERSON, actor: alpha_gov, aliases: []}
"""


@pytest.mark.model
def test_cue_matcher_matches_lemmas_and_words():
    from analysis.nlp.docs import CueMatcher
    from analysis.nlp.pipeline import build_pipeline
    from analysis.studyfile import parse_study_text

    nlp = build_pipeline(parse_study_text(STUDY))
    matcher = CueMatcher(nlp, {"against": ["rule out", "warn"], "group": ["Western country"]})
    doc = nlp("Veldora has not ruled out it. Gorvansk warned Western countries, WARNING them.")
    found = [(matcher.key(k), doc[s:e].text) for k, s, e in matcher(doc)]
    assert ("against", "ruled out") in found and ("against", "warned") in found
    assert ("group", "Western countries") in found


def _summary(make_study, text):
    from analysis.entities.mentions import extract_mentions
    from analysis.nlp.parse import parse_study
    from analysis.stance import stance_evidence

    study = load_study(make_study({"a.txt": text}, study=STUDY))
    docs = parse_study(study, use_cache=False)
    evidence = stance_evidence(study, docs, extract_mentions(study, docs))
    return evidence, dict(zip(stance_summary(evidence)["actor"], stance_summary(evidence)["stance"]))


@pytest.mark.model
@pytest.mark.parametrize("text,expected", [
    ("Beta urged Alpha to send more weapons.", {"beta_gov": "favor"}),
    ("Alpha has refused to supply lethal arms to Beta.", {"alpha_gov": "against"}),
    ("Alpha has not ruled out sending missiles to Beta.", {"alpha_gov": "undecided"}),
    ("Gamma warned Alpha that supplying weapons to Beta would destroy relations.", {"gamma_gov": "against"}),
    ("Most Alphans remain opposed to sending arms to Beta, a poll showed.", {"alpha_public": "against"}),
    ("Alpha has been under pressure from Beta to provide missiles.", {"beta_gov": "favor"}),
    ("Alpha declined to comment on whether it would send weapons to Beta.", {"alpha_gov": "undecided"}),
    ("Alpha did not refuse Beta's request for weapons.", {"beta_gov": "favor"}),
    ("“We will never send weapons to Beta,” Alpha's foreign minister John Smith said.", {"alpha_gov": "against"}),
    ("Gamma dismissed Alpha's warning about supplying missiles to Beta.", {"gamma_gov": "favor", "alpha_gov": "against"}),
    ("Alpha sent food to Beta after a storm, officials said.", {}),
])
def test_stance_sentences(make_study, text, expected):
    _, summary = _summary(make_study, text)
    assert summary == expected


@pytest.mark.model
def test_hedge_negation_and_off_topic_clause(make_study):
    evidence, summary = _summary(make_study, "Alpha could reconsider sending arms to Beta, its president said. "
                                             "Beta, which opposes Gamma, asked for missiles.")
    row = evidence[evidence["cue"] == "reconsider"].iloc[0]
    assert row["hedged"] and not row["negated"] and row["actor"] == "alpha_gov"
    assert "opposes" not in set(evidence["cue"])  # a relative clause about Gamma is not about the target


def _rows(**columns):
    base = {"article_id": "a", "file": "a.txt", "sentence_id": 0, "holder": "x", "actor": "alpha_gov",
            "stance": "favor", "cue": "c", "negated": False, "hedged": False, "past": False,
            "attribution": "reported", "sentence": "s", "evidence_id": "a:0:0"}
    return {**base, **columns}


def test_summary_rule_latest_present_unhedged_and_mixed():
    evidence = pd.DataFrame([
        _rows(stance="undecided", sentence_id=0, past=True),
        _rows(stance="against", sentence_id=1),
        _rows(stance="undecided", sentence_id=2, hedged=True),
        _rows(stance="favor", sentence_id=3, actor="beta_gov"),
    ])
    summary = stance_summary(evidence).set_index("actor")
    assert summary.at["alpha_gov", "stance"] == "against" and summary.at["alpha_gov", "mixed"]
    assert summary.at["alpha_gov", "n_evidence"] == 3 and not summary.at["beta_gov", "mixed"]


def test_corrections(make_study):
    root = make_study({"a.txt": "Alpha text here."}, study=STUDY)
    (root / "corrections.csv").write_text(
        "article,actor,stance,sentence_id,note\n"
        "a.txt,alpha_gov,wrong,1,misread\n"
        "a,beta_gov,none,,no stance\n"
        "a.txt,gamma_gov,against,,added by analyst\n")
    study = load_study(root)
    corrections = read_corrections(study)
    evidence = pd.DataFrame([_rows(sentence_id=1), _rows(sentence_id=2, stance="against"),
                             _rows(actor="beta_gov", sentence_id=3)])
    evidence, summary, n = apply_corrections(evidence, corrections)
    assert n == 3
    result = dict(zip(summary["actor"], summary["stance"]))
    assert result == {"alpha_gov": "against", "gamma_gov": "against"}
    assert evidence["corrected"].tolist() == [True, False, False]


def test_bad_correction_names_line(make_study):
    root = make_study({"a.txt": "Alpha text here."}, study=STUDY)
    (root / "corrections.csv").write_text("article,actor,stance,sentence_id\na.txt,alpha_gov,maybe,\n")
    with pytest.raises(StudyError) as info:
        read_corrections(load_study(root))
    assert info.value.line == 2 and "stance must be" in str(info.value)


@pytest.mark.model
def test_embedded_study_against_gold(embedded_study):
    from analysis.entities.mentions import extract_mentions
    from analysis.nlp.parse import parse_study
    from analysis.stance import stance_evidence

    docs = parse_study(embedded_study)
    evidence = stance_evidence(embedded_study, docs, extract_mentions(embedded_study, docs))
    scores = stance_scores(stance_summary(evidence), read_gold(DEFAULT_STUDY, "stances"))
    assert scores["triples"]["f1"] >= 0.85, scores
    assert scores["actors"]["f1"] >= 0.85, scores
    assert set(evidence["attribution"]) <= {"direct_quote", "indirect", "reported", "author"}
    quoted = evidence[evidence["attribution"] == "direct_quote"]
    assert "russia" in set(quoted["actor"])  # Rudenko's quoted warning
