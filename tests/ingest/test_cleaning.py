"""Bodies as ingest cleans them: HTML character references decoded first, runs without a space dropped
only when they are no writing, and every drop said in the article's ingest note."""

from __future__ import annotations

import base64
import csv
import json
from pathlib import Path

from pipeline.ingest import ingest
from pipeline.ingest.articles import MAX_WORD_CHARS, cleaned_body, unescaped
from pipeline.records import INGEST_NOTE

SENTENCE = "Orla Varnholm met the mayor of Quellby on Tuesday and spoke about the harbour"
WORDS = SENTENCE.split()
#: 300 characters of Chinese, written as it is: without a space.
CHINESE = ("奥拉·瓦恩霍尔姆在奎尔比港口会见了市长，" * 15)[:300]
BLOB = base64.b64encode(bytes(range(256)) * 20).decode()  # 6,828 characters


def _jsonl(write, *records: dict[str, object]) -> Path:
    return write("feed.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))


# --- HTML character references -------------------------------------------------------------------------


def test_words_joined_by_nbsp_are_read_not_skipped_as_a_blob(write) -> None:
    text = "&nbsp;".join(WORDS * 3)  # 230 characters without a space before decoding
    assert len(text) > MAX_WORD_CHARS
    corpus = ingest([_jsonl(write, {"title": "Quellby", "text": text})])
    [article] = corpus.articles
    assert not corpus.skipped
    assert article.body == " ".join(WORDS * 3)
    assert article.note == ""


def test_doubly_escaped_spaces_lose_no_word(write) -> None:
    # an export that escaped twice: the first 40 spaces became "&amp;nbsp;"
    words = [f"{w}{i}" for i, w in enumerate(WORDS * 4)][:50]
    text = "&amp;nbsp;".join(words[:41]) + " " + " ".join(words[41:])
    [article] = ingest([_jsonl(write, {"text": text})]).articles
    assert article.body.split() == words
    assert article.note == ""


def test_references_are_decoded_in_jsonl_csv_and_txt_text_and_titles(write) -> None:
    text = "Orla Varnholm said &quot;Quellby&#8217;s port &amp; Tarnwick&#x2019;s are open&quot;."
    expected = 'Orla Varnholm said "Quellby’s port & Tarnwick’s are open".'
    jsonl = _jsonl(write, {"title": "Quellby &amp; Tarnwick", "text": text})
    table = write("feed.csv", "")
    with table.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["title", "text"], ["Quellby &amp; Tarnwick", text]])
    page = write("story.txt", f"Quellby &amp; Tarnwick\n{text}\n")
    for path in (jsonl, table, page):
        [article] = ingest([path]).articles
        assert (article.title, article.body) == ("Quellby & Tarnwick", expected), path


def test_only_references_are_decoded_and_at_most_twice() -> None:
    assert unescaped("AT&T and R&D &c. &notaname; &amp") == "AT&T and R&D &c. &notaname; &amp"
    assert unescaped("Quellby &amp;amp;amp; Tarnwick") == "Quellby &amp; Tarnwick"
    assert unescaped("Orla&nbsp;Varnholm&amp;nbsp;spoke") == "Orla Varnholm spoke"


def test_txt_line_numbers_stay_those_of_the_file(write) -> None:
    page = write("page.txt", "Quellby Opens Port\nOrla Varnholm spoke.&#10;Ede Solm left.\nThe end.\n")
    [article] = ingest([page]).articles
    assert (article.source, article.title) == (str(page), "Quellby Opens Port")
    assert article.body == "Orla Varnholm spoke.\n\nEde Solm left.\n\nThe end."


# --- runs without a space ------------------------------------------------------------------------------


def test_a_chinese_paragraph_in_an_english_article_stays(write) -> None:
    text = f"Orla Varnholm spoke in Quellby.\n\n{CHINESE}\n\nEde Solm replied."
    [from_jsonl] = ingest([_jsonl(write, {"text": text})]).articles
    [from_txt] = ingest([write("story.txt", f"Quellby Talks\n{text}\n")]).articles
    for article in (from_jsonl, from_txt):
        assert article.body == text
        assert article.note == ""


def test_scripts_without_spaces_are_writing_and_blobs_are_not() -> None:
    thai = "ออร์ลาวาร์นโฮล์มพบกับนายกเทศมนตรีเมืองเควลบีเมื่อวันอังคาร" * 5
    japanese = "オルラ・ヴァルンホルムはクエルビー市長と会談した。" * 10
    url = "https://quellby.example/" + "news/harbour-" * 20
    hex_dump = "0xde,0xad,0xbe,0xef," * 15
    for run in (CHINESE, thai, japanese):
        assert cleaned_body(run) == (run, "")
    for run in (BLOB, url, hex_dump, "é" + BLOB):
        body, note = cleaned_body(f"Orla Varnholm spoke. {run} Ede Solm replied.")
        assert body == "Orla Varnholm spoke. Ede Solm replied."
        assert note == f"dropped 1 run of {len(run):,} characters without a space (a blob?)"


def test_a_dropped_blob_is_noted_on_the_article(write, kg, tmp_path: Path) -> None:
    _jsonl(
        write,
        {"text": f"Orla Varnholm spoke in Quellby. {BLOB}"},
        {"text": f"Ede Solm left. {BLOB}\n\n{BLOB[:300]} Tarnwick replied."},
        {"text": "Ilse Marrow stayed."},
    )
    result = kg("ingest", tmp_path / "feed.jsonl", "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    with (tmp_path / "out" / "articles.csv").open(encoding="utf-8") as handle:
        rows = {row["body"]: row[INGEST_NOTE] for row in csv.DictReader(handle)}
    assert rows == {
        "Orla Varnholm spoke in Quellby.": "dropped 1 run of 6,828 characters without a space (a blob?)",
        "Ede Solm left.\n\nTarnwick replied.": (
            "dropped 2 runs of 7,128 characters in all without a space (blobs?)"
        ),
        "Ilse Marrow stayed.": "",
    }
    assert "2 read with a note" in result.stdout + result.stderr


def test_a_blob_note_follows_the_note_already_there(write) -> None:
    path = write("short.csv", f"title,text,date\nQuellby,Orla Varnholm spoke. {BLOB}\n")
    [article] = ingest([path]).articles
    assert article.note == (
        "row has 2 cells, header has 3: date left empty; "
        "dropped 1 run of 6,828 characters without a space (a blob?)"
    )
    # a field of the input's own that bears the note's name is its data, kept beside kg's note
    [own] = ingest([_jsonl(write, {"text": f"Ede Solm left. {BLOB}", INGEST_NOTE: "checked"})]).articles
    assert own.note == "dropped 1 run of 6,828 characters without a space (a blob?)"
    assert dict(own.metadata)[f"{INGEST_NOTE}_2"] == "checked"


def test_a_blob_in_a_scraped_page_block_is_noted(write) -> None:
    block = "Quellby Port Opens\nA ship at the quay.\nTT\nQuellby Port Opens\nA ship at the quay.\n"
    page = write(
        "page.txt", f"{block}Orla Varnholm spoke. {BLOB}\n\n{block.replace('Quellby', 'Varn')}Ede.\n"
    )
    articles = ingest([page]).articles
    assert [(a.title, a.body, a.note) for a in articles] == [
        (
            "Quellby Port Opens",
            "Orla Varnholm spoke.",
            "dropped 1 run of 6,828 characters without a space (a blob?)",
        ),
        ("Varn Port Opens", "Ede.", ""),
    ]


def test_an_article_of_blobs_alone_is_still_skipped_with_the_reason(write) -> None:
    corpus = ingest([_jsonl(write, {"text": BLOB})])
    assert not corpus.articles
    assert "no readable text" in corpus.skipped[0].reason


# --- full stops glued to the next sentence --------------------------------------------------------------


def test_a_full_stop_glued_to_the_next_sentence_gets_its_space_in_every_format(write) -> None:
    text = "Orla Varnholm said.She flew in at 10 AEDT.Mr Quist met her (AFP).Talks went on."
    spaced = "Orla Varnholm said. She flew in at 10 AEDT. Mr Quist met her (AFP). Talks went on."
    corpus = ingest(
        [_jsonl(write, {"title": "Quellby", "text": text}), write("page.txt", f"Quellby\n\n{text}\n")]
    )
    assert [a.body for a in corpus.articles] == [spaced, spaced]


def test_initials_brands_and_addresses_keep_their_stops(write) -> None:
    text = (
        "She joined the U.S.Army, then Quell.Net (Osk.Net before), and writes to orla.Varn@quell.example "
        "from www.Quell.Example and https://quell.example/Orla.Quist."
    )
    [article] = ingest([_jsonl(write, {"title": "Quellby", "text": text})]).articles
    assert article.body == text
