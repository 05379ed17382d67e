"""CSV damage stays with the rows it touches: every row is kept or skipped with its line and a reason."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from pipeline.ingest import ingest

# --- which delimiter ---------------------------------------------------------------------------------


def test_one_irregular_row_among_the_first_does_not_lose_a_semicolon_file(write) -> None:
    rows = ["title;text;date"] + [
        f"Quellby {n};Orla Varnholm crossed to Tarnwick on day {n}.;2031-02-0{n}" for n in range(1, 8)
    ]
    rows[3] += ";extra"
    path = write("semi.csv", "\n".join(rows) + "\n")
    corpus = ingest([path])
    assert corpus.delimiters == ((str(path), "semicolon"),)
    assert [a.source for a in corpus.articles] == [f"{path}:{line}" for line in (2, 3, 5, 6, 7, 8)]
    assert [(s.source, s.reason) for s in corpus.skipped] == [(f"{path}:4", "row has 4 cells, header has 3")]


def test_the_only_row_being_bad_does_not_veto_the_header(write) -> None:
    path = write("lone.csv", "title;text\nQuellby;Orla;Varnholm\n")
    corpus = ingest([path])
    assert corpus.delimiters == ((str(path), "semicolon"),)
    assert [(s.source, s.reason) for s in corpus.skipped] == [(f"{path}:2", "row has 3 cells, header has 2")]


def test_rows_that_mostly_disagree_keep_commas(write) -> None:
    # one column named "text;aside"? Odd, but the rows do not bear out semicolons: commas stay
    path = write("prose.csv", "text;aside\nOrla; Varnholm; spoke\nEde; Solm; left\nIlse; Marrow; came\n")
    corpus = ingest([path], text_column="text;aside")
    assert corpus.delimiters == ()
    assert [a.body for a in corpus.articles] == [
        "Orla; Varnholm; spoke",
        "Ede; Solm; left",
        "Ilse; Marrow; came",
    ]


def test_of_two_delimiters_the_one_more_rows_agree_with_wins(write) -> None:
    # a pipe file whose last column name holds a semicolon: one row of two agrees with semicolons, both
    # with pipes
    path = write(
        "pipe.csv",
        "title|text|source; section\nQuellby|Orla Quist spoke; Ede left.|Courier\nVarn|Ede Solm left.|Courier\n",
    )
    corpus = ingest([path], language=None)
    assert corpus.delimiters == ((str(path), "pipe"),)
    assert [(a.source, a.title, a.body) for a in corpus.articles] == [
        (f"{path}:2", "Quellby", "Orla Quist spoke; Ede left."),
        (f"{path}:3", "Varn", "Ede Solm left."),
    ]


def test_a_row_of_empty_cells_is_passed_over_without_a_word(write) -> None:
    path = write("blank.csv", "title,text\nQuellby,Orla Quist spoke.\n,\n , \nVarn,Ede Solm left.\n")
    corpus = ingest([path], language=None)
    assert [a.source for a in corpus.articles] == [f"{path}:2", f"{path}:5"]
    assert corpus.skipped == ()


def test_an_excel_sep_line_names_the_delimiter_and_lines_stay_right(write) -> None:
    path = write("sep.csv", b"sep=;\r\ntitle;text\r\nQuellby;Orla Varnholm visited Tarnwick, on Monday.\r\n")
    corpus = ingest([path])
    assert [(a.source, a.title, a.body) for a in corpus.articles] == [
        (f"{path}:3", "Quellby", "Orla Varnholm visited Tarnwick, on Monday.")
    ]
    assert not corpus.skipped and corpus.delimiters == ((str(path), "semicolon"),)


def test_a_sep_line_naming_the_format_s_own_delimiter_is_no_news(write) -> None:
    path = write("sep.tsv", "sep=\t\ntitle\ttext\nBrisk\tEde Solm left Brisk.\n")
    corpus = ingest([path])
    assert [(a.source, a.body) for a in corpus.articles] == [(f"{path}:3", "Ede Solm left Brisk.")]
    assert corpus.delimiters == ()


def test_a_file_of_a_sep_line_alone_is_skipped_saying_so(write) -> None:
    path = write("bare.csv", "sep=;\n")
    [skipped] = ingest([path]).skipped
    assert (skipped.source, skipped.reason) == (str(path), "no CSV header row (nothing after its sep= line)")


# --- unclosed quotes ---------------------------------------------------------------------------------

UNCLOSED = (
    "id,title,text\n"
    '1,Quellby,"Unclosed: Orla Varnholm opened the Quellby ferry.\n'
    '2,Tarnwick,"Ede Solm spoke in Tarnwick, on Tuesday."\n'
    "3,Brisk,Ilse Marrow was in Brisk.\n"
)


def test_an_unclosed_quote_costs_its_own_row_only(write) -> None:
    path = write("quote.csv", UNCLOSED)
    corpus = ingest([path])
    assert [(a.source, a.title, a.body) for a in corpus.articles] == [
        (f"{path}:3", "Tarnwick", "Ede Solm spoke in Tarnwick, on Tuesday."),
        (f"{path}:4", "Brisk", "Ilse Marrow was in Brisk."),
    ]
    [skipped] = corpus.skipped
    assert skipped.source == f"{path}:2"
    assert skipped.reason.startswith("unclosed quote") and "over line 3," in skipped.reason


def test_an_unclosed_quote_in_a_crlf_file_too(write) -> None:
    path = write("quote.csv", UNCLOSED.replace("\n", "\r\n").encode("utf-8"))
    corpus = ingest([path])
    assert [a.title for a in corpus.articles] == ["Tarnwick", "Brisk"]
    assert [s.source for s in corpus.skipped] == [f"{path}:2"]


def test_the_row_after_an_unclosed_quote_keeps_its_own_line_breaks(write) -> None:
    path = write(
        "quote.csv",
        'id,title,text\n1,Quellby,"Unclosed\n2,Tarnwick,"Ede Solm spoke.\n\nThen, he left."\n3,Brisk,Ilse.\n',
    )
    corpus = ingest([path])
    assert [(a.source, a.body) for a in corpus.articles] == [
        (f"{path}:3", "Ede Solm spoke.\n\nThen, he left."),
        (f"{path}:6", "Ilse."),
    ]
    assert [s.source for s in corpus.skipped] == [f"{path}:2"]


def test_an_unclosed_quote_over_a_bad_row_reports_both(write) -> None:
    path = write("quote.csv", 'id,title,text\n1,Quellby,"Open\n2,Tarnwick,Ede,Solm\n3,Brisk,"Ilse."\n')
    corpus = ingest([path])
    assert [(a.source, a.title) for a in corpus.articles] == [(f"{path}:4", "Brisk")]
    assert [(s.source, s.reason.split(":")[0]) for s in corpus.skipped] == [
        (f"{path}:2", "unclosed quote"),
        (f"{path}:3", "row has 4 cells, header has 3"),
    ]


def test_line_breaks_in_a_well_quoted_field_are_text_even_when_they_look_like_rows(write) -> None:
    path = write(
        "notes.csv", 'id,title,text\n1,Quellby,"Orla Varnholm wrote:\n2,Tarnwick,a line like a row"\n'
    )
    [article] = ingest([path]).articles
    assert article.body == "Orla Varnholm wrote:\n\n2,Tarnwick,a line like a row"
    assert "ingest_note" not in dict(article.metadata)


def test_a_stray_quote_in_text_with_line_breaks_keeps_the_row_with_a_note(write) -> None:
    # prose, not rows, ran on: nothing to read again, so the row stays whole and says where to look
    path = write(
        "stray.csv", 'title,text\nQuellby,"Orla Varnholm, first.\nThen Ede Solm, second." (AP)\nBrisk,Next.\n'
    )
    corpus = ingest([path])
    assert [a.title for a in corpus.articles] == ["Quellby", "Brisk"] and not corpus.skipped
    note = dict(corpus.articles[0].metadata)["ingest_note"]
    assert "lines 2–3" in note and "quote may be unclosed" in note


def test_a_file_ending_inside_a_quote_keeps_the_row_with_a_note(write) -> None:
    path = write("end.csv", 'title,text\nQuellby,Orla Varnholm spoke.\nBrisk,"Ede Solm never closed this\n')
    corpus = ingest([path])
    assert [a.body for a in corpus.articles] == ["Orla Varnholm spoke.", "Ede Solm never closed this"]
    assert "closing quote is missing" in dict(corpus.articles[1].metadata)["ingest_note"]


# --- rows of the wrong width ---------------------------------------------------------------------------


def test_a_row_missing_trailing_cells_is_kept_with_a_note(write) -> None:
    path = write(
        "short.csv",
        "title,text,date\nQuellby,Orla Varnholm spoke.\nTarnwick,Ede Solm left.,2031-02-03\n"
        "Brisk\nMarrow,Ilse Marrow came.,2031-02-04,extra\n",
    )
    corpus = ingest([path])
    assert [(a.source, a.title, a.date) for a in corpus.articles] == [
        (f"{path}:2", "Quellby", ""),
        (f"{path}:3", "Tarnwick", "2031-02-03"),
    ]
    assert dict(corpus.articles[0].metadata) == {
        "ingest_note": "row has 2 cells, header has 3: date left empty"
    }
    assert corpus.articles[1].metadata == ()
    assert [(s.source, s.reason) for s in corpus.skipped] == [
        (f"{path}:4", "row has 1 cells, header has 3 (no 'text' cell)"),
        (f"{path}:5", "row has 4 cells, header has 3"),
    ]


def test_the_note_never_overwrites_a_column_of_that_name(write) -> None:
    path = write("own.csv", "title,text,ingest_note,date\nQuellby,Orla Varnholm spoke.,checked\n")
    [article] = ingest([path]).articles
    # the input's column is its data, kept beside the note kg writes (which the run counts)
    assert dict(article.metadata) == {
        "ingest_note": "row has 3 cells, header has 4: date left empty",
        "ingest_note_2": "checked",
    }


def test_every_row_is_accounted_for_in_the_run_s_files(kg, write, tmp_path: Path) -> None:
    write("in/quote.csv", UNCLOSED.replace("3,Brisk,Ilse Marrow was in Brisk.", "3,Brisk"))
    result = kg("ingest", tmp_path / "in", "--out", tmp_path / "out")
    assert result.code == 0
    source = str(tmp_path / "in" / "quote.csv")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert [item["source"] for item in manifest["skipped"]] == [f"{source}:2", f"{source}:4"]
    with (tmp_path / "out" / "articles.csv").open(encoding="utf-8", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert (row["source"], row["title"]) == (f"{source}:3", "Tarnwick")
