"""A wire story's dateline: where and when it was filed, at the top of its body.

Agency copy opens with the place it was written, in capitals: "OSKBURG 2024-03-02" on a line of its own,
"OSKBURG, Velmora (Reuters) - The talks...", "VARNTON, Dec 5 (AFP) -", or in title case before an agency,
"Oskburg (CNN) —". :func:`dateline_candidates` finds the lines shaped so, by their shape alone; ingest
reads a story's date from one (:func:`dateline_date`), extraction its places
(:mod:`pipeline.extract.datelines`, which also asks the word lists). Only the first few hundred
characters of a body are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Dateline", "dateline_candidates", "dateline_date", "dateline_alone"]

#: How much of a body's start a dateline may sit in, and on which of its first lines (a byline or a
#: kicker may come before it).
DATELINE_REACH = 400
DATELINE_LINES = 3

_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"
_TITLE_WORD = r"[A-Z][a-z'’\-]+"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"(?P<date>\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
_REGION_WORD = rf"(?:{_TITLE_WORD}\.?|{_CAPS_WORD})"
_REGION = rf"(?P<region>{_REGION_WORD}(?:[ ](?:{_REGION_WORD}|of|and|de|del|la)){{0,3}})"
_AGENCY = r"\((?P<agency>[A-Za-z][A-Za-z.&'’ -]{0,30})\)"
#: "OSKBURG , Velmora 2024-03-02" alone on its line.
_OWN_LINE = re.compile(
    rf"[ \t]*(?P<city>{_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,3}})(?:\s*,\s*{_REGION})?\s*,?[ \t]+{_DATE}[ \t.]*"
)
#: "OSKBURG, Velmora (Reuters) - The ...", "Oskburg (CNN) — The ...", "OSKBURG - The ...", and as
#: Indian and Malaysian papers write it, "OSKBURG: The ...".
_OPENING = re.compile(
    rf"[ \t]*(?P<city>{_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,3}}|{_TITLE_WORD}(?:[ ]{_TITLE_WORD}){{0,2}})"
    rf"(?:\s*,\s*{_REGION})?(?:\s*,\s*{_DATE})?\s*(?:{_AGENCY}\s*)?(?:-{{1,2}}|–|—|(?P<colon>:))[ \t]+"
    r"(?=[^\n]*[a-z])"
)
_MONTH_START = re.compile(_MONTH + r"(?:\s|$)")
#: A day of the week after the comma is when, not where: "VARNHOLT, Monday, Dec 5 (Quellwire) -".
_WEEKDAY_START = re.compile(r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:[a-z]*day)?\.?(?:\s|$)")
_YEAR = re.compile(r"\d{4}")

Offsets = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Dateline:
    """A line shaped like a dateline: offsets in the body of the city, the region after a comma (None
    when there is none, or it is an abbreviation such as "Calif.") and the agency in brackets; the date
    as written ("" if none)."""

    city: Offsets
    region: Offsets | None
    agency: Offsets | None
    date: str
    #: Offset of the story's first word after the dash ("Gunmen" of "CAIRO — Gunmen opened fire"); -1 for
    #: a dateline on a line of its own.
    text: int = -1
    #: Whether a colon follows the city ("CHENNAI: The court ..."), as it follows a speaker's name or a
    #: label too ("QUIST: We will ...", "PHOTO: ..."): extraction then wants a place it knows.
    colon: bool = False

    def needs_more(self, city: str) -> bool:
        """Does the line's shape leave it in doubt: a city in capitals with nothing but a dash after it
        ("UPDATE - ...", "ORLA QUIST - Staff writer")? A title-case city with no agency never reaches here."""
        return city.isupper() and not (self.date or self.region or self.agency)


def dateline_candidates(body: str) -> Iterator[Dateline]:
    """The lines among the first :data:`DATELINE_LINES` of ``body`` shaped like a dateline, in order. A
    city in title case needs an agency after it; the text after a dash must be a sentence, not more
    capitals (a headline's "SOCCER - QUELLBY WIN")."""
    offset = 0
    for _ in range(DATELINE_LINES):
        while offset < len(body) and body[offset] in "\n\r \t":
            offset += 1
        if offset >= min(len(body), DATELINE_REACH):
            return
        end = body.find("\n", offset)
        end = len(body) if end < 0 else end
        line = body[offset:end]
        match = _OWN_LINE.fullmatch(line) or _OPENING.match(line)
        if match is not None and (match.group("city").isupper() or match.groupdict().get("agency")):
            found = {
                group: (offset + match.start(group), offset + match.end(group))
                for group in ("city", "region", "agency")
                if match.groupdict().get(group)
            }
            region = match.groupdict().get("region") or ""
            if "." in region or _MONTH_START.match(region + " ") or _WEEKDAY_START.match(region + " "):
                found.pop("region", None)
            text = offset + match.end() if match.re is _OPENING else -1
            yield Dateline(
                found["city"],
                found.get("region"),
                found.get("agency"),
                match.group("date") or "",
                text,
                colon=match.groupdict().get("colon") is not None,
            )
        offset = end


def dateline_alone(line: str) -> bool:
    """Is ``line`` a dateline written on a line of its own ("OSKBURG 2024-03-02", "VARNTON , Velmora
    1996-12-06")? Ingest keeps it a paragraph of its own where the lines around it would be joined.

    >>> dateline_alone("OSKBURG 1996-12-06"), dateline_alone("OSKBURG 1996-12-06 Results of matches :")
    (True, False)
    """
    return _OWN_LINE.fullmatch(line) is not None


def dateline_date(body: str) -> str:
    """The date of the body's dateline, as written, when it holds a year: a wire story's date
    ("OSKBURG 2024-03-02", "VARNTON, March 5, 2024 (AFP) -"); "" otherwise.

    >>> dateline_date("Orla Quist\\n\\nOSKBURG , Velmora 2024-03-02\\n\\nTalks ended."), dateline_date("VARNTON, Dec 5 (AFP) - Talks.")
    ('2024-03-02', '')
    """
    for dateline in dateline_candidates(body):
        if _YEAR.search(dateline.date):
            return dateline.date
    return ""
