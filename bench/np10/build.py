"""Fetch the 10 real news pages that bench/np10/gold.json annotates and write them, as scraped, for
`kg run` and `kg eval RUN --gold bench/np10/gold.json --baseline`.

    python3 bench/np10/build.py OUT_DIR

The pages are the English article pages among newspaper4k's test data (CNN, Time, Wired, Fox13, a
Cleveland.com page, a page built of <div>s, an esports report): its source distribution, 0.9.6, is
fetched from PyPI with pip (nothing is installed). Each page is written as "GUM_np_<name>.html", the
gold's document key plus ".html": `kg eval` matches a document by its file's stem. The texts are not in
the repository, only the names annotated in them (from the texts `kg` read from these pages, by
annotators who saw neither the pipeline's output nor each other's work; brief in BRIEF.md).
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

RELEASE = "newspaper4k==0.9.6"
PAGES = {
    "GUM_np_articlewithdivs": "article_with_divs.html",
    "GUM_np_clevelandcom1": "cleveland.com1.html",
    "GUM_np_cnn001": "cnn_001.html",
    "GUM_np_cnn002": "cnn_002.html",
    "GUM_np_cnnarticle": "cnn_article.html",
    "GUM_np_cnntestnlp": "cnn_test_nlp.html",
    "GUM_np_fox13now001": "fox13now_001.html",
    "GUM_np_time001": "time_001.html",
    "GUM_np_videoarticle02": "video_article_02.html",
    "GUM_np_wired001": "wired_001.html",
}


def build(out: Path) -> int:
    """Write the annotated pages into ``out``; returns how many were written."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as download:
        command = [sys.executable, "-m", "pip", "download", RELEASE, "--no-deps", "--no-binary", ":all:"]
        subprocess.run([*command, "-d", download], check=True, capture_output=True)
        [archive] = Path(download).glob("newspaper4k-*.tar.gz")
        with tarfile.open(archive) as sources:
            members = {Path(m.name).name: m for m in sources.getmembers() if "/tests/data/html/" in m.name}
            for key, name in PAGES.items():
                page = sources.extractfile(members[name])
                if page is None:
                    raise SystemExit(f"{archive}: {name} is not a file")
                (out / f"{key}.html").write_bytes(page.read())
    return len(PAGES)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    print(f"wrote {build(Path(sys.argv[1]))} pages into {sys.argv[1]}")
