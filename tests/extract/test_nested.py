"""The place an organization or a building is named after (pipeline.extract.nested)."""

from __future__ import annotations

import re

from pipeline.extract.entities import CharSpan
from pipeline.extract.nested import nested_places
from pipeline.extract.spans import ArticleText
from pipeline.wordlists import load_patterns

#: Invented places: "Quellby" and "Port Drovia" are well known as places; "Osk" (a noun as well, like
#: "Bath") counts after "of" and before a building's head; "Varnley" (a first name as well, like
#: "Houston") only after "of".
_PLACES = frozenset({"Quellby", "Port Drovia"})
_BUILDINGS = _PLACES | {"Osk"}
_LINKED = _BUILDINGS | {"Varnley"}


def _spans(body: str, names: list[tuple[str, str, str]]) -> list[CharSpan]:
    spans = []
    for name, label, kind in names:
        match = re.search(re.escape(name), body)
        assert match is not None, name
        spans.append(CharSpan(match.start(), match.end(), label, kind))
    return spans


def _nested(body: str, names: list[tuple[str, str, str]]) -> list[str]:
    article = ArticleText(
        body, (), load_patterns(), _PLACES, linked_places=_LINKED, building_places=_BUILDINGS
    )
    result = nested_places(_spans(body, names), article)
    return [f"{body[s.start : s.end]}:{s.type}" for s in result if s.origin == "nested"]


def test_the_place_after_of_or_at_in_an_organization_name_is_a_place_mention() -> None:
    body = "She studied at the University of Quellby and taught at the Institute of the Osk at Varnley."
    names = [("University of Quellby", "ORG", "group"), ("Institute of the Osk at Varnley", "ORG", "group")]
    assert _nested(body, names) == ["Quellby:place", "Osk:place", "Varnley:place"]


def test_the_place_an_organization_name_starts_with_is_a_place_mention() -> None:
    body = "Quellby Rovers beat Port Drovia Athletic and Varnley Mills FC."
    names = [
        ("Quellby Rovers", "ORG", "group"),
        ("Port Drovia Athletic", "ORG", "group"),
        ("Varnley Mills FC", "ORG", "group"),  # named after a person Varnley as likely as the town
    ]
    assert _nested(body, names) == ["Quellby:place", "Port Drovia:place"]


def test_a_team_is_named_after_its_town_a_town_that_is_a_first_name_too() -> None:
    body = "Varnley Comets beat Varnley Partners, the Varnley Games and Varnley City Library Rangers this season."
    names = [
        ("Varnley Comets", "ORG", "group"),  # a town and a plural: a team
        ("Varnley Partners", "ORG", "group"),  # a firm, named after a person Varnley as likely
        ("Varnley Games", "ORG", "group"),  # an event
        ("Varnley City Library Rangers", "ORG", "group"),  # more than a town before the plural
    ]
    assert _nested(body, names) == ["Varnley:place"]
    body = "Varnley Homes bought the site."  # no story on sport: a founder's name as likely
    assert _nested(body, [("Varnley Homes", "ORG", "group")]) == []


def test_a_building_is_in_the_place_it_starts_with_only_when_its_last_word_says_it_is_a_building() -> None:
    body = "From Quellby Cemetery to the Quellby Chronicle, past Quellby Avenue and Osk University."
    names = [
        ("Quellby Cemetery", "FAC", "place"),
        ("Quellby Chronicle", "FAC", "place"),
        ("Quellby Avenue", "FAC", "place"),
        ("Osk University", "ORG", "group"),  # a place that is a noun too starts a building's name
    ]
    assert _nested(body, names) == ["Quellby:place", "Osk:place"]
    body = "Osk Rovers played at the Quellby Film Festival, not the Varnley Space Centre."
    names = [
        ("Osk Rovers", "ORG", "group"),  # "Osk" is a noun too: no place before a team's name
        ("Quellby Film Festival", "EVENT", "other"),  # an event is where it is held
        ("Varnley Space Centre", "FAC", "place"),  # named after a person Varnley as likely
    ]
    assert _nested(body, names) == ["Quellby:place"]
    assert nested_places([], ArticleText("", (), load_patterns())) == []


def test_an_event_the_model_called_an_organization_or_a_building_is_held_in_the_place_it_starts_with() -> (
    None
):
    body = "The Quellby Yacht Race and the Port Drovia Summit, then the Quellby Chronicle Cup at Osk Hall."
    names = [
        ("Quellby Yacht Race", "ORG", "other"),  # typed "other" by its head, as the Quellby Cup is
        ("Port Drovia Summit", "FAC", "other"),
        ("Osk Hall", "FAC", "place"),  # a building stands in the place, as before
    ]
    assert _nested(body, names) == ["Quellby:place", "Port Drovia:place", "Osk:place"]
    # a work's title is not searched, whatever its last word
    assert _nested(body, [("Quellby Yacht Race", "WORK_OF_ART", "other")]) == []
    # a city that is a first name too ("Varnley") counts right before the event's head, not before a surname
    body = "He missed the Varnley Test and won the Varnley Quist Cup."
    names = [("Varnley Test", "ORG", "other"), ("Varnley Quist Cup", "EVENT", "other")]
    assert _nested(body, names) == ["Varnley:place"]
    body = "Varnley Homes bought the site."  # no story on sport: a founder's name as likely
    assert _nested(body, [("Varnley Homes", "ORG", "group")]) == []


def test_people_peoples_and_places_are_not_searched_and_a_place_must_end_the_linked_words() -> None:
    body = (
        "Varnley Quist met the Quellby Osk, the Quellbians and the Church of Quellby Saints in "
        "Osk, then the Bank of Osk."
    )
    names = [
        ("Varnley Quist", "PERSON", "person"),
        ("Quellby Osk", "GPE", "place"),
        ("Quellbians", "NORP", "person"),
        ("Church of Quellby Saints", "ORG", "group"),  # "Quellby Saints" is another name
        ("Osk", "GPE", "place"),
        ("Bank of Osk", "ORG", "group"),
    ]
    assert _nested(body, names) == ["Osk:place"]  # of the bank, nowhere else
    # a place the article itself names counts, though no gazetteer lists it
    body = "The Drovenmark Orchestra played in Drovenmark."
    names = [("Drovenmark Orchestra", "ORG", "group"), ("Drovenmark", "GPE", "place")]
    assert _nested(body, names) == ["Drovenmark:place"]


def test_an_airport_is_named_after_the_town_it_serves_a_bay_or_street_is_not_in_it() -> None:
    body = "Flights left Quellby International Airport and Port Drovia Airport for Quellby Bay, not Varnley Airport."
    names = [
        ("Quellby International Airport", "FAC", "place"),
        ("Port Drovia Airport", "ORG", "group"),
        ("Quellby Bay", "LOC", "place"),  # a bay or a street is not in the town it starts with
        ("Varnley Airport", "FAC", "place"),  # a first name as well: named after a person as likely
    ]
    assert _nested(body, names) == ["Quellby:place", "Port Drovia:place"]
    body = "Gliders left Quellby Airfield and Port Drovia Aerodrome."
    names = [("Quellby Airfield", "FAC", "place"), ("Port Drovia Aerodrome", "FAC", "place")]
    assert _nested(body, names) == ["Quellby:place", "Port Drovia:place"]


def test_a_companys_legal_name_is_not_in_the_place_it_starts_with() -> None:
    body = "Quellby Motor Corp. and Port Drovia Holdings bought Quellby Rovers and the Bank of Quellby."
    names = [
        ("Quellby Motor Corp.", "ORG", "group"),  # a founder's name or a brand as often
        ("Port Drovia Holdings", "ORG", "group"),
        ("Quellby Rovers", "ORG", "group"),
        ("Bank of Quellby", "ORG", "group"),  # after "of" it is the place
    ]
    assert _nested(body, names) == ["Quellby:place", "Quellby:place"]


def test_a_park_is_named_after_a_person_or_its_surroundings_not_the_town_it_is_in() -> None:
    body = "Crowds filled Quellby Park and Osk Gardens, the Quellby Museum and Port Drovia Olympic Park."
    names = [
        ("Quellby Park", "FAC", "place"),
        ("Osk Gardens", "FAC", "place"),
        ("Quellby Museum", "FAC", "place"),
        ("Port Drovia Olympic Park", "FAC", "place"),  # a longer name starts with its town
    ]
    assert _nested(body, names) == ["Quellby:place", "Port Drovia:place"]


def test_a_memorial_or_statue_honours_a_person_and_is_in_no_town_of_its_name() -> None:
    body = "Wreaths lay at the Quellby Memorial, by the Osk Statue and in the Quellby Chapel."
    names = [
        ("Quellby Memorial", "FAC", "place"),
        ("Osk Statue", "FAC", "place"),
        ("Quellby Chapel", "FAC", "place"),  # a chapel stands in its town
    ]
    assert _nested(body, names) == ["Quellby:place"]
