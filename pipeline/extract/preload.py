"""Imported once, by the fork server that worker processes come from (:func:`pipeline.extract._pool`):
it loads the model named in the environment variable KG_PRELOAD_MODEL, so that every worker forked
from the server starts with the model loaded.

Importing it does the work: that is how a fork server is told what to prepare (its ``preload``
list names modules). Any failure is left for the workers to meet, and report, when they load the model
themselves.
"""

from __future__ import annotations

import contextlib
import os

#: The environment variable naming the model to load (set by the process that starts the server).
PRELOAD_ENV = "KG_PRELOAD_MODEL"


def preload() -> None:
    """Import spaCy and load the model named in KG_PRELOAD_MODEL, if any; errors are ignored here."""
    name = os.environ.get(PRELOAD_ENV)
    if not name:
        return
    with contextlib.suppress(Exception):
        from pipeline.config import collect_less
        from pipeline.extract import model

        collect_less()
        model.load_model(name)


preload()
