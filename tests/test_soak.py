"""The soak's accounting (bench/soak.py): every input unit is found in the outputs, or reported as a gap."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import soak  # noqa: E402


def _outputs(out: Path, articles: list[tuple[str, str]], manifest: dict) -> Path:
    out.mkdir()
    with (out / "articles.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["article_id", "source", "title", "duplicate_of", "body"])
        for index, (source, duplicate_of) in enumerate(articles):
            writer.writerow([f"id{index}", source, "", duplicate_of, "text"])
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return out


def test_every_unit_is_kept_duplicate_skipped_failed_or_ignored(write, tmp_path: Path) -> None:
    page = write("in/page.txt", "A\n\nText.")
    feed = write("in/feed.jsonl", '{"text": "one"}\n\n{"text": broken\n{"text": "three"}\n')
    table = write("in/table.csv", 'title,text\nA,"two\nlines"\n,\nB,second\n')
    semi = write("in/semi.csv", "title;text\nA;one\n")
    write("in/notes.pdf", "x")
    empty = write("in/empty.txt", "")
    copy = write("in/copy.txt", "A\n\nText.")
    out = _outputs(
        tmp_path / "out",
        [
            (str(page), ""),
            (f"{feed}:1", ""),
            (f"{feed}:4", ""),
            (f"{table}:2", ""),
            (f"{table}:5", ""),
            (f"{semi}:2", ""),
            (str(copy), "id0"),
        ],
        {
            "skipped": [
                {"source": f"{feed}:3", "reason": "malformed JSON"},
                {"source": str(empty), "reason": "empty"},
            ],
            "failed": [
                {"source": f"{table}:5", "stage": "extract", "error": {"type": "ValueError", "message": "x"}}
            ],
            "ignored": [str(tmp_path / "in" / "notes.pdf")],
            "delimiters": {str(semi): "semicolon"},
        },
    )
    accounting = soak.account([tmp_path / "in"], out)
    assert accounting.problems == []
    assert accounting.units == {
        str(copy): "duplicate",
        str(empty): "skipped",
        f"{feed}:1": "kept",
        f"{feed}:3": "skipped",
        f"{feed}:4": "kept",
        str(tmp_path / "in" / "notes.pdf"): "ignored",
        str(page): "kept",
        f"{semi}:2": "kept",
        f"{table}:2": "kept",  # a record over two lines is one unit, named by its first line
        f"{table}:5": "failed",  # the empty record on line 4 holds no text: not a unit
    }
    # all: units, kept, duplicate, skipped, failed, ignored, missing
    assert accounting.table().splitlines()[-1].split() == ["all", "10", "5", "1", "2", "1", "1", "0"]


def test_a_lost_row_and_an_incomplete_manifest_are_gaps(write, tmp_path: Path) -> None:
    table = write("in/table.csv", "title,text\nA,one\nB,two\n")
    out = _outputs(
        tmp_path / "out", [(f"{table}:2", "")], {"skipped": [{"source": "elsewhere", "reason": ""}]}
    )
    accounting = soak.account([tmp_path / "in"], out)
    assert accounting.units[f"{table}:3"] == "missing"
    assert accounting.problems == [
        "manifest.json has no 'failed' list",
        "skipped without a reason: elsewhere",
        f"not accounted for: {table}:3",
    ]


def test_files_that_must_stay_one_article(tmp_path: Path) -> None:
    out = _outputs(tmp_path / "out", [("a.txt", ""), ("b.txt:1", ""), ("b.txt:9", "")], {})
    assert soak.check_articles_per_file(out / "articles.csv", {"a.txt": 1, "b.txt": 1}) == [
        "b.txt: 2 article(s), expected 1"
    ]
