"""De-duplication: keep one copy of every story, record the others with ``duplicate_of``.

* Exact: the same normalized text (case, whitespace and punctuation ignored) -> the same article id.
* Near: the same story with small edits. Word 5-shingles are hashed into a MinHash (datasketch) and an
  LSH index proposes earlier articles that may be similar; each candidate is then confirmed with the
  exact Jaccard similarity of the two shingle sets, which must reach the threshold
  (:data:`pipeline.config.NEAR_DUPLICATE_THRESHOLD`). The estimate alone errs by ±0.1 and more on
  short texts: two different one-line items (exact 0.33) were estimated at 0.52.

Each story is kept in its longest copy; of equally long copies, the latest dated (a later batch's
correction replaces the story it corrects), then the first in input order, so the outcome depends only
on the sorted inputs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from pipeline.config import NEAR_DUPLICATE_THRESHOLD
from pipeline.dates import CALENDAR_WORDS
from pipeline.ingest.articles import article_key
from pipeline.records import Article

if TYPE_CHECKING:
    from datasketch import MinHash, MinHashLSH
    from datasketch import MinHash as Sketch  # the local name MinHash is the class datasketch gave

SHINGLE_WORDS = 5
NUM_PERM = 128
LSH_MAX_THRESHOLD = 0.9
#: The index proposes pairs from this share of the threshold up: tuned to the threshold itself, it
#: proposes a pair right at it only about half the time (0.55 at 0.5 with 25 bands of 5 rows), and a
#: story with its first half kept elsewhere (similarity 0.52) slipped through. At 0.6 of it (37 bands of
#: 3), a pair at the threshold is proposed 99% of the time; the exact check still decides.
CANDIDATE_SHARE = 0.6
#: A candidate is checked exactly only when the sketches estimate its similarity at no less than the
#: threshold minus this: the exact check re-reads both texts, and a corpus of similar stories gives
#: every article many candidates. The estimate's error is 0.05 at 0.5 with 128 permutations; 0.2 is four
#: of those.
ESTIMATE_MARGIN = 0.2
_SEED = 1
#: datasketch's hashing scheme, named so that stored signatures and new ones always agree.
_SCHEME = "affine32"
#: The LSH index's (bands, rows) that datasketch chooses for (threshold, num_perm) by numerical
#: integration, for the default threshold (a test checks them against datasketch's own choice).
LSH_PARAMS = {(0.3, 128): (37, 3)}


def deduplicate(
    articles: Sequence[Article],
    *,
    threshold: float = NEAR_DUPLICATE_THRESHOLD,
    num_perm: int = NUM_PERM,
    signatures: SignatureStore | None = None,
) -> tuple[Article, ...]:
    """Return ``articles`` in the same order with duplicates marked (and given unique ids).

    ``signatures`` (the extraction cache) keeps each article's MinHash, so a re-run only hashes new ones.
    """
    MinHash, MinHashLSH = _datasketch()  # noqa: N806 (classes)

    known = _known_signatures(articles, signatures, num_perm)
    # Drawing the permutations (numpy's RandomState) is a third of the cost of a new sketch: draw once.
    permutations = MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME).permutations
    computed: list[tuple[str, bytes]] = []

    # The index only proposes candidates; each is then checked against the real threshold. Its own
    # threshold is lower (CANDIDATE_SHARE), and capped because LSH needs at least two bands, which very
    # high thresholds do not leave.
    lsh_threshold = round(min(threshold * CANDIDATE_SHARE, LSH_MAX_THRESHOLD), 6)
    lsh = MinHashLSH(
        threshold=lsh_threshold, num_perm=num_perm, params=LSH_PARAMS.get((lsh_threshold, num_perm))
    )
    bodies: dict[str, str] = {}  # kept article id -> its body, for the exact check
    sketches: dict[str, Sketch] = {}  # kept article id -> its sketch, to estimate before checking
    order: dict[str, int] = {}
    copies: dict[str, int] = {}
    kept_of: dict[str, str] = {}  # article id -> id of the kept article it stands for
    result: list[Article | None] = [None] * len(articles)
    for index in _first_published_first(articles):
        article = articles[index]
        original = article.article_id
        if original in copies:
            copies[original] += 1
            result[index] = dataclasses.replace(
                article,
                article_id=f"{original}-{copies[original]}",
                duplicate_of=kept_of[original],
                duplicate_rule="exact",
                similarity=1.0,
            )
            continue
        copies[original] = 1
        key = _signature_key(original, num_perm)
        stored = known.get(key)
        if isinstance(stored, bytes) and len(stored) == num_perm * 8:  # a row damaged on disk: computed again
            hashes = np.frombuffer(stored, dtype=np.uint64)
            sketch = MinHash(
                seed=_SEED, hashvalues=hashes, permutations=permutations, scheme=_SCHEME, hashfunc=int
            )
        else:
            sketch = _minhash(article_key(article.body), MinHash, permutations)
            computed.append((key, sketch.hashvalues.astype(np.uint64).tobytes()))
        candidates = [
            c for c in lsh.query(sketch) if sketch.jaccard(sketches[c]) >= threshold - ESTIMATE_MARGIN
        ]
        match = _best_match(article.body, candidates, bodies, order, threshold)
        if match is not None:
            kept, similarity = match
            kept_of[original] = kept
            result[index] = dataclasses.replace(
                article, duplicate_of=kept, duplicate_rule="near", similarity=round(similarity, 3)
            )
            continue
        kept_of[original] = original
        lsh.insert(original, sketch)
        sketches[original] = sketch
        bodies[original] = article.body
        order[original] = len(order)
        result[index] = article
    if signatures is not None:
        signatures.put_signatures(computed)
    return _fullest_kept([a for a in result if a is not None], threshold)


def _first_published_first(articles: Sequence[Article]) -> list[int]:
    """The order the articles are checked in: as read, but of word-for-word copies the earliest dated
    (undated ones last) in the place of the first read, so that it keeps the story's plain id and a copy
    published again later, whatever its file's name, changes nothing.

    >>> from pipeline.records import Article
    >>> late, early = Article("x", "b.txt", 0, "", "A.", iso_date="2024-05-02"), Article("x", "c.txt", 0, "", "A.", iso_date="2024-05-01")
    >>> _first_published_first([late, Article("y", "b.txt", 1, "", "B."), early])
    [2, 1, 0]
    """
    first_read: dict[str, int] = {}
    earliest: dict[str, int] = {}
    for index, article in enumerate(articles):
        first_read.setdefault(article.article_id, index)
        best = earliest.setdefault(article.article_id, index)
        if (article.iso_date or "\uffff", index) < (articles[best].iso_date or "\uffff", best):
            earliest[article.article_id] = index
    order = list(range(len(articles)))
    for article_id, slot in first_read.items():
        chosen = earliest[article_id]
        order[slot], order[chosen] = chosen, slot
    return order


def _fullest_kept(articles: list[Article], threshold: float) -> tuple[Article, ...]:
    """The same articles, each story kept in its longest copy: a teaser or a first half read first gives
        way to the full story read later (kept first, a story's 293-word first half had dropped the whole
        559-word story). Of equally long copies the latest dated is kept, then the first; exact copies never
    outgrow the one they copy.

        A copy is a duplicate of the new kept one only at ``threshold`` or above: one that was near the
        first copy but is further from the longest (it adds text of its own) is kept, or is a duplicate of
        such a copy kept before it."""
    members: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        members.setdefault(article.duplicate_of or article.article_id, []).append(index)
    result = list(articles)
    for kept, group in members.items():
        # the longest copy; of equally long ones, the latest dated (a correction, "eight" made "nine"),
        # then the first read. An exact copy is never newer than what it copies: the same story
        # published again later changes nothing, not even the id of the story's article.
        def rank(i: int) -> tuple[int, str, int]:
            exact = articles[i].duplicate_rule == "exact"
            return (len(articles[i].body.split()), "" if exact else articles[i].iso_date, -i)

        fullest = max(group, key=rank)
        if articles[fullest].article_id == kept:
            continue
        # (article id, shingles) of the group's kept copies: the longest first, then those set free
        fullest_text = article_key(articles[fullest].body)
        keepers = [
            (articles[fullest].article_id, fullest_text, _shingles(fullest_text), articles[fullest].body)
        ]
        for index in group:
            article = articles[index]
            if index == fullest:
                result[index] = dataclasses.replace(
                    article, duplicate_of="", duplicate_rule="", similarity=0.0
                )
                continue
            other_text = article_key(article.body)
            other = _shingles(other_text)
            similarity, new_kept = max(
                (
                    _copy_similarity(
                        keeper_text,
                        shingles,
                        other_text,
                        other,
                        threshold,
                        digits=3,
                        bodies=(body, article.body),
                    ),
                    keeper,
                )
                for keeper, keeper_text, shingles, body in keepers
            )
            if similarity < threshold:
                keepers.append((article.article_id, other_text, other, article.body))
                result[index] = dataclasses.replace(
                    article, duplicate_of="", duplicate_rule="", similarity=0.0
                )
                continue
            rule = "exact" if similarity == 1.0 else "near"
            result[index] = dataclasses.replace(
                article, duplicate_of=new_kept, duplicate_rule=rule, similarity=similarity
            )
    return tuple(result)


def _datasketch() -> tuple[type[MinHash], type[MinHashLSH]]:
    """datasketch's MinHash and MinHashLSH, imported without scipy.integrate or asyncio.

    The package imports scipy.integrate (2-3 s, more than the rest of a run's start-up) for ``quad``,
    which MinHashLSH calls only to choose its bands and rows when not given them (:data:`LSH_PARAMS`), and
    its ``datasketch.aio`` (LSH indexes kept in Redis or MongoDB) imports asyncio, a further 0.03 s. While
    datasketch is imported, stand-ins (:mod:`pipeline.stand_ins`) give it a ``quad`` and an
    ``AsyncMinHashLSH`` that import the real ones when first called.
    """
    if "datasketch" not in sys.modules:
        from pipeline.stand_ins import standing_in

        with standing_in(
            {"datasketch.aio": {"AsyncMinHashLSH": _async_lsh}, "scipy.integrate": {"quad": _quad}}
        ):
            import datasketch  # noqa: F401
    from datasketch import MinHash, MinHashLSH

    return MinHash, MinHashLSH


def _async_lsh(*args: Any, **kwargs: Any) -> Any:
    from datasketch.aio import AsyncMinHashLSH

    return AsyncMinHashLSH(*args, **kwargs)


def _quad(*args: Any, **kwargs: Any) -> Any:
    from scipy.integrate import quad

    return quad(*args, **kwargs)


class SignatureStore(Protocol):
    def get_signatures(self, keys: Iterable[str]) -> dict[str, bytes]: ...

    def put_signatures(self, items: Iterable[tuple[str, bytes]]) -> None: ...


def _signature_key(article_id: str, num_perm: int) -> str:
    # The article id is the hash of the normalized text the signature is computed from.
    return f"minhash:{_SCHEME}:{SHINGLE_WORDS}:{num_perm}:{_SEED}:{article_id}"


def _known_signatures(
    articles: Sequence[Article], store: SignatureStore | None, num_perm: int
) -> dict[str, bytes]:
    if store is None:
        return {}
    return store.get_signatures(_signature_key(a.article_id, num_perm) for a in articles)


def _shingles(text: str) -> set[str]:
    words = text.split()
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def _minhash(text: str, minhash_type: type[MinHash], permutations: np.ndarray) -> MinHash:
    """The MinHash of the text's shingles, as ``update_batch`` with datasketch's default hash
    (``sha1_hash32``: the first four bytes of the SHA-1 digest, little-endian) gives it, with the
    digests read into integers in one step rather than one ``struct.unpack`` call each."""
    sketch = minhash_type(
        num_perm=len(permutations[0]), seed=_SEED, permutations=permutations, scheme=_SCHEME, hashfunc=int
    )
    digests = b"".join([hashlib.sha1(s.encode("utf-8")).digest()[:4] for s in _shingles(text)])
    sketch.update_batch(np.frombuffer(digests, dtype="<u4").tolist())
    return sketch


def _best_match(
    body: str, candidates: list[str], bodies: dict[str, str], order: dict[str, int], threshold: float
) -> tuple[str, float] | None:
    """The earliest kept candidate whose exact similarity reaches the threshold. Only the LSH index's
    candidates are compared, in input order, so the check costs one pass over a few texts."""
    if not candidates:
        return None
    text = article_key(body)
    shingles = _shingles(text)
    for candidate in sorted(candidates, key=order.__getitem__):
        other_text = article_key(bodies[candidate])
        other = _shingles(other_text)
        similarity = _copy_similarity(
            text, shingles, other_text, other, threshold, bodies=(body, bodies[candidate])
        )
        if similarity >= threshold:
            return candidate, similarity
    return None


def _copy_similarity(
    text: str,
    shingles: set[str],
    other_text: str,
    other: set[str],
    threshold: float,
    *,
    digits: int | None = None,
    bodies: tuple[str, str] | None = None,
) -> float:
    """The Jaccard similarity of two texts' shingles (rounded to ``digits``, as articles.csv records it)
    when they are copies of one story (at ``threshold`` or above, opening alike: :func:`_leads_agree`,
    and, ``bodies`` given, naming the same: :func:`_names_agree`); 0.0 when they are not. The leads and
    names are read only for a pair similar enough."""
    similarity = len(shingles & other) / len(shingles | other)
    if digits is not None:
        similarity = round(similarity, digits)
    if similarity < threshold or not _leads_agree(text, shingles, other_text, other):
        return 0.0
    if similarity < 1.0 and bodies is not None and not _names_agree(*bodies):
        return 0.0
    return similarity


def _names_agree(body: str, other_body: str) -> bool:
    """Do two texts name the same, but for names one of them adds? Two stories written from one template
    name different towns or people where the other names its own ("Police in Quellby arrested two men"
    and "Police in Varnby arrested two men"); a copy adds a name (a dateline, a byline, a later quote),
    takes one out or corrects its spelling, but does not swap a name for another of its own.

    >>> _names_agree("Police in Quellby arrested two men.", "Police in Varnby arrested two men.")
    False
    >>> _names_agree("Police in Quellby arrested two men.", "QUELLBY (AP) - Police in Quelby arrested two men, Orla Quist said.")
    True
    >>> _names_agree("Police in Cork arrested two men.", "Police in York arrested two men.")
    False
    """
    # Stories from one template swap names both in their leads and in their whole texts. Two outlets'
    # copies differ at the end only ("This story first appeared in the Quellby Herald"), and a story
    # that a bulletin holds after another story has other names in its lead but none of its own.
    return _same_names(body, other_body) or _same_names(
        " ".join(body.split()[:LEAD_WORDS]), " ".join(other_body.split()[:LEAD_WORDS])
    )


def _same_names(text: str, other_text: str) -> bool:
    """Does no text name what the other does not, but for names one of them adds or spells otherwise?"""
    names, other = _capitalized_words(text), _capitalized_words(other_text)
    only, other_only = names - other, other - names
    if not only or not other_only:
        return True
    unmatched = [n for n in only if not any(_respelt(n, o) for o in other_only)]
    unmatched_other = [o for o in other_only if not any(_respelt(o, n) for n in only)]
    return not (unmatched and unmatched_other)


def _respelt(name: str, other: str) -> bool:
    """Is ``other`` ``name`` spelt otherwise: the same first letter, and at most one edit in four letters
    ("Quellby", "Quelby"; not "Cork", "York")?"""
    from rapidfuzz.distance import Levenshtein

    return name[:1] == other[:1] and Levenshtein.distance(name, other) <= max(
        1, min(len(name), len(other)) // 4
    )


#: A capitalized word that does not open a sentence: a name's, as writers capitalize names.
_NAME_WORD = re.compile(r"(?<![.!?:\n\"“'‘(\[ ,;])[ ,;]{1,3}([A-Z][\w'’-]+)")


def _capitalized_words(body: str) -> set[str]:
    """The names' words of ``body``, days and months left out: a correction moves "Friday" to "Saturday"."""
    words = {match.group(1).lower() for match in _NAME_WORD.finditer(body)}
    return words - CALENDAR_WORDS


#: The words that open a story, its lead: two copies of one story share it, whatever else differs.
LEAD_WORDS = 40
#: The share of one text's lead shingles the other text must hold, in one direction at least.
LEAD_SHARE = 0.5


def _leads_agree(text: str, shingles: set[str], other_text: str, other: set[str]) -> bool:
    """Does one text hold most of the other's lead (:data:`LEAD_WORDS`)? Two briefs that share a long
    footer (an agency's, a company's "About us") are similar overall but open differently: two
    stories. A copy with a dateline added, a trimmed end or only the story's second half still shares
    a lead one way or the other.

    >>> footer = " ".join(f"word{n}" for n in range(80))
    >>> a = " ".join(f"bridge{n}" for n in range(25)) + " " + footer  # a brief of 25 words, the footer
    >>> b = " ".join(f"mill{n}" for n in range(25)) + " " + footer
    >>> _leads_agree(a, _shingles(a), b, _shingles(b))
    False
    >>> c = "quellby (ap) - " + a
    >>> _leads_agree(a, _shingles(a), c, _shingles(c))
    True
    """
    for lead_of, holder in ((text, other), (other_text, shingles)):
        lead = _shingles(" ".join(lead_of.split()[:LEAD_WORDS]))
        if len(lead & holder) >= LEAD_SHARE * len(lead):
            return True
    return False
