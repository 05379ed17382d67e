"""The options and arguments the ``kg`` commands share, each with its help text, defined once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from pipeline.config import MODEL_ENV


def flag(*names: str, **settings: Any) -> Any:
    """A ``typer.Option`` for an on/off flag. Its empty metavar keeps Typer (0.2x) from writing "<bool>"
    after the flag in the help, as if it took a value."""
    return typer.Option(*names, metavar="", **settings)


Inputs = Annotated[
    list[Path],
    typer.Argument(
        help="Files or folders (searched recursively): .txt pages, .jsonl/.ndjson, .json, .csv/.tsv, .html; also .gz, .bz2, .xz, and .zip or .tar archives of them.",
        show_default=False,
    ),
]
OutDir = Annotated[Path, typer.Option("--out", "-o", help="Folder to write the run's files into.")]
Force = Annotated[bool, flag("--force", help="Write into a non-empty folder that holds no earlier run.")]
Strict = Annotated[
    bool,
    flag(
        "--strict",
        help="Exit with code 1 if any input was skipped, any article failed or no article was kept.",
    ),
]
RawCsv = Annotated[
    bool,
    flag(
        "--raw-csv",
        help="Write CSV text exactly (no apostrophe before = + - @ that stops spreadsheet formulas).",
    ),
]
Quiet = Annotated[bool, flag("--quiet", "-q", help="No progress bars, only warnings and the summary.")]
TextField = Annotated[
    str | None, typer.Option("--text-field", help="JSONL field holding the article text (default: detected).")
]
TextColumn_ = Annotated[
    str | None, typer.Option("--text-column", help="CSV column holding the article text (default: detected).")
]
Workers = Annotated[int, typer.Option("--workers", "-w", help="Processes for spaCy (like n_process).", min=1)]
FollowLinks = Annotated[
    bool,
    flag(
        "--follow-links",
        help="Follow symbolic links in input folders even when they lead outside the inputs.",
    ),
]
MaxFileMb = Annotated[
    int, typer.Option("--max-file-mb", help="Skip (and report) input files larger than this many MB.", min=1)
]
Model = Annotated[
    str,
    typer.Option("--model", envvar=MODEL_ENV, help="spaCy model package to use (env KG_MODEL)."),
]
Since = Annotated[
    str | None,
    typer.Option(
        "--since",
        help="Keep only articles dated on or after DATE (2025-05-19, '19 May 2025'...); undated ones are left out.",
        show_default=False,
    ),
]
Until = Annotated[
    str | None,
    typer.Option(
        "--until",
        help="Keep only articles dated on or before DATE; undated ones are left out.",
        show_default=False,
    ),
]
Language = Annotated[
    str | None,
    typer.Option(
        "--language",
        help="Skip (and report) articles not written in this language (en, de...); default: the model's; 'any' keeps all.",
        show_default=False,
    ),
]
Period = Annotated[
    str | None,
    typer.Option(
        "--period",
        help="Period of timeline.csv and the page's date range: day, week or month (default: from the span).",
        show_default=False,
        case_sensitive=False,
    ),
]

RunDir = Annotated[
    Path, typer.Argument(help="Folder of an earlier run (kg run / kg ingest --out).", show_default=False)
]
Window = Annotated[
    str,
    typer.Option("--window", help="Co-mention window: sentence, paragraph or article.", case_sensitive=False),
]
MinWeight = Annotated[
    int,
    typer.Option(
        "--min-weight",
        help="Drop edges seen in fewer windows than this from the outputs; degree, PageRank, betweenness "
        "and communities in nodes.csv stay those of the full graph.",
    ),
]
Top = Annotated[
    int, typer.Option("--top", help="Nodes shown on the HTML page, 1 or more (the CSVs keep all).")
]
PageMaxNodes = Annotated[
    int,
    typer.Option(
        "--page-max-nodes",
        help="Nodes the HTML page holds for search and neighbourhoods (the most central; it says how "
        "many it leaves out).",
        min=1,
    ),
]
NoNumbers = Annotated[bool, flag("--no-numbers", help="Leave counts out of the graph.")]
Evidence = Annotated[
    int,
    typer.Option(
        "--evidence", help="Supporting sentences kept per link in evidence.csv (and on the page), 1 or more."
    ),
]
CacheDir = Annotated[
    Path | None,
    typer.Option(
        "--cache", help="Extraction cache folder (default: $KG_CACHE_DIR or ~/.cache/kg).", show_default=False
    ),
]
NoCache = Annotated[bool, flag("--no-cache", help="Neither read nor write the extraction cache.")]
Engine = Annotated[
    str, typer.Option("--engine", help="Where extraction runs: local processes or a Dask cluster.")
]
Scheduler = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Dask scheduler address (tcp://HOST:8786); default: a local cluster.",
        show_default=False,
    ),
]
Aliases = Annotated[
    Path | None,
    typer.Option(
        "--aliases", help="Curated aliases file (default: aliases.yml of the word lists).", show_default=False
    ),
]
Models = Annotated[
    Path | None,
    typer.Option(
        "--models",
        help="Folder whose aliases.yml / patterns.yml replace the package's word lists "
        "(default: ./models when it holds one).",
        show_default=False,
        exists=True,
        file_okay=False,
    ),
]
