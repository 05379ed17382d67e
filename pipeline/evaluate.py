"""Evaluate: score a finished run against a gold annotation (``kg eval RUN_DIR --gold FILE``).

Entities: a node matches a gold entity when one of its aliases is one of the gold's names (compared with
:func:`pipeline.names.name_key`). Precision of a type is the share of its nodes (gold "ignore" names
aside) that match a gold entity of that type; recall is the share of gold entities of the type that some
node of the type matches. A wrong merge is a node matching two gold entities, or a must-not-merge pair on
one node. An alias set is merged when all its names sit on one node.

Numbers: each hand-checked count is looked up by article title, text and a snippet of its sentence.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import GoldFileError, MissingStageOutputError
from pipeline.io.csvfile import cell_text
from pipeline.io.folder import present
from pipeline.io.schema import split_list
from pipeline.io.tables import read_articles, read_nodes, read_numbers, read_sentences
from pipeline.names import name_key
from pipeline.records import ENTITY_TYPES, Quantity
from pipeline.wordlists import parse_yaml


@dataclass
class TypeScore:
    type: str
    gold: int
    found: int  # gold entities matched by a node of this type
    nodes: int  # nodes of this type, ignored ones excluded
    correct: int  # nodes matching a gold entity of this type
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.nodes if self.nodes else 1.0


@dataclass
class NumberScore:
    gold: int
    found: int = 0
    value: int = 0
    obj: int = 0
    value_and_object: int = 0
    category: int = 0
    false_counts: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    non_counts: int = 0


@dataclass
class Report:
    types: list[TypeScore]
    alias_sets: int
    alias_sets_merged: int
    unmerged: list[str]
    wrong_merges: list[str]
    numbers: NumberScore | None


def evaluate(run_dir: str | os.PathLike[str], gold: str | os.PathLike[str]) -> Report:
    run_dir, gold_path = Path(run_dir), Path(gold)
    if not gold_path.is_file():
        raise GoldFileError(gold_path, "not found")
    if not (run_dir / "nodes.csv").exists():
        raise MissingStageOutputError(run_dir / "nodes.csv", "eval", f"kg run INPUT... --out {run_dir}")
    try:
        data = parse_yaml(gold_path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise GoldFileError(gold_path, f"not a valid YAML gold annotation ({error})") from error
    if not isinstance(data, dict):
        raise GoldFileError(gold_path, f"a gold annotation is a YAML mapping, not a {type(data).__name__}")
    present(run_dir, "nodes.csv")  # refuses a file left from an earlier run
    nodes = [row for row in read_nodes(run_dir / "nodes.csv") if row["type"] in ENTITY_TYPES]
    report = _entities(nodes, data)
    if data.get("numbers") and present(run_dir, "numbers.csv"):
        report.numbers = _numbers(run_dir, data)
    return report


def _entities(nodes: list[dict[str, Any]], data: dict) -> Report:
    gold = [
        (
            str(item["name"]),
            str(item["type"]),
            {name_key(str(a)) for a in [item["name"], *(item.get("aliases") or [])]},
        )
        for item in data.get("entities") or []
    ]
    ignore = {name_key(str(name)) for name in data.get("ignore") or []}
    node_keys = {
        row["id"]: {name_key(a) for a in [row["label"], *split_list(row["aliases"])] if a} for row in nodes
    }
    matches: dict[str, list[int]] = {
        row["id"]: [i for i, (_, _, keys) in enumerate(gold) if keys & node_keys[row["id"]]] for row in nodes
    }
    types = []
    for kind in ENTITY_TYPES:
        of_type = [row for row in nodes if row["type"] == kind]
        counted = [row for row in of_type if matches[row["id"]] or not (node_keys[row["id"]] & ignore)]
        correct = [row for row in counted if any(gold[i][1] == kind for i in matches[row["id"]])]
        gold_of_type = [i for i, (_, t, _) in enumerate(gold) if t == kind]
        found = {i for row in of_type for i in matches[row["id"]] if gold[i][1] == kind}
        types.append(
            TypeScore(
                type=kind,
                gold=len(gold_of_type),
                found=len(found),
                nodes=len(counted),
                correct=len(correct),
                missed=sorted(gold[i][0] for i in gold_of_type if i not in found),
                spurious=sorted(row["label"] for row in counted if row not in correct),
            )
        )
    wrong = [
        f"{row['label']} ({row['id']}) joins " + " + ".join(gold[i][0] for i in matches[row["id"]])
        for row in nodes
        if len(matches[row["id"]]) > 1
    ]
    key_nodes: dict[str, set[str]] = defaultdict(set)
    for node_id, keys in node_keys.items():
        for key in keys:
            key_nodes[key].add(node_id)
    for left, right in data.get("must_not_merge") or []:
        shared = key_nodes[name_key(str(left))] & key_nodes[name_key(str(right))]
        wrong.extend(f"{left} and {right} share {node}" for node in sorted(shared))
    alias_sets = [(name, keys) for name, _, keys in gold if len(keys) > 1]
    unmerged = []
    for name, keys in alias_sets:
        holders = [key_nodes[k] for k in keys]
        if not all(holders) or len(set().union(*holders)) != 1:
            unmerged.append(name)
    return Report(
        types=types,
        alias_sets=len(alias_sets),
        alias_sets_merged=len(alias_sets) - len(unmerged),
        unmerged=unmerged,
        wrong_merges=sorted(set(wrong)),
        numbers=None,
    )


def _numbers(run_dir: Path, data: dict) -> NumberScore:
    articles = read_articles(run_dir / "articles.csv")
    titles = {a.article_id: a.title for a in articles}
    bodies = {a.article_id: a.body for a in articles}
    sentences = {
        (s.article_id, s.index): bodies.get(s.article_id, "")[s.start : s.end]
        for s in read_sentences(run_dir / "sentences.csv")
    }
    counts = [quantity for quantity, _ in read_numbers(run_dir / "numbers.csv")]

    def lookup(item: dict) -> list[Quantity]:
        return [
            q
            for q in counts
            if titles.get(q.article_id, "").startswith(str(item["article"]))
            and q.text == str(item["text"])
            and str(item["context"]) in sentences.get((q.article_id, q.sentence), "")
        ]

    score = NumberScore(gold=len(data["numbers"]))
    for item in data["numbers"]:
        found = lookup(item)
        if not found:
            score.wrong.append(f"missing: {item['text']!r} ({item['context']})")
            continue
        q = found[0]
        score.found += 1
        value_ok = abs(q.value - float(item["value"])) < 1e-6 and q.unit == str(item.get("unit", ""))
        object_ok = _head(q.object) == _head(str(item["object"]))
        category_ok = q.category == str(item.get("category", ""))
        score.value += value_ok
        score.obj += object_ok
        score.value_and_object += value_ok and object_ok
        score.category += category_ok
        if not (value_ok and object_ok and category_ok):
            score.wrong.append(
                f"{item['text']!r}: got {cell_text(q.value)} {q.unit} / {q.object!r} / {q.category!r}, "
                f"expected {item['value']} {item.get('unit', '')} / {item['object']!r} / {item.get('category', '')!r}"
            )
    not_counts = data.get("not_counts") or []
    score.non_counts = len(not_counts)
    score.false_counts = [f"{item['text']!r} ({item['context']})" for item in not_counts if lookup(item)]
    return score


def _head(phrase: str) -> str:
    words = phrase.lower().split()
    return words[-1] if words else ""
