"""A wire story's dateline: the place it was filed from, named at the top of its body.

Agency copy opens with where the story was written, in capitals: "OSKBURG 2024-03-02" on a line of its
own, "OSKBURG, Velmora (Reuters) - The talks...", "VARNTON, Dec 5 (AFP) -", or in title case before an
agency, "Oskburg (CNN) —". The small model rarely tags a city in capitals before a date (it reads it as
an organization or nothing at all), so :func:`datelines` makes the city and its region places and the
agency a group, whatever the model said. Only the first few hundred characters of a body are read.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.extract.entities import CharSpan

if TYPE_CHECKING:
    from pipeline.extract.spans import ArticleText

__all__ = ["datelines"]

#: How much of a body's start a dateline may sit in, and on which of its first lines (a byline or a
#: kicker may come before it).
DATELINE_REACH = 400
DATELINE_LINES = 3

_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"
_TITLE_WORD = r"[A-Z][a-z'’\-]+"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
)
_REGION_WORD = rf"(?:{_TITLE_WORD}\.?|{_CAPS_WORD})"
_REGION = rf"(?P<region>{_REGION_WORD}(?:[ ](?:{_REGION_WORD}|of|and|de|del|la)){{0,3}})"
_AGENCY = r"\((?P<agency>[A-Za-z][A-Za-z.&'’ -]{0,30})\)"
#: "OSKBURG , Velmora 2024-03-02" alone on its line.
_OWN_LINE = re.compile(
    rf"[ \t]*(?P<city>{_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,3}})(?:\s*,\s*{_REGION})?\s*,?[ \t]+{_DATE}[ \t.]*"
)
#: "OSKBURG, Velmora (Reuters) - The ...", "Oskburg (CNN) — The ...", "OSKBURG - The ...".
_OPENING = re.compile(
    rf"[ \t]*(?P<city>{_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,3}}|{_TITLE_WORD}(?:[ ]{_TITLE_WORD}){{0,2}})"
    rf"(?:\s*,\s*{_REGION})?(?:\s*,\s*{_DATE})?\s*(?:{_AGENCY}\s*)?(?:-{{1,2}}|–|—)[ \t]+(?=[^\n]*[a-z])"
)
_MONTH_START = re.compile(_MONTH + r"(?:\s|$)")


def datelines(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """The spans with the places of the body's dateline, if it has one: the city (origin ``dateline``),
    the region after a comma (a country or state written out; "Calif." and dates are left alone) and the
    agency in brackets. A city in title case counts only before an agency; one in capitals with nothing
    but a dash after it, only when the gazetteer knows it or the model tagged it, and not a common word
    ("UPDATE - ..."); the text after a dash must be a sentence, not more capitals (a headline's "SOCCER
    - QUELLBY WIN")."""
    found = _dateline(article, {(s.start, s.end): s.type for s in spans})
    if not found:
        return spans
    wanted = list(found)
    kept = []
    for span in spans:
        overlapping = [w for w in wanted if span.start < w[1] and w[0] < span.end]
        exact = [w for w in overlapping if (w[0], w[1]) == (span.start, span.end)]
        if exact and _TYPES[exact[0][2]] == span.type:
            wanted.remove(exact[0])  # the model's own place or agency stands
        elif overlapping:
            continue
        kept.append(span)
    added = [CharSpan(start, end, label, _TYPES[label], "dateline") for start, end, label in wanted]
    return sorted(kept + added, key=lambda s: (s.start, s.end))


_TYPES = {"GPE": "place", "ORG": "group"}


def _dateline(article: ArticleText, types: dict[tuple[int, int], str]) -> list[tuple[int, int, str]]:
    """(start, end, label) of the dateline's city, region and agency; [] when the body opens without one.
    ``types``: the type of each span the model found, by its offsets."""
    body = article.body
    offset = 0
    for _ in range(DATELINE_LINES):
        while offset < len(body) and body[offset] in "\n\r \t":
            offset += 1
        if offset >= min(len(body), DATELINE_REACH):
            return []
        end = body.find("\n", offset)
        end = len(body) if end < 0 else end
        line = body[offset:end]
        own = _OWN_LINE.fullmatch(line)
        match = own or _OPENING.match(line)
        city = (offset + match.start("city"), offset + match.end("city")) if match else (0, 0)
        if match and _accepted(match, article, dated=own is not None, tagged=types.get(city, "")):
            return [
                (offset + match.start(group), offset + match.end(group), label)
                for group, label in (("city", "GPE"), ("region", "GPE"), ("agency", "ORG"))
                if match.groupdict().get(group) and _named(match.group(group), group)
            ]
        offset = end
    return []


def _accepted(match: re.Match[str], article: ArticleText, *, dated: bool, tagged: str) -> bool:
    """Is the match a dateline: a date, a region or an agency after the city in capitals, or only a dash
    after a city the gazetteer knows or the model tagged a place or group ("JOHN QUIST - Staff Writer"
    is a byline; "SOCCER - ..." a kicker)? A city in title case needs an agency."""
    city, agency = match.group("city"), match.groupdict().get("agency")
    if not city.isupper():
        return agency is not None  # "Oskburg (CNN) —"; "Oskburg - ..." is any sentence
    if dated or match.group("region") or agency:
        return True
    if tagged in ("place", "group"):
        return not any(city.lower() in words for words in article.common_words)
    return city.title() in article.linked_places


def _named(text: str, group: str) -> bool:
    """Is a dateline's piece a name to keep: not a date, and no abbreviation ("Calif.")."""
    if group == "region":
        return "." not in text and _MONTH_START.match(text + " ") is None
    return group != "city" or any(ch.isalpha() for ch in text)
