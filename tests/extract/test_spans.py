"""Repairs on an article's character spans (pipeline.extract.spans): acronyms, propagation, lists."""

from __future__ import annotations

import re

import pytest

from pipeline.extract.entities import CharSpan
from pipeline.extract.spans import ArticleText, abbreviations, add_acronyms, coordinated_places, propagate
from pipeline.wordlists import load_patterns


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("the Syrian Democratic Forces (SDF) said", [("SDF", "Syrian Democratic Forces")]),
        ("weapons of the Hayat Tahrir al-Sham (HTS) militants", [("HTS", "Hayat Tahrir al-Sham")]),
        (
            "Earlier, the Syrian Observatory for Human Rights (SOHR) said",
            [("SOHR", "Syrian Observatory for Human Rights")],
        ),
        (
            "the Islamic State of Iraq and the Levant (ISIL) claimed",
            [("ISIL", "Islamic State of Iraq and the Levant")],
        ),
        ("the Kurdistan Workers' Party (PKK) said", []),  # initials do not fit: no guess
        ("in Ras Al-Ain (Sare Kaniyeh) area", []),
        ("prices rose (3%) last year", []),
    ],
)
def test_abbreviation_definitions(text, pairs) -> None:
    assert abbreviations(text) == pairs


def _text(body: str) -> ArticleText:
    return ArticleText(body, tuple(abbreviations(body)), load_patterns())


def test_acronym_mentions_follow_their_definition() -> None:
    body = "The Arab World Press (AWP) said. Later AWP said more."
    spans = [CharSpan(4, 20, "ORG", "group")]
    added = add_acronyms(spans, _text(body))
    assert [(body[s.start : s.end], s.origin) for s in added] == [
        ("Arab World Press", "model"),
        ("AWP", "acronym"),
    ]
    # the model tagged only the short form: the definition names the long form too
    body = "Médecins Sans Frontières (MSF) said. MSF clinics closed."
    spans = [CharSpan(26, 29, "ORG", "group"), CharSpan(37, 40, "ORG", "group")]
    added = add_acronyms(spans, _text(body))
    assert ("Médecins Sans Frontières", "acronym") in [(body[s.start : s.end], s.origin) for s in added]


def test_a_definition_names_an_organization_or_a_place_the_model_tagged_nowhere() -> None:
    body = "Quellby Mining and Energy Union (QMEU) members met at the Varnby Memorial Stadium (VMS)."
    body += " Sea Surface Salinity (SSS) rose. The Tarn mining and energy union (TMEU) agreed."
    added = add_acronyms([], _text(body))
    assert [(body[s.start : s.end], s.type, s.origin) for s in added] == [
        ("Quellby Mining and Energy Union", "group", "acronym"),  # its head noun says what it is
        ("QMEU", "group", "acronym"),
        ("Varnby Memorial Stadium", "place", "acronym"),
        ("VMS", "place", "acronym"),
    ]  # "Sea Surface Salinity" ends on no head noun: a term, not an entity; "Tarn mining and energy
    # union" is in small letters after its first word: a description, not a name


def test_a_definition_joins_the_pieces_the_model_cut_an_organization_into() -> None:
    body = "Officers of Varn Revenue and Tolls (VRT) and the Board of Control for Darts in Quellia (BCDQ) met"
    body += " Orla Quist (OQ) of the Tarn Fund. The Osk Valley (OV) was cold. Varn Security Service's (VSS) staff met."

    def at(name: str, label: str, kind: str) -> CharSpan:
        return CharSpan(body.index(name), body.index(name) + len(name), label, kind)

    spans = [
        at("Varn Revenue", "ORG", "group"),
        at("Tolls", "ORG", "group"),
        at("Board of Control for Darts", "ORG", "group"),
        at("Quellia", "GPE", "place"),
        at("Orla Quist", "PERSON", "person"),
        at("Osk", "GPE", "place"),  # no organization among the pieces, no organization's head
        at("Varn Security Service", "ORG", "group"),  # the definition's possessive is no part of the name
    ]
    added = add_acronyms(spans, _text(body))
    assert [(body[s.start : s.end], s.type) for s in added] == [
        ("Varn Revenue and Tolls", "group"),
        ("VRT", "group"),
        ("Board of Control for Darts in Quellia", "group"),
        ("BCDQ", "group"),
        ("Orla Quist", "person"),
        ("OQ", "person"),
        ("Osk", "place"),
        ("Varn Security Service", "group"),
    ]


def test_the_acronym_of_what_is_no_entity_is_none_either() -> None:
    body = "Cases of Quellby Varn Fever (QVF) rose. QVF spread."
    long = body.index("Quellby")
    spans = [
        CharSpan(long, long + 18, "PERSON", "other"),
        CharSpan(body.index("QVF spread"), body.index("QVF spread") + 3, "ORG", "group"),
    ]
    added = add_acronyms(spans, _text(body))
    assert [(body[s.start : s.end], s.type) for s in added] == [
        ("Quellby Varn Fever", "other"),
        ("QVF", "other"),
        ("QVF", "other"),
    ]


def test_propagation_tags_exact_repeats_and_surnames_but_not_inside_other_names() -> None:
    body = (
        "Idlib was hit. Residents of Idlib fled. Janet Yellen spoke. Yellen left. Idlibi food is Idlib-made."
    )
    spans = [CharSpan(0, 5, "GPE", "place"), CharSpan(40, 52, "PERSON", "person")]
    found = [(body[s.start : s.end], s.origin, s.type) for s in propagate(spans, _text(body))]
    assert found == [
        ("Idlib", "model", "place"),
        ("Idlib", "propagated", "place"),
        ("Janet Yellen", "model", "person"),
        ("Yellen", "propagated", "person"),
        ("Idlib", "propagated", "place"),  # "Idlib-made" names Idlib; "Idlibi" does not
    ]


def test_one_word_read_only_in_a_caption_is_not_spread_into_the_story_but_a_longer_name_and_the_storys_are() -> (
    None
):
    from pipeline.records import CAPTIONS_BREAK

    body = "Varnby beat Lakeport at home. Varnby fans sang." + CAPTIONS_BREAK + "Varnby play Lakeport in May."
    caption = body.index(CAPTIONS_BREAK)
    spans = [
        CharSpan(0, 6, "GPE", "place"),
        CharSpan(body.index("Lakeport", caption), len(body) - 8, "GPE", "place"),
    ]
    found = [(s.start < caption, body[s.start : s.end], s.origin) for s in propagate(spans, _text(body))]
    assert (True, "Lakeport", "propagated") not in found
    assert (False, "Varnby", "propagated") in found and (True, "Varnby", "propagated") in found
    body = "Zobo Quellers sold out. Fans love them." + CAPTIONS_BREAK + "Zobo Quellers on stage."
    caption = body.index(CAPTIONS_BREAK)
    spans = [CharSpan(caption + 3, caption + 16, "ORG", "group")]  # a name of two words, read in the caption
    found = [(s.start < caption, body[s.start : s.end], s.origin) for s in propagate(spans, _text(body))]
    assert (True, "Zobo Quellers", "propagated") in found


def test_a_name_the_model_cut_short_is_the_full_name_the_article_writes_there() -> None:
    # The model tagged "West Quellic Ice Sheet" whole once, and cut it short, or in two, where the text
    # writes it again; "Varnby" before "Swans" is the team the article names, not the town.
    body = (
        "The West Quellic Ice Sheet may break. Divers saw the West Quellic Ice Sheet melt. "
        "The Varnby Swans won. Varnby Swans fans cheered in Varnby."
    )
    at = [body.index("West"), body.index("West", 10), body.index("Varnby"), body.index("Varnby Swans f")]
    spans = [
        CharSpan(at[0], at[0] + 22, "LOC", "place"),
        CharSpan(at[1], at[1] + 16, "LOC", "place"),  # "West Quellic Ice"
        CharSpan(at[2], at[2] + 12, "ORG", "group"),
        CharSpan(at[3], at[3] + 6, "GPE", "place"),  # "Varnby" and "Swans", two names
        CharSpan(at[3] + 7, at[3] + 12, "ORG", "group"),
        CharSpan(body.rindex("Varnby"), len(body) - 1, "GPE", "place"),
    ]
    found = [(body[s.start : s.end], s.origin, s.type) for s in propagate(spans, _text(body))]
    assert found == [
        ("West Quellic Ice Sheet", "model", "place"),
        ("West Quellic Ice Sheet", "propagated", "place"),
        ("Varnby Swans", "model", "group"),
        ("Varnby Swans", "propagated", "group"),
        ("Varnby", "model", "place"),
    ]


def test_a_name_reaching_past_a_longer_names_occurrence_stays() -> None:
    # "Quell River" is a name of the article, but where the model read "River Basin Authority" the text
    # holds no "Quell River" to extend: that name reaches past it, and nothing changes.
    body = "The Quell River rose. The Quell River Basin Authority met."
    spans = [
        CharSpan(4, 15, "LOC", "place"),
        CharSpan(body.index("River Basin"), body.index(" met"), "ORG", "group"),
    ]
    found = [(body[s.start : s.end], s.origin) for s in propagate(spans, _text(body))]
    assert found == [("Quell River", "model"), ("River Basin Authority", "model")]


def test_a_name_reaching_into_a_longer_names_occurrence_from_before_stays() -> None:
    # "Osk Quell" reaches into the occurrence of "Quell River Authority" from before it: the model read
    # another name there, and "River Authority" is not replaced by a name overlapping "Osk Quell".
    body = "The Quell River Authority met. The Osk Quell River Authority did not."
    second = body.index("Osk")
    spans = [
        CharSpan(4, 25, "ORG", "group"),
        CharSpan(second, second + 9, "GPE", "place"),  # "Osk Quell"
        CharSpan(second + 10, second + 25, "ORG", "group"),  # "River Authority"
    ]
    found = [(body[s.start : s.end], s.origin) for s in propagate(spans, _text(body))]
    assert found == [("Quell River Authority", "model"), ("Osk Quell", "model"), ("River Authority", "model")]


def test_a_date_inside_a_longer_names_occurrence_keeps_the_names_as_they_are() -> None:
    # "Quellby 1889 Club" where the model read a place, a year and no more: the year is no cut-short name
    body = "The Quellby 1889 Club won. Fans of Quellby 1889 Club cheered."
    second = body.index("Quellby", 10)
    spans = [
        CharSpan(4, 21, "ORG", "group"),
        CharSpan(second, second + 7, "GPE", "place"),
        CharSpan(second + 8, second + 12, "DATE", "date"),
    ]
    found = [(body[s.start : s.end], s.origin) for s in propagate(spans, _text(body))]
    assert found == [("Quellby 1889 Club", "model"), ("Quellby", "model"), ("1889", "model")]


def test_a_number_ending_a_longer_names_occurrence_keeps_the_names_as_they_are() -> None:
    # "Varn 5", a channel, where the model read the group "Varn" and the count "5": the number is a span
    # of its own to the occurrence's last character, and the name is not extended over it
    body = "Varn 5 aired it. Then Varn 5 aired more."
    second = body.index("Varn", 5)
    spans = [
        CharSpan(0, 6, "ORG", "group"),
        CharSpan(second, second + 4, "ORG", "group"),
        CharSpan(second + 5, second + 6, "CARDINAL", "number"),
    ]
    found = [(body[s.start : s.end], s.origin) for s in propagate(spans, _text(body))]
    assert found == [("Varn 5", "model"), ("Varn", "model"), ("5", "model")]


def test_a_one_word_name_does_not_replace_the_names_its_hyphen_joins() -> None:
    # the model read "Varn-Tessaly" as one name once; where the talks are between Varn and Tessaly it
    # tagged the two: a name without a space replaces no names inside it
    body = "Varn-Tessaly talks began. Varn-Tessaly talks ended."
    second = body.index("Varn", 5)
    spans = [
        CharSpan(0, 12, "GPE", "place"),
        CharSpan(second, second + 4, "GPE", "place"),
        CharSpan(second + 5, second + 12, "GPE", "place"),
    ]
    found = [(body[s.start : s.end], s.origin) for s in propagate(spans, _text(body))]
    assert found == [("Varn-Tessaly", "model"), ("Varn", "model"), ("Tessaly", "model")]


def test_a_name_replaced_as_cut_short_is_no_piece_of_a_shorter_name_after() -> None:
    # "West Quellic" and "Ice Sheet" were cut from "West Quellic Ice Sheet"; once replaced, "Ice Sheet"
    # is no name any more, and "Ice Sheet Melts" (named in another sentence) does not start from it
    body = (
        "The West Quellic Ice Sheet may break. The Ice Sheet Melts report came. "
        "Divers saw the West Quellic Ice Sheet Melts."
    )
    report, last = body.index("Ice Sheet Melts"), body.index("West", 10)
    spans = [
        CharSpan(4, 26, "LOC", "place"),
        CharSpan(report, report + 15, "ORG", "group"),
        CharSpan(last, last + 12, "LOC", "place"),  # "West Quellic"
        CharSpan(last + 13, last + 22, "LOC", "place"),  # "Ice Sheet"
    ]
    found = [(body[s.start : s.end], s.origin) for s in propagate(spans, _text(body))]
    assert found == [
        ("West Quellic Ice Sheet", "model"),
        ("Ice Sheet Melts", "model"),
        ("West Quellic Ice Sheet", "propagated"),
    ]


def test_a_surname_of_three_letters_is_propagated_one_of_two_is_not() -> None:
    body = "Orla Vek met Ilse Vo. Vek left; Vo stayed."
    spans = [CharSpan(0, 8, "PERSON", "person"), CharSpan(13, 20, "PERSON", "person")]
    found = [(body[s.start : s.end], s.origin, s.type) for s in propagate(spans, _text(body))]
    assert found == [
        ("Orla Vek", "model", "person"),
        ("Ilse Vo", "model", "person"),
        ("Vek", "propagated", "person"),
    ]


def test_a_surname_spelled_another_way_is_the_persons_too_unless_a_common_word_or_a_place() -> None:
    body = (
        "Orla Varnetsky spoke. Varnetskiy, also spelled Varnetskyy, left Varnetsk. Ada Mercant met Merchant."
    )
    spans = [
        CharSpan(0, 14, "PERSON", "person"),
        CharSpan(body.index("Ada"), body.index(" met"), "PERSON", "person"),
    ]
    article = ArticleText(
        body,
        (),
        load_patterns(),
        places=frozenset({"Varnetsk"}),
        common_words=(frozenset({"merchant"}), frozenset()),
    )
    found = [(body[s.start : s.end], s.origin, s.type) for s in propagate(spans, article)]
    assert found == [
        ("Orla Varnetsky", "model", "person"),
        ("Varnetskiy", "propagated", "person"),
        ("Varnetskyy", "propagated", "person"),
        ("Ada Mercant", "model", "person"),
    ]


def test_propagation_skips_a_repeat_that_is_a_word_of_a_longer_name() -> None:
    # The model tagged "Treasurer" alone once; before "Orsa Quist" it is the trimmed title, and before
    # "Swans" a word of the team's name: neither is another mention of the same name.
    body = "The Treasurer spoke. Treasurer Orsa Quist and the Varnby Swans met. Treasurer, Varnby agreed."
    spans = [
        CharSpan(4, 13, "PERSON", "person"),
        CharSpan(body.index("Orsa"), body.index(" and"), "PERSON", "person"),
        CharSpan(body.index("Swans"), body.index(" met"), "ORG", "group"),
        CharSpan(body.index("Varnby agreed"), body.index(" agreed"), "GPE", "place"),
    ]
    found = [(body[s.start : s.end], s.origin) for s in propagate(spans, _text(body))]
    assert found == [
        ("Treasurer", "model"),
        ("Orsa Quist", "model"),
        ("Swans", "model"),
        ("Treasurer", "propagated"),  # followed by a comma: a repeat
        ("Varnby", "model"),
    ]


def test_a_surname_that_is_a_building_or_place_noun_is_not_propagated(vocab) -> None:
    body = "Quellan Mosque is old. The Mosque and Dr Varn met Varn there."
    spans = [
        CharSpan(0, 14, "PERSON", "person"),
        CharSpan(body.index("Dr Varn") + 3, body.index(" met"), "PERSON", "person"),
    ]
    found = [body[s.start : s.end] for s in propagate(spans, ArticleText(body, (), vocab.patterns))]
    assert found == ["Quellan Mosque", "Varn", "Varn"]


def test_names_listed_after_a_locative_preposition_are_places(vocab) -> None:
    body = "The prisoners included 18 civilians from Al-Darbasiyah and Amuda in the countryside."
    spans = [CharSpan(41, 54, "LOC", "place"), CharSpan(59, 64, "PERSON", "person")]
    assert [s.type for s in coordinated_places(spans, ArticleText(body, (), vocab.patterns))] == [
        "place",
        "place",
    ]
    body = "Boats sail from Quellby and Osk, and Varnair flies in."  # one "and" ends a list
    spans = [
        CharSpan(16, 23, "GPE", "place"),
        CharSpan(28, 31, "GPE", "place"),
        CharSpan(37, 44, "PERSON", "person"),
    ]
    assert [s.type for s in coordinated_places(spans, ArticleText(body, (), vocab.patterns))] == [
        "place",
        "place",
        "person",
    ]
    body = "In Drovenport, Orsa Quist, the minister, spoke."
    spans = [CharSpan(3, 13, "GPE", "place"), CharSpan(15, 25, "PERSON", "person")]
    assert [s.type for s in coordinated_places(spans, ArticleText(body, (), vocab.patterns))] == [
        "place",
        "person",  # an apposition, not a list: a list ends with "and" or "or"
    ]
    body = "He starred in the Quellby Hall and Orsa Quist comedy."  # a full name the model called a person
    spans = [CharSpan(18, 30, "FAC", "place"), CharSpan(35, 45, "PERSON", "person")]
    assert [s.type for s in coordinated_places(spans, ArticleText(body, (), vocab.patterns))] == [
        "place",
        "person",
    ]
    body = "Fans gathered in Drovenport and Orsa Quist Stadium."  # a thing's head: no full name
    spans = [CharSpan(17, 27, "GPE", "place"), CharSpan(32, 50, "PERSON", "person")]
    assert [s.type for s in coordinated_places(spans, ArticleText(body, (), vocab.patterns))] == [
        "place",
        "place",
    ]
    body = "It cut jobs around Quellia, and Varnco is cutting more."  # a new clause, not a list
    spans = [CharSpan(19, 26, "GPE", "place"), CharSpan(32, 38, "PERSON", "person")]
    assert [s.type for s in coordinated_places(spans, ArticleText(body, (), vocab.patterns))] == [
        "place",
        "person",
    ]
    body = "Clinics in Quellia and Varnco were full."  # no comma: a list, then its verb
    spans = [CharSpan(11, 18, "GPE", "place"), CharSpan(23, 29, "ORG", "group")]
    assert [s.type for s in coordinated_places(spans, ArticleText(body, (), vocab.patterns))] == [
        "place",
        "place",
    ]
    body = "Talks between Ilsa Marrow and Amuda Smith."
    spans = [CharSpan(14, 25, "PERSON", "person"), CharSpan(30, 41, "PERSON", "person")]
    assert [s.type for s in coordinated_places(spans, ArticleText(body, (), vocab.patterns))] == [
        "person",
        "person",
    ]


def test_a_well_known_place_listed_with_places_is_a_place_whatever_the_models_label(vocab) -> None:
    body = "Towns served are Tarnby, Velmoor, and Quellbridge; guests were Orsa Quist, Tarnby and Velmoor."

    def spans():
        names = [("Tarnby", "GPE"), ("Velmoor", "GPE"), ("Quellbridge", "PERSON")]
        first = [CharSpan(body.index(n), body.index(n) + len(n), label, TYPE[label]) for n, label in names]
        second = body.index("Orsa")
        return [
            *first,
            CharSpan(second, second + 10, "PERSON", "person"),
            CharSpan(body.rindex("Tarnby"), body.rindex("Tarnby") + 6, "GPE", "place"),
            CharSpan(body.rindex("Velmoor"), body.rindex("Velmoor") + 7, "GPE", "place"),
        ]

    known = ArticleText(
        body, (), vocab.patterns, linked_places=frozenset({"Quellbridge", "Tarnby", "Velmoor"})
    )
    types = [s.type for s in coordinated_places(spans(), known)]
    assert types == ["place", "place", "place", "person", "place", "place"]  # a personal name is no place
    unknown = ArticleText(body, (), vocab.patterns, linked_places=frozenset({"Tarnby", "Velmoor"}))
    assert [s.type for s in coordinated_places(spans(), unknown)][2] == "person"  # not in the gazetteer
    # one place is no list of places
    body = "Guests were Tarnby and Quellbridge."
    two = [CharSpan(12, 18, "GPE", "place"), CharSpan(23, 34, "PERSON", "person")]
    assert [
        s.type
        for s in coordinated_places(
            two, ArticleText(body, (), vocab.patterns, linked_places=frozenset({"Quellbridge", "Tarnby"}))
        )
    ] == ["place", "person"]


TYPE = {"GPE": "place", "PERSON": "person"}


def test_names_followed_by_a_year_are_cited_authors() -> None:
    from pipeline.extract.spans import cited_authors

    body = "As shown (Quellan & Varnet, 2011) and by Oskarby et al. (2019), Drovenport Council met. In Bruga, 2019 was dry."
    spans = [
        CharSpan(body.index("Quellan"), body.index("Quellan") + 16, "ORG", "group"),
        CharSpan(body.index("Oskarby"), body.index("Oskarby") + 13, "ORG", "group"),
        CharSpan(body.index("Drovenport"), body.index("Drovenport") + 18, "ORG", "group"),
        CharSpan(body.index("Bruga"), body.index("Bruga") + 5, "GPE", "place"),
    ]
    found = [(body[s.start : s.end], s.type) for s in cited_authors(spans, _text(body))]
    assert found == [
        ("Quellan", "person"),
        ("Varnet", "person"),
        ("Oskarby", "person"),
        ("Drovenport Council", "group"),
        ("Bruga", "place"),
    ]


def test_a_body_or_a_team_before_a_year_is_no_author() -> None:
    from pipeline.extract.spans import cited_authors

    body = "Figures (Quellby Health Organization, 2019) and a career: Quellport Ravens (2012), Varnet (2014)."
    names = ["Quellby Health Organization", "Quellport Ravens", "Varnet"]
    spans = [CharSpan(body.index(n), body.index(n) + len(n), "ORG", "group") for n in names]
    article = ArticleText(body, (), load_patterns(), places=frozenset({"Quellport"}))
    found = [(body[s.start : s.end], s.type) for s in cited_authors(spans, article)]
    assert found == [
        ("Quellby Health Organization", "group"),  # a head noun: the body wrote it
        ("Quellport Ravens", "group"),  # a known place and a plural: a team
        ("Varnet", "person"),
    ]


def test_every_author_of_a_citation_is_a_person() -> None:
    from pipeline.extract.spans import cited_authors

    body = "Memory improved (Quellan, Varnet, & Oskarby, 2002; Brannoc and Tessaly 1999)."
    names = [("Quellan", "ORG", "group"), ("Varnet", "GPE", "place"), ("Brannoc", "ORG", "group")]
    spans = [CharSpan(body.index(n), body.index(n) + len(n), label, kind) for n, label, kind in names]
    found = [(body[s.start : s.end], s.type) for s in cited_authors(spans, _text(body))]
    assert found == [(n, "person") for n in ("Quellan", "Varnet", "Oskarby", "Brannoc", "Tessaly")]


def test_co_authors_possessive_citations_and_later_mentions_of_an_author_are_people() -> None:
    from pipeline.extract.spans import cited_authors

    body = (
        "Scores differ (Quellan, Varnet, Oskarby, & Tessaly, 2016, p. 4). Brannoc's (1987) account and "
        "Marrow (2001) agree. Quellan and colleagues disagree. In Bruga, 2019 was dry."
    )
    names = [
        ("Quellan", "PERSON", "person"),
        ("Brannoc", "ORG", "group"),
        ("Quellan and", "ORG", "group"),
    ]
    spans = []
    for text, label, kind in names:
        start = body.index(text, spans[-1].end if spans else 0)
        end = start + len(text.removesuffix(" and"))
        spans.append(CharSpan(start, end, label, kind))
    spans.append(CharSpan(body.index("Marrow"), body.index("Marrow") + 6, "GPE", "place"))
    found = [(body[s.start : s.end], s.type, s.origin) for s in cited_authors(spans, _text(body))]
    assert found == [
        ("Quellan", "person", "model"),
        ("Varnet", "person", "citation"),  # co-authors the model left untagged
        ("Oskarby", "person", "citation"),
        ("Tessaly", "person", "citation"),
        ("Brannoc", "person", "model"),  # "Brannoc's (1987)"
        ("Marrow", "person", "model"),
        ("Quellan", "person", "model"),  # an author elsewhere in the article
    ]


def test_a_list_of_names_without_a_year_cites_no_one_and_each_author_of_a_citation_is_found_once() -> None:
    from pipeline.extract.spans import cited_authors

    body = (
        "Memory improved (Quist, Varga and Orlov, 2011). The winners were Tessaly, Marrow, Brannoc and others. "
        "Scores differ (Drovik, Quellan Osk, & Yarrow, 2019)."
    )
    names = [
        ("Quist", "ORG", "group"),
        ("Tessaly", "GPE", "place"),
        ("Marrow", "GPE", "place"),
        ("Brannoc", "GPE", "place"),
        ("Drovik", "PERSON", "person"),
        ("Quellan Osk", "ORG", "group"),
        ("Yarrow", "GPE", "place"),
    ]
    spans = [CharSpan(body.index(n), body.index(n) + len(n), label, kind) for n, label, kind in names]
    found = [(body[s.start : s.end], s.type, s.origin) for s in cited_authors(spans, _text(body))]
    assert found == [
        ("Quist", "person", "model"),
        ("Varga", "person", "citation"),  # co-authors the model left untagged
        ("Orlov", "person", "citation"),
        ("Tessaly", "place", "model"),  # a list that ends in no year: no citation
        ("Marrow", "place", "model"),
        ("Brannoc", "place", "model"),
        ("Drovik", "person", "model"),  # every author tagged: each once, none added again as a co-author
        ("Quellan Osk", "person", "model"),
        ("Yarrow", "person", "model"),
    ]


def _in_order(body: str, names: list[tuple[str, str, str]]) -> list[CharSpan]:
    """Spans of (text, label, type), each found in ``body`` after the one before it."""
    spans, cursor = [], 0
    for text, label, kind in names:
        start = body.index(text, cursor)
        spans.append(CharSpan(start, start + len(text), label, kind))
        cursor = start + len(text)
    return spans


def test_a_surname_of_a_person_named_in_full_is_that_person_whatever_the_model_called_it() -> None:
    from pipeline.extract.spans import surnames_are_people

    body = "Orsa Quist met Ilmar Varnholt in Drovenport. Quist spoke; Varnholt left Drovenport for Quellby."
    names = [
        ("Orsa Quist", "PERSON", "person"),
        ("Ilmar Varnholt", "PERSON", "person"),
        ("Drovenport", "GPE", "place"),
        ("Quist", "WORK_OF_ART", "other"),
        ("Varnholt", "GPE", "place"),
        ("Quellby", "ORG", "group"),
    ]
    spans = _in_order(body, names)
    article = ArticleText(body, (), load_patterns(), frozenset({"Varnholt"}))
    found = [(body[s.start : s.end], s.type) for s in surnames_are_people(spans, article)]
    assert found == [
        ("Orsa Quist", "person"),
        ("Ilmar Varnholt", "person"),
        ("Drovenport", "place"),
        ("Quist", "person"),
        ("Varnholt", "place"),  # a well-known place of that name stays what the model said
        ("Quellby", "group"),
    ]
    body = 'Gov. Orsa Varn-Quist and Ilmar McTarn came. "No," Varn-Quist said; McTarn agreed.'
    names = [
        ("Orsa Varn-Quist", "PERSON", "person"),
        ("Ilmar McTarn", "PERSON", "person"),
        ("Varn-Quist", "WORK_OF_ART", "other"),  # a double-barrelled surname, after a quotation
        ("McTarn", "ORG", "group"),
    ]
    spans = surnames_are_people(_in_order(body, names), ArticleText(body, (), load_patterns()))
    assert [s.type for s in spans] == ["person"] * 4


def test_the_first_word_of_one_full_name_alone_is_that_person_where_the_model_called_it_a_place() -> None:
    from pipeline.extract.spans import surnames_are_people

    body = (
        "Tarnaka Hiroe and Wirasak Phonkaew spoke. Tarnaka left; Wirasak stayed. Quellda Motors and "
        "Quellda Varo met. Quellda sold. The Tarks Poet read; Tarks won. Osk Marae is Osk Marae; Osk is."
    )
    names = [
        ("Tarnaka Hiroe", "PERSON", "person"),
        ("Wirasak Phonkaew", "PERSON", "person"),
        ("Tarnaka", "ORG", "group"),
        ("Wirasak", "GPE", "place"),
        ("Quellda Motors", "ORG", "group"),
        ("Quellda Varo", "PERSON", "person"),
        ("Quellda", "ORG", "group"),
        ("Tarks Poet", "PERSON", "person"),
        ("Tarks", "ORG", "group"),
        ("Osk Marae", "PERSON", "person"),
        ("Osk Marae", "LOC", "place"),
        ("Osk", "LOC", "place"),
    ]
    article = ArticleText(body, (), load_patterns(), common_words=(frozenset({"poet"}),))
    found = dict(
        (body[s.start : s.end], s.type) for s in surnames_are_people(_in_order(body, names), article)
    )
    assert (found["Tarnaka"], found["Wirasak"]) == ("group", "person")  # a firm the family founded, maybe
    assert found["Quellda"] == "group"  # it opens a company's name too
    assert found["Tarks"] == "group"  # "Poet" is a word of the language
    assert found["Osk"] == "place"  # the model called the full name a place too


def test_a_name_that_opens_a_companys_name_is_the_company_where_the_model_called_it_a_place() -> None:
    from pipeline.extract.spans import companies_are_groups

    body = (
        "Quellco Communications bought Varnhold. Quellco said Varnhold and Drovenport Holdings gained; "
        "Drovenport rose. Southwest Airlines flies across the Southwest."
    )
    names = [
        ("Quellco Communications", "ORG", "group"),
        ("Varnhold", "GPE", "place"),
        ("Quellco", "GPE", "place"),
        ("Varnhold", "GPE", "place"),
        ("Drovenport Holdings", "ORG", "group"),
        ("Drovenport", "GPE", "place"),
        ("Southwest Airlines", "ORG", "group"),
        ("Southwest", "LOC", "place"),
    ]
    spans = _in_order(body, names)
    # "Drovenport" is a well-known place: the company is named after the town
    article = ArticleText(body, (), load_patterns(), frozenset({"Drovenport"}))
    found = [(s.label, s.type) for s in companies_are_groups(spans, article)]
    expected = [label_and_type for _, *label_and_type in names]
    expected[2] = ["ORG", "group"]  # "Quellco": the company; the others stay what the model said
    assert [list(pair) for pair in found] == expected
    body = "Varnphat Group agreed; Varnphat shares rose, and the Varnphat Box sold."
    names = [
        ("Varnphat Group", "ORG", "group"),
        ("Varnphat", "PRODUCT", "other"),
        ("Varnphat Box", "PRODUCT", "other"),
    ]
    spans = companies_are_groups(_in_order(body, names), ArticleText(body, (), load_patterns()))
    assert [s.type for s in spans] == [
        "group",
        "group",
        "other",
    ]  # the company's name alone, not its product's


def test_a_company_named_without_its_legal_form_is_tagged_where_the_model_missed_it() -> None:
    body = "Quellco SA said output rose. Analysts said Quellco would gain. The Group and Drovenport held."
    names = [("Quellco SA", "ORG", "group"), ("The Group", "ORG", "group")]
    found = propagate(_in_order(body, names), ArticleText(body, (), load_patterns()))
    assert [(body[s.start : s.end], s.type) for s in found] == [
        ("Quellco SA", "group"),
        ("Quellco", "group"),
        ("The Group", "group"),
    ]


def test_a_surname_after_a_role_or_title_the_model_ran_in_is_the_persons() -> None:
    from pipeline.extract.spans import surnames_are_people

    body = "Orsa Quist skippers Varnholt. Skipper Quist said so, Justice Quist agreed, Quellby Quist left."
    body += " Ilmar Quist, her brother, and Cardinal Quist came to Beacon Quist."
    names = [
        ("Orsa Quist", "PERSON"),
        ("Skipper Quist", "ORG"),
        ("Justice Quist", "ORG"),
        ("Quellby Quist", "ORG"),
        ("Ilmar Quist", "PERSON"),
        ("Cardinal Quist", "ORG"),
        ("Beacon Quist", "GPE"),
    ]
    spans = [CharSpan(body.index(t), body.index(t) + len(t), label, _TYPES[label]) for t, label in names]
    # "ilmar" and "cardinal" are nouns too, but a given name opens a person's name
    nouns = frozenset({"skipper", "ilmar", "cardinal", "beacon"})
    article = ArticleText(
        body,
        (),
        load_patterns(),
        common_words=(nouns, frozenset()),
        given_names=frozenset({"Ilmar", "Cardinal"}),
    )
    found = [(body[s.start : s.end], s.type) for s in surnames_are_people(spans, article)]
    assert found == [
        ("Orsa Quist", "person"),
        ("Quist", "person"),  # a title before the surname
        ("Quist", "person"),
        ("Quellby Quist", "group"),  # a common noun, no title: a name of its own
        ("Ilmar Quist", "person"),  # the model's person keeps the name whole
        ("Cardinal Quist", "group"),  # a given name, not a role
        ("Beacon Quist", "place"),  # a place keeps its name
    ]


_TYPES = {"PERSON": "person", "ORG": "group", "GPE": "place"}


def test_authors_and_the_year_the_model_took_as_one_name_are_people() -> None:
    from pipeline.extract.spans import cited_authors

    body = (
        "Earlier work (Quellan & Varnet 2011) and Brannoc and Tessaly 1999 differ; Drovenport 2000 was held."
    )
    names = ["Quellan & Varnet 2011", "Brannoc and Tessaly 1999", "Drovenport 2000"]
    spans = [CharSpan(body.index(n), body.index(n) + len(n), "ORG", "group") for n in names]
    found = [(body[s.start : s.end], s.type) for s in cited_authors(spans, _text(body))]
    assert found == [
        ("Quellan", "person"),
        ("Varnet", "person"),
        ("Brannoc", "person"),
        ("Tessaly", "person"),
        ("Drovenport 2000", "group"),  # one name and a year is an event, not a citation
    ]


def test_an_acronym_defined_by_lower_case_words_is_a_term_not_a_name() -> None:
    from pipeline.extract.spans import terms_are_not_names

    body = "Probes read the quellic drift index (QDI) for the Varnet Drift Office (VDO). The QDI rose; VDO said so."
    spans = [
        CharSpan(m.start(), m.end(), "ORG", "group")
        for m in re.finditer(r"\bQDI\b|\bVDO\b|Varnet Drift Office", body)
    ]
    kept = [body[s.start : s.end] for s in terms_are_not_names(spans, _text(body))]
    assert kept == ["Varnet Drift Office", "VDO", "VDO"]


def test_a_name_after_a_noun_for_a_work_is_its_title() -> None:
    from pipeline.extract.spans import named_works

    body = (
        "She starred in the romantic comedy Quellby Nights (2004) and Varnet's novel The Oskarby, then "
        "in the film Orla Brannoc directed. The series Australia won ended. Brannoc met Tessaly Marrow. "
        "The crew of the yacht Varn Spirit slept; Varn Spirit won."
    )
    names = [
        ("Quellby Nights", "PERSON", "person"),
        ("Oskarby", "ORG", "group"),
        ("Orla Brannoc", "PERSON", "person"),
        ("Australia", "GPE", "place"),
        ("Tessaly Marrow", "PERSON", "person"),
        ("Varn Spirit", "PERSON", "person"),
        ("Varn Spirit", "ORG", "group"),
    ]
    starts = [body.index(n) for n, _, _ in names[:-1]] + [body.rindex("Varn Spirit")]
    spans = [
        CharSpan(start, start + len(n), label, kind)
        for start, (n, label, kind) in zip(starts, names, strict=True)
    ]
    article = ArticleText(
        body, (), load_patterns(), frozenset({"Australia"}), common_words=(frozenset(), frozenset({"direct"}))
    )
    found = [(body[s.start : s.end], s.type, s.label) for s in named_works(spans, article)]
    assert found == [
        ("Quellby Nights", "other", "WORK_OF_ART"),  # after "comedy"
        ("Oskarby", "other", "WORK_OF_ART"),  # after "novel The"
        ("Orla Brannoc", "person", "PERSON"),  # a verb follows: the film's maker
        ("Australia", "place", "GPE"),  # a well-known place: the team
        ("Tessaly Marrow", "person", "PERSON"),  # no noun for a work before it
        ("Varn Spirit", "other", "WORK_OF_ART"),  # after "yacht": a craft's name
        ("Varn Spirit", "other", "WORK_OF_ART"),  # the same name alone later in the article
    ]


def test_names_with_years_in_a_list_holding_a_work_are_titles() -> None:
    from pipeline.extract.spans import named_works

    body = (
        "Her roles include The Quellby (2007), A Varnet Man (2009), Oskarby Junction (2010), Orla Quist (2011) "
        "and Tessaly (2013). As Brannoc (2004), The Marrow Group (2005) and Tamsin Quist (2006) showed, in "
        "The Drovia Grammar (1924) he agreed; his films Varnholt (1930), Quellport (1931), The Osk (1932)."
    )
    names = [
        ("Quellby", "PERSON", "person"),
        ("Varnet Man", "PERSON", "person"),
        ("Oskarby Junction", "WORK_OF_ART", "other"),  # the model's own work: the list is of works
        ("Orla Quist", "PERSON", "person"),  # written as a person's full name
        ("Tessaly", "PERSON", "person"),
        ("Brannoc", "PERSON", "person"),  # a list of authors holds no work
        ("Marrow Group", "ORG", "group"),
        ("Tamsin Quist", "PERSON", "person"),
        ("Drovia Grammar", "PERSON", "person"),  # alone: a capitalized "The" says too little
        ("Varnholt", "PERSON", "person"),  # a place the gazetteer knows
        ("Quellport", "GPE", "place"),
        ("Osk", "WORK_OF_ART", "other"),
    ]
    spans = [CharSpan(body.index(n), body.index(n) + len(n), label, kind) for n, label, kind in names]
    article = ArticleText(
        body, (), load_patterns(), frozenset({"Varnholt"}), given_names=frozenset({"Orla", "Tamsin"})
    )
    found = [(body[s.start : s.end], s.type) for s in named_works(spans, article)]
    assert found == [
        ("Quellby", "other"),
        ("Varnet Man", "other"),
        ("Oskarby Junction", "other"),
        ("Orla Quist", "person"),
        ("Tessaly", "other"),
        ("Brannoc", "person"),
        ("Marrow Group", "group"),
        ("Tamsin Quist", "person"),
        ("Drovia Grammar", "person"),
        ("Varnholt", "person"),
        ("Quellport", "place"),  # the gazetteer's place, or a place as the model read it, stays
        ("Osk", "other"),
    ]


def test_names_with_years_that_a_noun_for_works_opens_are_titles() -> None:
    from pipeline.extract.spans import named_works

    body = "Her films include Quellby (2001), Varn Road (2004) and Osk (2006). The coaches include Tarn (1998), Drove (2003)."
    names = ["Quellby", "Varn Road", "Osk", "Tarn", "Drove"]
    spans = [CharSpan(body.index(n), body.index(n) + len(n), "PERSON", "person") for n in names]
    found = [
        (body[s.start : s.end], s.type) for s in named_works(spans, ArticleText(body, (), load_patterns()))
    ]
    assert found == [
        ("Quellby", "other"),
        ("Varn Road", "other"),
        ("Osk", "other"),
        ("Tarn", "person"),  # "coaches" are no works
        ("Drove", "person"),
    ]


def test_a_storms_name_without_its_first_word_is_the_storms() -> None:
    from pipeline.extract.spans import named_events

    body = "Storm Quellana hit Varnby. Quellana flooded roads; Orla Quellan and Operation Osk Shield helped."
    names = [
        ("Storm Quellana", "PERSON", "other"),
        ("Varnby", "GPE", "place"),
        ("Quellana", "PERSON", "person"),
        ("Orla Quellan", "PERSON", "person"),
        ("Operation Osk Shield", "ORG", "other"),
    ]
    starts = [body.index(n) if n != "Quellana" else body.index("Quellana flooded") for n, _, _ in names]
    spans = [CharSpan(s, s + len(n), label, kind) for s, (n, label, kind) in zip(starts, names, strict=True)]
    found = [(body[s.start : s.end], s.type) for s in named_events(spans, _text(body))]
    assert found == [
        ("Storm Quellana", "other"),
        ("Varnby", "place"),
        ("Quellana", "other"),  # the storm's name alone
        ("Orla Quellan", "person"),  # another name
        ("Operation Osk Shield", "other"),
    ]


def test_a_defined_short_form_means_the_whole_name_the_article_gives_before_it() -> None:
    from pipeline.extract.spans import named_in_full

    body = "The Quellby State Rescue Service (SRS) came; the Varn Rescue Service later (VRS) and Osk Fire Board (FB)."
    spans = [
        CharSpan(4, 32, "ORG", "group"),  # Quellby State Rescue Service
        CharSpan(49, 68, "ORG", "group"),  # Varn Rescue Service, then a word before the parenthesis
        CharSpan(85, 99, "ORG", "group"),  # Osk Fire Board
    ]
    pairs = [("SRS", "State Rescue Service"), ("VRS", "Varn Rescue Service"), ("FB", "Fire Board")]
    assert named_in_full(pairs, spans, body) == [
        ("SRS", "Quellby State Rescue Service"),
        ("VRS", "Varn Rescue Service"),
        ("FB", "Osk Fire Board"),
    ]
    assert named_in_full(pairs, [], body) == pairs


def test_a_name_is_not_spread_into_a_longer_name_the_model_missed() -> None:
    body = "Orla Varnet won. The Orla Varnet Raiders lost, and Orla Varnet Monday said she would stay."
    spans = [CharSpan(0, 11, "PERSON", "person")]
    found = propagate(spans, ArticleText(body, (), load_patterns()))
    assert [body[s.start : s.end] for s in found] == ["Orla Varnet", "Orla Varnet"]
    assert found[1].start == body.index("Orla Varnet Monday")  # a day is no part of a name


def test_an_acronym_of_another_language_is_a_short_form_used_again_or_sharing_initials() -> None:
    from pipeline.extract.spans import acronyms_of_other_languages

    body = (
        "The Varn Board of Tallies (TJV) ruled. The Osk Union (PSQ) met; the PSQ said so. "
        "Staff at Quellco (CGT) struck."
    )
    spans = [
        CharSpan(body.index(name), body.index(name) + len(name), label, kind)
        for name, label, kind in [
            ("Varn Board of Tallies", "ORG", "group"),
            ("Osk Union", "ORG", "group"),
            ("Quellco", "ORG", "group"),
        ]
    ]
    assert acronyms_of_other_languages(spans, body, []) == [
        ("TJV", "Varn Board of Tallies"),  # once only, its initials in another order
        ("PSQ", "Osk Union"),  # used again
    ]  # "CGT" shares nothing with "Quellco": a union its staff belong to


def test_a_family_name_written_first_is_tagged_alone_unless_it_is_a_word() -> None:
    body = 'Xiong Tarlei spoke. Later Xiong left. Oh Varn-ho came. "Oh, it was long," Oh said.'
    spans = [
        CharSpan(0, 12, "PERSON", "person"),
        CharSpan(body.index("Oh Varn-ho"), body.index("Oh Varn-ho") + 10, "PERSON", "person"),
    ]
    found = [(body[s.start : s.end], s.start, s.origin) for s in propagate(spans, _text(body))]
    assert found == [
        ("Xiong Tarlei", 0, "model"),
        ("Xiong", body.index("Xiong left"), "propagated"),
        ("Oh Varn-ho", body.index("Oh Varn-ho"), "model"),
    ]  # "Oh" is an English word too: neither the exclamation nor the surname alone is tagged
