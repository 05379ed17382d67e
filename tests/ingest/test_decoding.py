"""Bytes -> text for files that are not clean UTF-8 (pipeline.ingest.decoding): a few damaged bytes in a
UTF-8 file, short Windows-1252 and Latin-1 files, Mac Roman files, and the scripts charset-normalizer
already reads. Every text is invented; the names appear in no corpus."""

from __future__ import annotations

import json

import pytest

from pipeline.errors import InputError
from pipeline.ingest import ingest
from pipeline.ingest.decoding import decode

UTF8_STORY = "Quellby talks\n\nOrla Varnholm met Zoë Brånstad in Besançon, Tärnwick and Málvora.\n"


# --- a UTF-8 file with a stray byte ------------------------------------------------------------------


@pytest.mark.parametrize("stray", [b"\x80", b"\xe9", b"\xff", b"\xc3"])
def test_a_stray_byte_in_utf8_becomes_one_replacement_character(stray: bytes) -> None:
    data = UTF8_STORY.encode() + b"Price " + stray + b" 5.\n"
    decoded = decode(data, "stray.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.text == UTF8_STORY + "Price \ufffd 5.\n"
    assert decoded.replaced == ((4, stray[0]),)


def test_a_utf8_file_with_its_byte_order_mark_keeps_its_rows_despite_a_stray_byte(write) -> None:
    data = (
        b"\xef\xbb\xbf"
        + "id,text\n1,Orla Varnholm met Zoë Brånstad.\n2,Quellby caf".encode()
        + b"\xe9 opened.\n"
    )
    decoded = decode(data, "bom.csv")
    assert decoded.text.startswith("id,text") and "caf\ufffd opened" in decoded.text
    assert (decoded.encoding, decoded.replaced) == ("utf-8", ((3, 0xE9),))
    corpus = ingest([write("bom.csv", data)])
    assert [a.body for a in corpus.articles] == [
        "Orla Varnholm met Zoë Brånstad.",
        "Quellby caf\ufffd opened.",
    ]


def test_a_few_stray_bytes_are_each_replaced_and_listed_by_line() -> None:
    data = b"Orla Varnholm \xe9lu\n" + "Zoë Brånstad".encode() + b"\r\nin Quellby\x92s hall \x81\n"
    decoded = decode(data, "few.txt")
    assert decoded.text == "Orla Varnholm \ufffdlu\nZoë Brånstad\nin Quellby\ufffds hall \ufffd\n"
    assert decoded.replaced == ((1, 0xE9), (3, 0x92), (3, 0x81))
    assert decoded.note == (
        "utf-8; 3 undecodable bytes replaced by U+FFFD: 0xe9 on line 1, 0x92 on line 3, 0x81 on line 3"
    )


def test_the_note_names_the_first_replacements_and_counts_the_rest() -> None:
    data = "Zoë Brånstad\n".encode() * 9 + b"".join(b"bad \x80 byte\n" for _ in range(7))
    note = decode(data, "many.txt").note
    assert note.startswith("utf-8; 7 undecodable bytes replaced by U+FFFD: 0x80 on line 10, ")
    assert note.endswith("0x80 on line 14 and 2 more")


def test_stray_byte_in_jsonl_is_reported_with_file_and_line_and_other_lines_kept(write) -> None:
    lines = [
        json.dumps({"title": "Quellby vote", "text": "Zoë Brånstad won in Tärnwick."}, ensure_ascii=False),
        json.dumps(
            {"title": "Varnholm visit", "text": "Orla Varnholm came to Besançon."}, ensure_ascii=False
        ),
    ]
    data = (lines[0] + "\n").encode() + (lines[1] + "\n").encode().replace(b"Besan\xc3\xa7on", b"Besan\xe7on")
    path = write("feed.jsonl", data)
    corpus = ingest([path])
    assert [a.body for a in corpus.articles] == [
        "Zoë Brånstad won in Tärnwick.",
        "Orla Varnholm came to Besan\ufffdon.",
    ]
    assert {a.encoding for a in corpus.articles} == {"utf-8"}
    assert corpus.encodings == ((str(path), "utf-8; undecodable byte 0xe7 on line 2 replaced by U+FFFD"),)


def test_an_ascii_file_with_one_high_byte_reads_it_as_windows_1252() -> None:
    # One byte that no UTF-8 sequence holds is either damage or a Windows-1252 character; where the
    # Windows-1252 character reads as writing, that is what it is.
    assert decode(b"Orla Varnholm paid \x80 5 in Quellby caf\xe9s.", "one.txt")[:2] == (
        "Orla Varnholm paid € 5 in Quellby cafés.",
        "cp1252",
    )


# --- short Windows-1252 and Latin-1 files ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Pierre Orlan L’Varnholm came to Quellby in 1791 – and left.",
        "Maître Brånstad’s “Tärnwick” plan was voted down; it isn’t dead.",
        "Orla Varnholm (c. 1818 – January 8, 1901) was born in Málvora.",
        "Zoë Quellby’s café in Besançon: a 30 °C summer, 5 € a cup.",
        "I’m told HBO’s new series on the Varnholm family—a saga—began.",
        "Die Bürgermeisterin traf in Köln die Delegation aus Tärnwick.",
    ],
)
def test_short_windows_1252_text_is_read_as_windows_1252(text: str) -> None:
    decoded = decode(text.encode("cp1252"), "short.txt")
    assert (decoded.text, decoded.encoding) == (text, "cp1252")


def test_latin_1_text_is_read_through_its_windows_1252_superset() -> None:
    text = "José Núñez met Orla Varnholm in Zürich; «Málvora» won, don´t you know."
    assert decode(text.encode("latin-1"), "latin.txt")[:2] == (text, "cp1252")


# --- Mac Roman ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Clara Martínez Cantón met Orla Domínguez Fernández in Quellby.",
        "Zoë Brånstad’s “Tärnwick” plan: the mayor of Bogotá said no.",
        "I’m told the Varnholm café in Köln—near the Müller bakery—closed.",
        "Le maire a rencontré à Besançon les délégués de l’Élysée.",
    ],
)
def test_mac_roman_text_is_read_as_mac_roman(text: str) -> None:
    decoded = decode(text.encode("mac_roman"), "mac.txt")
    assert (decoded.text, decoded.encoding) == (text, "mac_roman")


def test_the_same_words_in_windows_1252_stay_windows_1252() -> None:
    text = "Clara Martínez Cantón met Orla Domínguez Fernández in Quellby."
    assert decode(text.encode("cp1252"), "win.txt")[:2] == (text, "cp1252")


# --- what charset-normalizer reads is still read ------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1251", "Заголовок\nЧиновники встретились в Квеллби с делегацией Орлы Варнхольм."),
        ("cp1253", "Τίτλος\nΟι αξιωματούχοι συναντήθηκαν στην Αθήνα με αντιπροσωπεία της κυβέρνησης."),
        ("cp1255", "כותרת\nהפקידים נפגשו בירושלים ביום שני עם משלחת של הממשלה."),
        ("gb2312", "标题\n官员们星期一在北京会见了政府代表团。"),
    ],
)
def test_other_scripts_keep_the_detected_encoding(encoding: str, text: str) -> None:
    decoded = decode(text.encode(encoding), "other.txt")
    assert decoded.text == text


@pytest.mark.parametrize("damage", [b"\xff\xfe\x80", b"\xed\xa0\xbd"])
def test_a_few_damaged_bytes_in_ascii_text_are_replaced_not_read_as_another_encoding(damage: bytes) -> None:
    # three bad bytes in a word of an all-ASCII export were read as Shift-JIS ("h\uf8f3\uf8f2\x80oped")
    # or Windows-1252 ("hí ½oped"), with no line reported
    lines = [
        b'{"title": "Quellby floods", "text": "Rain fell on Quellby for a week."}',
        b'{"title": "Varn harbour", "text": "The harbour of Varn reopened on Monday."}',
        b'{"title": "Osk bridge", "text": "The bridge at Osk was devel' + damage + b'oped in 1990."}',
    ]
    decoded = decode(b"\n".join(lines), "damaged.jsonl")
    assert decoded.encoding == "utf-8"
    assert "devel\ufffd\ufffd\ufffdoped" in decoded.text
    assert [line for line, _ in decoded.replaced] == [3, 3, 3]


def test_a_short_note_with_two_stray_control_characters_is_text() -> None:
    decoded = decode(b"Quellby floods\n\nRain\x01 fell\x02 on Quellby.", "note.txt")
    assert decoded.text == "Quellby floods\n\nRain fell on Quellby."
    with pytest.raises(InputError, match="binary file"):
        decode(b"\x01\x02\x03\x04\x05abc", "blob.txt")


def test_a_stray_nul_byte_is_dropped_and_the_text_kept() -> None:
    decoded = decode(b"Quellby floods\nThe Varn rose\x00 on Tuesday.\n", "nul.txt")
    assert (decoded.text, decoded.encoding) == ("Quellby floods\nThe Varn rose on Tuesday.\n", "utf-8")


def test_lines_of_nul_padding_are_left_empty_and_the_lines_around_them_read(write) -> None:
    records = [
        json.dumps({"title": f"Vote {n}", "text": f"Orla Varnholm spoke in Quellby {n}."}) for n in range(3)
    ]
    # a crashed writer's padding: a line of NULs between records, and NULs after the last one
    data = f"{records[0]}\n{records[1]}\n".encode() + bytes(600) + f"\n{records[2]}\n".encode() + bytes(4096)
    path = write("padded.jsonl", data)
    corpus = ingest([path], language=None)
    assert [a.title for a in corpus.articles] == ["Vote 0", "Vote 1", "Vote 2"]
    assert not corpus.skipped
    assert corpus.encodings == ((str(path), "utf-8; lines 3, 5 held only NUL bytes (padding?), left empty"),)
    # NULs inside the lines' text are a binary file's, not padding
    binary = write("binary.jsonl", b"\x00".join(r.encode() for r in records * 40))
    assert [s.reason for s in ingest([binary], language=None).skipped] == [
        "binary file (contains NUL bytes), not text"
    ]
    [zeros] = ingest([write("zeros.jsonl", bytes(100) + b"\n" + bytes(50))], language=None).skipped
    assert zeros.reason.startswith("binary file (")
