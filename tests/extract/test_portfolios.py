"""Ministries and offices named by their portfolios (pipeline.extract.portfolios), on invented names."""

from __future__ import annotations

from pipeline.extract.entities import CharSpan
from pipeline.extract.portfolios import portfolios
from pipeline.extract.spans import ArticleText
from pipeline.wordlists import load_patterns

#: The model's nouns these tests need (its lemma index holds "medium", not "media").
_NOUNS = frozenset({"culture", "medium", "sport", "fishery", "defence", "affair", "health", "service"})
_NOUNS |= {"transport", "network", "rail", "highway"}
_ADJECTIVES = frozenset({"rural", "human"})


def _found(
    body: str, spans: list[CharSpan], *, nouns: frozenset[str] = _NOUNS, **known
) -> list[tuple[str, str]]:
    article = ArticleText(body, (), load_patterns(), common_words=(nouns,), adjectives=_ADJECTIVES, **known)
    return [(body[s.start : s.end], s.type) for s in portfolios(spans, article)]


def _at(body: str, name: str, label: str, kind: str) -> CharSpan:
    return CharSpan(body.index(name), body.index(name) + len(name), label, kind)


def test_a_ministry_named_by_its_portfolios_is_one_organization_in_place_of_its_pieces() -> None:
    body = (
        "The Quellian Department for Culture, Media and Sport and the Ministry of Fisheries, Rural "
        "Affairs & Health met the Department of Health and Human Services."
    )
    spans = [
        _at(body, "Quellian Department for Culture", "ORG", "group"),
        _at(body, "Media", "ORG", "group"),
        _at(body, "Sport", "ORG", "group"),
        _at(body, "Rural Affairs & Health", "ORG", "group"),
    ]
    assert _found(body, spans) == [
        ("Quellian Department for Culture, Media and Sport", "group"),  # the model's start kept
        ("Ministry of Fisheries, Rural Affairs & Health", "group"),  # untagged head, tagged tail
        ("Department of Health and Human Services", "group"),  # "Services" heads portfolios too
    ]


def test_another_name_the_model_ran_into_the_ministry_stays_its_own() -> None:
    body = "Grants came from the Quell Arts Council and Department for Culture, Media and Sport."
    spans = [_at(body, "Quell Arts Council and Department for Culture", "ORG", "group")]
    assert _found(body, spans) == [
        ("Quell Arts Council", "group"),
        ("Department for Culture, Media and Sport", "group"),
    ]
    # a name of its own that the model read in the list is no portfolio
    body = "It was backed by the Department for Transport, Network Rail and Highway Services."
    spans = [_at(body, "Network Rail", "ORG", "group"), _at(body, "Highway Services", "ORG", "group")]
    assert _found(body, spans) == [("Network Rail", "group"), ("Highway Services", "group")]


def test_names_listed_after_a_ministry_stay_names() -> None:
    body = "The Ministry of Defence, Varnby and Osk signed; so did the Ministry of Defence, the Treasury and Tarn."
    varnby, osk = _at(body, "Varnby", "GPE", "place"), _at(body, "Osk", "GPE", "place")
    assert _found(body, [varnby, osk]) == [("Varnby", "place"), ("Osk", "place")]
    # a place's name, or an organization's head, is no portfolio
    body = "The Office of Health and Quellmoor, and the Office of Culture and Sport Commission, met."
    assert _found(body, [], places=frozenset({"Quellmoor"})) == []
    # nor a list whose last runs on into a name that is no holder's ("Highways Varnland", a body)
    body = "It was backed by the Department for Transport, Network Rail and Highways Varnland."
    assert _found(body, []) == []
    # nor one that goes on into a name of its own
    body = "County of Tarn, Department of Health, and Culture of Varn, defendants, and Sport's Media."
    assert _found(body, []) == []


def test_the_last_portfolio_ends_before_the_name_or_the_holder_after_it() -> None:
    body = "The Department for Culture, Media and Sport Secretary Orla Quist and the Ministry of Culture and Sport Ilse Varn spoke."
    spans = [_at(body, "Orla Quist", "PERSON", "person"), _at(body, "Ilse Varn", "PERSON", "person")]
    assert _found(body, spans, given_names=frozenset({"Orla", "Ilse"})) == [
        ("Department for Culture, Media and Sport", "group"),
        ("Orla Quist", "person"),
        ("Ministry of Culture and Sport", "group"),
        ("Ilse Varn", "person"),
    ]


def test_places_the_model_read_are_no_portfolios_even_when_its_nouns_hold_them() -> None:
    body = "The Minister for Culture and North Sport, Orla Quist, and the Ministry of Culture and Health met."
    spans = [_at(body, "North Sport", "LOC", "place"), _at(body, "Orla Quist", "PERSON", "person")]
    found = _found(body, spans, nouns=_NOUNS | {"north"})
    assert found == [
        ("North Sport", "place"),
        ("Orla Quist", "person"),
        ("Ministry of Culture and Health", "group"),
    ]


def test_an_office_named_by_its_portfolios_is_a_title_and_names_nothing() -> None:
    body = "The Secretary of State for Culture, Media and Sport, Orla Quist, met Minister for Health and Fisheries Tarn Osk."
    spans = [
        _at(body, "State for Culture", "ORG", "group"),
        _at(body, "Media", "ORG", "group"),
        _at(body, "Orla Quist", "PERSON", "person"),
        _at(body, "Health and Fisheries Tarn Osk", "PERSON", "person"),
    ]
    # a span running from the portfolio into the holder's name is left as it was
    assert _found(body, spans) == [
        ("Orla Quist", "person"),
        ("Health and Fisheries Tarn Osk", "person"),
    ]
