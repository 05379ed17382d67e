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
