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

#: A speaker's label: one to three words in capitals (any alphabet's: "ÖBERG"), a colon and a space, then
#: what they say, at the start of a line (:data:`pipeline.ingest.articles.TURN`).
_LABEL = re.compile(
    r"^[ \t]*(?P<name>[^\W\d_](?:[^\W\d_]|['’.-])+(?:[ ][^\W\d_](?:[^\W\d_]|['’.-])+){0,2}):[ \t]+(?=[^\W\d_\"“'‘(\[]|[\"“'‘(\[])",
    re.MULTILINE,
)


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
    from pipeline.extract.spans import surname_of  # (spans lists this repair: imported when it runs)

    people: set[str] = set()
    for span in spans:
        if span.type == "person":
            name = body[span.start : span.end]
            words = name.upper().split()
            if len(words) >= 2:
                people.update((" ".join(words), surname_of(name).upper()))  # "QUIST" of "Orla Quist Jr."
    people.discard("")
    if not people:
        return spans
    at = {(span.start, span.end): span for span in spans}
    added: list[CharSpan] = []
    for match in _LABEL.finditer(body):
        name = match.group("name")
        if name not in people or not name.isupper():
            continue
        tagged = at.get(match.span("name"))
        if tagged is None:
            added.append(CharSpan(match.start("name"), match.end("name"), "PERSON", "person", "propagated"))
        elif tagged.type != "person":  # the model's organization "DUNMORE"
            tagged.label, tagged.type = "PERSON", "person"
    if not added:
        return spans
    return sorted([*spans, *added], key=lambda s: (s.start, s.end))
