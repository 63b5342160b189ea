"""From a holder in the text to one of the study's actors: names, metonyms, role nouns, demonyms.

"he"/"she" is the last person named (mapped through his or her description when the study does
not list the name: "X, an economist at ..."). An actor is found, in order, through: an entity mention inside the holder phrase whose canonical
name is a study entity with an ``actor`` or an actor member; a member phrase of an actor in the
holder phrase ("palace press office", "Gamma Party deputies", "Alpha Polling"), or one naming the same
group in other generic words ("Northern partners" for "Northern countries"); a nationality
adjective on a government role noun ("Alphan officials" -> the actor of Alpha); "whose N" through
the noun its relative clause modifies ("Zorblat, whose party ..." -> Zorblat's actor). Before these, a
capitalised name the parse cut at a connector is taken whole, and a multiword member that is the
holder's own head beats a place modifying it; after them, "the minister" / "the company" refer back
(``analysis.stance.references``). A bare "the government" is the actor whose member the study's
proposition opens with (the one deciding); with no member naming the public exactly, the actor of a
people's public ("Alphan public") is the public actor.
"""

from __future__ import annotations

import re

import pandas as pd
from spacy.tokens import Token

from analysis.entities.mentions import demonym_country
from analysis.frames import iter_rows
from analysis.resources import csv_rows
from analysis.resources import word_set as words
from analysis.stance.references import head_member, name_span, role_antecedent

PERSONAL = {"he", "she", "him", "her", "his", "hers"}
FIRST_PERSON = {"i", "we", "me", "us", "our", "my", "ours"}
GENERIC = {"it", "they", "them", "its", "their", "country", "government", "nation", "side", "administration",
           "state", "authorities"}


def stance_words(kind: str) -> frozenset[str]:
    """The words of one class in resources/stance_words.csv, lower-cased."""
    return frozenset(row["word"].lower() for row in csv_rows("stance_words.csv") if row["kind"] == kind)


PROTEST_EVENTS = stance_words("protest_event")
PROTEST_AGENTS = stance_words("protest_agent")
DECIDING_BODIES = stance_words("deciding_body")
SHARE_WORDS = stance_words("share_word")


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


class ActorMapper:
    """Maps holder tokens of one article to actor ids, using that article's entity mentions."""

    def __init__(self, config, mentions: pd.DataFrame):
        self.config = config
        self.entity_actor = {e.canonical: e.actor for e in config.entities if e.actor}
        self.member_actor: dict[str, str] = {}
        for actor in config.actors:
            for member in [actor.label, *actor.members]:
                self.member_actor.setdefault(_key(member), actor.id)
        self.members_by_length = sorted(self.member_actor, key=len, reverse=True)
        self.member_names = [m for a in config.actors for m in a.members]
        self.mentions = mentions
        self.roles = words("government_roles")
        self.population = words("population_nouns")
        self.think_tank_heads = words("think_tank_heads")
        self.person_roles = words("person_titles")
        self.org_nouns = words("organisation_nouns")
        self.public_actor = self._public_actor(config)
        self.deciding_actor = self._deciding_actor(config)

    @staticmethod
    def _public_actor(config) -> str | None:
        """The actor of the public: the one listing a survey word as a member ("the public",
        "respondents", "poll"), else the one whose label or a member is a people's public ("Alphan
        public", "Alphan voters")."""
        survey_members = stance_words("survey_member")
        found = next((a.id for a in config.actors if survey_members & {_key(m) for m in [a.label, *a.members]}), None)
        if found:
            return found
        heads = stance_words("public_head")
        publics = [a.id for a in config.actors if any(_key(m).split()[-1:] and _key(m).split()[-1] in heads
                                                       for m in [a.label, *a.members])]
        return publics[0] if len(publics) == 1 else None

    def _deciding_actor(self, config) -> str | None:
        """The actor that takes the decision: the one with a member the proposition opens with
        ("Alpha supplies weapons to Beta" -> the actor listing "Alpha")."""
        proposition = _key(config.target.proposition)
        proposition = proposition[4:] if proposition.startswith("the ") else proposition
        for member in self.members_by_length:
            bare = member[4:] if member.startswith("the ") else member
            if bare and (proposition == bare or proposition.startswith(bare + " ")):
                return self.member_actor[member]
        return None

    def author_actor(self, outlet) -> str | None:
        """The actor an outlet speaks for when it is a think tank (ruling S3): the actor that lists the
        outlet's name, or, for a name with a think-tank head word ("... Institute"), the actor that
        lists "think tank" among its members."""
        if not isinstance(outlet, str) or not outlet.strip():
            return None
        key = _key(outlet)
        if not set(key.split()) & self.think_tank_heads:
            return None
        return self.member_actor.get(key) or self.entity_actor.get(outlet) or self.member_actor.get("think tank")

    def article_mentions(self, article_id: str) -> list[tuple[int, int, str, str]]:
        """(start, end, label, canonical) of the article's mentions, in text order."""
        if not hasattr(self, "_by_article"):
            self._by_article: dict[str, list] = {}
            columns = ["article_id", "start", "end", "label", "canonical"]
            for aid, start, end, label, canonical in iter_rows(self.mentions, columns):
                self._by_article.setdefault(aid, []).append((int(start), int(end), label, canonical))
            for rows in self._by_article.values():
                rows.sort()
        return self._by_article.get(article_id, [])

    def canonical_actor(self, canonical: str) -> str | None:
        return self.entity_actor.get(canonical) or self.member_actor.get(_key(canonical))

    def _members_in(self, text: str) -> str | None:
        key = f" {_key(text)} "
        for member in self.members_by_length:
            if f" {member} " in key:
                return self.member_actor[member]
        return None

    def holder_phrase(self, token: Token):
        """The noun phrase of a holder head: its subtree without clauses hanging off it."""
        tokens = [token]
        for child in token.children:
            if child.dep_ in ("relcl", "acl", "advcl", "punct", "cc", "conj", "appos", "prep") and child.i > token.i:
                if child.dep_ == "prep" and child.lower_ in ("of", "for"):  # "a spokesperson for the embassy"
                    tokens.extend(child.subtree)
                continue
            tokens.extend(child.subtree)
        tokens = sorted(set(tokens), key=lambda t: t.i)
        return token.doc[tokens[0].i:tokens[-1].i + 1]

    def actor_for(self, token: Token, article_mentions: list[tuple[int, int, str, str]]) -> tuple[str | None, str]:
        """(actor id or None, holder text) for a holder head token."""
        lower = token.lower_
        if lower in PERSONAL:
            previous = [m for m in article_mentions if m[2] == "PERSON" and m[1] <= token.idx]
            if previous:
                start, end, _, canonical = previous[-1]
                actor = self.canonical_actor(canonical)
                name = token.doc.char_span(start, end, alignment_mode="expand")
                if actor is None and name is not None and name.root.lower_ not in PERSONAL:
                    actor, _ = self.actor_for(name.root, article_mentions)  # "X, an economist at ..."
                return actor, f"{token.text} ({canonical})"
            return None, token.text
        name = name_span(token)  # "Citizens Against Missiles", cut by the parse at "Against"
        if name is not None:
            actor = self.member_actor.get(_key(name.text)) or self.canonical_actor(name.text)
            if actor:
                return actor, name.text
        phrase = self.holder_phrase(token)
        if self.deciding_actor and phrase.text.lower() in DECIDING_BODIES and not self._other_state_named(token, article_mentions):
            return self.deciding_actor, phrase.text  # "the government" of a study is the one deciding
        actor = head_member(token, self.member_actor, _key) \
            if token.lemma_.lower() not in self.roles and token.lower_ not in self.roles else None
        if actor:
            return actor, phrase.text  # "Gamma's biggest business lobby": the lobby, not Gamma
        inside = [m for m in article_mentions if m[0] >= phrase.start_char and m[1] <= phrase.end_char]
        if self.public_actor and self._population(token, phrase) and all(m[2] in ("GPE", "LOC", "NORP") for m in inside):
            return self.public_actor, phrase.text  # "a majority of people in Alpha": the public, not Alpha
        # The mention nearest the phrase head decides ("Zorblat's Chief Trade Envoy Quell").
        for _, _, _, canonical in sorted(inside, key=lambda m: (abs(m[0] - token.idx), m[0])):
            actor = self.canonical_actor(canonical)
            if actor:
                return actor, phrase.text
        actor = self._members_in(phrase.text) or self._group_member(token)
        if actor:
            return actor, phrase.text
        for role in phrase:
            if role.lemma_.lower() not in self.roles and role.lower_ not in self.roles:
                continue
            for child in role.children:
                if child.dep_ in ("amod", "compound", "nmod", "poss"):
                    country = demonym_country(" ".join(t.text for t in child.subtree if t.dep_ != "case")) \
                        or demonym_country(child.text) or self._mention_canonical(child, article_mentions)
                    actor = self.canonical_actor(country) if country else None
                    if actor:
                        return actor, phrase.text
        actor = self._nation(token)
        if actor:
            return actor, phrase.text
        if self.public_actor and self._population(token, phrase):
            return self.public_actor, phrase.text
        if token.lemma_.lower() in PROTEST_EVENTS:  # "a movement against it": held by its participants
            participants = {self.member_actor[m] for m in PROTEST_AGENTS if m in self.member_actor}
            actor = participants.pop() if len(participants) == 1 else self.public_actor
            if actor:
                return actor, phrase.text
        for child in token.children:
            if child.dep_ == "poss" and child.lower_ == "whose":
                antecedent = self._relative_antecedent(token)  # "Zorblat, whose party supports it"
                if antecedent is not None:
                    actor, _ = self.actor_for(antecedent, article_mentions)
                    if actor:
                        return actor, f"{phrase.text} ({antecedent.text})"
            if child.dep_ == "poss" and child.lower_ in PERSONAL:
                # "her party": the party of the last named person
                previous = [m for m in article_mentions if m[2] == "PERSON" and m[1] <= child.idx]
                if previous:
                    actor = self.canonical_actor(previous[-1][3])
                    if actor:
                        return actor, f"{phrase.text} ({previous[-1][3]})"
            if child.dep_ == "appos":
                actor, _ = self.actor_for(child, article_mentions)  # "One of the parties, the X Party"
                if actor:
                    return actor, phrase.text
        actor = self._short_name(token, phrase, article_mentions)
        if actor:
            return actor, phrase.text
        if token.dep_ == "appos" and token.head.pos_ == "PROPN":
            # "Gamma, a firm that has applied": the name the apposition describes (its own mention or member)
            head = token.head
            named = [m[3] for m in article_mentions if m[0] <= head.idx < m[1]]
            actor = self.canonical_actor(named[0]) if named else self.member_actor.get(_key(head.text))
            if actor:
                return actor, f"{phrase.text} ({head.text})"
        antecedent = role_antecedent(token, phrase, article_mentions, self.person_roles, self.org_nouns,
                                     self.member_names)
        if antecedent is not None and antecedent.root.i != token.i:
            actor, _ = self.actor_for(antecedent.root, article_mentions)
            return actor, f"{phrase.text} ({antecedent.text})"
        return None, phrase.text

    def _nation(self, token: Token) -> str | None:
        """A plural demonym with "the" as the holder's head ("the Americans have pledged", "the French
        warned") names the nation acting through its government: the actor of its country. A bare plural
        ("Veldorians back a pause") is a population and is left to the study's members."""
        plural = token.text.endswith(("s", "ese", "ch", "sh"))  # "the Americans", "the French", "the Chinese"
        if token.pos_ not in ("PROPN", "NOUN") or not token.text[:1].isupper() or not plural or not any(
                c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None
        country = demonym_country(token.text)
        return self.canonical_actor(country) if country and token.text != country else None

    def _other_state_named(self, token: Token, article_mentions) -> bool:
        """Before a bare "the government", its sentence names a place of another actor and none of the
        deciding one ("In Gamma the government ..."): it may be that state's government."""
        sent = token.sent
        actors = {self.canonical_actor(m[3]) for m in article_mentions
                  if m[2] in ("GPE", "NORP") and sent.start_char <= m[0] < token.idx}
        actors.discard(None)
        return bool(actors) and self.deciding_actor not in actors

    def _group_member(self, token: Token) -> str | None:
        """The one actor with a member that names the holder's group in other generic words: the same
        modifier with another group noun ("Northern partners" -> member "Northern countries"), or the
        modifier alone as the head ("the opposition" -> member "opposition parties")."""
        group = words("group_nouns")
        modifiers = [c.lower_ for c in token.children if c.dep_ in ("amod", "compound", "nmod")]
        found = set()
        for member, actor in self.member_actor.items():
            parts = member.split()
            if len(parts) < 2 or parts[-1] not in group:
                continue
            if token.lower_ in group and modifiers == parts[:-1]:
                found.add(actor)
            elif not modifiers and len(parts) == 2 and token.lower_ == parts[0]:
                found.add(actor)
        return found.pop() if len(found) == 1 else None

    @staticmethod
    def _relative_antecedent(token: Token) -> Token | None:
        """The noun a relative clause holding ``token`` modifies ("X, whose party ...": X)."""
        current = token
        for _ in range(4):
            if current.dep_ == "relcl":
                return current.head
            if current.head.i == current.i:
                return None
            current = current.head
        return None

    def _short_name(self, token: Token, phrase, article_mentions) -> str | None:
        """"the Assembly" after "the Assembly of Delta Villages": a capitalised head noun with only "the"
        before it refers back to the last earlier organisation or actor member whose name it begins or ends
        (with none in the text before it, to the one actor with such a member)."""
        if not (token.text[:1].isupper() and phrase.text.lower() == f"the {token.lower_}" and token.i > 0):
            return None
        word = token.lower_
        for start, _, label, canonical in reversed(article_mentions):
            words_ = _key(canonical).split()
            if start < token.idx and label == "ORG" and len(words_) > 1 and word in (words_[0], words_[-1]):
                actor = self.canonical_actor(canonical)
                if actor:
                    return actor
        text = token.doc.text[:token.idx].lower()
        found = [(text.rfind(m), m) for m in self.member_actor if len(m.split()) > 1
                 and word in (m.split()[0], m.split()[-1]) and m in _key(text)]
        found = [(pos, m) for pos, m in found if pos >= 0] or [(0, m) for _, m in found]
        if found:
            return self.member_actor[max(found)[1]]
        # not named earlier in the article: the one actor with a member of that first or last word
        actors = {a for m, a in self.member_actor.items()
                  if len(m.split()) > 1 and word in (m.split()[0], m.split()[-1])}
        return actors.pop() if len(actors) == 1 else None

    def _population(self, token: Token, phrase) -> bool:
        """A population, a poll or a share of one ("two in three voters", "63 percent", "crowds", "two-thirds
        of Alphans"),
        named by no proper noun ("the majority in the Veldorian Council" is not the public) but a place's
        ("residents of Northdale")."""
        heads = {token.lemma_.lower(), token.lower_}
        of_people = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                     if g.dep_ == "pobj" and (g.ent_type_ == "NORP" or g.lower_ in self.population)]
        people_share = token.lower_ in SHARE_WORDS and bool(of_people) or (  # "two-thirds of Alphans"
            token.ent_type_ == "NORP" and token.dep_ == "pobj" and token.head.lower_ == "of"
            and token.head.head.lower_ in SHARE_WORDS)
        return (bool(heads & self.population) or people_share) and not any(
            t.pos_ == "PROPN" and t.i != phrase.start and t.ent_type_ not in ("GPE", "LOC", "NORP") for t in phrase)

    @staticmethod
    def _mention_canonical(token: Token, article_mentions: list[tuple[int, int, str, str]]) -> str | None:
        return next((m[3] for m in article_mentions if m[0] <= token.idx < m[1]), None)
