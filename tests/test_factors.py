"""Pressure factors and quantities: detection, direction, normalization, and the embedded gold."""

import pandas as pd
import pytest

from analysis.corpus.study import load_study
from analysis.evaluation import factor_scores, quantity_scores, read_gold
from analysis.factors import factor_summary
from analysis.paths import DEFAULT_STUDY

pytestmark = pytest.mark.model

STUDY = """\
name: tiny
title: Tiny
target:
  proposition: Alpha supplies weapons to Beta
  topic_cues: [weapon, arms]
actors:
  - {id: alpha_public, label: Public of Alpha, members: [Alphans]}
  - {id: gamma_gov, label: Government of Gamma, members: [Gamma]}
entities:
  - {canonical: Gamma, type: GPE, actor: gamma_gov, aliases: []}
factors:
  - {id: opinion, label: Public opinion, direction: away, cues: [poll, survey, public support],
     toward_cues: [support, favor], away_cues: [oppose, against], actors: [alpha_public]}
  - {id: gamma_pressure, label: Gamma's pressure, direction: away, cues: [warn, retaliate],
     context: [Gamma], actors: [gamma_gov]}
quantities:
  - {id: troops, label: Gamma troops, unit: count, cues: [troop, soldier], context: [Gamma]}
  - {id: oppose_pct, label: Share opposing, unit: percent, cues: [oppose]}
"""


def _run(make_study, text, study=STUDY):
    from analysis.entities.mentions import extract_mentions
    from analysis.factors import factor_evidence
    from analysis.nlp.parse import parse_study
    from analysis.quantities import quantity_table
    from analysis.stance import stance_evidence

    study = load_study(make_study({"a.txt": text}, study=study))
    docs = parse_study(study, use_cache=False)
    stance_rows = stance_evidence(study, docs, extract_mentions(study, docs))
    return factor_evidence(study, docs, stance_rows), quantity_table(study, docs)


@pytest.mark.parametrize("text,expected", [
    ("A poll showed 61% of Alphans oppose sending arms to Beta.", {"opinion": "away"}),
    ("A new survey found that a majority of Alphans support sending arms to Beta.", {"opinion": "toward"}),
    ("Limited public support for arms shipments worries the cabinet.", {"opinion": "away"}),
    ("Gamma warned it would retaliate if Alpha sent weapons to Beta.", {"gamma_pressure": "away"}),
    ("Analysts warned that Alpha's stockpiles are low.", {}),  # no Gamma in the sentence
    # a pressure dismissed where it is raised is mixed (rulings F1, F3): a dismissal verb takes the cue as
    # object, or a word denying its force stands beside it
    ("Beta's envoy dismissed the new survey of Alphans as worthless.", {"opinion": "mixed"}),
    # a pressure stated only to be denied points the other way (ruling F2): "is no obstacle", "nothing ... bars"
    ("Zorblat writers said the latest survey is no obstacle to the weapons plan.", {"opinion": "toward"}),
    ("Zorblat writers said the so-called poll on Beta was worthless.", {"opinion": "mixed"}),
    # ... also when the cue lies deep in the subject of a dismissing predicate
    ("Fears of the survey turning Zorblat voters sour are overblown.", {"opinion": "mixed"}),
    # ... or by a relative clause on a noun summing up the cue's clause
    ("Gamma vowed to retaliate against Alpha, a threat that Zorblat clerks dismissed as bluster.",
     {"gamma_pressure": "mixed"}),
    ("Gamma has warned it would retaliate, a threat that Zorblat clerks dismissed as a bluff.",
     {"gamma_pressure": "mixed"}),
    # ... or when the next sentence is a short retort to what the cue's sentence states
    ("Gamma warned it would retaliate against Alpha. Let them.", {"gamma_pressure": "mixed"}),
    ("Gamma closed the survey office in Alpha. Let them.", {"opinion": "away"}),  # not what is stated
    # a pressure raised and countered in the text is mixed (ruling F1): a sentence opened by a concessive
    # word ("Yes, ..."), a "but" clause that says "not" after it, or a next sentence opening with "But"
    ("Yes, a survey shows most Alphans oppose arms for Beta.", {"opinion": "mixed"}),
    ("And yes, a survey shows most Alphans oppose arms for Beta.", {"opinion": "mixed"}),
    ("The survey of Alphans merits a look, but the remedy is not to desert Beta.", {"opinion": "mixed"}),
    ("The survey of Alphans sounds persuasive, but it misreads the Zorblat mood.", {"opinion": "mixed"}),
    ("A survey shows most Alphans oppose arms for Beta. But Zorblat leaders decide on arms.", {"opinion": "mixed"}),
    # ... or the sentence after next, when the cue is what its sentence states (not a noun further down)
    ("Gamma warned it would retaliate against Alpha. Gamma has the means. Yet its threats are old.",
     {"gamma_pressure": "mixed"}),
    ("Zorblat papers printed the survey on arms for Beta. Alpha debated it. But Zorblat leaders decide on arms.",
     {"opinion": "away"}),
    # ... not when the sentence between dismisses it: that "But" takes the dismissal back (ruling F1)
    ("Gamma warned it would retaliate against Alpha. Much of that is posturing. But Gamma owns the ships.",
     {"gamma_pressure": "away"}),
    # ... not when that "But" sentence upholds it (ruling F1)
    ("A survey shows most Alphans oppose arms for Beta. But the unease is real.", {"opinion": "away"}),
    # ... only the predicate itself, not a noun further down ("not a lack of support": support is there)
    ("The trouble with arms for Beta is not a lack of public support among Alphans.", {"opinion": "toward"}),
    # a pressure presented as cutting both ways is mixed (ruling F4): its holders are split, or an upside
    # and a downside are coordinated in one phrase
    ("Zorblat survey takers are split on arms for Beta.", {"opinion": "mixed"}),
    ("Gamma warned the plan brings dangers as well as gains for Alpha.", {"gamma_pressure": "mixed"}),
    ("Gamma warned the plan brings dangers for Alpha.", {"gamma_pressure": "away"}),
    # ... in the cue's own clause or one under it, not a clause beside it
    ("Alpha weighed the costs and benefits of arms for Beta, while Gamma warned of reprisals.",
     {"gamma_pressure": "away"}),
    # a subject cue predicated by a diminisher is turned; a next sentence whose subject is a direction cue
    # carries on the factor of the sentence before
    ("A poll found most Alphans favor arms for Beta. Support is low on the Zorblat islands.", {"opinion": "mixed"}),
    ("A poll found most Alphans favor arms for Beta. The Zorblat hills are quiet.", {"opinion": "toward"}),
    # a share of a part of the public only (a region) gives no direction of its own
    ("A survey found that in the northern regions 60 percent of Alphans favor arms for Beta.", {"opinion": "mixed"}),
    # two shares set side by side: the larger one gives the direction (ruling S2)
    ("A poll found 57 per cent of Alphans oppose arms for Beta, while 29 per cent are in favor.", {"opinion": "away"}),
    ("In a survey, seven in 10 Alphans are against it, and only 20 percent favor arms for Beta.", {"opinion": "away"}),
])
def test_factor_directions(make_study, text, expected):
    evidence, _ = _run(make_study, text)
    assert dict(zip(factor_summary(evidence)["factor"], factor_summary(evidence)["direction"])) == expected


LEGAL_STUDY = STUDY.replace("quantities:", """  - {id: legal, label: Legal process, direction: mixed, cues: [charter, court],
     toward_cues: [declined to stop], away_cues: [stop, forbid]}
  - {id: pledge, label: Pledges, direction: toward, cues: [pledge]}
  - {id: stocks, label: Stocks, direction: toward, cues: [warehouse],
     description: "Zorblat factories, spare stock and output for export"}
  - {id: consent, label: Consent, direction: away, cues: [elders], away_cues: [not informed]}
  - {id: herders, label: Herders, direction: away, cues: [herders]}
  - {id: alarm, label: Alarms, direction: away, cues: [warning]}
  - {id: canal, label: Canal trade, direction: toward, cues: [canal], toward_cues: [support],
     away_cues: [moratorium, threaten, withdraw]}
quantities:""")


@pytest.mark.parametrize("text,expected", [
    # a direction cue inside a longer cue of the other kind is read by the longer one
    ("The Zorblat court declined to stop the arms plan for Beta.", {"legal": "toward"}),
    # "nothing ... forbids" denies its subject ("nothing in the charter"), not the object it governs
    ("Nothing in the Zorblat charter forbids Alpha from honouring its pledge to Beta.",
     {"legal": "toward", "pledge": "toward"}),
    # a paraphrase: three content words of the factor's description that no other factor and not the
    # topic uses; its direction turns with negation
    ("Alpha factories can spare stock for Beta.", {"stocks": "toward"}),
    ("Alpha factories could not spare the stock for Beta.", {"stocks": "away"}),
    ("Alpha factories were busy last week.", {}),  # one shared word is no mention
    # a cue in the complement of a negated "be" is turned like a negated cue
    ("The Zorblat canal guild argued that a pledge of grain is not the same as support for the arms plan.",
     {"canal": "away", "pledge": "toward"}),
    # a negation inside the cue is the cue's own ("not informed"): it does not turn it
    ("The Zorblat elders were not informed about the arms plan.", {"consent": "away"}),
    # a cue's own words also match as lemmas: "warning" (lemmatized alone as "warn") finds "warnings"
    ("Zorblat clerks issued new warnings about the arms plan.", {"alarm": "away"}),
    # a toward cue governing another cue as its object takes that cue's direction; an away one does not
    ("Most Zorblat canal owners support a moratorium on the arms plan.", {"canal": "away"}),
    ("Zorblat canal owners threaten to withdraw from the arms plan.", {"canal": "away"}),
    # a negated verb of prohibiting with the cue as its subject denies the pressure (ruling F2) ...
    ("The Zorblat herders will not be barred from grazing near the depot.", {"herders": "toward"}),
    # a cue set aside by a contrastive "not" ("X, not Y") is denied too
    ("The Zorblat chief, not the herders, will choose the route.", {"herders": "toward"}),
    # ... and a denial answers the plain mentions around it: mixed, however many they are
    ("Zorblat herders fear the depot. The herders say it ruins them. Officials said the herders will "
     "not be barred from grazing there.", {"herders": "mixed"}),
])
def test_factor_direction_cues_and_denials(make_study, text, expected):
    evidence, _ = _run(make_study, text, LEGAL_STUDY)
    summary = factor_summary(evidence)
    assert dict(zip(summary["factor"], summary["direction"])) == expected


def test_quantities_are_normalized_with_qualifiers(make_study):
    _, figures = _run(make_study, "Gamma sent around 11,000 troops, while at least 3.4 million shells were "
                                  "stored. A poll found 82% oppose the plan, and 12.5 percent were undecided "
                                  "on 27 November 2024.")
    rows = {row.text: row for row in figures.itertuples()}
    assert rows["11,000"].value == 11000 and rows["11,000"].qualifier == "around"
    assert rows["11,000"].quantity == "troops" and rows["11,000"].measure == "troops"
    assert rows["3.4 million"].value == 3_400_000 and rows["3.4 million"].qualifier == "at least"
    assert rows["82%"].unit == "percent" and rows["82%"].quantity == "oppose_pct"
    assert rows["12.5 percent"].value == 12.5 and rows["12.5 percent"].quantity == "other"
    assert "2024" not in rows and "27" not in rows  # dates are not figures


def test_embedded_study_against_gold(embedded_study):
    from analysis.entities.mentions import extract_mentions
    from analysis.factors import factor_evidence
    from analysis.nlp.parse import parse_study
    from analysis.quantities import compare_across_outlets, quantity_table
    from analysis.stance import stance_evidence

    docs = parse_study(embedded_study)
    stance_rows = stance_evidence(embedded_study, docs, extract_mentions(embedded_study, docs))
    summary = factor_summary(factor_evidence(embedded_study, docs, stance_rows))
    scores = factor_scores(summary, read_gold(DEFAULT_STUDY, "factors"))
    assert scores["f1"] >= 0.9 and scores["direction_accuracy"] >= 0.95, scores
    figures = quantity_table(embedded_study, docs)
    assert quantity_scores(figures, read_gold(DEFAULT_STUDY, "quantities"))["f1"] >= 0.95
    comparison = compare_across_outlets(figures, embedded_study.articles)
    troops = comparison[comparison["quantity"] == "nk_troops"]
    assert set(troops["value"]) == {11000, 10000} and troops["disagreement"].all()


def test_factor_summary_mixes_opposite_directions():
    evidence = pd.DataFrame([
        {"article_id": "a", "file": "a.txt", "sentence_id": 0, "factor": "f", "direction": "toward", "actor": None,
         "cue": "x", "negated": False, "hedged": False, "sentence": "s"},
        {"article_id": "a", "file": "a.txt", "sentence_id": 1, "factor": "f", "direction": "away", "actor": None,
         "cue": "y", "negated": False, "hedged": False, "sentence": "t"},
    ])
    assert factor_summary(evidence)["direction"].tolist() == ["mixed"]


@pytest.mark.parametrize("plain_away,read_toward,read_away,expected", [
    (2, 1, 0, "away"),   # the article's thread names the pressure twice; one contrary reading is a side remark
    (1, 1, 0, "mixed"),  # one against one: both sides presented
    (2, 1, 1, "mixed"),  # a cue reads the majority side too: the article argues both ways
    (1, 1, 3, "away"),   # one contrary reading against four on the other side is a side remark
    (0, 2, 4, "mixed"),  # two contrary readings are a second side, however many the first has
])
def test_factor_summary_plain_majority(plain_away, read_toward, read_away, expected):
    rows = ([("away", True)] * plain_away + [("toward", False)] * read_toward + [("away", False)] * read_away)
    evidence = pd.DataFrame([{"article_id": "a", "file": "a.txt", "sentence_id": i, "factor": "f", "direction": d,
                              "actor": None, "cue": "x", "negated": False, "hedged": False, "sentence": "s",
                              "dismissed": False, "countered": "", "plain": plain}
                             for i, (d, plain) in enumerate(rows)])
    assert factor_summary(evidence)["direction"].tolist() == [expected]


@pytest.mark.parametrize("text,expected", [
    # numbers in words are read by word2number: "N in M" and fractions are shares, scale words counts
    ("Nearly nine in 10 Alphans oppose the plan.", ("nine in 10", 90, "percent")),
    ("Roughly two-thirds of Alphans oppose the plan.", ("two-thirds", 67, "percent")),
    ("Gamma stationed about a thousand soldiers along the coast.", ("a thousand", 1000, "count")),
    # scale suffixes, space-grouped thousands, dot-grouped thousands before a plural scale word
    ("Gamma spent $4bn on the Zorblat works.", ("4bn", 4_000_000_000, "count")),
    ("The Zorblat force is planned at 5 000 soldiers.", ("5 000", 5000, "count")),
    ("Zorblat Corp will freeze US$ 1.200 millions of spending.", ("1.200 millions", 1_200_000_000, "count")),
])
def test_figures_written_in_words_and_grouped(make_study, text, expected):
    _, figures = _run(make_study, text)
    assert [(r.text, r.value, r.unit) for r in figures.itertuples()] == [expected]


def test_ages_and_identifiers_are_not_figures(make_study):
    _, figures = _run(make_study, "The Zorblat Law 214 was drafted by Quimby, aged 47, for Gamma.")
    assert figures.empty


@pytest.mark.parametrize("text,quantity", [
    # the cue next to the figure wins over the unit word inside the figure ("per cent" is an oppose_pct cue
    # only through "oppose"; a cue inside the figure is the weakest evidence)
    ("A poll found 40 per cent of Alphans oppose the troop plan.", "oppose_pct"),
    # a cue governing the figure counts ("soldiers numbering 3,000")
    ("Gamma has soldiers numbering 3,000 near the Zorblat pass.", "troops"),
    # the context of a quantity may stand in the sentence before (a breakdown of the same report)
    ("Gamma massed forces at the border. Some 7,000 soldiers arrived last week.", "troops"),
])
def test_figures_take_the_closest_cue(make_study, text, quantity):
    _, figures = _run(make_study, text)
    assert figures["quantity"].tolist() == [quantity]


def test_range_ends_share_a_quantity_and_margins_are_no_figures(make_study):
    # Q1: "between 400 and 600 soldiers" gives both ends the quantity; "percentage points" is a margin (Q3)
    _, figures = _run(make_study, "Gamma put its Zorblat garrison at between 400 and 600 soldiers. "
                                  "Support rose 0.4 percentage points.")
    assert [(r.value, r.quantity) for r in figures.itertuples()] == [(400, "troops"), (600, "troops")]


def test_a_bare_nationality_is_no_factor_mention(make_study):
    # a cue that is only a nationality or place name, with nothing said about it, is no mention
    study = STUDY.replace("cues: [poll, survey, public support]", "cues: [poll, survey, public support, Gamma]")
    evidence, _ = _run(make_study, "The ferry sailed past the Gamma coast toward the Zorblat islands.", study)
    assert "opinion" not in set(evidence["factor"])


@pytest.mark.model
def test_a_people_cue_does_not_match_the_nations_adjective():
    """Cue "Veldorians": "the Veldorian cabinet" is no mention of the people; "Veldorians are against it" is."""
    from analysis.factors.matcher import _adjective_of_people
    from analysis.nlp.pipeline import load_pipeline, model_name

    doc = load_pipeline(model_name())("The Veldorian cabinet met on Monday, and most Veldorians are against the plan.")
    adjective = next(t for t in doc if t.text == "Veldorian")
    people = next(t for t in doc if t.text == "Veldorians")
    literal = {"veldorians"}
    assert _adjective_of_people(adjective, literal) and not _adjective_of_people(people, literal)
    assert not _adjective_of_people(adjective, {"veldorian"})  # a cue written as the adjective matches it


SCATTERED_STUDY = STUDY.replace("quantities:", """  - {id: river, label: River trade, direction: toward, cues: [river trade]}
  - {id: levy, label: Levy, direction: away, cues: [export levy]}
quantities:""")


@pytest.mark.parametrize("text,expected", [
    # a multi-word cue also matches when its words stand apart but one governs the other
    ("Zorblat clerks say trade along the river would gain from arms for Beta.", {"river": "toward"}),
    ("Zorblat clerks expect levies on arms exports to rise.", {"levy": "away"}),
    # ... not words that only modify a third word, nor parts of a hyphenated word
    ("Zorblat clerks weigh river and trade rules for arms to Beta.", {}),
    ("Zorblat clerks opened a river-trade office near the arms depot.", {}),
])
def test_scattered_cue_words(make_study, text, expected):
    evidence, _ = _run(make_study, text, SCATTERED_STUDY)
    summary = factor_summary(evidence)
    assert dict(zip(summary["factor"], summary["direction"])) == expected


FIGURE_STUDY = STUDY.replace("quantities:", """quantities:
  - {id: stake_pct, label: Stake, unit: percent, cues: [stake, percent], context: [canal]}
  - {id: funds, label: Funds, unit: count, cues: [pledge, million]}""")


@pytest.mark.parametrize("text,expected", [
    # the sign "%" is the word "percent": a quantity with the cue "percent" takes "37%"
    ("The Zorblat canal trust would own roughly 37% of the locks.", ("stake_pct", 37)),
    # the noun a count counts decides: "has pledged 2,700 troops" is troops, not a sum pledged
    ("Gamma has pledged 2,700 troops for the Zorblat operation.", ("troops", 2700)),
    ("Gamma pledged 40 million to the Zorblat mission.", ("funds", 40_000_000)),
])
def test_figures_by_unit_sign_and_counted_noun(make_study, text, expected):
    _, figures = _run(make_study, text, FIGURE_STUDY)
    assert (figures["quantity"].iloc[0], figures["value"].iloc[0]) == expected


def test_mention_readings_say_why_each_direction():
    evidence = pd.DataFrame({"plain": [True, False, False, False], "negated": [False, True, False, False],
                             "dismissed": [False, False, True, False], "countered": ["", "", "", "next,balance"]})
    from analysis.factors import mention_readings

    assert mention_readings(evidence).tolist() == [
        "default", "turned (negation)", "dismissed", "answered next sentence; both ways"]
