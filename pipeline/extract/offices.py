"""An office named after the official who heads it is an organization: "the Varn County Sheriff's Office",
"the Quellby District Attorney's Office", "the Osk County Medical Examiner's Office".

US news names prosecutors, sheriffs and coroners by their offices in nearly every crime story, and the
small model cuts such a name at its possessive: it keeps the place ("Quellby") or the official
("Varn County Prosecutor") and drops "Office", or tags nothing at all. :func:`offices` makes the whole name
one organization, in place of the spans inside it; the place it starts with is found again inside it
later (:mod:`pipeline.extract.nested`).

Only a name that says whose office it is counts: "the District Attorney's Office" alone, in a story on
any county, would merge every county's office into one node.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.extract.entities import CharSpan

if TYPE_CHECKING:
    from pipeline.extract.spans import ArticleText

__all__ = ["offices"]

#: Officials whose office is named after them.
_OFFICIALS = (
    r"(?:Prosecutor|Attorney|Sheriff|Coroner|Examiner|Marshal|Comptroller|Controller|Auditor|Treasurer"
    r"|Solicitor|Recorder|Clerk|Defender|Ombudsman|Governor|Mayor|Registrar|Assessor|Commissioner"
    r"|(?:Attorney|Solicitor|Auditor|Surgeon|Inspector|Comptroller|Accountant)[ ]General|Director)"
)
#: The last words of an office's name.
_HEADS = ("Office", "Department", "Bureau")
#: Capitalized words that say only what kind of official it is, not whose: "District", "County".
_GENERIC = frozenset(
    {"district", "county", "state", "city", "chief", "medical", "public", "general", "deputy", "assistant"}
    | {"attorney", "federal", "special", "inspector", "the", "high", "sheriff", "prosecutor", "town"}
)
#: Words that open a sentence before a name and are none of it: "The", "On Monday", "But", "Yesterday".
_OPENING_WORDS = frozenset(
    {"the", "a", "an", "on", "in", "at", "by", "for", "from", "with", "and", "but", "or", "so", "yet", "as"}
    | {"when", "after", "before", "while", "meanwhile", "also", "yesterday", "today", "tonight", "earlier"}
    | {"later", "last", "this", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)
#: A word that ends a sentence: two lower-case letters or more before its full stop ("Monday.", "Texas.";
#: not "St." nor "U.S.").
_SENTENCE_END = re.compile(r"[a-z]{2,}\.$")
_OFFICE = re.compile(
    rf"(?<![\w.])((?:[A-Z][\w.-]*[ ]){{0,5}}?){_OFFICIALS}['’]s[ ](?:Office|Department|Bureau)\b"
)


def offices(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """The spans with every office named after its official an organization, in place of the spans
    inside it; a span reaching outside the name stays, and the name is left alone.

    >>> from pipeline.extract.spans import ArticleText
    >>> from pipeline.wordlists import load_patterns
    >>> body = "The Varn County Sheriff's Office and the District Attorney's Office spoke."
    >>> [body[s.start : s.end] for s in offices([], ArticleText(body, (), load_patterns()))]
    ["Varn County Sheriff's Office"]
    >>> body = "It rained on Monday. Osk County Clerk's Office staff left. Tarn. The Auditor General's Office"
    >>> general = CharSpan(body.index("General"), body.index("General") + 7, "ORG", "person")
    >>> [body[s.start : s.end] for s in offices([general], ArticleText(body, (), load_patterns()))]
    ["Osk County Clerk's Office"]
    """
    body = article.body
    if not ("'s " in body or "’s " in body) or not any(word in body for word in _HEADS):
        return spans  # (most bodies: decided without the regular expression)
    found, generic = [], []
    for match in _OFFICE.finditer(body):
        start = match.start()
        words = body[start : match.end(1)].split()
        ends = [i for i, word in enumerate(words) if _SENTENCE_END.search(word)]
        if ends:  # "Monday. The Comptroller General's Office": the name starts in the next sentence
            for word in words[: ends[-1] + 1]:
                start = body.index(word, start) + len(word)
            start += len(body[start:]) - len(body[start:].lstrip())
            words = words[ends[-1] + 1 :]
        while words and words[0].lower().rstrip(",") in _OPENING_WORDS:
            start = body.index(words[0], start) + len(words[0])  # the sentence's "The", "On Monday", "But"
            start += len(body[start:]) - len(body[start:].lstrip(", "))
            words.pop(0)
        owner = words
        if all(word.lower() in _GENERIC for word in owner):
            generic.append((start, match.end()))  # "the District Attorney's Office": whose, it does not say
            continue
        found.append((start, match.end()))
    # what the model tagged inside an office of no one's name is a piece of it ("General" of "the
    # Attorney General's Office"), no name
    kept = [s for s in spans if not any(a <= s.start and s.end <= b for a, b in generic)]
    if not found:
        return kept
    added = []
    for start, end in found:
        inside = [s for s in kept if s.start < end and s.end > start]
        if any(s.start < start or s.end > end for s in inside):
            continue
        kept = [s for s in kept if not (s.start < end and s.end > start)]
        added.append(CharSpan(start, end, "ORG", "group", "model"))
    return sorted(kept + added, key=lambda s: (s.start, s.end))
