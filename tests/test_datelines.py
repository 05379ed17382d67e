"""Lines shaped like a wire story's dateline (pipeline.datelines), on invented names."""

from __future__ import annotations

import pytest

from pipeline.datelines import dateline_candidates, dateline_date


def _pieces(body: str) -> list[tuple[str, str, str, str]]:
    def text(offsets: tuple[int, int] | None) -> str:
        return body[offsets[0] : offsets[1]] if offsets else ""

    return [(text(d.city), text(d.region), text(d.agency), d.date) for d in dateline_candidates(body)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("OSKBURG , Velmora 2024-03-02\n\nTalks.", ("OSKBURG", "Velmora", "", "2024-03-02")),
        ("OSKBURG, Velmora (Quellwire) - Talks.", ("OSKBURG", "Velmora", "Quellwire", "")),
        ("VARNTON, March 5, 2024 (QTV) — Talks.", ("VARNTON", "", "QTV", "March 5, 2024")),
        ("Varnton (QTV) — Talks ended.", ("Varnton", "", "QTV", "")),
        ("PORT OSKAR, Qll. (QTV) -- Talks.", ("PORT OSKAR", "", "QTV", "")),  # an abbreviation is no region
        ("UPDATE - Talks ended.", ("UPDATE", "", "", "")),  # shaped so: extraction asks the word lists
        # a month after the comma is no region, with no day or before an ISO date
        ("VARNTON, June (QTV) - Talks.", ("VARNTON", "", "QTV", "")),
        ("OSKBURG, May 2024-03-02\n\nTalks.", ("OSKBURG", "", "", "2024-03-02")),
        # nor a day of the week, which was read as a place
        ("VARNHOLT, Monday, Dec 5 (Quellwire) - Talks.", ("VARNHOLT", "", "Quellwire", "Dec 5")),
        ("VARNHOLT, Thurs. (QTV) - Talks.", ("VARNHOLT", "", "QTV", "")),
        ("VARNHOLT, Sunderby (QTV) - Talks.", ("VARNHOLT", "Sunderby", "QTV", "")),
    ],
)
def test_shapes(body: str, expected: tuple[str, str, str, str]) -> None:
    assert _pieces(body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        "Varnton - Talks ended.",  # title case without an agency
        "SOCCER - QUELLBY WIN AT VARNHOLT .",  # a headline in capitals
        "Talks ended in VARNTON 2024-03-02.",
        "One.\n\nTwo.\n\nThree.\n\nVARNTON 2024-03-02",  # past the first three lines
        "x" * 500 + "\nVARNTON 2024-03-02",
    ],
)
def test_not_shaped_like_a_dateline(body: str) -> None:
    assert _pieces(body) == []


def test_the_date_needs_a_year() -> None:
    assert dateline_date("VARNTON, 5 March 2024 (QTV) - Talks.") == "5 March 2024"
    assert dateline_date("VARNTON, March 5 (QTV) - Talks.") == ""
    assert dateline_date("Talks ended on 2024-03-02.") == ""


def test_the_story_starts_after_the_dash_of_a_dateline_on_any_of_the_first_lines() -> None:
    body = "Quellby talks\nOSKBURG, Velmora (Quellwire) — Talks resumed."
    assert [d.text for d in dateline_candidates(body)] == [body.index("Talks")]
    assert [d.text for d in dateline_candidates("OSKBURG , Velmora 2024-03-02\n\nTalks.")] == [-1]  # own line


@pytest.mark.parametrize(
    ("body", "in_doubt"),
    [
        ("OSKBURG - Talks ended.", True),  # nothing but a dash: "UPDATE - ...", a byline
        ("OSKBURG, Velmora - Talks ended.", False),  # a region says it is a place
        ("OSKBURG, Dec 5 - Talks ended.", False),  # so does a date
        ("OSKBURG (QTV) - Talks ended.", False),  # and an agency
    ],
)
def test_a_city_in_capitals_with_only_a_dash_after_it_is_in_doubt(body: str, in_doubt: bool) -> None:
    [dateline] = dateline_candidates(body)
    assert dateline.needs_more(body[dateline.city[0] : dateline.city[1]]) is in_doubt
