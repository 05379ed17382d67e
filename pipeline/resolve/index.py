"""The candidate index: for a short form, the longer names that could be it, found by look-ups rather
than by comparing it with every name."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz, process

from pipeline.names import SINGLE_WORD_SIMILARITY, close_surname, initials
from pipeline.resolve.state import Element

#: Short forms compared at once with the last words of their first letter (bounds the score matrix).
_CHUNK = 512


class NameIndex:
    """Candidate long names that hold the words of a short form, its initials or a first-word prefix, or
    whose last word could be the short form misspelled, so look-ups do not scan every name."""

    def __init__(self, elements: Sequence[Element], surface: Callable[[Element], str]) -> None:
        self.by_word: dict[str, set[Element]] = defaultdict(set)
        self.by_initials: dict[str, set[Element]] = defaultdict(set)
        self.by_last_word: dict[str, set[Element]] = defaultdict(set)
        self.keys = frozenset(element[1] for element in elements)
        self._close: dict[str, list[str]] | None = None  # short form -> the last words it could misspell
        firsts = []
        for element in elements:
            words = element[1].split()
            for word in words:
                self.by_word[word].add(element)
            self.by_initials[initials(surface(element))].add(element)
            firsts.append((words[0], element))
            self.by_last_word[words[-1]].add(element)
        self.firsts = sorted(firsts)

    def around(self, key: str, *, initials: str = "", surnames: bool = False) -> list[Element]:
        """Names holding every word of ``key``, having its letters (or ``initials``) as initials, or a
        first word it begins; with ``surnames``, also names whose last word is ``key`` spelled another
        way ("Zelenskyy" / "Zelensky")."""
        # Every rule wants all of the short form's words in the long name: the smallest word set, filtered.
        words = key.split()
        sets = sorted((self.by_word.get(word, set()) for word in words), key=len)
        found: set[Element] = {e for e in sets[0] if all(e in other for other in sets[1:])} if sets else set()
        found |= self.by_initials.get(key.replace(" ", "").upper(), set())
        if initials:
            found |= self.by_initials.get(initials, set())
        position = bisect.bisect_left(self.firsts, (key,))
        while position < len(self.firsts) and self.firsts[position][0].startswith(key):
            found.add(self.firsts[position][1])
            position += 1
        if surnames and key:
            for word in self._close_words(key):
                found |= self.by_last_word[word]
        return sorted(found)

    def _close_words(self, key: str) -> list[str]:
        """The last words ``key`` could be a misspelling of (:func:`~pipeline.names.close_surname`). The
        similarity of every name to every last word of its first letter is scored once, at C speed in
        chunks, so an article of thousands of names is not compared name by name in Python."""
        if self._close is None:
            self._close = {}
            words_by_letter: dict[str, list[str]] = defaultdict(list)
            for word in sorted(self.by_last_word):
                words_by_letter[word[:1]].append(word)
            keys_by_letter: dict[str, list[str]] = defaultdict(list)
            for name in sorted(self.keys):
                keys_by_letter[name[:1]].append(name)
            for letter, names in keys_by_letter.items():
                words = words_by_letter.get(letter, [])
                for low in range(0, len(names), _CHUNK) if words else ():
                    chunk = names[low : low + _CHUNK]
                    scores = process.cdist(
                        chunk, words, scorer=fuzz.ratio, score_cutoff=SINGLE_WORD_SIMILARITY
                    )
                    for i, j in zip(*scores.nonzero(), strict=True):
                        if close_surname(chunk[i], words[j]):
                            self._close.setdefault(chunk[i], []).append(words[j])
        if key not in self._close and key not in self.keys:  # a form no name of the article spells
            return [word for word in self.by_last_word if word[:1] == key[:1] and close_surname(key, word)]
        return self._close.get(key, [])
