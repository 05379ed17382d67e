"""De-duplication: keep one copy of every story, record the others with ``duplicate_of``.

* Exact: the same normalized text (case, whitespace and punctuation ignored) -> the same article id.
* Near: the same story with small edits. Word 5-shingles are hashed into a MinHash (datasketch) and an
  LSH index proposes earlier articles whose estimated Jaccard similarity reaches the threshold
  (:data:`pipeline.config.NEAR_DUPLICATE_THRESHOLD`).

The first article in input order is kept, so the outcome depends only on the sorted inputs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from pipeline.config import NEAR_DUPLICATE_THRESHOLD
from pipeline.ingest import article_key
from pipeline.records import Article

SHINGLE_WORDS = 5
NUM_PERM = 128
LSH_MAX_THRESHOLD = 0.9
_SEED = 1


def deduplicate(
    articles: Sequence[Article], *, threshold: float = NEAR_DUPLICATE_THRESHOLD, num_perm: int = NUM_PERM
) -> tuple[Article, ...]:
    """Return ``articles`` in the same order with duplicates marked (and given unique ids)."""
    from datasketch import MinHash, MinHashLSH

    # The index only proposes candidates; each is then checked against the real threshold. Its own
    # threshold is capped because LSH needs at least two bands, which very high thresholds do not leave.
    lsh = MinHashLSH(threshold=min(threshold, LSH_MAX_THRESHOLD), num_perm=num_perm)
    sketches: dict[str, MinHash] = {}
    order: dict[str, int] = {}
    copies: dict[str, int] = {}
    kept_of: dict[str, str] = {}  # article id -> id of the kept article it stands for
    result: list[Article] = []
    for article in articles:
        original = article.article_id
        if original in copies:
            copies[original] += 1
            result.append(
                dataclasses.replace(
                    article,
                    article_id=f"{original}-{copies[original]}",
                    duplicate_of=kept_of[original],
                    duplicate_rule="exact",
                    similarity=1.0,
                )
            )
            continue
        copies[original] = 1
        sketch = _minhash(article_key(article.body), num_perm, MinHash)
        match = _best_match(sketch, lsh.query(sketch), sketches, order, threshold)
        if match is not None:
            kept, similarity = match
            kept_of[original] = kept
            result.append(
                dataclasses.replace(
                    article, duplicate_of=kept, duplicate_rule="near", similarity=round(similarity, 3)
                )
            )
            continue
        kept_of[original] = original
        lsh.insert(original, sketch)
        sketches[original] = sketch
        order[original] = len(order)
        result.append(article)
    return tuple(result)


def _minhash(text: str, num_perm: int, minhash_type: type) -> object:
    words = text.split()
    if len(words) <= SHINGLE_WORDS:
        shingles = {" ".join(words)}
    else:
        shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    sketch = minhash_type(num_perm=num_perm, seed=_SEED)
    sketch.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    return sketch


def _best_match(
    sketch: object, candidates: list[str], sketches: dict, order: dict[str, int], threshold: float
) -> tuple[str, float] | None:
    """The earliest kept candidate whose estimated similarity reaches the threshold."""
    scored = [(order[c], c, sketch.jaccard(sketches[c])) for c in candidates]  # type: ignore[attr-defined]
    passing = sorted((rank, c, s) for rank, c, s in scored if s >= threshold)
    if not passing:
        return None
    _, kept, similarity = passing[0]
    return kept, similarity
