"""Articles' dates at ingest: read once, kept as written, reported with file and line when unreadable;
--since/--until keep a period and account for every article they leave out."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.ingest import ingest
from pipeline.io import tables


def jsonl(write, name: str, dates: list[object], field: str = "date") -> Path:
    lines = [
        json.dumps({"title": f"T{i}", "text": f"Story number {i} of Quelmont.", field: d})
        for i, d in enumerate(dates)
    ]
    return write(name, "\n".join(lines) + "\n")


def test_dates_are_read_once_and_kept_as_written(write, tmp_path: Path) -> None:
    path = jsonl(
        write, "feed.jsonl", ["19 May 2025", "Tue, 20 May 2025 08:00:00 +0000", "May 21, 2025", "NA", ""]
    )
    corpus = ingest([path])
    assert [(a.date, a.iso_date) for a in corpus.articles] == [
        ("19 May 2025", "2025-05-19"),
        ("Tue, 20 May 2025 08:00:00 +0000", "2025-05-20"),
        ("May 21, 2025", "2025-05-21"),
        ("NA", ""),
        ("", ""),
    ]
    assert corpus.bad_dates == ()  # "NA" and empty are undated, not unreadable
    counts = corpus.counts()
    assert (counts["dated"], counts["undated"], counts["unreadable_dates"]) == (3, 2, 0)
    # articles.csv keeps the date as written and the day it names; both come back
    tables.write_articles(tmp_path / "articles.csv", corpus.articles)
    header = (tmp_path / "articles.csv").read_text(encoding="utf-8").split("\n")[0].split(",")
    assert header[header.index("date") + 1] == "iso_date"
    assert tables.read_articles(tmp_path / "articles.csv") == corpus.articles


def test_other_date_fields_and_numbers(write) -> None:
    lines = [
        json.dumps({"text": "One story of Quelmont.", "published_at": "2025-05-19T10:00Z"}),
        json.dumps({"text": "Two stories of Quelmont.", "seendate": "20250520T101500Z"}),
        json.dumps({"text": "Three stories of Quelmont.", "timestamp": 1747648800}),
    ]
    corpus = ingest([write("gdelt.jsonl", "\n".join(lines))])
    assert [a.iso_date for a in corpus.articles] == ["2025-05-19", "2025-05-20", "2025-05-19"]


def test_an_unreadable_date_is_reported_with_its_file_and_line_and_the_article_kept(write) -> None:
    path = jsonl(write, "feed.jsonl", ["2025-05-19", "next Tuesday", "03/04/2025"])
    corpus = ingest([path])
    assert len(corpus.articles) == 3  # no article is lost for its date
    assert [a.iso_date for a in corpus.articles] == ["2025-05-19", "", ""]
    assert [(n.source, n.date) for n in corpus.bad_dates] == [
        (f"{path}:2", "next Tuesday"),
        (f"{path}:3", "03/04/2025"),
    ]
    assert (
        corpus.bad_dates[0].reason == '"next Tuesday" is not a date kg can read; the article is kept, undated'
    )
    assert "could be 3 April 2025 or March 4, 2025" in corpus.bad_dates[1].reason
    assert corpus.counts()["unreadable_dates"] == 2


def test_a_placeholder_or_a_typod_year_leaves_the_article_undated_and_noted(write) -> None:
    path = jsonl(write, "feed.jsonl", ["2025-05-19", "9999-12-31", "0201-03-04", "1851-09-18"])
    corpus = ingest([path])
    assert [a.iso_date for a in corpus.articles] == ["2025-05-19", "", "", "1851-09-18"]
    assert [n.reason for n in corpus.bad_dates] == [
        f'"{date}" is outside the years news is dated (1600-2199); the article is kept, undated'
        for date in ("9999-12-31", "0201-03-04")
    ]


def test_a_pages_date_written_day_or_month_first_is_reported_not_guessed(write) -> None:
    story = (
        "<p>Police in Quellby arrested two men on Sunday after a shop on Varn Street was broken into.</p>" * 3
    )
    page = write(
        "raid.html",
        f"<html><head><title>Raid</title></head><body><p>Posted 3/9/2025</p>{story}</body></html>",
    )
    epoch = jsonl(write, "api.jsonl", ["1970-01-01T00:00:00Z"])
    corpus = ingest([page, epoch])
    assert [a.iso_date for a in corpus.articles] == ["", ""]
    assert sorted((n.date, n.reason.split(";")[0]) for n in corpus.bad_dates) == [
        ("1970-01-01T00:00:00Z", '"1970-01-01T00:00:00Z" is the Unix epoch, a placeholder for no date'),
        ("3/9/2025", '"3/9/2025" could be 3 September 2025 or March 9, 2025 (day or month first?)'),
    ]


def test_a_files_certain_dates_settle_the_order_of_its_ambiguous_ones(write) -> None:
    european = write(
        "eu.csv", "text,date\nFirst Quelmont story.,19/04/2025\nSecond Quelmont story.,03/04/2025\n"
    )
    american = write(
        "us.csv", "text,date\nThird Quelmont story.,04/19/2025\nFourth Quelmont story.,03/04/2025\n"
    )
    alone = write("alone.csv", "text,date\nFifth Quelmont story.,03/04/2025\n")
    corpus = ingest([european, american, alone])
    days = {a.source: a.iso_date for a in corpus.articles}
    assert days[f"{european}:3"] == "2025-04-03"
    assert days[f"{american}:3"] == "2025-03-04"
    # another file's habits are no evidence: reported, not guessed
    assert days[f"{alone}:2"] == ""
    assert [n.source for n in corpus.bad_dates] == [f"{alone}:2"]


def test_a_file_writing_both_orders_settles_nothing(write) -> None:
    mixed = write(
        "mixed.csv",
        "text,date\nA Quelmont story.,19/04/2025\nB Quelmont story.,04/19/2025\nC Quelmont story.,03/04/2025\n"
        "D Quelmont story.,2025-02-29\n",
    )
    corpus = ingest([mixed])
    assert [a.iso_date for a in corpus.articles] == ["2025-04-19", "2025-04-19", "", ""]
    ambiguous, no_day = corpus.bad_dates
    assert ambiguous.source == f"{mixed}:4"
    assert "this file writes dates both day first and month first" in ambiguous.reason
    # a date that is wrong whatever the order says nothing of the orders
    assert no_day.reason == '"2025-02-29" is no day of the calendar; the article is kept, undated'


def test_since_and_until_keep_the_period_and_list_what_they_leave_out(write) -> None:
    path = jsonl(
        write,
        "feed.jsonl",
        ["2025-05-11", "2025-05-12", "15 May 2025", "2025-05-18T23:59Z", "2025-05-19", "NA", "someday"],
    )
    corpus = ingest([path], since="2025-05-12", until="2025-05-18")
    # both bounds included
    assert [a.iso_date for a in corpus.articles] == ["2025-05-12", "2025-05-15", "2025-05-18"]
    assert [(n.source, n.reason) for n in corpus.left_out] == [
        (f"{path}:1", "before --since 2025-05-12"),
        (f"{path}:5", "after --until 2025-05-18"),
        (f"{path}:6", "undated, and --since/--until asks for dates"),
        (f"{path}:7", "its date cannot be read, and --since/--until asks for dates"),
    ]
    # every input is accounted for: kept or left out, and the unreadable date is also reported
    assert len(corpus.articles) + len(corpus.left_out) == 7
    assert [n.source for n in corpus.bad_dates] == [f"{path}:7"]
    assert corpus.counts()["left_out_of_period"] == 4


def test_one_bound_is_enough_and_no_bound_keeps_the_undated(write) -> None:
    path = jsonl(write, "feed.jsonl", ["2025-05-11", "2025-05-19", ""])
    assert [a.iso_date for a in ingest([path], since="2025-05-12").articles] == ["2025-05-19"]
    assert [a.iso_date for a in ingest([path], until="2025-05-12").articles] == ["2025-05-11"]
    everything = ingest([path])
    assert len(everything.articles) == 3 and everything.left_out == ()


def test_kg_ingest_reports_unreadable_dates_and_the_period(kg, write, tmp_path: Path) -> None:
    path = jsonl(write, "feed.jsonl", ["2025-05-11", "19 May 2025", "03/04/2025", "NA"])
    result = kg("ingest", path, "--out", tmp_path / "run", "--since", "May 12, 2025")
    assert result.code == 0, result.stderr
    assert f'unreadable date {path}:3: "03/04/2025" could be 3 April 2025 or March 4, 2025' in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Period --since 2025-05-12: 1 of 4 articles in it; left out 1 outside it and 2 undated "
        "(listed under 'left_out' in manifest.json)."
    )
    assert lines[1].startswith("Read 1 file(s): 1 articles, 1 kept")
    assert (
        lines[2]
        == "Dates: 1 of 1 articles dated (2025-05-19 to 2025-05-19); 0 undated. 1 date could not be read (listed above)."
    )
    manifest = json.loads((tmp_path / "run" / "manifest.json").read_text(encoding="utf-8"))
    assert [n["source"] for n in manifest["left_out"]] == [f"{path}:1", f"{path}:3", f"{path}:4"]
    assert [n["source"] for n in manifest["dates"]["unreadable"]] == [f"{path}:3"]
    assert manifest["settings"]["since"] == "2025-05-12" and manifest["settings"]["until"] is None


def test_a_bad_bound_is_a_usage_error(kg, write, tmp_path: Path) -> None:
    path = jsonl(write, "feed.jsonl", ["2025-05-11"])
    result = kg("ingest", path, "--out", tmp_path / "run", "--until", "03/04/2025")
    assert result.code == 2
    assert "--until: '03/04/2025' is not valid; expected a date such as 2025-05-19" in result.stderr
    assert not (tmp_path / "run").exists()


def test_wire_copy_without_a_date_takes_its_datelines(write) -> None:
    story = (
        "QUELLBY HOLD VARNHAM\n\nOrla Quist\n\nVARNHAM , Velmora 2019-06-14\n\nQuellby drew 1-1 on Friday .\n"
    )
    undated = write("wire.txt", story)
    dated = jsonl(write, "feed.jsonl", ["2019-06-20"])
    corpus = ingest([undated, dated])
    assert sorted((Path(a.source).name.partition(":")[0], a.date, a.iso_date) for a in corpus.articles) == [
        ("feed.jsonl", "2019-06-20", "2019-06-20"),  # the input's own date
        ("wire.txt", "2019-06-14", "2019-06-14"),
    ]
    # a dateline without a year names no day, and is no unreadable date either
    corpus = ingest([write("afp.txt", "TALKS END\n\nVARNTON, Dec 5 (Quellwire) - Talks ended.\n")])
    assert [(a.date, a.iso_date) for a in corpus.articles] == [("", "")]
    assert corpus.bad_dates == ()
