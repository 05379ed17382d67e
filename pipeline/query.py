"""Questions analysts ask of a finished graph: find an entity, its neighbourhood, the top of each list."""

from __future__ import annotations

import re
import warnings
from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from pipeline.config import whole_number
from pipeline.errors import AmbiguousNameWarning, BadOptionError, UnknownEntityError
from pipeline.names import name_key
from pipeline.rank import ranked
from pipeline.records import NODE_TYPES


def find_node(graph: nx.Graph, name: str) -> str:
    """The node whose id, label or alias matches ``name`` (case, accents and "the" ignored); among several,
    the most mentioned. A possessive finds its owner when it is no name itself ("Arafat's" is Arafat),
    and a name opened by titles that is none finds the name without them, as extraction drops them
    from mentions ("Prime Minister Yasser Arafat", "Mr Arafat"). Raises a usage error listing close
    names when nothing matches.

    >>> graph = nx.Graph()
    >>> graph.add_node("person:yasser-arafat", label="Yasser Arafat", aliases="Arafat", mentions=9)
    >>> graph.add_node("number:80-strike-aircraft", label="80 strike aircraft", type="number")
    >>> find_node(graph, "ARAFAT’S"), find_node(graph, "President Arafat"), find_node(graph, "Mr. Arafat")
    ('person:yasser-arafat', 'person:yasser-arafat', 'person:yasser-arafat')
    >>> find_node(graph, "Arafet")
    Traceback (most recent call last):
    pipeline.errors.UnknownEntityError: no entity named 'Arafet' in the graph; did you mean 'Yasser Arafat'?
    """
    if not isinstance(name, str):
        raise BadOptionError("name", name, "the label, alias or id of an entity, as text")
    if not name.strip():
        raise BadOptionError("name", name, "the label, alias or id of an entity, such as 'Keir Starmer'")
    found = _matches(graph, name_key(name))
    owner = _POSSESSIVE.sub("", name.strip())
    if not found and owner != name.strip() and owner:
        found = _matches(graph, name_key(owner))
    untitled = untitled_name(owner or name)
    if not found and untitled != (owner or name).strip():
        found = _matches(graph, name_key(untitled))
    if not found:
        raise UnknownEntityError(name, _close_names(graph, owner or name))
    if len(found) > 1:
        shown = [_named(graph, node) for node in found[: _ALTERNATIVES + 1]]
        more = len(found) - len(shown)
        warnings.warn(AmbiguousNameWarning(name, shown[0], shown[1:], more), stacklevel=3)
    elif name_key(found[0]) != name_key(name) and (fuller := _fuller_names(graph, found[0])):
        shown = [_named(graph, node) for node in fuller[:_ALTERNATIVES]]
        more = len(fuller) - len(shown)
        warnings.warn(
            AmbiguousNameWarning(name, _named(graph, found[0]), shown, more, fuller=True), stacklevel=3
        )
    return found[0]


def _fuller_names(graph: nx.Graph, node: str) -> list[str]:
    """For a person known by one word, the other people whose label ends with it, the most mentioned
    first: the "John Howard" a lone "Howard" of a few stories may well be, which resolution kept apart
    (two people of that surname in the corpus, or a story that names no one fuller). Not for places
    and groups, whose longer names are mostly other things ("Sydney" and "North Sydney")."""
    data = graph.nodes[node]
    word = name_key(str(data.get("label", "")))
    if data.get("type") != "person" or not word or " " in word:
        return []
    fuller = [
        (-int(other.get("mentions", 0) or 0), candidate)
        for candidate, other in graph.nodes(data=True)
        if candidate != node
        and other.get("type") == data.get("type")
        and name_key(str(other.get("label", ""))).endswith(" " + word)
    ]
    return [candidate for _, candidate in sorted(fuller)]


#: How many other nodes of an ambiguous name its warning names.
_ALTERNATIVES = 3


def _named(graph: nx.Graph, node: str) -> str:
    """A node as a warning names it: its label, mentions and, for a node of one story, its id."""
    data = graph.nodes[node]
    mentions = int(data.get("mentions", 0) or 0)
    label = str(data.get("label", node))
    articles = str(data.get("article_ids", "")).split("|")
    story = f", {node}" if len(articles) == 1 and articles[0] and node.endswith(f"-{articles[0]}") else ""
    return f"{label} ({mentions} mention{'s' * (mentions != 1)}{story})"


def untitled_name(name: str) -> str:
    """``name`` without the titles and honorifics that open it, from the word lists extraction drops them
    with (the package's patterns.yml ``person_titles`` and :data:`pipeline.extract.entities.HONORIFICS`);
    a name that is all title is kept.

    >>> untitled_name("Prime Minister John Howard"), untitled_name("Mr. Howard"), untitled_name("Prime Minister")
    ('John Howard', 'Howard', 'Prime Minister')
    """
    from pipeline.extract.entities import HONORIFICS
    from pipeline.wordlists import load_patterns

    titles = load_patterns().person_titles  # longest first
    words = name.split()
    while len(words) > 1:
        lowered = tuple(word.lower().rstrip(".") for word in words)
        title = (
            1
            if lowered[0] in HONORIFICS
            else next((len(t) for t in titles if len(t) < len(words) and lowered[: len(t)] == t), 0)
        )
        if not title:
            break
        words = words[title:]
    return " ".join(words)


#: A trailing possessive: "Arafat's", "Arafat’s", "the Joneses'".
_POSSESSIVE = re.compile(r"(?<=\w)(?:['’]s|(?<=s)['’])$", re.IGNORECASE)


def _matches(graph: nx.Graph, wanted: str) -> list[str]:
    """The nodes whose id, label or a spelling is ``wanted`` (a name key): the most mentioned first. An id
    names one node only."""
    matches = []
    for node, data in graph.nodes(data=True):
        if name_key(node) == wanted:
            return [node]
        names = [data.get("label", ""), *str(data.get("aliases", "")).split("|")]
        if wanted in {name_key(n) for n in names if n}:
            matches.append((-int(data.get("mentions", 0)), node))
    return [node for _, node in sorted(matches)]


def _close_names(graph: nx.Graph, name: str) -> list[str]:
    """Up to five labels like ``name``; counts ("80 strike aircraft") only for a name with a digit, as
    their words otherwise match any name by a letter or two."""
    from rapidfuzz import fuzz, process

    numeric = any(ch.isdigit() for ch in name)
    labels = {
        str(data.get("label", node)): node
        for node, data in graph.nodes(data=True)
        if numeric or data.get("type") != "number"
    }
    return [
        label
        for label, score, _ in process.extract(name, list(labels), scorer=fuzz.WRatio, limit=5)
        if score >= 60
    ]


def ego(graph: nx.Graph, name: str, *, hops: int = 1, option: str = "--hops") -> nx.Graph:
    """The neighbourhood of ``name`` within ``hops`` links, with all attributes (a copy). ``option``: how
    the caller's user wrote ``hops``, for the message when it is not a whole number, 1 or more."""
    # bool is an int, and a float such as 2.5 would reach a radius nobody asked for
    radius = whole_number(hops)
    if radius is None or radius < 1:
        raise BadOptionError(option, hops, "a whole number of links, 1 or more")
    hops = radius
    center = find_node(graph, name)
    sub = nx.ego_graph(graph, center, radius=hops).copy()
    sub.graph.update(graph.graph, center=center, hops=hops)
    return sub


@dataclass(frozen=True)
class Summary:
    top: dict[str, list[tuple[str, str, float, int]]]  # type -> [(id, label, pagerank, mentions)]
    edges: list[tuple[str, str, int, int, float]]  # (label a, label b, weight, articles, npmi)
    communities: list[tuple[int, int, list[str]]]  # (community, size, top labels)
    # category -> (count nodes, articles, the largest counts' labels, the doers named most, "Osk police
    # (3)"): what the counts say happened, and who did it
    categories: dict[str, tuple[int, int, list[str], list[str]]] = field(default_factory=dict)


def summarize(graph: nx.Graph, *, per_type: int = 10, edges: int = 15, communities: int = 10) -> Summary:
    """Top nodes per type and the most central members of the largest communities (in the one ranking,
    :mod:`pipeline.rank`), and the strongest edges."""
    top: dict[str, list[tuple[str, str, float, int]]] = {}
    for kind in NODE_TYPES:
        top[kind] = [
            (n, str(d.get("label", n)), float(d.get("pagerank", 0)), int(d.get("mentions", 0)))
            for n in ranked(graph, kind=kind)[:per_type]
            for d in [graph.nodes[n]]
        ]
    label = {n: str(d.get("label", n)) for n, d in graph.nodes(data=True)}
    strongest = sorted(
        graph.edges(data=True),
        key=lambda e: (-int(e[2].get("weight", 0)), -float(e[2].get("npmi", 0)), e[0], e[1]),
    )
    edge_rows = [
        (label[a], label[b], int(d.get("weight", 0)), int(d.get("articles", 0)), float(d.get("npmi", 0)))
        for a, b, d in strongest[:edges]
    ]
    groups: dict[int, list[str]] = {}
    for node in ranked(graph):  # each community's members in the one ranking
        groups.setdefault(int(graph.nodes[node].get("community", -1)), []).append(label[node])
    community_rows = [
        (community, len(members), members[:6])
        for community, members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:communities]
    ]
    by_category: dict[str, list[tuple[float, str, str]]] = {}
    doers: dict[str, Counter[str]] = {}
    for node, data in graph.nodes(data=True):
        if data.get("type") == "number" and data.get("category") and data["category"] != "age":
            category = str(data["category"])
            by_category.setdefault(category, []).append(
                (float(data.get("value") or 0), label[node], str(data.get("article_ids", "")))
            )
            if data.get("actor"):
                doers.setdefault(category, Counter())[str(data["actor"])] += 1
    categories = {
        category: (
            len(found),
            len({a for _, _, ids in found for a in ids.split("|") if a}),
            [name for _, name, _ in sorted(found, key=lambda f: (-f[0], f[1]))[:3]],
            [
                f"{doer} ({times})"
                for doer, times in sorted(
                    doers.get(category, Counter()).items(), key=lambda kv: (-kv[1], kv[0])
                )[:3]
            ],
        )
        for category, found in sorted(by_category.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    }
    return Summary(top=top, edges=edge_rows, communities=community_rows, categories=categories)
