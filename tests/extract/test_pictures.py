"""Names in pictures' captions and credits (pipeline.extract.pictures), on invented captions."""

from __future__ import annotations

import pytest

from pipeline.extract.entities import CharSpan
from pipeline.extract.pictures import bylines, pictures
from pipeline.extract.spans import ArticleText
from pipeline.records import CAPTIONS_BREAK
from pipeline.wordlists import load_patterns

BODY = "Quist spoke in Varnby."


def _read(caption: str, *model: tuple[str, str, str], words: bool = False) -> list[tuple[str, str, str]]:
    """(text, type, origin) of the spans after :func:`pictures`, ``model`` the model's (name, label,
    type) in the caption; ``words``: a few given names and words of the language, as the model's lists
    give them."""
    text = BODY + CAPTIONS_BREAK + caption
    spans = [CharSpan(text.rindex(n), text.rindex(n) + len(n), label, kind) for n, label, kind in model]
    known = {"common_words": (frozenset({"wire", "energy", "stage", "signing", "sport"}),)} if words else {}
    names = frozenset({"Orla", "Ada", "Pavel"}) if words else frozenset()
    article = ArticleText(text, (), load_patterns(), given_names=names, **known)
    return [(text[s.start : s.end], s.type, s.origin) for s in pictures(spans, article)]


@pytest.mark.parametrize(
    ("caption", "credited"),
    [
        ("Image: Tamsin Orvell.", [("Tamsin Orvell", "person")]),
        ("Image: T Orvell.", [("T Orvell", "person")]),
        ("Photo credit: Otto H. Varnay", [("Otto H. Varnay", "person")]),
        ("Photo: Tamsin Orvell/Quellwire", [("Tamsin Orvell", "person"), ("Quellwire", "group")]),
        ("(Photo: Tamsin Orvell/Quellwire)", [("Tamsin Orvell", "person"), ("Quellwire", "group")]),
        ("Photo by Tamsin Orvell/Varn Images", [("Tamsin Orvell", "person"), ("Varn Images", "group")]),
        ("(QNA Photo/Tamsin Orvell, File)", [("QNA", "group"), ("Tamsin Orvell", "person")]),
        ("Picture courtesy of the Varnby Museum", [("Varnby Museum", "group")]),
        ("Image: QSA/Osk-Varn", [("QSA", "group"), ("Osk-Varn", "group")]),
        ("Picture: Supplied", []),
        ("Photo: Ada Lind, Staff Photographer", [("Ada Lind", "person")]),
        ("Photo: Ada Lind, March 3", [("Ada Lind", "person")]),
        ("(File Photo/Ada Lind)", [("Ada Lind", "person")]),
        ("(QNA Photo/Ana de la Vega)", [("QNA", "group"), ("Ana de la Vega", "person")]),
        ("PHOTO: ADA LINDQVIST/QUELLWIRE", [("ADA LINDQVIST", "person"), ("QUELLWIRE", "group")]),
        ("Photo: Norvik Wire", [("Norvik Wire", "group")]),
        ("Image: Tarlow Energy", [("Tarlow Energy", "group")]),
        ("Photo: QBC Sport/KV Suresh", [("QBC Sport", "group"), ("KV Suresh", "person")]),
    ],
)
def test_a_credit_names_its_photographer_and_agency_by_its_layout(caption, credited) -> None:
    # titles, dates and placeholders name nobody; a word of the language at its end makes an agency
    assert _read(caption, words=True) == [(name, kind, "credit") for name, kind in credited]


def test_what_the_model_read_across_a_credit_gives_way_to_the_credits_names() -> None:
    found = _read(
        "Ada Quist at the port. (QNA Photo/Tamsin Orvell)",
        ("Ada Quist", "PERSON", "person"),
        ("QNA Photo/Tamsin Orvell", "ORG", "group"),
    )
    assert found == [
        ("Ada Quist", "person", "caption"),
        ("QNA", "group", "credit"),
        ("Tamsin Orvell", "person", "credit"),
    ]


def test_the_bodys_names_stay_as_they_were_and_a_caption_without_credit_keeps_the_models() -> None:
    text = BODY + CAPTIONS_BREAK + "A file photo of the port of Osk."
    model = [CharSpan(0, 5, "PERSON", "person"), CharSpan(text.index("Osk"), len(text) - 1, "GPE", "place")]
    found = pictures(model, ArticleText(text, (), load_patterns()))
    assert [(text[s.start : s.end], s.origin) for s in found] == [("Quist", "model"), ("Osk", "caption")]
    text = "Photo: Tamsin Orvell spoke."  # a body that merely starts like a credit has no captions
    assert pictures([], ArticleText(text, (), load_patterns())) == []


def test_a_caption_that_opens_on_the_word_for_the_picture_is_no_credit_and_keeps_its_names() -> None:
    model = (
        ("Orla Quist", "PERSON", "person"),
        ("Pavel Orlik", "PERSON", "person"),
        ("Krasnel", "GPE", "place"),
    )
    found = _read("Photo: Orla Quist, left, and Pavel Orlik at the signing in Krasnel.", *model, words=True)
    assert found == [(name, kind, "caption") for name, _, kind in model]
    model = (
        ("Zobo Quellers", "PERSON", "person"),
        ("Krasnel", "GPE", "place"),
    )  # a month in it changes nothing
    found = _read("PHOTO: Zobo Quellers play in Krasnel in March. (Photo: Ada Lind)", *model, words=True)
    assert found == [*((name, kind, "caption") for name, _, kind in model), ("Ada Lind", "person", "credit")]


def test_a_credit_ends_at_its_sentence_or_a_dash_and_the_caption_after_it_is_read_by_the_model() -> None:
    model = (("Orla Quist", "PERSON", "person"), ("Pavel Orlik", "PERSON", "person"))
    assert _read("Image: Ada Lind - Orla Quist and Pavel Orlik on stage", *model, words=True) == [
        ("Ada Lind", "person", "credit"),
        ("Orla Quist", "person", "caption"),
        ("Pavel Orlik", "person", "caption"),
    ]
    assert _read("Photo: Quellwire/Ada Lind. Orla Quist at the port.", model[0], words=True) == [
        ("Quellwire", "group", "credit"),
        ("Ada Lind", "person", "credit"),
        ("Orla Quist", "person", "caption"),
    ]


def test_a_byline_names_its_writers_and_editors_and_where_they_wrote() -> None:
    assert _read(
        "(Reporting by Ada Lind in Quellport and Tamsin Orvell; Editing by Orla Quist)", words=True
    ) == [
        ("Ada Lind", "person", "credit"),
        ("Quellport", "place", "caption"),
        ("Tamsin Orvell", "person", "credit"),
        ("Orla Quist", "person", "credit"),
    ]


def test_who_is_in_the_picture_is_no_credit_and_a_credit_after_a_caption_on_its_line_is_read() -> None:
    model = (("Orla Quist", "PERSON", "person"), ("Krasnel", "GPE", "place"))
    assert _read("Photo: Orla Quist (left) with dockers in Krasnel.", *model, words=True) == [
        ("Orla Quist", "person", "caption"),
        ("Krasnel", "place", "caption"),
    ]
    assert _read(
        "Photo: Hon. Orla Quist arriving in Krasnel. Photo: Ada Lind/Quellwire", *model, words=True
    ) == [
        ("Orla Quist", "person", "caption"),
        ("Krasnel", "place", "caption"),
        ("Ada Lind", "person", "credit"),
        ("Quellwire", "group", "credit"),
    ]


def _bylined(body: str, *model: tuple[str, str, str]) -> list[tuple[str, str, str]]:
    """(text, type, origin) of the spans after :func:`bylines` over ``body``, ``model`` the model's
    (name, label, type) spans in it; "Orla" and "Ada" are given names, "night" a word of the language."""
    spans = [CharSpan(body.index(n), body.index(n) + len(n), label, kind) for n, label, kind in model]
    article = ArticleText(
        body,
        (),
        load_patterns(),
        given_names=frozenset({"Orla", "Ada"}),
        common_words=(frozenset({"night", "ledger"}),),
    )
    return [(body[s.start : s.end], s.type, s.origin) for s in bylines(spans, article)]


@pytest.mark.parametrize(
    ("line", "credited"),
    [
        (
            "By ORLA QUIST-VARN Associated Press",
            [("ORLA QUIST-VARN", "person"), ("Associated Press", "group")],
        ),
        ("By ORLA QUIST The Associated Press", [("ORLA QUIST", "person"), ("Associated Press", "group")]),
        ("BY ADA TELLWORTH-RIVERS AP Business Writer", [("ADA TELLWORTH-RIVERS", "person"), ("AP", "group")]),
        ("By Ada Lind, Varnby Ledger", [("Ada Lind", "person"), ("Varnby Ledger", "group")]),
        ("By ADA LIND, The Varnby Ledger", [("ADA LIND", "person"), ("Varnby Ledger", "group")]),
        ("By Ada de la Vorn, Staff Writer", [("Ada de la Vorn", "person")]),
        ("By Orla Quist", [("Orla Quist", "person")]),
        # a reviewer's cases: writers after commas, jobs, degrees, places, "For The ..."
        (
            "By ORLA QUIST, ADA VARN Associated Press",
            [("ORLA QUIST", "person"), ("ADA VARN", "person"), ("Associated Press", "group")],
        ),
        (
            "By Orla Quist, Ada Lind and Ada Varn",
            [("Orla Quist", "person"), ("Ada Lind", "person"), ("Ada Varn", "person")],
        ),
        ("By Orla Quist, Political Analyst", [("Orla Quist", "person")]),
        ("By Orla Quist, AP Photographer", [("Orla Quist", "person"), ("AP", "group")]),
        ("By Orla Quist, PhD", [("Orla Quist", "person")]),
        ("By Orla Quist, For The Varnby Ledger", [("Orla Quist", "person"), ("Varnby Ledger", "group")]),
        (
            "By Dr Orla Quist, Senior Lecturer, Varnby University",
            [("Orla Quist", "person"), ("Varnby University", "group")],
        ),
        ("By Orla Quist, Ledger", [("Orla Quist", "person")]),  # a desk's name, a word of the language
        ("By Orla Quist, Sunday", [("Orla Quist", "person")]),
        (
            "By Dr Orla Quist, Professor of Economics, University of Varnby",
            [("Orla Quist", "person"), ("University of Varnby", "group")],
        ),
    ],
)
def test_a_byline_line_names_its_writer_and_outlet_in_place_of_the_models_reading(line, credited) -> None:
    body = f"Quist spoke in Varnby.\n\n{line}\n\nShe left."
    found = _bylined(body, ("Quist", "PERSON", "person"), (line[3:], "ORG", "group"))
    assert found == [("Quist", "person", "model"), *[(t, k, "credit") for t, k in credited]]


@pytest.mark.parametrize(
    "line",
    [
        "By Monday Night",  # no person's name: the model's reading stays
        "By the time Orla Quist came, the hall was full.",
        "Stand by Ada Lind",
        "By Ada Lind and the Varnby choir, a song for the town",
    ],
)
def test_a_line_that_is_no_byline_keeps_the_models_reading(line) -> None:
    body = f"Quist spoke in Varnby.\n\n{line}\n\nShe left."
    name = "Monday Night" if "Monday" in line else "Ada Lind" if "Ada" in line else "Orla Quist"
    assert _bylined(body, ("Quist", "PERSON", "person"), (name, "PERSON", "person")) == [
        ("Quist", "person", "model"),
        (name, "person", "model"),
    ]


@pytest.mark.parametrize(
    ("caption", "credited"),
    [
        ("Ash on the roofs. (Xinhua/Tamsin Orvell)", [("Xinhua", "group"), ("Tamsin Orvell", "person")]),
        ("Ash on the roofs. (QP/Tamsin Orvell)", [("QP", "group"), ("Tamsin Orvell", "person")]),
        ("QP/Tamsin Orvell/File", [("QP", "group"), ("Tamsin Orvell", "person")]),
    ],
)
def test_an_agency_and_its_photographer_joined_by_a_slash_are_a_credit(caption, credited) -> None:
    model = (caption.split("(")[-1].rstrip(")").split("/File")[0], "ORG", "group")
    found = [(text, kind) for text, kind, origin in _read(caption, model, words=True) if origin == "credit"]
    assert found == credited


def test_a_slash_between_words_in_lower_case_is_no_credit() -> None:
    model = (("Quellby", "GPE", "place"), ("Varnby", "GPE", "place"))
    assert _read("Quellby/Varnby border crossing on a quiet day.", *model, words=True) == [
        ("Quellby", "place", "caption"),
        ("Varnby", "place", "caption"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "By Invitation Only",
        "By Request Only",
        "By Appointment Only",
        "By A Staff Reporter",
        "By A Correspondent",
    ],
)
def test_a_heading_that_opens_on_by_names_no_writer(line) -> None:
    body = f"Quist spoke in Varnby.\n\n{line}\n\nShe left."
    assert _bylined(body, ("Quist", "PERSON", "person")) == [("Quist", "person", "model")]


def test_a_place_after_the_writer_is_where_she_wrote_and_keeps_the_models_reading() -> None:
    body = "Quist spoke.\n\nBy Orla Quist, Varnby Harbour\n\nShe left."
    assert _bylined(body, ("Quist", "PERSON", "person"), ("Varnby Harbour", "GPE", "place")) == [
        ("Quist", "person", "model"),
        ("Orla Quist", "person", "credit"),
        ("Varnby Harbour", "place", "model"),
    ]
