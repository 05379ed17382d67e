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
from pipeline.records import COUNT_CATEGORIES, ENTITY_TYPES
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
    false_counts: list[str] = field(default_factory=list)  # non-counts the run holds as values
    false_count_nodes: list[str] = field(default_factory=list)  # ... and made graph nodes
    wrong: list[str] = field(default_factory=list)
    non_counts: int = 0
    counted_articles: int = 0  # articles whose every count the gold lists
    nodes: int = 0  # number nodes in those articles
    listed_nodes: int = 0  # ... that hold an annotated count
    false_nodes: dict[str, str] = field(default_factory=dict)  # node id -> where
    unknown_articles: list[str] = field(default_factory=list)  # gold names no article (or several) of the run
    actors_listed: int = 0  # found counts whose gold entry says who did it ("actor", maybe "")
    actors_expected: int = 0  # ... with an actor named
    actors_named: int = 0  # ... to which the run gives an actor
    actors_right: int = 0  # ... the gold's

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
    if (data["numbers"] or data["not_counts"]) and present(run_dir, "numbers.csv"):
        report.numbers = _numbers(run_dir, data, gold_path=Path(gold))
    return report


#: The sections of a gold annotation, each a list (see tests/data/seeds_gold.yml).
SECTIONS = ("entities", "ignore", "must_not_merge", "numbers", "not_counts", "counted_articles")
#: The sections that are scored (``ignore`` only leaves names out of the scores).
SCORED = ("entities", "must_not_merge", "numbers", "not_counts")
#: The keys every entry of ``numbers`` / ``not_counts`` has (``unit`` and ``category`` may be left out).
NUMBER_KEYS = ("article", "text", "context", "value", "object")
NOT_COUNT_KEYS = ("article", "text", "context")
OPTIONAL_NUMBER_KEYS = ("unit", "category", "actor")
#: Texts of a count that may be empty ("" for no unit, no category, no actor, any sentence).
OPTIONAL = ("unit", "category", "actor", "context")


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
    named: dict[str, int] = {}  # a name's key -> the entity that gives it first
    for i, item in enumerate(gold["entities"]):
        for name in [item["name"], *(item.get("aliases") or [])]:
            first = named.setdefault(name_key(str(name)), i)
            if first != i:  # scored, it would read as the run's wrong merge and a missed entity
                raise GoldFileError(
                    path,
                    f"entities[{i}] names {str(name)!r}, as entities[{first}] does: one name, one entity",
                )
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
            allowed = keys + (OPTIONAL_NUMBER_KEYS if section == "numbers" else ())
            unknown = [str(key) for key in item if key not in allowed]
            if unknown:  # "catgory: kill" would leave the category empty and score as if written so
                hint = (
                    ' (a comma splits a value inside {...}: quote it, value: "1,121")'
                    if any(key.isdigit() for key in unknown)
                    else ""
                )
                raise GoldFileError(
                    path,
                    f"{where} has unknown key(s) {', '.join(map(repr, unknown))}; "
                    f"keys are {', '.join(allowed)}{hint}",
                )
            if section == "numbers" and item.get("category") not in (None, "", *COUNT_CATEGORIES):
                raise GoldFileError(
                    path,
                    f"{where}.category is {_show(item['category'])}; categories are {', '.join(COUNT_CATEGORIES)}",
                )
            for key in ("article", "text", "context", "object", "unit", "category", "actor"):
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


def _numbers(run_dir: Path, data: dict[str, list[Any]], *, gold_path: Path) -> NumberScore:
    articles = read_articles(run_dir / "articles.csv")
    kept = {a.article_id for a in articles if a.kept}
    # An article is named by its id, its file's name or its title's beginning; a copy of another
    # article was read as that one, so the gold's counts of the copy are the kept one's.
    names: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for a in articles:
        names[a.duplicate_of or a.article_id].append((a.article_id, _file_stem(a.source), a.title))
        own = dict(a.metadata).get("id", "")  # the input's own id of a record ("bg-003")
        if own:
            names[a.duplicate_of or a.article_id].append((own, "", ""))
    bodies = {a.article_id: a.text for a in articles}
    sentence_rows = read_sentences(run_dir / "sentences.csv")
    sentences = {
        (s.article_id, s.index): bodies.get(s.article_id, "")[s.start : s.end] for s in sentence_rows
    }
    starts = {(s.article_id, s.index): s.start for s in sentence_rows}
    rows = read_numbers(run_dir / "numbers.csv")
    score = NumberScore(gold=len(data["numbers"]))

    # Each name of the gold, once: the kept articles it names (by id or file first, else by title).
    by_name: dict[str, set[str]] = defaultdict(set)  # an id or a file's name -> the kept article it is
    for k in kept:
        for article_id, stem, _ in names[k]:
            by_name[article_id].add(k)
            if stem:
                by_name[stem].add(k)
    named_as: dict[str, set[str]] = {}
    for article in sorted(
        {str(item["article"]) for section in ("numbers", "not_counts") for item in data[section]}
        | {str(a) for a in data["counted_articles"]}
    ):
        exact = by_name.get(article, set())
        titled = set() if exact else {k for k in kept for _, _, t in names[k] if t.startswith(article)}
        named_as[article] = exact or titled
        if not named_as[article]:
            score.unknown_articles.append(article)
        elif not exact and len(titled) > 1:
            score.unknown_articles.append(f"{article} (the beginning of {len(titled)} titles)")
            named_as[article] = set()
    if named_as and not any(named_as.values()):  # a gold of other files: 0 of everything, said as such
        first = next((a for a in articles if a.kept), None)
        like = (
            f"; the run's are named like {first.article_id!r} or {_file_stem(first.source)!r}"
            if first
            else ""
        )
        raise GoldFileError(
            gold_path,
            f"none of the {len(named_as)} articles its counts name is in {run_dir} (an article is named by "
            f"its id, the input's own id field, its file's name without the extension, or the beginning of its "
            f"title): it names "
            f"{next(iter(sorted(named_as)))!r}{like}",
        )

    def lookup(item: dict, claimed: set[int], *, loose: bool = False) -> list[int]:
        """Rows of ``numbers.csv`` (by index) that are the gold's ``item`` and no earlier item's, the one
        inside its context first ("closed dozens of offices ... killed dozens of Israelis": two "dozens"
        in one sentence). ``loose``: the text may also be the row's number with its noun ("three times")."""
        context, text = str(item["context"]), str(item["text"])
        articles_named = named_as.get(str(item["article"]), set())
        found = []
        for i, (q, _) in enumerate(rows):
            if i in claimed or q.article_id not in articles_named:
                continue
            if not (_same_number(q.text, text) or (loose and _number_of(q.text, text))):
                continue
            sentence = sentences.get((q.article_id, q.sentence), "")
            at = sentence.find(context)
            if at >= 0:
                start = q.start - starts[(q.article_id, q.sentence)]
                inside = at <= start < at + len(context) or start <= at < start + len(q.text)
                found.append((not inside, i))
        return [i for _, i in sorted(found)]

    listed: set[int] = set()
    # a count of an article the run does not hold is left out, as said, not scored as missed
    held = [item for item in data["numbers"] if named_as.get(str(item["article"]))]
    score.gold = len(held)
    for item in held:
        found = lookup(item, listed)
        if not found:
            score.wrong.append(f"missing: {item['text']!r} ({item['context']})")
            continue
        listed.add(found[0])
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
        if "actor" in item:
            actor = _optional(item, "actor")
            right = bool(actor and q.actor) and _same_actor(q.actor, actor)
            score.actors_listed += 1
            score.actors_expected += bool(actor)
            score.actors_named += bool(q.actor)
            score.actors_right += right
            if (actor or q.actor) and not right:
                score.wrong.append(
                    f"{item['text']!r} ({item['context']}): actor {q.actor!r}, expected {actor!r}"
                )
    not_counts = [item for item in data["not_counts"] if named_as.get(str(item["article"]))]
    score.non_counts = len(not_counts)
    claimed: set[int] = set(listed)
    for item in not_counts:
        found = lookup(item, claimed, loose=True)
        if found:
            claimed.add(found[0])
            where = f"{item['text']!r} ({item['context']})"
            (score.false_count_nodes if rows[found[0]][1] else score.false_counts).append(where)
    counted = set().union(*(named_as.get(str(a), set()) for a in data["counted_articles"]))
    score.counted_articles = len(counted)
    nodes: dict[str, bool] = {}  # number node of a counted article -> whether it holds an annotated count
    for i, (q, node_id) in enumerate(rows):
        if node_id and q.article_id in counted:
            nodes[node_id] = nodes.get(node_id, False) or i in listed
            if i not in listed and not nodes[node_id]:
                sentence = sentences.get((q.article_id, q.sentence), "")
                stem = names[q.article_id][0][1] if names.get(q.article_id) else q.article_id
                score.false_nodes[node_id] = f"{node_id} ({stem}: {sentence!r})"
    score.nodes = len(nodes)
    score.listed_nodes = sum(nodes.values())
    for node_id, holds in nodes.items():
        if holds:
            score.false_nodes.pop(node_id, None)
    return score


def _file_stem(source: str) -> str:
    """ "corpus/GUM_lee_bg019.txt" (or "feed.jsonl:12") -> "GUM_lee_bg019" (or "feed")."""
    name = source.replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r":\d+$", "", name)
    return name.rsplit(".", 1)[0] if "." in name else name


def _number_of(found: str, annotated: str) -> bool:
    """The gold writes a non-count as the run's number and the words after it: "three times" for the
    run's "three", "five years" for "five"."""
    a, b = found.casefold().split(), annotated.casefold().split()
    return bool(a) and len(a) < len(b) and b[: len(a)] == a


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


def _same_actor(found: str, expected: str) -> bool:
    """The run's actor names the gold's: the same head word ("troops" of "Israeli troops"), or a part of
    a coordinated one ("Quellish forces" of "Quellish forces or settlers").

    >>> _same_actor("Varn police", "police"), _same_actor("Quellish forces", "Quellish forces or settlers")
    (True, True)
    >>> _same_actor("police", "protesters"), _same_actor("men", "gunmen")
    (False, False)
    """
    if _head(found.removesuffix("'s")) == _head(expected.removesuffix("'s")):
        return True
    words, within = found.lower().split(), expected.lower().split()  # whole words: "men" is no "gunmen"
    return bool(words) and any(within[i : i + len(words)] == words for i in range(len(within)))


def _head(phrase: str) -> str:
    words = phrase.lower().split()
    return words[-1] if words else ""
