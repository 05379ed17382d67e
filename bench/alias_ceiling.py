"""How many of a GUM gold's alias sets a run could put on one node at most, as the scorer matches names.

    python3 bench/alias_ceiling.py RUN GOLD_DIR [SCORER]

SCORER is ../shared/eval/gum_score.py by default: its ``norm`` and ``matches`` decide which of the run's
names (mentions.csv) belong to a gold entity, a short name counting for every longer gold name it ends
("Bernoulli" for Jacob and for Johann Bernoulli). Two alias sets that share a name can both sit on one
node only if one node holds two gold entities, so the figure printed is the largest number of a
document's sets that share no name, summed over the documents: the most any merging could reach with
the run's names. Standard library only.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent


def _scorer(path: Path, gold_dir: Path) -> tuple:
    """The scorer's ``norm`` and ``matches``: its code up to where it reads a run."""
    namespace: dict = {}
    source = path.read_text(encoding="utf-8").split("doc_of = {}")[0]
    given = f"run, gold_dir = '', {str(gold_dir)!r}"
    exec(source.replace("run, gold_dir = sys.argv[1], sys.argv[2]", given), namespace)
    return namespace["norm"], namespace["matches"]


def _most_apart(sets: list[frozenset[str]]) -> int:
    """The largest number of ``sets`` no two of which share a name (exact for up to 18 sets that share
    names with each other, else greedy by size)."""
    if len(sets) <= 18:
        for size in range(len(sets), 0, -1):
            for chosen in itertools.combinations(sets, size):
                if all(not (a & b) for a, b in itertools.combinations(chosen, 2)):
                    return size
        return 0
    used: set[str] = set()
    count = 0
    for names in sorted(sets, key=len):
        if not names & used:
            used |= names
            count += 1
    return count


def _sharing(sets: list[frozenset[str]]) -> list[list[frozenset[str]]]:
    """``sets`` in groups: two sets that share a name are in one group, with every set either shares with."""
    parent = list(range(len(sets)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in itertools.combinations(range(len(sets)), 2):
        if sets[i] & sets[j]:
            parent[find(i)] = find(j)
    groups: dict[int, list[frozenset[str]]] = defaultdict(list)
    for i, names in enumerate(sets):
        groups[find(i)].append(names)
    return list(groups.values())


def main() -> None:
    run, gold_dir = Path(sys.argv[1]), Path(sys.argv[2])
    scorer = Path(sys.argv[3]) if len(sys.argv) > 3 else HERE.parent.parent / "shared/eval/gum_score.py"
    norm, matches = _scorer(scorer, gold_dir)
    gold = json.loads((gold_dir / "gold.json").read_text(encoding="utf-8"))
    articles: dict[str, str] = {}  # article id -> GUM document
    with open(run / "articles.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            match = re.search(r"(GUM_[a-z]+_\w+?)\.txt", row.get("source", ""))
            if match:
                articles[row["article_id"]] = match.group(1)
    names: dict[str, set[str]] = defaultdict(set)
    with open(run / "mentions.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            text = row["text"][1:] if row["text"][:1] == "'" and row["text"][1:2] in "=+-@" else row["text"]
            if row["article_id"] in articles and row["type"] in ("person", "group", "place"):
                names[articles[row["article_id"]]].add(norm(text))
    documents = set(articles.values())
    total = best = 0
    for document, entities in gold["docs"].items():
        if document not in documents:
            continue
        sets = [
            frozenset(n for n in names[document] if any(matches(n, norm(a)) for a in aliases))
            for _, _, aliases in entities
        ]
        sets = [s for s in sets if len(s) >= 2]
        total += len(sets)
        best += sum(_most_apart(group) for group in _sharing(sets))
    print(f"alias sets: {total}; at most {best} ({best / max(total, 1):.1%}) can sit on one node each")


if __name__ == "__main__":
    main()
