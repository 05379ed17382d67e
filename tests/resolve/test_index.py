"""The candidate index (pipeline.resolve.index): the same close surnames as comparing every name, found
without comparing every name in Python."""

from __future__ import annotations

import random

from pipeline.names import close_surname
from pipeline.resolve import index as index_module
from pipeline.resolve.index import NameIndex

_SYLLABLES = ["var", "osk", "quel", "tarn", "lund", "mer", "dov", "hal", "ric", "sen", "bo", "ka", "ti", "nu"]


def _names(count: int, seed: int) -> list[tuple[str, str]]:
    pick = random.Random(seed)
    names = set()
    while len(names) < count:
        first = "".join(pick.choice(_SYLLABLES) for _ in range(2))
        last = "".join(pick.choice(_SYLLABLES) for _ in range(pick.randint(2, 4)))
        names.add((f"{first} {last}", last) if pick.random() < 0.7 else (last, last))
    return [("article", name) for name, _ in sorted(names)]


def test_close_surnames_are_those_of_every_comparison() -> None:
    elements = _names(400, seed=7)
    index = NameIndex(elements, lambda element: element[1].title())
    last_words = {element[1].split()[-1] for element in elements}
    for element in elements:
        key = element[1]
        expected = sorted(w for w in last_words if close_surname(key, w))
        assert sorted(index._close_words(key)) == expected, key
    # a form no name of the article spells is looked up all the same
    assert index._close_words("varoskquelx") == sorted(
        w for w in last_words if close_surname("varoskquelx", w)
    )
    keys = {element[1] for element in elements}
    misspelt = next(w[:-1] + "x" for w in sorted(last_words) if len(w) >= 8 and w[:-1] + "x" not in keys)
    assert sorted(index._close_words(misspelt)) == sorted(w for w in last_words if close_surname(misspelt, w))
    assert index._close_words(misspelt)  # the word it misspells at least


def test_close_surnames_are_the_same_however_the_names_are_chunked(monkeypatch) -> None:
    monkeypatch.setattr(index_module, "_CHUNK", 7)  # many chunks of each first letter
    elements = _names(400, seed=7)
    index = NameIndex(elements, lambda element: element[1].title())
    last_words = {element[1].split()[-1] for element in elements}
    for element in elements:
        key = element[1]
        assert sorted(index._close_words(key)) == sorted(w for w in last_words if close_surname(key, w)), key


def test_close_surnames_of_thousands_of_names_are_scored_in_bulk(monkeypatch) -> None:
    calls = 0

    def counted(a: str, b: str) -> bool:
        nonlocal calls
        calls += 1
        return close_surname(a, b)

    monkeypatch.setattr(index_module, "close_surname", counted)
    elements = _names(3000, seed=11)
    index = NameIndex(elements, lambda element: element[1].title())
    for element in elements:
        index.around(element[1], surnames=True)
    # only pairs already as alike as a misspelling reach Python: far fewer than the 3,000 x 3,000 pairs
    # of comparing every name with every last word of its first letter
    assert calls < 20 * len(elements)
