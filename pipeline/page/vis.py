"""pyvis's ``Network`` and ``Edge``, imported without IPython.

``pyvis.network`` imports ``IPython.display`` for ``IFrame``, which only ``Network.show`` calls in a
notebook; IPython is most of a tenth of a second to import, more than the rest of the page costs on a
small corpus. While pyvis is imported, a stand-in ``IPython.display`` (:mod:`pipeline.stand_ins`) gives
it an ``IFrame`` that imports the real one when first called; a notebook's later import gets IPython's own.
"""

from __future__ import annotations

import sys
from typing import Any

from pipeline.stand_ins import standing_in


def _import_pyvis() -> None:
    if "pyvis.network" in sys.modules:
        return
    with standing_in({"IPython.display": {"IFrame": _iframe}}):
        import pyvis.network  # noqa: F401


def _iframe(*args: Any, **kwargs: Any) -> Any:
    from IPython.display import IFrame

    return IFrame(*args, **kwargs)


_import_pyvis()

from pyvis.edge import Edge  # noqa: E402
from pyvis.network import Network  # noqa: E402

__all__ = ["Edge", "Network"]
