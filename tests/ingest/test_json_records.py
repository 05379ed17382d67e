"""Reading one JSON record (pipeline.ingest.jsonl, pipeline.ingest.jsondoc): every item of a list is
accounted for, the text is found where exports put it (one object down, past an empty field), and a
stray tab or a malformed line is told plainly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.ingest import ingest

QUELLBY = {"title": "Quellby wins", "content": "Orla Varnholm led Quellby to a win in Varnholt."}
OSKBURG = {"title": "Oskburg talks", "content": "Tam Brevik spoke in Oskburg on Tuesday."}


def _found(path: Path, **options: object) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """(name, title, body) of each article and (name, reason) of each skipped unit, names without the
    folder."""
    corpus = ingest([path], **options)
    return (
        [(a.source.rpartition("/")[2], a.title, a.body) for a in corpus.articles],
        [(s.source.rpartition("/")[2], s.reason) for s in corpus.skipped],
    )


# --- an item that is no object does not hide the others ---------------------------------------------


@pytest.mark.parametrize(
    ("document", "kept", "skipped"),
    [
        (
            {"status": "ok", "articles": [QUELLBY, None, OSKBURG]},
            ["api.json:articles[0]", "api.json:articles[2]"],
            [("api.json:articles[1]", "expected a JSON object, got null")],
        ),
        (
            {"response": {"results": [QUELLBY, "ad-slot", OSKBURG]}},
            ["api.json:response.results[0]", "api.json:response.results[2]"],
            [("api.json:response.results[1]", "expected a JSON object, got str")],
        ),
    ],
)
def test_an_item_that_is_no_object_is_skipped_and_the_others_kept(
    write, document: object, kept: list[str], skipped: list[tuple[str, str]]
) -> None:
    articles, reasons = _found(write("api.json", json.dumps(document)))
    assert articles == [
        (kept[0], "Quellby wins", QUELLBY["content"]),
        (kept[1], "Oskburg talks", OSKBURG["content"]),
    ]
    assert reasons == skipped


def test_a_null_in_a_top_level_array_is_named_null(write) -> None:
    text = "[\n" + json.dumps(QUELLBY) + ",\nnull\n]"
    articles, reasons = _found(write("feed.json", text))
    assert [name for name, _, _ in articles] == ["feed.json:2"]
    assert reasons == [("feed.json:3", "expected a JSON object, got null")]


# --- text one object down -------------------------------------------------------------------------


def test_text_under_an_article_or_story_object_is_read_with_its_title_and_date(write) -> None:
    path = write(
        "nested.jsonl",
        "\n".join(
            [
                json.dumps({"id": 1, "article": {"title": "Quellby wins", "body": QUELLBY["content"]}}),
                json.dumps(
                    {
                        "id": 2,
                        "story": {
                            "headline": "Oskburg talks",
                            "text": OSKBURG["content"],
                            "date": "2024-03-02",
                        },
                    }
                ),
                # the object's own text field may be empty too: its next one is read
                json.dumps({"id": 3, "article": {"text": None, "body": "Hedda Lorn won in Quellby."}}),
            ]
        ),
    )
    corpus = ingest([path])
    assert corpus.skipped == ()
    assert [(a.title, a.body, a.iso_date, a.metadata) for a in corpus.articles] == [
        ("Quellby wins", QUELLBY["content"], "", (("id", "1"),)),
        ("Oskburg talks", OSKBURG["content"], "2024-03-02", (("id", "2"),)),
        ("", "Hedda Lorn won in Quellby.", "", (("id", "3"),)),
    ]


def test_a_named_text_field_is_found_one_object_down(write) -> None:
    path = write(
        "nested.jsonl", json.dumps({"id": 1, "article": {"title": "Quellby wins", "body": "Orla spoke."}})
    )
    assert _found(path, text_field="body") == ([("nested.jsonl:1", "Quellby wins", "Orla spoke.")], [])
    # naming the object reads its usual text field
    assert _found(path, text_field="article") == ([("nested.jsonl:1", "Quellby wins", "Orla spoke.")], [])
    # a name found nowhere is still reported with the fields seen
    [(name, reason)] = _found(path, text_field="summary")[1]
    assert name == "nested.jsonl:1" and reason.startswith(
        "no text field 'summary' (fields seen: id, article)"
    )


def test_an_object_without_text_inside_is_still_reported_with_its_fields(write) -> None:
    path = write("odd.jsonl", json.dumps({"article": {"id": 7, "tags": ["quellby"]}}))
    [(name, reason)] = _found(path)[1]
    assert name == "odd.jsonl:1"
    assert reason.startswith("field 'article' holds an object (fields inside it: id, tags), not text")


def test_one_json_object_whose_text_sits_one_object_down(write) -> None:
    single = {"status": "ok", "article": {"title": "Quellby wins", "body": QUELLBY["content"]}}
    assert _found(write("one.json", json.dumps(single))) == (
        [("one.json", "Quellby wins", QUELLBY["content"])],
        [],
    )
    indexed = {"_id": "k7", "_source": {"headline": "Oskburg talks", "articleBody": OSKBURG["content"]}}
    assert _found(write("hit.json", json.dumps(indexed))) == (
        [("hit.json", "Oskburg talks", OSKBURG["content"])],
        [],
    )


# --- an empty text field does not hide a filled one -----------------------------------------------


def test_an_empty_or_null_text_gives_way_to_the_next_text_field(write) -> None:
    path = write(
        "blank.jsonl",
        "\n".join(
            [
                json.dumps({"title": "Quellby wins", "text": None, "content": QUELLBY["content"]}),
                json.dumps({"title": "Oskburg talks", "text": "  ", "body": OSKBURG["content"]}),
                json.dumps({"title": "Nothing", "text": "", "body": None}),
            ]
        ),
    )
    articles, reasons = _found(path)
    assert articles == [
        ("blank.jsonl:1", "Quellby wins", QUELLBY["content"]),
        ("blank.jsonl:2", "Oskburg talks", OSKBURG["content"]),
    ]
    assert reasons == [("blank.jsonl:3", "empty text in field 'text'")]
    # a field the user named is read as named, even when empty
    articles, reasons = _found(path, text_field="text")
    assert articles == []
    assert [reason for _, reason in reasons] == ["empty text in field 'text'"] * 3


def test_an_empty_text_in_one_json_object_gives_way_too(write) -> None:
    document = {"title": "Quellby wins", "text": None, "content": QUELLBY["content"]}
    assert _found(write("one.json", json.dumps(document))) == (
        [("one.json", "Quellby wins", QUELLBY["content"])],
        [],
    )
    # an empty text beside a list of articles: the articles are read
    api = {"status": "ok", "text": "", "articles": [OSKBURG]}
    assert _found(write("api.json", json.dumps(api)))[0] == [
        ("api.json:articles[0]", "Oskburg talks", OSKBURG["content"])
    ]
    # and alone, it is reported as before
    assert _found(write("empty.json", json.dumps({"title": "Nothing", "text": None})))[1] == [
        ("empty.json", "empty text in field 'text'")
    ]


def test_a_text_of_invisible_or_control_characters_is_skipped_as_empty(write) -> None:
    # such records were kept with an empty body (0 words), or counted as each other's duplicates
    records = [
        {"title": "Zero width", "text": "\u200b\u200b\u00ad"},
        {"title": "Controls", "text": "\u001b\u0007\u0000"},
        {"title": "Joiners and tags", "text": "\u200c\u200d\ufe0f\U000e0041\u034f"},
        {"title": "Fillers", "text": "\u3164\u115f\u2800"},
        {"title": "Only a credit", "text": "Photo: Orla Varnholm/Quellby Press"},
        QUELLBY,
    ]
    path = write("odd.jsonl", "\n".join(json.dumps(r) for r in records))
    kept, skipped = _found(path)
    assert [title for _, title, _ in kept] == ["Quellby wins"]
    assert skipped == [(f"odd.jsonl:{line}", EMPTY) for line in (1, 2, 3, 4, 5)]


EMPTY = "empty text (nothing but invisible or control characters, or captions)"


# --- raw control characters and the decoder's messages --------------------------------------------


def test_a_raw_tab_inside_a_string_is_read(write) -> None:
    line = '{"title": "Quellby\twins", "text": "Orla Varnholm\tspoke in Quellby."}'
    assert _found(write("tab.jsonl", line + "\n")) == (
        [("tab.jsonl:1", "Quellby wins", "Orla Varnholm spoke in Quellby.")],
        [],
    )
    assert _found(write("tab.json", "[\n" + line + "\n]"))[0] == [
        ("tab.json:2", "Quellby wins", "Orla Varnholm spoke in Quellby.")
    ]


@pytest.mark.parametrize(
    ("name", "content", "where", "reason"),
    [
        (
            "cut.jsonl",
            '{"title": "Quellby", "text": "Orla\n',
            "cut.jsonl:1",
            "malformed JSON (Unterminated string starting at column 30)",
        ),
        (
            "cut.json",
            '[\n{"text": "Orla Varnholm spoke."},\n{"text": "Tam\n',
            "cut.json:3",
            "malformed JSON (Unterminated string starting at line 3 column 10); the rest of the array is not read",
        ),
    ],
)
def test_a_malformed_string_says_where_it_starts_once(
    write, name: str, content: str, where: str, reason: str
) -> None:
    _, reasons = _found(write(name, content))
    assert reasons == [(where, reason)]
    assert "at at" not in reason


# --- every list of articles in an object is read --------------------------------------------------

HEDDA = {"title": "Hedda Lorn returns", "text": "Hedda Lorn came back to Oskburg."}


@pytest.mark.parametrize(
    ("document", "names"),
    [
        (
            {"articles": [QUELLBY, OSKBURG], "results": [HEDDA]},
            ["feed.json:articles[0]", "feed.json:articles[1]", "feed.json:results[0]"],
        ),
        # in the order the file holds them, not the order of the usual names
        (
            {"results": [QUELLBY], "status": "ok", "articles": [OSKBURG, HEDDA]},
            ["feed.json:results[0]", "feed.json:articles[0]", "feed.json:articles[1]"],
        ),
        # one object down, under a name that is no usual one
        (
            {"data": {"items": [QUELLBY, OSKBURG]}, "extra": {"stories": [HEDDA]}},
            ["feed.json:data.items[0]", "feed.json:data.items[1]", "feed.json:extra.stories[0]"],
        ),
    ],
)
def test_every_list_of_articles_in_an_object_is_read(write, document: object, names: list[str]) -> None:
    articles, reasons = _found(write("feed.json", json.dumps(document)))
    assert [(name, title) for name, title, _ in articles] == list(
        zip(names, ["Quellby wins", "Oskburg talks", "Hedda Lorn returns"], strict=True)
    )
    assert reasons == []


def test_a_second_list_holding_no_article_is_skipped_item_by_item(write) -> None:
    document = {"articles": [QUELLBY], "results": [{"id": 7}, None]}
    articles, reasons = _found(write("feed.json", json.dumps(document)))
    assert [name for name, _, _ in articles] == ["feed.json:articles[0]"]
    assert [(name, reason.split(" (")[0]) for name, reason in reasons] == [
        (
            "feed.json:results[0]",
            "no text field among text, body, content, article, maintext, full_text, story, article_text, article_body, body_text, html, raw_html, html_content, page_html",
        ),
        ("feed.json:results[1]", "expected a JSON object, got null"),
    ]


def test_the_lists_inside_an_article_are_its_own(write) -> None:
    # pandas' orient="index": each row is an article; its "items" (a gallery) are not articles
    rows = {
        "a": {"title": "Quellby wins", "text": QUELLBY["content"], "items": [{"caption": "Orla Varnholm"}]},
        "b": {"title": "Oskburg talks", "text": OSKBURG["content"], "items": []},
    }
    articles, reasons = _found(write("frame.json", json.dumps(rows)))
    assert [(name, title) for name, title, _ in articles] == [
        ("frame.json:row a", "Quellby wins"),
        ("frame.json:row b", "Oskburg talks"),
    ]
    assert reasons == []


# --- the items of an array written on one line are named by their place ---------------------------


def test_items_of_a_one_line_array_are_named_by_their_place(write) -> None:
    articles, reasons = _found(write("nulls.json", json.dumps([QUELLBY, None, OSKBURG])))
    assert [(name, title) for name, title, _ in articles] == [
        ("nulls.json:[0]", "Quellby wins"),
        ("nulls.json:[2]", "Oskburg talks"),
    ]
    assert reasons == [("nulls.json:[1]", "expected a JSON object, got null")]
    # one item on the line names it well enough: its line, as before
    assert _found(write("one.json", json.dumps([QUELLBY])))[0][0][0] == "one.json:1"


def test_one_line_holding_two_items_names_every_item_of_its_array_by_place(write) -> None:
    text = "[\n" + json.dumps(QUELLBY) + ",\n" + json.dumps(OSKBURG) + ", " + json.dumps(HEDDA) + "\n]"
    articles, _ = _found(write("feed.json", text))
    assert [name for name, _, _ in articles] == ["feed.json:[0]", "feed.json:[1]", "feed.json:[2]"]


def test_a_fault_in_a_one_line_array_is_named_by_its_place(write) -> None:
    text = json.dumps([QUELLBY, OSKBURG])[:-30]  # cut inside the second item
    articles, reasons = _found(write("cut.json", text))
    assert [name for name, _, _ in articles] == ["cut.json:[0]"]
    [(name, reason)] = reasons
    assert name == "cut.json:[1]" and reason.endswith("; the rest of the array is not read")


def test_one_line_arrays_one_after_another_name_their_items_apart(write) -> None:
    appended = json.dumps([QUELLBY, OSKBURG]) + "\n" + json.dumps([HEDDA, None]) + "\n"
    articles, reasons = _found(write("twice.json", appended))
    assert [name for name, _, _ in articles] == ["twice.json:[0]", "twice.json:[1]", "twice.json:[1][0]"]
    assert reasons == [("twice.json:[1][1]", "expected a JSON object, got null")]
    # arrays written one item a line keep their lines
    indented = "[\n" + json.dumps(QUELLBY) + "\n]\n[\n" + json.dumps(OSKBURG) + "\n]\n"
    assert [name for name, _, _ in _found(write("lines.json", indented))[0]] == [
        "lines.json:2",
        "lines.json:5",
    ]


def test_a_record_glued_to_one_cut_short_is_read(write) -> None:
    cut = json.dumps(OSKBURG)[:40]  # the writer stopped mid-record; the next record follows on its line
    lines = [json.dumps(QUELLBY), cut + json.dumps(QUELLBY | {"title": "Quellby again"}), json.dumps(OSKBURG)]
    articles, skipped = _found(write("cut.jsonl", "\n".join(lines) + "\n"), language=None)
    assert [(name, title) for name, title, _ in articles] == [
        ("cut.jsonl:1", "Quellby wins"),
        ("cut.jsonl:2", "Quellby again"),
        ("cut.jsonl:3", "Oskburg talks"),
    ]
    [(name, reason)] = skipped
    assert name == "cut.jsonl:2" and reason.endswith(
        f"a record cut short, the one glued to it (column {len(cut) + 1}) read"
    )
