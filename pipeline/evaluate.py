"""Evaluate: score a finished run against a gold annotation (``kg eval RUN_DIR --gold FILE``).

Entities: a node matches a gold entity when one of its aliases is one of the gold's names (compared with
:func:`pipeline.names.name_key`). Precision of a type is the share of its nodes (gold "ignore" names
aside) that match a gold entity of that type; recall is the share of gold entities of the type that some
node of the type matches. A wrong merge is a node matching two gold entities, or a must-not-merge pair on
one node. An alias set is merged when all its names sit on one node.

Numbers: each hand-checked count is looked up by its article (a title's beginning, or the name of the
article's file without extension; a copy of another article by the kept one's counts), its text (as written, or the same number with or without its qualifier:
"at least 10" and "10") and a snippet of its sentence. In the articles a gold lists under
``counted_articles`` every count is annotated, so a number node of theirs that matches no annotated count
is a false count node: the precision of the counts the graph shows.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipeline.docscore import gold_text
from pipeline.errors import GoldFileError, MissingStageOutputError
from pipeline.io.csvfile import cell_text
from pipeline.io.folder import present
from pipeline.io.schema import split_list
from pipeline.io.tables import read_articles, read_nodes, read_numbers, read_sentences
from pipeline.names import name_key
from pipeline.records import ENTITY_TYPES
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
    counted_articles: int = 0  # articles whose every count the gold lists
    nodes: int = 0  # number nodes in those articles
    listed_nodes: int = 0  # ... that match a listed count
    false_nodes: list[str] = field(default_factory=list)

    @property
    def node_precision(self) -> float:
        return self.listed_nodes / self.nodes if self.nodes else 1.0


@dataclass
class Report:
    types: list[TypeScore]  # empty when the gold annotates no entities (a gold of counts alone)
    alias_sets: int
    alias_sets_merged: int
    unmerged: list[str]
    wrong_merges: list[str]
    numbers: NumberScore | None


def evaluate(run_dir: str | os.PathLike[str], gold: str | os.PathLike[str]) -> Report:
    run_dir = Path(run_dir)
    data = load_gold(gold)
    if not (run_dir / "nodes.csv").exists():
        raise MissingStageOutputError(run_dir / "nodes.csv", "eval", f"kg run INPUT... --out {run_dir}")
    present(run_dir, "nodes.csv")  # refuses a file left from an earlier run
    nodes = [row for row in read_nodes(run_dir / "nodes.csv") if row["type"] in ENTITY_TYPES]
    report = _entities(nodes, data)
    if not (data["entities"] or data["must_not_merge"]):
        report.types = []  # nothing to score them against: every node would read as a wrong name
    if data["numbers"] and present(run_dir, "numbers.csv"):
        report.numbers = _numbers(run_dir, data)
    return report


#: The sections of a gold annotation, each a list (see tests/data/seeds_gold.yml).
SECTIONS = ("entities", "ignore", "must_not_merge", "numbers", "not_counts", "counted_articles")
#: The sections that are scored (``ignore`` only leaves names out of the scores).
SCORED = ("entities", "must_not_merge", "numbers", "not_counts")
#: The keys every entry of ``numbers`` / ``not_counts`` has (``unit`` and ``category`` may be left out).
NUMBER_KEYS = ("article", "text", "context", "value", "object")
NOT_COUNT_KEYS = ("article", "text", "context")
#: Texts of a count that may be empty ("" for no unit, no category, any sentence).
OPTIONAL = ("unit", "category", "context")


def load_gold(path: str | os.PathLike[str]) -> dict[str, list[Any]]:
    """The gold annotation at ``path``, each of :data:`SECTIONS` a list (empty when left out), every
    entry of the shape the scoring reads; :class:`GoldFileError` names the first entry that is not.

    The only place a gold file is read and checked: the scoring below trusts what it returns.
    """
    path = Path(path)
    text = gold_text(path)
    try:
        data = parse_yaml(text)
    except yaml.YAMLError as error:
        raise GoldFileError(path, f"not a valid YAML gold annotation ({error})") from error
    if data is None:  # an empty file, or only comments: refused below as a gold without annotations
        data = {}
    if not isinstance(data, dict):
        raise GoldFileError(path, f"a gold annotation is a YAML mapping, not a {type(data).__name__}")
    unknown = [key for key in data if key not in SECTIONS]
    if unknown:
        raise GoldFileError(
            path,
            f"unknown key(s) {', '.join(map(repr, unknown))}; a gold annotation has {', '.join(SECTIONS)}",
        )
    gold: dict[str, list[Any]] = {}
    for section in SECTIONS:
        items = data.get(section)
        if items is not None and not isinstance(items, list):
            raise GoldFileError(path, f"{section} is {_show(items)}, not a list")
        gold[section] = items or []
    for i, item in enumerate(gold["entities"]):
        where = f"entities[{i}]"
        if not isinstance(item, dict):
            raise GoldFileError(
                path,
                f"{where} is {_show(item)}, not an entity {{name: NAME, type: TYPE, aliases: [NAME, ...]}}",
            )
        _has(path, where, item, ("name", "type"))
        _check_name(path, f"{where}.name", item["name"])
        if item["type"] not in ENTITY_TYPES:
            raise GoldFileError(
                path, f"{where}.type is {_show(item['type'])}; types are {', '.join(ENTITY_TYPES)}"
            )
        aliases = item.get("aliases")
        if aliases is not None and not isinstance(aliases, list):
            raise GoldFileError(path, f"{where}.aliases is {_show(aliases)}, not a list of names")
        for j, alias in enumerate(aliases or []):
            _check_name(path, f"{where}.aliases[{j}]", alias)
    for i, name in enumerate(gold["ignore"]):
        _check_name(path, f"ignore[{i}]", name)
    for i, name in enumerate(gold["counted_articles"]):
        _check_name(path, f"counted_articles[{i}]", name, what="title or file name")
    for i, pair in enumerate(gold["must_not_merge"]):
        if not (isinstance(pair, list) and len(pair) == 2):
            raise GoldFileError(
                path, f"must_not_merge[{i}] is {_show(pair)}, not a pair of names [NAME, NAME]"
            )
        for j, name in enumerate(pair):
            _check_name(path, f"must_not_merge[{i}][{j}]", name)
    for section, keys in (("numbers", NUMBER_KEYS), ("not_counts", NOT_COUNT_KEYS)):
        for i, item in enumerate(gold[section]):
            where = f"{section}[{i}]"
            if not isinstance(item, dict):
                shape = ", ".join(f"{key}: ..." for key in keys)
                raise GoldFileError(path, f"{where} is {_show(item)}, not a mapping {{{shape}}}")
            _has(path, where, item, keys)
            for key in ("article", "text", "context", "object", "unit", "category"):
                if key in keys or item.get(key) is not None:
                    _check_name(path, f"{where}.{key}", item[key], what="text", empty=key in OPTIONAL)
            if "value" in keys and not _is_number(item["value"]):
                raise GoldFileError(path, f"{where}.value is {_show(item['value'])}, not a number")
    # With nothing to find, every recall would read 1.000: a perfect score for an empty file.
    if not any(gold[section] for section in SCORED):
        raise GoldFileError(
            path, f"holds no annotations; a gold annotation lists {', '.join(SCORED)} (at least one)"
        )
    return gold


def _has(path: Path, where: str, item: dict, keys: tuple[str, ...]) -> None:
    missing = [key for key in keys if key not in item]
    if missing:
        raise GoldFileError(path, f"{where} has no {', '.join(map(repr, missing))}: {_show(item)}")


def _check_name(path: Path, where: str, value: object, *, what: str = "name", empty: bool = False) -> None:
    """``value`` is a name (or a text) as YAML reads one: a string, or a number written bare (``1984``)."""
    if (
        isinstance(value, bool)
        or not isinstance(value, str | int | float)
        or not (empty or str(value).strip())
    ):
        raise GoldFileError(path, f"{where} is {_show(value)}, not a {what}")


def _is_number(value: object) -> bool:
    """A count's ``value``: a number, or a text that reads as one (YAML reads ``1e6`` as a text)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return False
    try:
        float(value)
    except ValueError:
        return False
    return True


def _show(value: object, limit: int = 80) -> str:
    """``value`` as the error message quotes it: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _entities(nodes: list[dict[str, Any]], data: dict[str, list[Any]]) -> Report:
    gold = [
        (
            str(item["name"]),
            str(item["type"]),
            {name_key(str(a)) for a in [item["name"], *(item.get("aliases") or [])]},
        )
        for item in data["entities"]
    ]
    ignore = {name_key(str(name)) for name in data["ignore"]}
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
    for left, right in data["must_not_merge"]:
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


def _numbers(run_dir: Path, data: dict[str, list[Any]]) -> NumberScore:
    articles = read_articles(run_dir / "articles.csv")
    names = {a.article_id: (a.title, _file_stem(a.source)) for a in articles}
    # A copy of another article was read as that one: the gold's counts of the copy are the kept one's.
    copies: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for a in articles:
        if a.duplicate_of:
            copies[a.duplicate_of].append((a.title, _file_stem(a.source)))
    bodies = {a.article_id: a.body for a in articles}
    sentence_rows = read_sentences(run_dir / "sentences.csv")
    sentences = {
        (s.article_id, s.index): bodies.get(s.article_id, "")[s.start : s.end] for s in sentence_rows
    }
    starts = {(s.article_id, s.index): s.start for s in sentence_rows}
    rows = read_numbers(run_dir / "numbers.csv")

    def named(article_id: str, article: object) -> bool:
        return any(
            title.startswith(str(article)) or stem == str(article)
            for title, stem in [names.get(article_id, ("", "")), *copies.get(article_id, [])]
        )

    def lookup(item: dict) -> list[int]:
        """Rows of ``numbers.csv`` (by index) that are the gold's ``item``, the one inside its context
        first ("closed dozens of offices ... killed dozens of Israelis": two "dozens" in one sentence)."""
        context = str(item["context"])
        found = []
        for i, (q, _) in enumerate(rows):
            if not (named(q.article_id, item["article"]) and _same_number(q.text, str(item["text"]))):
                continue
            sentence = sentences.get((q.article_id, q.sentence), "")
            at = sentence.find(context)
            if at >= 0:
                start = q.start - starts[(q.article_id, q.sentence)]
                inside = at <= start < at + len(context) or start <= at < start + len(q.text)
                found.append((not inside, i))
        return [i for _, i in sorted(found)]

    score = NumberScore(gold=len(data["numbers"]))
    listed: set[int] = set()
    for item in data["numbers"]:
        found = lookup(item)
        if not found:
            score.wrong.append(f"missing: {item['text']!r} ({item['context']})")
            continue
        listed.update(found)
        q = rows[found[0]][0]
        score.found += 1
        unit, category = _optional(item, "unit"), _optional(item, "category")
        value_ok = abs(q.value - float(item["value"])) < 1e-6 and q.unit == unit
        object_ok = _head(q.object) == _head(str(item["object"]))
        category_ok = q.category == category
        score.value += value_ok
        score.obj += object_ok
        score.value_and_object += value_ok and object_ok
        score.category += category_ok
        if not (value_ok and object_ok and category_ok):
            score.wrong.append(
                f"{item['text']!r}: got {cell_text(q.value)} {q.unit} / {q.object!r} / {q.category!r}, "
                f"expected {item['value']} {unit} / {item['object']!r} / {category!r}"
            )
    not_counts = data["not_counts"]
    score.non_counts = len(not_counts)
    score.false_counts = [f"{item['text']!r} ({item['context']})" for item in not_counts if lookup(item)]
    counted = data["counted_articles"]
    score.counted_articles = len(counted)
    for i, (q, node_id) in enumerate(rows):
        if node_id and any(named(q.article_id, article) for article in counted):
            score.nodes += 1
            if i in listed:
                score.listed_nodes += 1
            else:
                sentence = sentences.get((q.article_id, q.sentence), "")
                score.false_nodes.append(
                    f"{node_id} ({names[q.article_id][1] or q.article_id}: {sentence!r})"
                )
    return score


def _file_stem(source: str) -> str:
    """ "corpus/GUM_lee_bg019.txt" (or "feed.jsonl:12") -> "GUM_lee_bg019" (or "feed")."""
    name = source.replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r":\d+$", "", name)
    return name.rsplit(".", 1)[0] if "." in name else name


def _same_number(found: str, annotated: str) -> bool:
    """The run's text of a number and the gold's name one number: equal but for case, or one is the other
    with its qualifier ("At least 10" and "10", "about 3,000" and "3,000")."""
    a, b = found.casefold().split(), annotated.casefold().split()
    shorter, longer = sorted((a, b), key=len)
    return bool(shorter) and longer[len(longer) - len(shorter) :] == shorter


def _optional(item: dict, key: str) -> str:
    """An entry's ``unit`` or ``category``: "" when left out or left empty (``unit:``)."""
    value = item.get(key)
    return "" if value is None else str(value)


def _head(phrase: str) -> str:
    words = phrase.lower().split()
    return words[-1] if words else ""
