"""Text that was split into tokens and joined with spaces, as NER corpora and some exports write it
("The Quellby Times said , in a report , that ( Velmora 's ) exports fell 5 % .").

spaCy's models learned from text as people write it: a space before every comma and full stop makes them
read names worse (on a sample of real news written so, more wrong names and fewer spellings on one
node). :func:`detokenized` writes such text back as people do, and leaves any other text as it is: only
a text whose commas and full stops stand apart far more often than not, several times over, is taken to
be tokenized.
"""

from __future__ import annotations

import re

__all__ = ["detokenized"]

#: How many stand-alone commas and full stops a text needs, and how many times more often than attached
#: ones, to be taken for tokenized text.
MIN_DETACHED = 4
DETACHED_RATIO = 4

_DETACHED = re.compile(r"(?<=\w) [,.;:!?](?= |$)", re.MULTILINE)
_ATTACHED = re.compile(r"\w[,.;:!?](?= |$)", re.MULTILINE)
_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s\b|'S\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)")
_AFTER = re.compile(r"([(\[{$]) (?=\S)")


def detokenized(body: str, *others: str) -> tuple[str, ...]:
    """``body`` and ``others`` (its title) with the spaces a tokenizer put before punctuation and after
    opening brackets taken out, when the body reads as tokenized; otherwise as they are.

    >>> detokenized('Quellby \\'s mayor , Orla Quist , said " no " ( again ) . Varn agreed , then left .', "VARN LEAVES .")
    ('Quellby\\'s mayor, Orla Quist, said " no " (again). Varn agreed, then left.', 'VARN LEAVES.')
    >>> detokenized("One, two and three. Quist (of Varn) said so , twice.")
    ('One, two and three. Quist (of Varn) said so , twice.',)
    """
    detached = len(_DETACHED.findall(body))
    if detached < MIN_DETACHED or detached < DETACHED_RATIO * len(_ATTACHED.findall(body)):
        return (body, *others)
    # Double quotes stay as they stand: which of them open and which close cannot be told line by line
    # (a quote runs on over paragraphs in news), and spaces around them do the model no harm.
    return tuple(_AFTER.sub(r"\1", _BEFORE.sub(r"\1", text)) for text in (body, *others))
