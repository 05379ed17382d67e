"""Where the text of a JSON record or CSV row is, in the shapes analysts export: jq's values one after
another, WordPress's ``content.rendered``, the fullest of several text fields, a text split over fields
or given as a list, HTML in a field, a news API's cut, a title given as an object, a CSV title line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.ingest import ingest

ORLA = "Orla Varnholm crossed the Quellby bridge on Tuesday. Tarn Ebbesen met her in Oskburg."
EDE = "Ede Solm left Tarnwick for Brisk Harbour. The Marrow council said nothing."
ILSE = "Ilse Marrow opened the Quellby mill. Workers from Oskburg came to see it."


def _read(path: Path, **options: object) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """(name, title, body) of each article and (name, reason) of each skipped unit, names without the
    folder."""
    corpus = ingest([path], language=None, **options)
    return (
        [(a.source.rpartition("/")[2], a.title, a.body) for a in corpus.articles],
        [(s.source.rpartition("/")[2], s.reason) for s in corpus.skipped],
    )


# --- jq's output: indented objects one after another --------------------------------------------------


@pytest.mark.parametrize("name", ["jq.json", "jq.jsonl"])
def test_indented_objects_one_after_another_are_all_read(write, name: str) -> None:
    items = [{"title": "Quellby", "text": ORLA}, {"title": "Tarnwick", "text": EDE}, [{"text": ILSE}]]
    path = write(name, "\n".join(json.dumps(item, indent=2) for item in items) + "\n")
    articles, skipped = _read(path)
    assert articles == [
        (f"{name}:1", "Quellby", ORLA),
        (f"{name}:5", "Tarnwick", EDE),
        (f"{name}:9[0]", "", ILSE),
    ]
    assert skipped == []


def test_a_faulty_indented_object_is_skipped_with_its_line_and_the_rest_kept(write) -> None:
    good = json.dumps({"title": "Quellby", "text": ORLA}, indent=2)
    bad = '{\n  "title": "Tarnwick",\n  "text": "Ede Solm left"\n  "date": "2031-02-03"\n}'
    path = write("jq.jsonl", f"{good}\n{bad}\n{json.dumps({'text': ILSE}, indent=2)}\n")
    articles, skipped = _read(path)
    assert [(name, body) for name, _, body in articles] == [("jq.jsonl:1", ORLA), ("jq.jsonl:10", ILSE)]
    assert skipped == [
        ("jq.jsonl:5", "malformed JSON (Expecting ',' delimiter at line 8 column 3)"),
    ]


def test_json_lines_with_a_bad_line_are_still_read_line_by_line(write) -> None:
    lines = [json.dumps({"text": ORLA}), '{"text": "Ede Solm', json.dumps({"text": ILSE})]
    articles, skipped = _read(write("feed.jsonl", "\n".join(lines) + "\n"))
    assert [name for name, _, _ in articles] == ["feed.jsonl:1", "feed.jsonl:3"]
    assert skipped == [("feed.jsonl:2", "malformed JSON (Unterminated string starting at column 10)")]


# --- WordPress's REST API -------------------------------------------------------------------------------


def _post(number: int, text: str) -> dict[str, object]:
    return {
        "id": number,
        "date": "2031-02-03T10:00:00",
        "guid": {"rendered": f"https://quellby.example/?p={number}"},
        "link": f"https://quellby.example/post-{number}/",
        "title": {"rendered": f"Quellby post {number}"},
        "content": {"rendered": f"<p>{text}</p>\n<p>Tarn Ebbesen agreed.</p>\n", "protected": False},
        "excerpt": {"rendered": "<p>Short.</p>", "protected": False},
    }


@pytest.mark.parametrize("text_field", [None, "content.rendered", "rendered"])
def test_wordpress_posts_are_read_from_content_rendered(write, text_field: str | None) -> None:
    path = write("posts.json", json.dumps([_post(11, ORLA), _post(12, EDE)], indent=1))
    corpus = ingest([path], language=None, text_field=text_field)
    assert [(a.title, a.body, a.url) for a in corpus.articles] == [
        ("Quellby post 11", f"{ORLA}\n\nTarn Ebbesen agreed.", "https://quellby.example/post-11/"),
        ("Quellby post 12", f"{EDE}\n\nTarn Ebbesen agreed.", "https://quellby.example/post-12/"),
    ]
    assert corpus.skipped == ()


# --- the fullest text field, parts joined, a cut noted ----------------------------------------------


def test_the_fullest_text_field_beats_a_summary_or_a_cut(write) -> None:
    records = [
        {"title": "Quellby", "text": "Orla Varnholm crossed the Quellby bridge.", "full_text": ORLA},
        {"title": "Tarnwick", "content": "Ede Solm left Tarnwick…", "body": EDE},
    ]
    articles, _ = _read(write("feed.jsonl", "\n".join(map(json.dumps, records)) + "\n"))
    assert [body for _, _, body in articles] == [ORLA, EDE]


def test_of_equally_full_text_fields_the_first_usual_name_wins(write) -> None:
    record = {"body": "Ede Solm left it.", "text": "Orla Quist spoke."}  # 17 characters each
    corpus = ingest([write("tie.jsonl", json.dumps(record) + "\n")], language=None)
    [found] = corpus.articles
    # the other one is kept, beside articles.csv's own body column
    assert (found.body, found.metadata) == ("Orla Quist spoke.", (("body_2", "Ede Solm left it."),))


def test_a_part_repeating_the_one_before_is_read_once(write) -> None:
    record = {"text": "Orla Quist spoke in Quellby.", "text_continued": "Orla Quist spoke in Quellby."}
    articles, _ = _read(write("twice.jsonl", json.dumps(record) + "\n"))
    assert [body for _, _, body in articles] == ["Orla Quist spoke in Quellby."]


def test_a_whole_page_source_never_beats_the_articles_text(write) -> None:
    page = (
        '<!DOCTYPE html><html lang="en"><head><title>Quellby Daily</title><meta charset="utf-8">'
        '<link rel="stylesheet" href="q.css"></head><body><nav>Home | World | Sport</nav>'
        f"<p>{ORLA}</p><p>Subscribe to the Quellby Daily newsletter for more.</p></body></html>"
    )
    record = {"title": "Quellby", "content": page, "text": ORLA}
    articles, _ = _read(write("feed.jsonl", json.dumps(record) + "\n"))
    assert [body for _, _, body in articles] == [ORLA]
    # a page source that is the only text is read as text: no tag, no head
    articles, _ = _read(write("alone.jsonl", json.dumps({"title": "Alone", "text": page}) + "\n"))
    [(_, _, body)] = articles
    assert ORLA in body and "<" not in body and "Quellby Daily\n" not in body and "q.css" not in body


def test_a_named_text_field_is_read_even_when_another_is_longer(write) -> None:
    record = {"text": "Orla Varnholm crossed the Quellby bridge.", "full_text": ORLA}
    articles, _ = _read(write("feed.jsonl", json.dumps(record) + "\n"), text_field="text")
    assert [body for _, _, body in articles] == ["Orla Varnholm crossed the Quellby bridge."]


def test_csv_reads_the_fullest_text_column_row_by_row(write) -> None:
    text = (
        "headline,summary,content,full text\n"
        f'Quellby,Short.,"Orla Varnholm crossed the Quellby...","{ORLA}"\n'
        f'Tarnwick,Short.,"{EDE}",\n'
    )
    articles, skipped = _read(write("export.csv", text))
    assert [(title, body) for _, title, body in articles] == [("Quellby", ORLA), ("Tarnwick", EDE)]
    assert skipped == []


@pytest.mark.parametrize(
    "columns",
    [("text", "text_continued"), ("body_part1", "body_part2"), ("Article 1", "Article 2")],
)
def test_a_text_split_over_two_columns_is_joined(write, columns: tuple[str, str]) -> None:
    half = ORLA.index(" Tarn")
    text = f'title,{columns[0]},{columns[1]}\nQuellby,"{ORLA[:half]}","{ORLA[half:]}"\n'
    articles, skipped = _read(write("split.csv", text))
    assert articles == [("split.csv:2", "Quellby", ORLA)]
    assert skipped == []


def test_parts_named_by_the_user_are_joined_in_order(write) -> None:
    record = {"title": "Quellby", "story_part2": " Tarn Ebbesen met her.", "story_part1": "Orla spoke."}
    articles, _ = _read(write("feed.jsonl", json.dumps(record) + "\n"), text_field="story_part1")
    assert [body for _, _, body in articles] == ["Orla spoke. Tarn Ebbesen met her."]


def test_a_news_api_cut_is_taken_out_and_noted(write) -> None:
    feed = {"articles": [{"title": "Quellby", "content": "Orla Varnholm crossed the Quel… [+1626 chars]"}]}
    corpus = ingest([write("api.json", json.dumps(feed))], language=None)
    (found,) = corpus.articles
    assert found.body == "Orla Varnholm crossed the Quel…"
    assert found.note == (
        "text is truncated: 1,626 characters missing (the source cut it and marked it [+1626 chars])"
    )


# --- HTML in a text field ---------------------------------------------------------------------------


def test_html_in_a_field_becomes_paragraphs_and_matches_the_plain_text(write) -> None:
    text = (
        "title,text\n"
        f'Quellby,"<p>{ORLA}</p><p>{EDE}</p>"\n'
        f'Tarnwick,"<div class=""story"">{ORLA}<br><br>{EDE}<script>track()</script></div>"\n'
        f'Plain,"{ORLA}\n\n{EDE}"\n'
    )
    corpus = ingest([write("cms.csv", text)], language=None)
    assert [a.body for a in corpus.articles] == [f"{ORLA}\n\n{EDE}"] * 3
    assert len({a.article_id for a in corpus.articles}) == 1  # exact duplicates


def test_a_stray_angle_bracket_stays_and_inline_tags_go(write) -> None:
    records = [
        {"text": "If a <b and c> d, Quellby wins; 3 < 4."},
        {"text": "Her book <i>Oskburg</i> sold."},
        {"text": "<b>Ines Haldane</b> and <a href=\"/p/2\" title='x'>Orla Quist</a></i> opened it."},
        {"text": "<B>Ines</B> <I>Haldane</I> closed it."},  # tags written in capitals
    ]
    articles, _ = _read(write("feed.jsonl", "\n".join(map(json.dumps, records)) + "\n"))
    assert [body for _, _, body in articles] == [
        records[0]["text"],
        "Her book Oskburg sold.",
        "Ines Haldane and Orla Quist opened it.",
        "Ines Haldane closed it.",
    ]


# --- lists and objects ------------------------------------------------------------------------------


def test_scrapy_lists_are_read(write) -> None:
    records = [
        {"url": "https://quellby.example/1", "title": "Quellby", "text": [ORLA, EDE]},
        {
            "url": ["https://quellby.example/2"],
            "title": ["Tarnwick"],
            "date": ["2031-02-03"],
            "body": [ILSE],
        },
    ]
    corpus = ingest([write("items.jsonl", "\n".join(map(json.dumps, records)) + "\n")], language=None)
    assert [(a.title, a.body, a.date, a.url) for a in corpus.articles] == [
        ("Quellby", f"{ORLA}\n\n{EDE}", "", "https://quellby.example/1"),
        ("Tarnwick", ILSE, "2031-02-03", "https://quellby.example/2"),
    ]
    assert corpus.skipped == ()


def test_a_headline_object_gives_its_main_title(write) -> None:
    doc = {"headline": {"kicker": None, "main": "Quellby votes", "print_headline": "Quellby"}, "text": ORLA}
    articles, _ = _read(write("nyt.jsonl", json.dumps(doc) + "\n"))
    assert [title for _, title, _ in articles] == ["Quellby votes"]


# --- a CSV title line above the header --------------------------------------------------------------


@pytest.mark.parametrize("title_line", ["Quellby export - generated 2031-02-03", "Search results: Oskburg,,"])
def test_a_title_line_above_the_csv_header_is_passed_over_and_said(write, title_line: str) -> None:
    text = f'{title_line}\nid,title,text\n1,Quellby,"{ORLA}"\n2,Tarnwick,"{EDE}"\n'
    articles, skipped = _read(write("report.csv", text))
    assert articles == [("report.csv:3", "Quellby", ORLA), ("report.csv:4", "Tarnwick", EDE)]
    shown = title_line.rstrip(",")
    assert skipped == [
        (
            "report.csv:1",
            f"a title line above the header row ({shown!r}), not a row; the header is line 2 and the "
            "rows are read from there",
        )
    ]


def test_a_single_column_csv_keeps_its_first_line_as_header(write) -> None:
    articles, skipped = _read(write("one.csv", f'text\n"{ORLA}"\n"{EDE}"\n'))
    assert [body for _, _, body in articles] == [ORLA, EDE]
    assert skipped == []


def test_a_repeated_text_column_is_no_part(write) -> None:
    text = f'title,text,text\nQuellby,"{ORLA}","{EDE}"\n'
    (found,) = ingest([write("twice.csv", text)], language=None).articles
    assert (found.body, dict(found.metadata)) == (ORLA, {"text_2": EDE})


# --- fields named as articles.csv's own columns --------------------------------------------------------


def test_a_field_named_as_a_column_of_articles_csv_is_kept_under_another_name(write) -> None:
    from pipeline.io.tables import article_header, article_rows

    records = [
        {"source": {"id": None, "name": "Quellwire"}, "title": "Quellby", "content": ORLA},
        {
            "source": "Varn Daily",
            "caption": "Photo: Mira Sol",
            "words": "900",
            "text": EDE,
            "ingest_note": "desk",
        },
    ]
    corpus = ingest([write("api.jsonl", "".join(json.dumps(r) + "\n" for r in records))], language=None)
    first, second = corpus.articles
    assert dict(first.metadata) == {"source_2": '{"id": null, "name": "Quellwire"}'}
    assert dict(second.metadata) == {"source_2": "Varn Daily", "words_2": "900", "ingest_note_2": "desk"}
    assert second.caption == "Photo: Mira Sol"  # the record's caption is the article's, read after its body
    assert second.note == ""  # the input's own field is no note of kg's: the run counts no note
    header = article_header(corpus.articles)
    rows = [dict(zip(header, row, strict=True)) for row in article_rows(corpus.articles, header)]
    assert [(row["source_2"], row["words"]) for row in rows] == [
        ('{"id": null, "name": "Quellwire"}', len(ORLA.split())),
        ("Varn Daily", len(EDE.split())),
    ]


def test_a_missing_value_marker_is_no_text_and_nan_no_title(write) -> None:
    path = write("na.csv", f"title,text\nQuellby,{ORLA}\nTarnwick,NA\nBrisk,#N/A\n")
    articles, skipped = _read(path)
    assert [title for _, title, _ in articles] == ["Quellby"]
    assert [reason for _, reason in skipped] == [
        "no text in field 'text': 'NA' marks a missing value",
        "no text in field 'text': '#N/A' marks a missing value",
    ]
    nan = write("nan.jsonl", '{"title": NaN, "text": "' + EDE + '"}\n')
    assert _read(nan)[0] == [("nan.jsonl:1", "", EDE)]


def test_a_news_apis_placeholder_for_an_article_it_removed_or_sells_is_no_article(write) -> None:
    records = [{"title": "Quellby", "content": ORLA}, {"title": "[Removed]", "content": "[Removed]"}]
    records.append({"title": "Varn", "content": "ONLY AVAILABLE IN PAID PLANS"})
    path = write("api.json", json.dumps({"articles": records}))
    articles, skipped = _read(path)
    assert [title for _, title, _ in articles] == ["Quellby"]
    assert [reason for _, reason in skipped] == [
        "no article in field 'content': '[Removed]' stands in for one the source removed or sells",
        "no article in field 'content': 'ONLY AVAILABLE IN PAID PLANS' stands in for one the source removed or sells",
    ]


def test_a_whole_page_saved_in_a_field_is_read_as_the_page_and_a_figures_caption_is_no_text(write) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Bridge opens</title></head><body><nav><a href='/'>Home</a> "
        "<a href='/world'>World</a></nav><article><h1>Bridge opens</h1>"
        f"<p>{ORLA}</p><p>{EDE}</p></article><footer><p>Copyright Quellby Courier 2025.</p></footer></body></html>"
    )
    fragment = (
        f"<figure><img src='a.jpg'><figcaption>Tarn Ebbesen at the mill.</figcaption></figure><p>{ILSE}</p>"
    )
    records = [{"url": "https://courier.example/1", "html": page}, {"title": "Mill", "content": fragment}]
    path = write("scraped.jsonl", "\n".join(json.dumps(r) for r in records))
    articles, skipped = _read(path)
    assert skipped == []
    assert articles == [
        ("scraped.jsonl:1", "Bridge opens", f"{ORLA}\n\n{EDE}"),  # no menu, no footer; the page's title
        ("scraped.jsonl:2", "Mill", ILSE),
    ]


def test_cms_content_that_quotes_with_a_footer_is_no_whole_page(write) -> None:
    content = f"<p>{ORLA}</p><blockquote><p>{EDE}</p><footer>Tarn Ebbesen</footer></blockquote><ul><li>Cost: 12 million crowns</li></ul>"
    path = write("cms.jsonl", json.dumps({"title": "Bridge", "content": content}))
    [(_, _, body)] = _read(path)[0]
    assert "Cost: 12 million crowns" in body and EDE in body
