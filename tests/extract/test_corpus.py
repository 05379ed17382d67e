"""Names known to the corpus are tagged in every article (hand-built extractions, invented names)."""

import dataclasses

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


def _spread(bodies: dict[str, str], *extractions: Extraction) -> list[tuple[str, int, str, str]]:
    found = spread_known_names(list(extractions), bodies)
    return [
        (m.article_id, m.start, m.text, m.type) for e in found for m in e.mentions if m.origin == "corpus"
    ]


def test_a_one_word_name_tagged_in_one_article_only_is_not_spread() -> None:
    bodies = {"a": "Tessaly won.", "b": "Then Tessaly lost."}
    assert (
        _spread(bodies, extraction("a", bodies["a"], ("Tessaly", "place")), extraction("b", bodies["b"]))
        == []
    )


def test_a_one_word_name_in_capitals_is_not_spread() -> None:
    bodies = {"a": "QUELLO won.", "b": "QUELLO lost.", "c": "Then QUELLO and Tessaly drew."}
    assert (
        _spread(
            bodies,
            extraction("a", bodies["a"], ("QUELLO", "group")),
            extraction("b", bodies["b"], ("QUELLO", "group")),
            extraction("c", bodies["c"]),
        )
        == []
    )


def test_a_known_name_after_a_hyphen_is_a_word_of_another_and_is_not_spread() -> None:
    bodies = {"a": "Tessaly won.", "b": "Tessaly lost.", "c": "The Varn-Tessaly side and Tessaly drew."}
    found = _spread(
        bodies,
        extraction("a", bodies["a"], ("Tessaly", "place")),
        extraction("b", bodies["b"], ("Tessaly", "place")),
        extraction("c", bodies["c"]),
    )
    assert found == [("c", bodies["c"].index("and Tessaly") + 4, "Tessaly", "place")]


def test_a_known_name_after_a_prefix_and_hyphen_is_spread() -> None:
    # "anti-Orvane forces", "Post-Orvane rule": the prefix makes an adjective of the name, which still names
    # the group (the model tagged it in two other articles); "counter-Orvane" is no prefix of the list.
    bodies = {
        "a": "The Orvane won.",
        "b": "The Orvane lost.",
        "c": "Anti-Orvane forces and pro-Orvane crowds met; post-Orvane rule, counter-Orvane raids.",
    }
    found = _spread(
        bodies,
        extraction("a", bodies["a"], ("Orvane", "group")),
        extraction("b", bodies["b"], ("Orvane", "group")),
        extraction("c", bodies["c"]),
    )
    starts = [bodies["c"].index(f"{prefix}-Orvane") + len(prefix) + 1 for prefix in ("Anti", "pro", "post")]
    assert found == [("c", start, "Orvane", "group") for start in starts]


def test_a_name_prefix_is_a_whole_word_before_the_hyphen_and_the_name() -> None:
    # "pre-", "non-", "ex-" and "neo-" make adjectives of a name too; a prefix ending a longer word
    # ("semi-pro-Orvane", "kin_pro-Orvane") and a handle ("@team_Orvane") hold no name of their own; a
    # body ending on a hyphen has none before its first word
    bodies = {
        "a": "The Orvane won.",
        "b": "The Orvane lost.",
        "c": (
            "In pre-Orvane, non-Orvane, ex-Orvane and neo-Orvane days; "
            "semi-pro-Orvane, kin_pro-Orvane, @team_Orvane."
        ),
        "d": "Orvane won; the report breaks off -",
    }
    found = _spread(
        bodies,
        extraction("a", bodies["a"], ("Orvane", "group")),
        extraction("b", bodies["b"], ("Orvane", "group")),
        extraction("c", bodies["c"]),
        extraction("d", bodies["d"]),
    )
    starts = [
        bodies["c"].index(f"{prefix}-Orvane") + len(prefix) + 1 for prefix in ("pre", "non", "ex", "neo")
    ]
    assert found == [*(("c", start, "Orvane", "group") for start in starts), ("d", 0, "Orvane", "group")]


def test_a_name_the_corpus_spread_before_is_no_vote_for_itself() -> None:
    # "Tessaly" in article b was spread by an earlier run: one article of the model's is not enough
    bodies = {"a": "Tessaly won.", "b": "Tessaly lost.", "c": "Then Tessaly drew."}
    spread_before = Mention("b", 0, 0, 7, "Tessaly", "GPE", "place", "corpus")
    b = Extraction("b", (Sentence("b", 0, 0, len(bodies["b"]), 0),), (spread_before,), ())
    found = _spread(
        bodies, extraction("a", bodies["a"], ("Tessaly", "place")), b, extraction("c", bodies["c"])
    )
    assert found == [("b", 0, "Tessaly", "place")]  # what an earlier run added stays, nothing more


def _nationality(article_id: str, body: str, word: str) -> Mention:
    start = body.index(word)
    return Mention(article_id, 0, start, start + len(word), word, "NORP", "other")


def test_a_name_the_analysts_listed_is_tagged_where_the_model_missed_it() -> None:
    body = "Fighters of the Quellish Front crossed into Varn, and the Orsa Delta Pact said so."
    plain = extraction("a", body, ("Varn", "place"))
    found = spread_known_names(
        [plain], {"a": body}, listed={"Quellish Front": "group", "Orsa Delta Pact": "group", "QF": "group"}
    )
    assert [(m.text, m.label, m.type, m.origin) for m in found[0].mentions if m.origin == "corpus"] == [
        ("Quellish Front", "ORG", "group", "corpus"),
        ("Orsa Delta Pact", "ORG", "group", "corpus"),
    ]
    # the model's vote wins over the list's type; a one-word or lowercase-ended alias is never spread
    assert spread_known_names([plain], {"a": body}, listed={"Varn": "person", "Quellish front": "group"}) == (
        plain,
    )


def test_a_nationality_the_model_tagged_inside_a_known_name_is_part_of_it() -> None:
    body = "Loyal to the Quellish State, they fled. The Quellish State said so; Quellish farmers did not."
    first = extraction("a", body)
    first = Extraction("a", first.sentences, (_nationality("a", body, "Quellish"),), ())
    second_body = "The Quellish State grew."
    found = spread_known_names(
        [first, extraction("b", second_body, ("Quellish State", "group"))], {"a": body, "b": second_body}
    )
    texts = [(m.start, m.text, m.label) for m in found[0].mentions]
    state = body.index("Quellish State")
    later = body.index("The Quellish State") + 4
    farmers = body.index("Quellish farmers")
    assert texts == [(state, "Quellish State", "ORG"), (later, "Quellish State", "ORG")]
    assert farmers not in [start for start, _, _ in texts]  # the adjective alone was never a name here


def test_a_listed_name_running_on_into_a_capitalized_word_is_part_of_another_name() -> None:
    body = "The Varn Bay Herald said that Varn Bay ports closed. Varn Bay Mayor Orsa Tell agreed. In Varn Bay, calm."
    found = spread_known_names([extraction("a", body)], {"a": body}, listed={"Varn Bay": "place"})
    starts = [m.start for m in found[0].mentions]
    assert starts == [body.index("Varn Bay ports"), body.index("In Varn Bay") + 3]


def test_two_known_names_of_one_length_and_first_word_are_both_spread() -> None:
    bodies = {"a": "Al Varna and Al Verna met.", "b": "Then Al Varna left, and Al Verna stayed."}
    found = _spread(
        bodies,
        extraction("a", bodies["a"], ("Al Varna", "group"), ("Al Verna", "group")),
        extraction("b", bodies["b"]),
    )
    assert [text for _, _, text, _ in found] == ["Al Varna", "Al Verna"]


def test_a_one_word_name_known_to_the_corpus_never_takes_a_nationalitys_place() -> None:
    bodies = {"a": "Quellish spoke.", "b": "Then Quellish left.", "c": "Quellish farmers met Quellish."}
    third = Extraction(
        "c", (Sentence("c", 0, 0, len(bodies["c"]), 0),), (_nationality("c", bodies["c"], "Quellish"),), ()
    )
    found = spread_known_names(
        [
            extraction("a", bodies["a"], ("Quellish", "person")),
            extraction("b", bodies["b"], ("Quellish", "person")),
            third,
        ],
        bodies,
    )
    assert [(m.start, m.label) for m in found[2].mentions] == [
        (0, "NORP"),
        (bodies["c"].rindex("Quellish"), "PERSON"),
    ]


def test_no_known_name_is_spread_into_a_title_cased_line() -> None:
    bodies = {
        "a": "Orla Quist met Varn police.",
        "b": "Later Orla Quist left.\nPolice Say Orla Quist Will Meet Varn Officials",
    }
    second = Extraction(
        "b",
        (Sentence("b", 0, 0, 22, 0), Sentence("b", 1, 23, len(bodies["b"]), 1)),
        (),
        (),
    )
    found = spread_known_names([extraction("a", bodies["a"], ("Orla Quist", "person")), second], bodies)
    assert [m.start for m in found[1].mentions] == [6]  # not in the headline


def test_a_known_name_after_a_capitalized_word_is_the_end_of_a_longer_name() -> None:
    # the "Tarn Appeals Bench" of one story is not the one of "the Osk Tarn Appeals Bench" or "a Federal
    # Tarn Appeals Bench"; a person's name after a title is hers
    bodies = {
        "a": "Ilse went to the Tarn Appeals Bench with Orla Quist.",
        "b": "The Osk Tarn Appeals Bench sat. A Federal Tarn Appeals Bench rose. The judge, Judge Orla Quist, "
        "spoke at length about it to the Quellish Tarn Appeals Bench.",
        "c": "Tarn Appeals Bench rules applied.",
    }
    found = spread_known_names(
        [
            extraction("a", bodies["a"], ("Tarn Appeals Bench", "group"), ("Orla Quist", "person")),
            dataclasses.replace(
                extraction("b", bodies["b"]), mentions=(_nationality("b", bodies["b"], "Quellish"),)
            ),
            extraction("c", bodies["c"]),
        ],
        bodies,
    )
    added = [(m.article_id, m.text) for e in found for m in e.mentions if m.origin == "corpus"]
    # after a nationality the model tagged, the name is the known one
    assert added == [("b", "Orla Quist"), ("b", "Tarn Appeals Bench"), ("c", "Tarn Appeals Bench")]


def test_a_one_word_name_before_an_untagged_capitalized_word_is_a_word_of_a_longer_name() -> None:
    bodies = {
        "a": "Tellan won the vote.",
        "b": "Tellan lost the seat.",
        "c": "Guests included Tellan Sri Varn Boon Quelk, and Tellan Orla Quist was there. Tellan came.",
    }
    found = _spread(
        bodies,
        extraction("a", bodies["a"], ("Tellan", "person")),
        extraction("b", bodies["b"], ("Tellan", "person")),
        extraction("c", bodies["c"], ("Varn Boon Quelk", "person"), ("Orla Quist", "person")),
    )
    # "Tellan Sri ...": a word of a title or a longer name, as before a tagged name; alone, it is spread
    assert [(a, start, t) for a, start, t, _ in found] == [("c", bodies["c"].rindex("Tellan"), "Tellan")]


def test_a_one_word_party_or_place_before_a_capitalized_word_is_still_spread() -> None:
    bodies = {
        "a": "Quellabor won.",
        "b": "Quellabor lost.",
        "c": "On the day the Quellabor MP Orla Quist spoke, the crowd went to the Quellabor Test to watch.",
    }
    found = _spread(
        bodies,
        extraction("a", bodies["a"], ("Quellabor", "group")),
        extraction("b", bodies["b"], ("Quellabor", "group")),
        extraction("c", bodies["c"], ("Orla Quist", "person")),
    )
    assert [(a, t) for a, _, t, _ in found] == [("c", "Quellabor"), ("c", "Quellabor")]
