"""Names known to the corpus are tagged in every article (hand-built extractions, invented names)."""

from pipeline.extract.corpus import spread_known_names
from pipeline.records import Extraction, Mention, Sentence


def extraction(article_id: str, body: str, *names: tuple[str, str]) -> Extraction:
    mentions = []
    for name, kind in names:
        start = body.index(name)
        label = {"person": "PERSON", "group": "ORG", "place": "GPE"}[kind]
        mentions.append(Mention(article_id, 0, start, start + len(name), name, label, kind))
    return Extraction(article_id, (Sentence(article_id, 0, 0, len(body), 0),), tuple(mentions), ())


def test_a_name_tagged_in_one_article_is_tagged_in_the_others() -> None:
    bodies = {
        "a": "Velmora Quist spoke for the Orrin Guild.",
        "b": "Then Velmora Quist left; the quist game and Velmora Quistly did not.",
        "c": "Orrin was quiet.",
    }
    found = spread_known_names(
        [
            extraction("a", bodies["a"], ("Velmora Quist", "person"), ("Orrin Guild", "group")),
            extraction("b", bodies["b"]),
            extraction("c", bodies["c"]),
        ],
        bodies,
    )
    added = [
        (m.article_id, m.text, m.type, m.origin) for e in found for m in e.mentions if m.origin == "corpus"
    ]
    assert added == [("b", "Velmora Quist", "person", "corpus")]


def test_a_one_word_name_needs_two_articles_and_never_a_common_word() -> None:
    bodies = {
        "a": "Tessaly won. The Court sat.",
        "b": "Tessaly lost. The Court rose.",
        "c": "Tessaly and the Court, and a court of appeal.",
    }
    found = spread_known_names(
        [
            extraction("a", bodies["a"], ("Tessaly", "place"), ("Court", "group")),
            extraction("b", bodies["b"], ("Tessaly", "place"), ("Court", "group")),
            extraction("c", bodies["c"]),
        ],
        bodies,
    )
    assert [m.text for m in found[2].mentions] == ["Tessaly"]


def test_a_known_name_next_to_another_name_is_a_word_of_that_name() -> None:
    # "Varnish" is known (two articles), but in "Deputy Varnish Orsa Tell" it is part of a title before
    # a person's name whose title was trimmed, and in "Tessaly Varnish Swans" part of a team's name.
    bodies = {
        "a": "Varnish said no.",
        "b": "The Varnish agreed.",
        "c": "Deputy Varnish Orsa Tell spoke, and the Varnish left with Tessaly Varnish Swans fans.",
    }
    found = spread_known_names(
        [
            extraction("a", bodies["a"], ("Varnish", "person")),
            extraction("b", bodies["b"], ("Varnish", "person")),
            extraction("c", bodies["c"], ("Orsa Tell", "person"), ("Swans", "group")),
        ],
        bodies,
    )
    spread = [(m.start, m.text) for m in found[2].mentions if m.origin == "corpus"]
    assert spread == [(bodies["c"].index("the Varnish") + 4, "Varnish")]
