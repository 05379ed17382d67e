"""Run the stages in process: the one code path behind ``kg run`` and the notebooks.

>>> result = build(["seeds"])          # doctest: +SKIP
>>> result.save("graphs/seeds")        # doctest: +SKIP
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import tables
from pipeline.config import Settings
from pipeline.dedup import deduplicate
from pipeline.errors import OutputDirError
from pipeline.ingest import ingest
from pipeline.records import Corpus

#: progress(stage, done, total): how stages report advancement to a user interface, if there is one.
ProgressFn = Callable[[str, int, int], None]


@dataclass
class Result:
    """Everything one run computed, plus what the manifest records about it."""

    inputs: tuple[str, ...]
    settings: Settings
    corpus: Corpus
    timings: dict[str, float] = field(default_factory=dict)

    def manifest(self) -> dict[str, object]:
        return {
            "inputs": list(self.inputs),
            "settings": self.settings.as_dict(),
            "counts": {"ingest": self.corpus.counts()},
            "skipped": [{"source": s.source, "reason": s.reason} for s in self.corpus.skipped],
            "ignored": list(self.corpus.ignored),
            "encodings": dict(self.corpus.encodings),
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
        }

    def save(self, out: str | os.PathLike[str], *, force: bool = False) -> Path:
        """Write the run's files into ``out`` (see the output contract in the README)."""
        out = prepare_out(Path(out), force=force)
        tables.write_articles(out / "articles.csv", self.corpus.articles)
        tables.write_manifest(out / tables.MANIFEST, self.manifest())
        return out


def build(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    settings: Settings | None = None,
    progress: ProgressFn | None = None,
) -> Result:
    """Ingest and de-duplicate ``inputs`` (files or folders) and return the result in memory."""
    settings = settings or Settings()
    timings: dict[str, float] = {}
    started = time.perf_counter()
    corpus = ingest(
        inputs,
        text_field=settings.text_field,
        text_column=settings.text_column,
        progress=(lambda done, total: progress("ingest", done, total)) if progress else None,
    )
    timings["ingest"] = time.perf_counter() - started
    started = time.perf_counter()
    corpus = Corpus(
        articles=deduplicate(corpus.articles, threshold=settings.near_duplicate_threshold),
        skipped=corpus.skipped,
        files=corpus.files,
        ignored=corpus.ignored,
        encodings=corpus.encodings,
    )
    timings["dedup"] = time.perf_counter() - started
    return Result(inputs=tuple(str(p) for p in inputs), settings=settings, corpus=corpus, timings=timings)


def prepare_out(out: Path, *, force: bool) -> Path:
    """Create ``out``, refusing a non-empty folder that is not an earlier run's output (unless forced)."""
    if out.exists() and not out.is_dir():
        raise OutputDirError(f"--out {out} is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not force and not _is_run_output(out):
        raise OutputDirError(
            f"--out {out} is not empty and holds no earlier kg run (no {tables.MANIFEST}); "
            "choose an empty folder or pass --force to write into it anyway"
        )
    out.mkdir(parents=True, exist_ok=True)
    return out


def _is_run_output(folder: Path) -> bool:
    try:
        return tables.read_manifest(folder / tables.MANIFEST).get("tool") == tables.TOOL_NAME
    except (OSError, ValueError, AttributeError):
        return False
