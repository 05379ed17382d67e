"""Score a run's count links against the links judged by hand in ``links.tsv``.

    python3 bench/countlinks/score.py LEE_RUN [NP10_RUN]

Each row of ``links.tsv`` is a link an earlier run made between a count and a name of its sentence,
judged from the sentence alone (README.md): ``part`` (where, who did it, to whom, whose), ``source``
(only reports it), ``other`` (another part of the sentence) or ``unclear``. For each, the script looks
up the count (article, sentence, start, else its text) and the name (its label among the sentence's
mentions) in RUN and says whether the run still links them. Rows whose count or name the run no longer
has are counted apart. Standard library only.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).parent


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _links(run: Path) -> tuple[dict, dict, set]:
    counts: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in _read(run / "numbers.csv"):
        if row["node_id"]:
            counts[(row["article_id"], row["sentence"])].append(row)
    labels = {row["id"]: row["label"] for row in _read(run / "nodes.csv")}
    names: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for row in _read(run / "mentions.csv"):
        if row["node_id"] in labels:
            names[(row["article_id"], row["sentence"])][labels[row["node_id"]]] = row["node_id"]
    edges = set()
    for row in _read(run / "edges.csv"):
        edges |= {(row["source"], row["target"]), (row["target"], row["source"])}
    return counts, names, edges


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    runs = {"lee": Path(argv[1])}
    if len(argv) > 2:
        runs["np10"] = Path(argv[2])
    tables = {corpus: _links(run) for corpus, run in runs.items()}
    found: Counter[tuple[str, str, str]] = Counter()
    with open(HERE / "links.tsv", newline="", encoding="utf-8") as handle:
        judged = list(csv.DictReader(handle, delimiter="\t"))
    for row in judged:
        if row["corpus"] not in tables:
            continue
        counts, names, edges = tables[row["corpus"]]
        key = (row["article_id"], row["sentence"])
        # the judged count by where it starts, or ends (a qualifier read since may start it earlier:
        # "up to 1,500" of a judged "1,500"), else by its text
        end = str(int(row["count_start"]) + len(row["count_text"]))
        count = (
            [c for c in counts[key] if c["start"] == row["count_start"]]
            or [c for c in counts[key] if c["end"] == end and c["text"].endswith(row["count_text"])]
            or [c for c in counts[key] if c["text"] == row["count_text"]]
        )
        name = names[key].get(row["entity"])
        if not count or name is None:
            found[(row["sample"], row["label"], "gone")] += 1
            continue
        linked = any((c["node_id"], name) in edges for c in count)
        found[(row["sample"], row["label"], "linked" if linked else "not linked")] += 1
    for sample in sorted({s for s, _, _ in found}):
        print(f"sample {sample}:")
        for label in ("part", "source", "other", "unclear"):
            parts = {state: found[(sample, label, state)] for state in ("linked", "not linked", "gone")}
            if sum(parts.values()):
                print(f"  {label:8} " + ", ".join(f"{n} {state}" for state, n in parts.items()))
        part, other = found[(sample, "part", "linked")], found[(sample, "other", "linked")]
        print(f"  links kept that are part / part or other: {part}/{part + other}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
