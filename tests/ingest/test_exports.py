"""News database exports saved as .txt (LexisNexis, Nexis Uni, Factiva, ProQuest) and Excel's "Unicode
text" tables: one article per document, without the export's own lines. All names are invented."""

from __future__ import annotations

from pathlib import Path

from pipeline.ingest import ingest

FIRST = "Floodwaters rose across Quellby on Tuesday as the Varn river burst its banks."
SECOND = "Orla Quist said forty homes near the old mill had been evacuated overnight."
THIRD = "The Tarnvel council voted to rebuild the Oskport bridge before the winter storms."


def _read(path: Path) -> list[tuple[str, str, str, str]]:
    corpus = ingest([path], language=None)
    assert not corpus.skipped
    return [(a.title, a.iso_date, a.body, dict(a.metadata).get("byline", "")) for a in corpus.articles]


LEXIS = f"""                               1 of 2 DOCUMENTS


                            Quellby Courier

                          March 4, 2024 Monday

Varn river floods Quellby

BYLINE: Orla Quist

SECTION: NEWS

LENGTH: 30 words


{FIRST}

{SECOND}


LOAD-DATE: March 5, 2024

LANGUAGE: ENGLISH

PUBLICATION-TYPE: Newspaper


                               2 of 2 DOCUMENTS


                            Tarnvel Post

                          March 6, 2024 Wednesday

Bridge vote in Tarnvel

BYLINE: Bo Lindqvar

LENGTH: 14 words


{THIRD}


LOAD-DATE: March 7, 2024

LANGUAGE: ENGLISH
"""


def test_lexisnexis_export_gives_one_article_per_document(write) -> None:
    path = write("lexis.txt", LEXIS)
    assert _read(path) == [
        ("Varn river floods Quellby", "2024-03-04", f"{FIRST}\n\n{SECOND}", "Orla Quist"),
        ("Bridge vote in Tarnvel", "2024-03-06", THIRD, "Bo Lindqvar"),
    ]
    corpus = ingest([path], language=None)
    assert [a.source for a in corpus.articles] == [f"{path}:1", f"{path}:29"]  # the lines "k of 2 DOCUMENTS"
    assert dict(corpus.articles[1].metadata)["publication"] == "Tarnvel Post"


NEXIS_UNI = f"""Varn river floods Quellby
Quellby Courier
March 4, 2024 Monday
Copyright 2024 Quellby Courier Ltd
Section: NEWS
Length: 30 words
Byline: Orla Quist
Body

{FIRST}

{SECOND}

Load-Date: March 5, 2024

End of Document

Bridge vote in Tarnvel
Tarnvel Post
March 6, 2024 Wednesday
Copyright 2024 Tarnvel Post
Length: 14 words
Body

{THIRD}

Classification

Language: ENGLISH

End of Document
"""


def test_nexis_uni_export_gives_one_article_per_document(write) -> None:
    assert _read(write("uni.txt", NEXIS_UNI)) == [
        ("Varn river floods Quellby", "2024-03-04", f"{FIRST}\n\n{SECOND}", "Orla Quist"),
        ("Bridge vote in Tarnvel", "2024-03-06", THIRD, ""),
    ]


FACTIVA = f"""HD
Varn river floods Quellby
BY
Orla Quist
WC
30 words
PD
4 March 2024
SN
Quellby Courier
LA
English
CY
Copyright 2024 Quellby Courier
LP
{FIRST}
TD
{SECOND}
NS
gcat : Political/General News
AN
Document QUELCO0020240304ek340001


HD
Bridge vote in Tarnvel
WC
14 words
PD
6 March 2024
SN
Tarnvel Post
LP
{THIRD}
AN
Document TARNPO0020240306ek360002
"""


def test_factiva_export_gives_one_article_per_document(write) -> None:
    path = write("factiva.txt", FACTIVA)
    assert _read(path) == [
        ("Varn river floods Quellby", "2024-03-04", f"{FIRST}\n\n{SECOND}", "Orla Quist"),
        ("Bridge vote in Tarnvel", "2024-03-06", THIRD, ""),
    ]
    [first, _] = ingest([path], language=None).articles
    assert dict(first.metadata)["publication"] == "Quellby Courier"


RULE = "_" * 60
PROQUEST = f"""{RULE}

Varn river floods Quellby

Author: Quist, Orla

Publication info: Quellby Courier; Quellby [Quellby]. 04 Mar 2024.

ProQuest document link: https://search.example/docview/1

Full text: {FIRST}

{SECOND}

Subject: Floods

Publication date: Mar 4, 2024

Document URL: https://search.example/docview/1

{RULE}

Bridge vote in Tarnvel

Publication info: Tarnvel Post. 06 Mar 2024.

ProQuest document link: https://search.example/docview/2

Full text: {THIRD}

Copyright: Tarnvel Post

{RULE}
"""


def test_proquest_export_gives_one_article_per_document(write) -> None:
    assert _read(write("proquest.txt", PROQUEST)) == [
        ("Varn river floods Quellby", "2024-03-04", f"{FIRST}\n\n{SECOND}", "Quist, Orla"),
        ("Bridge vote in Tarnvel", "2024-03-06", THIRD, ""),
    ]


def test_plain_articles_holding_an_export_marker_once_are_not_split(write) -> None:
    texts = {
        "rule.txt": f"Quellby notes\n{FIRST}\n{RULE}\n{SECOND}\n",
        "end.txt": f"Quellby notes\n{FIRST}\n\nEnd of Document\n\n{SECOND}\n",
        "codes.txt": f"Quellby notes\nHD\n{FIRST}\nDocument QUELCO0020240304ek340001\n{SECOND}\n",
        "count.txt": f"Quellby notes\n1 of 2 DOCUMENTS\n{FIRST}\n2 of 2 DOCUMENTS\n{SECOND}\n",
    }
    for name, text in texts.items():
        [one] = ingest([write(name, text)], language=None).articles
        assert one.title == "Quellby notes", name


def test_excel_unicode_text_table_is_read_as_tsv(write) -> None:
    table = f"title\tdate\ttext\r\nVarn floods\t2024-03-04\t{FIRST}\r\nBridge vote\t2024-03-06\t{THIRD}\r\n"
    path = write("sheet.txt", table.encode("utf-16"))
    corpus = ingest([path], language=None)
    assert [(a.source, a.title, a.iso_date, a.body) for a in corpus.articles] == [
        (f"{path}:2", "Varn floods", "2024-03-04", FIRST),
        (f"{path}:3", "Bridge vote", "2024-03-06", THIRD),
    ]


def test_a_utf8_text_with_tabs_stays_one_article(write) -> None:
    text = f"title\tdate\ttext\nVarn floods\t2024-03-04\t{FIRST}\n"
    [one] = ingest([write("tabs.txt", text)], language=None).articles
    assert one.title == "title date text"


def _reasons(path: Path) -> list[str]:
    return [f"{s.source.rpartition(':')[2]} {s.reason}" for s in ingest([path], language=None).skipped]


def test_a_body_paragraph_that_begins_like_a_field_does_not_end_the_body(write) -> None:
    proquest = PROQUEST.replace(f"{SECOND}\n", f"Abstract: {SECOND}\n\n{THIRD}\n", 1)
    assert _read(write("pq.txt", proquest))[0][2] == f"{FIRST}\n\nAbstract: {SECOND}\n\n{THIRD}"
    uni = NEXIS_UNI.replace(f"{SECOND}\n", f"Notes: {SECOND}\n\n{THIRD}\n", 1)
    assert _read(write("uni.txt", uni))[0][2] == f"{FIRST}\n\nNotes: {SECOND}\n\n{THIRD}"
    lexis = LEXIS.replace(f"{SECOND}\n", f"SOURCE: {SECOND}\n\n{THIRD}\n", 1)
    assert _read(write("lexis.txt", lexis))[0][2] == f"{FIRST}\n\nSOURCE: {SECOND}\n\n{THIRD}"


def test_a_cover_page_or_trailer_is_left_out_and_noted(write) -> None:
    covers = {
        "lexis.txt": "Search Terms: Varn\nDocuments: 2\n\n" + LEXIS,
        "factiva.txt": "Search Summary\nText: Varn\n\n" + FACTIVA,
        "proquest.txt": f"Results\n\n{PROQUEST}\nContact ProQuest\nCopyright 2024 ProQuest LLC\n",
    }
    for name, text in covers.items():
        path = write(name, text)
        corpus = ingest([path], language=None)
        assert [a.title for a in corpus.articles] == [
            "Varn river floods Quellby",
            "Bridge vote in Tarnvel",
        ], name
        assert corpus.skipped and all("left out" in s.reason for s in corpus.skipped), name
    assert _reasons(path)[-1].startswith("37 ProQuest export: trailer (Contact ProQuest")


def test_a_document_without_body_is_skipped_not_the_export(write) -> None:
    factiva = FACTIVA.replace(f"LP\n{THIRD}\n", "")
    path = write("factiva.txt", factiva)
    assert [a.title for a in ingest([path], language=None).articles] == ["Varn river floods Quellby"]
    assert _reasons(path) == ["25 Factiva document 'Bridge vote in Tarnvel' has no text"]
    proquest = PROQUEST.replace(f"Full text: {THIRD}", f"Abstract: {THIRD}")
    path = write("proquest.txt", proquest)
    assert [a.title for a in ingest([path], language=None).articles] == ["Varn river floods Quellby"]
    assert _reasons(path) == ["23 ProQuest document 'Bridge vote in Tarnvel' has no text"]


def test_factiva_codes_written_on_the_line_of_their_value(write) -> None:
    oneline = FACTIVA
    for code in ("HD", "BY", "WC", "PD", "SN", "LA", "CY", "LP", "TD", "NS"):
        oneline = oneline.replace(f"{code}\n", f"{code} ")
    assert _read(write("factiva.txt", oneline)) == [
        ("Varn river floods Quellby", "2024-03-04", f"{FIRST}\n\n{SECOND}", "Orla Quist"),
        ("Bridge vote in Tarnvel", "2024-03-06", THIRD, ""),
    ]


def test_nexis_uni_cover_page_and_two_line_headline(write) -> None:
    cover = "Date and Time: Monday, March 11, 2024 9:00 AM EST\nJob Number: 4711\n\nDocuments (2)\n\n"
    two_lines = NEXIS_UNI.replace("Varn river floods Quellby\n", "Varn river floods\nQuellby streets\n", 1)
    path = write("uni.txt", cover + two_lines)
    corpus = ingest([path], language=None)
    first = corpus.articles[0]
    assert (first.title, dict(first.metadata)["publication"]) == (
        "Varn river floods Quellby streets",
        "Quellby Courier",
    )
    assert first.source == f"{path}:6"
    assert _reasons(path) == [
        "1 Nexis Uni export: cover page (Date and Time: Monday, March 11, 2024 9:00 AM EST...), no document: left out"
    ]


def test_export_fields_become_the_articles_metadata(write) -> None:
    lexis = LEXIS.replace("SECTION: NEWS\n", "SECTION: NEWS\n\nDATELINE: QUELLBY\n", 1)
    first = ingest([write("lexis.txt", lexis)], language=None).articles[0]
    assert first.metadata == (
        ("byline", "Orla Quist"),
        ("dateline", "QUELLBY"),
        ("publication", "Quellby Courier"),
        ("section", "NEWS"),
    )
    factiva = FACTIVA.replace("SN\nQuellby Courier\n", "SN\nQuellby Courier\nSE\nRegional News\n", 1)
    first = ingest([write("factiva.txt", factiva)], language=None).articles[0]
    assert first.metadata == (
        ("byline", "Orla Quist"),
        ("publication", "Quellby Courier"),
        ("section", "Regional News"),
    )


def test_text_after_the_last_factiva_document_is_left_out_and_quoted_short(write) -> None:
    trailer = "Search Summary: Varn floods and the Quellby bridge, all sources, all dates, in English\n"
    path = write("factiva.txt", FACTIVA + "\n" + trailer)
    assert [a.title for a in ingest([path], language=None).articles] == [
        "Varn river floods Quellby",
        "Bridge vote in Tarnvel",
    ]
    line = FACTIVA.count("\n") + 2  # after the export and its blank line
    assert len(trailer) > 61 and _reasons(path) == [
        f"{line} Factiva export: text after the last document ({trailer[:60]}...), no document: left out"
    ]


def test_an_export_cut_short_keeps_its_documents(write) -> None:
    # the download stopped after the third marker and its publication line
    lexis = LEXIS.replace("1 of 2", "1 of 3").replace("2 of 2", "2 of 3")
    lexis += "\n                               3 of 3 DOCUMENTS\n\n                            Osk Herald\n"
    path = write("lexis.txt", lexis)
    assert [a.title for a in ingest([path], language=None).articles] == [
        "Varn river floods Quellby",
        "Bridge vote in Tarnvel",
    ]
    assert _reasons(path) == [
        f"{lexis.count(chr(10)) - 2} LexisNexis document '' has no text"
    ]  # its marker's line
    # the last Factiva document lacks its closing "AN" and "Document" lines: read, with a note
    factiva = FACTIVA.replace("AN\nDocument TARNPO0020240306ek360002\n", "")
    corpus = ingest([write("factiva.txt", factiva)], language=None)
    assert [(a.title, a.note) for a in corpus.articles] == [
        ("Varn river floods Quellby", ""),
        ("Bridge vote in Tarnvel", "Factiva document cut short: no closing AN and Document line"),
    ]
    assert not corpus.skipped


def test_lexisnexis_downloads_joined_into_one_file_give_every_document(write) -> None:
    second = LEXIS.split("                               2 of 2 DOCUMENTS")[1]
    joined = (
        LEXIS + "\n                               1 of 1 DOCUMENTS" + second.replace("Tarnvel", "Oskmarch")
    )
    path = write("joined.txt", joined)
    assert [a.title for a in ingest([path], language=None).articles] == [
        "Varn river floods Quellby",
        "Bridge vote in Tarnvel",
        "Bridge vote in Oskmarch",
    ]
    assert not ingest([path], language=None).skipped
    # a marker out of order in a download is no export: one article, as a plain text is
    disordered = LEXIS.replace("2 of 2 DOCUMENTS", "3 of 2 DOCUMENTS")
    assert len(ingest([write("odd.txt", disordered)], language=None).articles) == 1
