"""Common words the model read as people where they open sentences (pipeline.extract.openers)."""

from __future__ import annotations

from pipeline.extract.openers import common_openers_dropped
from pipeline.records import Extraction, Mention


def _people(article: str, body: str, *names: str) -> Extraction:
    mentions = []
    for name in names:
        start = body.index(name)
        mentions.append(Mention(article, 0, start, start + len(name), name, "PERSON", "person"))
    return Extraction(article, (), tuple(sorted(mentions, key=lambda m: m.start)), ())


def test_a_word_another_article_writes_in_lower_case_is_no_person_where_it_opens_sentences() -> None:
    bodies = {
        "a": (
            "Quellturn was 41% in Varnby. Quellturn fell. Brannock once called it a race. "
            "Osk Hollin spoke. Hollin said so. Brannick, who won, left. Rose said no. It was said by Mr. Varnish in 1871."
        ),
        "b": "The quellturn was low and the hollin fell; brannick and rose and varnish too.",
    }
    a = _people("a", bodies["a"], "Quellturn", "Brannock", "Osk Hollin", "Brannick", "Rose", "Varnish")
    said = bodies["a"].index("Hollin said")
    a = Extraction("a", (), (*a.mentions, Mention("a", 0, said, said + 6, "Hollin", "PERSON", "person")), ())
    # "Quellturn fell": a second mention of the word, also opening its sentence
    second = bodies["a"].index("Quellturn fell")
    mentions = (*a.mentions, Mention("a", 1, second, second + 9, "Quellturn", "PERSON", "person"))
    a = Extraction("a", (), tuple(sorted(mentions, key=lambda m: m.start)), ())
    [kept, _] = common_openers_dropped([a, Extraction("b", (), (), ())], bodies)
    assert [m.text for m in kept.mentions] == [
        "Brannock",  # written in lower case nowhere: a surname said in passing stays
        "Osk Hollin",
        "Hollin",  # a word of a longer name of the article
        "Brannick",  # before a comma, as a surname stands
        "Rose",  # a first name
        "Varnish",  # after an honorific's full stop: no sentence's start
    ]


def test_an_article_alone_drops_nothing_it_does_not_write_in_lower_case() -> None:
    body = "Quellturn was 41% in Varnby."
    only = _people("a", body, "Quellturn")
    assert common_openers_dropped([only], {"a": body}) == (only,)
