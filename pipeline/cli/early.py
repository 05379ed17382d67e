"""The fork server of a ``kg run`` with several workers, started before the command line is parsed.

The server spends most of a second importing spaCy and loading the model, and the workers cannot start
before it is done. Typer's parsing of the command line takes a tenth of a second of that; reading the
few options that decide whether the run will want workers from the raw arguments starts the server
that much sooner, on the core the workers will use. Only a plain reading is attempted: anything else
(another command, ``--help``, an option spelled in a way not read here) leaves the server to
:func:`pipeline.cli.run`, which starts it in any case when the run needs it. A wrong guess costs nothing
but the early start: a server already running is reused, and a worker whose model the server did not
load loads its own.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

#: Options of ``kg run`` that take a value, as the command line may spell them.
_VALUED = {
    "--workers": "workers",
    "-w": "workers",
    "--model": "model",
    "--cache": "cache",
    "--engine": "engine",
}


def start_fork_server_early(arguments: Sequence[str]) -> bool:
    """Start the workers' fork server if ``arguments`` (the command line after ``kg``) ask for a run
    with several workers that will extract (:func:`pipeline.extract.workers_ahead`); whether it did.

    >>> start_fork_server_early(["run", "news", "--workers", "1"]), start_fork_server_early(["eval", "x"])
    (False, False)
    """
    options = _options(arguments)
    workers = options.get("workers", "1") if options is not None else "1"
    if options is None or not workers.isdigit() or int(workers) <= 1:
        return False
    from pipeline.config import Settings, default_model
    from pipeline.extract import start_fork_server, workers_ahead

    with contextlib.suppress(Exception):  # a bad value: the real parsing says so, in its turn
        settings = Settings(
            model=options.get("model") or default_model(),
            workers=int(workers),
            cache=options.get("cache"),
            use_cache="no-cache" not in options,
            engine=options.get("engine", "local"),
        )
        if workers_ahead(settings):
            start_fork_server(settings.model)
            return True
    return False


def _options(arguments: Sequence[str]) -> dict[str, str] | None:
    """The options of a ``kg run`` command line that decide on workers, by name; None when the line is
    no plain run (another command, help asked for, a value missing).

    >>> _options(["run", "a.jsonl", "-w", "2", "--model=en_x", "--no-cache"])
    {'workers': '2', 'model': 'en_x', 'no-cache': ''}
    >>> _options(["run", "--workers"]), _options(["run", "--help"]), _options(["ingest", "-w", "2"])
    (None, None, None)
    """
    if not arguments or arguments[0] != "run":
        return None
    found: dict[str, str] = {}
    index = 1
    while index < len(arguments):
        argument = arguments[index]
        name, equals, value = argument.partition("=")
        if argument in ("--help", "-h") or argument == "--":
            return None
        if name in _VALUED:
            if not equals:
                if index + 1 >= len(arguments):
                    return None
                index += 1
                value = arguments[index]
            found[_VALUED[name]] = value
        elif argument == "--no-cache":
            found["no-cache"] = ""
        index += 1
    return found
