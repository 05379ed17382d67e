"""News articles to a knowledge graph: people, groups, places and numbers, merged and linked by co-mention.

In Python (or Jupyter)::

    from pipeline import build, load
    result = build("seeds")            # every stage in process; result.entities, .edges, .show()...
    again = load("graphs/seeds")       # a finished run read back, without spaCy

Nothing heavy runs at import time: ``build``, ``load`` and ``Result`` are imported from
:mod:`pipeline.api` on first use, and spaCy and the model load when extraction starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Result", "__version__", "build", "load"]

_API = ("Result", "build", "load")

if TYPE_CHECKING:
    from pipeline.api import Result, build, load


def __getattr__(name: str) -> object:
    if name in _API:
        from pipeline import api

        return getattr(api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
