"""Fetch the 7 real news pages that bench/ex7/gold.json annotates and write them, as scraped, for
`kg run` and `kg eval RUN --gold bench/ex7/gold.json --baseline`.

    python3 bench/ex7/build.py OUT_DIR

The pages are US news of 2023 (a Chicago assault's aftermath, North Carolina's moth treatments, a games
column on the FTC's case against Microsoft, Montana's House censuring a lawmaker, a Connecticut
riverfront trail, a games review, a Colorado weather report): the article bodies in the evaluation
folder of @extractus/article-extractor 7.3.1 on npm (MIT), fetched with `npm pack` (nothing is
installed). A decade later than bench/uf12 and bench/tech12, and local news. Each page is written as
"GUM_ex_<name>.html", the gold's document key plus ".html". The texts are not in the repository, only
the names annotated in them: two annotators wrote them from the texts `kg` read from these pages (stop
45), without the pipeline's output or each other's work (the brief of bench/uf12/BRIEF.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))
from npm_pages import main  # noqa: E402

EXTRACTUS = ("@extractus/article-extractor@7.3.1", {
    "chicago": "evaluation/-she-saved-us-couple-meets-good-samaritan-who-intervened-during-brutal-assault-"
    "downtown-chicago.html",
    "moth": "evaluation/avery-among-five-counties-scheduled-for-spongy-gypsy-moth-infestations-treatment-"
    "newsbreak.html",
    "ftc": "evaluation/ftc-vs-microsoft-is-the-stuff-of-legends-kaser-focus.html",
    "montana": "evaluation/montana-house-votes-to-censure-transgender-lawmaker.html",
    "windsor": "evaluation/piece-in-place-to-connect-7-mile-riverfront-trail-between-downtown-hartford-windsor-"
    "newsbreak.html",
    "pokemon": "evaluation/pokemon-sleep-is-just-the-start-of-my-fully-gamified-life.html",
    "storms": "evaluation/strong-storms-possible-along-with-cold-front-thursday-afternoon.html",
})  # fmt: skip

if __name__ == "__main__":
    main(__doc__, packages=(EXTRACTUS,), prefix="GUM_ex_")
