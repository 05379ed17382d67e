"""What ``kg`` prints: progress bars, the run summary, ``kg stats`` tables and the ``kg eval`` report.

File names, article fields, reasons and error messages are written by strangers. Printed as Rich
markup, "[link=...]" becomes a link and "[/]" a MarkupError; printed raw, an escape sequence retitles or
clears the terminal. So every line goes through :func:`say`, which prints its parts as plain text, and
every table cell through :func:`plain`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from pipeline.records import Failure

if TYPE_CHECKING:
    from pipeline.api import ProgressFn, Result
    from pipeline.diff import Diff
    from pipeline.docscore import DocReport
    from pipeline.evaluate import Report
    from pipeline.query import Summary


class _Console(Console):
    """Rich's console, but a reader that went away (``kg diff A B | head -3``) is a BrokenPipeError,
    on which every ``kg`` command ends quietly with exit 0, not Rich's own ``SystemExit(1)``."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        to_devnull(sys.stderr if self.stderr else sys.stdout)
        raise BrokenPipeError(errno.EPIPE, "the output's reader went away")


def to_devnull(stream: TextIO) -> None:
    """Point ``stream``'s file descriptor at os.devnull, as Python's documentation advises after a
    BrokenPipeError (signal, "Note on SIGPIPE"): the interpreter's last flush then fails no more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor (a test's capture), or closed already
        pass


err = _Console(stderr=True, soft_wrap=True)
out = _Console(soft_wrap=True)

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def plain(value: object) -> Text:
    """``value`` as text the terminal shows as it is: no markup or emoji codes, no control characters
    (line breaks and tabs become spaces, bidirectional overrides go), lone surrogates as U+FFFD."""

    def replace(match: re.Match[str]) -> str:
        ch = match[0]
        return " " if ch in "\t\n\r" else "\ufffd" if "\ud800" <= ch <= "\udfff" else ""

    return Text(_UNPRINTABLE.sub(replace, str(value)))


def say(console: Console, *parts: object) -> None:
    """Print one line made of ``parts``: text, or (text, Rich style) pairs; all of it plain text."""
    line = Text()
    for part in parts:
        if isinstance(part, tuple):
            line.append(plain(part[0]).plain, style=part[1])
        else:
            line.append(plain(part))
    console.print(line, highlight=False, soft_wrap=True)


@contextlib.contextmanager
def progress_bars(quiet: bool) -> Iterator[ProgressFn | None]:
    """Rich progress bars on stderr, one per stage, unless ``quiet`` or stderr is not a terminal."""
    if quiet or not err.is_terminal:
        yield None
        return
    bar = Progress(
        TextColumn("[bold]{task.description:<8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def report(stage: str, done: float, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total, rate="")
        task = bar.tasks[tasks[stage]]
        elapsed = task.elapsed or 0.0
        rate = f"{done / elapsed:,.0f}/s" if elapsed > 0.5 else ""
        bar.update(tasks[stage], completed=done, total=total, rate=rate)

    with bar:
        yield report


def print_summary(result: Result, written: Path, notes: Sequence[str] = ()) -> None:
    """What a run read, found and wrote, after the lines naming each skipped input and failed article;
    ``notes`` (on what the folder held before) come last before the folder written."""
    counts = result.counts()
    print_skipped((s.source, s.reason) for s in result.corpus.skipped)
    for folder in result.corpus.runs:
        say(err, ("left out", "yellow"), f" {folder}: it holds an earlier kg run (its files are outputs)")
    for source, encoding in result.corpus.encodings:
        say(err, (f"decoded {source} as {encoding}", "dim"))
    for article in result.corpus.articles:
        if article.note:
            say(err, ("read with a note", "yellow"), f" {article.source}: {article.note}")
    for source, delimiter in result.corpus.delimiters:
        say(err, (f"read {source} as {delimiter}-separated", "dim"))
    for note in result.corpus.bad_dates:
        say(err, ("unreadable date", "yellow"), f" {note.source}: {note.reason}")
    for failure in result.failures:
        say(
            err,
            ("failed", "red"),
            f" {failure.source} ({failure.stage}, {failure.step}): {failure.error_type}: {failure.message}",
        )
    lines = _period_lines(result)
    lines.append(_read_line(counts["ingest"]))
    lines.extend(_date_lines(result))
    if "extract" in counts:
        extracted = counts["extract"]
        lines.append(
            f"Extracted {extracted['mentions']} mentions and {extracted['numbers']} numbers "
            f"from {extracted['sentences']} sentences ({extracted['words']:,} words)."
        )
    if result.cache_stats:
        lines.append(
            f"Cache: {result.cache_stats['hits']} article(s) reused, {result.cache_stats['misses']} extracted."
        )
    if "resolve" in counts:
        resolved = counts["resolve"]
        lines.append(
            f"Resolved {resolved['entities']} entities ({resolved['person']} people, {resolved['group']} groups, "
            f"{resolved['place']} places); {resolved['merged_aliases']} aliases merged."
        )
    if "graph" in counts:
        graphed = counts["graph"]
        lines.append(
            f"Graph: {graphed['nodes']} nodes ({graphed['number_nodes']} numbers), {graphed['edges']} edges, "
            f"{graphed['communities']} communities."
        )
    if result.corpus.runs:
        lines.append(
            f"Left out {len(result.corpus.runs)} folder(s) holding an earlier kg run (listed above)."
        )
    lines.extend(_failure_lines(result.failures))
    lines.extend(notes)
    for line in lines:
        say(out, line)
    say(out, f"Wrote {written}/")


def print_skipped(skipped: Iterable[tuple[str, str]]) -> None:
    """A line per input skipped: its source and why; past :data:`SKIPPED_SHOWN` of them, one line
    counting the rest (a feed of 50,000 empty items), which manifest.json lists."""
    more = 0
    for shown, (source, reason) in enumerate(skipped):
        if shown < SKIPPED_SHOWN:
            say(err, ("skipped", "yellow"), f" {source}: {reason}")
        else:
            more += 1
    if more:
        say(err, ("skipped", "yellow"), f' {more:,} more input(s), listed in manifest.json ("skipped")')


#: How many skipped inputs a run names one by one.
SKIPPED_SHOWN = 100


def _read_line(ingested: Mapping[str, object]) -> str:
    """The summary's line on what ingest read (from a run's counts, or a kept run's manifest)."""

    def n(key: str) -> object:
        return ingested.get(key, 0)

    return (
        f"Read {n('files')} file(s): {n('articles')} articles, {n('kept')} kept, "
        f"{n('duplicates')} duplicates ({n('exact_duplicates')} exact, "
        f"{n('near_duplicates')} near), {n('skipped')} input(s) skipped"
        + (f" ({n('other_language')} in another language)" if n("other_language") else "")
        + (f", {n('ignored_files')} file(s) ignored" if n("ignored_files") else "")
        + (f", {n('read_with_notes')} read with a note." if n("read_with_notes") else ".")
    )


def warn_nothing_kept(skipped: int, left_out: int) -> None:
    """A run that kept no article still exits 0 (skipped inputs fail only --strict), but says so: its
    files are empty, and the reasons are the inputs skipped and the articles left out."""
    reasons = [f"{skipped} input(s) skipped"] if skipped else []
    reasons += [f"{left_out} article(s) left out by --since/--until"] if left_out else []
    say(
        err,
        ("warning:", "yellow"),
        f" no article was kept: {', '.join(reasons) or 'the inputs hold no article'}; the outputs are empty "
        "(see skipped/left_out in manifest.json)",
    )


def print_reused(manifest: dict[str, object], folder: Path) -> None:
    """A re-run that found nothing changed: what the kept run read (its skipped inputs named as a run
    names them) and holds."""
    counts = manifest.get("counts")
    ingested = counts.get("ingest") if isinstance(counts, dict) else None
    graphed = counts.get("graph") if isinstance(counts, dict) else None
    print_skipped(skipped_in(manifest))
    say(
        out,
        "Nothing changed since the run in this folder (inputs, settings, model, code): its files are kept.",
    )
    if isinstance(ingested, dict):
        say(out, _read_line(ingested))
    if isinstance(graphed, dict):
        say(
            out,
            f"Graph: {graphed.get('nodes')} nodes ({graphed.get('number_nodes')} numbers), "
            f"{graphed.get('edges')} edges, {graphed.get('communities')} communities.",
        )
    say(out, f"Kept {folder}/")


def skipped_in(manifest: Mapping[str, object]) -> list[tuple[str, str]]:
    """The inputs a run's manifest lists as skipped: (source, reason)."""
    skipped = manifest.get("skipped")
    return [
        (str(s.get("source", "")), str(s.get("reason", "")))
        for s in (skipped if isinstance(skipped, list) else [])
        if isinstance(s, dict)
    ]


def _period_lines(result: Result) -> list[str]:
    """The period asked for (--since/--until): how many articles are in it, and what it left out."""
    settings, corpus = result.settings, result.corpus
    if not (settings.since or settings.until):
        return []
    bounds = " ".join(
        f"--{name} {value}" for name, value in (("since", settings.since), ("until", settings.until)) if value
    )
    outside = sum(note.reason.startswith(("before ", "after ")) for note in corpus.left_out)
    read = len(corpus.articles) + len(corpus.left_out)
    return [
        f"Period {bounds}: {len(corpus.articles)} of {read} articles in it; left out {outside} outside it "
        f"and {len(corpus.left_out) - outside} undated (listed under 'left_out' in manifest.json)."
    ]


def _date_lines(result: Result) -> list[str]:
    """The span of the articles' dates, the period of the timeline, the undated articles."""
    corpus = result.corpus
    dates = result.dates()
    dated = sum(bool(a.iso_date) for a in corpus.articles)
    if not dated and not corpus.bad_dates:
        return []
    span = f" ({dates['first']} to {dates['last']})" if dates["first"] else ""
    period = f"; timeline per {dates['period']}" if dates["period"] else ""
    bad = len(corpus.bad_dates)
    unreadable = f" {bad} date{'s' * (bad != 1)} could not be read (listed above)." if bad else ""
    return [
        f"Dates: {dated} of {len(corpus.articles)} articles dated{span}{period}; "
        f"{len(corpus.articles) - dated} undated.{unreadable}"
    ]


#: How the summary names the stage an article failed in.
_STAGE_WORDS = {"extract": "extraction", "resolve": "resolution", "graph": "the graph stage"}
#: Failures quoted in the summary line of a stage; manifest.json lists them all.
_QUOTED_FAILURES = 3


def _failure_lines(failures: tuple[Failure, ...]) -> list[str]:
    """ "1 article failed extraction: a.txt: ValueError: ..." per stage; the rest is in manifest.json."""
    lines = []
    for stage in dict.fromkeys(f.stage for f in failures):
        these = [f for f in failures if f.stage == stage]
        quoted = "; ".join(f"{f.source}: {f.error_type}: {f.message}" for f in these[:_QUOTED_FAILURES])
        more = f"; and {len(these) - _QUOTED_FAILURES} more" if len(these) > _QUOTED_FAILURES else ""
        noun = "article" if len(these) == 1 else "articles"
        lines.append(
            f"{len(these)} {noun} failed {_STAGE_WORDS.get(stage, stage)}: {quoted}{more} "
            "(kept in articles.csv, listed under 'failed' in manifest.json)."
        )
    return lines


def print_stats(summary: Summary) -> None:
    """``kg stats``: the top nodes per type, the strongest links, the counts by category, the largest
    communities."""
    for kind, rows in summary.top.items():
        if not rows:
            continue
        table = Table(title=f"Top {kind} nodes by PageRank", title_justify="left")
        for column in ("label", "id", "pagerank", "mentions"):
            table.add_column(column, justify="right" if column in {"pagerank", "mentions"} else "left")
        for node, label, rank, mentions in rows:
            table.add_row(plain(label), plain(node), f"{rank:.4f}", str(mentions))
        out.print(table)
    table = Table(title="Strongest links", title_justify="left")
    for column in ("a", "b", "weight", "articles", "npmi"):
        table.add_column(column, justify="right" if column in {"weight", "articles", "npmi"} else "left")
    for a, b, weight, articles, npmi in summary.edges:
        table.add_row(plain(a), plain(b), str(weight), str(articles), f"{npmi:.3f}")
    out.print(table)
    if summary.categories:
        table = Table(
            title="Counts by what happened (count nodes; a story told twice counts twice)",
            title_justify="left",
        )
        for column in ("category", "count nodes", "articles", "largest", "by (count nodes)"):
            table.add_column(column, justify="right" if column in {"count nodes", "articles"} else "left")
        for category, (nodes, articles, largest, doers) in summary.categories.items():
            table.add_row(
                category, str(nodes), str(articles), plain("; ".join(largest)), plain("; ".join(doers))
            )
        out.print(table)
    table = Table(title="Largest communities", title_justify="left")
    for column in ("community", "size", "most central members"):
        table.add_column(column, justify="right" if column != "most central members" else "left")
    for community, size, members in summary.communities:
        table.add_row(str(community), str(size), plain(", ".join(members)))
    out.print(table)


_CHANGE_TITLES = {
    ("node", "appeared"): "Entities and counts that appeared",
    ("node", "disappeared"): "Entities and counts that disappeared",
    ("node", "changed"): "Entities mentioned more or less",
    ("node", "merged"): "Entities merged into another (A → B)",
    ("node", "split"): "Entities split over several (A → B)",
    ("node", "retyped"): "Entities whose type changed",
    ("link", "appeared"): "Links that appeared",
    ("link", "disappeared"): "Links that disappeared",
    ("link", "changed"): "Links that grew or shrank",
}
#: Changes only some pairs of runs have: their tables are left out when empty (the others say "none").
_RARE_CHANGES = frozenset({"merged", "split", "retyped"})


def print_diff(diff: Diff, limit: int) -> None:
    """``kg diff``: the two runs, the settings they differ in, then the largest changes of each kind
    (``limit`` rows per table)."""
    for name, side in (("A", diff.before), ("B", diff.after)):
        span = f", articles dated {side.first_date} to {side.last_date}" if side.first_date else ""
        say(out, f"{name}: {side.folder}: {side.nodes:,} nodes, {side.links:,} links{span}")
    if diff.settings:
        say(
            err,
            ("note:", "yellow"),
            f" the runs used different settings: {settings_text(diff.settings)} "
            "(some changes below may come from them)",
        )
    for kind, change in _CHANGE_TITLES:
        rows = diff.of(kind, change)
        if not rows:
            if change not in _RARE_CHANGES:
                say(out, f"{_CHANGE_TITLES[(kind, change)]}: none")
            continue
        size = "mentions" if kind == "node" else "weight"
        table = Table(
            title=f"{_CHANGE_TITLES[(kind, change)]} ({min(limit, len(rows))} of {len(rows)})",
            title_justify="left",
        )
        columns = ["link" if kind == "link" else "name", "type", f"{size} A", f"{size} B"]
        columns += [] if change in _RARE_CHANGES else ["change"]
        for column in columns:
            table.add_column(column, justify="right" if column.endswith((" A", " B", "change")) else "left")
        for row in rows[:limit]:
            cells: list[Text | str] = [plain(row.label), plain(row.type), str(row.before), str(row.after)]
            table.add_row(*cells, *([] if change in _RARE_CHANGES else [f"{row.delta:+d}"]))
        out.print(table)


def settings_text(changes: Sequence[tuple[str, object, object]]) -> str:
    """Changed settings as one phrase, each named by the option that sets it (a switch by its name).

    >>> settings_text([("min_weight", 1, 2), ("period", None, "week"), ("numbers", True, False)])
    '--min-weight 1 -> 2, --period none -> week, numbers on -> off'
    >>> settings_text([("evidence_limit", 5, 2)])
    '--evidence 5 -> 2'
    """
    from pipeline.errors import flag

    def shown(value: object) -> str:
        return (
            "none" if value is None else ("on" if value else "off") if isinstance(value, bool) else str(value)
        )

    return ", ".join(
        f"{name.replace('_', ' ') if isinstance(a, bool) or isinstance(b, bool) else flag(name)} {shown(a)} -> {shown(b)}"
        for name, a, b in changes
    )


def listed(items: Sequence[str], most: int = 3) -> str:
    """Up to ``most`` items, then how many more.

    >>> listed(["a", "b"]), listed(["a", "b", "c", "d", "e"])
    ('a, b', 'a, b, c and 2 more')
    """
    shown = ", ".join(items[:most])
    return f"{shown} and {len(items) - most} more" if len(items) > most else shown


def print_report(report: Report) -> None:
    """Print an evaluation report (names come from the run and the gold file: plain text)."""
    if report.types:
        _print_entity_report(report)
    n = report.numbers
    if n is not None:
        if n.unknown_articles:
            say(out, f"Gold articles the run does not hold (left out): {', '.join(n.unknown_articles)}")
        if n.gold:
            say(
                out,
                f"Numbers: {n.found}/{n.gold} found; value {n.value}/{n.gold}, object {n.obj}/{n.gold}, "
                f"value and object {n.value_and_object}/{n.gold}, category {n.category}/{n.gold}",
            )
        if n.actors_listed:
            say(
                out,
                f"Actors (who did it): {n.actors_right} of the {n.actors_expected} the gold names found, "
                f"{n.actors_right}/{n.actors_named} of those the run names right",
            )
        if n.non_counts:
            say(
                out,
                f"Non-counts: {len(n.false_count_nodes)}/{n.non_counts} made number nodes, "
                f"{len(n.false_counts)} more kept as values in numbers.csv",
            )
        if n.counted_articles:
            shown = f"precision {n.node_precision:.3f}" if n.nodes else "no number node in them"
            say(
                out,
                f"Number nodes in the {n.counted_articles} articles whose counts are all listed: "
                f"{n.listed_nodes}/{n.nodes} hold an annotated count ({shown})",
            )
        for line in n.wrong:
            say(out, f"  {line}")
        for line in n.false_count_nodes:
            say(out, f"  not a count but a node: {line}")
        for line in n.false_counts:
            say(out, f"  not a count but a value: {line}")
        for line in n.false_nodes.values():
            say(out, f"  a node but no annotated count: {line}")


def _print_entity_report(report: Report) -> None:
    table = Table(title="Entities against the gold annotation")
    for column in ("type", "gold", "found", "recall", "nodes", "correct", "precision"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for t in report.types:
        table.add_row(
            plain(t.type),
            str(t.gold),
            str(t.found),
            f"{t.recall:.3f}",
            str(t.nodes),
            str(t.correct),
            f"{t.precision:.3f}",
        )
    out.print(table)
    unmerged = report.unmerged
    say(
        out,
        f"Alias sets merged: {report.alias_sets_merged}/{report.alias_sets}"
        + (f" (not merged: {', '.join(unmerged)})" if unmerged else ""),
    )
    say(out, f"Wrong merges: {len(report.wrong_merges)}")
    for line in report.wrong_merges:
        say(out, f"  {line}")
    for t in report.types:
        if t.missed:
            say(out, f"Missed {t.type}: {', '.join(t.missed)}")
        if t.spurious:
            say(out, f"Not in gold as {t.type}: {', '.join(t.spurious)}")


def print_document_report(
    report: DocReport, baseline: DocReport | None = None, *, details: bool = False
) -> None:
    """Print figures against a document-level gold, with the raw model's beside them when given;
    ``details`` lists the run's wrong, missed and unmerged names."""
    columns = [("kg", report)] + ([("raw model", baseline)] if baseline is not None else [])
    if report.absent:
        shown = ", ".join(report.absent[:10]) + (
            f" and {len(report.absent) - 10} more" if len(report.absent) > 10 else ""
        )
        say(out, f"Gold documents the run does not hold (left out): {len(report.absent)}: {shown}")
    table = Table(title=f"Names in {report.documents} documents against the gold")
    table.add_column("figure")
    for name, _ in columns:
        table.add_column(name, justify="right")
    rows: list[tuple[str, list[str]]] = []
    for kind in ("all", *report.types):
        scores = [r.overall if kind == "all" else r.types[kind] for _, r in columns]
        rows.append((f"{kind} precision", [f"{s.precision:.3f} ({s.correct}/{s.predicted})" for s in scores]))
        rows.append((f"{kind} recall", [f"{s.recall:.3f} ({s.found}/{s.gold})" for s in scores]))
        rows.append((f"{kind} F1", [f"{s.f1:.3f}" for s in scores]))
    rows.append(("alias sets on one node", [f"{r.alias_sets_merged}/{r.alias_sets}" for _, r in columns]))
    rows.append(("people kept as people", [f"{r.people_kept}/{r.people}" for _, r in columns]))
    rows.append(("wrong merges", [f"{r.wrong_merges}/{r.nodes}" for _, r in columns]))
    for label, cells in rows:
        table.add_row(label, *cells)
    out.print(table)
    if details:
        for title, lines in (
            ("wrong", report.wrong),
            ("missed", report.missed),
            ("unmerged", report.unmerged),
        ):
            say(out, f"{title}: {len(lines)}")
            for line in lines:
                say(out, "  ", plain(line))
