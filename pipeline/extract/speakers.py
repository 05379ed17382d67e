"""The speaker labels of a transcript are its people: "QUIST: We will not." after "Orla Quist" spoke.

An interview, a hearing or a broadcast written out names each turn by the speaker's surname (or whole
name) in capitals and a colon, at the start of a line. The model reads none of them: a word in capitals
is no name to it. :func:`speaker_labels` makes each label a mention of the person the article names so
(origin ``propagated``), so that a transcript's speakers are linked to what they talk about.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.extract.entities import CharSpan

if TYPE_CHECKING:
    from pipeline.extract.spans import ArticleText

__all__ = ["speaker_labels"]

#: A speaker's label: one to three words in capitals, a colon and a space, at the start of a line.
_LABEL = re.compile(r"^[ \t]*(?P<name>[A-Z][A-Z'’.-]+(?:[ ][A-Z][A-Z'’.-]+){0,2}):[ \t]", re.MULTILINE)


def speaker_labels(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """The spans with every speaker's label that names a person of the article, by surname or in full,
    a person's mention; a label that names no one ("Q:", "ANNOUNCER:", "NOTE:") is left alone.

    >>> from pipeline.extract.spans import ArticleText
    >>> from pipeline.wordlists import load_patterns
    >>> body = "Orla Quist spoke to us.\\nQUIST: We will not.\\nHOST: Why?\\nORLA QUIST: Because."
    >>> found = speaker_labels([CharSpan(0, 10, "PERSON", "person")], ArticleText(body, (), load_patterns()))
    >>> [body[s.start : s.end] for s in found]
    ['Orla Quist', 'QUIST', 'ORLA QUIST']
    """
    body = article.body
    if ":" not in body:
        return spans
    people: set[str] = set()
    for span in spans:
        if span.type == "person":
            words = body[span.start : span.end].upper().split()
            if len(words) >= 2:
                people.update((" ".join(words), words[-1]))
    if not people:
        return spans
    taken = {(span.start, span.end) for span in spans}
    added = [
        CharSpan(match.start("name"), match.end("name"), "PERSON", "person", "propagated")
        for match in _LABEL.finditer(body)
        if match.group("name") in people and match.span("name") not in taken
    ]
    if not added:
        return spans
    return sorted([*spans, *added], key=lambda s: (s.start, s.end))
