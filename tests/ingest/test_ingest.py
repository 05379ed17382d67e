from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from pipeline.dedup import deduplicate
from pipeline.errors import MissingPathError, NoInputsError
from pipeline.ingest import ingest
from pipeline.ingest.txt import _find_headers, _Line

# --- scraped pages ----------------------------------------------------------------------------------


def _seed_oracle(path: Path) -> list[dict[str, str]]:
    """Independent reading of a seed page: each block has exactly one `TT` marker line; the headline is
    the first line of its header and the caption the line after it (so the test does not reuse the
    splitter's own logic)."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    blocks = []
    for index, line in enumerate(lines):
        if line == "TT":
            blocks.append({"title": lines[index - 3], "caption": lines[index - 1]})
    return blocks


def test_seed_pages_split_into_their_article_blocks(seeds_dir: Path) -> None:
    pages = sorted(seeds_dir.glob("*.txt"))
    corpus = ingest([seeds_dir])
    expected = [block for page in pages for block in _seed_oracle(page)]
    assert [(a.title, a.caption) for a in corpus.articles] == [(b["title"], b["caption"]) for b in expected]
    assert not corpus.skipped
    assert corpus.files == tuple(str(p) for p in pages)


def test_no_header_line_reaches_a_body(seeds_dir: Path) -> None:
    corpus = ingest([seeds_dir])
    for article in corpus.articles:
        paragraphs = article.body.split("\n\n")
        assert article.title not in paragraphs
        assert article.caption not in paragraphs
        assert "TT" not in paragraphs
        assert not any(p.isdigit() for p in paragraphs), article.source
        assert len(paragraphs) >= 4
    # every block of every page starts its body with the first real paragraph, not furniture
    bodies = {a.title: a.body for a in corpus.articles}
    assert bodies["ISIS Militants Escape After Russian Raid on Idlib"].startswith("Several ISIS members fled")


def test_sources_point_at_the_headline_line(seeds_dir: Path) -> None:
    corpus = ingest([seeds_dir])
    for article in corpus.articles:
        path, line = article.source.rsplit(":", 1)
        assert Path(path).read_text(encoding="utf-8").split("\n")[int(line) - 1].strip() == article.title


def test_page_structure_is_found_from_repetition_not_fixed_words(write) -> None:
    page = write(
        "page.txt",
        "Storm Hits Coast\n\nWaves over the pier (Photo: X)\nWaves over the pier (Photo: X)\nADVERT\n1.2k\n\n"
        "Storm Hits Coast\n\nWaves over the pier (Photo: X)\nWaves over the pier (Photo: X)\n\n"
        "A storm hit the coast on Monday.\n\nThousands lost power.\n\n\n"
        "Second Story Without Caption\nSHARE\nSecond Story Without Caption\n\n"
        "The mayor of Springfield resigned.\n",
    )
    articles = ingest([page]).articles
    assert [(a.title, a.caption, a.body) for a in articles] == [
        (
            "Storm Hits Coast",
            "Waves over the pier (Photo: X)",
            "A storm hit the coast on Monday.\n\nThousands lost power.",
        ),
        ("Second Story Without Caption", "", "The mayor of Springfield resigned."),
    ]
    assert [a.source for a in articles] == [f"{page}:1", f"{page}:18"]


def test_text_before_the_first_repeated_headline_is_its_own_article(write) -> None:
    page = write(
        "lead.txt",
        "Lead Story\nThe lead story has no repeated header.\n\n"
        "Related\nA crowd at the gate (Photo: Y)\nA crowd at the gate (Photo: Y)\n"
        "Related\nA crowd at the gate (Photo: Y)\nA crowd at the gate (Photo: Y)\nIts body line.\n",
    )
    assert [(a.title, a.caption, a.body) for a in ingest([page]).articles] == [
        ("Lead Story", "", "The lead story has no repeated header."),
        ("Related", "A crowd at the gate (Photo: Y)", "Its body line."),
    ]


@pytest.mark.parametrize(
    "repeated",
    [
        # a body paragraph the scraper printed twice
        "Varnholm, who also ran the Quellby gallery, faced five years in prison.\n"
        "Varnholm, who also ran the Quellby gallery, faced five years in prison.\n",
        # a pull quote printed again around an advert
        '"The talks are over," Orla Quist told reporters.\nAdvertisement\n'
        '"The talks are over," Orla Quist told reporters.\n',
        # a quote with no full stop, printed again around an advert: a quote, not a headline
        "“We will rebuild Quellby” says Orla Quist\nAdvertisement\n“We will rebuild Quellby” says Orla Quist\n",
        # a short line repeated around more furniture than a header has (four short lines)
        "Ferry Times Change\nSHARE\nTT\n20\nADVERT\nFerry Times Change\n",
    ],
)
def test_a_sentence_printed_twice_on_a_scraped_page_starts_no_article(write, repeated: str) -> None:
    page = write(
        "page.txt",
        "Storm Hits Coast\n\nWaves over the pier (Photo: X)\nWaves over the pier (Photo: X)\nADVERT\n\n"
        "Storm Hits Coast\n\nWaves over the pier (Photo: X)\nWaves over the pier (Photo: X)\n\n"
        "A storm hit the coast on Monday.\n\n" + repeated + "\nThousands lost power.\n",
    )
    [article] = ingest([page]).articles
    assert article.title == "Storm Hits Coast" and article.body.endswith("Thousands lost power.")


def test_a_headline_repeated_without_the_page_signature_does_not_split(write) -> None:
    # The pages we read print a caption with the headline and again after its repeat; without that,
    # a repeated short line is no evidence of a page.
    page = write("lead.txt", "Lead Story\nThe lead story.\n\nRelated\nRelated\nIts body line.\n")
    [article] = ingest([page]).articles
    assert (article.title, article.body) == (
        "Lead Story",
        "The lead story.\n\nRelated Related Its body line.",
    )


@pytest.mark.parametrize(
    "body",
    [
        # a sports table whose header row is printed twice
        "Standings after the weekend:\n\nW L T GF GA PTS\nHarbour City 3 1 0 9 4 10\nMill Town 2 2 0 7 6 8\n"
        "W L T GF GA PTS\nRiverside 1 3 0 4 9 4\n\nThe league resumes on Saturday.",
        # furniture repeated in the text of one article
        "The mayor of Quellburg spoke.\nAdvertisement\nShe said the bridge would reopen.\nAdvertisement\n"
        "Advertisement\nWork starts in May.",
        # a refrain
        "The choir sang:\nOh the river runs\nTo the sea it goes\nOh the river runs\nAnd the crowd sang along.",
        # a transcript
        "JUDGE: Please sit.\nOkay.\nCOUNSEL: The witness was at the depot on the night of the fire.\n"
        "Okay.\nJUDGE: Go on.",
        # HTML left in a text file (an e-mail's body): a tag on a line of its own is no headline
        "(As it appears on the card)\n<br><br>\n"
        + "\n<br><br>\n".join("_" * 51 + "<br>\n" + field for field in ("Town", "Country", "(Card number)"))
        + "\n<br><br>\nWork starts in May.",
        # an e-mail program's conditional comments, repeated around its tables
        "Order by May.\n<!--[if gte mso 9]>\n<![endif]-->\n" + "_" * 51 + "<br>\nTown\n<!--[if gte mso 9]>\n"
        "<![endif]-->\n" + "_" * 51 + "<br>\nCountry\n<!--[if gte mso 9]>\n<![endif]-->\nWork starts in May.",
    ],
)
def test_repeated_lines_inside_a_plain_article_never_split_it(write, body: str) -> None:
    path = write("plain.txt", "A Plain Article\n\n" + body + "\n")
    corpus = ingest([path])
    assert [(a.title, a.source) for a in corpus.articles] == [("A Plain Article", str(path))]
    assert not corpus.skipped
    assert corpus.articles[0].body.endswith(body.split("\n")[-1])


def test_plain_article_first_line_is_the_title_and_wrapped_lines_join(write) -> None:
    path = write(
        "plain.txt",
        "Council Approves Budget\n\nThe council approved the\nbudget on Tuesday.\n\nIt passed 7 to 2.\n",
    )
    [article] = ingest([path]).articles
    assert article.title == "Council Approves Budget"
    assert article.body == "The council approved the budget on Tuesday.\n\nIt passed 7 to 2."
    assert article.source == str(path)


def test_the_rows_of_a_table_stay_rows_while_wrapped_lines_join(write) -> None:
    path = write(
        "results.txt",
        "Quellby Win\n\nQuellby beat Varn by\n2 goals to 1.\n\nQuellby 2 Varn Rovers 1\nOsk 0 Tarn 3\n"
        "Orla Quist 68 70 138\n\nThe rain fell for\n3\n",
    )
    [article] = ingest([path]).articles
    assert article.body.split("\n\n") == [
        "Quellby beat Varn by 2 goals to 1.",
        "Quellby 2 Varn Rovers 1",  # each row of a table ends on a number
        "Osk 0 Tarn 3",
        "Orla Quist 68 70 138",
        "The rain fell for 3",  # one line ending on a number is no table
    ]


def test_a_result_after_overtime_or_a_shoot_out_is_a_row_too(write) -> None:
    path = write(
        "results.txt",
        "Quellby Win\n\nResults:\nQuellby 4, Varn 3\nOsk 3, Tarn 2 (OT)\nBrann 2, Marr 1 (SO)\n",
    )
    [article] = ingest([path]).articles
    assert article.body.split("\n\n") == [
        "Results:",
        "Quellby 4, Varn 3",
        "Osk 3, Tarn 2 (OT)",
        "Brann 2, Marr 1 (SO)",
    ]


def test_each_turn_of_a_transcript_is_a_paragraph_of_its_own(write) -> None:
    path = write(
        "talk.txt",
        "Budget Talk\n\nOrla Quist spoke to the\nhost.\n\nHOST: Why now?\nQUIST: The budget\nis ready.\n"
        "Q: And Varn?\nA: It waits.\n",
    )
    [article] = ingest([path]).articles
    assert article.body.split("\n\n") == [
        "Orla Quist spoke to the host.",  # wrapped lines still join
        "HOST: Why now?",
        "QUIST: The budget is ready.",
        "Q: And Varn?",
        "A: It waits.",
    ]
    wrapped = write(
        "wrapped.txt",
        "Rates\n\nRates rose in Quellby.\n\nThe figures were published on Monday by the\nOECD: the rate reached 6 percent.\n",
    )
    [article] = ingest([wrapped]).articles  # a label in capitals before words in lower case is no turn
    assert (
        article.body.split("\n\n")[1]
        == "The figures were published on Monday by the OECD: the rate reached 6 percent."
    )


def test_a_first_line_too_long_for_a_headline_is_body_text(write) -> None:
    first = (
        "Orla Quist " + "walked along the Varn river and spoke to the people of Quellby about the flood " * 4
    )
    path = write("long.txt", first.strip() + "\n\nThe water fell on Friday.\n")
    [article] = ingest([path], language=None).articles
    assert len(first.strip()) == 326  # over the 300 characters a headline may have
    assert (article.title, article.body) == ("", first.strip() + "\n\nThe water fell on Friday.")


def test_a_scraped_headline_without_a_body_is_skipped_with_its_line(write) -> None:
    page = write(
        "nobody.txt",
        "Storm Hits Coast\nWaves over the pier (Photo: X)\nWaves over the pier (Photo: X)\nADVERT\n"
        "Storm Hits Coast\nWaves over the pier (Photo: X)\nWaves over the pier (Photo: X)\n"
        "Second Story\nSHARE\nSecond Story\nThe mayor of Quellby resigned.\n",
    )
    corpus = ingest([page], language=None)
    assert [(a.source, a.title, a.body) for a in corpus.articles] == [
        (f"{page}:8", "Second Story", "The mayor of Quellby resigned.")
    ]
    assert [(s.source, s.reason) for s in corpus.skipped] == [
        (f"{page}:1", "article block 'Storm Hits Coast' has a headline but no body")
    ]


STORM = "Storm hits Velmoor"
STORM_BODY = (
    "Orla Quist said the storm hit Velmoor on Monday night.",
    "Kofi Varga said 12 homes in the town were damaged.",
)


@pytest.mark.parametrize(
    ("copy", "times"),
    [
        # headline, blank line, two paragraphs: the page written twice, then three times
        (f"{STORM}\n\n{STORM_BODY[0]}\n{STORM_BODY[1]}\n\n", 2),
        (f"{STORM}\n\n{STORM_BODY[0]}\n{STORM_BODY[1]}\n\n", 3),
        # no blank lines, one paragraph
        (f"{STORM}\n{STORM_BODY[0]}\n", 2),
        # longer than a header can be: the headline's repeat 13 lines below it
        (f"{STORM}\n\n" + "\n\n".join(f"Orla Quist met Kofi Varga on day {n}." for n in range(12)) + "\n", 2),
    ],
    ids=["twice", "three-times", "no-blank-lines", "longer-than-a-header"],
)
def test_an_article_written_twice_is_read_again_and_recorded_as_a_duplicate(write, copy, times) -> None:
    [once] = ingest([write("once.txt", copy)], language=None).articles
    path = write("twice.txt", copy * times)
    corpus = ingest([path], language=None)
    assert not corpus.skipped
    lines_per_copy = copy.count("\n")
    assert [(a.source, a.title, a.body) for a in corpus.articles] == [
        (f"{path}:{1 + n * lines_per_copy}", STORM, once.body) for n in range(times)
    ]
    first, *copies = deduplicate(corpus.articles)
    assert not first.duplicate_of
    assert [(a.duplicate_of, a.duplicate_rule) for a in copies] == [(first.article_id, "exact")] * (times - 1)


def test_a_short_article_written_twice_on_a_scraped_page_keeps_its_body(write) -> None:
    # once read as a header (the whole article its "caption") of a block with no body, and skipped
    short_article = f"{STORM}\n{STORM_BODY[0]}\n{STORM_BODY[1]}\n"
    page = write(
        "page.txt",
        "Ferry Times Change\nA ferry at the pier (Photo: X)\nA ferry at the pier (Photo: X)\nTT\n"
        "Ferry Times Change\nA ferry at the pier (Photo: X)\nA ferry at the pier (Photo: X)\n"
        "The Tarnow ferry leaves an hour earlier from May.\n" + short_article * 2,
    )
    corpus = ingest([page], language=None)
    assert not corpus.skipped
    assert [(a.source, a.title, a.body) for a in corpus.articles] == [
        (f"{page}:1", "Ferry Times Change", "The Tarnow ferry leaves an hour earlier from May."),
        (f"{page}:9", STORM, "\n\n".join(STORM_BODY)),
        (f"{page}:12", STORM, "\n\n".join(STORM_BODY)),
    ]


def test_a_headline_printed_twice_above_its_body_is_one_article(write) -> None:
    body = "\n\n".join(STORM_BODY) + "\n"
    [once] = ingest([write("once.txt", f"{STORM}\n\n{body}")], language=None).articles
    path = write("twice.txt", f"{STORM}\n\n{STORM}\n\n{body}")
    corpus = ingest([path], language=None)
    [article] = corpus.articles
    assert not corpus.skipped
    assert (article.source, article.title) == (str(path), STORM)
    assert article.body.endswith(once.body) and article.body.count(STORM_BODY[0]) == 1


class _CountedLines(Sequence[_Line]):
    """Lines that count how many of them are read (a slice counts its length)."""

    def __init__(self, lines: list[_Line]) -> None:
        self.lines, self.read = lines, 0

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, index):  # type: ignore[override]
        item = self.lines[index]
        self.read += len(item) if isinstance(index, slice) else 1
        return item


def test_finding_headers_reads_a_run_of_one_repeated_line_a_bounded_number_of_times_per_line() -> None:
    # One line printed as 4,000 paragraphs: each line's header look-ahead once ran to the end of the run.
    reads = {}
    for repeats in (1000, 4000):
        texts = ["Paras", *["Orla Quist met Kofi Varga in Tarnow."] * repeats]
        lines = _CountedLines([_Line(n, text) for n, text in enumerate(texts, start=1)])
        assert _find_headers(lines) == []
        reads[repeats] = lines.read
    assert reads[4000] <= 50 * 4000  # was 24 million: the rest of the run, three times, from each line
    assert reads[4000] <= 4.5 * reads[1000]  # four times the lines, four times the reading


def test_one_line_file_is_all_body(write) -> None:
    [article] = ingest([write("one.txt", "Just one sentence of news.")]).articles
    assert (article.title, article.body) == ("", "Just one sentence of news.")


def test_article_ids_are_stable_across_whitespace_case_and_punctuation(write) -> None:
    a = ingest([write("a.txt", "T\nThe Mayor said: yes.\nAnd more.")]).articles[0]
    b = ingest([write("b.txt", "Other title\n  the mayor said yes\n\nand   MORE")]).articles[0]
    c = ingest([write("c.txt", "T\nThe Mayor said no.")]).articles[0]
    assert a.article_id == b.article_id != c.article_id
    assert len(a.article_id) == 16


# --- JSONL ------------------------------------------------------------------------------------------


def test_jsonl_keeps_good_lines_and_names_the_bad_one(write) -> None:
    path = write(
        "feed.jsonl",
        "\n".join(
            [
                json.dumps(
                    {"id": 7, "title": "A", "text": "Alpha text.", "date": "2025-01-02", "url": "http://a"}
                ),
                '{"title": "broken", "text": ',
                json.dumps({"headline": "B", "body": "Beta text.", "author": "Kim", "tags": ["x", "y"]}),
                json.dumps({"title": "C", "summary": "no text here"}),
                json.dumps(["not", "an", "object"]),
                "",
                json.dumps({"content": "Gamma text."}),
            ]
        ),
    )
    corpus = ingest([path])
    assert [(a.title, a.body, a.source) for a in corpus.articles] == [
        ("A", "Alpha text.", f"{path}:1"),
        ("B", "Beta text.", f"{path}:3"),
        ("", "Gamma text.", f"{path}:7"),
    ]
    first, second, _ = corpus.articles
    assert (first.date, first.url, first.metadata) == ("2025-01-02", "http://a", (("id", "7"),))
    assert second.metadata == (("author", "Kim"), ("tags", '["x", "y"]'))
    reasons = {s.source: s.reason for s in corpus.skipped}
    assert set(reasons) == {f"{path}:2", f"{path}:4", f"{path}:5"}
    assert "malformed JSON" in reasons[f"{path}:2"]
    assert "fields seen: title, summary" in reasons[f"{path}:4"]
    assert "JSON object" in reasons[f"{path}:5"]


def test_a_hard_wrapped_text_field_is_read_as_its_paragraphs(write) -> None:
    # a wire story typed at 60 columns in one JSONL field: its lines are no paragraphs, a hyphen at a
    # line's end joins the words, and a short line ending a sentence ends its paragraph
    text = (
        "Floodwaters rose across Quellby on Tuesday as the Varn\n"
        "river burst its banks after three days of rain, and Orla\n"
        "Quist, who runs the harbour office, said forty homes near\n"
        "the old mill had been evacuated over-\n"
        "night by boat.\n"
        "Emergency crews from Tarnvel and Oskport worked through\n"
        "the night to shore up the levee with sandbags and pumps.\n"
    )
    [article] = ingest([write("wire.jsonl", json.dumps({"id": "q1", "text": text}) + "\n")]).articles
    assert article.body == (
        "Floodwaters rose across Quellby on Tuesday as the Varn river burst its banks after three days of "
        "rain, and Orla Quist, who runs the harbour office, said forty homes near the old mill had been "
        "evacuated over-night by boat.\n\nEmergency crews from Tarnvel and Oskport worked through the night "
        "to shore up the levee with sandbags and pumps."
    )


def test_jsonl_text_field_option(write) -> None:
    path = write("feed.ndjson", json.dumps({"title": "A", "summary": "Only a summary.", "text": "Full."}))
    assert ingest([path], text_field="summary").articles[0].body == "Only a summary."


# --- CSV --------------------------------------------------------------------------------------------


def test_csv_detects_the_text_column_and_keeps_metadata(write) -> None:
    path = write(
        "export.csv",
        'Title,Date,Author,Article,Category\nA,2025-03-01,Kim,"First line.\nSecond line.",world\n'
        "B,2025-03-02,Lee,,world\nC,2025-03-03,Ann,Third story.,local\n",
    )
    corpus = ingest([path])
    assert [(a.title, a.body, a.date, a.source) for a in corpus.articles] == [
        ("A", "First line.\n\nSecond line.", "2025-03-01", f"{path}:2"),
        ("C", "Third story.", "2025-03-03", f"{path}:5"),
    ]
    assert corpus.articles[0].metadata == (("Author", "Kim"), ("Category", "world"))
    assert [(s.source, "empty text" in s.reason) for s in corpus.skipped] == [(f"{path}:4", True)]


def test_csv_semicolons_and_named_text_column(write) -> None:
    path = write("semi.csv", "headline;summary;notes\nX;The summary.;n1\n")
    [article] = ingest([path], text_column="summary").articles
    assert (article.title, article.body, article.metadata) == ("X", "The summary.", (("notes", "n1"),))


def _awkward():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    import awkward

    return awkward


@pytest.mark.parametrize(("crlf", "bom"), [(False, False), (True, True)])
def test_a_scraper_csv_keeps_every_row(write, crlf: bool, bom: bool) -> None:
    # 97 rows whose quoted bodies hold hundreds of commas, semicolons and blank lines, three of them far
    # into the file with quotes too: a dialect sniffed from the first 8 KB knew nothing of doubled quotes
    # and cut those three rows into 23 bad ones ("row has 40 cells, header has 6").
    text, bodies = _awkward().scraper_csv(97, crlf=crlf, bom=bom)
    assert min(body.count(",") for body in bodies) > 100 and min(body.count(";") for body in bodies) > 20
    assert sum('"' in body for body in bodies) == 3 and text.index('""') > 8192
    path = write("export.csv", text.encode("utf-8"))
    corpus = ingest([path])
    assert not corpus.skipped and not corpus.delimiters
    assert [a.body for a in corpus.articles] == [_normalized(body) for body in bodies]
    assert corpus.articles[0].metadata[0] == ("author", corpus.articles[0].metadata[0][1])
    assert all(dict(a.metadata)["tags"] == "politics;local, world" for a in corpus.articles)


def _normalized(body: str) -> str:
    return "\n\n".join(" ".join(p.split()) for p in body.split("\n\n"))


def test_tsv_is_tab_separated(write) -> None:
    path = write(
        "export.tsv", 'title\ttext\nTabbed\tThe mayor, Kara Vilmo, said: "yes; no".\nTwo\tMore, text.\n'
    )
    assert [(a.title, a.body) for a in ingest([path]).articles] == [
        ("Tabbed", 'The mayor, Kara Vilmo, said: "yes; no".'),
        ("Two", "More, text."),
    ]


def test_another_delimiter_only_when_the_header_is_one_column_under_commas(write) -> None:
    semi = write("semi.csv", 'title;text\nRathaus;Der Rat, so heisst es, tagte.\nHafen;"Ruhig; sagte man."\n')
    corpus = ingest([semi])
    assert [(a.title, a.body) for a in corpus.articles] == [
        ("Rathaus", "Der Rat, so heisst es, tagte."),
        ("Hafen", "Ruhig; sagte man."),
    ]
    assert corpus.delimiters == ((str(semi), "semicolon"),)
    # one column named text: commas, even though the text holds semicolons
    single = write("single.csv", "text\nFirst; second; third.\nFourth; fifth.\n")
    corpus = ingest([single])
    assert [a.body for a in corpus.articles] == ["First; second; third.", "Fourth; fifth."]
    assert corpus.delimiters == ()


def test_the_run_says_which_delimiter_it_used(kg, write, tmp_path: Path) -> None:
    write("in/semi.csv", "title;text\nA;Officials in Velmora met on Monday.\n")
    result = kg("ingest", tmp_path / "in", "--out", tmp_path / "out")
    assert result.code == 0
    assert "semi.csv as semicolon-separated" in result.stderr
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["delimiters"] == {str(tmp_path / "in" / "semi.csv"): "semicolon"}


def test_csv_without_a_text_column_names_the_columns_it_saw(write) -> None:
    bad = write("bad.csv", "name,score\nA,1\n")
    good = write("good.txt", "Title\nBody text.")
    corpus = ingest([bad, good])
    assert [a.body for a in corpus.articles] == ["Body text."]
    [skipped] = corpus.skipped
    assert skipped.source == str(bad)
    assert "columns seen: name, score" in skipped.reason and "--text-column" in skipped.reason


# --- HTML -------------------------------------------------------------------------------------------


def test_html_page_title_and_paragraphs(write) -> None:
    path = write(
        "page.html",
        "<html><head><title>Site | Story</title><script>var x = '<p>no</p>';</script></head><body>"
        "<nav><p>Menu</p></nav><h1>Story &amp; More</h1><p>First <b>para</b>.</p><p>Second.</p>"
        "<footer><p>Copyright</p></footer></body></html>",
    )
    [article] = ingest([path]).articles
    assert (article.title, article.body) == ("Story & More", "First para.\n\nSecond.")


_FLOOD_LINES = [
    "Floodwaters rose across Quellby on Tuesday as the Varn river burst its banks after three days of rain.",
    "Orla Quist, who runs the harbour office, said forty homes near the old mill had been evacuated overnight.",
    "Emergency crews from Tarnvel and Oskport worked through the night to shore up the levee with sandbags.",
    "The regional council said schools would stay closed until Friday while engineers inspect two bridges.",
]
_NAV = '<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li></ul></nav>'


def test_html_article_in_lines_not_paragraphs_comes_from_the_main_text(write) -> None:
    page = (
        "<html><head><title>Floods | Quellby Courier</title>"
        '<meta property="article:published_time" content="2021-03-04T10:00:00Z">'
        '<link rel="canonical" href="https://courier.example/quellby-floods"></head><body>'
        f'{_NAV}<h1>Quellby floods</h1><div class="article-body">{"<br><br>".join(_FLOOD_LINES)}</div>'
        "<footer>Copyright Quellby Courier</footer></body></html>"
    )
    [article] = ingest([write("floods.html", page)]).articles
    assert article.title == "Quellby floods"
    assert article.body == "\n\n".join(_FLOOD_LINES)  # no menu, no footer
    assert (article.iso_date, article.url) == ("2021-03-04", "https://courier.example/quellby-floods")


def test_html_article_in_paragraphs_is_read_from_them(write) -> None:
    page = (
        f"<html><head><title>Floods</title></head><body>{_NAV}<h1>Quellby floods</h1><article>"
        + "".join(f"<p>{line}</p>" for line in _FLOOD_LINES)
        + '</article><div class="related">Read more: Varn river levels and the Tarnvel weather outlook'
        "</div></body></html>"
    )
    [article] = ingest([write("floods.html", page)]).articles
    assert article.body == "\n\n".join(_FLOOD_LINES)
    assert article.date == "" and article.iso_date == ""  # no date in the page: none made up


def test_html_readers_comments_in_paragraphs_are_left_out_with_the_main_text(write) -> None:
    # The comments are <p> elements in boxes no class names as furniture; trafilatura's main text leaves
    # them out, and it is all among the paragraphs: the paragraphs hold the article and more.
    comments = [
        f"Reader {i} wrote: the Varn council never fixes the levee, and now look at Quellby again, what a "
        "disgrace this is for everyone who lives down by the old mill."
        for i in range(8)
    ]
    page = (
        "<html><head><title>Floods</title></head><body><h1>Quellby floods</h1><article>"
        + "".join(f"<p>{line}</p>" for line in _FLOOD_LINES)
        + "</article><div id='disqus_thread'><ul>"
        + "".join(f"<li class='post'><div class='post-body'><p>{c}</p></div></li>" for c in comments)
        + "</ul></div></body></html>"
    )
    [article] = ingest([write("floods.html", page)]).articles
    assert article.body == "\n\n".join(_FLOOD_LINES)


def test_html_page_without_paragraphs_or_main_text_is_skipped_with_a_reason(write) -> None:
    [skipped] = ingest(
        [write("empty.html", "<html><head><title>Nothing</title></head><body></body></html>")]
    ).skipped
    assert "no article text" in skipped.reason


def test_html_file_holding_text_without_markup_is_read_as_the_text(write) -> None:
    # an extractor's output or a reader view saved under .html: no tag at all, paragraphs by blank lines
    text = "Quellby floods\n\n" + "\n\n".join(_FLOOD_LINES) + "\n\nLevels <3 m are safe & fine."
    [page] = ingest([write("floods.html", text)]).articles
    [plain] = ingest([write("floods.txt", text)]).articles
    assert (page.title, page.body) == (plain.title, plain.body)
    assert page.title == "Quellby floods"
    assert page.body == "\n\n".join(_FLOOD_LINES) + "\n\nLevels <3 m are safe & fine."
    assert ingest([write("bare.html", "<p>\n\n</p>")]).skipped  # markup, and no text in it: skipped
    # a browser's comment atop the page it saved is no markup either, nor its title
    saved = "<!-- saved from url=(0022)https://quellby.example -->\n" + text
    [article] = ingest([write("saved.html", saved)]).articles
    assert (article.title, article.body) == (page.title, page.body)
    # an address in angle brackets is no markup
    mail = "Quellby floods\n\nFrom: Quellwire <desk@quellwire.example>\n\n" + "\n\n".join(_FLOOD_LINES)
    [article] = ingest([write("mail.html", mail)]).articles
    assert article.body.startswith("From: Quellwire <desk@quellwire.example>")


def test_html_page_in_capitals_or_after_a_blank_line_is_read_as_markup(write) -> None:
    # an old page's <P> in capitals, no end tag written; the same page saved with a line break before it
    page = "<HTML><BODY>\n" + "".join(f"<P>{line}\n" for line in _FLOOD_LINES)
    for name, text in (("old.html", page), ("late.html", "\n" + page)):
        [article] = ingest([write(name, text)]).articles
        assert article.body == "\n\n".join(_FLOOD_LINES), name


def test_html_paragraphs_hold_more_than_the_main_text_past_15_percent_more_words() -> None:
    from pipeline.ingest.htmlpage import _more_around

    main = " ".join(f"w{i}" for i in range(20))
    # 3 words more are 15%, 4 are 20%: the paragraphs hold more than the main text
    assert (_more_around(main, f"{main} x y z"), _more_around(main, f"{main} x y z v")) == (False, True)
    # 24 words each: 18 of the main text's 20 (90%) are inside them, 17 (85%) are not
    inside = " ".join(f"w{i}" for i in range(18)) + " a b c d e f"
    outside = " ".join(f"w{i}" for i in range(17)) + " a b c d e f g"
    assert (_more_around(main, inside), _more_around(main, outside)) == (True, False)
    # a word written twice counts twice: 20 words and 2 more are 10% more
    twice = " ".join(f"w{i}" for i in (*range(10), *range(10)))
    assert _more_around(twice, f"{twice} x y") is False


def test_txt_file_holding_a_pages_source_is_read_as_the_page(write) -> None:
    page = (
        "<!DOCTYPE html>\n<html><head><title>Floods</title></head><body><h1>Quellby floods</h1><article>"
        + "".join(f"<p>{line}</p>" for line in _FLOOD_LINES)
        + "</article></body></html>"
    )
    [article] = ingest([write("floods.txt", page)]).articles
    assert (article.title, article.body) == ("Quellby floods", "\n\n".join(_FLOOD_LINES))


def test_html_page_of_links_only_is_skipped_with_a_reason(write) -> None:
    links = "".join(f'<li><a href="/s{i}">Quellby news section {i}</a></li>' for i in range(60))
    menu = write("menu.html", f"<html><body><nav><ul>{links}</ul></nav></body></html>")
    index = write("index.html", f"<html><body><div><ul>{links}</ul></div></body></html>")
    corpus = ingest([menu, index])
    assert not corpus.articles
    assert [s.reason for s in corpus.skipped] == [
        "HTML page holds links only (a menu or an index page), no article text"
    ] * 2


# --- encodings and bad input ------------------------------------------------------------------------


def test_latin1_and_bom_are_decoded_and_noted(write) -> None:
    latin = write("latin.txt", "Visit\nJosé Martínez flew to Zürich; “España” won.".encode("cp1252"))
    bom = write("bom.txt", "\ufeffTitle\nBody with BOM.".encode())
    corpus = ingest([latin, bom])
    bodies = {a.source: a for a in corpus.articles}
    assert bodies[str(latin)].body == "José Martínez flew to Zürich; “España” won."
    assert bodies[str(latin)].encoding == "cp1252"
    assert bodies[str(bom)].title == "Title"  # no BOM glued to the title
    assert corpus.encodings == ((str(latin), "cp1252"),)


def test_utf16_with_bom(write) -> None:
    path = write("wide.txt", "Title\nWide body.".encode("utf-16"))
    assert ingest([path]).articles[0].body == "Wide body."


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n \t\n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("nul.jsonl", b'{"text": "a"}\x00\x00', "binary"),
    ],
)
def test_bad_files_are_skipped_with_a_reason_and_good_ones_kept(write, name, content, reason) -> None:
    bad = write(name, content)
    good = write("good.txt", "Good\nGood body.")
    corpus = ingest([bad, good])
    assert [a.body for a in corpus.articles] == ["Good body."]
    assert [(s.source, reason in s.reason) for s in corpus.skipped] == [(str(bad), True)]


def test_unreadable_file_is_skipped(write, monkeypatch) -> None:
    bad = write("locked.txt", "Title\nBody.")
    write("good.txt", "Good\nGood body.")
    if os.geteuid() == 0:  # root reads through chmod 000, so make opening the file fail
        real = os.open

        def deny(path, *args, **kwargs):
            if Path(path).name == "locked.txt":
                raise PermissionError(13, "Permission denied", str(path))
            return real(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", deny)
    else:
        bad.chmod(0)
    corpus = ingest([bad.parent])
    assert [a.body for a in corpus.articles] == ["Good body."]
    [skipped] = corpus.skipped
    assert skipped.source == str(bad) and "Permission denied" in skipped.reason


def test_missing_path_raises_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(MissingPathError, match="nope.txt"):
        ingest([tmp_path / "nope.txt"])


def test_folder_without_supported_files_raises_a_usage_error(write, tmp_path: Path) -> None:
    write("notes.md", "# hi")
    with pytest.raises(NoInputsError, match="no supported input files"):
        ingest([tmp_path])


def test_unsupported_files_in_folders_are_listed_as_ignored(write, tmp_path: Path) -> None:
    write("a.txt", "T\nBody.")
    write("photo.jpg", b"\xff\xd8")
    corpus = ingest([tmp_path])
    assert corpus.ignored == (str(tmp_path / "photo.jpg"),)
    assert len(corpus.articles) == 1


def test_named_file_with_unsupported_extension_is_skipped(write) -> None:
    good = write("a.txt", "T\nBody.")
    odd = write("b.docx", b"PK")
    corpus = ingest([good, odd])
    assert [(s.source, "unsupported file type" in s.reason) for s in corpus.skipped] == [(str(odd), True)]
    # named alone, it is a usage error naming the file and the kinds that are read
    with pytest.raises(NoInputsError, match=r"b.docx is not a supported input \(supported: .txt, .jsonl"):
        ingest([odd])


def test_recursive_folders_with_a_symlink_loop_read_each_file_once(write, tmp_path: Path) -> None:
    write("deep/a/b/c/story.txt", "Deep\nDeep body.")
    (tmp_path / "deep" / "a" / "b" / "c" / "loop").symlink_to(tmp_path / "deep")
    corpus = ingest([tmp_path])
    assert [a.body for a in corpus.articles] == ["Deep body."]


def test_progress_reports_each_file(write, tmp_path: Path) -> None:
    write("a.txt", "A\nBody a.")
    write("b.txt", "B\nBody b.")
    calls: list[tuple[int, int]] = []
    ingest([tmp_path], progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 2), (2, 2)]
