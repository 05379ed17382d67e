"""Finding an entity by the name an analyst types, and its neighbourhood (pipeline.query), on a hand-built
graph."""

from __future__ import annotations

import warnings

import networkx as nx
import pytest

from pipeline.errors import AmbiguousNameWarning, BadOptionError, UnknownEntityError
from pipeline.query import ego, find_node


@pytest.fixture
def graph() -> nx.Graph:
    graph = nx.Graph()
    graph.add_node(
        "person:orla-quist", label="Orla Quist", type="person", aliases="Orla Quist|Quist", mentions=9
    )
    graph.add_node("group:velt-union", label="Velt Union", type="group", aliases="Velt Union", mentions=4)
    graph.add_node("group:mc-dorans", label="McDoran's", type="group", aliases="McDoran's", mentions=2)
    graph.add_node("place:ardvik", label="Ardvik", type="place", mentions=3)
    for label in ("80 strike aircraft", "12 quist boats", "300 m freestyle"):
        graph.add_node(f"number:{label}", label=label, type="number", mentions=1)
    graph.add_edges_from([("person:orla-quist", "group:velt-union"), ("group:velt-union", "place:ardvik")])
    return graph


@pytest.mark.parametrize("name", ["Quist's", "orla quist’s", "QUIST'S  ", "Quist'"])
def test_a_possessive_finds_its_owner(graph: nx.Graph, name: str) -> None:
    assert find_node(graph, name) == "person:orla-quist"


@pytest.mark.parametrize(
    "name", ["Prime Minister Orla Quist", "Mr Quist", "Dr. Quist's", "Deputy Prime Minister Orla Quist"]
)
def test_titles_are_dropped_as_extraction_drops_them(graph: nx.Graph, name: str) -> None:
    # "Prime Minister John Howard" and "Mr Howard" found nothing, though the node is John Howard
    assert find_node(graph, name) == "person:orla-quist"


def test_a_title_that_is_part_of_a_node_is_kept(graph: nx.Graph) -> None:
    graph.add_node("person:president-quist", label="President Quist", type="person", mentions=1)
    assert find_node(graph, "President Quist") == "person:president-quist"  # the whole name first
    with pytest.raises(UnknownEntityError, match="no entity named 'Prime Minister'"):
        find_node(graph, "Prime Minister")  # a title alone is no name


def test_a_name_ending_like_a_possessive_is_found_whole(graph: nx.Graph) -> None:
    assert find_node(graph, "mcdoran's") == "group:mc-dorans"
    with pytest.raises(UnknownEntityError, match='no entity named "Ardvik\'s Velt"'):
        find_node(graph, "Ardvik's Velt")  # only a trailing possessive is taken off


def test_close_names_leave_counts_out_unless_the_name_has_a_digit(graph: nx.Graph) -> None:
    with pytest.raises(UnknownEntityError) as missed:
        find_node(graph, "Quistt")
    assert "'Orla Quist'" in str(missed.value) and "boats" not in str(missed.value)
    with pytest.raises(UnknownEntityError, match="did you mean '12 quist boats'"):
        find_node(graph, "12 quist boat")


@pytest.mark.parametrize("name", ["", "   ", None, 123])
def test_a_name_is_needed(graph: nx.Graph, name: object) -> None:
    # "   " listed unrelated names as close ones; None and 123 raised a TypeError from deep inside
    with pytest.raises(BadOptionError, match=f"name: {name!r} is not valid; expected the label, alias or id"):
        find_node(graph, name)  # type: ignore[arg-type]


@pytest.mark.parametrize("hops", ["2", 2.5, 0, True])
def test_hops_is_a_whole_number_of_links(graph: nx.Graph, hops: object) -> None:
    # 2.5 reached as far as 3 did; "2" raised a TypeError comparing text with a number
    with pytest.raises(
        BadOptionError, match=f"--hops: {hops!r} is not valid; expected a whole number of links"
    ):
        ego(graph, "Quist", hops=hops)  # type: ignore[arg-type]
    with pytest.raises(BadOptionError, match=f"^hops: {hops!r}"):
        ego(graph, "Quist", hops=hops, option="hops")  # type: ignore[arg-type]
    assert set(ego(graph, "Quist", hops=2)) == {"person:orla-quist", "group:velt-union", "place:ardvik"}


def test_a_name_several_nodes_answer_to_takes_the_most_mentioned_and_says_which_others(graph) -> None:
    # "the Directorate": the Quellian Directorate's short name, and two stories' own Directorate
    graph.add_node(
        "group:quellian-directorate", label="Quellian Directorate", aliases="Directorate", mentions=8
    )
    graph.add_node(
        "group:directorate-a1", label="Directorate", aliases="Directorate", mentions=2, article_ids="a1"
    )
    graph.add_node(
        "group:directorate-b2", label="Directorate", aliases="Directorate", mentions=1, article_ids="b2"
    )
    with pytest.warns(AmbiguousNameWarning) as caught:
        assert find_node(graph, "the Directorate") == "group:quellian-directorate"
    assert str(caught[0].message) == (
        "'the Directorate' names 3 nodes: taken Quellian Directorate (8 mentions); also Directorate (2 mentions,"
        " group:directorate-a1), Directorate (1 mention, group:directorate-b2). A fuller name or a node id"
        " chooses another."
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a name or an id only one node answers to: no warning
        assert find_node(graph, "group:directorate-b2") == "group:directorate-b2"
        assert find_node(graph, "Orla Quist") == "person:orla-quist"


def test_a_name_many_nodes_answer_to_names_a_few_others_and_counts_the_rest(graph) -> None:
    # a note naming every story's "Council" would run on for lines: three others, and a count
    for mentions, story in enumerate(("c1", "c2", "c3", "c4", "c5"), start=1):
        graph.add_node(f"group:council-{story}", label="Council", mentions=mentions, article_ids=story)
    graph.add_node("group:quellby-council", label="Quellby Council", aliases="Council", mentions=9)
    with pytest.warns(AmbiguousNameWarning) as caught:
        assert find_node(graph, "Council") == "group:quellby-council"
    assert str(caught[0].message) == (
        "'Council' names 6 nodes: taken Quellby Council (9 mentions); also Council (5 mentions,"
        " group:council-c5), Council (4 mentions, group:council-c4), Council (3 mentions, group:council-c3)"
        " and 2 more. A fuller name or a node id chooses another."
    )


def test_kg_ego_says_which_node_an_ambiguous_name_took_in_a_note(kg, seed_run, tmp_path) -> None:
    # "two" is the text of three of the seeds' counts
    result = kg("ego", "two", "--graph", seed_run, "--out", tmp_path / "two")
    assert result.code == 0
    [note] = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert note.startswith("note: 'two' names 3 nodes: taken ") and "A fuller name or a node id" in note
    assert "AmbiguousNameWarning" not in result.stderr  # one line, not Python's warning format


def test_a_lone_surname_says_which_fuller_names_end_with_it(graph) -> None:
    # "Mr Varnhagen" of a story that names no one fuller is a node of its own: the note points to the
    # fuller names an analyst most likely meant, and a place's longer names are left alone
    graph.add_node("person:varnhagen", label="Varnhagen", type="person", mentions=2)
    graph.add_node("person:tilde-varnhagen", label="Tilde Varnhagen", type="person", mentions=30)
    graph.add_node("person:ruth-varnhagen", label="Ruth Varnhagen", type="person", mentions=5)
    graph.add_node("place:lindqvist", label="Lindqvist", type="place", mentions=9)
    graph.add_node("place:north-lindqvist", label="North Lindqvist", type="place", mentions=9)
    # a group whose name ends with the surname is no fuller name of the person
    graph.add_node("group:quell-varnhagen", label="Quell Varnhagen", type="group", mentions=50)
    with pytest.warns(AmbiguousNameWarning) as caught:
        assert find_node(graph, "Mr Varnhagen") == "person:varnhagen"
    assert str(caught[0].message) == (
        "'Mr Varnhagen' names Varnhagen (2 mentions), a node of its own; fuller names end with it:"
        " Tilde Varnhagen (30 mentions), Ruth Varnhagen (5 mentions). A fuller name or a node id chooses another."
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert find_node(graph, "Lindqvist") == "place:lindqvist"
        assert find_node(graph, "person:varnhagen") == "person:varnhagen"  # an id chooses: no note
        assert find_node(graph, "Tilde Varnhagen") == "person:tilde-varnhagen"


def test_a_lone_surname_many_fuller_names_end_with_names_a_few_and_counts_the_rest(graph) -> None:
    # a common surname may end dozens of fuller names: the note names the most mentioned few
    graph.add_node("person:varnhagen", label="Varnhagen", type="person", mentions=2)
    for mentions, first in enumerate(("Edda", "Ilse", "Ruth", "Tilde", "Ulla"), start=10):
        graph.add_node(
            f"person:{first.lower()}-varnhagen", label=f"{first} Varnhagen", type="person", mentions=mentions
        )
    with pytest.warns(AmbiguousNameWarning) as caught:
        assert find_node(graph, "Mr Varnhagen") == "person:varnhagen"
    assert str(caught[0].message) == (
        "'Mr Varnhagen' names Varnhagen (2 mentions), a node of its own; fuller names end with it:"
        " Ulla Varnhagen (14 mentions), Tilde Varnhagen (13 mentions), Ruth Varnhagen (12 mentions)"
        " and 2 more. A fuller name or a node id chooses another."
    )


def test_a_node_of_several_articles_is_named_without_its_id(graph) -> None:
    # a corpus node numbered by its first article ("-a1") is no node of one story: its id is not shown
    graph.add_node("group:tarnow-board", label="Tarnow Board", aliases="Board", mentions=6, article_ids="a1")
    graph.add_node("group:board-a1", label="Board", aliases="Board", mentions=3, article_ids="a1|c3")
    graph.add_node("group:board-b2", label="Board", aliases="Board", mentions=1, article_ids="b2")
    with pytest.warns(AmbiguousNameWarning) as caught:
        assert find_node(graph, "Board") == "group:tarnow-board"
    assert str(caught[0].message) == (
        "'Board' names 3 nodes: taken Tarnow Board (6 mentions); also Board (3 mentions),"
        " Board (1 mention, group:board-b2). A fuller name or a node id chooses another."
    )


def test_a_name_like_no_node_suggests_nothing(graph) -> None:
    with pytest.raises(UnknownEntityError) as caught:
        find_node(graph, "Zyxwq")
    assert str(caught.value) == "no entity named 'Zyxwq' in the graph"
