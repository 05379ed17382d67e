"""The co-mention graph on hand-built records (no model)."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.errors import UsageError
from pipeline.graph import build_graph
from pipeline.query import ego, find_node, summarize
from pipeline.records import (
    Article,
    Entity,
    Extraction,
    Mention,
    NumberNode,
    Quantity,
    Resolution,
    Sentence,
)


def corpus(*paragraphs: list[list[str]], article_id: str = "a", numbers: list[Quantity] = ()):
    """One article: paragraphs of sentences of entity node names (each name its own place entity)."""
    body_parts, sentences, mentions = [], [], []
    offset, index = 0, 0
    for p_index, paragraph in enumerate(paragraphs):
        for sentence_names in paragraph:
            text = " ".join(sentence_names) + "."
            sentences.append(Sentence(article_id, index, offset, offset + len(text), p_index))
            cursor = offset
            for name in sentence_names:
                mentions.append(
                    Mention(
                        article_id,
                        index,
                        cursor,
                        cursor + len(name),
                        name,
                        "GPE",
                        "place",
                        node_id=f"place:{name.lower()}",
                    )
                )
                cursor += len(name) + 1
            body_parts.append(text)
            offset += len(text) + 1
            index += 1
        body_parts[-1] += "\n"
    body = " ".join(body_parts)
    extraction = Extraction(article_id, tuple(sentences), tuple(mentions), tuple(numbers))
    article = Article(article_id, "x.txt", 0, "T", body)
    return extraction, article


def resolution_of(*extractions: Extraction) -> Resolution:
    names: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for e in extractions:
        for m in e.mentions:
            names.setdefault(m.node_id, set()).add(e.article_id)
            counts[m.node_id] = counts.get(m.node_id, 0) + 1
    entities = tuple(
        Entity(
            node,
            node.split(":")[1].title(),
            "place",
            (node.split(":")[1].title(),),
            counts[node],
            tuple(sorted(a)),
        )
        for node, a in sorted(names.items())
    )
    return Resolution(entities, (), tuple(m for e in extractions for m in e.mentions))


def graph_of(*pairs, **options):
    extractions = [p[0] for p in pairs]
    articles = [p[1] for p in pairs]
    return build_graph(resolution_of(*extractions), extractions, articles, **options).graph


def edges(graph) -> dict[tuple[str, str], int]:
    return {
        tuple(sorted((a.split(":")[1], b.split(":")[1]))): d["weight"] for a, b, d in graph.edges(data=True)
    }


def test_window_choice() -> None:
    article = corpus([["A", "B"], ["C"]], [["D"]])  # paragraph 0: "A B." "C."; paragraph 1: "D."
    assert edges(graph_of(article)) == {("a", "b"): 1}
    assert edges(graph_of(article, window="paragraph")) == {("a", "b"): 1, ("a", "c"): 1, ("b", "c"): 1}
    assert len(edges(graph_of(article, window="article"))) == 6


def test_each_window_counts_once_and_articles_are_counted() -> None:
    first = corpus([["A", "B", "A", "B"], ["A", "B"], ["A"]])
    second = corpus([["A", "B"]], article_id="b")
    graph = graph_of(first, second)
    data = graph.edges["place:a", "place:b"]
    assert (data["weight"], data["articles"], data["article_ids"]) == (3, 2, "a|b")


def test_evidence_is_the_supporting_sentence_round_robin_across_articles() -> None:
    first = corpus([["A", "B"], ["A", "B"], ["A", "B"]])
    second = corpus([["A", "B"]], article_id="b")
    graph = graph_of(first, second, evidence_limit=3)
    data = graph.edges["place:a", "place:b"]
    assert [(e.article_id, e.sentence, e.text) for e in data["evidence_list"]] == [
        ("a", 0, "A B."),
        ("b", 0, "A B."),
        ("a", 1, "A B."),
    ]
    assert (data["evidence"], data["evidence_article"], data["evidence_count"]) == ("A B.", "a", 4)


def test_an_evidence_limit_of_zero_keeps_no_sentence_but_still_counts_the_windows() -> None:
    data = graph_of(corpus([["A", "B"]]), evidence_limit=0).edges["place:a", "place:b"]
    assert (data["evidence_list"], data["evidence"], data["evidence_article"]) == ([], "", "")
    assert (data["weight"], data["evidence_count"]) == (1, 1)
    data = graph_of(corpus([["A", "B"], ["A", "B"]]), evidence_limit=1).edges["place:a", "place:b"]
    assert [(e.article_id, e.sentence) for e in data["evidence_list"]] == [("a", 0)]
    assert data["evidence_count"] == 2


def test_npmi_ranks_specific_pairs_above_hub_links() -> None:
    # "Hub" is everywhere; "X" and "Y" only ever appear together.
    article = corpus([["Hub", "X", "Y"], ["Hub", "P"], ["Hub", "Q"], ["Hub", "R"]])
    graph = graph_of(article)
    assert graph.edges["place:x", "place:y"]["npmi"] == 1.0
    assert graph.edges["place:hub", "place:p"]["npmi"] < graph.edges["place:x", "place:y"]["npmi"]


def test_min_weight_prunes_edges_after_analytics() -> None:
    article = corpus([["A", "B"], ["A", "B"], ["A", "C"]])
    graph = graph_of(article, min_weight=2)
    assert edges(graph) == {("a", "b"): 2}
    assert graph.nodes["place:a"]["degree"] == 2  # computed on the full graph
    assert graph.graph["min_weight"] == 2


def test_numbers_become_nodes_linked_to_their_sentence() -> None:
    # the body is "A. B.": each count stands at its sentence's full stop, beside the name, not over it
    counts = [
        Quantity("a", 0, 1, 2, "3,000", 3000.0, object="fighters", category="surrender"),
        Quantity(
            "a", 1, 4, 5, "about 3,000", 3000.0, object="fighters", qualifier="about", actor="Varn police"
        ),
        Quantity("a", 1, 4, 5, "53", 53.0, unit="years", object="age", category="age"),
        Quantity("a", 1, 4, 5, "two", 2.0),
    ]
    article = corpus([["A"], ["B"]], numbers=counts)
    assert article[1].body == "A. B.\n"
    graph = graph_of(article)
    # one count, two labels ("3,000 fighters surrendered", "about 3,000 fighters"): the first in order
    [node] = [n for n in graph if n.startswith("number:3-000-fighters-surrendered-")]  # + its article
    assert graph.nodes[node]["label"] == "3,000 fighters surrendered"
    assert graph.nodes[node]["mentions"] == 2
    assert graph.nodes[node]["actor"] == "Varn police"  # the first of its counts that names one
    assert not any("actor" in data for n, data in graph.nodes(data=True) if n != node)
    # its two counts are of one article: one article, however many counts
    assert (graph.nodes[node]["articles"], graph.nodes[node]["article_ids"]) == (1, "a")
    assert set(graph[node]) == {"place:a", "place:b"}
    assert [n for n, d in graph.nodes(data=True) if d["type"] == "number"] == [node]
    assert not any(d["type"] == "number" for _, d in graph_of(article, numbers=False).nodes(data=True))


def test_a_count_node_none_of_whose_counts_names_a_doer_has_no_actor() -> None:
    counts = [Quantity("a", 0, 1, 2, "12", 12.0, object="boats", category="seize")]
    graph = graph_of(corpus([["A"], ["B"]], numbers=counts))
    [data] = [d for _, d in graph.nodes(data=True) if d["type"] == "number"]
    assert data["category"] == "seize" and "actor" not in data


def test_analytics_are_stored_on_every_node() -> None:
    # A and B meet twice, so B's weighted degree (2 + 1) differs from its degree (two neighbours)
    graph = graph_of(corpus([["A", "B"], ["A", "B"], ["B", "C"], ["D", "E"]]))
    for _, data in graph.nodes(data=True):
        assert {"degree", "weighted_degree", "pagerank", "betweenness", "community", "component"} <= set(data)
    node = graph.nodes
    assert [(node[f"place:{n}"]["degree"], node[f"place:{n}"]["weighted_degree"]) for n in "abcde"] == [
        (1, 2),
        (2, 3),
        (1, 1),
        (1, 1),
        (1, 1),
    ]
    assert node["place:a"]["community"] == node["place:b"]["community"] == node["place:c"]["community"]
    assert node["place:d"]["community"] == node["place:e"]["community"] != node["place:a"]["community"]
    # the weight-2 link lifts A above C; the pair D-E splits its share evenly
    assert {n: node[f"place:{n}"]["pagerank"] for n in "abcde"} == pytest.approx(
        {"a": 0.195406, "b": 0.291891, "c": 0.112703, "d": 0.2, "e": 0.2}, abs=1e-6
    )
    assert node["place:b"]["betweenness"] > node["place:a"]["betweenness"]
    assert node["place:a"]["component"] == 0 and node["place:d"]["component"] == 1


def dated(pair, day: str):
    """An article of :func:`corpus` with the date ingest read (the graph never reads dates itself)."""
    extraction, article = pair
    return extraction, dataclasses.replace(article, date=f"written {day}", iso_date=day)


def test_dates_give_first_and_last_appearance() -> None:
    first, a1 = dated(corpus([["A", "B"]]), "2025-03-03")
    second, a2 = dated(corpus([["A"]], article_id="b"), "2025-01-20")
    graph = build_graph(resolution_of(first, second), [first, second], [a1, a2]).graph
    assert (graph.nodes["place:a"]["first_date"], graph.nodes["place:a"]["last_date"]) == (
        "2025-01-20",
        "2025-03-03",
    )
    assert graph.nodes["place:b"]["first_date"] == "2025-03-03"


def three_dated_articles():
    """A-B on 19 May, A-B and A-C twice on 27 May, B-C in an undated article."""
    return [
        dated(corpus([["A", "B"]], article_id="a"), "2025-05-19"),
        dated(corpus([["A", "B"], ["A", "C"], ["A", "C"]], article_id="b"), "2025-05-27"),
        corpus([["B", "C"]], article_id="c"),
    ]


def test_edges_carry_the_first_and_last_day_of_the_articles_supporting_them() -> None:
    graph = graph_of(*three_dated_articles())
    dates = {(a, b): (d["first_date"], d["last_date"]) for a, b, d in graph.edges(data=True)}
    assert dates[("place:a", "place:b")] == ("2025-05-19", "2025-05-27")
    assert dates[("place:a", "place:c")] == ("2025-05-27", "2025-05-27")
    assert dates[("place:b", "place:c")] == ("", "")  # seen only in an undated article


def test_timeline_per_period_of_nodes_and_links() -> None:
    weekly = graph_of(*three_dated_articles(), period="week")
    assert weekly.graph["period"] == "week"
    # (first day of the week, mentions, articles); the undated article counts in no period
    assert weekly.nodes["place:a"]["timeline"] == (("2025-05-19", 1, 1), ("2025-05-26", 3, 1))
    assert weekly.nodes["place:c"]["timeline"] == (("2025-05-26", 2, 1),)
    # (first day, weight: windows mentioning both, articles)
    assert weekly.edges["place:a", "place:c"]["timeline"] == (("2025-05-26", 2, 1),)
    assert weekly.edges["place:b", "place:c"]["timeline"] == ()
    monthly = graph_of(*three_dated_articles(), period="month")
    assert monthly.edges["place:a", "place:b"]["timeline"] == (("2025-05-01", 2, 2),)


def test_the_period_is_chosen_from_the_span_of_the_dates() -> None:
    assert graph_of(*three_dated_articles()).graph["period"] == "day"  # 8 days
    months_apart = [
        dated(corpus([["A", "B"]], article_id="a"), "2025-01-06"),
        dated(corpus([["A", "B"]], article_id="b"), "2025-05-27"),
    ]
    graph = graph_of(*months_apart)
    assert graph.graph["period"] == "week"
    assert graph.edges["place:a", "place:b"]["timeline"] == (("2025-01-06", 1, 1), ("2025-05-26", 1, 1))


def test_without_dates_there_is_no_period_and_no_timeline() -> None:
    undated_article = corpus([["A", "B"]])
    written_only = (undated_article[0], dataclasses.replace(undated_article[1], date="3 March 2025"))
    graph = graph_of(written_only, period="week")
    assert "period" not in graph.graph
    assert graph.nodes["place:a"]["timeline"] == () and graph.nodes["place:a"]["first_date"] == ""
    assert graph.edges["place:a", "place:b"]["timeline"] == ()


def test_ego_and_find_by_alias() -> None:
    graph = graph_of(corpus([["A", "B"], ["B", "C"], ["C", "D"]]))
    graph.nodes["place:b"]["aliases"] = "B|Bee"
    assert find_node(graph, "the bee") == "place:b"
    assert set(ego(graph, "Bee")) == {"place:a", "place:b", "place:c"}
    assert set(ego(graph, "Bee", hops=2)) == {"place:a", "place:b", "place:c", "place:d"}
    with pytest.raises(UsageError, match="no entity named 'Be'.*did you mean"):
        find_node(graph, "Be")


def test_summary_tables() -> None:
    graph = graph_of(corpus([["A", "B"], ["A", "B"], ["A", "C"]]))
    summary = summarize(graph)
    assert summary.top["place"][0][1] == "A"
    assert summary.edges[0][:3] == ("A", "B", 2)
    # A links both B and C, nothing splits them: one community, its members in the ranking
    assert summary.communities == [(0, 3, ["A", "B", "C"])]
    assert summary.categories == {}
    # counts by what happened: the count nodes of a category, their articles and the largest first
    for node, (value, category, articles) in {
        "number:12-miners-killed": (12.0, "kill", "x|y"),
        "number:40-miners-killed": (40.0, "kill", "y"),
        "number:3-men-arrested": (3.0, "arrest", "z"),
        "number:53-age": (53.0, "age", "z"),
    }.items():
        label = node.split(":")[1].replace("-", " ")
        graph.add_node(node, type="number", label=label, value=value, category=category, article_ids=articles)
    graph.nodes["number:12-miners-killed"]["actor"] = "Osk militia"
    graph.nodes["number:40-miners-killed"]["actor"] = "Osk militia"
    graph.nodes["number:3-men-arrested"]["actor"] = "Varn police"
    assert summarize(graph).categories == {
        "kill": (2, 2, ["40 miners killed", "12 miners killed"], ["Osk militia (2)"]),
        "arrest": (1, 1, ["3 men arrested"], ["Varn police (1)"]),
    }
    # two count nodes of one article: two nodes, one article
    graph.add_node(
        "number:5-miners-arrested", type="number", label="5 miners arrested", value=5.0, category="arrest"
    )
    graph.nodes["number:5-miners-arrested"]["article_ids"] = "z"
    assert summarize(graph).categories["arrest"] == (
        2,
        1,
        ["5 miners arrested", "3 men arrested"],
        ["Varn police (1)"],
    )


def test_summary_names_the_three_doers_of_most_count_nodes_first() -> None:
    graph = graph_of(corpus([["A", "B"]]))
    for i, actor in enumerate(["Tarn rangers", "Varn police", "Osk militia", "Varn police", "Quell guard"]):
        graph.add_node(
            f"number:{i}", type="number", label=f"{i + 1} arrested", value=float(i + 1), category="arrest",
            article_ids="z", actor=actor,
        )  # fmt: skip
    doers = summarize(graph).categories["arrest"][3]
    assert doers == ["Varn police (2)", "Osk militia (1)", "Quell guard (1)"]  # then by name, Tarn left out


def test_summary_lists_the_largest_community_first() -> None:
    # {A, B, C} and {D, E}: the smaller community comes second, whatever its members' names
    graph = graph_of(corpus([["D", "E"], ["A", "B"], ["A", "B"], ["B", "C"]]))
    assert [(size, sorted(members)) for _, size, members in summarize(graph).communities] == [
        (3, ["A", "B", "C"]),
        (2, ["D", "E"]),
    ]
    assert summarize(graph, communities=1).communities[0][1] == 3


def test_the_stage_returns_its_number_nodes_and_the_mentions_with_their_node_ids() -> None:
    body = "3 fighters met A. Two left."
    sentences = (Sentence("a", 0, 0, 17, 0), Sentence("a", 1, 18, 27, 0))
    three = Mention("a", 0, 0, 1, "3", "CARDINAL", "number")
    place = Mention("a", 0, 15, 16, "A", "GPE", "place", node_id="place:a")
    two = Mention("a", 1, 18, 21, "Two", "CARDINAL", "number")
    fighters = Quantity("a", 0, 0, 1, "3", 3.0, object="fighters")
    bare = Quantity("a", 1, 18, 21, "Two", 2.0)  # counts nothing named: no node
    extraction = Extraction("a", sentences, (three, place, two), (fighters, bare))
    resolution = Resolution((Entity("place:a", "A", "place", ("A",), 1, ("a",)),), (), (three, place, two))
    articles = [Article("a", "x.txt", 0, "T", body)]

    built = build_graph(resolution, [extraction], articles)
    assert built.numbers == (NumberNode(fighters, "number:3-fighters-a"),)
    assert [m.node_id for m in built.mentions] == ["number:3-fighters-a", "place:a", ""]
    assert {frozenset(edge) for edge in built.graph.edges} == {frozenset({"place:a", "number:3-fighters-a"})}
    assert "titles" not in built.graph.graph and built.failures == ()

    without = build_graph(resolution, [extraction], articles, numbers=False)
    assert without.numbers == () and without.mentions == resolution.mentions


def test_places_named_without_ambiguity_get_coordinates() -> None:
    article = corpus([["France", "Springfield", "Quellby"]])
    graph = graph_of(article)
    assert graph.nodes["place:france"]["lat"] == pytest.approx(48.85, abs=0.1)  # a country at its capital
    assert graph.nodes["place:france"]["lon"] == pytest.approx(2.35, abs=0.1)
    assert "lat" not in graph.nodes["place:springfield"]  # several cities, none dominant
    assert "lat" not in graph.nodes["place:quellby"]  # not in the gazetteer


def test_a_place_whose_spellings_name_two_places_of_the_gazetteer_gets_no_coordinates() -> None:
    from pipeline.graph import _coordinates

    def place(*names: str) -> Entity:
        return Entity("place:x", names[0], "place", names, 1, ("a",))

    assert set(_coordinates(place("France", "France"))) == {"lat", "lon"}
    assert _coordinates(place("France", "Germany")) == {}
    assert _coordinates(Entity("group:x", "France", "group", ("France",), 1, ("a",))) == {}


def written(text: str, *, article_id: str = "a", counts: tuple[Quantity, ...] = ()):
    """One article of one paragraph whose sentences end in ". ", names marked in brackets: "[Quist] met
    [Varn]." Brackets nest ("[[Quellby] Rovers]": a place inside a team's name); each name is a place
    entity of its own."""
    body, spans, stack = [], [], []
    for char in text:
        if char == "[":
            stack.append(len(body))
        elif char == "]":
            spans.append((stack.pop(), len(body)))
        else:
            body.append(char)
    plain = "".join(body)
    sentences, start = [], 0
    for index, piece in enumerate(plain.split(". ")):
        end = start + len(piece) + (0 if piece.endswith(".") else 1)
        sentences.append(Sentence(article_id, index, start, min(end, len(plain)), 0))
        start += len(piece) + 2
    mentions = []
    for first, last in sorted(spans):
        name = plain[first:last]
        index = next(s.index for s in sentences if s.start <= first < s.end)
        node = f"place:{name.lower().replace(' ', '-')}"
        mentions.append(Mention(article_id, index, first, last, name, "GPE", "place", node_id=node))
    extraction = Extraction(article_id, tuple(sentences), tuple(mentions), counts)
    return extraction, Article(article_id, "x.txt", 0, "T", plain)


def links(graph) -> set[tuple[str, str]]:
    """Each link as its two names, sorted (:func:`resolution_of` labels "Fort Quell" "Fort-Quell")."""
    name = {node: label.replace("-", " ") for node, label in graph.nodes(data="label")}
    return {tuple(sorted((name[a], name[b]))) for a, b in graph.edges}


def test_items_of_an_enumeration_are_linked_to_the_sentence_not_to_each_other() -> None:
    graph = graph_of(written("[Fort Quell] is bordered by [Varn], [Osk], [Tell] and [Brin]."))
    assert links(graph) == {
        ("Brin", "Fort Quell"),
        ("Fort Quell", "Osk"),
        ("Fort Quell", "Tell"),
        ("Fort Quell", "Varn"),
    }
    # a visa list with its parentheses, nothing else named: no link at all
    visas = written(
        "Citizens of [Quellia] (28 days), [Varnia] (28 days), [Oskia], [Tellia] or [Brinia] need no visa."
    )
    assert links(graph_of(visas)) == set()
    # two lists in one sentence (the authors of two citations): no item is linked to another
    cited = written(
        "Play helps ([Quist], [Varn], [Osk], & [Tell], 2010); see also ([Brin], [Dell], [Ekk] and [Fenn], 2008)."
    )
    assert links(graph_of(cited)) == set()


def test_two_and_three_names_joined_by_and_keep_their_links() -> None:
    graph = graph_of(written("[Quist] and [Varn] met in [Osk]. [Tell], [Brin] and [Dell] signed."))
    assert links(graph) == {
        ("Osk", "Quist"),
        ("Osk", "Varn"),
        ("Quist", "Varn"),
        ("Brin", "Dell"),
        ("Brin", "Tell"),
        ("Dell", "Tell"),
    }


def test_an_enumeration_is_cut_by_any_word_between_its_names() -> None:
    # "[A] in [B], [C] in [D]": pairs, not one list of names; names with spaces alone between are no list
    graph = graph_of(written("I went to [Quell] in [Varn], [Osk] in [Tell]. [Brin] [Dell] [Ekk] [Fenn] won."))
    assert len(links(graph)) == 6 + 6


def test_list_items_still_link_across_sentences_of_a_paragraph_window() -> None:
    article = written("[Varn], [Osk], [Tell] and [Brin] signed. [Quist] watched.")
    assert links(graph_of(article)) == set()
    assert links(graph_of(article, window="paragraph")) == {
        ("Brin", "Quist"),
        ("Osk", "Quist"),
        ("Quist", "Tell"),
        ("Quist", "Varn"),
    }
    evidence = graph_of(article, window="paragraph").edges["place:quist", "place:varn"]["evidence"]
    assert evidence == "Varn, Osk, Tell and Brin signed. … Quist watched."


def test_each_count_of_a_tally_is_linked_to_its_own_place_only() -> None:
    text = "Seven people died in [Oskland], five in [Quellia], three in [Varnby]."
    plain = text.replace("[", "").replace("]", "")

    def at(word: str) -> int:
        return plain.index(word)

    # what extraction gives each count: the parts of the sentence that tell of the others
    five_item, three_item = (at("five"), at(", three")), (at("three"), len(plain) - 1)
    seven = Quantity("a", 0, 0, 5, "Seven", 7.0, object="people", apart=(five_item, three_item))
    five = Quantity("a", 0, at("five"), at("five") + 4, "five", 5.0, object="people",
                    apart=((0, five_item[0]), (five_item[1], len(plain))))  # fmt: skip
    graph = graph_of(written(text, counts=(seven, five)))
    counted = {pair for pair in links(graph) if any(name[0].isdigit() for name in pair)}
    assert counted == {("7 people", "Oskland"), ("5 people", "Quellia")}
    assert ("Oskland", "Quellia") in links(graph)  # names keep their links


def test_a_name_is_not_linked_to_a_name_holding_it_nor_a_count_to_the_noun_it_counts() -> None:
    graph = graph_of(written("[[Quellby] Rovers] beat [Varn]."))
    assert links(graph) == {("Quellby", "Varn"), ("Quellby Rovers", "Varn")}
    fourteen = Quantity("a", 0, 0, 2, "14", 14.0, object="Quellians")
    graph = graph_of(written("14 [Quellians] died in [Varn].", counts=(fourteen,)))
    assert links(graph) == {("14 Quellians", "Varn"), ("Quellians", "Varn")}
    # a name between a count and its noun is linked to the count; one elsewhere in the sentence too
    marines = Quantity("a", 0, 0, 5, "1,000", 1000.0, object="marines")
    graph = graph_of(
        written("1,000 [Quellian] marines left [Varn] and 3 [Osk] Rovers stayed.", counts=(marines,))
    )
    assert {("1,000 marines", "Quellian"), ("1,000 marines", "Osk"), ("1,000 marines", "Varn")} <= links(
        graph
    )
    # a count beside an enumeration is linked to each item
    cities = Quantity("a", 0, 8, 9, "4", 4.0, object="cities")
    graph = graph_of(written("Flights to 4 cities: [Varn], [Osk], [Tell] and [Brin].", counts=(cities,)))
    assert links(graph) == {("4 cities", name) for name in ("Brin", "Osk", "Tell", "Varn")}


def test_evidence_comes_from_the_newest_articles_then_in_reading_order() -> None:
    # article ids that sort against the reading order: the hash id no longer decides
    late, early, undated = (written("[Quist] met [Varn].", article_id=i) for i in ("zz", "mm", "aa"))
    graph = graph_of(late, early, undated, evidence_limit=5)
    assert [e.article_id for e in graph.edges["place:quist", "place:varn"]["evidence_list"]] == [
        "zz",
        "mm",
        "aa",
    ]
    assert graph.edges["place:quist", "place:varn"]["article_ids"] == "aa|mm|zz"  # ids stay sorted
    graph = graph_of(dated(late, "2025-01-02"), dated(early, "2025-03-04"), undated)
    data = graph.edges["place:quist", "place:varn"]
    assert [e.article_id for e in data["evidence_list"]] == ["mm", "zz", "aa"]
    assert data["evidence_article"] == "mm"


def test_within_an_article_a_stated_link_comes_before_a_list_beside_it() -> None:
    article = written("[Quellco] flies to [Varn], [Osk], [Tell] and [Brin]. [Quellco] is based in [Varn].")
    data = graph_of(article).edges["place:quellco", "place:varn"]
    assert [e.sentence for e in data["evidence_list"]] == [1, 0]
    assert (data["weight"], data["evidence_count"]) == (2, 2)  # every supporting window, as the weight


def test_names_in_a_pictures_caption_meet_only_each_other_and_its_photographer_nobody() -> None:
    caption = "C D. Photo: Ee Ff"
    article = Article("a", "x.txt", 0, "T", "A B.", caption=caption)
    text = article.text
    sentences = (Sentence("a", 0, 0, 4, 0), Sentence("a", 1, 7, 11, 1), Sentence("a", 2, 12, len(text), 1))
    places = [
        ("A", 0, "model"),
        ("B", 0, "model"),
        ("C", 1, "caption"),
        ("D", 1, "caption"),
        ("Ee Ff", 2, "credit"),
    ]
    mentions = tuple(
        Mention(
            "a", s, text.index(n), text.index(n) + len(n), n, "GPE", "place", origin, f"place:{n.lower()}"
        )
        for n, s, origin in places
    )
    extraction = Extraction("a", sentences, mentions, ())
    for window in ("sentence", "paragraph", "article"):
        graph = graph_of((extraction, article), window=window)
        assert edges(graph) == {("a", "b"): 1, ("c", "d"): 1}, window
        assert graph.degree("place:ee ff") == 0
