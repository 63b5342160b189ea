"""Exact and near-duplicate articles (the same wire copy on two sites), clustered by shingle overlap."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

_WORD = re.compile(r"\w+")
SHINGLE = 5
NEAR_JACCARD = 0.5
NEAR_CONTAINMENT = 0.8


def shingles(text: str, size: int = SHINGLE) -> set[int]:
    """Hashed word n-grams of the lower-cased text."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {hash(" ".join(words))} if words else set()
    return {hash(" ".join(words[i:i + size])) for i in range(len(words) - size + 1)}


def text_hash(text: str) -> str:
    """SHA-256 of the text with case and spacing folded: equal for exact copies."""
    return hashlib.sha256(" ".join(_WORD.findall(text.lower())).encode()).hexdigest()


def find_duplicates(ids: list[str], texts: list[str]) -> dict[str, tuple[str, str, float]]:
    """Map each duplicate article id to (cluster id, kind 'exact'|'near', similarity).

    The cluster id is the first article of the cluster (in the given order); that article is not
    listed. Near duplicates share >= 50% of their 5-word shingles (Jaccard) or >= 80% of the
    shorter article's shingles (a trimmed copy).
    """
    parent = list(range(len(ids)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    hashes = [text_hash(t) for t in texts]
    sets = [shingles(t) for t in texts]
    kind: dict[int, tuple[str, float]] = {}
    by_hash: dict[str, int] = {}
    for i, h in enumerate(hashes):
        if not sets[i]:
            continue
        if h in by_hash:
            union(by_hash[h], i)
            kind[i] = ("exact", 1.0)
        else:
            by_hash[h] = i
    index: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        shared: dict[int, int] = defaultdict(int)
        for sh in s:
            for j in index[sh]:
                shared[j] += 1
            index[sh].append(i)
        for j, n in shared.items():
            if hashes[i] == hashes[j]:
                continue
            jaccard = n / len(s | sets[j]) if n else 0.0
            containment = n / min(len(s), len(sets[j]))
            if jaccard >= NEAR_JACCARD or containment >= NEAR_CONTAINMENT:
                union(j, i)
                kind.setdefault(i, ("near", round(max(jaccard, containment), 3)))
    result = {}
    for i in range(len(ids)):
        root = find(i)
        if root != i:
            k, sim = kind.get(i, ("near", 0.0))
            result[ids[i]] = (ids[root], k, sim)
    return result
