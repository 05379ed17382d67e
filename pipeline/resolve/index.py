"""The candidate index: for a short form, the longer names that could be it, found by look-ups rather
than by comparing it with every name."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Sequence

from pipeline.names import close_surname, initials
from pipeline.resolve.state import Element


class NameIndex:
    """Candidate long names that hold the words of a short form, its initials or a first-word prefix, or
    whose last word could be the short form misspelled, so look-ups do not scan every name."""

    def __init__(self, elements: Sequence[Element], surface: Callable[[Element], str]) -> None:
        self.by_word: dict[str, set[Element]] = defaultdict(set)
        self.by_initials: dict[str, set[Element]] = defaultdict(set)
        self.by_last_word: dict[str, set[Element]] = defaultdict(set)
        self.last_words: dict[tuple[str, int], set[str]] = defaultdict(set)  # (first letter, length) -> words
        firsts = []
        for element in elements:
            words = element[1].split()
            for word in words:
                self.by_word[word].add(element)
            self.by_initials[initials(surface(element))].add(element)
            firsts.append((words[0], element))
            self.by_last_word[words[-1]].add(element)
            self.last_words[(words[-1][:1], len(words[-1]))].add(words[-1])
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
            for length in range(len(key) - 2, len(key) + 3):
                for word in self.last_words.get((key[:1], length), ()):
                    if close_surname(key, word):
                        found |= self.by_last_word[word]
        return sorted(found)
