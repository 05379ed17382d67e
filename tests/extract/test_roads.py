"""Roads named by their numbers (pipeline.extract.roads), in invented stories."""

from __future__ import annotations

import pytest

from pipeline.extract.entities import CharSpan
from pipeline.extract.roads import roads
from pipeline.extract.spans import ArticleText
from pipeline.wordlists import load_patterns

_LABELS = {"person": "PERSON", "group": "ORG", "place": "GPE", "other": "PRODUCT", "number": "CARDINAL"}


def _found(body: str, *names: tuple[str, str]) -> list[tuple[str, str, str]]:
    spans = [CharSpan(body.index(n), body.index(n) + len(n), _LABELS[t], t) for n, t in names]
    return [
        (body[s.start : s.end], s.type, s.origin)
        for s in roads(spans, ArticleText(body, (), load_patterns()))
    ]


@pytest.mark.parametrize(
    ("body", "road"),
    [
        ("A lorry overturned on I-317 near Quellby on Tuesday.", "I-317"),
        ("Interstate 19 reopened after the flood.", "Interstate 19"),
        ("Follow US-214 to Varnhollow.", "US-214"),
        ("The diner sits on old Route 92 outside Oskton.", "Route 92"),
        ("Crews closed Highway 407 and State Route 18 overnight.", "Highway 407"),
        ("Take Hwy 61 out of Drovenport.", "Hwy 61"),
        ("Take Hwy. 61 out of Drovenport.", "Hwy. 61"),
        ("They drove County Road 12 to the farm.", "County Road 12"),
    ],
)
def test_a_road_named_by_its_number_is_a_place_wherever_it_stands(body: str, road: str) -> None:
    assert (road, "place", "road") in _found(body)


def test_a_carriageway_after_the_number_is_part_of_the_road_unless_a_name_follows() -> None:
    assert _found("Drive I-317 West, then turn off.") == [("I-317 West", "place", "road")]
    assert _found("I-317 North Quellia is closed.") == [("I-317", "place", "road")]
    assert _found("I-317 Westfield exit") == [("I-317", "place", "road")]


def test_a_british_road_counts_where_the_article_speaks_of_roads() -> None:
    body = "Take the M93 northbound to junction 4. The A817 and the B2291 link Quellby with Varnhollow."
    assert _found(body) == [("M93", "place", "road"), ("A817", "place", "road"), ("B2291", "place", "road")]
    assert _found("Leave the A9(M) at the second exit.") == [("A9(M)", "place", "road")]


@pytest.mark.parametrize(
    "body",
    [
        "Print it on A4 paper and sign it.",
        "The soldiers carried M16 rifles into Quellby.",
        "Eggs are rich in B12, the dietitian said.",
        "The A380 landed at Quellby at noon.",
        "The US 50 states each sent a delegate.",
        "Write to 4 Quell Road, Varnchester M1 2AB.",
        "The US 3-1 win over Quellia.",
    ],
)
def test_a_letter_and_number_elsewhere_is_no_road(body: str) -> None:
    assert _found(body) == []


def test_an_immigration_form_is_no_interstate() -> None:
    assert _found("She showed her I-20 at the desk.") == []
    assert _found("Employers must keep an I-9 on file.") == []
    assert _found("The I-94 record was lost.") == []
    assert _found("Traffic on I-94 was slow.") == [("I-94", "place", "road")]


def test_the_road_replaces_the_models_fragments_and_a_longer_name_keeps_it() -> None:
    body = "Snow closed US 214 and the Route 92 Diner near Oskton."
    found = _found(body, ("US", "place"), ("214", "number"), ("Route 92 Diner", "group"), ("Oskton", "place"))
    assert found == [
        ("US 214", "place", "road"),
        ("Route 92 Diner", "group", "model"),
        ("Oskton", "place", "model"),
    ]


def test_us_route_is_one_road() -> None:
    assert _found("Historic U.S. Route 92 crosses Quellia.") == [("U.S. Route 92", "place", "road")]
