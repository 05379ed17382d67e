"""Offices named after their officials (pipeline.extract.offices), on invented names."""

from __future__ import annotations

from pipeline.extract.entities import CharSpan
from pipeline.extract.offices import offices
from pipeline.extract.spans import ArticleText
from pipeline.wordlists import load_patterns


def _found(body: str, spans: list[CharSpan]) -> list[tuple[str, str]]:
    return [(body[s.start : s.end], s.type) for s in offices(spans, ArticleText(body, (), load_patterns()))]


def _at(body: str, name: str, label: str, kind: str) -> CharSpan:
    return CharSpan(body.index(name), body.index(name) + len(name), label, kind)


def test_an_office_named_after_its_official_is_one_organization_in_place_of_its_pieces() -> None:
    body = (
        "The Varnby County Sheriff's Office called the Quellby District Attorney's Office, and the "
        "Osk County Medical Examiner’s Office named the man, as did the Tarn Attorney General's Office."
    )
    spans = [_at(body, "Quellby", "GPE", "place"), _at(body, "Osk County Medical Examiner", "ORG", "group")]
    assert _found(body, spans) == [
        ("Varnby County Sheriff's Office", "group"),  # untagged, without the sentence's "The"
        ("Quellby District Attorney's Office", "group"),
        ("Osk County Medical Examiner’s Office", "group"),
        ("Tarn Attorney General's Office", "group"),
    ]


def test_an_office_that_does_not_say_whose_it_is_or_a_name_reaching_outside_it_is_left_alone() -> None:
    opening = (
        "On Monday Varnby County Sheriff's Office said so. But Quellby District Attorney's Office agreed."
    )
    assert _found(opening, []) == [
        ("Varnby County Sheriff's Office", "group"),  # the sentence's first words are no part of it
        ("Quellby District Attorney's Office", "group"),
    ]
    body = "The District Attorney's Office and Quellmoor Sheriff's Office staff met in Tarn's Court."
    reaching_out = CharSpan(body.index("and Quellmoor"), body.index(" Sheriff"), "ORG", "group")
    assert _found(body, [reaching_out]) == [("and Quellmoor", "group")]
    assert _found(body, []) == [("Quellmoor Sheriff's Office", "group")]


def test_an_office_starts_in_its_own_sentence_and_the_pieces_of_no_ones_office_are_no_names() -> None:
    body = (
        "Rain fell on Monday. Osk County Clerk's Office closed. Ilse wrote to the Attorney General's Office."
    )
    spans = [_at(body, "Monday", "DATE", "other"), _at(body, "General", "ORG", "person")]
    assert _found(body, spans) == [
        ("Monday", "other"),  # the sentence before stays out of the name
        ("Osk County Clerk's Office", "group"),
    ]  # "General" of an office that says not whose: no one
