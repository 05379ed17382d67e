"""What changed between two runs (two weeks of news, say): the entities (and counts) and links that
appeared, those that disappeared, those whose mentions or weight changed most, and the entities that
were merged, split or retyped.

Node ids are stable from run to run (``type:slug`` of the label), so an entity is the same node in both
runs whatever its spellings; a link is the same pair of ids. An id found in one run only is matched with
the nodes of the other run it shares something with: a mention (the same text at the same place of the
same article, from mentions.csv when both runs have one) or, failing that, a name (one node's label is
a spelling of the other; a count: the same value, unit, object and articles), one to one or in an
article both hold (see :func:`_matches`). So a node of the earlier run whose id is gone is

- *merged* into the one node it now shares with another ("Labor" now part of "Labor Party");
- *split* when its mentions or spellings are now on several nodes (one row per node);
- *retyped* when one node of the later run only took it whole under another type (``person:ansett``
  is ``group:ansett``);
- *changed* under its new id and label when one node of the later run only took it whole under its
  type ("ASIO" named "Australian Security Intelligence Organisation": "... (was ASIO)");
- *disappeared* when nothing of it is left.

A node of the later run only that took some of a node both runs hold ("Labor Party" and, new, "Labor")
is split from it; one that shares nothing appeared. The rows of merged, split and retyped nodes hold the
earlier run's id in ``source`` and the later run's in ``target``, the mentions of each in ``before`` and
``after``. Links are compared through the same matches: a link of a merged, retyped or renamed node is
the link of the node it became (two links that became one add up; one between two nodes that became one
is gone with the merge).

A node's size is its mentions, a link's its weight (windows mentioning both). :func:`diff_runs` reads
the two runs' nodes.csv, edges.csv and mentions.csv (each index is one pass: the work is linear in the
runs' size) and returns every change, sorted: nodes before links, then appeared, disappeared, changed,
merged, split, retyped, each by the size of the change (largest first), then by id. It also names the
settings the two runs differ in (but their period, ``--since`` and ``--until``). ``kg diff`` prints the top of each list and writes all of them to a
CSV file (:data:`pipeline.io.schema.DIFF`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.config import settings_changes
from pipeline.errors import MissingStageOutputError, NotARunError
from pipeline.io import tables
from pipeline.io.csvfile import formula_guard
from pipeline.io.folder import kg_manifest, present
from pipeline.io.run import check_run_folder, settings_of
from pipeline.records import Change

#: The order of the kinds and changes in the result and in the CSV file.
KINDS = ("node", "link")
CHANGES = ("appeared", "disappeared", "changed", "merged", "split", "retyped")
#: The changes that match a node of the earlier run (``source``) with one of the later run (``target``).
MATCHES = ("merged", "split", "retyped")
#: Settings that choose the articles' period: two weeks compared differ in them by design (each run's
#: dates are shown beside it), so they are not named among the settings the runs differ in.
_PERIOD = ("since", "until")


@dataclass(frozen=True, slots=True)
class RunSide:
    """One of the two runs compared: its folder, size and the span of its articles' dates."""

    folder: str
    nodes: int
    links: int
    first_date: str
    last_date: str


@dataclass(frozen=True, slots=True)
class Diff:
    before: RunSide
    after: RunSide
    changes: tuple[Change, ...]
    #: The settings that change what a run writes and differ between the two runs: (name, A's, B's).
    settings: tuple[tuple[str, object, object], ...] = ()

    def of(self, kind: str, change: str) -> list[Change]:
        """The changes of one kind (node, link) and one change (appeared, disappeared, changed, merged,
        split, retyped)."""
        return [c for c in self.changes if c.kind == kind and c.change == change]


def diff_runs(before: str | os.PathLike[str], after: str | os.PathLike[str]) -> Diff:
    """Every entity and link that appeared, disappeared or changed size from run ``before`` to ``after``,
    and every entity that was merged, split or retyped."""
    kinds = {Path(folder): (kg_manifest(Path(folder)) or {}).get("kind") for folder in (before, after)}
    if len(set(kinds.values())) > 1:
        ego = next(folder for folder, kind in kinds.items() if kind == "ego")
        raise NotARunError(
            ego,
            "holds a neighbourhood (kg ego), and the other folder a whole run: everything outside the "
            "neighbourhood would look gone. Compare two runs, or two neighbourhoods",
        )
    old, new = _read(Path(before)), _read(Path(after))
    successors = _matches(old, new)
    predecessors: dict[str, set[str]] = {}
    for a, bs in successors.items():
        for b in bs:
            predecessors.setdefault(b, set()).add(a)

    changes: list[Change] = []
    became: dict[str, str] = {}  # old id -> the one new id it became (merged, retyped, renamed)
    for node in sorted(old.nodes.keys() - new.nodes.keys()):
        was = old.nodes[node]
        ahead = sorted(successors.get(node, ()))
        if not ahead:
            changes.append(_node_change("disappeared", node, was, None))
        elif len(ahead) > 1:
            changes.extend(_match("split", node, b, was, new.nodes[b]) for b in ahead)
        else:
            (b,) = ahead
            became[node] = b
            now = new.nodes[b]
            if b in old.nodes or predecessors[b] != {node}:
                changes.append(_match("merged", node, b, was, now))
            elif was["type"] != now["type"]:
                changes.append(_match("retyped", node, b, was, now))
            else:  # renamed: the same entity under a fuller label
                label = f"{now['label']} (was {was['label']})"
                changes.append(_node_change("changed", b, was, now, label=label))
    for node in sorted(new.nodes.keys() - old.nodes.keys()):
        behind = sorted(predecessors.get(node, ()))
        if not behind:
            changes.append(_node_change("appeared", node, None, new.nodes[node]))
        # taken from nodes both runs hold: split from them (from nodes that are gone: their rows say it)
        changes.extend(
            _match("split", a, node, old.nodes[a], new.nodes[node]) for a in behind if a in new.nodes
        )
    # A node both runs hold that others were merged into grew by what it took in only beyond their
    # mentions: "Labor Party" 2 -> 25 with "Labor"'s 18 is 20 -> 25.
    took_in: dict[str, int] = {}
    for a, b in became.items():
        if b in old.nodes:
            took_in[b] = took_in.get(b, 0) + int(old.nodes[a]["mentions"])
    for node in sorted(old.nodes.keys() & new.nodes.keys()):
        was, now = old.nodes[node], new.nodes[node]
        if node in took_in:
            was = {**was, "mentions": int(was["mentions"]) + took_in[node]}
        if was["mentions"] != now["mentions"]:
            changes.append(_node_change("changed", node, was, now))

    old_links: dict[tuple[str, str], int] = {}
    for (a, b), weight in old.links.items():
        a, b = became.get(a, a), became.get(b, b)
        if a != b:  # a link between two nodes that became one is gone with the merge
            pair = _pair(a, b)
            old_links[pair] = old_links.get(pair, 0) + weight
    labels = {node: (str(d["label"]), str(d["type"])) for node, d in {**old.nodes, **new.nodes}.items()}
    for pair in sorted(old_links.keys() | new.links.keys()):
        was_weight, now_weight = old_links.get(pair, 0), new.links.get(pair, 0)
        if was_weight == now_weight:
            continue
        (a_label, a_type), (b_label, b_type) = (labels.get(n, (n, "")) for n in pair)
        changes.append(
            Change(
                kind="link",
                change="appeared" if not was_weight else "disappeared" if not now_weight else "changed",
                source=pair[0],
                target=pair[1],
                label=f"{a_label} — {b_label}",
                type=f"{a_type}–{b_type}",
                before=was_weight,
                after=now_weight,
            )
        )
    changes.sort(key=lambda c: (KINDS.index(c.kind), CHANGES.index(c.change), -_size(c), c.source, c.target))
    return Diff(
        before=old.side,
        after=new.side,
        changes=tuple(changes),
        settings=tuple(c for c in settings_changes(old.settings, new.settings) if c[0] not in _PERIOD),
    )


def _size(change: Change) -> int:
    """How much a change moves: a matched node's mentions in the earlier run, else the change in size."""
    return change.before if change.change in MATCHES else abs(change.delta)


def _node_change(
    change: str, node: str, was: dict[str, Any] | None, now: dict[str, Any] | None, *, label: str = ""
) -> Change:
    data = now if now is not None else was
    assert data is not None
    return Change(
        kind="node",
        change=change,
        source=node,
        target="",
        label=label or str(data["label"]),
        type=str(data["type"]),
        before=int(was["mentions"]) if was is not None else 0,
        after=int(now["mentions"]) if now is not None else 0,
    )


def _match(change: str, a: str, b: str, was: dict[str, Any], now: dict[str, Any]) -> Change:
    """A node of the earlier run (``a``) matched with one of the later run (``b``)."""
    a_label, b_label, a_type, b_type = (
        str(was["label"]),
        str(now["label"]),
        str(was["type"]),
        str(now["type"]),
    )
    if change == "retyped":
        label = b_label if a_label == b_label else f"{b_label} (was {a_label})"
    else:
        label = f"{a_label} → {b_label}"
    return Change(
        kind="node",
        change=change,
        source=a,
        target=b,
        label=label,
        type=a_type if a_type == b_type else f"{a_type}→{b_type}",
        before=int(was["mentions"]),
        after=int(now["mentions"]),
    )


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


@dataclass(frozen=True, slots=True)
class _Run:
    side: RunSide
    nodes: dict[str, dict[str, Any]]
    links: dict[tuple[str, str], int]
    #: (article id, start, text) -> node id of each mention that joined a node (empty: no mentions.csv).
    mentions: dict[tuple[str, int, str], str]
    settings: dict[str, object]
    #: article id -> the article kept in its place: the run's copies of a story (articles.csv's
    #: ``duplicate_of``), a correction kept instead of the story it corrects among them
    kept_for: dict[str, str]


#: What makes two runs' count nodes one count (nodes.csv columns).
_COUNT_IDENTITY = ("value", "unit", "object", "article_ids")


def _matches(old: _Run, new: _Run) -> dict[str, set[str]]:
    """Old id -> the new ids it shares a mention or a name with, for the pairs where at least one of the
    two ids is in one run only (two nodes both runs hold are compared by their sizes).

    A mention says it for any such pair. A name, only for a node that is gone and that no mention
    placed: it ties it to the one new node of its name (renamed, retyped; that node named by no other),
    or to the one node both runs hold that has its name in an article of its own (merged into it). Two
    periods' "Government" nodes, or a new story's "Government" beside the "Federal Government" both runs
    hold, are different entities with one name. A node of one story ("the Government" of an article)
    only meets a node of the same story, the story's correction in the later run being the same story."""
    gone, came = old.nodes.keys() - new.nodes.keys(), new.nodes.keys() - old.nodes.keys()
    found: dict[str, set[str]] = {}

    def add(a: str, b: str) -> None:
        if a != b and (a in gone or b in came) and a in old.nodes and b in new.nodes:
            found.setdefault(a, set()).add(b)

    if old.mentions and new.mentions:
        for key, a in old.mentions.items():
            b = new.mentions.get(key)
            if b is not None:
                add(a, b)
    unmatched_old = gone - found.keys()
    unmatched_new = came - {b for bs in found.values() for b in bs}
    kept_for = new.kept_for
    # a node that is gone, by name: a new node (renamed, retyped) or one both runs hold (merged into it)
    candidates = unmatched_new | (old.nodes.keys() & new.nodes.keys())
    old_labels, old_names = _names({a: old.nodes[a] for a in unmatched_old}, kept_for)
    new_labels, new_names = _names({b: new.nodes[b] for b in candidates}, {})
    by_name: dict[str, set[str]] = {}
    for a in unmatched_old:
        label, names = _keys(old.nodes[a], kept_for)
        by_name[a] = _looked_up(new_names, [label]) | _looked_up(new_labels, names)
    for b in unmatched_new:
        label, names = _keys(new.nodes[b], {})
        for a in _looked_up(old_names, [label]) | _looked_up(old_labels, names):
            by_name.setdefault(a, set()).add(b)
    named_by: dict[str, set[str]] = {}
    for a, bs in by_name.items():
        for b in bs:
            named_by.setdefault(b, set()).add(a)
    for a, bs in sorted(by_name.items()):
        was = old.nodes[a]
        fitting = [b for b in bs if _same_story(a, was, b, new.nodes[b], kept_for)]
        if len(fitting) != 1:
            continue  # a name several nodes answer to says nothing
        (b,) = fitting
        if b in unmatched_new:
            if named_by[b] == {a}:  # one to one: the same entity renamed or retyped
                add(a, b)
        elif _share_an_article(was, new.nodes[b], kept_for):  # merged into a node of its articles
            found.setdefault(a, set()).add(b)
    return found


def _share_an_article(was: dict[str, Any], now: dict[str, Any], kept_for: dict[str, str]) -> bool:
    """Does the later node hold an article of the earlier one (or its correction)? A run that records no
    articles for them says nothing against it."""
    before = {kept_for.get(a, a) for a in str(was.get("article_ids", "")).split("|") if a}
    after = {a for a in str(now.get("article_ids", "")).split("|") if a}
    return not before or not after or bool(before & after)


def _story(node: str, data: dict[str, Any]) -> str:
    """The article of a node of one story (its id ends with its one article's id), else ""."""
    articles = str(data.get("article_ids", "")).split("|")
    return articles[0] if len(articles) == 1 and articles[0] and node.endswith(f"-{articles[0]}") else ""


def _same_story(a: str, was: dict[str, Any], b: str, now: dict[str, Any], kept_for: dict[str, str]) -> bool:
    """Are two nodes of one story, or neither of a story?"""
    story_a, story_b = _story(a, was), _story(b, now)
    return kept_for.get(story_a, story_a) == story_b


def _keys(data: dict[str, Any], kept_for: dict[str, str]) -> tuple[tuple[str, str], list[tuple[str, str]]]:
    """A node's label and its spellings as keys: entities by name (whatever their type), a count by its
    value, unit, object and articles (its texts, "two", are any count's)."""
    if data["type"] == "number":
        articles = "|".join(sorted({kept_for.get(a, a) for a in str(data.get("article_ids", "")).split("|")}))
        identity = [str(data.get(c, "")).casefold() for c in _COUNT_IDENTITY[:-1]]
        key = ("number", "|".join([*identity, articles]))
        return key, [key]
    label = ("entity", str(data["label"]).casefold())
    return label, [label, *(("entity", a.casefold()) for a in str(data["aliases"]).split("|") if a)]


def _names(
    nodes: dict[str, dict[str, Any]], kept_for: dict[str, str]
) -> tuple[dict[tuple[str, str], set[str]], dict[tuple[str, str], set[str]]]:
    """Two indexes of ``nodes``: by label, and by each spelling (a count's articles read through
    ``kept_for``)."""
    labels: dict[tuple[str, str], set[str]] = {}
    names: dict[tuple[str, str], set[str]] = {}
    for node, data in nodes.items():
        label, spellings = _keys(data, kept_for)
        labels.setdefault(label, set()).add(node)
        for key in spellings:
            names.setdefault(key, set()).add(node)
    return labels, names


def _looked_up(index: dict[tuple[str, str], set[str]], keys: Iterable[tuple[str, str]]) -> set[str]:
    return {node for key in keys for node in index.get(key, ())}


def _read(folder: Path) -> _Run:
    """A run's nodes (by id), link weights (by sorted pair of ids) and mentions, read through its
    manifest."""
    check_run_folder(folder, first="edges.csv")
    if not present(folder, "edges.csv") or not present(folder, "nodes.csv"):
        raise MissingStageOutputError(folder / "edges.csv", "diff", f"kg run INPUT... --out {folder}")
    manifest = kg_manifest(folder) or {}
    with formula_guard(settings_of(manifest).safe_csv):
        nodes = {str(row["id"]): row for row in tables.read_nodes(folder / "nodes.csv")}
        links: dict[tuple[str, str], int] = {}
        for row in tables.read_edges(folder / "edges.csv"):
            links[_pair(str(row["source"]), str(row["target"]))] = int(str(row["weight"]))
        mentions = {
            (article, start, text): node
            for article, start, text, node in (
                tables.read_mention_nodes(folder / "mentions.csv") if present(folder, "mentions.csv") else ()
            )
        }
        kept_for = {
            article.article_id: article.duplicate_of
            for article in (
                tables.read_articles(folder / "articles.csv") if present(folder, "articles.csv") else ()
            )
            if article.duplicate_of
        }
    recorded = manifest.get("dates")
    dates: dict[str, Any] = recorded if isinstance(recorded, dict) else {}
    settings = manifest.get("settings")
    side = RunSide(
        folder=os.fspath(folder),
        nodes=len(nodes),
        links=len(links),
        first_date=str(dates.get("first", "")),
        last_date=str(dates.get("last", "")),
    )
    return _Run(side, nodes, links, mentions, dict(settings) if isinstance(settings, dict) else {}, kept_for)
