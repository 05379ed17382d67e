"""A run in a notebook (pipeline.notebook): the DataFrames are the files, top, ego, show."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest

from pipeline.api import Result, build, load
from pipeline.errors import (
    BadOptionError,
    NoLinkError,
    NotInNeighbourhoodError,
    PagePathError,
    UnknownEntityError,
    UsageError,
)
from pipeline.notebook import GraphView, Neighbourhood

#: DataFrame property -> the file that holds the same table.
FILES = {
    "articles": "articles.csv",
    "mentions": "mentions.csv",
    "numbers": "numbers.csv",
    "entities": "nodes.csv",
    "edges": "edges.csv",
    "merges": "merges.csv",
    "evidence": "evidence.csv",
}


def read_like(path: Path, frame: pd.DataFrame) -> pd.DataFrame:
    """``path`` read the way the API types its DataFrame: numbers where the frame has numbers (an empty
    cell is NaN), text everywhere else (an empty cell is "")."""
    numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]
    return pd.read_csv(
        path,
        keep_default_na=False,
        na_values={c: [""] for c in numeric},
        dtype={c: str for c in frame.columns if c not in numeric},
    )


def test_tables_before_extraction(seeds_dir: Path) -> None:
    result = build(seeds_dir, stop_after="ingest")
    assert len(result.articles) == 10
    for name in ("mentions", "numbers", "entities", "edges", "merges", "evidence"):
        frame = getattr(result, name)
        assert frame.empty and len(frame.columns) > 3, name
    assert "10 articles (7 kept)" in repr(result)


@pytest.mark.model
@pytest.mark.parametrize("name", FILES)
def test_dataframes_hold_what_the_files_hold(seed_result: Result, seed_run: Path, name: str) -> None:
    frame = getattr(seed_result, name)
    assert len(frame) > 0
    pd.testing.assert_frame_equal(
        frame, read_like(seed_run / FILES[name], frame), check_dtype=False, rtol=1e-5
    )


@pytest.mark.model
def test_dataframe_types(seed_result: Result) -> None:
    articles, entities, mentions = seed_result.articles, seed_result.entities, seed_result.mentions
    assert articles.words.dtype == "int64" and mentions.start.dtype == "int64"
    assert entities.pagerank.dtype == "float64" and seed_result.numbers.value.dtype == "float64"
    # A kept article has no similarity (NaN); text columns say "" rather than NaN.
    assert articles.loc[articles.duplicate_of == "", "similarity"].isna().all()
    assert articles.loc[articles.duplicate_of != "", "similarity"].eq(1.0).all()
    assert not articles.date.isna().any() and articles.date.eq("").all()
    # Counts have their value where the node is a number, NaN elsewhere.
    assert entities.loc[entities.type == "number", "value"].notna().all()
    assert entities.loc[entities.type != "number", "value"].isna().all()


@pytest.mark.model
@pytest.mark.parametrize("name", FILES)
def test_load_gives_the_same_tables(seed_result: Result, seed_run: Path, name: str) -> None:
    pd.testing.assert_frame_equal(
        getattr(load(seed_run), name), getattr(seed_result, name), check_dtype=False, rtol=1e-5
    )


@pytest.mark.model
def test_top(seed_result: Result) -> None:
    people = seed_result.top("person", 5)
    assert len(people) == 5 and set(people.type) == {"person"}
    assert people.pagerank.is_monotonic_decreasing
    assert people.label[0] == "Nazem Ahmad" and list(people.index) == [0, 1, 2, 3, 4]
    pd.testing.assert_frame_equal(seed_result.top("People", 5), people)
    assert set(seed_result.top("number").type) == {"number"}
    assert len(seed_result.top("place", 100)) == 38


@pytest.mark.model
def test_top_names_the_bad_type(seed_result: Result) -> None:
    with pytest.raises(BadOptionError, match="type: 'animal' is not valid; expected person | group"):
        seed_result.top("animal")
    with pytest.raises(BadOptionError, match="n: -1"):
        seed_result.top("person", -1)


@pytest.mark.model
def test_top_by_another_column(seed_result: Result) -> None:
    by_mentions = seed_result.top("person", 5, by="mentions")
    assert by_mentions.mentions.is_monotonic_decreasing and by_mentions.label[0] == "Nazem Ahmad"
    assert list(by_mentions.label[2:5]) == [
        "Keir Starmer",  # named in a picture's caption too
        "Bashar al-Assad",
        "Palestinians",
    ]  # ties: PageRank
    assert seed_result.top("person", 2, by="degree").label.tolist() == ["Oghenochuko Ojiri", "Nazem Ahmad"]
    assert seed_result.top("group", 10, by="articles").articles.is_monotonic_decreasing
    pd.testing.assert_frame_equal(seed_result.top("person", 5, by="pagerank"), seed_result.top("person", 5))
    ego = seed_result.ego("Keir Starmer")  # ranked by the whole graph's degree
    assert ego.top("place", 3, by="degree").label.tolist() == ["United Kingdom", "Middle East", "Canada"]
    with pytest.raises(
        BadOptionError,
        match=re.escape("by: 'views' is not valid; expected pagerank | mentions | articles | degree"),
    ):
        seed_result.top("person", by="views")


@pytest.mark.model
def test_top_before_the_graph_ranks_by_mentions(seed_run: Path) -> None:
    resolved = load(seed_run, through="resolve")
    assert resolved.graph is None and "pagerank" not in resolved.entities
    places = resolved.top("place", 3)
    assert places.label[0] == "Syria" and places.mentions.is_monotonic_decreasing
    with pytest.raises(UsageError, match="needs the graph"):
        resolved.show()
    with pytest.raises(UsageError, match="needs the graph"):
        resolved.ego("Syria")


@pytest.mark.model
def test_ego(seed_result: Result, tmp_path: Path) -> None:
    ego = seed_result.ego("SDF")
    assert isinstance(ego, Neighbourhood)
    assert (ego.center, ego.label, ego.hops) == (
        "group:syrian-democratic-forces",
        "Syrian Democratic Forces",
        1,
    )
    nodes = set(ego.entities.id)
    assert nodes == {ego.center, *seed_result.graph.neighbors(ego.center)}
    assert set(ego.edges.source) | set(ego.edges.target) <= nodes
    assert set(ego.mentions.node_id) <= nodes and "SDF" in set(ego.mentions.text)
    assert set(ego.numbers.node_id) <= nodes and "3,000" in set(ego.numbers.text)
    assert set(ego.articles.article_id) <= set(seed_result.articles.article_id) and len(ego.articles) >= 1
    assert set(ego.top("person").label) == {"Mustafa Bali", "Jiaker Amed", "Sean Ryan"}
    assert "12 nodes" in repr(ego)
    assert len(seed_result.ego("SDF", hops=2).entities) > len(nodes)
    out = ego.save(tmp_path / "ego")
    assert {"nodes.csv", "edges.csv", "graph.graphml", "graph.gexf"} <= {p.name for p in out.iterdir()}
    assert list(pd.read_csv(out / "nodes.csv", keep_default_na=False).id) == sorted(nodes)


@pytest.mark.model
def test_counts_in_context_give_the_sentence_title_and_places_of_each_count(seed_result: Result) -> None:
    kills = seed_result.counts_in_context("kill")
    assert len(kills) and set(kills.category) == {"kill"}
    for row in kills.itertuples():
        assert row.text in row.sentence_text and row.title  # the count is read in its own sentence
    palestinians = kills[kills.text == "At least 1,691"].iloc[0]
    assert palestinians.object == "Palestinians" and palestinians.places == "Gaza Strip"
    assert palestinians.groups == "Hamas" and palestinians.qualifier == "at least"
    assert len(seed_result.counts_in_context()) == len(seed_result.numbers)
    # a word of a category is that category: an analyst types what the text says
    pd.testing.assert_frame_equal(seed_result.counts_in_context("killed"), kills)
    pd.testing.assert_frame_equal(seed_result.counts_in_context("Deaths"), kills)
    with pytest.raises(BadOptionError, match="category: 'diet' is not valid"):
        seed_result.counts_in_context("diet")  # no word of a category, whatever it starts with
    with pytest.raises(BadOptionError, match="category: 'bombed' is not valid; expected one of affect, age"):
        seed_result.counts_in_context("bombed")


def test_ego_names_close_matches(seed_result: Result) -> None:
    with pytest.raises(UsageError, match="no entity named 'Nazem Ahmed'.*did you mean 'Nazem Ahmad'"):
        seed_result.ego("Nazem Ahmed")


@pytest.mark.model
def test_the_sentences_behind_a_link_by_names(seed_result: Result) -> None:
    evidence = seed_result.evidence_between("SDF", "Mustafa Bali's")  # found as ego() finds them
    assert list(evidence.columns) == ["source", "target", "article_id", "sentence", "text"]
    assert evidence.to_dict("records") == [
        {
            "source": "group:syrian-democratic-forces",
            "target": "person:mustafa-bali",
            "article_id": "9308e79173b056bf",
            "sentence": 12,
            "text": "SDF spokesman Mustafa Bali said about 3,000 fighters had handed themselves over to the SDF.",
        }
    ]
    pd.testing.assert_frame_equal(seed_result.evidence_between("Mustafa Bali", "SDF"), evidence)
    # at most evidence_limit (5) sentences a link; edges.csv counts all the windows
    per_link = seed_result.evidence.groupby(["source", "target"]).size()
    edges = seed_result.edges.set_index(["source", "target"])
    assert (per_link == edges.evidence_count.clip(upper=5).loc[per_link.index]).all()
    ego = seed_result.ego("SDF")
    assert set(ego.evidence.source) | set(ego.evidence.target) <= set(ego.entities.id)
    pd.testing.assert_frame_equal(ego.evidence_between("SDF", "Mustafa Bali"), evidence)
    with pytest.raises(
        NoLinkError,
        match="no link between 'Syrian Democratic Forces' and 'Nazem Ahmad' in the graph: "
        "they are never in the same sentence",
    ):
        seed_result.evidence_between("SDF", "Nazem Ahmad")
    with pytest.raises(UnknownEntityError, match="no entity named 'Nazem Ahmed'"):
        seed_result.evidence_between("SDF", "Nazem Ahmed")
    with pytest.raises(BadOptionError, match="a link joins two"):  # one entity, by two of its names
        seed_result.evidence_between("SDF", "Syrian Democratic Forces")


@pytest.mark.model
def test_a_neighbourhood_names_an_entity_outside_it_as_such(seed_result: Result) -> None:
    # it said "no entity named 'ISIS' in the graph" of an entity the run has
    ego = seed_result.ego("Keir Starmer")
    with pytest.raises(NotInNeighbourhoodError) as outside:
        ego.evidence_between("Keir Starmer", "ISIS")
    assert str(outside.value) == (
        "'ISIS' is not in this neighbourhood (1 hop of Keir Starmer); result.evidence_between(...) looks in "
        "the whole graph"
    )
    with pytest.raises(NotInNeighbourhoodError, match="^'SDF' \\(Syrian Democratic Forces\\) is not in this"):
        ego.evidence_between("SDF", "Keir Starmer")
    assert isinstance(outside.value, UnknownEntityError)  # caught as any name not found is
    with pytest.raises(UnknownEntityError, match="no entity named 'Nobody Atall' in the graph"):
        ego.evidence_between("Keir Starmer", "Nobody Atall")
    # inside the neighbourhood, the same sentences the whole graph gives
    inside = ego.evidence_between("Keir Starmer", "Canada")
    assert inside.equals(seed_result.evidence_between("Keir Starmer", "Canada"))
    assert inside["text"].str.contains("Keir Starmer").all() and inside["text"].str.contains("Canada").all()
    assert set(inside["target"]) == {"place:canada"} and len(inside) >= 1


@pytest.mark.model
@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda r: r.ego("SDF", hops="2"), "hops: '2' is not valid; expected a whole number of links"),
        (lambda r: r.ego("SDF", hops=2.5), "hops: 2.5 is not valid"),  # it reached as far as hops=3
        (lambda r: r.ego(None), "name: None is not valid; expected the label, alias or id of an entity"),
        (lambda r: r.ego(""), "name: '' is not valid; expected the label, alias or id of an entity"),
        (lambda r: r.show(top=0), "top: 0 is not valid; expected a whole number of nodes"),  # was 300
        (lambda r: r.show(height="x"), "height: 'x' is not valid; expected a whole number of pixels"),
        (lambda r: r.ego("SDF").show(top=1.5), "top: 1.5 is not valid"),
        (lambda r: r.ego("SDF").show(height=0), "height: 0 is not valid"),
        (lambda r: r.top("person", True), "n: True is not valid"),  # it gave one row
    ],
)
def test_a_bad_argument_is_named(seed_result: Result, call, message: str) -> None:
    with pytest.raises(BadOptionError, match=re.escape(message)):
        call(seed_result)


@pytest.mark.model
def test_show_is_an_offline_iframe(seed_result: Result) -> None:
    view = seed_result.show(height=480)
    assert isinstance(view, GraphView)
    markup = view._repr_html_()
    # Nothing but one iframe whose srcdoc attribute holds the whole page, escaped.
    assert re.findall(r"<(\w+)", markup) == ["iframe"]
    assert 'height="480"' in markup and "height: 480px" in markup and 'width="100%"' in markup
    srcdoc = re.fullmatch(r'<iframe srcdoc="([^"]*)".*></iframe>', markup, re.DOTALL)
    assert srcdoc and html.unescape(srcdoc.group(1)) == view.page
    assert view.page.lstrip().lower().startswith("<!doctype html")
    external = r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//"
    assert not re.findall(external, view.page, re.IGNORECASE)
    assert "116 nodes" not in repr(view) and "display it in Jupyter" in repr(view)


@pytest.mark.model
def test_show_passes_top_and_title(seed_result: Result, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    monkeypatch.setattr(
        "pipeline.page.render_page", lambda graph, **options: calls.append(options) or "<p>page</p>"
    )
    seed_result.show()
    seed_result.show(top=20)
    seed_result.ego("Hamas").show()
    titles = {a.article_id: a.title for a in seed_result.corpus.kept}  # the evidence's article titles
    assert len(titles) == 7
    dates = {a.article_id: a.iso_date for a in seed_result.corpus.kept if a.iso_date}  # the evidence's dates
    assert dates == seed_result.article_dates  # the seeds are undated: {}
    urls = {a.article_id: a.url for a in seed_result.corpus.kept if a.url}  # evidence links to them
    shared = {"max_nodes": 10_000, "titles": titles, "dates": dates, "urls": urls}
    assert calls == [
        {"top": 300, "title": "seeds", **shared},
        {"top": 20, "title": "seeds", **shared},
        {"top": 300, "title": "Hamas: 1-hop neighbourhood", **shared},
    ]


def test_graph_view_escapes_the_page(tmp_path: Path) -> None:
    page = "<!DOCTYPE html><p title=\"a 'b' & c\">x</p><script>if (1 < 2) {}</script>"
    markup = GraphView(page, height=300)._repr_html_()
    assert markup.startswith(
        '<iframe srcdoc="&lt;!DOCTYPE html&gt;&lt;p title=&quot;a &#x27;b&#x27; &amp; c&quot;&gt;x'
    )
    assert "<script" not in markup
    assert GraphView(page).save(tmp_path / "graph.html").read_text(encoding="utf-8") == page


def test_a_page_saved_to_a_folder_asks_for_a_file_name(tmp_path: Path) -> None:
    # The folder raised IsADirectoryError naming the temporary file the page is first written to.
    with pytest.raises(
        PagePathError, match=f"^{re.escape(str(tmp_path))} is a folder; give a file name such as graph.html"
    ):
        GraphView("<p>x</p>").save(tmp_path)
    with pytest.raises(PagePathError, match="names a folder \\(it ends with a slash\\)"):
        GraphView("<p>x</p>").save(f"{tmp_path}/new/")
    assert sorted(tmp_path.iterdir()) == []


def test_an_integer_column_with_empty_cells_stays_whole() -> None:
    from pipeline.notebook import frame

    table = frame(
        ("node", "mentions", "weight"),
        [["place:quellby", 3, ""], ["", "", 2]],
        {"mentions": int, "weight": int},
    )
    assert str(table["mentions"].dtype) == "Int64" and table["mentions"].tolist() == [3, pd.NA]
    assert table["node"].tolist() == ["place:quellby", ""]


def test_top_takes_plural_type_names_and_zero_rows() -> None:
    from pipeline.notebook import _top

    nodes = pd.DataFrame(
        {
            "id": ["place:quellby", "place:varn", "group:orvo-union", "number:12-x", "person:ilse-varga"],
            "type": ["place", "place", "group", "number", "person"],
            "pagerank": [0.1, 0.4, 0.2, 0.3, 0.5],
            "mentions": [9, 1, 1, 1, 1],
        }
    )
    assert _top(nodes, "Places", 5).id.tolist() == ["place:varn", "place:quellby"]
    assert _top(nodes, "places", 1, "mentions").id.tolist() == ["place:quellby"]
    assert _top(nodes, "groups", 5).id.tolist() == ["group:orvo-union"]
    assert _top(nodes, "numbers", 5).id.tolist() == ["number:12-x"]
    assert _top(nodes, "place", 0).empty
