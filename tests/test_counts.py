from pipeline.counts import number_nodes
from pipeline.records import Mention, Quantity


def count(
    article: str, sentence: int, value: float, obj: str = "", unit: str = "", category: str = ""
) -> Quantity:
    return Quantity(
        article, sentence, sentence * 10, sentence * 10 + 2, str(value), value, unit, obj, "", category
    )


def linked(article: str, sentence: int, *nodes: str) -> list[Mention]:
    return [Mention(article, sentence, 0, 1, n, "GPE", "place", node_id=n) for n in nodes]


def test_counts_of_one_article_share_a_node_and_two_articles_keep_theirs() -> None:
    a1, a2 = count("a", 0, 40.0, "volunteers"), count("a", 3, 40.0, "volunteers")
    b = count("b", 1, 40.0, "volunteers")
    ids = number_nodes([a1, a2, b])
    assert ids[a1] == ids[a2] == "number:40-volunteers-a"
    assert ids[b] == "number:40-volunteers-b"


def test_values_without_a_counted_object_never_become_nodes() -> None:
    percent, money = count("a", 0, 5.0, unit="%"), count("a", 1, 25.0, unit="GBP")
    age = count("a", 2, 53.0, "age", unit="years", category="age")
    assert number_nodes([percent, money, age]) == {}


def test_a_share_of_something_is_never_a_node_and_an_amount_of_it_is() -> None:
    share, ratio = count("a", 0, 12.0, "children", unit="%"), count("a", 1, 0.125, "members", unit="ratio")
    aid = count("a", 2, 10_000_000.0, "aid", unit="USD")
    assert number_nodes([share, ratio, aid]) == {aid: "number:10-million-aid"}


def test_one_event_in_two_articles_joins_when_the_sentences_share_two_entities() -> None:
    a, b = count("a", 0, 12.0, "miners", category="kill"), count("b", 2, 12.0, "miners", category="kill")
    c = count("c", 0, 12.0, "miners", category="kill")
    mentions = linked("a", 0, "place:velmora", "group:quarnet") + linked(
        "b", 2, "place:velmora", "group:quarnet"
    )
    mentions += linked("c", 0, "place:velmora")  # one shared entity is not enough
    ids = number_nodes([a, b, c], mentions)
    assert ids[a] == ids[b] == "number:12-miners-a"
    assert ids[c] == "number:12-miners-c"


def test_a_different_category_keeps_equal_counts_apart() -> None:
    a, b = count("a", 0, 12.0, "miners", category="kill"), count("b", 0, 12.0, "miners", category="arrest")
    mentions = linked("a", 0, "place:velmora", "group:quarnet") + linked(
        "b", 0, "place:velmora", "group:quarnet"
    )
    ids = number_nodes([a, b], mentions)
    assert ids[a] != ids[b]


def test_a_vague_amount_never_joins_another_articles_count() -> None:
    import dataclasses

    exact = count("a", 0, 24.0, "miners", category="kill")  # "two dozen miners"
    vague = dataclasses.replace(count("b", 2, 24.0, "miners", category="kill"), text="dozens")
    mentions = linked("a", 0, "place:velmora", "group:quarnet") + linked(
        "b", 2, "place:velmora", "group:quarnet"
    )
    ids = number_nodes([exact, vague], mentions)
    assert ids[exact] != ids[vague]
