"""Multi-document text exports of news databases, saved as ``.txt``: one article per document.

* LexisNexis (classic): every document opens with ``N of M DOCUMENTS``; the publication, the date and the
  headline follow, then ``BYLINE:``/``SECTION:``/``LENGTH:``, the body, and ``LOAD-DATE:``/``LANGUAGE:``...
* Nexis Uni: every document ends with ``End of Document``; headline, publication, date, ``Copyright``,
  ``Section:``/``Length:``/``Byline:``, a ``Body`` line, the body, ``Load-Date:``...
* Factiva: field codes alone on their line (``HD`` headline, ``BY``, ``WC``, ``PD`` date, ``SN`` source,
  ``LP`` lead and ``TD`` text...), every document closed by ``AN`` and its ``Document XXXXXXXX`` line.
* ProQuest: documents between rules of underscores, each with ``Full text:`` and the ProQuest fields
  (``Author:``, ``Publication info:``, ``Publication date:``, ``Document URL:``...).

A format is recognised only from its own markers (a marker per document, in order, and the fields that go
with it), so that a plain article, which may well hold a line "End of Document" or a rule of underscores,
is never split. A cover page or trailer is left out and a document without body kept without one (both
reported as skipped, with their line), never making the whole export one article. A body ends only at
the block of fields that closes the document, not at a paragraph that begins like a field. :func:`export_documents` gives the documents, each
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
    #: Why this part of the export is no document (a cover page, a trailer); "" for a document.
    left_out: str = ""
    #: What is wrong with a document read all the same (its closing lines missing).
    note: str = ""


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


def _trailer_start(lines: Sequence[str], first: int, end: int, is_field: Callable[[str], bool]) -> int:
    """Where the block of field lines that closes ``lines[first:end]`` starts (``end`` when there is none).

    The block is read from the end back: field lines, blank lines, and lines that continue the line right
    above them (a value wrapped without a blank line). A paragraph that begins like a field ("Abstract: In
    this article...") but is followed by more text is body, not trailer.
    """
    start = end
    for i in range(end - 1, first - 1, -1):
        line = lines[i]
        if not line.strip():
            continue
        if is_field(line):
            start = i
        elif not (i > first and lines[i - 1].strip()):
            break
    return start


def _left_out(lines: Sequence[str], indices: Sequence[int], what: str) -> Document:
    """A part of an export that is no document (a cover page, a search summary, a trailer): kept as a
    document without body, so that it is reported as skipped with its line, never read as an article."""
    shown = " ".join(lines[indices[0]].split())[:60]
    return Document(line=indices[0] + 1, left_out=f"{what} ({shown}...), no document: left out")


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


#: The most lines a cover page (search terms, sources, count) before the first document may hold.
_MAX_COVER_LINES = 15


def _lexis_classic(lines: Sequence[str]) -> list[Document]:
    """Documents of a LexisNexis export: a marker ``k of M DOCUMENTS`` for k = 1, 2... (the same M), every
    document with a ``LENGTH:`` or ``LOAD-DATE:`` field; a short cover page before the first marker (search
    terms, sources) is left out. Downloads joined into one file count again from 1 ("1 of 2", "2 of 2",
    "1 of 1"), and the last document of a download cut short may lack its fields (and its body: it is
    then reported as a document without body)."""
    markers = [(i, _LEXIS_MARKER.match(line)) for i, line in enumerate(lines)]
    found = [(i, int(m.group(1)), int(m.group(2))) for i, m in markers if m]
    if not found:
        return []
    cover = _nonblank(lines, 0, found[0][0])
    if len(cover) > _MAX_COVER_LINES:
        return []
    if not all(_a_download(run) for run in _downloads(found)):
        return []
    starts = [i for i, _, _ in found]
    documents: list[Document] = [_left_out(lines, cover, "cover page")] if cover else []
    for first, end in _blocks(lines, starts, [*starts[1:], len(lines)]):
        filled = _nonblank(lines, first + 1, end)
        fields_at = [i for i in filled if _LEXIS_HEAD.match(lines[i]) or _LEXIS_TAIL.match(lines[i])]
        cut_short = first == starts[-1] and len(starts) > 1
        if not cut_short and not any(lines[i].startswith(("LENGTH:", "LOAD-DATE:")) for i in fields_at):
            return []
        document = Document(line=first + 1)
        tail = _trailer_start(
            lines, first + 1, end, lambda line: bool(_LEXIS_TAIL.match(line) or _COPYRIGHT.match(line))
        )
        head = _field_run(lines, [i for i in filled if i < tail], _LEXIS_HEAD)
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
        document.body = list(lines[body_from:tail])
        documents.append(document)
    return documents


def _downloads(found: Sequence[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
    """The markers (line, k, M) by download: a marker "1 of M" after the first starts another."""
    runs: list[list[tuple[int, int, int]]] = []
    for marker in found:
        if marker[1] == 1 or not runs:
            runs.append([marker])
        else:
            runs[-1].append(marker)
    return runs


def _a_download(run: Sequence[tuple[int, int, int]]) -> bool:
    """Are the markers of one download numbered 1, 2... out of one M, no more than M of them?

    >>> _a_download([(0, 1, 3), (9, 2, 3)]), _a_download([(0, 1, 3), (9, 3, 3)]), _a_download([(0, 1, 1), (9, 2, 1)])
    (True, False, False)
    """
    total = run[0][2]
    numbers = [k for _, k, _ in run]
    return numbers == list(range(1, len(run) + 1)) and all(m == total for *_, m in run) and len(run) <= total


def _field_run(lines: Sequence[str], filled: Sequence[int], pattern: re.Pattern[str]) -> list[int]:
    """The lines (of ``filled``, the non-blank ones) of the first run of field lines: from the first line
    that ``pattern`` matches on, field lines and lines continuing the one right above; the body follows."""
    run: list[int] = []
    for i in filled:
        if pattern.match(lines[i]) or (run and run[-1] == i - 1):
            run.append(i)
        elif run:
            break
    return run


# Nexis Uni --------------------------------------------------------------------------------------------

_UNI_END = "End of Document"
_UNI_HEAD = re.compile(r"^(Section|Length|Byline|Dateline|Highlight|Edition|Series): ?")
_UNI_TAIL = re.compile(
    r"^(?:Classification\s*$|(Load-Date|Language|Publication-Type|Subject|Industry|Geographic|Graphic|"
    r"Notes|Document-Type|Person|Company|Organization|Ticker|Journal Code|Correction-Date|Dateline|"
    r"Publication-Date|Url|Country|City|State): ?)"
)


#: Lines of Nexis Uni's cover page (before the first document's headline).
_UNI_COVER = re.compile(
    r"^\s*(Date and Time|Job Number|Documents \(\d+\)|Client/Matter|Search Terms|Search Type|Narrowed by|"
    r"Content Type|Print(?:ed)? (?:by|date)|Source)\b",
    re.IGNORECASE,
)


def _nexis_uni(lines: Sequence[str]) -> list[Document]:
    """Documents of a Nexis Uni export: each ends with a line ``End of Document`` (the last one the end
    of the file) and holds a line ``Body`` after its headline, publication and date; a cover page before
    the first headline is left out."""
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
        # headline (one line or more), publication, date, copyright, then Section:/Length:/Byline:...
        fielded = next(
            (i for i in before if _UNI_HEAD.match(lines[i]) or _COPYRIGHT.match(lines[i])), body_line
        )
        top = [i for i in before if i < fielded]
        dated = next((n for n in range(len(top) - 1, -1, -1) if _DATE.search(lines[top[n]])), None)
        named = (dated - 1) if dated is not None else len(top) - 1  # the publication's place in top
        titled: list[int] = []
        if named >= 1:
            titled = [top[named - 1]]
            while len(titled) < named and top[named - len(titled) - 1] == titled[0] - 1:
                titled.insert(0, top[named - len(titled) - 1])  # a headline written on several lines
            if not documents:  # the first document: drop the export's cover lines from the headline
                titled = titled[
                    next((n for n, i in enumerate(titled) if not _UNI_COVER.match(lines[i])), 0) :
                ]
        else:
            titled, named = top[:1], -1
        cover = [i for i in top if i < titled[0]] if titled else []
        if cover and not documents:
            documents.append(_left_out(lines, cover, "cover page"))
        document = Document(
            line=(titled[0] if titled else filled[0]) + 1, title=" ".join(lines[i].strip() for i in titled)
        )
        if named >= 0 and top:
            document.fields["publication"] = lines[top[named]].strip()
        document.date = lines[top[dated]].strip() if dated is not None else ""
        for i in before:
            key, _, value = lines[i].partition(":")
            if _UNI_HEAD.match(lines[i]) and key in ("Byline", "Section", "Dateline") and value.strip():
                document.fields[key.lower()] = value.strip()
        tail = _trailer_start(lines, body_line + 1, end, lambda line: bool(_UNI_TAIL.match(line)))
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


_FACTIVA_INLINE = re.compile(r"^\s*([A-Z]{2,3})[ \t]+(\S.*)$")
#: The codes that may follow a document's text (``LP``/``TD``).
_FACTIVA_AFTER_TEXT = frozenset(["CT", "RF", "ART", "CO", "IN", "NS", "RE", "IPC", "IPD", "PUB", "AN"])


def _factiva(lines: Sequence[str]) -> list[Document]:
    """Documents of a Factiva export: each closed by its ``Document XXXX`` line and holding an ``HD``
    (headline) code, alone on its line or before its value (``HD Varn floods``). A document without an
    ``LP`` or ``TD`` (text) code is one without body; at least one document must have text. Lines
    before a document's first code (a search summary) are left out, and so are those after the last
    document, unless they are a document with its headline and text whose closing lines are missing (an
    export cut short): that one is read, with a note."""
    ends = [i for i, line in enumerate(lines) if _FACTIVA_DOCUMENT.match(line)]
    if not ends:
        return []
    inline = not any(line.strip() == "HD" for line in lines) and any(
        (m := _FACTIVA_INLINE.match(line)) and m.group(1) == "HD" for line in lines
    )
    documents: list[Document] = []
    for first, end in _blocks(lines, [0, *(e + 1 for e in ends[:-1])], ends):
        document, outside = _factiva_block(lines, first, end, inline)
        if document is None:
            return []
        if outside:
            documents.append(_left_out(lines, outside, "search summary"))
        documents.append(document)
    if not any(document.body for document in documents):
        return []
    after = _nonblank(lines, ends[-1] + 1, len(lines))
    if after:
        last, outside = _factiva_block(lines, ends[-1] + 1, len(lines), inline)
        if last is not None and last.body and not outside:
            last.note = "Factiva document cut short: no closing AN and Document line"
            documents.append(last)
        else:
            documents.append(_left_out(lines, after, "text after the last document"))
    return documents


def _factiva_block(
    lines: Sequence[str], first: int, end: int, inline: bool
) -> tuple[Document | None, list[int]]:
    """The document of ``lines[first:end]`` (None without a headline code) and the non-blank lines
    before its first code."""
    values: dict[str, list[str]] = {}
    code = ""
    start = None
    outside: list[int] = []
    trailer = _trailer_start(lines, first, end, lambda line: _factiva_code(line, inline)[0] != "")
    for i in range(first, end):
        found, value = _factiva_code(lines[i], inline)
        if found and code in ("LP", "TD") and found not in ("TD", *_FACTIVA_AFTER_TEXT):
            found = ""  # a paragraph of the text that begins like a code
        if found and code in ("LP", "TD") and found != "TD" and inline and i < trailer:
            found = ""
        if found:
            code = found
            values.setdefault(code, [])
            if value:
                values[code].append(value)
            if start is None:
                start = i
        elif code:
            values[code].append(lines[i])
        elif lines[i].strip():
            outside.append(i)
    if "HD" not in values or start is None:
        return None, outside
    document = Document(line=start + 1, title=" ".join(" ".join(values["HD"]).split()))
    document.date = " ".join(" ".join(values.get("PD", [])).split())
    for code_name, name in (("BY", "byline"), ("SN", "publication"), ("SE", "section")):
        value = " ".join(" ".join(values.get(code_name, [])).split())
        if value:
            document.fields[name] = value
    if {"LP", "TD"} & values.keys():
        document.body = [*values.get("LP", []), "", *values.get("TD", [])]
    return document, outside


def _factiva_code(line: str, inline: bool) -> tuple[str, str]:
    """The Factiva code a line starts (``""`` for none) and the value written after it on the line."""
    stripped = line.strip()
    if stripped in _FACTIVA_CODES:
        return stripped, ""
    found = _FACTIVA_INLINE.match(line) if inline else None
    if found and found.group(1) in _FACTIVA_CODES:
        return found.group(1), found.group(2)
    return "", ""


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
    """Documents of a ProQuest export: the text between rules of underscores. A part with a ProQuest link
    or URL field is a document, its body the ``Full text:`` up to the fields that close it (a document
    without ``Full text:``, a citation or abstract, has no body); a first or last part without these
    fields (the cover, "Contact ProQuest") is left out; at least one document must have a full text."""
    rules = [i for i, line in enumerate(lines) if _RULE.match(line)]
    if not rules:
        return []
    parts = [
        (first, end, filled)
        for first, end in _blocks(lines, [0, *(r + 1 for r in rules)], [*rules, len(lines)])
        if (filled := [i for i in _nonblank(lines, first, end) if not _PROQUEST_MARKER.match(lines[i])])
    ]
    documents: list[Document] = []
    for n, (_, end, filled) in enumerate(parts):
        keys = {m.group(1): i for i in filled if (m := _PROQUEST_FIELD.match(lines[i]))}
        if not ({"ProQuest document link", "Document URL"} & keys.keys()):
            if 0 < n < len(parts) - 1:
                return []
            documents.append(_left_out(lines, filled, "cover page" if n == 0 else "trailer"))
            continue
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
        text_at = next((i for i in filled if lines[i].startswith("Full text:")), None)
        if text_at is not None:
            after = _trailer_start(lines, text_at + 1, end, _proquest_trailer)
            document.body = [lines[text_at].partition(":")[2].strip(), *lines[text_at + 1 : after]]
        documents.append(document)
    if not any(document.body for document in documents):
        return []
    return documents


def _proquest_trailer(line: str) -> bool:
    found = _PROQUEST_FIELD.match(line)
    return found is not None and found.group(1) not in ("Full text", "Abstract")


_FORMATS: tuple[tuple[str, Callable[[Sequence[str]], list[Document]]], ...] = (
    ("LexisNexis", _lexis_classic),
    ("Nexis Uni", _nexis_uni),
    ("Factiva", _factiva),
    ("ProQuest", _proquest),
)
