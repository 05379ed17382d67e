"""The attribute ruler of pass two as look-ups: the same attributes on the same tokens, a fraction of the cost.

spaCy's ``attribute_ruler`` runs a Matcher of some 180 patterns over every token of the number windows.
Nearly all of its patterns are one token tested on its tag, lower-case form, dependency or whitespace,
so each token needs only the few patterns indexed under its tag or its lower-case form; the handful of
several-token patterns ("gon na", "let 's") keep a Matcher of their own. The attributes are then set
exactly as the ruler sets them: every matching pattern in the order the patterns were added, a later
one overriding an earlier one, by spaCy's own ``set_token_attrs``. A ruler with a pattern this module does
not understand is left to run as it is (:func:`fast_attributes` returns None).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

#: Token attributes a one-token pattern may test here, and how each is read from a token.
_READERS: dict[str, Callable[[Token], Any]] = {
    "TAG": lambda token: token.tag_,
    "LOWER": lambda token: token.lower_,
    "DEP": lambda token: token.dep_,
    "IS_SPACE": lambda token: token.is_space,
}

Condition = tuple[Callable[["Token"], Any], Callable[[Any], bool]]


@functools.lru_cache(maxsize=4)
def fast_attributes(nlp: Language) -> Callable[[Doc], None] | None:
    """A function that sets what ``nlp``'s attribute ruler would on a parsed Doc; None when the
    pipeline has no ruler or a pattern this module does not handle (then the ruler itself must run)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return None
    from spacy.matcher import Matcher
    from spacy.tokens._retokenize import set_token_attrs

    ruler: Any = nlp.get_pipe("attribute_ruler")
    by_tag: dict[str, list[int]] = defaultdict(list)
    by_lower: dict[str, list[int]] = defaultdict(list)
    anywhere: list[int] = []  # one-token patterns that test neither the tag nor the lower-case form
    conditions: dict[int, list[list[Condition]]] = {}
    named_lowers: set[str] = set()  # lower-case forms some pattern names
    lower_patterns: list[re.Pattern[str]] = []  # and the expressions some pattern tests them on
    longer = Matcher(nlp.vocab)
    for number, pattern in enumerate(ruler.patterns):
        alternatives = pattern["patterns"]
        if any(len(tokens) > 1 for tokens in alternatives):
            if ruler.indices[number] != 0 and any(len(tokens) == 1 for tokens in alternatives):
                return None
            longer.add(str(number), alternatives)
            continue
        if ruler.indices[number] not in (0, -1):
            return None
        tested: list[list[Condition]] = []
        for [token_pattern] in alternatives:
            _note_lower_tests(token_pattern.get("LOWER"), named_lowers, lower_patterns)
            tests = _conditions(token_pattern)
            if tests is None:
                return None
            tested.append(tests)
            tag, lower = token_pattern.get("TAG"), token_pattern.get("LOWER")
            if isinstance(tag, str) or (isinstance(tag, dict) and list(tag) == ["IN"]):
                for value in [tag] if isinstance(tag, str) else tag["IN"]:
                    by_tag[value].append(number)
            elif isinstance(lower, str) or (isinstance(lower, dict) and list(lower) == ["IN"]):
                for value in [lower] if isinstance(lower, str) else lower["IN"]:
                    by_lower[value].append(number)
            else:
                anywhere.append(number)
        conditions[number] = tested
    attrs: Sequence[dict] = ruler.attrs
    indices: Sequence[int] = ruler.indices
    anywhere = sorted(set(anywhere))

    from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

    strings = nlp.vocab.strings
    matched: dict[tuple, list[int]] = {}  # the one-token patterns a token of this kind matches
    lower_kinds: dict[int, object] = {}

    def lower_kind(lower: int) -> object:
        """What the patterns can tell of a lower-case form: the form itself when some pattern names it,
        else which of their expressions it matches, so that the words no pattern names share a kind."""
        kind = lower_kinds.get(lower)
        if kind is None:
            text = strings[lower]
            kind = (
                lower if text in named_lowers else tuple(p.search(text) is not None for p in lower_patterns)
            )
            lower_kinds[lower] = kind
        return kind

    def patterns_of(token: Token) -> list[int]:
        candidates = set(by_tag.get(token.tag_, ())) | set(by_lower.get(token.lower_, ())) | set(anywhere)
        return [
            number
            for number in sorted(candidates)
            if any(all(test(read(token)) for read, test in tests) for tests in conditions[number])
        ]

    settings: dict[tuple, dict] = {}  # what those patterns set, merged

    def merged(numbers: list[int]) -> dict:
        """What the patterns set, the later overriding the earlier (as setting them in turn does)."""
        result: dict = {}
        for number in numbers:
            result.update(attrs[number])
        return result

    def apply(doc: Doc) -> None:
        # read before anything is set: the ruler matches first, then sets
        kinds = [
            (tag, lower_kind(lower), dep, space)
            for tag, lower, dep, space in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        ]
        more: dict[int, list[int]] = defaultdict(list)  # token index -> its several-token patterns
        if len(longer):
            for match_id, start, end in longer(doc, allow_missing=True):
                number = int(strings[match_id])
                more[doc[start:end][indices[number]].i].append(number)
        for index, kind in enumerate(kinds):
            numbers = matched.get(kind)
            if numbers is None:
                numbers = matched[kind] = patterns_of(doc[index])
                settings[kind] = merged(numbers)
            if index in more:
                token = doc[index]
                for number in sorted(numbers + more[index]):
                    set_token_attrs(token, attrs[number])
            elif numbers:
                set_token_attrs(doc[index], settings[kind])

    return apply


def _note_lower_tests(wanted: Any, named: set[str], expressions: list[re.Pattern[str]]) -> None:
    """Add the lower-case forms a pattern's ``LOWER`` test names to ``named``, its expression to
    ``expressions``."""
    if isinstance(wanted, str):
        named.add(wanted)
    elif isinstance(wanted, dict):
        for operator, value in wanted.items():
            if operator == "REGEX":
                expressions.append(re.compile(value))
            elif isinstance(value, list | tuple | set | frozenset):
                named.update(value)


def _conditions(token_pattern: dict) -> list[Condition] | None:
    """The tests of one token's pattern; None if it tests what this module does not read."""
    tests: list[Condition] = []
    for key, wanted in token_pattern.items():
        read = _READERS.get(key)
        if read is None:
            return None
        if isinstance(wanted, dict):
            if list(wanted) == ["IN"]:
                allowed = frozenset(wanted["IN"])
                tests.append((read, allowed.__contains__))
            elif list(wanted) == ["NOT_IN"]:
                refused = frozenset(wanted["NOT_IN"])
                tests.append((read, _not_in(refused)))
            elif list(wanted) == ["REGEX"]:
                pattern = re.compile(wanted["REGEX"])
                tests.append((read, _searched(pattern)))
            else:
                return None
        else:
            tests.append((read, _equal(wanted)))
    return tests


def _not_in(refused: frozenset[Any]) -> Callable[[Any], bool]:
    return lambda value: value not in refused


def _searched(pattern: re.Pattern[str]) -> Callable[[Any], bool]:
    return lambda value: pattern.search(value) is not None


def _equal(wanted: Any) -> Callable[[Any], bool]:
    return lambda value: value == wanted
