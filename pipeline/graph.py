"""Graph: resolved entities and counts -> a weighted, analysed NetworkX co-mention graph.

Two nodes are linked when they are mentioned in the same window (a sentence by default, or a paragraph,
or an article). Each window counts once, whatever the number of mentions in it, and duplicate articles
never reach this stage. In one sentence two mentions are not linked when both are items of its
enumerations (:mod:`pipeline.enumerations`: "Quellia, Varnia, Oskia and Tellia"), nor when one lies over
the other (a place inside an organization's name, a count and the noun it counts). Every edge carries:

* ``weight``   windows linking both;
* ``articles`` distinct articles among them;
* ``npmi``     normalized pointwise mutual information of the two nodes over windows, in [-1, 1]: high
               when they appear together more than their frequencies predict, so a hub such as "Syria"
               linked to everything scores low;
* ``evidence_list`` up to ``evidence_limit`` supporting windows (article id, sentence index and text),
               taken round-robin across articles, the newest dated articles first, then in reading order
               (:func:`_evidence_order`); ``evidence`` and ``evidence_article`` are the first of them and
               ``evidence_count`` counts them all (as ``weight``);
* ``first_date``, ``last_date`` the first and last day among the dated articles of its windows.

Dates are the articles' ``iso_date`` (read at ingest). When some articles have one, the graph records
the ``period`` of its timeline (day, week or month: asked for, or chosen from the span of the dates),
and every node and edge carries a ``timeline``: (first day of a period, mentions or weight, articles)
for each period it appears in, which timeline.csv, the GEXF's dynamics and the page's date range show.

Every node carries degree, weighted degree, PageRank, betweenness (sampled with a fixed seed above
:data:`EXACT_BETWEENNESS_NODES` nodes), its Louvain community (fixed seed) and its connected component.

:func:`build_graph` returns a :class:`~pipeline.records.CoMentionGraph`: the graph, the counts that are
its number nodes and every mention with its node id, so no writer has to work them out again. Display
(article titles, which nodes a page shows: :mod:`pipeline.rank`) is not the graph's business.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from typing import NamedTuple

import networkx as nx

from pipeline.betweenness import betweenness as _betweenness
from pipeline.config import DEFAULTS
from pipeline.counts import number_label, number_nodes
from pipeline.enumerations import LEAST_ITEMS, listed
from pipeline.errors import failure_of
from pipeline.louvain import louvain as _louvain
from pipeline.pagerank import pagerank as _pagerank
from pipeline.periods import choose_period, start_of
from pipeline.records import (
    CAPTIONS_BREAK,
    ENTITY_TYPES,
    Article,
    CoMentionGraph,
    Entity,
    Evidence,
    Extraction,
    Failure,
    Mention,
    NumberNode,
    Quantity,
    Resolution,
    within,
)

SEED = 42
#: Betweenness is exact up to this many nodes, then estimated from a fixed-seed sample of source nodes.
#: Its cost is samples x edges (pure Python), so the sample shrinks as the graph grows: enough sources for
#: about BETWEENNESS_BUDGET edge visits, at least 16 (which still ranks a news graph's main bridges) and
#: at most 100.
EXACT_BETWEENNESS_NODES = 500
BETWEENNESS_BUDGET = 400_000


def build_graph(
    resolution: Resolution,
    extractions: Sequence[Extraction],
    articles: Sequence[Article],
    *,
    window: str = DEFAULTS.window,
    numbers: bool = DEFAULTS.numbers,
    min_weight: int = DEFAULTS.min_weight,
    evidence_limit: int = DEFAULTS.evidence_limit,
    period: str | None = DEFAULTS.period,
) -> CoMentionGraph:
    """The co-mention graph with analytics, its number nodes and the mentions with their node ids;
    edges lighter than ``min_weight`` are left out of the graph (analytics are computed on the full graph
    first). ``period`` (day, week, month; None: chosen from the span) cuts the timeline."""
    bodies = {a.article_id: a.text for a in articles if a.kept}
    dates = {a.article_id: a.iso_date for a in articles if a.kept and a.iso_date}
    graph = nx.Graph(window=window, numbers=numbers, min_weight=min_weight)
    if dates:
        period = period or choose_period(min(dates.values()), max(dates.values()))
        graph.graph["period"] = period
        starts = {article: start_of(day, period) for article, day in dates.items()}
    else:
        starts = {}
    counts = [q for e in extractions for q in e.quantities]
    number_of = number_nodes(counts, resolution.mentions) if numbers else {}
    mentions_in = _mentions_by_article(resolution.mentions, number_of)
    for entity in sorted(resolution.entities, key=lambda e: e.node_id):
        graph.add_node(
            entity.node_id,
            label=entity.label,
            type=entity.type,
            aliases="|".join(entity.aliases),
            mentions=entity.mentions,
            articles=entity.articles,
            article_ids="|".join(entity.article_ids),
            **_date_range(dates, entity.article_ids),
            **_coordinates(entity),
            timeline=_node_timeline(mentions_in.get(entity.node_id, {}), starts),
        )
    for node_id, (label, quantities) in sorted(_number_attributes(number_of).items()):
        first = quantities[0]
        article_ids = sorted({q.article_id for q in quantities})
        graph.add_node(
            node_id,
            label=label,
            type="number",
            aliases="|".join(sorted({q.text for q in quantities})),
            mentions=len(quantities),
            articles=len(article_ids),
            article_ids="|".join(article_ids),
            value=first.value,
            unit=first.unit,
            object=first.object,
            category=first.category,
            # who did it, as the first count whose sentence says so puts it (an event two articles report)
            **({"actor": actor} if (actor := next((q.actor for q in quantities if q.actor), "")) else {}),
            **_date_range(dates, article_ids),
            timeline=_node_timeline(mentions_in.get(node_id, {}), starts),
        )
    failures: dict[str, Failure] = {}
    windows = _windows(resolution, extractions, number_of, window, bodies, failures)
    _add_edges(graph, windows, articles, extractions, evidence_limit, failures, dates, starts)
    _analyse(graph)
    light = [(u, v) for u, v, w in graph.edges(data="weight") if w < min_weight]
    graph.remove_edges_from(light)
    return CoMentionGraph(
        graph=graph,
        numbers=tuple(NumberNode(quantity, node_id) for quantity, node_id in number_of.items()),
        mentions=_with_number_ids(resolution.mentions, number_of) if number_of else resolution.mentions,
        failures=tuple(failures[a] for a in sorted(failures)),
    )


def _coordinates(entity: Entity) -> dict[str, float]:
    """``lat``/``lon`` of a place whose spellings name one place of the gazetteer without ambiguity
    (:func:`pipeline.gazetteer.coordinates`: a country at its capital); nothing otherwise."""
    if entity.type != "place":
        return {}
    from pipeline.gazetteer import coordinates

    points = {point for name in (entity.label, *entity.aliases) if (point := coordinates(name))}
    if len(points) != 1:
        return {}
    lat, lon = points.pop()
    return {"lat": lat, "lon": lon}


# --- number nodes -----------------------------------------------------------------------------------


def _number_attributes(number_of: dict[Quantity, str]) -> dict[str, tuple[str, list[Quantity]]]:
    grouped: dict[str, list[Quantity]] = defaultdict(list)
    for quantity, node_id in number_of.items():
        grouped[node_id].append(quantity)
    result = {}
    for node_id, quantities in grouped.items():
        quantities.sort(key=lambda q: (q.article_id, q.start))
        labels = Counter(number_label(q) for q in quantities)
        result[node_id] = (sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0], quantities)
    return result


def _with_number_ids(mentions: Sequence[Mention], number_of: dict[Quantity, str]) -> tuple[Mention, ...]:
    """Number mentions take the node id of the first count (by position) they overlap."""
    by_article: dict[str, list[tuple[int, int, str]]] = {}
    for quantity, node in number_of.items():
        by_article.setdefault(quantity.article_id, []).append((quantity.start, quantity.end, node))
    # Per article: counts by start, and the running maximum of their ends, so the first count reaching
    # past a mention's start is found by bisection (counts may nest: "one in eight" holds "eight").
    index: dict[str, tuple[list[int], list[int], list[str]]] = {}
    for article_id, spans in by_article.items():
        spans.sort()
        reach, furthest = [], -1
        for _, end, _ in spans:
            furthest = max(furthest, end)
            reach.append(furthest)
        index[article_id] = ([start for start, _, _ in spans], reach, [node for _, _, node in spans])
    result = []
    for m in mentions:
        if m.type == "number" and not m.node_id and m.article_id in index:
            starts, reach, nodes = index[m.article_id]
            first = bisect.bisect_right(reach, m.start)
            if first < bisect.bisect_left(starts, m.end):
                m = dataclasses.replace(m, node_id=nodes[first])
        result.append(m)
    return tuple(result)


# --- windows and edges ------------------------------------------------------------------------------


class _Place(NamedTuple):
    """A mention of a node in a window: its sentence, its span in the body (a count's is the noun it
    counts, :func:`_count_span`), and the item of an enumeration of its sentence it belongs to
    (:mod:`pipeline.enumerations`; -1 when none)."""

    sentence: int
    start: int
    end: int
    item: int = -1
    #: a count's: the ranges of its sentence that tell of other counts of a tally (:attr:`Quantity.apart`)
    apart: tuple[tuple[int, int], ...] = ()


#: Labels of mentions that are no names: they neither make nor break an enumeration of names.
_NOT_NAMES = frozenset({"DATE", "TIME", "ORDINAL"})
#: How far after a count its counted noun may start ("14 Quellians", "6,600 tons of wheat", "thousands of
#: young Quellians"): the count stands on the noun, so the count is not linked to the noun's own node.
OBJECT_REACH = 30


def _windows(
    resolution: Resolution,
    extractions: Sequence[Extraction],
    number_of: dict[Quantity, str],
    window: str,
    bodies: dict[str, str],
    failures: dict[str, Failure],
) -> dict[tuple[str, int], dict[str, list[_Place]]]:
    """(article id, window index) -> {node id: its mentions in that window}. An article whose windows
    cannot be built is left out and recorded in ``failures``."""
    paragraph = {(s.article_id, s.index): s.paragraph for e in extractions for s in e.sentences}
    bounds = {(s.article_id, s.index): (s.start, s.end) for e in extractions for s in e.sentences}

    def unit(article_id: str, sentence: int) -> tuple[str, int]:
        if window == "sentence":
            return article_id, sentence
        if window == "paragraph":
            return article_id, paragraph[(article_id, sentence)]
        # the pictures' captions are no part of the story: their names meet each other only
        return article_id, int(
            bounds.get((article_id, sentence), (0, 0))[0] >= captions.get(article_id, math.inf)
        )

    captions = {a: text.index(CAPTIONS_BREAK) for a, text in bodies.items() if CAPTIONS_BREAK in text}

    names: dict[str, list[Mention]] = defaultdict(list)  # article -> its names, nodes or not
    for mention in resolution.mentions:
        if mention.type in ENTITY_TYPES or (mention.type == "other" and mention.label not in _NOT_NAMES):
            names[mention.article_id].append(mention)
    counts: dict[str, list[tuple[Quantity, str]]] = defaultdict(list)
    for quantity, node_id in number_of.items():
        counts[quantity.article_id].append((quantity, node_id))
    windows: dict[tuple[str, int], dict[str, list[_Place]]] = defaultdict(lambda: defaultdict(list))
    for article_id in sorted(names.keys() | counts.keys()):
        try:
            body = bodies.get(article_id, "")
            placed = [
                (unit(article_id, m.sentence), m.node_id, _Place(m.sentence, m.start, m.end, item))
                for m, item in _items(names.get(article_id, ()), body, bounds)
                if m.node_id
                and m.type in ENTITY_TYPES
                and m.origin != "credit"  # who took a picture is in none
            ]
            for quantity, node_id in counts.get(article_id, ()):
                end = bounds.get((article_id, quantity.sentence), (0, quantity.end))[1]
                start, end = _count_span(quantity, body, end)
                placed.append(
                    (
                        unit(article_id, quantity.sentence),
                        node_id,
                        _Place(quantity.sentence, start, end, apart=quantity.apart),
                    )
                )
        except Exception as error:
            failures.setdefault(article_id, _failure(error, article_id, "windows"))
            continue
        for key, node_id, place in placed:
            windows[key][node_id].append(place)
    return windows


def _items(
    mentions: Sequence[Mention], body: str, bounds: dict[tuple[str, int], tuple[int, int]]
) -> Iterable[tuple[Mention, int]]:
    """Each of an article's names and the item of an enumeration of its sentence it belongs to (-1: none)."""
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_sentence[mention.sentence].append(mention)
    for sentence in sorted(by_sentence):
        found = by_sentence[sentence]
        items: dict[int, int] = {}
        if len(found) >= LEAST_ITEMS:
            start, end = bounds.get((found[0].article_id, sentence), (0, len(body)))
            items = listed(body[start:end], [(m.start - start, m.end - start) for m in found])
        for index, mention in enumerate(found):
            yield mention, items.get(index, -1)


def _count_span(quantity: Quantity, body: str, sentence_end: int) -> tuple[int, int]:
    """Where a count stands among the mentions of its sentence: on its counted noun when the noun follows
    it ("14 Quellians" are not linked to the Quellians, whom they count; "1,000 Quellian marines" are to
    Quellia), else on its number."""
    if quantity.object:
        reach = min(sentence_end, quantity.end + OBJECT_REACH + len(quantity.object))
        found = body.find(quantity.object, quantity.end, reach)
        if found >= 0:
            return found, found + len(quantity.object)
    return quantity.start, quantity.end


def _add_edges(
    graph: nx.Graph,
    windows: dict[tuple[str, int], dict[str, list[_Place]]],
    articles: Sequence[Article],
    extractions: Sequence[Extraction],
    evidence_limit: int,
    failures: dict[str, Failure],
    dates: dict[str, str],
    starts: dict[str, str],
) -> None:
    bodies = {a.article_id: a.text for a in articles if a.kept}
    texts: dict[str, list[str]] = {}  # sentence texts by article and index (sentence indices run 0..n-1)
    for e in extractions:
        try:
            texts[e.article_id] = [bodies[e.article_id][s.start : s.end] for s in e.sentences]
        except Exception as error:
            failures.setdefault(e.article_id, _failure(error, e.article_id, "evidence"))
    windows = {key: present for key, present in windows.items() if key[0] in texts}
    # Windows are visited in evidence order (:func:`_evidence_order`), so each pair's support lists its
    # windows in the order its evidence is chosen from; its weight is the length of the list.
    rank = _evidence_order(articles)
    support: dict[tuple[str, str], list[tuple[str, tuple[int, ...], bool]]] = defaultdict(list)
    frequency: Counter[str] = Counter()
    for key in sorted(windows, key=lambda key: (rank.get(key[0], len(rank)), key)):
        present = windows[key]
        frequency.update(list(present))
        plain = _plain(present)
        for a, b in combinations(sorted(present), 2):
            link = _linked(present[a], present[b], plain=plain)
            if link is not None:
                support[(a, b)].append((key[0], *link))
    total = len(windows)
    edges = []
    for (a, b), found in sorted(support.items()):
        count = len(found)
        windows_in = Counter(article_id for article_id, _, _ in found)
        article_ids = sorted(windows_in)
        evidence = _evidence(found, texts, evidence_limit)
        edges.append(
            (
                a,
                b,
                {
                    "weight": count,
                    "articles": len(article_ids),
                    "article_ids": "|".join(article_ids),
                    "npmi": _npmi(count, frequency[a], frequency[b], total),
                    "evidence": evidence[0].text if evidence else "",
                    "evidence_article": evidence[0].article_id if evidence else "",
                    # every supporting window, as the weight; evidence.csv holds up to evidence_limit of them
                    "evidence_count": count,
                    "evidence_list": evidence,
                    **_date_range(dates, article_ids),
                    "timeline": _node_timeline(windows_in, starts) if starts else (),
                },
            )
        )
    graph.add_edges_from(edges)


def _evidence_order(articles: Sequence[Article]) -> dict[str, int]:
    """Each kept article's place in the order a link's evidence is taken from: dated articles newest
    first, then the undated, and among equals the order the inputs were read in. (By article id, a
    content hash, the same arbitrary articles came first for every link and the last never showed.)"""
    kept = [a for a in articles if a.kept]
    # ISO days sort as text, "" (undated) last; a stable sort keeps the reading order among equals
    ordered = sorted(kept, key=lambda a: a.iso_date, reverse=True)
    return {a.article_id: place for place, a in enumerate(ordered)}


def _plain(present: dict[str, list[_Place]]) -> bool:
    """Whether every two nodes of a window are linked where they share a sentence: no name is an item of
    an enumeration and no two mentions overlap. Most windows are plain."""
    places = sorted(p for found in present.values() for p in found)
    if any(p.item >= 0 or p.apart for p in places):
        return False
    return all(
        before.sentence != after.sentence or before.end <= after.start
        for before, after in zip(places, places[1:], strict=False)
    )


def _linked(first: list[_Place], second: list[_Place], *, plain: bool) -> tuple[tuple[int, ...], bool] | None:
    """The sentences of a window that link two nodes, and whether they link them only as items of an
    enumeration beside a name outside it; None when the window does not link them.

    In one sentence two mentions are linked unless they are two items of its enumerations
    (:mod:`pipeline.enumerations`), one overlaps the other (a place inside an organization's name, the
    noun a count counts): "Quellby Rovers" states nothing about Quellby, or a count's sentence names
    the other as part of another count of a tally ("five died in Quellby, three in Varnby"). In a window of several sentences
    two nodes that never share one are linked through their first sentences."""
    if plain:
        shared = {p.sentence for p in first} & {p.sentence for p in second}
        if len(shared) == 1:  # the usual case: both in the window's one sentence
            return tuple(shared), False
        if shared:
            return tuple(sorted(shared)), False
        return tuple(sorted({min(p.sentence for p in first), min(p.sentence for p in second)})), False
    stated: set[int] = set()  # sentences linking them outside any enumeration, or as one item's names
    beside: set[int] = set()  # sentences linking an item of an enumeration to a name outside it
    apart: tuple[int, int] | None = None  # the first two different sentences naming one each
    for x in first:
        for y in second:
            if x.sentence != y.sentence:
                pair = (min(x.sentence, y.sentence), max(x.sentence, y.sentence))
                apart = pair if apart is None else min(apart, pair)
            elif (x.start < y.end and y.start < x.end) or _set_apart(x, y) or _set_apart(y, x):
                continue
            elif x.item == y.item:
                stated.add(x.sentence)
            elif x.item >= 0 and y.item >= 0:
                continue
            else:
                beside.add(x.sentence)
    if stated or beside:
        return tuple(sorted(stated | beside)), not stated
    if apart is not None:
        return apart, False
    return None


def _failure(error: Exception, article_id: str, step: str) -> Failure:
    return failure_of(error, article_id=article_id, stage="graph", step=step)


def _evidence(
    support: list[tuple[str, tuple[int, ...], bool]], texts: dict[str, list[str]], limit: int
) -> list[Evidence]:
    """Up to ``limit`` windows, one per article in turn, so a single article cannot fill the list.
    ``support`` lists the windows in evidence order (articles by :func:`_evidence_order`, an article's
    windows by sentence); within an article a window that states the link comes before one that only
    links a list's item to a name beside the list."""
    if len(support) == 1 and limit >= 1:  # most pairs share one window
        article_id, sentences, _ = support[0]
        return [Evidence(article_id, sentences[0], " … ".join(texts[article_id][s] for s in sentences))]
    by_article: dict[str, list[tuple[bool, tuple[int, ...]]]] = defaultdict(list)
    for article_id, sentences, beside in support:
        by_article[article_id].append((beside, sentences))
    for windows in by_article.values():
        windows.sort(key=lambda window: window[0])  # stable: sentence order among equals
    chosen: list[Evidence] = []
    depth = 0
    while len(chosen) < limit and any(depth < len(v) for v in by_article.values()):
        for article_id, windows in by_article.items():
            if depth < len(windows) and len(chosen) < limit:
                sentences = windows[depth][1]
                text = " … ".join(texts[article_id][s] for s in sentences)
                chosen.append(Evidence(article_id, sentences[0], text))
        depth += 1
    return chosen


def _set_apart(count: _Place, name: _Place) -> bool:
    """Does ``count``'s sentence name ``name`` only as part of another count of a tally?"""
    return within(count.apart, name.start, name.end)


def _npmi(joint: int, a: int, b: int, total: int) -> float:
    """Normalized pointwise mutual information of two nodes in ``joint`` of ``total`` windows, rounded to
    4 places; never -0.0, which edges.csv writes "0" and the stage commands read back as 0.0 (GraphML of
    a run and of its stages would differ).

    >>> _npmi(1, 100, 100, 9999), _npmi(2, 2, 2, 4)
    (0.0, 1.0)
    """
    if joint == total:
        return 1.0
    p_joint, p_a, p_b = joint / total, a / total, b / total
    return round(math.log(p_joint / (p_a * p_b)) / -math.log(p_joint), 4) + 0.0


# --- analytics --------------------------------------------------------------------------------------


def _analyse(graph: nx.Graph) -> None:
    if graph.number_of_nodes() == 0:
        return
    degree = dict(graph.degree())
    weighted = dict(graph.degree(weight="weight"))
    pagerank = _pagerank(graph) if graph.number_of_edges() else {n: 1 / len(graph) for n in graph}
    if graph.number_of_nodes() <= EXACT_BETWEENNESS_NODES:
        betweenness = _betweenness(graph)
        communities = _numbered(_louvain(graph, seed=SEED))
    else:
        # Every window is a clique, so a count is almost never on a shortest path between two other
        # nodes, and it belongs where its entities are: on large graphs betweenness (sampled) and Louvain
        # run on the entities alone, a quarter of the nodes; counts get betweenness 0 and the community of
        # their most strongly linked entity.
        entities = _induced(graph, {n for n, d in graph.nodes(data=True) if d.get("type") != "number"})
        samples = max(16, min(100, BETWEENNESS_BUDGET // max(1, entities.number_of_edges())))
        betweenness = dict.fromkeys(graph, 0.0)
        betweenness.update(_betweenness(entities, samples=min(samples, len(entities)), seed=SEED))
        graph.graph["betweenness_samples"] = samples
        communities = _numbered(_louvain(entities, seed=SEED))
        for node in graph:
            if node not in communities:
                links = [
                    (-w, communities[m])
                    for m, w in graph[node].items()
                    if m in communities
                    for w in [w["weight"]]
                ]
                communities[node] = min(links)[1] if links else -1
        communities = _renumbered(communities)
    components = _numbered(nx.connected_components(graph))
    for node, data in graph.nodes(data=True):
        data.update(
            degree=degree[node],
            weighted_degree=weighted[node],
            pagerank=round(pagerank[node], 6),
            betweenness=round(betweenness[node], 6),
            community=communities[node],
            component=components[node],
        )


def _induced(graph: nx.Graph, keep: set[str]) -> nx.Graph:
    """The subgraph on ``keep``, nodes and edges in ``graph``'s own order. Not ``graph.subgraph``: its
    view iterates the node set itself when that is small, and set order changes with Python's hash seed,
    which would change the seeded Louvain and betweenness results from one process to the next."""
    sub = nx.Graph()
    sub.add_nodes_from(n for n in graph if n in keep)
    sub.add_edges_from((a, b, d) for a, b, d in graph.edges(data=True) if a in keep and b in keep)
    return sub


def _renumbered(communities: dict[str, int]) -> dict[str, int]:
    """Number communities again after counts joined them (and lone counts formed their own)."""
    groups: dict[int, set[str]] = defaultdict(set)
    singles = []
    for node, community in communities.items():
        if community == -1:
            singles.append({node})
        else:
            groups[community].add(node)
    return _numbered([*groups.values(), *singles])


def _numbered(groups: Iterable[set[str]]) -> dict[str, int]:
    """Group index per node: 0 is the largest group, ties broken by the group's first node id."""
    ordered = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))
    return {node: index for index, group in enumerate(ordered) for node in group}


# --- dates -------------------------------------------------------------------------------------------


def _date_range(dates: dict[str, str], article_ids: Iterable[str]) -> dict[str, str]:
    known = [d for d in (dates.get(a, "") for a in article_ids) if d]
    return {"first_date": min(known, default=""), "last_date": max(known, default="")}


def _mentions_by_article(
    mentions: Sequence[Mention], number_of: dict[Quantity, str]
) -> dict[str, Counter[str]]:
    """node id -> article id -> mentions of the node in that article (a count node's are its counts)."""
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        if mention.node_id and mention.type in ENTITY_TYPES:
            found[mention.node_id][mention.article_id] += 1
    for quantity, node_id in number_of.items():
        found[node_id][quantity.article_id] += 1
    return found


def _node_timeline(counts: Mapping[str, int], starts: dict[str, str]) -> tuple[tuple[str, int, int], ...]:
    """(first day of a period, mentions or windows, articles) for each period in which dated articles
    hold some of ``counts`` (article id -> mentions or windows)."""
    total: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    for article_id, count in counts.items():
        start = starts.get(article_id)
        if start is not None:
            total[start] += count
            articles[start] += 1
    return tuple((start, total[start], articles[start]) for start in sorted(total))
