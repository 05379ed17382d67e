"""What changed between two runs (two weeks of news, say): the entities (and counts) and links that
appeared, those that disappeared, and those whose mentions or weight changed most.

Node ids are stable from run to run (``type:slug`` of the label), so an entity is the same node in both
runs whatever its spellings; a link is the same pair of ids. A node whose label changed because a fuller
name came ("ASIO" named "Australian Security Intelligence Organisation" in the later weeks) has a new
id: an id found in one run only is the same entity as the one id of the other run only that has its
type and one of its aliases, and is reported as changed under its new id and label ("... (was ASIO)"). A node's size is its mentions, a link's
its weight (windows mentioning both). :func:`diff_runs` reads the two runs' nodes.csv and edges.csv and
returns every change, sorted: nodes before links, then appeared, disappeared, changed, each by the
size of the change (largest first), then by id. ``kg diff`` prints the top of each list and writes all
of them to a CSV file (:data:`pipeline.io.schema.DIFF`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import MissingStageOutputError
from pipeline.io import tables
from pipeline.io.csvfile import formula_guard
from pipeline.io.folder import kg_manifest, present
from pipeline.io.run import check_run_folder, settings_of
from pipeline.records import Change

#: The order of the kinds and changes in the result and in the CSV file.
KINDS = ("node", "link")
CHANGES = ("appeared", "disappeared", "changed")


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

    def of(self, kind: str, change: str) -> list[Change]:
        """The changes of one kind (node, link) and one change (appeared, disappeared, changed)."""
        return [c for c in self.changes if c.kind == kind and c.change == change]


def diff_runs(before: str | os.PathLike[str], after: str | os.PathLike[str]) -> Diff:
    """Every entity and link that appeared, disappeared or changed size from run ``before`` to ``after``."""
    old_side, old_nodes, old_links = _read(Path(before))
    new_side, new_nodes, new_links = _read(Path(after))
    renamed = _renamed(old_nodes, new_nodes)
    old_nodes = {renamed.get(node, node): data for node, data in old_nodes.items()}
    old_links = {_pair(renamed.get(a, a), renamed.get(b, b)): weight for (a, b), weight in old_links.items()}
    former = {new: str(old_nodes[new]["label"]) for new in renamed.values()}
    changes: list[Change] = []
    for node in sorted(old_nodes.keys() | new_nodes.keys()):
        old, new = old_nodes.get(node), new_nodes.get(node)
        data = new if new is not None else old
        label = str(data["label"])  # type: ignore[index]
        relabelled = former.get(node, label) != label
        if old is not None and new is not None and old["mentions"] == new["mentions"] and not relabelled:
            continue
        if relabelled:
            label = f"{label} (was {former[node]})"
        changes.append(
            Change(
                kind="node",
                change="appeared" if old is None else "disappeared" if new is None else "changed",
                source=node,
                target="",
                label=label,
                type=str(data["type"]),  # type: ignore[index]
                before=int(old["mentions"]) if old is not None else 0,
                after=int(new["mentions"]) if new is not None else 0,
            )
        )
    labels = {node: (str(d["label"]), str(d["type"])) for node, d in {**old_nodes, **new_nodes}.items()}
    for pair in sorted(old_links.keys() | new_links.keys()):
        was, now = old_links.get(pair, 0), new_links.get(pair, 0)
        if was == now:
            continue
        (a_label, a_type), (b_label, b_type) = (labels.get(n, (n, "")) for n in pair)
        changes.append(
            Change(
                kind="link",
                change="appeared" if not was else "disappeared" if not now else "changed",
                source=pair[0],
                target=pair[1],
                label=f"{a_label} — {b_label}",
                type=f"{a_type}–{b_type}",
                before=was,
                after=now,
            )
        )
    changes.sort(
        key=lambda c: (KINDS.index(c.kind), CHANGES.index(c.change), -abs(c.delta), c.source, c.target)
    )
    return Diff(before=old_side, after=new_side, changes=tuple(changes))


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


#: What makes two runs' count nodes one count (nodes.csv columns).
_COUNT_IDENTITY = ("value", "unit", "object", "article_ids")


def _renamed(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Old id -> new id of each entity whose id changed: the one node of the other run only that has
    its type and shares an alias with it (a count: its value, unit, object and articles), both ways."""

    def by_alias(nodes: dict[str, dict[str, Any]], only: set[str]) -> dict[tuple[str, str], set[str]]:
        index: dict[tuple[str, str], set[str]] = {}
        for node in only:
            data = nodes[node]
            if data["type"] == "number":
                # a count is its value, unit and object in its articles; its texts ("two") are everyone's
                keys = ["|".join(str(data.get(c, "")).casefold() for c in _COUNT_IDENTITY)]
            else:
                keys = [alias.casefold() for alias in str(data["aliases"]).split("|") if alias]
            for key in keys:
                index.setdefault((str(data["type"]), key), set()).add(node)
        return index

    gone, came = old.keys() - new.keys(), new.keys() - old.keys()
    if not gone or not came:
        return {}
    old_index, new_index = by_alias(old, gone), by_alias(new, came)
    matches: dict[str, set[str]] = {}
    back: dict[str, set[str]] = {}
    for key, olds in old_index.items():
        for a in olds:
            for b in new_index.get(key, ()):
                matches.setdefault(a, set()).add(b)
                back.setdefault(b, set()).add(a)
    return {
        a: next(iter(bs))
        for a, bs in sorted(matches.items())
        if len(bs) == 1 and len(back[next(iter(bs))]) == 1
    }


def _read(folder: Path) -> tuple[RunSide, dict[str, dict[str, Any]], dict[tuple[str, str], int]]:
    """A run's nodes (by id) and link weights (by sorted pair of ids), read through its manifest."""
    check_run_folder(folder, first="edges.csv")
    if not present(folder, "edges.csv") or not present(folder, "nodes.csv"):
        raise MissingStageOutputError(folder / "edges.csv", "diff", f"kg run INPUT... --out {folder}")
    manifest = kg_manifest(folder) or {}
    with formula_guard(settings_of(manifest).safe_csv):
        nodes = {str(row["id"]): row for row in tables.read_nodes(folder / "nodes.csv")}
        links: dict[tuple[str, str], int] = {}
        for row in tables.read_edges(folder / "edges.csv"):
            links[_pair(str(row["source"]), str(row["target"]))] = int(str(row["weight"]))
    recorded = manifest.get("dates")
    dates: dict[str, Any] = recorded if isinstance(recorded, dict) else {}
    side = RunSide(
        folder=os.fspath(folder),
        nodes=len(nodes),
        links=len(links),
        first_date=str(dates.get("first", "")),
        last_date=str(dates.get("last", "")),
    )
    return side, nodes, links
