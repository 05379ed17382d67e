"""Write the 350 Lee news articles that bench/lee40/gold.json and gold_b.json to gold_i.json annotate (eight
random samples of 40 and the last 30 articles, none in two), one .txt file each, for `kg run` and the document-level scorer (`kg
eval RUN --gold bench/lee40/gold.json --baseline`, then the same with each other gold: a gold scores its
own documents).

    python3 bench/lee40/build.py [LEE_JSONL] OUT_DIR

LEE_JSONL is the Lee corpus as the README describes it (one {"id", "text"} line per article, ids
"bg-NNN" and "lee-NNN"; default ../corpora/lee/lee.jsonl). The texts are not in the repository: only
the names annotated in them. Each file is named after its gold key ("GUM_lee_bg007.txt": the scorer
maps files to documents by that pattern) and holds the line "untitled", a blank line and the article,
so that ingest reads no title into it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

GOLDS = sorted(Path(__file__).parent.glob("gold*.json"))


def build(lee_jsonl: Path, out: Path) -> int:
    """Write the annotated articles of ``lee_jsonl`` into ``out``; returns how many were written."""
    wanted = {
        _lee_id(key): key for gold in GOLDS for key in json.loads(gold.read_text(encoding="utf-8"))["docs"]
    }
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    with lee_jsonl.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            key = wanted.pop(record.get("id"), None)
            if key is not None:
                (out / f"{key}.txt").write_text(f"untitled\n\n{record['text']}\n", encoding="utf-8")
                written += 1
    if wanted:
        raise SystemExit(f"{lee_jsonl}: no article with id {', '.join(sorted(wanted))}")
    return written


def _lee_id(key: str) -> str:
    """ "GUM_lee_bg007" -> "bg-007"."""
    match = re.fullmatch(r"GUM_lee_([a-z]+)(\d+)", key)
    if match is None:
        raise ValueError(f"not a Lee gold key: {key!r}")
    return f"{match[1]}-{match[2]}"


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if len(arguments) not in (1, 2):
        raise SystemExit(__doc__)
    source = Path(arguments[0]) if len(arguments) == 2 else Path("../corpora/lee/lee.jsonl")
    print(f"wrote {build(source, Path(arguments[-1]))} articles into {arguments[-1]}")
