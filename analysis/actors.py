"""From a holder in the text to one of the study's actors: names, metonyms, role nouns, demonyms.

An actor is found, in order, through: an entity mention inside the holder phrase whose canonical
name is a study entity with an ``actor`` or an actor member; a member phrase of an actor in the
holder phrase ("presidential office", "opposition lawmakers", "Gallup Korea"); a nationality
adjective on a government role noun ("Russian officials" -> the actor of Russia).
"""

from __future__ import annotations

import re
from bisect import bisect_right

import pandas as pd
from spacy.tokens import Token

from analysis.entities import demonym_country
from analysis.lexicon import words

PERSONAL = {"he", "she", "him", "her", "his", "hers"}
FIRST_PERSON = {"i", "we", "me", "us", "our", "my", "ours"}
GENERIC = {"it", "they", "them", "its", "their", "country", "government", "nation", "side", "administration",
           "state", "authorities"}


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
        self.mentions = mentions
        self.roles = words("government_roles")

    def article_mentions(self, article_id: str) -> pd.DataFrame:
        return self.mentions[self.mentions["article_id"] == article_id].sort_values("start")

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
                if child.dep_ == "prep" and child.lower_ == "of":
                    tokens.extend(child.subtree)
                continue
            tokens.extend(child.subtree)
        tokens = sorted(set(tokens), key=lambda t: t.i)
        return token.doc[tokens[0].i:tokens[-1].i + 1]

    def actor_for(self, token: Token, article_mentions: pd.DataFrame) -> tuple[str | None, str]:
        """(actor id or None, holder text) for a holder head token."""
        lower = token.lower_
        if lower in PERSONAL:
            previous = article_mentions[(article_mentions["label"] == "PERSON")
                                        & (article_mentions["end"] <= token.idx)]
            if not previous.empty:
                last = previous.iloc[-1]
                return self.canonical_actor(last["canonical"]), f"{token.text} ({last['canonical']})"
            return None, token.text
        phrase = self.holder_phrase(token)
        inside = article_mentions[(article_mentions["start"] >= phrase.start_char)
                                  & (article_mentions["end"] <= phrase.end_char)]
        # The mention nearest the phrase head decides ("Yoon's National Security Adviser Shin").
        if not inside.empty:
            ordered = inside.assign(distance=(inside["start"] - token.idx).abs()).sort_values("distance")
            for canonical in ordered["canonical"]:
                actor = self.canonical_actor(canonical)
                if actor:
                    return actor, phrase.text
        actor = self._members_in(phrase.text)
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
        return None, phrase.text

    @staticmethod
    def _mention_canonical(token: Token, article_mentions: pd.DataFrame) -> str | None:
        hit = article_mentions[(article_mentions["start"] <= token.idx) & (article_mentions["end"] > token.idx)]
        return hit.iloc[0]["canonical"] if not hit.empty else None


def mention_index(mentions: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Mentions grouped by article (sorted by start) for quick lookup."""
    return {aid: group.sort_values("start") for aid, group in mentions.groupby("article_id")}


def previous_person(mentions: pd.DataFrame, char: int) -> str | None:
    """Canonical name of the last PERSON mention ending before ``char``."""
    people = mentions[mentions["label"] == "PERSON"]
    ends = people["end"].tolist()
    i = bisect_right(ends, char)
    return people.iloc[i - 1]["canonical"] if i else None
