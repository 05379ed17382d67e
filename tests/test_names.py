"""Name normalization (pipeline.names) on invented names: the rules the docstring examples leave out."""

from __future__ import annotations

from pipeline.names import close_surname, display_name, head_word, initials, name_key


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
