"""CSV cells and the spreadsheet-formula guard (pipeline.io.csvfile)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.io import csvfile


def test_csv_cells(tmp_path: Path) -> None:
    text = csvfile.csv_text(["a", "b", "c", "d"], [[1, 2.5, "x,y", None], [3.0, 0.125, 'say "hi"', True]])
    assert text == 'a,b,c,d\n1,2.5,"x,y",\n3,0.125,"say ""hi""",true\n'


def test_exact_columns_keep_every_digit_and_a_negative_number_is_no_formula(tmp_path: Path) -> None:
    rows = [[1234567.89, 1234567.89, "x"], [-12345.67, 0.123456789, "y"], [3000.0, 2.0, "z"]]
    text = csvfile.csv_text(["value", "score", "t"], rows, exact=("value",))
    assert text == "value,score,t\n1234567.89,1.23457e+06,x\n-12345.67,0.123457,y\n3000,2,z\n"
    path = tmp_path / "n.csv"
    csvfile.write_csv(path, ["value"], [[-12345.67]], exact=("value",))
    assert [float(row["value"]) for row in csvfile.read_csv(path)] == [-12345.67]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1e22, "1e+22"),  # a whole number beyond a thousand trillion: as the float says, no noise digits
        (1.2345678901234567e20, "1.2345678901234567e+20"),
        (999_999_999_999_999.0, "999999999999999"),
        (float("inf"), "inf"),
        (float("nan"), "nan"),
    ],
)
def test_an_exact_cell_of_a_large_or_no_number_is_written_as_the_float_reads(value: float, text: str) -> None:
    assert csvfile.csv_text(["value"], [[value]], exact=("value",)) == f"value\n{text}\n"


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://x")', "+1", "-2 dead", "@cmd", "\tx", "'=x", "''", "'", "plain", "'plain", "=", ""],
)
def test_formula_guard_round_trips(tmp_path: Path, value: str) -> None:
    path = tmp_path / "t.csv"
    csvfile.write_csv(path, ["text", "n"], [[value, -3]])
    cell = path.read_text(encoding="utf-8").splitlines()[1]
    risky = value[:1] in {"=", "+", "-", "@", "\t"} or value.startswith(("'=", "''"))
    # a spreadsheet shows a risky cell as text, never runs it; anything else is written as it is
    assert _written_cells(path) == [["'" + value if risky else value, "-3"]]
    assert cell.endswith(",-3")  # numbers are numbers, not text
    assert [row["text"] for row in csvfile.read_csv(path)] == [value]
    with csvfile.formula_guard(False):
        csvfile.write_csv(path, ["text"], [[value]])
        assert [row["text"] for row in csvfile.read_csv(path)] == [value]
    # --raw-csv is for programs that never open a spreadsheet: they must get the text untouched
    assert _written_cells(path) == [[value]]


def _written_cells(path: Path) -> list[list[str]]:
    """The data rows as any CSV reader sees them, without the guard's own unquoting."""
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.reader(file))[1:]
