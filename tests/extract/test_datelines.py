"""A wire story's dateline (pipeline.extract.datelines), on invented names."""

from __future__ import annotations

import pytest

from pipeline.extract.datelines import datelines
from pipeline.extract.entities import CharSpan
from pipeline.extract.spans import ArticleText
from pipeline.wordlists import load_patterns

_LABELS = {"person": "PERSON", "group": "ORG", "place": "GPE", "other": "DATE"}


def _article(body: str, *, places: frozenset[str] = frozenset()) -> ArticleText:
    return ArticleText(
        body,
        (),
        load_patterns(),
        linked_places=places,
        common_words=(frozenset({"soccer", "update", "analysis"}), frozenset({"watch"})),
    )


def _found(
    body: str, *names: tuple[str, str], places: frozenset[str] = frozenset()
) -> list[tuple[str, str, str]]:
    spans = [CharSpan(body.index(n), body.index(n) + len(n), _LABELS[t], t) for n, t in names]
    return [
        (body[s.start : s.end], s.type, s.origin) for s in datelines(spans, _article(body, places=places))
    ]


def test_a_dateline_on_its_own_line_names_the_city_and_its_region() -> None:
    body = "Orla Quist\n\nVARNHOLT , Quellia 2011-04-09\n\nThe Oskar Rovers won at home ."
    # the model took the byline and the team, and neither the city nor the country
    assert _found(body, ("Orla Quist", "person"), ("Oskar Rovers", "group")) == [
        ("Orla Quist", "person", "model"),
        ("VARNHOLT", "place", "dateline"),
        ("Quellia", "place", "dateline"),
        ("Oskar Rovers", "group", "model"),
    ]


def test_a_dateline_opening_the_first_paragraph_names_the_city_and_the_agency() -> None:
    body = "DROVENPORT, Velmora (Quellwire) - The talks ended on Friday."
    # the model called the city an organization and the country a person
    assert _found(body, ("DROVENPORT", "group"), ("Velmora", "person")) == [
        ("DROVENPORT", "place", "dateline"),
        ("Velmora", "place", "dateline"),
        ("Quellwire", "group", "dateline"),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a date after the comma is no region
        ("PORT OSKAR, Dec. 5 (Quellwire) - Talks ended.", [("PORT OSKAR", "place"), ("Quellwire", "group")]),
        ("Varnholt (QTV) — Talks ended on Friday.", [("Varnholt", "place"), ("QTV", "group")]),
        # an abbreviated state is left to the model
        ("VARNHOLT, Qll. (Quellwire) — Talks ended.", [("VARNHOLT", "place"), ("Quellwire", "group")]),
        ("ST. OSKAR 2011-04-09\n\nTalks ended.", [("ST. OSKAR", "place")]),
    ],
)
def test_dateline_shapes(body: str, expected: list[tuple[str, str]]) -> None:
    assert [(text, kind) for text, kind, _ in _found(body)] == expected


def test_a_known_place_in_capitals_is_the_dateline_even_when_the_model_lists_it_as_a_noun() -> None:
    # "QUELLTON" is a place the gazetteer knows, and a word of the model's noun list as well
    body = "QUELLTON, Qll. -- Talks ended."
    article = ArticleText(
        body,
        (),
        load_patterns(),
        linked_places=frozenset({"Quellton"}),
        common_words=(frozenset({"quellton"}), frozenset()),
    )
    spans = [CharSpan(0, 8, "GPE", "place")]
    assert [(body[s.start : s.end], s.origin) for s in datelines(spans, article)] == [
        ("QUELLTON", "dateline")
    ]


@pytest.mark.parametrize(
    "body",
    [
        "SOCCER - QUELLBY WIN AT VARNHOLT .\n\nQuellby won.",  # a kicker before a headline in capitals
        "UPDATE - Talks ended on Friday.",  # a common word
        "UPDATED - Talks ended on Friday.",  # and its forms
        "FACTBOX - Talks ended on Friday.",  # a desk's label
        "ORLA QUIST - Staff writer",  # a byline: a dash, and no place anyone knows
        "Varnholt - Talks ended on Friday.",  # title case without an agency: any sentence
        "The talks ended.\n\nMore text.\n\nStill more.\n\nVARNHOLT 2011-04-09",  # past the first lines
        "Talks ended in VARNHOLT 2011-04-09 as planned.",  # not the start of a line
    ],
)
def test_no_dateline(body: str) -> None:
    assert _found(body) == []


def test_a_dash_after_a_city_the_gazetteer_knows_is_enough() -> None:
    body = "VARNHOLT WEST — Talks ended on Friday."
    assert _found(body) == []  # two words no list knows: a byline's name as often
    assert _found(body, places=frozenset({"Varnholt West"})) == [("VARNHOLT WEST", "place", "dateline")]
    body = "VARNHOLT — Talks ended on Friday."
    # one word of no language, no given name: a town too small for the gazetteer
    assert _found(body) == [("VARNHOLT", "place", "dateline")]
    assert _found(body, places=frozenset({"Varnholt"})) == [("VARNHOLT", "place", "dateline")]
    # or a city the model tagged as a place or an organization itself
    assert _found(body, ("VARNHOLT", "group")) == [("VARNHOLT", "place", "dateline")]
    # but not a common word, even when the model tagged it: the model's span stands as it was
    assert _found("UPDATE - Talks ended on Friday.", ("UPDATE", "group")) == [("UPDATE", "group", "model")]
    # a region after the comma is enough on its own
    assert _found("VARNHOLT, Quellia - Talks ended.") == [
        ("VARNHOLT", "place", "dateline"),
        ("Quellia", "place", "dateline"),
    ]


def test_a_colon_after_a_city_in_capitals_is_a_dateline_only_for_a_place_the_gazetteer_knows() -> None:
    places = frozenset({"Varnholt", "Osk Tarrim"})
    assert _found("OSK TARRIM: The court sat on Friday.", places=places) == [
        ("OSK TARRIM", "place", "dateline")
    ]
    assert _found("VARNHOLT: Talks ended.", ("VARNHOLT", "group"), places=places) == [
        ("VARNHOLT", "place", "dateline")
    ]
    # a speaker's name, a desk's label or a town no list knows, even one the model tagged: no dateline
    assert _found("QUELLBRIDGE: We will win, she said.", ("QUELLBRIDGE", "person"), places=places) == [
        ("QUELLBRIDGE", "person", "model")
    ]
    assert _found("UPDATE: Talks ended.", places=places) == []
    # a place the gazetteer knows is the dateline even when its name is a word too
    assert _found("ANALYSIS: Talks ended.", places=places | {"Analysis"}) == [
        ("ANALYSIS", "place", "dateline")
    ]
    assert _found("Varnholt: Talks ended.", places=places) == []  # in title case, a heading's word


def test_the_models_own_place_stands_and_overlapping_spans_give_way() -> None:
    body = "PORT OSKAR 2011-04-09\n\nTalks ended."
    # the model ran the city's last word into the date
    found = _found(body, ("PORT", "place"), ("OSKAR 2011-04-09", "other"))
    assert found == [("PORT OSKAR", "place", "dateline")]
    body = "VARNHOLT (Quellwire) - Talks ended."
    # the model's own place stands, read as the dateline's: its vote weighs as the layout's does
    assert _found(body, ("VARNHOLT", "place")) == [
        ("VARNHOLT", "place", "dateline"),
        ("Quellwire", "group", "dateline"),
    ]
