"""pyvis's ``Network`` and ``Edge``, imported without IPython.

``pyvis.network`` imports ``IPython.display`` for ``IFrame``, which only ``Network.show`` calls in a
notebook; IPython is most of a tenth of a second to import, more than the rest of the page costs on a
small corpus. While pyvis is imported, a stand-in ``IPython.display`` gives it an ``IFrame`` that imports
the real one when first called; the stand-in is then taken out of ``sys.modules``, so any later import
(a notebook's) gets IPython's own. (:func:`pipeline.dedup._datasketch` does the same for SciPy.)
"""

from __future__ import annotations

import sys
import types
from typing import Any


def _import_pyvis() -> None:
    if "pyvis.network" in sys.modules or "IPython.display" in sys.modules:
        return
    stand_in = types.ModuleType("IPython.display")
    stand_in.IFrame = _iframe  # type: ignore[attr-defined]
    sys.modules["IPython.display"] = stand_in
    try:
        import pyvis.network  # noqa: F401
    finally:
        if sys.modules.get("IPython.display") is stand_in:
            del sys.modules["IPython.display"]


def _iframe(*args: Any, **kwargs: Any) -> Any:
    from IPython.display import IFrame

    return IFrame(*args, **kwargs)


_import_pyvis()

from pyvis.edge import Edge  # noqa: E402
from pyvis.network import Network  # noqa: E402

__all__ = ["Edge", "Network"]
