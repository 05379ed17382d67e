"""CSV cells and the spreadsheet-formula guard (pipeline.io.csvfile)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.io import csvfile


def test_csv_cells(tmp_path: Path) -> None:
    text = csvfile.csv_text(["a", "b", "c", "d"], [[1, 2.5, "x,y", None], [3.0, 0.125, 'say "hi"', True]])
    assert text == 'a,b,c,d\n1,2.5,"x,y",\n3,0.125,"say ""hi""",true\n'


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://x")', "+1", "-2 dead", "@cmd", "\tx", "'=x", "''", "'", "plain", "'plain", "=", ""],
)
def test_formula_guard_round_trips(tmp_path: Path, value: str) -> None:
    path = tmp_path / "t.csv"
    csvfile.write_csv(path, ["text", "n"], [[value, -3]])
    cell = path.read_text(encoding="utf-8").splitlines()[1]
    if value[:1] in {"=", "+", "-", "@", "\t"} or value.startswith(("'=", "''")):
        assert cell.lstrip('"').startswith("'")  # a spreadsheet shows it as text, never runs it
    assert cell.endswith(",-3")  # numbers are numbers, not text
    assert [row["text"] for row in csvfile.read_csv(path)] == [value]
    with csvfile.formula_guard(False):
        csvfile.write_csv(path, ["text"], [[value]])
        assert [row["text"] for row in csvfile.read_csv(path)] == [value]
