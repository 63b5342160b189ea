"""Exact and near-duplicate articles (the same wire copy on two sites), clustered by shingle overlap."""

from __future__ import annotations

import hashlib
import re
from collections import deque
from collections.abc import Iterator

import pandas as pd

_WORD = re.compile(r"\w+")
SHINGLE = 5
NEAR_JACCARD = 0.5
NEAR_CONTAINMENT = 0.8
# MinHash signatures for the corpus-wide search (scale engine).
NUM_PERM = 64
SCHEME = "affine32"
# LSH proposes pairs whose Jaccard may be as low as this; each is then checked against the same
# rules as ``find_duplicates``: Jaccard >= 0.5 or containment >= 0.8.
CANDIDATE_JACCARD = 0.3


def shingle_texts(text: str, size: int = SHINGLE) -> Iterator[str]:
    """The word n-grams of the lower-cased text, one at a time (a text shorter than ``size`` words
    is one n-gram; words are streamed: a 50 MB body is never held as a list of word strings)."""
    window: deque[str] = deque(maxlen=size)
    full = False
    for match in _WORD.finditer(text.lower()):
        window.append(match.group())
        if len(window) == size:
            full = True
            yield " ".join(window)
    if not full and window:
        yield " ".join(window)


def shingles(text: str, size: int = SHINGLE) -> set[int]:
    """Hashed word n-grams of the lower-cased text."""
    return {hash(gram) for gram in shingle_texts(text, size)}


def text_hash(text: str) -> str:
    """SHA-256 of the text with case and spacing folded: equal for exact copies."""
    digest = hashlib.sha256()
    sep = b""
    for match in _WORD.finditer(text.lower()):
        digest.update(sep + match.group().encode())
        sep = b" "
    return digest.hexdigest()


BLOCK_ROWS = 512  # articles compared with all earlier ones per sparse product (bounds memory)


def _shared_shingles(sets: list[set[int]]):
    """For each article, the earlier articles it shares shingles with and how many: yields
    (article rows, earlier rows, shared counts) as NumPy arrays, one block of articles at a time.
    One sparse article x shingle incidence matrix times its transpose: every pair is counted once,
    in compiled code, so 400 near-copies of one story cost a product, not a Python loop per pair."""
    import numpy as np
    from scipy import sparse

    codes: dict[int, int] = {}
    rows, cols = [], []
    for i, s in enumerate(sets):
        for sh in s:
            cols.append(codes.setdefault(sh, len(codes)))
        rows.extend([i] * len(s))
    incidence = sparse.csr_matrix((np.ones(len(cols), dtype=np.int32), (rows, cols)),
                                  shape=(len(sets), max(len(codes), 1)))
    transposed = incidence.T.tocsc()
    for first in range(0, len(sets), BLOCK_ROWS):
        block = (incidence[first:first + BLOCK_ROWS] @ transposed).tocoo()
        mine, earlier = block.row + first, block.col
        keep = earlier < mine
        yield mine[keep], earlier[keep], block.data[keep]


def find_duplicates(ids: list[str], texts: list[str]) -> dict[str, tuple[str, str, float]]:
    """Map each duplicate article id to (cluster id, kind 'exact'|'near', similarity).

    The cluster id is the first article of the cluster (in the given order); that article is not
    listed. Near duplicates share >= 50% of their 5-word shingles (Jaccard) or >= 80% of the
    shorter article's shingles (a trimmed copy); a near duplicate's similarity is the one to the
    earliest article it passes with.
    """
    import numpy as np

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
    sizes = np.array([len(s) for s in sets], dtype=np.float64)
    codes = np.unique(hashes, return_inverse=True)[1] if hashes else np.array([], dtype=np.int64)
    for mine, earlier, shared in _shared_shingles(sets):
        union_size = sizes[mine] + sizes[earlier] - shared
        jaccard = shared / union_size
        containment = shared / np.minimum(sizes[mine], sizes[earlier])
        passing = ((jaccard >= NEAR_JACCARD) | (containment >= NEAR_CONTAINMENT)) & (codes[mine] != codes[earlier])
        order = np.lexsort((earlier[passing], mine[passing]))  # per article, the earliest match first
        for i, j, jac, con in zip(mine[passing][order].tolist(), earlier[passing][order].tolist(),
                                  jaccard[passing][order].tolist(), containment[passing][order].tolist()):
            union(j, i)
            kind.setdefault(i, ("near", round(max(jac, con), 3)))
    result = {}
    for i in range(len(ids)):
        root = find(i)
        if root != i:
            k, sim = kind.get(i, ("near", 0.0))
            result[ids[i]] = (ids[root], k, sim)
    return result


def minhash_signatures(texts: list[str]) -> tuple[list[bytes], list[int]]:
    """MinHash signatures of the bodies' 5-word shingles and the number of shingles of each (for
    corpus-wide near-duplicate search)."""
    from datasketch import MinHash

    shingle_sets = [[gram.encode() for gram in set(shingle_texts(text))] for text in texts]
    hashers = MinHash.bulk(shingle_sets, num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    return [h.hashvalues.astype("uint64").tobytes() for h in hashers], [len(g) for g in shingle_sets]


def signature_duplicates(signatures: pd.DataFrame) -> pd.DataFrame:
    """Exact and near duplicates from MinHash signatures (``minhash_signatures`` per article, with
    ``article_id``, ``partition`` and ``text_hash``), in corpus order.

    Each article is compared with the earlier ones that LSH proposes; it is a near duplicate of the
    first whose estimated shingle overlap passes the rules of ``find_duplicates`` (Jaccard >= 0.5,
    or >= 0.8 of the shorter article's shingles).
    """
    import numpy as np
    from datasketch import LeanMinHash, MinHashLSH

    rows = []
    if not signatures.empty:
        signatures = signatures.sort_values(["partition", "article_id"], kind="stable").reset_index(drop=True)
        values = np.vstack([np.frombuffer(raw, dtype="uint64") for raw in signatures["minhash"]])
        sizes = signatures["n_shingles"].to_numpy(dtype="float64")
        ids = signatures["article_id"].tolist()
        # Keys in the LSH index are corpus positions, so candidates come back as row numbers.
        lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
        first_by_hash: dict[str, str] = {}
        for i, (article_id, digest) in enumerate(zip(ids, signatures["text_hash"])):
            if digest in first_by_hash:
                rows.append({"article_id": article_id, "duplicate_of": first_by_hash[digest], "kind": "exact",
                             "similarity": 1.0})
                continue
            first_by_hash[digest] = article_id
            # LeanMinHash holds the stored values without regenerating the permutations.
            hasher = LeanMinHash(seed=1, hashvalues=values[i], scheme=SCHEME)
            earlier = np.sort(np.fromiter(lsh.query(hasher), dtype="int64"))
            if len(earlier):
                jaccard = (values[earlier] == values[i]).mean(axis=1)
                shared = jaccard * (sizes[earlier] + sizes[i]) / (1 + jaccard)
                containment = np.minimum(shared / np.maximum(np.minimum(sizes[earlier], sizes[i]), 1), 1.0)
                passing = (jaccard >= NEAR_JACCARD) | (containment >= NEAR_CONTAINMENT)
                if passing.any():
                    k = int(passing.argmax())
                    rows.append({"article_id": article_id, "duplicate_of": ids[earlier[k]], "kind": "near",
                                 "similarity": round(float(max(jaccard[k], containment[k])), 3)})
            lsh.insert(i, hasher)
    return pd.DataFrame(rows, columns=["article_id", "duplicate_of", "kind", "similarity"])
