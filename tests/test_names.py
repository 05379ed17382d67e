"""Name normalization (pipeline.names) on invented names: the rules the docstring examples leave out."""

from __future__ import annotations

import pytest

from pipeline.names import close_surname, display_name, head_word, initials, name_key, strip_invisible


def test_initials_leave_out_the_article_al_and_el() -> None:
    assert initials("Dravik Ossan al-Tereth") == "DOT"
    assert initials("Varn el-Tesk Brigade") == "VTB"
    assert initials("Orvo Union of the Quell") == "OUQ"  # minor words too


def test_a_variation_selector_or_stray_accent_at_an_end_is_no_part_of_a_label() -> None:
    assert display_name("Quellby\ufe0f") == "Quellby"
    assert display_name("\u0301Ilse Varga") == "Ilse Varga"
    assert display_name("Ilse Varga\U0001f1eb") == "Ilse Varga"


def test_abbreviations_that_end_a_name_and_apostrophes_do_not_count() -> None:
    assert name_key("Drovan Mt") == "drovan mount"
    assert name_key("Osk Rd.") == "osk road"
    assert name_key("Varn Blvd") == "varn boulevard"
    assert name_key("O'Varn") == name_key("O’Varn") == name_key("OVarn") == "ovarn"


def test_a_connective_that_opens_a_name_is_not_its_head() -> None:
    assert head_word("For Quellby Council of Elders") == "council"
    assert head_word("Orvo Union") == "union"


def test_surnames_close_in_spelling_differ_by_two_letters_at_most() -> None:
    assert close_surname("ostrelvanderhoven", "ostrelvanderhovenen")  # two letters more
    assert not close_surname("ostrelvanderhoven", "ostrelvanderhovenson")  # three
    assert not close_surname("varga", "vargaes")  # a family, not a spelling


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ko\u200ffi Haldane", "Kofi Haldane"),  # a right-to-left mark inside a name
        ("Ko\u200efi Haldane", "Kofi Haldane"),
        ("Ko\u200dfi Hal\u200cdane", "Kofi Haldane"),  # joiners between Latin letters
        ("Kofi\ufe0f Haldane", "Kofi Haldane"),  # a variation selector after a letter
        ("Kofi\U000e0041\U000e0042 Haldane", "Kofi Haldane"),  # tag characters after a letter
        ("Kofi\u3164Haldane", "KofiHaldane"),  # the Hangul filler, a blank letter
        ("Ko\u061cfi Haldane", "Kofi Haldane"),  # the Arabic letter mark
        ("Jos\u00e9\u200d Varn", "Jos\u00e9 Varn"),  # a joiner after an accented Latin letter
        ("Ko\u00ad\u200dfi Haldane", "Kofi Haldane"),  # a joiner behind an invisible character
        ("The Oﬃce of the Quellby Ombudsman", "The Office of the Quellby Ombudsman"),
        ("ﬁve ﬂats", "five flats"),
        ("baﬀled by the baﬄing Quellby ﬆeam ﬅation", "baffled by the baffling Quellby steam station"),
    ],
)
def test_invisible_characters_and_ligatures_leave_a_plain_name(text: str, expected: str) -> None:
    assert strip_invisible(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "می\u200cخواهم",  # a Persian word's non-joiner
        "क्\u200dष",  # a Devanagari joiner
        "👨\u200d👩\u200d👧",  # an emoji family
        "❤\ufe0f",  # an emoji's presentation selector
        "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # a flag's tag sequence
    ],
)
def test_joiners_and_selectors_that_mean_something_stay(text: str) -> None:
    assert strip_invisible(text) == text
