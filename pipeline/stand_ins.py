"""Importing a library without the heavy modules it imports only for a feature a run never uses.

spaCy imports its command line (``spacy.cli``: typer, weasel, requests, httpx) for ``spacy.info``;
datasketch imports ``scipy.integrate`` for one ``quad`` and asyncio for its Redis and MongoDB indexes;
pyvis imports IPython for ``IFrame``. While such a library is imported, stand-in modules take those
modules' places, each attribute a function that imports the real one when first called; the stand-ins
are then taken out of ``sys.modules``, so that any later import (a notebook's) gets the real module.
"""

from __future__ import annotations

import contextlib
import sys
import types
from collections.abc import Iterator, Mapping
from typing import Any


@contextlib.contextmanager
def standing_in(modules: Mapping[str, Mapping[str, Any]]) -> Iterator[None]:
    """Inside the block, a stand-in module for each name of ``modules`` not imported yet, with those
    attributes; a stand-in for a dotted name is also its stand-in parent's attribute, as an import makes
    it. On leaving, each stand-in still in ``sys.modules`` is taken out.

    >>> with standing_in({"kg_qq.part": {"answer": 42}, "kg_qq": {}}):
    ...     from kg_qq.part import answer
    ...     import kg_qq
    ...     kg_qq.part.answer
    42
    >>> answer, "kg_qq" in sys.modules
    (42, False)
    """
    stand_ins = {}
    for name, attributes in modules.items():
        if name not in sys.modules:
            module = types.ModuleType(name)
            module.__dict__.update(attributes)
            stand_ins[name] = module
    for name, module in stand_ins.items():
        parent, _, child = name.rpartition(".")
        if parent in stand_ins:
            setattr(stand_ins[parent], child, module)
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
