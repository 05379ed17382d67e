"""Write the Lee corpus as the JSONL the README, `make bench` and build.py read: 350 ABC news articles
(2001-2002) of Lee, Pincombe and Welsh (2005), as gensim ships them in its test data.

    python3 bench/lee40/fetch.py [OUT_JSONL]

OUT_JSONL defaults to ../corpora/lee/lee.jsonl (beside the checkout, never committed). gensim's wheel,
4.4.0, is fetched from PyPI with pip (nothing is installed). Its two files hold one article per line:
`lee_background.cor` (300 articles, ids "bg-001" to "bg-300") and `lee.cor` (50, "lee-001" to "lee-050");
each becomes one {"id", "text"} line, in that order, so that line N of the JSONL is the article of id
bg-N for the first 300. One line of lee.cor is written in cp1252 ("£"), the rest in UTF-8: each line is
read as UTF-8 first.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

RELEASE = "gensim==4.4.0"
FILES = (("bg", "gensim/test/test_data/lee_background.cor"), ("lee", "gensim/test/test_data/lee.cor"))
DEFAULT = Path(__file__).resolve().parents[2].parent / "corpora" / "lee" / "lee.jsonl"


def fetch(out: Path) -> int:
    """Write the corpus into ``out``; returns how many articles were written."""
    with tempfile.TemporaryDirectory() as download:
        command = [sys.executable, "-m", "pip", "download", RELEASE, "--no-deps", "--only-binary", ":all:"]
        subprocess.run([*command, "-d", download], check=True, capture_output=True)
        [wheel] = Path(download).glob("gensim-*.whl")
        with zipfile.ZipFile(wheel) as files:
            records = [
                {"id": f"{prefix}-{number:03d}", "text": _text(line)}
                for prefix, name in FILES
                for number, line in enumerate((x for x in files.read(name).split(b"\n") if x.strip()), 1)
            ]
    out.parent.mkdir(parents=True, exist_ok=True)
    staged = out.with_name(out.name + ".part")
    staged.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    staged.replace(out)
    return len(records)


def _text(line: bytes) -> str:
    """One article's line as text: UTF-8, or cp1252 where it is not."""
    try:
        return line.decode("utf-8").strip()
    except UnicodeDecodeError:
        return line.decode("cp1252").strip()


if __name__ == "__main__":
    if len(sys.argv) > 2:
        raise SystemExit(__doc__)
    target = Path(sys.argv[1]) if len(sys.argv) == 2 else DEFAULT
    print(f"wrote {fetch(target)} articles into {target}")
