"""Enumerations: the names of a sentence that are items of a list ("A, B, C and D").

A sentence that enumerates names (a visa list of 22 countries, a squad, the authors of citations, a
table row) states nothing about any two of them: linking every item to every other made cliques of
k(k-1)/2 links, a third of GUM-dev's links, and gave them the highest association scores. The graph
stage (:mod:`pipeline.graph`) does not link two items of the enumerations of one sentence to each
other; each item is still linked to the sentence's names outside its enumerations ("Fort Quell is
bordered by Varn, Osk, Tell and Brin" links Fort Quell to the four).

An enumeration is a run of :data:`LEAST_ITEMS` names or more at one level of brackets, each separated
from the next only by commas, semicolons, "and", "or", "nor", "&", a slash, a table's bar or tab, "the",
quotes, capitalized words the model did not tag ("Saint Kitts and Nevis, Saint Lucia"), a citation's year
or "et al.", or a bracket ("Quellia (28 days), Varnia", "Orla Quist(c)", "Oskia (except Tell and Brin),
Varnia"). The names in a bracket after an item belong to that item: they are not linked to the other items,
but are to their own ("Osk Varn (The Quell, Brin Nights), Tell Dorn (...)": a director and his films),
and so are two names joined by "in" or "at" in a list of such items ("the Quell Fair in Varn, Osk Games
in Tell, ...": an event and its place).
Two or three names so joined ("Quist and Varn met") keep their links: they are as often the subject of one
statement as a list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

#: Fewest names a run must hold to be an enumeration: "A, B and C" is still read as a statement about them.
LEAST_ITEMS = 4

#: The longest bracket that may stand between two items ("(28 days)", "(except Oskia and Tellia)").
LONGEST_BRACKET = 80

#: The words and marks that may stand between two items of an enumeration, besides capitalized words
#: (names the model did not tag) and a citation's year (brackets are taken out first).
_JOINING_WORDS = frozenset({"and", "or", "nor", "the", "et", "al"})
_JOINING_MARKS = frozenset(",;/|&\"'“”‘’.")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d[a-z]?")
_WORDS = re.compile(r"\w[\w'’-]*|\(\)|\S")
#: At least one of these must: names with only spaces between are one name cut in two (or a name and a
#: title) more often than a list.
_SEPARATOR = re.compile(r"[,;/|&\t]|\b(?:and|or|nor)\b")
_OPEN, _CLOSE = "([", ")]"


def listed(text: str, spans: Sequence[tuple[int, int]], *, least: int = LEAST_ITEMS) -> dict[int, int]:
    """The names among ``spans`` (the (start, end) offsets of one sentence's names in ``text``) that are
    items of an enumeration, each with its item: the index of the item's first name. Names of one item
    (a name inside another, names in a bracket after the item) share it.

    >>> text = "Quellia, Varnia, Oskland and Tellia signed; Brin watched."
    >>> spans = [(0, 7), (9, 15), (17, 24), (29, 35), (44, 48)]
    >>> listed(text, spans)
    {0: 0, 1: 1, 2: 2, 3: 3}
    >>> listed("Quellia, Varnia and Oskland signed.", [(0, 7), (9, 15), (20, 27)])
    {}
    """
    group = _bracket_groups(text)
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][1]))
    outer: list[int] = []  # names inside no other, in text order
    holder: dict[int, int] = {}  # a name inside another -> the outer name holding it
    for i in order:
        start, end = spans[i]
        if outer and start < spans[outer[-1]][1]:
            if end <= spans[outer[-1]][1]:
                holder[i] = outer[-1]
            continue  # a name overlapping the one before without being inside it joins no run
        outer.append(i)
    by_group: dict[int, list[int]] = {}
    for i in outer:
        by_group.setdefault(group[spans[i][0]] if spans[i][0] < len(group) else -1, []).append(i)
    items: dict[int, int] = {}
    for names in by_group.values():
        for run, untagged in _runs(names, spans, text, bind=True):
            if len(run) + untagged >= least and sum(len(item) > 1 for item in run) >= 2:
                items.update(_members(run, spans, outer, text))
                continue
            for plain, untagged in _runs([i for item in run for i in item], spans, text, bind=False):
                if len(plain) + untagged >= least:
                    items.update(_members(plain, spans, outer, text))
    items.update((i, items[name]) for i, name in holder.items() if name in items)
    return items


def _runs(
    names: list[int], spans: Sequence[tuple[int, int]], text: str, *, bind: bool
) -> Iterator[tuple[list[list[int]], int]]:
    """The runs of ``names`` (indices into ``spans``, in text order) that separators join, each a list of
    items, each item its names, and how many items between them are names the model did not tag ("Quell,
    Broomstick, Varn": one). With ``bind``, a name after "in" or "at" joins the item before ("Quell Fair
    in Varn, Osk Games in Tell, ..."); :func:`listed` keeps such items only when two or more of a run
    are so made, or "Quist, Varn, Osk and Tell in Brin" would keep Brin from the four."""
    run: list[list[int]] = []
    untagged = 0
    for i in names:
        if run:
            gap = (spans[run[-1][-1]][1], spans[i][0])
            if _separates(text, *gap):
                run.append([i])
                untagged += _untagged(text[gap[0] : gap[1]])
                continue
            if bind and text[gap[0] : gap[1]].strip().lower() in _BINDING:
                run[-1].append(i)
                continue
            yield run, untagged
        run, untagged = [[i]], 0
    if run:
        yield run, untagged


def _untagged(gap: str) -> int:
    """The items of a list in a gap between two of its names: capitalized words between separators."""
    pieces = _SEPARATOR.split(_without_brackets(gap) or "")
    return sum(1 for piece in pieces[1:-1] if (words := piece.split()) and words[-1][0].isupper())


#: What joins two names into one item of a list of places or events ("Quell Fair in Varn").
_BINDING = frozenset({"in", "at", "in the", "at the"})


def _members(
    run: list[list[int]], spans: Sequence[tuple[int, int]], outer: list[int], text: str
) -> dict[int, int]:
    """The item of each name of a ``run`` (the index of the item's first name), and of the names in a
    bracket after an item, up to the next item (or, after the last, a bracket right after it)."""
    members = {i: item[0] for item in run for i in item}
    for item, following in zip(run, [*run[1:], None], strict=True):
        end = spans[item[-1]][1]
        if following is None:
            after = text[end:].lstrip(" ")
            if not after.startswith(tuple(_OPEN)):
                continue
            limit = end + (len(text[end:]) - len(after)) + _bracket_length(after)
        else:
            limit = spans[following[0]][0]
        members.update((i, item[0]) for i in outer if end <= spans[i][0] and spans[i][1] <= limit)
    return members


def _bracket_length(text: str) -> int:
    """The length of the bracket ``text`` opens, closing one included (the whole text if it never closes)."""
    depth = 0
    for index, char in enumerate(text):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)


def _bracket_groups(text: str) -> list[int]:
    """For each character of ``text``, the offset of the innermost bracket holding it (-1 outside all)."""
    groups = []
    opened: list[int] = []
    for index, char in enumerate(text):
        if char in _CLOSE and opened:
            opened.pop()
        groups.append(opened[-1] if opened else -1)
        if char in _OPEN:
            opened.append(index)
    return groups


def _separates(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, between two names of one level of brackets, only separates items of a
    list: its brackets (any names in them included) are short and the rest is separators."""
    gap = text[start:end]
    if len(gap) > 2 * LONGEST_BRACKET:
        return False
    outside = _without_brackets(gap)
    if outside is None:
        return False
    return _SEPARATOR.search(outside) is not None and all(map(_joins, _WORDS.findall(outside)))


def _joins(word: str) -> bool:
    """Whether ``word`` of a gap between names may stand between two items of a list."""
    return (
        word in _JOINING_MARKS
        or word == "()"
        or word.lower() in _JOINING_WORDS
        or word[0].isupper()
        or _YEAR.fullmatch(word) is not None
    )


def _without_brackets(gap: str) -> str | None:
    """``gap`` with each bracket it holds (what is in it too) as "()"; None if one is longer than
    :data:`LONGEST_BRACKET` or does not close in it."""
    kept: list[str] = []
    index = 0
    while index < len(gap):
        char = gap[index]
        if char in _OPEN:
            length = _bracket_length(gap[index:])
            if length > LONGEST_BRACKET or gap[index + length - 1] not in _CLOSE:
                return None
            kept.append("()")
            index += length
            continue
        if char in _CLOSE:
            return None
        kept.append(char)
        index += 1
    return "".join(kept)
