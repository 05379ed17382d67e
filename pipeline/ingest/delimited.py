"""``.csv`` and ``.tsv``: one article per row, text column found by name; RFC 4180, comma-separated for
.csv, tab-separated for .tsv. A .csv file uses another delimiter when an Excel ``sep=`` first line names
it, or when its header row is one column under commas and clearly several under that delimiter, with
most of the first rows agreeing.

Damage stays with the rows it touches: a row with too many cells is skipped with its line, one missing
only trailing cells is kept (the missing fields empty, and a note saying so), and a quote left unclosed
costs its own row only: the complete rows it ran on over are read on their own."""

from __future__ import annotations

import csv
import functools
import io
import itertools
import re
from collections.abc import Iterator
from typing import Any

from pipeline.errors import InputError, both_spellings
from pipeline.ingest.articles import TEXT_KEYS, clean_line, from_fields, numbered, text_key
from pipeline.records import Article, Skipped

#: Delimiters tried when a .csv file's header row is one column under commas (a spreadsheet saved with
#: semicolons, a tab export named .csv).
OTHER_DELIMITERS = (";", "\t", "|")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
#: Records after the header read to confirm another delimiter: at least half of them, the header counted
#: too, must have the header's width under it (a few irregular rows must not decide how a file is read).
_DELIMITER_PROBE_ROWS = 10

#: A record: the numbers of its first and last lines, and its cells or the reader's error.
Record = tuple[int, int, list[str] | csv.Error]


def read_delimited(
    text: str,
    source: str,
    encoding: str,
    *,
    text_column: str | None = None,
    delimiter: str = ",",
    notes: list[tuple[str, str]] | None = None,
    **_: object,
) -> tuple[list[Article], list[Skipped]]:
    """RFC 4180 records (quoted fields may hold delimiters, quotes and line breaks): comma-separated for
    .csv, tab-separated for .tsv. An Excel ``sep=`` first line names the delimiter; otherwise a .csv
    file uses another one only when its header row is a single column under commas and clearly several
    under it. ``notes`` records a delimiter other than the format's.

    Every record after the header becomes an article or a :class:`Skipped` naming its line:

    >>> found, skipped = read_delimited(
    ...     "title,text,date\\nQuellby,Orla Varnholm spoke.,2031-02-03\\nTarnwick,Ede Solm left.\\n"
    ...     "Brisk,Too,many,cells\\n", "feed.csv", "utf-8")
    >>> [(a.source, a.title, a.date, a.metadata) for a in found]  # doctest: +NORMALIZE_WHITESPACE
    [('feed.csv:2', 'Quellby', '2031-02-03', ()),
     ('feed.csv:3', 'Tarnwick', '', (('ingest_note', 'row has 2 cells, header has 3: date left empty'),))]
    >>> skipped
    [Skipped(source='feed.csv:4', reason='row has 4 cells, header has 3')]
    """
    csv.field_size_limit(1 << 30)
    lines = list(io.StringIO(text))  # as csv.reader reads them, so line numbers index this list
    own_delimiter, header_line = delimiter, 1
    named = _named_delimiter(lines[0]) if lines else None
    if named:
        delimiter, header_line = named, 2
    elif delimiter == ",":
        delimiter = _other_delimiter(lines) or delimiter
    if delimiter != own_delimiter and notes is not None:
        notes.append((source, _DELIMITER_NAMES.get(delimiter, repr(delimiter))))
    first_record = next(_records(lines, header_line, delimiter), None)
    if first_record is None or isinstance(first_record[2], csv.Error):
        problem = (
            first_record[2] if first_record else "nothing after its sep= line" if named else "file is empty"
        )
        raise InputError(source, f"no CSV header row ({problem})")
    header_end, cells = first_record[1], first_record[2]
    header = _unique([clean_line(h) for h in cells])
    key = text_key({h: "" for h in header}, text_column)
    skipped: list[Skipped] = []
    below = None if key is not None else _below_title(lines, header_end + 1, delimiter, text_column, cells)
    if below is None and key is None and not named and own_delimiter == delimiter == ",":
        other = _other_delimiter(lines[header_end:])
        if other is not None:
            below = _below_title(lines, header_end + 1, other, text_column, cells)
            if below is not None:
                delimiter = other
                if notes is not None:
                    notes.append((source, _DELIMITER_NAMES.get(delimiter, repr(delimiter))))
    if below is not None:  # a title line above the header: the header is the next record
        title = " ".join(cell for cell in map(clean_line, cells) if cell)
        skipped.append(
            Skipped(
                f"{source}:{header_line}",
                f"a title line above the header row ({title!r}), not a row; the header is line "
                f"{header_end + 1} and the rows are read from there",
            )
        )
        header_end, header, key = below
    if key is None:
        wanted = repr(text_column) if text_column else "named one of " + ", ".join(TEXT_KEYS)
        raise InputError(
            source,
            f"no text column {wanted} (columns seen: {', '.join(header) or 'none'}); name it with {both_spellings('text_column')}",
        )
    text_index = header.index(key)
    articles: list[Article] = []
    for first, row, problem in _rows(lines, header_end + 1, delimiter, len(header)):
        where = f"{source}:{first}"
        if row is None:
            skipped.append(Skipped(where, problem))
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header) or len(row) <= text_index:
            missing_text = f" (no {key!r} cell)" if len(row) <= text_index else ""
            reason = f"row has {len(row)} cells, header has {len(header)}{missing_text}"
            skipped.append(Skipped(where, f"{reason}; {problem}" if problem else reason))
            continue
        fields: dict[str, object] = dict(zip(header, row, strict=False))
        if len(row) < len(header):
            left_empty = ", ".join(header[len(row) :])
            short = f"row has {len(row)} cells, header has {len(header)}: {left_empty} left empty"
            problem = f"{short}; {problem}" if problem else short
        try:
            # the column named, else the row's fullest text column (a cut "content" beside "full text")
            articles.append(
                from_fields(fields, where, len(articles), encoding, text_column, "text_column", note=problem)
            )
        except InputError as error:
            skipped.append(Skipped(error.source, error.reason))
    return articles, skipped


def _below_title(
    lines: list[str], start: int, delimiter: str, text_column: str | None, title: list[str]
) -> tuple[int, list[str], str] | None:
    """When the record above line ``start``, ``title``, is a report's title rather than a header ("ABC
    export - generated 2031-02-03", "Search results: Quellby,,,"): one cell holding something (the others
    empty) above a header naming the text column, whose width at least half of the rows below share (the
    header counted too). Returns the header's last line, its names and the text column; None otherwise.

    >>> lines = ["Quellby export\\n", "title,text\\n", "Oskburg,Orla spoke.\\n", "Tarn,Ede left.\\n"]
    >>> _below_title(lines, 2, ",", None, ["Quellby export"])
    (2, ['title', 'text'], 'text')
    >>> _below_title(lines, 2, ",", None, ["Quellby", "export"]) is None
    True
    """
    if sum(1 for cell in title if cell.strip()) != 1:
        return None
    sample = list(itertools.islice(_records(lines, start, delimiter), _DELIMITER_PROBE_ROWS + 1))
    if not sample or isinstance(sample[0][2], csv.Error) or len(sample[0][2]) < 2:
        return None
    header_end, cells = sample[0][1], sample[0][2]
    header = _unique([clean_line(h) for h in cells])
    key = text_key({h: "" for h in header}, text_column)
    rows = [r for _, _, r in sample[1:] if isinstance(r, csv.Error) or any(cell.strip() for cell in r)]
    agreeing = sum(isinstance(r, list) and len(r) == len(header) for r in rows)
    if key is None or 2 * (agreeing + 1) < len(rows) + 1:
        return None
    return header_end, header, key


def _rows(
    lines: list[str], start: int, delimiter: str, width: int
) -> Iterator[tuple[int, list[str] | None, str]]:
    """The records from line ``start`` on, each as (first line, cells, problem): cells None when the
    record cannot be used (``problem`` says why), else ``problem`` is empty or a note.

    A quote left unclosed makes its field run on over the following rows until the next quote, and the
    reader returns one record holding them all. Such a record shows itself to a strict reading: its
    fields span lines and a quote in them closes a field before its end (the next row's opening quote),
    or the file ends inside the field. When the lines it ran on over then read as complete rows of the
    header's width, each valid RFC 4180 on its own, its first row is skipped and reading starts again
    on the next line; otherwise the record stays as it is, with a note naming its lines.

    >>> text = 'id,text\\n1,"Open quote, Orla Varnholm\\n2,"Quellby, the port."\\n3,Tarnwick.\\n'
    >>> [(first, row) for first, row, _ in _rows(list(io.StringIO(text)), 2, ",", 2)]
    [(2, None), (3, ['2', 'Quellby, the port.']), (4, ['3', 'Tarnwick.'])]
    """
    position: int | None = start
    while position is not None:
        resume, position = position, None
        for first, last, record in _records(lines, resume, delimiter):
            span = f"lines {first}–{last}" if last > first else f"line {first}"
            if isinstance(record, csv.Error):
                over = f" over {span}" if last > first else ""
                yield first, None, f"malformed CSV row{over} ({record})"
            elif last == first:
                # One line is read leniently, as ever ('"Quoted" then more' is one field); only an odd
                # count of quotes on the file's last line says for sure that the file ended inside one.
                ends_open = last == len(lines) and lines[-1].count('"') % 2 == 1
                yield (
                    first,
                    record,
                    "the file ends inside a quoted field of this row (its closing quote is missing)"
                    if ends_open
                    else "",
                )
            elif _parses_strictly(lines[first - 1 : last], delimiter):
                yield first, record, ""
            elif _complete_rows(lines, first + 1, last, delimiter, width):
                ran_over = f"line {first + 1}" if last == first + 1 else f"lines {first + 1}–{last}"
                swallowed = (
                    f"unclosed quote: a quoted field opened on this line ran on over {ran_over}, which "
                    "read as complete rows; this row is skipped and those rows are read on their own"
                )
                yield first, None, swallowed
                position = first + 1  # the rows it swallowed, read again on their own
                break
            else:
                unclosed = (
                    f"its fields run over {span} and a quote in them does not close where a field ends "
                    "(a quote may be unclosed)"
                )
                yield first, record, unclosed


def _records(lines: list[str], start: int, delimiter: str) -> Iterator[Record]:
    """The records of ``lines`` from line ``start`` (1-based) on, with their first and last lines; a
    record the reader cannot read is its error, and reading goes on after it.

    >>> list(_records(['a,"b\\n', 'c",d\\n', '\\n', 'e\\n'], 1, ","))
    [(1, 2, ['a', 'b\\nc', 'd']), (3, 3, []), (4, 4, ['e'])]
    """
    # by index, not a slice: a trial reading (:func:`_complete_rows`) must not copy the rest of the file
    reader = csv.reader((lines[index] for index in range(start - 1, len(lines))), delimiter=delimiter)
    done = start - 1  # lines read so far
    while True:
        try:
            record: list[str] | csv.Error = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            record = error
        yield done + 1, start - 1 + reader.line_num, record
        done = start - 1 + reader.line_num


def _parses_strictly(record_lines: list[str], delimiter: str) -> bool:
    """Whether the lines of one record read as one record also when a quote may only close a field at
    its end and the file may not end inside a quoted field.

    >>> _parses_strictly(['1,"Two\\n', 'lines"\\n'], ","), _parses_strictly(['1,"Open\\n', '2,"B"\\n'], ",")
    (True, False)
    """
    try:
        return len(list(csv.reader(iter(record_lines), delimiter=delimiter, strict=True))) == 1
    except csv.Error:
        return False


def _complete_rows(lines: list[str], start: int, end: int, delimiter: str, width: int) -> bool:
    """Whether the records starting on lines ``start`` to ``end`` read as rows of their own: each valid
    RFC 4180 (a quote only around a whole field, doubled inside it) and at least half of them, one at
    least, with ``width`` cells (blank lines aside). The evidence that a quote above them swallowed them,
    rather than a text holding line breaks: prose lines would break the quoting where the text's own
    closing quote stands (``He left." (AP)``), or mostly differ in width.

    >>> lines = ['2,"Quellby, the port."\\n', '3,Orla,Varnholm\\n', '\\n']
    >>> _complete_rows(lines, 1, 3, ",", 2), _complete_rows(['He left." (AP)\\n'], 1, 1, ",", 1)
    (True, False)
    """
    rows = agreeing = 0
    for first, last, record in _records(lines, start, delimiter):
        if first > end:
            break
        if isinstance(record, list) and not any(cell.strip() for cell in record):
            continue
        if isinstance(record, csv.Error) or not _rfc4180(delimiter).fullmatch(
            "".join(lines[first - 1 : last])
        ):
            return False
        rows += 1
        agreeing += len(record) == width
    return agreeing > 0 and 2 * agreeing >= rows


@functools.cache
def _rfc4180(delimiter: str) -> re.Pattern[str]:
    """One RFC 4180 record (with its line end): fields quoted whole, or holding no quote at all.

    >>> bool(_rfc4180(",").fullmatch('2,"Quellby, ""the"" port."\\r\\n')), bool(_rfc4180(",").fullmatch('2,it" (AP)\\n'))
    (True, False)
    """
    quoted = '"[^"]*(?:""[^"]*)*"'  # unrolled, so a long field cannot make the matcher backtrack
    bare = f'[^"{re.escape(delimiter)}\\r\\n]*'
    field = f"(?:{quoted}|{bare})"
    return re.compile(f"{field}(?:{re.escape(delimiter)}{field})*(?:\\r?\\n)?")


def _named_delimiter(line: str) -> str | None:
    """The delimiter an Excel ``sep=`` first line names, or None.

    >>> _named_delimiter("sep=;\\r\\n"), _named_delimiter("SEP=|\\n"), _named_delimiter("title,text\\n")
    (';', '|', None)
    """
    body = line.rstrip("\r\n")
    if len(body) == 5 and body[:4].lower() == "sep=" and body[4] != '"' and not body[4].isalnum():
        return body[4]
    return None


def _unique(names: list[str]) -> list[str]:
    """Column names with repeats renamed "text_2", "text_3"...: a row's cells are a dict by name, and
    two columns of one name would keep only the last one's text. The first keeps its name."""
    taken = set(names)
    seen: set[str] = set()
    result = []
    for name in names:
        if name in seen:
            name = numbered(name, taken)
        seen.add(name)
        result.append(name)
    return result


def _other_delimiter(lines: list[str]) -> str | None:
    """The delimiter of a .csv file whose header row is one column under commas but several under
    semicolons, tabs or pipes, with that many cells in at least half of its first records, the header
    included (the most agreeing, then the widest, wins); None keeps commas. Most rows, not all: one bad
    row among the first must not turn the whole file into one column without text.

    >>> _other_delimiter(["title;text\\n", "Quellby;Orla Varnholm spoke.\\n", "Tarnwick;Ede;Solm\\n"])
    ';'
    >>> _other_delimiter(["title;text\\n", "Quellby;Orla;Varnholm\\n", "Tarnwick;Ede;Solm\\n"]) is None
    True
    >>> _other_delimiter(["text\\n", "First; second.\\n"]) is None
    True
    """
    header = next(_records(lines, 1, ","), None)
    if header is None or isinstance(header[2], csv.Error) or len(header[2]) != 1:
        return None
    best: tuple[tuple[int, int], str] | None = None
    for candidate in OTHER_DELIMITERS:
        sample = [
            record
            for _, _, record in itertools.islice(_records(lines, 1, candidate), _DELIMITER_PROBE_ROWS + 1)
        ]
        if isinstance(sample[0], csv.Error) or len(sample[0]) < 2:
            continue
        width = len(sample[0])
        rows = [r for r in sample[1:] if isinstance(r, csv.Error) or any(cell.strip() for cell in r)]
        agreeing = sum(isinstance(r, list) and len(r) == width for r in rows)
        if 2 * (agreeing + 1) < len(rows) + 1:  # the header votes too: one data row alone cannot veto it
            continue
        if best is None or (agreeing, width) > best[0]:
            best = ((agreeing, width), candidate)
    return best[1] if best else None


def read_tsv(text: str, source: str, encoding: str, **options: Any) -> tuple[list[Article], list[Skipped]]:
    return read_delimited(text, source, encoding, **{**options, "delimiter": "\t"})
