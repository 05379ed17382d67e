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
    bare = count("a", 3, 7.0)  # a whole number, no unit, counting nothing named
    assert number_nodes([percent, money, age, bare]) == {}


def test_a_share_money_a_distance_a_rate_or_a_score_is_never_a_node_and_an_amount_of_a_thing_is() -> None:
    share, ratio = count("a", 0, 12.0, "children", unit="%"), count("a", 1, 0.125, "members", unit="ratio")
    aid = count("a", 2, 10_000_000.0, "aid", unit="USD")  # its object stays in numbers.csv
    line = count("a", 3, 20.0, "containment line", unit="km")
    meals, half = count("a", 4, 3.0, "meals", unit="per day"), count("a", 5, 0.5, "fleet")
    wickets, grain = count("a", 6, 5.0, "wickets"), count("a", 7, 6600.0, "grain", unit="t")
    found = number_nodes([share, ratio, aid, line, meals, half, wickets, grain])
    assert found == {grain: "number:6-600-t-grain-a"}


def test_the_steps_a_rate_moves_by_are_never_a_node() -> None:
    basis, points = count("a", 0, 6.0, "basis points"), count("a", 1, 2.0, "percentage points")
    notches, bps = count("a", 2, 2.0, "notches"), count("a", 3, 25.0, "bps")
    branches = count("a", 4, 310.0, "branches")
    assert number_nodes([basis, points, notches, bps, branches]) == {branches: "number:310-branches-a"}


def test_one_event_in_two_articles_joins_when_the_sentences_share_two_entities() -> None:
    a, b = count("a", 0, 12.0, "miners", category="kill"), count("b", 2, 12.0, "miners", category="kill")
    c = count("c", 0, 12.0, "miners", category="kill")
    mentions = linked("a", 0, "place:velmora", "group:quarnet") + linked(
        "b", 2, "place:velmora", "group:quarnet"
    )
    mentions += linked("c", 0, "place:velmora")  # one shared entity is not enough
    ids = number_nodes([a, b, c], mentions)
    assert ids[a] == ids[b] == "number:12-miners-killed-a"
    assert ids[c] == "number:12-miners-killed-c"


def test_a_different_category_keeps_equal_counts_apart() -> None:
    a, b = count("a", 0, 12.0, "miners", category="kill"), count("b", 0, 12.0, "miners", category="arrest")
    mentions = linked("a", 0, "place:velmora", "group:quarnet") + linked(
        "b", 0, "place:velmora", "group:quarnet"
    )
    ids = number_nodes([a, b], mentions)
    assert ids[a] != ids[b]


def test_a_count_of_things_with_no_event_stays_in_its_article() -> None:
    a, b = count("a", 0, 300.0, "tanks"), count("b", 2, 300.0, "tanks")  # "300 tanks near Velmora"
    mentions = linked("a", 0, "place:velmora", "group:quarnet") + linked(
        "b", 2, "place:velmora", "group:quarnet"
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


def test_a_list_of_counts_gives_each_count_only_the_places_of_its_own_stretch() -> None:
    # "Five people have died in Quellby, three in Varn and two in Oskmere." against
    # "Nine people have died in Varn, five in Oskmere, three in Quellby and two in Tavel."
    def died(article: str, start: int, value: float) -> Quantity:
        return Quantity(article, 0, start, start + 4, str(value), value, "", "people", "", "kill")

    def place(article: str, start: int, name: str) -> Mention:
        return Mention(article, 0, start, start + len(name), name, "GPE", "place", node_id=f"place:{name}")

    a_five, a_three, a_two = died("a", 0, 5.0), died("a", 35, 3.0), died("a", 50, 2.0)
    b_nine, b_five, b_three, b_two = (
        died("b", 0, 9.0),
        died("b", 30, 5.0),
        died("b", 48, 3.0),
        died("b", 70, 2.0),
    )
    mentions = [place("a", 25, "quellby"), place("a", 44, "varn"), place("a", 58, "oskmere")]
    mentions += [place("b", 25, "varn"), place("b", 38, "oskmere"), place("b", 57, "quellby")]
    mentions += [place("b", 77, "tavel")]
    ids = number_nodes([a_five, a_three, a_two, b_nine, b_five, b_three, b_two], mentions)
    assert len(set(ids.values())) == 7  # the whole sentences share three places; no stretch shares two
    # the same list with each stretch naming the same two entities is one event reported twice
    twice = [place(article, at, name) for article in "ab" for at, name in ((25, "quellby"), (30, "velm"))]
    assert number_nodes([died("a", 0, 5.0), died("b", 0, 5.0)], twice) == {
        died("a", 0, 5.0): "number:5-people-killed-a",  # the first article's
        died("b", 0, 5.0): "number:5-people-killed-a",
    }


def test_a_span_of_time_or_a_frequency_is_never_a_node() -> None:
    days, times = count("a", 0, 17.0, "days"), count("a", 1, 3.0, "times")
    crews = count("a", 2, 3.0, "crews")
    assert number_nodes([days, times, crews]) == {crews: "number:3-crews-a"}


def test_a_node_label_says_what_happened_and_a_vague_count_keeps_its_words() -> None:
    held = count("a", 0, 200.0, "protesters", category="arrest")
    vague = Quantity("a", 1, 0, 22, "hundreds of thousands", 200_000.0, object="refugees", category="affect")
    assert number_nodes([held, vague]) == {
        held: "number:200-protesters-arrested-a",
        vague: "number:hundreds-of-thousands-of-refugees-affected-a",
    }


def test_one_of_a_plural_reads_as_one_of_them() -> None:
    one = Quantity(
        "a", 0, 0, 12, "at least one", 1.0, object="raiders", qualifier="at least", category="kill"
    )
    child = count("a", 1, 1.0, "children", category="kill")
    porter = count("a", 2, 1.0, "porter", category="wound")
    assert number_nodes([one, child, porter]) == {
        one: "number:at-least-1-of-the-raiders-killed-a",
        child: "number:1-of-the-children-killed-a",
        porter: "number:1-porter-wounded-a",
    }


def test_votes_are_a_tally_and_never_a_node() -> None:
    assert number_nodes([count("a", 0, 12.0, "votes"), count("a", 1, 5.0, "votes")]) == {}


def test_a_count_keeps_its_node_id_when_another_story_brings_the_same_words() -> None:
    first = count("a", 0, 4.0, "pilgrims", category="kill")
    before = number_nodes([first])[first]
    later = count("b", 3, 4.0, "pilgrims", category="kill")  # tomorrow's batch: another story
    after = number_nodes([first, later])
    assert before == after[first] == "number:4-pilgrims-killed-a"
    assert after[later] == "number:4-pilgrims-killed-b"


def test_two_counts_of_one_article_whose_labels_read_alike_are_numbered_apart() -> None:
    spaced, hyphened = count("a", 0, 40.0, "al Quell fighters"), count("a", 1, 40.0, "al-Quell fighters")
    assert number_nodes([hyphened, spaced]) == {
        spaced: "number:40-al-quell-fighters-a",
        hyphened: "number:40-al-quell-fighters-a-2",
    }


def test_the_first_count_of_a_list_takes_the_names_before_it() -> None:
    # a: "In Quellby and Varn five people died, three in Oskmere."; b: "Quellby and Varn: five people died."
    def died(article: str, start: int, value: float) -> Quantity:
        return Quantity(article, 0, start, start + 4, str(value), value, "", "people", "", "kill")

    def place(article: str, start: int, name: str) -> Mention:
        return Mention(article, 0, start, start + len(name), name, "GPE", "place", node_id=f"place:{name}")

    a_five, a_three, b_five = died("a", 20, 5.0), died("a", 38, 3.0), died("b", 18, 5.0)
    mentions = [place("a", 3, "quellby"), place("a", 15, "varn"), place("a", 47, "oskmere")]
    mentions += [place("b", 0, "quellby"), place("b", 12, "varn")]
    ids = number_nodes([a_five, a_three, b_five], mentions)
    assert ids[a_five] == ids[b_five] == "number:5-people-killed-a"
    assert ids[a_three] == "number:3-people-killed-a"


def test_equal_counts_of_two_events_in_one_article_are_two_nodes() -> None:
    killed, wounded = (
        count("a", 0, 12.0, "people", category="kill"),
        count("a", 1, 12.0, "people", category="wound"),
    )
    again = count("a", 2, 12.0, "people")  # "the 12 people": no event of its own, it joins the first
    ids = number_nodes([killed, wounded, again])
    assert ids[killed] == ids[again] == "number:12-people-killed-a"
    assert ids[wounded] == "number:12-people-wounded-a"
    # the killed of another article that share two entities still join the killed, not the wounded
    other = count("b", 0, 12.0, "people", category="kill")
    mentions = linked("a", 0, "place:varnton", "group:quellbank") + linked(
        "b", 0, "place:varnton", "group:quellbank"
    )
    ids = number_nodes([killed, wounded, other], mentions)
    assert ids[other] == ids[killed] != ids[wounded]
