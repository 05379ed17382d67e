"""Common words the model read as people where they open sentences: dropped with the corpus's evidence.

The small model tags a capitalized common noun at the start of a sentence as a person now and then
("Normalcy returned", "Calendar year 2001 has been", "Soul searching was"). Inside one article
:func:`~pipeline.extract.shapes.sentence_initial_words` drops a word the article also writes in lower
case; :func:`common_openers_dropped` asks the whole corpus: a one-word person that stands in its article
only at the start of sentences, each time before a word in lower case, is dropped when another article
writes the word in lower case. A surname said alone in passing ("Khrushchev once called...") is written
in lower case nowhere and stays; so do first names ("Hope said"), a word of a longer name of the article
("Cook" beside "Tim Cook"), and a name after an honorific ("Mr. Fish").

Runs after every article's extraction (cached or fresh) and is linear in the size of the corpus.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from pipeline.extract.shapes import starts_sentence
from pipeline.records import ENTITY_TYPES, Extraction

__all__ = ["common_openers_dropped"]

#: A word in lower case right after a name: "Normalcy returned", "Turnout was".
_LOWER_WORD_NEXT = re.compile(r" [a-z]")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")


def common_openers_dropped(
    extractions: Sequence[Extraction], bodies: Mapping[str, str]
) -> tuple[Extraction, ...]:
    """``extractions`` without the people that are common words opening sentences (see the module).

    >>> from pipeline.records import Mention
    >>> bodies = {"a": "Normalcy returned. Khrushchev once spoke.", "b": "A return to normalcy."}
    >>> mentions = (Mention("a", 0, 0, 8, "Normalcy", "PERSON", "person"),
    ...             Mention("a", 1, 19, 29, "Khrushchev", "PERSON", "person"))
    >>> kept = common_openers_dropped([Extraction("a", (), mentions, ()), Extraction("b", (), (), ())], bodies)
    >>> [m.text for m in kept[0].mentions]
    ['Khrushchev']
    """
    candidates: dict[str, set[str]] = {}
    for extraction in extractions:
        body = bodies.get(extraction.article_id)
        if body is None or extraction.failure is not None:
            continue
        found = _openers(extraction, body)
        if found:
            candidates[extraction.article_id] = found
    if not candidates:
        return tuple(extractions)
    from pipeline.gazetteer import first_names  # read only when some article has a candidate

    names = first_names()
    candidates = {article: words - names for article, words in candidates.items()}
    wanted = {word.lower() for words in candidates.values() for word in words}
    written_by: dict[str, set[str]] = defaultdict(set)
    for article_id, body in bodies.items():
        for word in wanted.intersection(_LOWER_WORD.findall(body)):
            written_by[word].add(article_id)
    result = []
    for extraction in extractions:
        found = candidates.get(extraction.article_id, set())
        # written in lower case by another article: the article itself would have dropped it already
        dropped = {word for word in found if written_by[word.lower()] - {extraction.article_id}}
        if dropped:
            mentions = tuple(m for m in extraction.mentions if not (m.type == "person" and m.text in dropped))
            extraction = dataclasses.replace(extraction, mentions=mentions)
        result.append(extraction)
    return tuple(result)


def _openers(extraction: Extraction, body: str) -> set[str]:
    """The one-word people of ``extraction`` the model tagged only where they open a sentence before a
    word in lower case, no word of a longer name of the article, never written otherwise in its body."""
    seen: dict[str, bool] = {}
    in_names: set[str] = set()
    for mention in extraction.mentions:
        if mention.type not in ENTITY_TYPES:
            continue
        words = mention.text.split()
        if len(words) > 1:
            in_names.update(words)
            continue
        text = mention.text
        if mention.type != "person" or not text.isalpha() or text.isupper() or len(text) < 2:
            continue
        opens = (
            mention.label == "PERSON"
            and mention.origin == "model"
            and starts_sentence(body, mention.start)
            and _LOWER_WORD_NEXT.match(body, mention.end) is not None
        )
        seen[text] = seen.get(text, True) and opens
    return {
        text
        for text, opens in seen.items()
        if opens and text not in in_names and _opens_each_sentence(body, text)
    }


def _opens_each_sentence(body: str, word: str) -> bool:
    """Does ``word`` stand in ``body`` only at the start of sentences, lines and the body?

    >>> _opens_each_sentence("Turnout was low. Turnout fell.", "Turnout")
    True
    >>> _opens_each_sentence("Cook left. Ask Cook.", "Cook")
    False
    """
    return all(starts_sentence(body, found.start()) for found in re.finditer(rf"\b{re.escape(word)}\b", body))
