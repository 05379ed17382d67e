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
from pipeline.extract import extract, model_version
from pipeline.ingest import ingest
from pipeline.records import Corpus, Extraction

#: progress(stage, done, total): how stages report advancement to a user interface, if there is one.
ProgressFn = Callable[[str, int, int], None]


@dataclass
class Result:
    """Everything one run computed, plus what the manifest records about it."""

    inputs: tuple[str, ...]
    settings: Settings
    corpus: Corpus
    extractions: tuple[Extraction, ...] = ()
    model: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    def counts(self) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {"ingest": self.corpus.counts()}
        if self.extractions:
            mentions = [m for e in self.extractions for m in e.mentions]
            counts["extract"] = {
                "articles": len(self.extractions),
                "sentences": sum(len(e.sentences) for e in self.extractions),
                "words": sum(len(a.body.split()) for a in self.corpus.kept),
                "mentions": len(mentions),
                **{
                    f"mentions_{kind}": sum(m.type == kind for m in mentions)
                    for kind in ("person", "group", "place", "number", "other")
                },
                "numbers": sum(len(e.quantities) for e in self.extractions),
                "abbreviations": sum(len(e.abbreviations) for e in self.extractions),
            }
        return counts

    def manifest(self) -> dict[str, object]:
        return {
            "inputs": list(self.inputs),
            "settings": self.settings.as_dict(),
            "model": self.model,
            "counts": self.counts(),
            "skipped": [{"source": s.source, "reason": s.reason} for s in self.corpus.skipped],
            "ignored": list(self.corpus.ignored),
            "encodings": dict(self.corpus.encodings),
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
        }

    def save(self, out: str | os.PathLike[str], *, force: bool = False) -> Path:
        """Write the run's files into ``out`` (see the output contract in the README)."""
        out = prepare_out(Path(out), force=force)
        tables.write_articles(out / "articles.csv", self.corpus.articles)
        if self.extractions:
            self._save_extractions(out)
        tables.write_manifest(out / tables.MANIFEST, self.manifest())
        return out

    def _save_extractions(self, out: Path) -> None:
        bodies = {a.article_id: a.body for a in self.corpus.kept}
        mentions = [m for e in self.extractions for m in e.mentions]
        in_sentence: dict[tuple[str, int], list[str]] = {}
        for m in mentions:
            if m.type in {"person", "group", "place"}:
                in_sentence.setdefault((m.article_id, m.sentence), []).append(m.node_id or m.text)
        entities = {key: "|".join(sorted(set(names))) for key, names in in_sentence.items()}
        sentences = [s for e in self.extractions for s in e.sentences]
        quantities = [q for e in self.extractions for q in e.quantities]
        tables.write_csv(
            out / "sentences.csv", tables.SENTENCE_COLUMNS, tables.sentence_rows(sentences, bodies)
        )
        tables.write_csv(out / "mentions.csv", tables.MENTION_COLUMNS, tables.mention_rows(mentions))
        tables.write_csv(
            out / "numbers.csv", tables.NUMBER_COLUMNS, tables.number_rows(quantities, entities, {})
        )
        tables.write_csv(
            out / "abbreviations.csv", tables.ABBREVIATION_COLUMNS, tables.abbreviation_rows(self.extractions)
        )


def build(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    settings: Settings | None = None,
    progress: ProgressFn | None = None,
    stop_after: str | None = None,
) -> Result:
    """Run the pipeline on ``inputs`` (files or folders) and return the result in memory.

    ``stop_after="ingest"`` stops once articles are read and de-duplicated.
    """
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
    result = Result(inputs=tuple(str(p) for p in inputs), settings=settings, corpus=corpus, timings=timings)
    if stop_after == "ingest":
        return result
    return extract_stage(result, progress=progress)


def extract_stage(result: Result, *, progress: ProgressFn | None = None) -> Result:
    """Run spaCy extraction over the kept articles of ``result``."""
    settings = result.settings
    started = time.perf_counter()
    result.extractions = extract(
        result.corpus.articles,
        model=settings.model,
        workers=settings.workers,
        progress=(lambda done, total: progress("extract", done, total)) if progress else None,
    )
    result.model = {"name": settings.model, "version": model_version(settings.model)}
    result.timings["extract"] = time.perf_counter() - started
    return result


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
