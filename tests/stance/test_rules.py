"""One invented sentence per stance rule (issue 13): each rule states a general pattern of English."""

import pytest

from analysis.corpus.study import load_study

STUDY = """\
name: tiny-rules
title: Tiny rules
target:
  proposition: Alpha supplies weapons to Beta
  topic_cues: [weapon, arms, missile, base]
  reference_cues: [the plan]
actors:
  - {id: alpha_gov, label: Government of Alpha, members: [Alpha, Alpha's government, cabinet]}
  - {id: beta_gov, label: Government of Beta, members: [Beta, Betatown]}
  - {id: gamma_gov, label: Government of Gamma, members: [Gamma]}
  - {id: alpha_public, label: Public of Alpha, members: [Alphans, voters, poll]}
  - {id: opposition, label: Opposition of Alpha, members: [Omega Party, Mara Quell]}
  - {id: experts, label: Experts, members: [analyst, analysts]}
entities:
  - {canonical: Alpha, type: GPE, actor: alpha_gov, aliases: []}
  - {canonical: Beta, type: GPE, actor: beta_gov, aliases: []}
  - {canonical: Gamma, type: GPE, actor: gamma_gov, aliases: []}
  - {canonical: Mara Quell, type: PERSON, actor: opposition, aliases: []}
  - {canonical: Omega Party, type: ORG, actor: opposition, aliases: []}
"""


def _parsed(make_study, text, study=STUDY):
    """The study of one article, its parsed Docs and entity mentions."""
    from analysis.entities.mentions import extract_mentions
    from analysis.nlp.parse import parse_study

    loaded = load_study(make_study({"a.txt": text}, study=study))
    docs = parse_study(loaded, use_cache=False)
    return loaded, docs, extract_mentions(loaded, docs)


def _run(make_study, text, study=STUDY):
    """Actor -> stance of one article, and its unmapped claims."""
    from analysis.stance import stance_evidence, stance_summary, stance_unmapped

    parsed = _parsed(make_study, text, study)
    summary = stance_summary(stance_evidence(*parsed))
    return dict(zip(summary["actor"], summary["stance"])), stance_unmapped(*parsed)


def _summary(make_study, text, study=STUDY):
    """Actor -> stance of one article."""
    return _run(make_study, text, study)[0]


@pytest.mark.model
@pytest.mark.parametrize("text,expected", [
    # "against" as the predicate of "be"
    ("Gamma is against sending weapons to Beta.", {"gamma_gov": "against"}),
    # a poll share "in favour of", held by the share
    ("A poll found 64 percent of voters in favour of sending arms to Beta.", {"alpha_public": "favor"}),
    # ruling S2: a minority share alone gives no row
    ("Nearly three in 10 Alphans oppose sending weapons to Beta.", {}),
    # a population the study does not list is the public actor
    ("Two in three residents are against sending arms to Beta.", {"alpha_public": "against"}),
    # urging a reversal of the plan is against it
    ("Gamma urged Alpha to drop the plan to send missiles to Beta.", {"gamma_gov": "against"}),
    # calling for an against-cue is against
    ("Gamma called on Alpha to block the arms transfer.", {"gamma_gov": "against"}),
    # welcoming a reversal noun is against
    ("Gamma welcomed the postponement of the weapons shipment.", {"gamma_gov": "against"}),
    # asking someone to do it is favour
    ("Beta asked Alpha to approve the missile deliveries.", {"beta_gov": "favor"}),
    # a step of withdrawal announced for the case that the plan goes ahead is against
    ("The Omega Party will quit the cabinet if Alpha ships missiles to Beta.", {"opposition": "against"}),
    # a cue inside the condition is nobody's position
    ("Gamma threatened to cut ties if Alpha approves the arms sale.", {"gamma_gov": "against"}),
    # a wire dateline is never the holder
    ("BETATOWN (Wirex) - The cabinet approved the export of missiles to Beta.", {"alpha_gov": "favor"}),
    # a personal pronoun subject of a reported clause is its speaker
    ("Gamma's envoy said he was against sending arms to Beta.", {"gamma_gov": "against"}),
    # an agent noun holds for whom it describes, not its possessor
    ("Gamma has been the fiercest opponent of the weapons plan.", {"gamma_gov": "against"}),
    # the matter weighed is no position
    ("Alpha is weighing a veto of the arms sale.", {"alpha_gov": "undecided"}),
    # ruling S1: openness while still deciding is undecided
    ("Alpha has voiced openness to selling arms to Beta while it reviews the terms.", {"alpha_gov": "undecided"}),
    ("Alpha has voiced openness to selling arms to Beta.", {"alpha_gov": "favor"}),
    # ruling S4: declining to comment is undecided, with or without a topic word
    ("Gamma declined to comment.", {"gamma_gov": "undecided"}),
    # "it" right after an on-topic sentence refers to the plan
    ("Alpha may send missiles to Beta. Gamma is against it.", {"gamma_gov": "against"}),
    # a legal challenge is against
    ("The Omega Party has taken the ministers to court over the missile sale.", {"opposition": "against"}),
    # a diminisher negates a noun cue
    ("An analyst said the arms plan made little sense.", {"experts": "against"}),
    # the "of" phrase of a speech-act noun holds it; dismissing it is favour
    ("Alpha rebuffed the warnings of the Omega Party about missiles for Beta.",
     {"alpha_gov": "favor", "opposition": "against"}),
    # a possessive pronoun holder resolves to the last named person
    ("Mara Quell has said plainly that her party will resign from the cabinet if Alpha ships arms to Beta.",
     {"opposition": "against"}),
    # an appositive names the holder
    ("One of the factions, the Omega Party, says it will resign if Alpha ships arms to Beta.",
     {"opposition": "against"}),
    # a reversal noun tagged as anything but a verb still reverses ("welcomed the delay")
    ("Gamma welcomed the delay of the missile shipment to Beta.", {"gamma_gov": "against"}),
    # an attributive participle states no position
    ("Gamma criticised the so-called weapons deal.", {"gamma_gov": "against"}),
    # a passive "Asked ..." does not make the answerer a requester
    ("Asked about missiles for Beta, Gamma declined to comment.", {"gamma_gov": "undecided"}),
    # signing the plan is an outcome in favour
    ("Alpha signed the arms agreement with Beta on Friday.", {"alpha_gov": "favor"}),
    # the complement of a declined comment is no position
    ("Gamma declined to comment on whether Alpha would approve the arms request.", {"gamma_gov": "undecided"}),
    # past perfect is an earlier state: the later present statement wins
    ("Gamma, which had opposed the arms deal, now supports sending weapons to Beta.", {"gamma_gov": "favor"}),
    # in a quote, "it" is someone the speaker talks about
    ("\u201cNow it wants to send missiles to Beta,\u201d Gamma said.", {}),
    # "X should approve it" is the speaker's recommendation, not X's stance
    ("Alpha should approve the weapons deliveries to Beta, an analyst said.", {"experts": "favor"}),
    # a bare agent noun holds nothing
    ("Critics say the weapons plan is risky.", {}),
    # a signed document speaks for its signatories; signing a letter is not signing the plan
    ("Forty analysts signed a letter urging Alpha to drop the weapons plan.", {"experts": "against"}),
    # "it" as an object in an on-topic sentence is the plan
    ("Beta wants the missiles, while Gamma is against it.", {"beta_gov": "favor", "gamma_gov": "against"}),
    # "the government of X" is not a generic holder
    ("The government of Gamma wants Alpha to send weapons to Beta.", {"gamma_gov": "favor"}),
    # an infinitive governed by a cue is addressed to its subject; one modifying a noun is no position
    ("Gamma wants Beta to approve the weapons sale.", {"gamma_gov": "favor"}),
    ("Alpha has ten days to approve the missile sale.", {}),
    # a poll share before a verb cue holds it; a minority share in the same sentence gives nothing
    ("A survey found 64 percent of Alphans support sending weapons to Beta, while 30 percent are opposed.",
     {"alpha_public": "favor"}),
    # a spokesperson "for" a body speaks for it
    ("A spokesperson for Gamma declined to comment on the missile request.", {"gamma_gov": "undecided"}),
    # a minority share whose figure the parse hangs elsewhere is still a minority
    ("In the south, 47 per cent oppose the missile plan and 36 per cent back it.", {}),
    # "it" up to two sentences after an on-topic sentence is the plan
    ("Alpha may send missiles to Beta. The talks ended late on Friday. Gamma is against it.",
     {"gamma_gov": "against"}),
    # a stance verb without object right after an on-topic sentence bears on its topic (ellipsis)
    ("The Omega Party criticised the missile plan. Gamma has also objected.",
     {"opposition": "against", "gamma_gov": "against"}),
    ("Alpha may send missiles to Beta. Gamma has urged Alpha to reconsider.", {"gamma_gov": "against"}),
    # ruling S3: pushing ahead despite objections is favour; a circumstance phrase is no object
    ("Alpha could sell arms to Beta. The cabinet is pushing ahead despite grumbling in parliament.",
     {"alpha_gov": "favor"}),
    # a cue participle or relative clause modifying a topic noun bears on it; its agent holds it
    ("Alpha will rule soon on the weapons licence requested by Gamma.", {"gamma_gov": "favor"}),
    # an applicant favours what it applies for
    ("Alpha will decide on an application by Gamma to ship missiles to Beta.", {"gamma_gov": "favor"}),
    ("Gamma has applied for an arms export permit.", {"gamma_gov": "favor"}),
    # a share phrase before "back" makes it a verb held by the population, whatever the tagger says
    ("Polls show six in 10 Alphans back the weapons plan.", {"alpha_public": "favor"}),
    # ruling S2: a share restricted to a region is a subgroup's and gives no public row
    ("A poll found that in the three western provinces 58 percent of voters back the weapons plan.", {}),
    # an objectless verb of watching after an on-topic sentence is no position
    ("Alpha may send missiles to Beta. Gamma is watching.", {}),
    # weighing options that include a withdrawal is a threat, against
    ("Gamma said it would study each option, including quitting the arms pact.", {"gamma_gov": "against"}),
    # a pledge of money in or right after an on-topic sentence is funding for the plan
    ("Alpha will ship missiles to Beta. Gamma has offered €12 million toward the freight.", {"gamma_gov": "favor"}),
    # a dateline word the parse makes the subject yields to the real subject after the dash
    ("BETATOWN, Beta (Wirex) - Gamma on Monday signed the arms agreement with Alpha.", {"gamma_gov": "favor"}),
    # a topic cue matches its plural word even when the lemmatizer maps it elsewhere ("bases" -> "basis")
    ("Gamma opposes new bases in Beta.", {"gamma_gov": "against"}),
    # a cue verb whose subject is the planned thing itself states a condition, not a stance
    ("Gamma says the new bases need the consent of Beta.", {}),
    # "the Party" after "the Omega Party" refers back to it
    ("The Omega Party met on Friday. The Party is against the weapons plan.", {"opposition": "against"}),
    # an infinitive after a noun object belongs to the noun ("little scope to veto") and is no position
    ("The ruling left Alpha little scope to veto the missile sale.", {}),
    # a past perfect scopes the object noun and a conjoined verb: the later present deliberation wins
    ("Alpha had voiced openness to the arms pact but sought assurances. Alpha is now weighing the missile request.",
     {"alpha_gov": "undecided"}),
    # "assure" and "affirm" report speech: the troops' readiness is the speaker's position
    ("Gamma's envoy assured that the crews were ready to deliver the missiles.", {"gamma_gov": "favor"}),
    # "whose" resolves to the noun the relative clause modifies
    ("Mara Quell, whose faction backs the missile plan, gave a speech on Tuesday.", {"opposition": "favor"}),
    # a reference cue ("the plan") also with a possessive or demonstrative determiner
    ("Gamma said that Alpha's plan makes little sense.", {"gamma_gov": "against"}),
    # a position noun dismissed right after an on-topic sentence is a position on the plan
    ("Alpha could sell arms to Beta. Alpha derided the warnings of Gamma as noise.",
     {"alpha_gov": "favor", "gamma_gov": "against"}),
    # dismissing in a relative clause on the position noun
    ("Gamma has threatened to cut trade over the arms deal, a warning that an analyst dismissed as a bluff.",
     {"gamma_gov": "against", "experts": "favor"}),
    # a position noun with its own holder stays that holder's position when someone weighs it
    ("Alpha is weighing Gamma's request for missiles.", {"alpha_gov": "undecided", "gamma_gov": "favor"}),
    # a relative clause inside a "whether" clause asserts on its own
    ("Alpha will decide whether Gamma, which has applied for a missile permit, may go ahead.",
     {"gamma_gov": "favor"}),
    # filing an appeal or a petition is a legal challenge, not a request
    ("The Omega Party lodged a petition at the supreme court over the missile plan.", {"opposition": "against"}),
    # the plan as the object of a verb after "rather than" is what the subject refuses
    ("The Omega Party says it will leave the cabinet rather than accept the weapons deal.", {"opposition": "against"}),
    # a share phrase's population noun holds the cue; a place naming the population keeps it the public
    ("A canvass found that seven in 10 people of Meridale oppose the weapons plan.", {"alpha_public": "against"}),
    # a bare definite object right after an on-topic sentence is an aspect of its topic (bridging)
    ("Alpha may send missiles to Beta. Gamma has questioned the cost.", {"gamma_gov": "against"}),
    # a partitive subject holds through its "of" object
    ("Several of Gamma's ministers oppose the weapons plan.", {"gamma_gov": "against"}),
    # adjectives of unease and doubt are against
    ("Gamma remains sceptical of the weapons plan.", {"gamma_gov": "against"}),
    # verbs of acclaim are favour, as "welcome"
    ("Gamma hailed the decision to send missiles to Beta.", {"gamma_gov": "favor"}),
    # the passive subject of a verb of report holds its infinitive ("are reported to be uneasy")
    ("Some Omega Party deputies are reported to be uneasy with the missile plan.", {"opposition": "against"}),
    # a threat right after an on-topic sentence is a threat against the plan
    ("Alpha may send missiles to Beta. Gamma threatens to close its ports to Alphan ships.", {"gamma_gov": "against"}),
    # "say no" / "say yes" to it
    ("Gamma will say no to the missile request.", {"gamma_gov": "against"}),
    ("Alpha may send missiles to Beta. Gamma has said yes.", {"gamma_gov": "favor"}),
    # a cue in an "if" clause the parse makes a complement is still inside the condition
    ("Dockers, in turn, have threatened to walk off the job if Alpha vetoes the missile sale, a threat shipowners "
     "called leverage.", {}),
    # a quote over two sentences takes the speaker named at its end
    ("\u201cThe weapons plan makes no sense. It is far too costly,\u201d the Omega Party said.", {"opposition": "against"}),
    # a requirement, a permission or a deadline states no position of its subject
    ("The charter requires that Gamma approve the arms sale.", {}),
    ("Gamma now has until Friday to sign the arms agreement.", {}),
    # ... and, named nowhere before, to the one actor with a member of that head word
    ("The Party is against the weapons plan.", {"opposition": "against"}),
    # "ask" with a "for" phrase is a request, also with an addressee and a time between
    ("Beta asked Alpha in May for more missiles.", {"beta_gov": "favor"}),
    # "he" refers to the last person named; one the study does not list maps through his description
    ("Tor Vell, an analyst at a bank, spoke on Monday. He said the weapons plan made no sense.", {"experts": "against"}),
    # what is confirmed or disclosed is a fact, not the plan: "this" there is no reference to it
    ("Most of the rockets will leave from the southern base. Gamma has not disclosed this.", {}),
    # a position noun with a possessor right after an on-topic sentence is a position on the plan
    ("Alpha could sell arms to Beta. The Omega Party said its legal challenge would proceed.",
     {"opposition": "against"}),
])
def test_rule_sentences(make_study, text, expected):
    summary, _ = _run(make_study, text)
    assert summary == expected


@pytest.mark.model
def test_unmapped_claims_are_listed(make_study):
    summary, unmapped = _run(make_study, "Zebulon Corp warned against sending weapons to Beta.")
    assert summary == {}
    assert len(unmapped) == 1 and "Zebulon" in unmapped.iloc[0]["holder"]
    assert "Zebulon" in unmapped.iloc[0]["sentence"] and unmapped.iloc[0]["stance"] == "against"


@pytest.mark.model
@pytest.mark.parametrize("outlet,expected", [
    # ruling S3: a think tank's published recommendation is the experts actor
    ("Zorvan Institute for Policy Studies", {"experts": "favor"}),
    # a newspaper's own opinion gives no row
    ("The Zorvan Ledger", {}),
])
def test_outlet_recommendation(make_study, outlet, expected):
    import json

    from analysis.entities.mentions import extract_mentions
    from analysis.nlp.parse import parse_study
    from analysis.stance import stance_evidence, stance_summary

    record = {"text": "Alpha should approve the weapons deliveries to Beta without delay.", "title": "A view",
              "date": "2025-01-02", "outlet": outlet, "url": "https://example.org/a"}
    files = {"wire.jsonl": json.dumps(record) + "\n"}
    study = load_study(make_study(files, study=STUDY.replace("[analyst, analysts]", "[analyst, analysts, think tank]")))
    docs = parse_study(study, use_cache=False)
    summary = stance_summary(stance_evidence(study, docs, extract_mentions(study, docs)))
    assert dict(zip(summary["actor"], summary["stance"])) == expected


STUDY_GROUPS = STUDY.replace("entities:\n", """\
  - {id: industry, label: Industry, members: [business lobby, Zet Mining]}
  - {id: activists, label: Activists, members: [Citizens Against Missiles, fishermen]}
entities:
""")


@pytest.mark.model
@pytest.mark.parametrize("text,expected", [
    # a capitalised name the parse cuts at a connector ("Against") is taken whole
    ("Citizens Against Missiles said it opposes the weapons plan.", {"activists": "against"}),
    # a multiword member that is the holder's own head beats a place modifying it
    ("Gamma's biggest business lobby backs the weapons plan.", {"industry": "favor"}),
    # "the company" refers back to the organisation last named before it
    ("Zet Mining said the arms plan was reckless. The company has urged Alpha to drop the weapons plan.",
     {"industry": "against"}),
    # "the minister" refers back to the last person named with that title
    ("Gamma's defence minister Tor Vell spoke on Monday. The minister said he opposes the weapons plan.",
     {"gamma_gov": "against"}),
    # a cue verb the tagger takes for a noun still heads its clause when it has a subject
    ("Fishermen near Meridale fear being shut out of the missile range.", {"activists": "against"}),
])
def test_holder_references(make_study, text, expected):
    assert _summary(make_study, text, STUDY_GROUPS) == expected


@pytest.mark.model
def test_unmapped_conjunct_is_listed(make_study):
    summary, unmapped = _run(make_study, "Zebulon Corp and Gamma oppose sending weapons to Beta.")
    assert summary == {"gamma_gov": "against"}
    assert list(unmapped["holder"]) == ["Zebulon Corp"]


STUDY_NATION = STUDY.replace("entities:\n", """\
  - {id: portugal_gov, label: Government of Portugal, members: [Lisbon]}
entities:
  - {canonical: Portugal, type: GPE, actor: portugal_gov, aliases: []}
""")


@pytest.mark.model
def test_plural_demonym_with_the_is_its_nation(make_study):
    # "the <demonym plural>" as a holder is the nation acting through its government
    assert _summary(make_study, "The Portuguese have promised €8 million toward the missile scheme.",
                    STUDY_NATION) == {"portugal_gov": "favor"}


@pytest.mark.model
def test_invite_with_infinitive_is_a_request(make_study):
    # "X has invited Y to <verb> it" is a request like "asked Y to", in favour
    assert _summary(make_study, "Gamma has invited the Alpha cabinet to approve the weapons sale without delay.") \
        == {"gamma_gov": "favor"}


@pytest.mark.model
def test_bare_request_carries_the_topic_on(make_study):
    # "X has asked." with nothing after it is elliptic up to two sentences after an on-topic one, and carries the topic
    text = "Alpha could sell arms to Beta. The summit closed without a statement. Gamma has asked. Beta has pleaded."
    assert _summary(make_study, text) == {"gamma_gov": "favor", "beta_gov": "favor"}


@pytest.mark.model
def test_reported_question_is_no_bare_request(make_study):
    # "'Why now?' X asked." reports a question, not a request
    assert _summary(make_study, "Alpha may send missiles to Beta. \u201cWhy now?\u201d Gamma asked.") == {}


@pytest.mark.model
def test_money_pledge_two_sentences_on_is_funding(make_study):
    # a pledge of money up to two sentences after an on-topic sentence funds the plan
    text = "Alpha could ship arms to Beta. The bill is steep. Gamma's promise of €9 million would pay only a part."
    assert _summary(make_study, text) == {"gamma_gov": "favor"}


@pytest.mark.model
def test_weighing_a_decision_noun_after_topic_is_undecided(make_study):
    # "X is still considering its position" right after an on-topic sentence is undecided on that plan
    text = "Alpha could sell arms to Beta. The Omega Party is still considering its position."
    assert _summary(make_study, text) == {"opposition": "undecided"}


@pytest.mark.model
def test_no_decision_in_a_conjoined_clause_is_undecided(make_study):
    # "no decision has yet been made" holds its own negator, and a conjoined clause is not the matter weighed
    text = ("Alpha could sell arms to Beta. Gamma's envoy said the matter is under study and that no "
            "decision has yet been made.")
    assert _summary(make_study, text) == {"gamma_gov": "undecided"}


@pytest.mark.model
def test_applicant_in_a_relative_clause_inside_whether(make_study):
    # "a company that has applied to <verb>" favours what it applied for, also inside a "whether" clause
    text = "Alpha must rule on whether Gamma, a firm that has applied to assemble missile engines, can proceed."
    assert _summary(make_study, text) == {"gamma_gov": "favor"}


@pytest.mark.model
def test_backing_a_bare_pause_after_topic_is_against(make_study):
    # "backs a pause" right after an on-topic sentence: the pause is of that plan, so against it
    text = "Alpha could sell arms to Beta. A clear majority of Alphans supports a freeze, a survey finds."
    assert _summary(make_study, text) == {"alpha_public": "against"}


@pytest.mark.model
def test_argument_noun_possessor_speaks_its_clause(make_study):
    # "X's claim that the nation cannot afford <the plan>": the possessor says the clause, and cannot afford it is against
    text = "Mara Quell's claim that the nation cannot afford the arms purchases merits a hearing."
    assert _summary(make_study, text) == {"opposition": "against"}


@pytest.mark.model
@pytest.mark.parametrize("text,expected", [
    # a noun of force gives a stance only with what it pushes for
    ("Alpha is under pressure from Gamma to send weapons to Beta.", {"gamma_gov": "favor"}),
    ("Alpha weighs arms for Beta under pressure from Gamma.", {"alpha_gov": "undecided"}),
    # a country's "opposition" with no "to ..." is its opposition parties, not a stance of the country
    ("Arms for Beta now hinge on Gamma's opposition, analysts say.", {}),
    # an event that changed a position holds none: "X's raid has shifted that stance"
    ("Alpha long refused arms for Beta. But Gamma's raid on the border has shifted that stance.", {"alpha_gov": "against"}),
    # a threat posed by someone is a danger, not a position they take
    ("Arms for Beta would blunt the threat posed by Gamma, a senior Alpha diplomat argued.", {}),
])
def test_nouns_that_need_their_complement(make_study, text, expected):
    assert _run(make_study, text)[0] == expected


GROUP_STUDY = STUDY.replace("  - {id: experts,", """  - {id: northern, label: Northern states, members: [Northern countries]}
  - {id: dissent, label: Dissenters, members: [opposition parties]}
  - {id: experts,""")


@pytest.mark.model
@pytest.mark.parametrize("text,expected", [
    # the same modifier with another generic group noun names the same actor
    ("Northern partners urged Alpha to send arms to Beta.", {"northern": "favor"}),
    # the modifier alone names the two-word member it begins
    ("The opposition is against sending arms to Beta.", {"dissent": "against"}),
])
def test_group_nouns_match_members(make_study, text, expected):
    assert _summary(make_study, text, GROUP_STUDY) == expected


PEOPLE_STUDY = """\
name: tiny-people
title: Tiny people
target:
  proposition: Alpha supplies weapons to Beta
  topic_cues: [weapon, arms]
actors:
  - {id: alpha_gov, label: Government of Alpha, members: [Alpha, Alphatown]}
  - {id: alpha_people, label: Alphan public, members: [Alphan public]}
  - {id: gamma_gov, label: Government of Gamma, members: [Gamma]}
entities:
  - {canonical: Alpha, type: GPE, actor: alpha_gov, aliases: []}
  - {canonical: Gamma, type: GPE, actor: gamma_gov, aliases: []}
"""


@pytest.mark.model
@pytest.mark.parametrize("text,expected", [
    # with no member naming the public exactly, the actor of a people's public takes polls and crowds
    ("Around 70 percent of respondents are against sending arms to Beta, a poll found.", {"alpha_people": "against"}),
    ("Protesters rejected the arms for Beta outside the ministry.", {"alpha_people": "against"}),
    # a share of a people ("two-thirds of <demonym>") is the public too
    ("Two-thirds of Alphans oppose sending weapons to Beta.", {"alpha_people": "against"}),
    # a bare "the government" is the actor the proposition opens with
    ("The government has said it could consider sending arms to Beta.", {"alpha_gov": "undecided"}),
    # ... unless its sentence names another state and not the deciding one
    ("In Gamma the government has refused to back arms for Beta.", {}),
    # a position noun in a concession with no holder of its own is not the speaker's
    ("Despite the public opposition, the government has indicated that the arms for Beta are being packed.", {}),
    # a bare subjunctive after a demand is the demand's content, not its subject's position
    ("Gamma demanded the government reject the arms for Beta.", {"gamma_gov": "against"}),
])
def test_public_and_deciding_government(make_study, text, expected):
    assert _summary(make_study, text, PEOPLE_STUDY) == expected


@pytest.mark.model
@pytest.mark.parametrize("text,expected", [
    # backing a refusal of the plan is against it: a decision whose content is negated, someone's "no"
    ("Most respondents support the decision not to send weapons to Beta, a poll found.", {"alpha_people": "against"}),
    ("Gamma's no to the arms for Beta is supported by a large majority of people in Alpha.",
     {"alpha_people": "against"}),
    # not stopping it is no refusal: welcoming a promise not to block the plan favours it
    ("Gamma welcomed Alpha's promise not to block the arms for Beta.", {"gamma_gov": "favor", "alpha_gov": "favor"}),
    # opposing a refusal of the plan favours it
    ("Gamma criticised the decision not to send weapons to Beta.", {"gamma_gov": "favor"}),
])
def test_positions_on_a_refusal(make_study, text, expected):
    assert _summary(make_study, text, PEOPLE_STUDY) == expected


@pytest.mark.model
@pytest.mark.parametrize("text,expected", [
    # a judgement is the judge's: whoever calls, thinks or says it so; judging a refusal turns it
    ("Gamma said sending weapons to Beta would be a mistake.", {"gamma_gov": "against"}),
    ("Alpha's no to the arms for Beta is wrong, Gamma said.", {"gamma_gov": "favor"}),
    # a judgement of a report about the plan is no judgement of the plan
    ("Gamma said reports that Alpha will send arms to Beta are correct.", {}),
    # only as a predicate: "the right to" is no judgement
    ("Gamma insisted on the right to inspect the arms for Beta.", {}),
])
def test_judgements_belong_to_the_judge(make_study, text, expected):
    assert _summary(make_study, text, PEOPLE_STUDY) == expected


PROTEST_STUDY = PEOPLE_STUDY.replace("  - {id: gamma_gov,", """  - {id: campaigners, label: Campaigners, members: [activists, protesters]}
  - {id: gamma_gov,""")


@pytest.mark.model
@pytest.mark.parametrize("text,expected", [
    # "against" after a noun of protesters or protest: the noun, or the protest's participants, hold it
    ("Alpha met activists against the arms for Beta on Monday.", {"campaigners": "against"}),
    ("The arms deal has revived a mass movement against weapons for Beta.", {"campaigners": "against"}),
    # ... but a protest someone wages is theirs
    ("Gamma widened its campaign against the arms sales to Beta.", {"gamma_gov": "against"}),
    # urging someone to refrain from the plan opposes it
    ("Gamma urged Alpha to refrain from sending weapons to Beta.", {"gamma_gov": "against"}),
    # a military strike is no protest
    ("Gamma launched a strike against the arms depot near Beta.", {}),
    # a challenge that is a difficulty is no legal challenge
    ("Gamma said the arms for Beta will be a great challenge.", {}),
    # a share of a thing is no poll: "90% of the region's needs"
    ("The weapons for Beta could cover 90% of the region's needs.", {}),
])
def test_protest_nouns_and_false_friends(make_study, text, expected):
    assert _summary(make_study, text, PROTEST_STUDY) == expected
