"""Score a run's merges against merges judged by hand (README.md in this folder).

    python3 bench/merges/score.py SAMPLE.tsv RUN

Each row of SAMPLE is a merge an earlier run made (an alias joined a node with another spelling, its
label), judged from the texts: ``same`` (one real entity), ``different`` (two merged), ``not_a_name``
or ``unclear``. The row names where the alias and the label are written (article_id:start, article ids
being content hashes, the same in every run of the same texts). The script looks those mentions up in
RUN's mentions.csv and says whether the run still puts the alias on a node with the label ("kept"),
no longer does ("split"), or no longer has the mentions ("gone"), and the precision of the merges kept:
same / (same + different). Standard library only.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path


def _nodes(run: Path) -> dict[str, str]:
    with open(run / "mentions.csv", newline="", encoding="utf-8") as handle:
        return {f"{row['article_id']}:{row['start']}": row["node_id"] for row in csv.DictReader(handle)}


def score(sample: Path, run: Path) -> Counter[tuple[str, str]]:
    """(verdict, outcome) -> rows, outcome one of kept, split, gone."""
    nodes = _nodes(run)
    tally: Counter[tuple[str, str]] = Counter()
    with open(sample, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            alias = {nodes[p] for p in row["alias_at"].split(";") if nodes.get(p)}
            label = {nodes[p] for p in row["label_at"].split(";") if nodes.get(p)}
            outcome = "gone" if not alias or not label else "kept" if alias & label else "split"
            tally[(row["verdict"], outcome)] += 1
    return tally


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    tally = score(Path(sys.argv[1]), Path(sys.argv[2]))
    verdicts = sorted({verdict for verdict, _ in tally})
    print(f"{'verdict':<12}{'kept':>6}{'split':>7}{'gone':>6}")
    for verdict in verdicts:
        print(
            f"{verdict:<12}"
            + "".join(f"{tally[(verdict, o)]:>{w}}" for o, w in (("kept", 6), ("split", 7), ("gone", 6)))
        )
    same, different = tally[("same", "kept")], tally[("different", "kept")]
    if same + different:
        print(f"precision of the merges kept: {same}/{same + different} = {same / (same + different):.3f}")


if __name__ == "__main__":
    main()
