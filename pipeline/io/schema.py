"""Every CSV file of a run: its columns, in order, and the type of each, defined once.

The writers (:mod:`pipeline.io.tables`) write these columns, the readers cast with these types, and the
notebook's DataFrames (:mod:`pipeline.notebook`) take their dtypes from them. A column not listed in
``types`` is text. An empty cell of a number column reads as "no value": the key is left out of a row
read back (:func:`typed`), and a DataFrame column with empty cells becomes float with NaN, as
``pd.read_csv`` makes it.

>>> NODES.columns[:6]
('id', 'label', 'type', 'aliases', 'mentions', 'articles')
>>> typed({"id": "place:x", "mentions": "3", "pagerank": ""}, NODES)
{'id': 'place:x', 'mentions': 3}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

#: Separator of the list cells: aliases, article ids.
LIST_SEPARATOR = "|"


@dataclass(frozen=True)
class Table:
    """One CSV file: its name, its columns in order, which of them hold integers or floats, and which
    floats are written in full (a count's value: "1234567.89", where a score's six digits are enough)."""

    name: str
    columns: tuple[str, ...]
    types: Mapping[str, type] = field(default_factory=dict)
    exact: frozenset[str] = frozenset()

    def type_of(self, column: str) -> type:
        """int, float or str (every column not typed otherwise, metadata columns of articles.csv too)."""
        return self.types.get(column, str)

    def select(self, columns: Sequence[str]) -> Table:
        """The same file with only ``columns`` (kept in this table's order): what an earlier stage writes."""
        wanted = set(columns)
        return Table(self.name, tuple(c for c in self.columns if c in wanted), self.types, self.exact)


def _table(name: str, columns: Sequence[tuple[str, type]], exact: Sequence[str] = ()) -> Table:
    return Table(
        name, tuple(c for c, _ in columns), {c: t for c, t in columns if t is not str}, frozenset(exact)
    )


ARTICLES = _table(
    "articles.csv",
    [
        ("article_id", str),
        ("source", str),
        ("title", str),
        ("duplicate_of", str),
        ("duplicate_rule", str),
        ("similarity", float),
        ("position", int),
        ("date", str),
        ("iso_date", str),
        ("url", str),
        ("words", int),
        ("encoding", str),
        ("caption", str),
    ],
)
#: articles.csv: the input's other metadata fields come after ARTICLES.columns, as text, and the body last
#: so the short columns stay readable in a spreadsheet.
BODY_COLUMN = "body"

SENTENCES = _table(
    "sentences.csv",
    [("article_id", str), ("sentence", int), ("start", int), ("end", int), ("paragraph", int), ("text", str)],
)
MENTIONS = _table(
    "mentions.csv",
    [
        ("article_id", str),
        ("node_id", str),
        ("text", str),
        ("start", int),
        ("end", int),
        ("label", str),
        ("type", str),
        ("sentence", int),
        ("origin", str),
        ("extracted_type", str),
    ],
)
NUMBERS = _table(
    "numbers.csv",
    [
        ("article_id", str),
        ("value", float),
        ("unit", str),
        ("object", str),
        ("text", str),
        ("sentence", int),
        ("entities", str),
        ("category", str),
        ("qualifier", str),
        ("start", int),
        ("end", int),
        ("label", str),
        ("node_id", str),
        ("apart", str),
        ("actor", str),
    ],
    exact=("value",),
)
ABBREVIATIONS = _table("abbreviations.csv", [("article_id", str), ("short", str), ("long", str)])
MERGES = _table("merges.csv", [("alias", str), ("node_id", str), ("rule", str), ("score", float)])
NODES = _table(
    "nodes.csv",
    [
        ("id", str),
        ("label", str),
        ("type", str),
        ("aliases", str),
        ("mentions", int),
        ("articles", int),
        ("degree", int),
        ("weighted_degree", int),
        ("pagerank", float),
        ("betweenness", float),
        ("community", int),
        ("component", int),
        ("first_date", str),
        ("last_date", str),
        ("value", float),
        ("unit", str),
        ("object", str),
        ("category", str),
        ("article_ids", str),
        ("lat", float),
        ("lon", float),
        ("actor", str),
    ],
    exact=("value",),
)
#: nodes.csv as the resolve stage writes it, before the graph stage adds its analytics.
ENTITY_NODES = NODES.select(("id", "label", "type", "aliases", "mentions", "articles", "article_ids"))
EDGES = _table(
    "edges.csv",
    [
        ("source", str),
        ("target", str),
        ("weight", int),
        ("articles", int),
        ("evidence", str),
        ("npmi", float),
        ("evidence_article", str),
        ("evidence_count", int),
        ("first_date", str),
        ("last_date", str),
        ("article_ids", str),
    ],
)
EVIDENCE = _table(
    "evidence.csv",
    [("source", str), ("target", str), ("article_id", str), ("sentence", int), ("text", str)],
)

#: timeline.csv: per node (``node``) and per link (``source``, ``target``) and per period in which dated
#: articles mention it: the period (day, week or month), its first and last day, the node's mentions or
#: the link's weight (windows mentioning both), and the articles they are in. Periods without any are
#: left out.
TIMELINE = _table(
    "timeline.csv",
    [
        ("node", str),
        ("source", str),
        ("target", str),
        ("period", str),
        ("start", str),
        ("end", str),
        ("mentions", int),
        ("weight", int),
        ("articles", int),
    ],
)

#: The CSV file ``kg diff`` writes (not a file of a run): every node and link that appeared, disappeared
#: or changed size between two runs, and every node merged, split or retyped
#: (:class:`pipeline.records.Change`).
DIFF = _table(
    "diff.csv",
    [
        ("kind", str),
        ("change", str),
        ("source", str),
        ("target", str),
        ("label", str),
        ("type", str),
        ("before", int),
        ("after", int),
        ("delta", int),
    ],
)


def typed(row: Mapping[str, str], table: Table) -> dict[str, object]:
    """A row read from ``table``'s file with its numbers cast; an empty number cell is left out."""
    result: dict[str, object] = {}
    for key, value in row.items():
        kind = table.types.get(key)
        if kind is None:
            result[key] = value
        elif value != "":
            result[key] = kind(value)
    return result


def split_list(value: str) -> list[str]:
    """The items of a list cell ("a|b" -> ["a", "b"]); an empty cell holds none."""
    return [part for part in value.split(LIST_SEPARATOR) if part] if value else []
