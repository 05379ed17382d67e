"""Evaluate against a document-level gold: names per document, the format users bring (``kg eval --gold
gold.json``), and the raw model's figures on the same documents (``--baseline``).

The gold is JSON: ``{"docs": {DOC: [[key, type, [alias, ...]], ...]}, "other_names": {DOC: [name, ...]}}``.
A document is an article whose source file stem, article id or title is DOC. Per document, the names
predicted are the distinct spellings of person/group/place mentions (mentions.csv); a document the run
found to be a copy of another article has that article's (the graph holds the story once). A predicted
name is right when it equals a gold alias or is a shorter tail of it ("Trump" of "President Trump"; a
lone generic word never is), ignored when it is one of the document's ``other_names`` (events,
works...), wrong otherwise. A gold entity is found when one of its aliases is. Group and place count for one another
(an annotator types a country by its role), so the group and place figures read "a group or a place";
the person figures want the person type on both sides.

Alias sets: a gold entity found under two or more names is merged when they all sit on one node. People
kept: gold people found whose names include one typed person. Wrong merges: nodes holding exact names
of two different gold entities of one document.

>>> norm("the Kvothe's")
'kvothe'
>>> matches("harlow", "judge fenwick harlow"), matches("party", "labour party")
(True, False)
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from pipeline.errors import GoldFileError, InputError
from pipeline.records import ENTITY_TYPES

#: A lone word that names a kind of thing, never one entity: it does not match the tail of a gold name.
GENERIC = frozenset(
    [
        "party",
        "council",
        "university",
        "department",
        "hall",
        "state",
        "states",
        "association",
        "student",
        "committee",
        "group",
        "office",
        "ministry",
        "times",
        "news",
        "president",
        "army",
        "police",
        "court",
        "government",
        "house",
        "league",
        "union",
        "city",
        "county",
        "district",
        "school",
        "company",
        "bank",
    ]
)

#: document -> normalized name -> (type, node id); the run's or the raw model's predictions.
Predictions = dict[str, dict[str, tuple[str, str]]]


@dataclass
class PRF:
    correct: int = 0
    predicted: int = 0
    found: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocReport:
    """Figures of one run (or of the raw model) against a document-level gold."""

    documents: int
    overall: PRF
    types: dict[str, PRF]
    alias_sets: int = 0
    alias_sets_merged: int = 0
    people: int = 0
    people_kept: int = 0
    wrong_merges: int = 0
    nodes: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    unmerged: list[str] = field(default_factory=list)
    #: the gold's documents the run does not hold: left out of every figure
    absent: list[str] = field(default_factory=list)


def norm(name: str) -> str:
    """A name as the gold compares it: accents, case, a leading "the", a possessive and hyphens aside."""
    name = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    name = "".join(c for c in name if not unicodedata.combining(c)).strip()
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    name = re.sub(r"\s*'s$|'$", "", name)
    name = re.sub(r"[\s\-]+", " ", name)
    return name.lower().strip(" .,")


def matches(predicted: str, alias: str) -> bool:
    """``predicted`` names gold ``alias``: equal, or a shorter tail of it that is not one generic word."""
    if predicted == alias:
        return True
    if not alias.endswith(" " + predicted):
        return False
    return len(predicted.split()) >= 2 or (predicted not in GENERIC and len(alias.split()) <= 3)


def gold_text(path: Path) -> str:
    """The text of a gold file (YAML or JSON); :class:`GoldFileError` when there is none to read."""
    from pipeline.io.files import read_regular

    if path.is_dir():
        raise GoldFileError(path, "is a folder, not a file")
    if not path.exists():
        raise GoldFileError(path, "not found")
    try:  # never a FIFO or device: reading /dev/zero would not end
        return read_regular(path, max_bytes=GOLD_MAX_BYTES).decode("utf-8")
    except UnicodeDecodeError as error:
        raise GoldFileError(path, f"not UTF-8 text ({error})") from error
    except InputError as error:
        raise GoldFileError(path, error.reason) from error


#: The largest gold file read (a hand-made annotation is a few hundred KB).
GOLD_MAX_BYTES = 256 * 1024 * 1024


def load_gold(path: str | os.PathLike[str]) -> dict:
    """The document-level gold at ``path``, every entry of the shape :func:`score` reads;
    :class:`GoldFileError` names the first entry that is not."""
    path = Path(path)
    text = gold_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise GoldFileError(path, f"not a valid JSON gold annotation ({error})") from error
    if not isinstance(data, dict) or not isinstance(data.get("docs"), dict):
        raise GoldFileError(path, 'a document-level gold is a JSON object with "docs": {document: entities}')
    types = ", ".join(ENTITY_TYPES)
    for doc, entities in data["docs"].items():
        where = f"docs[{_show(doc)}]"
        if not isinstance(entities, list):
            raise GoldFileError(path, f"{where} is {_show(entities)}, not a list of [key, type, [aliases]]")
        for i, item in enumerate(entities):
            if not (isinstance(item, list) and len(item) == 3):
                raise GoldFileError(path, f"{where}[{i}] {_show(item)} is not [key, type, [aliases]]")
            key, kind, aliases = item
            if not _is_text(key):
                raise GoldFileError(path, f"{where}[{i}] has key {_show(key)}, not a non-empty string")
            if kind not in ENTITY_TYPES:
                raise GoldFileError(path, f"{where}[{i}] ({key}) has type {_show(kind)}; types are {types}")
            if not (isinstance(aliases, list) and aliases and all(_is_text(a) for a in aliases)):
                raise GoldFileError(
                    path,
                    f"{where}[{i}] ({key}) has aliases {_show(aliases)}, not a list of non-empty strings",
                )
    other_names = data.get("other_names")
    if other_names is not None and not isinstance(other_names, dict):
        raise GoldFileError(path, f"other_names is {_show(other_names)}, not {{document: [name, ...]}}")
    for doc, names in (other_names or {}).items():
        if not (isinstance(names, list) and all(_is_text(n) for n in names)):
            raise GoldFileError(
                path, f"other_names[{_show(doc)}] is {_show(names)}, not a list of non-empty strings"
            )
    if not data["docs"]:  # nothing to score: every recall would read 1.000
        raise GoldFileError(path, 'holds no annotations; "docs" is empty')
    return data


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _show(value: object, limit: int = 80) -> str:
    """``value`` as the error message quotes it: JSON, cut short."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def document_of(article_id: str, source: str, title: str, wanted: Iterable[str]) -> str | None:
    """The gold document an article is: its source file's stem, its id or its title."""
    names = set(wanted)
    stem = PurePath(re.sub(r":\d+$", "", source)).stem
    for candidate in (stem, article_id, title):
        if candidate in names:
            return candidate
    return None


def predictions(mentions: Iterable[tuple[str, str, str, str]]) -> Predictions:
    """(document, text, type, node id) of each mention -> the names each document has, first type wins."""
    found: Predictions = defaultdict(dict)
    for doc, text, kind, node in mentions:
        if kind in ENTITY_TYPES:
            found[doc].setdefault(norm(text), (kind, node))
    return found


def score(predicted: Mapping[str, Mapping[str, tuple[str, str]]], gold: dict) -> DocReport:
    """Figures of ``predicted`` names (per document) against ``gold`` (see the module's definitions)."""
    overall, types = PRF(), {kind: PRF() for kind in ENTITY_TYPES}
    report = DocReport(documents=len(gold["docs"]), overall=overall, types=types)
    other_names = gold.get("other_names") or {}
    for doc, entities in sorted(gold["docs"].items()):
        names = predicted.get(doc, {})
        others = {norm(x) for x in other_names.get(doc, [])}
        gold_names = [(norm(a), kind) for _, kind, aliases in entities for a in aliases]
        for name, (kind, _) in sorted(names.items()):
            hit_types = {k for a, k in gold_names if matches(name, a)}
            if not hit_types and name in others:
                continue
            overall.predicted += 1
            overall.correct += bool(hit_types)
            if not hit_types:
                report.wrong.append(f"{doc}: {name} ({kind})")
            if kind in types:
                types[kind].predicted += 1
                types[kind].correct += bool(_alike(kind) & hit_types)
        for _, kind, aliases in entities:
            wanted = [norm(a) for a in aliases]
            hits = [n for n in names if any(matches(n, a) for a in wanted)]
            overall.gold += 1
            overall.found += bool(hits)
            if kind in types:
                types[kind].gold += 1
                types[kind].found += any(names[n][0] in _alike(kind) for n in hits)
            if not hits:
                report.missed.append(f"{doc}: {aliases[0]} ({kind})")
                continue
            if kind == "person":
                report.people += 1
                report.people_kept += any(names[n][0] == "person" for n in hits)
            if len(hits) >= 2:
                report.alias_sets += 1
                nodes = {names[n][1] for n in hits}
                if len(nodes) == 1 and "" not in nodes:
                    report.alias_sets_merged += 1
                else:
                    report.unmerged.append(f"{doc}: {' / '.join(sorted(hits))}")
        owner: dict[str, set[str]] = defaultdict(set)
        for key, _, aliases in entities:
            for alias in aliases:
                owner[norm(alias)].add(key)
        by_node: dict[str, set[str]] = defaultdict(set)
        for name, (_, node) in names.items():
            if node and len(owner.get(name, ())) == 1:
                by_node[node] |= owner[name]
        report.nodes += len(by_node)
        report.wrong_merges += sum(1 for keys in by_node.values() if len(keys) > 1)
    return report


def _alike(kind: str) -> set[str]:
    return {"group", "place"} if kind in {"group", "place"} else {kind}


#: A function that tags a text with the raw model: (start, end, label) of each entity.
Tagger = Callable[[list[str]], Iterable[list[tuple[str, str]]]]

#: The raw model's labels as this project's types.
RAW_TYPES = {"PERSON": "person", "ORG": "group", "GPE": "place", "LOC": "place", "FAC": "place"}


def raw_predictions(texts: Mapping[str, str], tag: Tagger) -> Predictions:
    """The raw model's names per document: each entity it tags, typed by its label, on no node."""
    docs = sorted(texts)
    rows: list[tuple[str, str, str, str]] = []
    for doc, entities in zip(docs, tag([texts[d] for d in docs]), strict=True):
        rows.extend((doc, text, RAW_TYPES[label], "") for text, label in entities if label in RAW_TYPES)
    return predictions(rows)


def evaluate_documents(
    run_dir: str | os.PathLike[str], gold_path: str | os.PathLike[str], *, baseline: str | None = None
) -> tuple[DocReport, DocReport | None]:
    """The run's figures against the document-level gold, and with ``baseline`` (a spaCy model name) the
    raw model's figures on the same article bodies."""
    from pipeline.errors import MissingStageOutputError
    from pipeline.io.folder import present
    from pipeline.io.tables import read_articles, read_mentions

    run_dir = Path(run_dir)
    gold = load_gold(gold_path)
    if not present(run_dir, "mentions.csv"):
        raise MissingStageOutputError(run_dir / "mentions.csv", "eval", f"kg run INPUT... --out {run_dir}")
    present(run_dir, "articles.csv")
    # The documents each kept article answers for: its own, and those of its duplicates (the run holds
    # the story once, under the kept copy's names; the raw model reads every copy).
    docs_of: dict[str, list[str]] = defaultdict(list)
    bodies = {}
    for article in read_articles(run_dir / "articles.csv"):
        doc = document_of(article.article_id, article.source, article.title, gold["docs"])
        if doc is not None:
            docs_of[article.duplicate_of or article.article_id].append(doc)
            bodies[doc] = article.text
    absent = sorted(set(gold["docs"]) - set(bodies))
    if len(absent) == len(gold["docs"]):
        raise GoldFileError(
            Path(gold_path),
            f"none of its {len(absent)} documents is in {run_dir} (a document is an article whose file "
            "name without its extension, article id or title is the document's key)",
        )
    # A document the run does not hold is left out, not scored as all missed: a gold of a larger corpus
    # scores the part of it a run holds.
    gold = {**gold, "docs": {doc: gold["docs"][doc] for doc in sorted(bodies)}}
    rows = (
        (doc, m.text, m.type, m.node_id)
        for m in read_mentions(run_dir / "mentions.csv")
        for doc in docs_of.get(m.article_id, ())
    )
    report = score(predictions(rows), gold)
    report.absent = absent
    if baseline is None:
        return report, None
    raw = score(raw_predictions(bodies, _spacy_tagger(baseline)), gold)
    raw.absent = absent
    return report, raw


def _spacy_tagger(model: str) -> Tagger:
    def tag(texts: list[str]) -> Iterable[list[tuple[str, str]]]:
        import spacy

        from pipeline.errors import ModelNotFoundError

        try:
            nlp = spacy.load(model)
        except OSError as error:
            raise ModelNotFoundError(model) from error
        for doc in nlp.pipe(texts):
            yield [(ent.text, ent.label_) for ent in doc.ents]

    return tag


def run_model(run_dir: str | os.PathLike[str]) -> str:
    """The model a run was made with (its manifest.json), else the default model."""
    from pipeline.config import DEFAULTS
    from pipeline.io.folder import kg_manifest

    settings = (kg_manifest(Path(run_dir)) or {}).get("settings")
    model = settings.get("model") if isinstance(settings, dict) else None
    return str(model or DEFAULTS.model)
