"""``.json`` documents and compressed inputs (pipeline.ingest.jsondoc, pipeline.ingest.decoding): every
layout scrapers, news APIs and pandas write, each article named by its line or path, every fault
reported and the good articles kept."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
from pathlib import Path

import pytest

from pipeline.ingest import ingest

STORIES = [
    {"title": "Quellby wins", "text": "Orla Quist led Quellby to a win in Varnholt.", "date": "2024-03-02"},
    {"title": "Varn talks", "text": "Talks between Velmora and Ostria ended in Oskburg."},
]


def _read(path: Path) -> list[tuple[str, str, str]]:
    corpus = ingest([path])
    assert corpus.skipped == ()
    return [(a.source.rpartition("/")[2], a.title, a.body) for a in corpus.articles]


@pytest.mark.parametrize(
    ("document", "names"),
    [
        (STORIES, ["feed.json:2", "feed.json:3"]),  # an array, one item per line: named by the line
        ({"status": "ok", "articles": STORIES}, ["feed.json:articles[0]", "feed.json:articles[1]"]),
        (
            {"response": {"total": 2, "results": STORIES}},
            ["feed.json:response.results[0]", "feed.json:response.results[1]"],
        ),
        # pandas: orient="columns" (its default), "index" and "split"
        (
            {
                "title": {"0": "Quellby wins", "1": "Varn talks"},
                "text": {"0": STORIES[0]["text"], "1": STORIES[1]["text"]},
            },
            ["feed.json:row 0", "feed.json:row 1"],
        ),
        (
            {
                "a": {"title": "Quellby wins", "text": STORIES[0]["text"]},
                "b": {"title": "Varn talks", "text": STORIES[1]["text"]},
            },
            ["feed.json:row a", "feed.json:row b"],
        ),
        (
            {
                "columns": ["title", "text"],
                "index": [0, 1],
                "data": [["Quellby wins", STORIES[0]["text"]], ["Varn talks", STORIES[1]["text"]]],
            },
            ["feed.json:data[0]", "feed.json:data[1]"],
        ),
    ],
)
def test_every_layout_gives_the_same_articles(write, document: object, names: list[str]) -> None:
    text = (
        json.dumps(document)
        if not isinstance(document, list)
        else "[\n" + ",\n".join(map(json.dumps, document)) + "\n]"
    )
    found = _read(write("feed.json", text))
    assert found == [(name, s["title"], s["text"]) for name, s in zip(names, STORIES, strict=True)]


def test_one_article_and_json_lines_under_a_json_name(write) -> None:
    assert _read(write("one.json", json.dumps(STORIES[0]))) == [
        ("one.json", "Quellby wins", STORIES[0]["text"])
    ]
    lines = "\n".join(map(json.dumps, STORIES)) + "\n"
    assert [name for name, _, _ in _read(write("lines.json", lines))] == ["lines.json:1", "lines.json:2"]


def test_a_malformed_array_keeps_the_items_before_the_fault(write) -> None:
    path = write(
        "cut.json",
        '[\n{"text": "Orla Quist spoke in Varnholt."},\n{"text": "Tam Brevik spoke"\n,\n{"text": "x"}]',
    )
    corpus = ingest([path])
    assert [a.body for a in corpus.articles] == ["Orla Quist spoke in Varnholt."]
    [fault] = corpus.skipped
    assert fault.source == f"{path}:3"
    assert (
        "malformed JSON" in fault.reason
        and "line 5 column 1" in fault.reason
        and "rest of the array" in fault.reason
    )
    # an item without text is skipped by name, the others kept
    path = write("mixed.json", json.dumps([{"title": "no text"}, STORIES[1], 7]))
    corpus = ingest([path])
    assert [a.title for a in corpus.articles] == ["Varn talks"]
    assert [(s.source, s.reason.split(" (")[0]) for s in corpus.skipped] == [
        (  # items written on one line are named by their place in the array
            f"{path}:[0]",
            "no text field among text, body, content, article, maintext, full_text, story, article_text, article_body, body_text, html, raw_html, html_content, page_html",
        ),
        (f"{path}:[2]", "expected a JSON object, got int"),
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            '{"status": "ok", "count": 3}',
            "no list of articles and no text field in this JSON object (keys seen: status, count)",
        ),
        ("42", "expected a JSON array or object of articles, got int"),
        ('{"text": "Orla', "malformed JSON (Unterminated string starting at line 1 column 10)"),
    ],
)
def test_a_json_file_without_articles_is_skipped_with_its_reason(write, content: str, reason: str) -> None:
    path = write("odd.json", content)
    corpus = ingest([path, write("good.jsonl", json.dumps(STORIES[0]))])
    assert [a.title for a in corpus.articles] == ["Quellby wins"]
    assert [(s.source, s.reason) for s in corpus.skipped] == [(str(path), reason)]


@pytest.mark.parametrize(
    ("name", "pack"),
    [("feed.jsonl.gz", gzip.compress), ("feed.jsonl.bz2", bz2.compress), ("feed.jsonl.xz", lzma.compress)],
)
def test_compressed_files_are_read_by_the_extension_before(write, name: str, pack) -> None:
    data = ("\n".join(map(json.dumps, STORIES)) + "\n").encode("utf-8")
    assert _read(write(name, pack(data))) == [
        (f"{name}:1", "Quellby wins", STORIES[0]["text"]),
        (f"{name}:2", "Varn talks", STORIES[1]["text"]),
    ]


def test_a_damaged_or_oversized_compressed_file_is_skipped(write, tmp_path: Path) -> None:
    damaged = write("cut.csv.gz", gzip.compress(b"title,text\nA,Orla Quist spoke.\n")[:-12])
    bomb = write("big.txt.gz", gzip.compress(b"Orla Quist spoke. " * 200_000))
    write("notes.gz", gzip.compress(b"no format before the .gz"))
    good = write("good.txt.gz", gzip.compress(b"Quellby wins\n\nOrla Quist led Quellby to a win.\n"))
    corpus = ingest([tmp_path], max_file_bytes=1_000_000)
    assert [a.source for a in corpus.articles] == [str(good)]
    reasons = {s.source: s.reason for s in corpus.skipped}
    assert reasons[str(damaged)].startswith("cannot unpack the .gz file")
    assert reasons[str(bomb)].startswith("file too large unpacked (over 1 MB")
    assert corpus.ignored == (str(tmp_path / "notes.gz"),)


def test_the_usual_field_names_of_news_apis_and_search_indexes(write) -> None:
    news_api = {
        "status": "ok",
        "articles": [
            {
                "source": {"id": None, "name": "Quellby Post"},
                "title": "Quellby wins",
                "publishedAt": "2024-03-02T08:00:00Z",
                "url": "https://quellby.example/a",
                "content": STORIES[0]["text"],
            }
        ],
    }
    nested = {
        "response": {
            "results": [
                {
                    "webTitle": "Varn talks",
                    "webPublicationDate": "2024-03-03T10:00:00Z",
                    "webUrl": "https://varn.example/b",
                    "fields": {"bodyText": STORIES[1]["text"]},
                }
            ]
        }
    }
    index = {
        "hits": {
            "hits": [
                {"_id": "7", "_source": {"headline": "Oskburg", "articleBody": "Hedda Lorn won in Oskburg."}}
            ]
        }
    }
    corpus = ingest(
        [
            write("a.json", json.dumps(news_api)),
            write("b.json", json.dumps(nested)),
            write("c.json", json.dumps(index)),
        ]
    )
    assert corpus.skipped == ()
    assert [(a.title, a.date, a.url, a.body) for a in corpus.articles] == [
        ("Quellby wins", "2024-03-02T08:00:00Z", "https://quellby.example/a", STORIES[0]["text"]),
        ("Varn talks", "2024-03-03T10:00:00Z", "https://varn.example/b", STORIES[1]["text"]),
        ("Oskburg", "", "", "Hedda Lorn won in Oskburg."),
    ]
    assert [a.iso_date for a in corpus.articles] == ["2024-03-02", "2024-03-03", ""]
    assert dict(corpus.articles[2].metadata) == {"_id": "7"}


def test_a_csv_column_named_in_another_style(write) -> None:
    path = write(
        "export.csv", 'Headline,Article Body,Publication Date\nQuellby wins,"Orla Quist won.",2024-03-02\n'
    )
    [story] = ingest([path]).articles
    assert (story.title, story.body, story.iso_date) == ("Quellby wins", "Orla Quist won.", "2024-03-02")


def test_arrays_one_after_another_are_all_read_and_trailing_text_reported(write) -> None:
    appended = json.dumps(STORIES[:1]) + "\n" + json.dumps(STORIES[1:]) + "\n"
    assert [title for _, title, _ in _read(write("twice.json", appended))] == ["Quellby wins", "Varn talks"]
    path = write("tail.json", json.dumps(STORIES[:1]) + "\nthe end\n")
    corpus = ingest([path])
    assert [a.title for a in corpus.articles] == ["Quellby wins"]
    assert [(s.source, s.reason) for s in corpus.skipped] == [
        (f"{path}:2", "text after the JSON array is not read")
    ]
    path = write("open.json", '[{"text": "Orla Quist spoke."},\n')
    corpus = ingest([path])
    assert [a.body for a in corpus.articles] == ["Orla Quist spoke."]
    assert [s.reason for s in corpus.skipped] == [
        "malformed JSON (the array is never closed); the items before the end are read"
    ]
