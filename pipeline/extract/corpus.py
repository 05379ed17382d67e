"""Names known to the corpus, tagged wherever they occur: the one corpus-level step of extraction.

The small model tags a name in one article and misses it in another ("Velmora Quist" found in a story,
not in the next one, where the sentence reads differently). Inside one article
:func:`~pipeline.extract.spans.propagate` already tags the repeats; here every article learns the names
the rest of the corpus found, with the type most of their mentions got across the corpus.

Guards, so that only names spread: a known name has two words or more, or is one word the model tagged
in at least :data:`MIN_ARTICLES` articles that never occurs in lowercase in the corpus (so never a common
word, "Church" or "Court"); an occurrence must be written exactly so (case included), stand as whole
words and overlap no other mention. Runs after every article's extraction (cached or fresh) and is
linear in the size of the corpus: the names are indexed by first word once and each body is read once.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from pipeline.dates import CALENDAR_WORDS
from pipeline.extract.spans import next_to_a_name
from pipeline.extract.untagged import title_cased
from pipeline.records import ENTITY_TYPES, PICTURE_ORIGINS, Extraction, Mention

#: Articles in which the model must tag a one-word name before it counts as known to the corpus.
MIN_ARTICLES = 2
#: Prefixes a hyphen joins to a name that stays the name ("anti-Quellia", "pro-Varn", "post-Orsa"): any
#: other word before a hyphen makes the name a part of another ("Varn-Tessaly", "Anglo-Tessaly").
NAME_PREFIXES = ("anti", "pro", "post", "pre", "non", "ex", "neo")
_WORD = re.compile(r"\w+")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")


#: The label a listed name gets, by its type.
_LABELS = {"person": "PERSON", "group": "ORG", "place": "GPE"}
#: Mentions that make no name known to the corpus: those it tagged itself, and names read in pictures'
#: captions (a photographer credited twice is no name to look for in every story).
_NOT_VOTING = frozenset({"corpus"}) | PICTURE_ORIGINS


def spread_known_names(
    extractions: Sequence[Extraction], bodies: Mapping[str, str], *, listed: Mapping[str, str] | None = None
) -> tuple[Extraction, ...]:
    """``extractions`` with every occurrence of a name known to the corpus tagged (origin ``corpus``).

    ``listed``: names the analysts listed (aliases.yml), as written, with their type. Each of them of two
    words or more, first and last capitalized, is known as well, with that type where the model never
    tagged it; an occurrence must not run on into a capitalized word ("New York" of "New York Times").
    A nationality the model tagged inside a known name is part of it ("Islamic" of "the Islamic State")."""
    votes: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    articles: dict[str, set[str]] = defaultdict(set)
    for extraction in extractions:
        for mention in extraction.mentions:
            if mention.type in ENTITY_TYPES and mention.origin not in _NOT_VOTING:
                votes[mention.text][(mention.label, mention.type)] += 1
                articles[mention.text].add(extraction.article_id)
    lowercase: set[str] = set()
    for body in bodies.values():
        lowercase.update(_LOWER_WORD.findall(body))
    known: dict[str, tuple[str, str]] = {}
    for name, counter in votes.items():
        words = name.split()
        if not name[:1].isupper() or not all(
            w[:1].isupper() or not w[:1].isalpha() for w in (words[0], words[-1])
        ):
            continue
        if len(words) == 1 and (
            len(articles[name]) < MIN_ARTICLES or name.lower() in lowercase or len(name) < 3 or name.isupper()
        ):
            continue
        known[name] = min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    run_on_guarded = set()
    for name, kind in (listed or {}).items():
        words = name.split()
        if len(words) > 1 and words[0][:1].isupper() and words[-1][:1].isupper() and name not in known:
            known[name] = (_LABELS[kind], kind)
            run_on_guarded.add(name)
    if not known:
        return tuple(extractions)
    by_first: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for name in known:
        first = _WORD.match(name)
        if first is not None:
            by_first[first.group()][len(name)].add(name)  # "Al Qaeda" and "Al Qaida" alike
    result = []
    for extraction in extractions:
        text = bodies.get(extraction.article_id)
        if text is None or extraction.failure is not None:
            result.append(extraction)
            continue
        added, replaced = _occurrences(extraction, text, by_first, known, run_on_guarded)
        if added:
            kept = (m for m in extraction.mentions if id(m) not in replaced)
            mentions = tuple(sorted((*kept, *added), key=lambda m: (m.start, m.end)))
            extraction = dataclasses.replace(extraction, mentions=mentions)
        result.append(extraction)
    return tuple(result)


def _after_a_name_prefix(body: str, hyphen: int) -> bool:
    """Is the hyphen at ``hyphen`` one of :data:`NAME_PREFIXES`' ("anti-", "Pro-"), the prefix a whole word?

    >>> body = "anti-Varn and Anglo-Varn and nonpro-Varn"
    >>> [_after_a_name_prefix(body, body.index("-", at)) for at in (0, 10, 29)]
    [True, False, False]
    """
    for prefix in NAME_PREFIXES:
        begin = hyphen - len(prefix)
        if (
            begin >= 0
            and body[begin:hyphen].lower() == prefix
            and (begin == 0 or not (body[begin - 1].isalnum() or body[begin - 1] in "-_"))
        ):
            return True
    return False


def _occurrences(
    extraction: Extraction,
    body: str,
    by_first: dict[str, dict[int, set[str]]],
    known: dict[str, tuple[str, str]],
    run_on_guarded: set[str],
) -> tuple[list[Mention], set[int]]:
    """The mentions to add to ``extraction``, and the id() of the nationalities they take in."""
    taken = bytearray(len(body))
    names = bytearray(len(body))
    nationalities: dict[int, Mention] = {}
    for mention in extraction.mentions:
        taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
        if mention.type in ENTITY_TYPES:
            names[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
        elif mention.label == "NORP":
            nationalities[mention.start] = mention
    starts = [s.start for s in extraction.sentences]
    added = []
    replaced: set[int] = set()
    headlines: dict[int, bool] = {}  # title-cased sentences, by index, as they are needed
    for word in _WORD.finditer(body):
        lengths = by_first.get(word.group())
        if not lengths:
            continue
        start = word.start()  # a run of word characters starts here: a letter or digit never comes before
        if start and body[start - 1] == "-" and not _after_a_name_prefix(body, start - 1):
            continue
        for length in sorted(lengths, reverse=True):  # the longest name written here wins
            end = start + length
            name = body[start:end]
            if name not in lengths[length] or (end < len(body) and (body[end].isalnum() or body[end] == "-")):
                continue
            inside = _nationalities_inside(nationalities, taken, start, end)
            if inside is None or (inside and " " not in name) or next_to_a_name(names, body, start, end):
                continue  # a one-word name is no nationality's other reading ("Christian" the person)
            if name in run_on_guarded and _runs_on(body, start, end):
                continue
            if (
                " " not in name
                and known[name][1] == "person"
                and _before_an_untagged_capital(body, end, names)
            ):
                # "Tan" of "Tan Sri Ong Boon Keat": a word of a title or a longer name (a party or a
                # place goes on into its member or event: "Labor MP", "the Melbourne Test")
                continue
            if known[name][1] != "person" and _after_a_capitalized_word(body, start) and not taken[start - 2]:
                # "the Varn High Court" holds the "High Court" of another story: a longer name, where the
                # word before is no name of its own ("Quellish Labour MP": a nationality, then the party)
                continue
            sentence = max(bisect.bisect_right(starts, start) - 1, 0)
            if sentence not in headlines:
                line = extraction.sentences[sentence] if sentence < len(extraction.sentences) else None
                headlines[sentence] = line is not None and title_cased(body[line.start : line.end])
            if headlines[sentence]:
                continue  # a headline's capitals say nothing of names ("Gunmen Will Meet Police Today")
            replaced.update(id(m) for m in inside)
            label, kind = known[name]
            added.append(Mention(extraction.article_id, sentence, start, end, name, label, kind, "corpus"))
            taken[start:end] = names[start:end] = b"\x01" * length
            break
    return added, replaced


def _nationalities_inside(
    nationalities: dict[int, Mention], taken: bytearray, start: int, end: int
) -> list[Mention] | None:
    """The nationalities (NORP mentions) that [start, end) holds whole, if nothing else of it is taken;
    None if something is.

    >>> body = "the Quellish State"
    >>> adjective = Mention("a", 0, 4, 12, "Quellish", "NORP", "other", "model")
    >>> taken = bytearray(len(body)); taken[4:12] = b"\x01" * 8
    >>> _nationalities_inside({4: adjective}, taken, 4, 18) == [adjective], _nationalities_inside({}, taken, 4, 18)
    (True, None)
    """
    if taken.find(1, start, end) == -1:
        return []
    inside = []
    position = start
    while position < end:
        mention = nationalities.get(position)
        if mention is not None and mention.end <= end:
            inside.append(mention)
            position = mention.end
        elif taken[position]:
            return None
        else:
            position += 1
    return inside


def _before_an_untagged_capital(body: str, end: int, names: bytearray) -> bool:
    """Does a capitalized word that no name holds follow ``end`` after one space?

    A day after it is no word of the name ("Quist Tuesday night").

    >>> body = "Tan Sri Ong spoke to Tan at Varn with Tan Monday"
    >>> names = bytearray(len(body)); names[8:11] = b"\x01" * 3
    >>> [_before_an_untagged_capital(body, end, names) for end in (3, 24, 41)]
    [True, False, False]
    """
    if not (end + 2 < len(body) and body[end] == " " and body[end + 1].isupper() and not names[end + 1]):
        return False
    following = _WORD.match(body, end + 1)
    return following is None or following.group().lower() not in CALENDAR_WORDS  # "Quist Tuesday night"


def _runs_on(body: str, start: int, end: int) -> bool:
    """Does a capitalized word follow [start, end) in the same sentence, or one other than "The" and a
    sentence's first word come just before it?

    >>> body = "The Varn Sea Times said. In Varn Sea ports"
    >>> _runs_on(body, 4, 12), _runs_on(body, 28, 36)
    (True, False)
    """
    return re.match(r" +([A-Z])", body[end : end + 3]) is not None or _after_a_capitalized_word(body, start)


def _after_a_capitalized_word(body: str, start: int) -> bool:
    """Does a capitalized word other than "The" and a sentence's first word come just before ``start``:
    the name there is the end of a longer one ("the Varn High Court", "a Federal High Court")?

    >>> body = "The Varn High Court sat. A High Court sat. Osk said High Court rules"
    >>> [_after_a_capitalized_word(body, body.index("High Court", at)) for at in (0, 25, 40)]
    [True, False, False]
    """
    before = re.search(r"([A-Za-z]+)[ ]+$", body[max(0, start - 40) : start])
    if before and before.group(1)[0].isupper() and before.group(1) != "The":
        sentence_start = re.search(
            r"(^|[.!?:;\n][\"'”’)]*\s+)$", body[: start - len(before.group(0))][-5:] or ""
        )
        return sentence_start is None
    return False
