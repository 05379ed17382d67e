"""Run the stages in process: the one code path behind ``kg`` and the notebooks.

>>> result = build(["seeds"])          # doctest: +SKIP
>>> result.save("graphs/seeds")        # doctest: +SKIP
>>> again = load("graphs/seeds")       # doctest: +SKIP  (no spaCy needed)
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import tables
from pipeline.config import Settings
from pipeline.dedup import deduplicate
from pipeline.errors import MissingStageOutputError, OutputDirError
from pipeline.ingest import ingest
from pipeline.records import ENTITY_TYPES, Corpus, Extraction, Mention, Quantity, Resolution, Skipped

if TYPE_CHECKING:
    import networkx as nx

#: progress(stage, done, total): how stages report advancement to a user interface, if there is one.
ProgressFn = Callable[[str, int, int], None]
STAGES = ("ingest", "extract", "resolve", "graph")


@dataclass
class Result:
    """Everything one run computed, plus what the manifest records about it."""

    inputs: tuple[str, ...]
    settings: Settings
    corpus: Corpus
    extractions: tuple[Extraction, ...] = ()
    resolution: Resolution | None = None
    graph: nx.Graph | None = None
    model: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    # --- what the manifest says ---------------------------------------------------------------------

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
        if self.resolution is not None:
            entities = self.resolution.entities
            counts["resolve"] = {
                "entities": len(entities),
                **{kind: sum(e.type == kind for e in entities) for kind in ENTITY_TYPES},
                "merged_aliases": sum(m.rule not in {"label", "spelling"} for m in self.resolution.merges),
                "resolved_mentions": sum(bool(m.node_id) for m in self.resolution.mentions),
            }
        if self.graph is not None:
            kinds = [d.get("type") for _, d in self.graph.nodes(data=True)]
            counts["graph"] = {
                "nodes": self.graph.number_of_nodes(),
                "edges": self.graph.number_of_edges(),
                "number_nodes": kinds.count("number"),
                "communities": len({d.get("community") for _, d in self.graph.nodes(data=True)}),
                "components": len({d.get("component") for _, d in self.graph.nodes(data=True)}),
            }
        return counts

    def manifest(self) -> dict[str, object]:
        return {
            "inputs": list(self.inputs),
            "settings": self.settings.as_dict(),
            "model": self.model,
            "counts": self.counts(),
            "skipped": [{"source": s.source, "reason": s.reason} for s in self.corpus.skipped],
            "files": list(self.corpus.files),
            "ignored": list(self.corpus.ignored),
            "encodings": dict(self.corpus.encodings),
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
        }

    # --- writing ------------------------------------------------------------------------------------

    def save(self, out: str | os.PathLike[str], *, force: bool = False, export: bool = True) -> Path:
        """Write the run's files into ``out`` (see the output contract in the README). ``export=False``
        leaves out the files rendered from the graph tables (GraphML, GEXF, HTML)."""
        out = prepare_out(Path(out), force=force)
        tables.write_articles(out / "articles.csv", self.corpus.articles)
        if self.extractions:
            self._save_extractions(out)
        if self.resolution is not None:
            tables.write_csv(
                out / "merges.csv", tables.MERGE_COLUMNS, tables.merge_rows(self.resolution.merges)
            )
            if self.graph is None:
                tables.write_csv(
                    out / "nodes.csv", tables.NODE_COLUMNS, tables.entity_rows(self.resolution.entities)
                )
        if self.graph is not None:
            from pipeline.export import export as export_graph
            from pipeline.export import write_tables

            if export:
                export_graph(self.graph, out)
            else:
                write_tables(self.graph, out)
        tables.write_manifest(out / tables.MANIFEST, self.manifest())
        return out

    def _save_extractions(self, out: Path) -> None:
        bodies = {a.article_id: a.body for a in self.corpus.kept}
        mentions = list(
            self.resolution.mentions if self.resolution else (m for e in self.extractions for m in e.mentions)
        )
        number_ids = self._number_ids()
        if number_ids:
            mentions = _with_number_ids(mentions, number_ids)
        in_sentence: dict[tuple[str, int], set[str]] = {}
        for m in mentions:
            if m.type in ENTITY_TYPES and (m.node_id or not self.resolution):
                in_sentence.setdefault((m.article_id, m.sentence), set()).add(m.node_id or m.text)
        entities = {key: tables.LIST_SEPARATOR.join(sorted(names)) for key, names in in_sentence.items()}
        sentences = [s for e in self.extractions for s in e.sentences]
        quantities = [q for e in self.extractions for q in e.quantities]
        tables.write_csv(
            out / "sentences.csv", tables.SENTENCE_COLUMNS, tables.sentence_rows(sentences, bodies)
        )
        tables.write_csv(out / "mentions.csv", tables.MENTION_COLUMNS, tables.mention_rows(mentions))
        tables.write_csv(
            out / "numbers.csv", tables.NUMBER_COLUMNS, tables.number_rows(quantities, entities, number_ids)
        )
        tables.write_csv(
            out / "abbreviations.csv", tables.ABBREVIATION_COLUMNS, tables.abbreviation_rows(self.extractions)
        )

    def _number_ids(self) -> dict[Quantity, str]:
        if self.graph is None or not self.settings.numbers:
            return {}
        from pipeline.graph import number_nodes

        return {q: node for q, node in number_nodes(self.extractions).items() if node in self.graph}


def _with_number_ids(mentions: list[Mention], number_ids: dict[Quantity, str]) -> list[Mention]:
    """Number mentions take the node id of the count they overlap."""
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for quantity, node in number_ids.items():
        spans.setdefault(quantity.article_id, []).append((quantity.start, quantity.end, node))
    result = []
    for m in mentions:
        if m.type == "number" and not m.node_id:
            node = next((n for s, e, n in spans.get(m.article_id, ()) if s < m.end and m.start < e), "")
            if node:
                m = dataclasses.replace(m, node_id=node)
        result.append(m)
    return result


# --- running ----------------------------------------------------------------------------------------


def build(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    settings: Settings | None = None,
    progress: ProgressFn | None = None,
    stop_after: str = STAGES[-1],
) -> Result:
    """Run the pipeline on ``inputs`` (files or folders) up to ``stop_after`` and return the result."""
    settings = settings or Settings()
    if stop_after not in STAGES:
        raise ValueError(f"stop_after must be one of {STAGES}, not {stop_after!r}")
    result = _ingest(inputs, settings, progress)
    for stage in STAGES[1 : STAGES.index(stop_after) + 1]:
        run_stage(result, stage, progress=progress)
    return result


def run_stage(result: Result, stage: str, *, progress: ProgressFn | None = None) -> Result:
    """Run one stage after ``extract`` on a result (in place) and return it."""
    started = time.perf_counter()
    if stage == "extract":
        from pipeline.extract import extract, model_version

        settings = result.settings
        result.extractions = extract(
            result.corpus.articles,
            model=settings.model,
            workers=settings.workers,
            progress=(lambda done, total: progress("extract", done, total)) if progress else None,
        )
        result.model = {"name": settings.model, "version": model_version(settings.model)}
        result.resolution = None
    elif stage == "resolve":
        from pipeline.resolve import resolve

        result.resolution = resolve(result.extractions, aliases=result.settings.aliases)
        result.graph = None
    elif stage == "graph":
        from pipeline.graph import build_graph

        if result.resolution is None:
            raise ValueError("the graph stage needs the resolve stage first")
        settings = result.settings
        result.graph = build_graph(
            result.resolution,
            result.extractions,
            result.corpus.articles,
            window=settings.window,
            numbers=settings.numbers,
            min_weight=settings.min_weight,
            evidence_limit=settings.evidence_limit,
        )
    else:
        raise ValueError(f"unknown stage {stage!r}; stages are {', '.join(STAGES)}")
    result.timings[stage] = time.perf_counter() - started
    return result


def _ingest(
    inputs: Sequence[str | os.PathLike[str]], settings: Settings, progress: ProgressFn | None
) -> Result:
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
    corpus = dataclasses.replace(
        corpus, articles=deduplicate(corpus.articles, threshold=settings.near_duplicate_threshold)
    )
    timings["dedup"] = time.perf_counter() - started
    return Result(inputs=tuple(str(p) for p in inputs), settings=settings, corpus=corpus, timings=timings)


# --- reading a finished (or partial) run back -------------------------------------------------------


def load(folder: str | os.PathLike[str], *, through: str = STAGES[-1]) -> Result:
    """Read the files of an earlier run back into a :class:`Result` (no spaCy), up to ``through``."""
    folder = Path(folder)
    articles_path = folder / "articles.csv"
    if not articles_path.exists():
        raise MissingStageOutputError(articles_path, "extract", "kg ingest INPUT... --out DIR")
    manifest = tables.read_manifest(folder / tables.MANIFEST) if (folder / tables.MANIFEST).exists() else {}
    known = {f.name for f in dataclasses.fields(Settings)}
    settings = Settings(**{k: v for k, v in dict(manifest.get("settings") or {}).items() if k in known})
    corpus = Corpus(
        articles=tables.read_articles(articles_path),
        skipped=tuple(Skipped(s["source"], s["reason"]) for s in manifest.get("skipped") or []),
        files=tuple(manifest.get("files") or ()),
        ignored=tuple(manifest.get("ignored") or ()),
        encodings=tuple(sorted(dict(manifest.get("encodings") or {}).items())),
    )
    result = Result(
        inputs=tuple(manifest.get("inputs") or ()),
        settings=settings,
        corpus=corpus,
        model=dict(manifest.get("model") or {}),
        timings=dict(manifest.get("timings") or {}),
    )
    stages = STAGES[: STAGES.index(through) + 1]
    if "extract" in stages and (folder / "mentions.csv").exists():
        result.extractions = tables.read_extractions(folder)
        if "resolve" in stages and (folder / "merges.csv").exists():
            result.resolution = tables.read_resolution(folder, result.extractions)
            if "graph" in stages and (folder / "edges.csv").exists():
                from pipeline.export import read_graph

                result.graph = read_graph(folder)
    return result


# --- output folders ---------------------------------------------------------------------------------


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
