"""CSV cells: how values are written and read back, and the guard against spreadsheet formulas.

Every CSV file of a run goes through :func:`write_csv` and :func:`read_csv`: text cells read back exactly
as written (the guard's apostrophe removed), whole numbers without a decimal point, other floats to six
significant digits.
"""

from __future__ import annotations

import contextlib
import contextvars
import csv
import io
import math
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path

from pipeline.io.files import write_text

# --- spreadsheet formula injection ------------------------------------------------------------------
# A text cell that starts with = + - @ (or tab / carriage return) runs as a formula when an analyst opens
# the CSV in Excel or LibreOffice, and article text is attacker-controlled. By default such cells get a
# leading apostrophe, which spreadsheets show as plain text; a cell that already starts with an apostrophe
# before one of those characters gets another, so reading back (read_csv) restores every value exactly.
# `--raw-csv` (Settings.safe_csv=False) writes the text untouched for programs that never open a
# spreadsheet.

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_RISKY_FIRST = frozenset("=+-@\t\r'")
_guard: contextvars.ContextVar[bool] = contextvars.ContextVar("csv_formula_guard", default=True)


@contextlib.contextmanager
def formula_guard(enabled: bool) -> Iterator[None]:
    """Write (and read) CSV text cells with or without the formula guard inside this block."""
    token = _guard.set(enabled)
    try:
        yield
    finally:
        _guard.reset(token)


def _needs_guard(text: str) -> bool:
    return text.startswith(_FORMULA_START) or (len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r'")


def _guarded(value: object) -> object:
    if isinstance(value, str) and _guard.get() and _needs_guard(value):
        return "'" + value
    return value


def _unguarded(value: str) -> str:
    if _guard.get() and len(value) > 1 and value[0] == "'" and _needs_guard(value[1:]):
        return value[1:]
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], *, exact: Collection[str] = ()) -> str:
    """The CSV text of ``rows`` under ``header``; the float cells of the ``exact`` columns are written in
    full (:func:`exact_text`), the others as :func:`cell_text` writes them."""
    if exact:
        positions = [i for i, name in enumerate(header) if name in exact]
        rows = (_exact_cells(row, positions) for row in rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    guard = _guard.get()
    # Header cells too: articles.csv names a column after every metadata field of the inputs.
    writer.writerow([_guarded(name) for name in header])
    # One call per cell at most, and none for text and whole numbers: this writes millions of cells on a
    # large corpus. An int needs no cell_text (the writer prints it as str() does); a bool is not one.
    writer.writerows(
        [
            ("'" + cell if guard and cell and cell[0] in _RISKY_FIRST and _needs_guard(cell) else cell)
            if type(cell) is str
            else cell
            if type(cell) is int
            else ("" if cell is None else cell_text(cell))
            for cell in row
        ]
        for row in rows
    )
    return buffer.getvalue()


def write_csv(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[object]], *, exact: Collection[str] = ()
) -> None:
    write_text(path, csv_text(header, rows, exact=exact))


class _Written(str):
    """A cell's final text: a number written in full is no formula, so it is never guarded ("-1234.5")."""


def _exact_cells(row: Sequence[object], positions: Sequence[int]) -> list[object]:
    cells = list(row)
    for i in positions:
        if type(cells[i]) is float:
            cells[i] = _Written(exact_text(cells[i]))  # type: ignore[arg-type]
    return cells


def exact_text(value: float) -> str:
    """A float in full, as it reads back: whole numbers without ".0".

    >>> exact_text(1234567.89), exact_text(3000.0), exact_text(0.1), exact_text(float("inf"))
    ('1234567.89', '3000', '0.1', 'inf')
    """
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def cell_text(value: object) -> object:
    """How a number (or another non-text value) is written in a cell: whole floats without ".0", other
    floats to six significant digits, inf and nan as Python spells them, booleans as true/false."""
    if isinstance(value, float):
        if not math.isfinite(value):  # "inf", "-inf", "nan": what float() and pandas read back
            return repr(value)
        return f"{value:.6g}" if value != int(value) or abs(value) >= 1e15 else str(int(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


#: The line of each file that :func:`read_csv` last gave a row from: a reader that cannot use a row names it.
LAST_LINE: dict[Path, int] = {}


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        for row in rows:
            LAST_LINE[path] = rows.line_num
            yield {
                _unguarded(key) if key else key: _unguarded(value) if value else value
                for key, value in row.items()
            }
