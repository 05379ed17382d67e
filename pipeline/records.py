"""Typed, immutable records passed between stages.

Every stage takes records from this module and returns records from this module; spaCy ``Doc`` objects
never leave :mod:`pipeline.extract`. Tuples, not lists, so a record can be hashed and shared safely.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx


#: The metadata field (an articles.csv column) that says what was wrong with an input unit read anyway
#: ("row has 2 cells, header has 3: date left empty").
INGEST_NOTE = "ingest_note"
#: How the reason of an article skipped for its language begins (:mod:`pipeline.ingest.language`).
OTHER_LANGUAGE = "written in "
#: What stands between an article's body and its picture captions in :attr:`Article.text`: a body never
#: holds three line breaks in a row (ingest writes two between paragraphs), so where the captions begin
#: is known from the text alone.
CAPTIONS_BREAK = "\n\n\n"
#: The origins of mentions in the pictures' captions and the byline (see :class:`Mention`): such a name
#: counts only in the stories whose bodies name it.
PICTURE_ORIGINS = frozenset({"caption", "credit"})


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: a block of a scraped page, a JSONL line or a CSV row.

    ``article_id`` is derived from the normalized body text, so the same story gets the same id in every
    run; copies of an already-seen story get ``<id>-2``, ``<id>-3``... and ``duplicate_of`` names the kept one.
    """

    article_id: str
    source: str  # "path" or "path:line" of the block, line or row
    position: int  # 0-based index of the article within its source file
    title: str
    body: str  # paragraphs separated by a blank line; offsets in later stages index into ``text``
    caption: str = ""
    date: str = ""  # as the input wrote it
    iso_date: str = ""  # the day it names (YYYY-MM-DD), read once at ingest; "" when undated or unreadable
    url: str = ""
    metadata: tuple[tuple[str, str], ...] = ()  # other fields from JSONL/CSV, sorted by key
    encoding: str = "utf-8"
    duplicate_of: str = ""  # empty for kept articles
    duplicate_rule: str = ""  # "exact" or "near"
    similarity: float = 0.0  # estimated Jaccard similarity to the kept article (near duplicates)

    @property
    def kept(self) -> bool:
        return not self.duplicate_of

    @property
    def note(self) -> str:
        """What was wrong with the input unit, read all the same (:data:`INGEST_NOTE`); "" for none."""
        return dict(self.metadata).get(INGEST_NOTE, "")

    @property
    def text(self) -> str:
        """What extraction reads, and what the offsets of sentences and mentions index: the body, then
        (after :data:`CAPTIONS_BREAK`) the captions and credits of its pictures and its byline, one
        paragraph each. A caption names who is in the picture and who took it: names of the article, kept
        apart from the story's own sentences (:func:`pipeline.ingest.captions.captions_to_read`).

        >>> Article("9c10", "a.txt", 0, "", "Rain fell.", caption="Image: Orla Quist | Read more: Risky Bet").text
        'Rain fell.\\n\\n\\nImage: Orla Quist'
        """
        from pipeline.ingest.captions import captions_to_read

        pictures = captions_to_read(self.caption)
        return self.body + CAPTIONS_BREAK + "\n\n".join(pictures) if pictures else self.body

    @property
    def label(self) -> str:
        """How a reader finds the article: its title; untitled, the id its input gave it and where it
        is ("bg-260 (lee.jsonl:260)"), else where it is.

        >>> Article("9c10", "/data/lee.jsonl:260", 259, "", "Text.", metadata=(("id", "bg-260"),)).label
        'bg-260 (lee.jsonl:260)'
        >>> Article("9c10", "/data/notes.txt", 0, "", "Text.").label
        'notes.txt'
        """
        if self.title:
            return self.title
        where = self.source.replace("\\", "/").rpartition("/")[2]
        own_id = dict(self.metadata).get("id", "")
        return f"{own_id} ({where})" if own_id else where


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input, or one line of it, that could not be used, with the reason in plain words."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class DateNote:
    """An article's date that could not be read (the article is kept, undated), or an article left out
    of a period (``--since``/``--until``): its source, the date as written and why."""

    source: str
    date: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"source": self.source, "date": self.date, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Corpus:
    """What ingest (and de-duplication) produced from the inputs."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = ()
    files: tuple[str, ...] = ()  # files that were read
    ignored: tuple[str, ...] = ()  # files in input folders with an unsupported extension
    encodings: tuple[tuple[str, str], ...] = ()  # (file, encoding) for files that were not UTF-8
    runs: tuple[str, ...] = ()  # folders in the inputs holding an earlier kg run: outputs, left out
    delimiters: tuple[tuple[str, str], ...] = ()  # (file, delimiter name) for .csv files not comma-separated
    bad_dates: tuple[DateNote, ...] = ()  # articles kept undated because their date cannot be read
    left_out: tuple[DateNote, ...] = ()  # articles outside --since/--until (or undated with a bound)

    @property
    def kept(self) -> tuple[Article, ...]:
        return tuple(a for a in self.articles if a.kept)

    def counts(self) -> dict[str, int]:
        rules = [a.duplicate_rule for a in self.articles if not a.kept]
        return {
            "files": len(self.files),
            "articles": len(self.articles),
            "kept": len(self.articles) - len(rules),
            "duplicates": len(rules),
            "exact_duplicates": rules.count("exact"),
            "near_duplicates": rules.count("near"),
            "skipped": len(self.skipped),
            "other_language": sum(s.reason.startswith(OTHER_LANGUAGE) for s in self.skipped),
            "ignored_files": len(self.ignored),
            "run_folders_left_out": len(self.runs),
            "dated": sum(bool(a.iso_date) for a in self.articles),
            "undated": sum(not a.iso_date for a in self.articles),
            "unreadable_dates": len(self.bad_dates),
            "left_out_of_period": len(self.left_out),
            "read_with_notes": sum(bool(a.note) for a in self.articles),
        }


#: The entity types analysts asked for; with counts, the four node types. "other" marks mentions kept
#: for reference only.
ENTITY_TYPES = ("person", "group", "place")
#: What happened to what a count counts (GDELT-style), and "age" for a person's age.
COUNT_CATEGORIES = ("kill", "wound", "arrest", "kidnap", "seize", "escape", "surrender", "affect", "age")
NODE_TYPES = (*ENTITY_TYPES, "number")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article body: character offsets into ``Article.body`` and its paragraph."""

    article_id: str
    index: int
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a name or number in an article's text (its body, then its pictures' captions).

    ``origin`` says how it was found: ``model`` (spaCy tagged it), ``propagated`` (an exact repeat of a
    string the model tagged elsewhere in the article), ``acronym`` (defined in parentheses after its long
    form), ``possessor`` (split off "X's Y"), ``relabeled`` (a bare count spaCy called a DATE),
    ``corpus`` (a name the model tagged in other articles, :mod:`pipeline.extract.corpus`), ``citation``
    (a co-author in an academic citation, "(Quell, Varn, & Osk, 2011)"), ``nested`` (the place an
    organization is named after, "Quellby" in "University of Quellby", inside the organization's mention),
    ``table`` (a team or player in a line of a results table, "Quellby 2 Varn 1"), ``hometown`` (where
    a person lives, after the name and age: "Quist, 31, of Varnby"), ``dateline`` (a wire story's city,
    region or agency at the top of its body: "VARNBY, Quellia (Reuters) -"), ``publisher`` (the outlet
    whose address the article has, named in its body: "told Quellwire", :mod:`pipeline.extract.publisher`),
    ``road`` (a road named by its number: "I-95", "the M62", :mod:`pipeline.extract.roads`),
    ``caption`` (a name in a picture's caption, after the body in :attr:`Article.text`), ``credit`` (who
    took or supplied the picture, or wrote the story: "Photo: Orla Quist/Reuters", "Reporting by Orla Quist",
    :mod:`pipeline.extract.pictures`).
    """

    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    label: str  # spaCy label
    type: str  # person | group | place | number | other
    origin: str = "model"
    node_id: str = ""  # filled by resolution
    #: The type extraction gave, when resolution decided another for the mention's entity ("" when the same).
    extracted_type: str = ""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A counted number: "at least 10 civilians were killed" -> 10, object civilians, category kill."""

    article_id: str
    sentence: int
    start: int
    end: int
    text: str  # as written, qualifier included
    value: float
    unit: str = ""  # USD, GBP, %, t, km...
    object: str = ""  # what is counted
    qualifier: str = ""  # about | at least | more than | at most | less than | nearly
    category: str = ""  # kill, wound, arrest, kidnap, seize, escape, surrender, affect, age
    label: str = "CARDINAL"
    actor: str = (
        ""  # who did it, as its sentence writes it: "Varn police" of "Varn police arrested three men"
    )
    #: character ranges of its sentence that tell of other counts ("three in Varnby" of "five died in
    #: Quellby, three in Varnby"): the names there are not linked to this count
    apart: tuple[tuple[int, int], ...] = ()

    def sets_apart(self, start: int, end: int) -> bool:
        """Does the text at ``start``..``end`` (a name) lie in one of the count's :attr:`apart` ranges?

        >>> Quantity("a", 0, 0, 4, "five", 5.0, apart=((10, 30),)).sets_apart(12, 19)
        True
        """
        return within(self.apart, start, end)


def within(ranges: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """Does ``start``..``end`` lie inside one of ``ranges``?"""
    return any(low <= start and end <= high for low, high in ranges)


@dataclass(frozen=True, slots=True)
class Failure:
    """An article whose processing raised in one step. It stays in articles.csv, the run goes on without
    its results for that stage, and manifest.json lists it under ``failed``."""

    article_id: str
    source: str  # as in articles.csv: "path" or "path:line"
    stage: str  # extract | resolve | graph
    step: str  # the part of the stage that raised: entities, numbers, abbreviations, propagation, worker...
    error_type: str  # the exception's class name, e.g. ValueError
    message: str
    where: str = ""  # innermost frame of the traceback, "numbers.py:197 in _numeral"

    def as_dict(self) -> dict[str, object]:
        return {
            "article_id": self.article_id,
            "source": self.source,
            "stage": self.stage,
            "step": self.step,
            "error": {"type": self.error_type, "message": self.message, "where": self.where},
        }


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extraction found in one article; nothing, and the ``failure``, if it failed."""

    article_id: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    quantities: tuple[Quantity, ...]
    #: (short form, long form) pairs defined in the text, e.g. ("SDF", "Syrian Democratic Forces")
    abbreviations: tuple[tuple[str, str], ...] = ()
    failure: Failure | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical person, group or place: one graph node for every spelling that names it."""

    node_id: str  # stable slug such as person:keir-starmer
    label: str  # the fullest proper form
    type: str
    aliases: tuple[str, ...]  # every surface form seen, sorted
    mentions: int
    article_ids: tuple[str, ...]

    @property
    def articles(self) -> int:
        return len(self.article_ids)


@dataclass(frozen=True, slots=True)
class Merge:
    """Why a surface form joined its entity: the audit trail analysts review (merges.csv)."""

    alias: str
    node_id: str
    rule: str  # label, spelling, curated, acronym, initials, short name, fuzzy
    score: float


@dataclass(frozen=True, slots=True)
class Resolution:
    """Entities, the merge audit trail, and every mention with the node it resolved to."""

    entities: tuple[Entity, ...]
    merges: tuple[Merge, ...]
    mentions: tuple[Mention, ...]
    #: Articles whose mentions could not be resolved (their mentions keep an empty node id).
    failures: tuple[Failure, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """A window supporting an edge: its article, the index of its (first) sentence and the text."""

    article_id: str
    sentence: int
    text: str


@dataclass(frozen=True, slots=True)
class NumberNode:
    """A count that is a node of the graph: one node per value, unit and counted thing, so "3,000
    fighters" in two sentences is one node."""

    quantity: Quantity
    node_id: str


@dataclass(frozen=True, slots=True, eq=False)
class CoMentionGraph:
    """What the graph stage found: the co-mention graph with its analytics (node and edge attributes are
    data, never display strings), the counts that are its number nodes, every mention with its node id
    (the resolution's, and number mentions that of their count's node), and the articles that failed."""

    graph: nx.Graph
    numbers: tuple[NumberNode, ...] = ()
    mentions: tuple[Mention, ...] = ()
    failures: tuple[Failure, ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    """What ``kg diff`` found for one node (``source`` its id, ``target`` empty) or link (``source`` <
    ``target``) of two runs: it appeared, disappeared or changed size (mentions of a node, weight of a
    link; 0 in the run without it); or a node of the earlier run (``source``) was merged into, split
    over or retyped as a node of the later run (``target``; ``before`` and ``after`` their mentions)."""

    kind: str  # node | link
    change: str  # appeared | disappeared | changed | merged | split | retyped (nodes only)
    source: str
    target: str
    label: str  # the node's label; for a link "A — B"
    type: str  # the node's type; for a link the two types, "person–place"
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before
