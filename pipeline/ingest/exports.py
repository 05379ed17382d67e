"""Multi-document text exports of news databases, saved as ``.txt``: one article per document.

* LexisNexis (classic): every document opens with ``N of M DOCUMENTS``; the publication, the date and the
  headline follow, then ``BYLINE:``/``SECTION:``/``LENGTH:``, the body, and ``LOAD-DATE:``/``LANGUAGE:``...
* Nexis Uni: every document ends with ``End of Document``; headline, publication, date, ``Copyright``,
  ``Section:``/``Length:``/``Byline:``, a ``Body`` line, the body, ``Load-Date:``...
* Factiva: field codes alone on their line (``HD`` headline, ``BY``, ``WC``, ``PD`` date, ``SN`` source,
  ``LP`` lead and ``TD`` text...), every document closed by ``AN`` and its ``Document XXXXXXXX`` line.
* ProQuest: documents between rules of underscores, each with ``Full text:`` and the ProQuest fields
  (``Author:``, ``Publication info:``, ``Publication date:``, ``Document URL:``...).

A format is recognised only from its own markers, repeated in every document (a marker per document, in
order, and the fields that go with it), so that a plain article, which may well hold a line "End of
Document" or a rule of underscores, is never split. :func:`export_documents` gives the documents, each
with the line it starts on, its title, date, other fields (``byline``, ``publication``) and body lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

#: A date as these exports write it: "March 1, 2024 Friday", "1 March 2024", "01 Mar 2024", "Mar 1, 2024".
_DATE = re.compile(
    r"\b(?:\d{1,2}\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?\d{4}\b"
)


@dataclass(slots=True)
class Document:
    """One document of an export: where it starts (1-based line), its fields and its body lines."""

    line: int
    title: str = ""
    date: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    body: list[str] = field(default_factory=list)


def export_documents(lines: Sequence[str]) -> tuple[str, list[Document]] | None:
    """The export format's name and its documents, or None when ``lines`` (a file's lines, blank ones
    included) are no export of a format named here."""
    for name, reader in _FORMATS:
        documents = reader(lines)
        if documents:
            return name, documents
    return None


def _blocks(lines: Sequence[str], starts: Sequence[int], ends: Sequence[int]) -> list[tuple[int, int]]:
    return list(zip(starts, ends, strict=True))


def _nonblank(lines: Sequence[str], first: int, end: int) -> list[int]:
    return [i for i in range(first, end) if lines[i].strip()]


# LexisNexis classic -----------------------------------------------------------------------------------

_LEXIS_MARKER = re.compile(r"^\s*(\d+) of (\d+) DOCUMENTS?\s*$")
#: The fields between the headline and the body, and those after the body.
_LEXIS_HEAD = re.compile(r"^(BYLINE|SECTION|LENGTH|DATELINE|HIGHLIGHT|EDITION|SOURCE|HEADLINE|BODY): ?")
_LEXIS_TAIL = re.compile(
    r"^(LOAD-DATE|LANGUAGE|PUBLICATION-TYPE|GRAPHIC|DOCUMENT-TYPE|JOURNAL-CODE|CORRECTION-DATE|NOTES|"
    r"SUBJECT|ORGANIZATION|PERSON|GEOGRAPHIC|INDUSTRY|CITY|STATE|COUNTRY|TICKER|URL|SERIES|TYPE|"
    r"DISTRIBUTION|ACC-NO|PUBLICATION-DATE): ?"
)
_COPYRIGHT = re.compile(r"^\s*(Copyright\b|©|\(c\)\s*\d{4})", re.IGNORECASE)


def _lexis_classic(lines: Sequence[str]) -> list[Document]:
    """Documents of a LexisNexis export: a marker ``k of M DOCUMENTS`` for k = 1, 2... (the same M), the
    first marker the file's first line that holds anything, and every document with a ``LENGTH:`` or
    ``LOAD-DATE:`` field."""
    markers = [(i, _LEXIS_MARKER.match(line)) for i, line in enumerate(lines)]
    found = [(i, int(m.group(1)), int(m.group(2))) for i, m in markers if m]
    first_text = next((i for i, line in enumerate(lines) if line.strip()), None)
    if not found or found[0][0] != first_text:
        return []
    total = found[0][2]
    if [k for _, k, _ in found] != list(range(1, len(found) + 1)) or any(m != total for *_, m in found):
        return []
    if len(found) > total:
        return []
    starts = [i for i, _, _ in found]
    documents: list[Document] = []
    for first, end in _blocks(lines, starts, [*starts[1:], len(lines)]):
        filled = _nonblank(lines, first + 1, end)
        fields_at = [i for i in filled if _LEXIS_HEAD.match(lines[i]) or _LEXIS_TAIL.match(lines[i])]
        if not any(lines[i].startswith(("LENGTH:", "LOAD-DATE:")) for i in fields_at):
            return []
        document = Document(line=first + 1)
        head = [i for i in filled if _LEXIS_HEAD.match(lines[i])]
        tail = next((i for i in filled if _LEXIS_TAIL.match(lines[i])), end)
        before = [i for i in filled if i < (head[0] if head else tail)]
        # the publication, its copyright, the date (and edition), then the headline
        dated = next((n for n, i in enumerate(before) if _DATE.search(lines[i])), None)
        top = [lines[i].strip() for i in before if not _COPYRIGHT.match(lines[i])]
        if before:
            document.fields["publication"] = lines[before[0]].strip()
        if dated is not None:
            document.date = lines[before[dated]].strip()
            titled = [lines[i].strip() for i in before[dated + 1 :] if not _COPYRIGHT.match(lines[i])]
        else:
            titled = top[1:]
        body_from = (head[-1] + 1) if head else (before[-1] + 1 if before else first + 1)
        document.title = " ".join(titled) if head else (titled[0] if titled else "")
        if not head and titled:  # no field line: the headline is the line after the date
            body_from = next(i for i in before if lines[i].strip() == titled[0]) + 1
        for i in head:
            key, _, value = lines[i].partition(":")
            if key in ("BYLINE", "SECTION", "DATELINE") and value.strip():
                document.fields[key.lower()] = value.strip()
        document.body = [line for line in lines[body_from:tail] if not _COPYRIGHT.match(line)]
        documents.append(document)
    return documents


# Nexis Uni --------------------------------------------------------------------------------------------

_UNI_END = "End of Document"
_UNI_HEAD = re.compile(r"^(Section|Length|Byline|Dateline|Highlight|Edition|Series): ?")
_UNI_TAIL = re.compile(
    r"^(?:Classification\s*$|(Load-Date|Language|Publication-Type|Subject|Industry|Geographic|Graphic|"
    r"Notes|Document-Type|Person|Company|Organization|Ticker|Journal Code|Correction-Date|Dateline|"
    r"Publication-Date|Url|Country|City|State): ?)"
)


def _nexis_uni(lines: Sequence[str]) -> list[Document]:
    """Documents of a Nexis Uni export: each ends with a line ``End of Document`` (the last one the end
    of the file) and holds a line ``Body`` after its headline, publication and date."""
    ends = [i for i, line in enumerate(lines) if line.strip() == _UNI_END]
    last_text = max((i for i, line in enumerate(lines) if line.strip()), default=None)
    if not ends or ends[-1] != last_text:
        return []
    documents: list[Document] = []
    for first, end in _blocks(lines, [0, *(e + 1 for e in ends[:-1])], ends):
        filled = _nonblank(lines, first, end)
        body_line = next((i for i in filled if lines[i].strip() == "Body"), None)
        if body_line is None or not filled:
            return []
        before = [i for i in filled if i < body_line]
        document = Document(line=filled[0] + 1, title=lines[filled[0]].strip())
        top = [i for i in before[1:] if not (_UNI_HEAD.match(lines[i]) or _COPYRIGHT.match(lines[i]))]
        if top:
            document.fields["publication"] = lines[top[0]].strip()
        document.date = next((lines[i].strip() for i in top if _DATE.search(lines[i])), "")
        for i in before:
            key, _, value = lines[i].partition(":")
            if _UNI_HEAD.match(lines[i]) and key in ("Byline", "Section", "Dateline") and value.strip():
                document.fields[key.lower()] = value.strip()
        tail = next((i for i in filled if i > body_line and _UNI_TAIL.match(lines[i])), end)
        document.body = list(lines[body_line + 1 : tail])
        documents.append(document)
    return documents


# Factiva ----------------------------------------------------------------------------------------------

#: Factiva's field codes, each alone on its line before its value.
_FACTIVA_CODES = frozenset(
    [
        "SE",
        "HD",
        "CLM",
        "SD",
        "BY",
        "CR",
        "WC",
        "PD",
        "ET",
        "SN",
        "SC",
        "ED",
        "PG",
        "VOL",
        "LA",
        "CY",
        "LP",
        "TD",
        "CT",
        "RF",
        "ART",
        "CO",
        "IN",
        "NS",
        "RE",
        "IPC",
        "IPD",
        "PUB",
        "AN",
    ]
)
_FACTIVA_DOCUMENT = re.compile(r"^\s*Document [A-Za-z0-9]{12,}\s*$")


def _factiva(lines: Sequence[str]) -> list[Document]:
    """Documents of a Factiva export: each closed by its ``Document XXXX`` line and holding an ``HD``
    (headline) and an ``LP`` or ``TD`` (text) code line; codes outside a document (a cover page) count
    against the format."""
    ends = [i for i, line in enumerate(lines) if _FACTIVA_DOCUMENT.match(line)]
    if not ends:
        return []
    documents: list[Document] = []
    for first, end in _blocks(lines, [0, *(e + 1 for e in ends[:-1])], ends):
        values: dict[str, list[str]] = {}
        code = ""
        start = None
        for i in range(first, end):
            stripped = lines[i].strip()
            if stripped in _FACTIVA_CODES:
                code = stripped
                values.setdefault(code, [])
                if start is None:
                    start = i
            elif code:
                values[code].append(lines[i])
            elif stripped:
                return []  # text before the first code: no Factiva document
        if "HD" not in values or not ({"LP", "TD"} & values.keys()) or start is None:
            return []
        document = Document(line=start + 1, title=" ".join(" ".join(values["HD"]).split()))
        document.date = " ".join(" ".join(values.get("PD", [])).split())
        for code_name, name in (("BY", "byline"), ("SN", "publication"), ("SE", "section")):
            value = " ".join(" ".join(values.get(code_name, [])).split())
            if value:
                document.fields[name] = value
        document.body = [*values.get("LP", []), "", *values.get("TD", [])]
        documents.append(document)
    return documents


# ProQuest ---------------------------------------------------------------------------------------------

_RULE = re.compile(r"^\s*_{20,}\s*$")
_PROQUEST_FIELD = re.compile(
    r"^(Author|Publication info|ProQuest document link|Full text|Abstract|Subject|Location|People|"
    r"Company / organization|Identifier / keyword|Title|Publication title|Pages|Publication year|"
    r"Publication date|Section|Publisher|Place of publication|Country of publication|Publication subject|"
    r"ISSN|Source type|Language of publication|Document type|ProQuest document ID|Document URL|"
    r"Copyright|Last updated|Database|Links|Volume|Issue|Credit|Illustration|Dateline|Edition|"
    r"Document feature|Accession number|Column|Byline): ?"
)
_PROQUEST_MARKER = re.compile(r"^\s*Document \d+ of \d+\s*$")


def _proquest(lines: Sequence[str]) -> list[Document]:
    """Documents of a ProQuest export: the text between rules of underscores, every part that holds
    anything a document with a ``Full text:`` line and a ProQuest link or URL field."""
    rules = [i for i, line in enumerate(lines) if _RULE.match(line)]
    if not rules:
        return []
    documents: list[Document] = []
    for first, end in _blocks(lines, [0, *(r + 1 for r in rules)], [*rules, len(lines)]):
        filled = [i for i in _nonblank(lines, first, end) if not _PROQUEST_MARKER.match(lines[i])]
        if not filled:
            continue
        keys = {m.group(1): i for i in filled if (m := _PROQUEST_FIELD.match(lines[i]))}
        if "Full text" not in keys or not ({"ProQuest document link", "Document URL"} & keys.keys()):
            if documents or first > 0:
                return []
            continue  # the export's cover page, before the first rule
        document = Document(line=filled[0] + 1)
        document.title = lines[filled[0]].strip() if filled[0] < min(keys.values()) else ""
        if "Title" in keys and not document.title:
            document.title = lines[keys["Title"]].partition(":")[2].strip()
        value = {k: lines[i].partition(":")[2].strip() for k, i in keys.items()}
        document.date = value.get("Publication date", "")
        if not document.date:
            found = _DATE.search(value.get("Publication info", ""))
            document.date = found.group() if found else ""
        if value.get("Author"):
            document.fields["byline"] = value["Author"]
        publication = value.get("Publication title") or value.get("Publication info", "").partition(";")[0]
        if publication.strip():
            document.fields["publication"] = publication.strip().rstrip(".")
        text_at = keys["Full text"]
        after = next((i for i in filled if i > text_at and _PROQUEST_FIELD.match(lines[i])), end)
        document.body = [value["Full text"], *lines[text_at + 1 : after]]
        documents.append(document)
    return documents


_FORMATS: tuple[tuple[str, Callable[[Sequence[str]], list[Document]]], ...] = (
    ("LexisNexis", _lexis_classic),
    ("Nexis Uni", _nexis_uni),
    ("Factiva", _factiva),
    ("ProQuest", _proquest),
)
