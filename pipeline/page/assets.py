"""The page's assets and its Content-Security-Policy: vis-network from the installed pyvis package and
the project's own script and style, inlined so the file needs nothing from outside it."""

from __future__ import annotations

import base64
import functools
import hashlib
import json
from collections.abc import Iterable
from importlib import resources

from jinja2 import Environment, PackageLoader

#: The vis-network build shipped inside the pyvis package (the one pyvis's templates use).
VIS_VERSION = "9.1.2"
#: Runs before anything else so the tests can see any request or script the policy had to block.
GUARD_JS = (
    "window.kgCspViolations=[];document.addEventListener('securitypolicyviolation',"
    "function(e){window.kgCspViolations.push(e.violatedDirective+' '+e.blockedURI)});"
)


def script_json(value: object) -> str:
    """JSON safe inside a ``<script type="application/json">`` element: ``<``, ``>`` and ``&`` become
    ``\\u003c`` ... so no string can end the element or open a comment; JSON.parse restores them.

    >>> script_json({"a": "</script><img onerror=x>"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cimg onerror=x\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False)
    for char, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


@functools.cache
def template_environment() -> Environment:
    return Environment(
        loader=PackageLoader("pipeline", "templates"), autoescape=True, keep_trailing_newline=True
    )


@functools.cache
def load_assets() -> dict[str, str]:
    """vis-network from the installed pyvis package and the page's own script and style, each made safe
    to sit inside its element (none of them contains a closing tag today; this keeps it so)."""
    vis = resources.files("pyvis").joinpath("lib", f"vis-{VIS_VERSION}")
    own = resources.files("pipeline").joinpath("templates")
    return {
        "vis_js": _inline(vis.joinpath("vis-network.min.js").read_text(encoding="utf-8"), "script"),
        "vis_css": _inline(vis.joinpath("vis-network.css").read_text(encoding="utf-8"), "style"),
        "page_js": _inline(own.joinpath("graph.js").read_text(encoding="utf-8"), "script"),
        "page_css": _inline(own.joinpath("graph.css").read_text(encoding="utf-8"), "style"),
    }


def _inline(text: str, element: str) -> str:
    """``text`` with every ``</element`` written so it cannot end the element early (``<\\/script`` means
    the same to JavaScript; CSS gets an escaped slash too)."""
    closing = f"</{element}"
    lowered = text.lower()
    if closing not in lowered:
        return text
    parts, start = [], 0
    while (found := lowered.find(closing, start)) >= 0:
        parts.append(text[start:found] + "<\\/")
        start = found + 2
    parts.append(text[start:])
    return "".join(parts)


def content_policy(scripts: Iterable[str]) -> str:
    """A Content-Security-Policy that allows nothing from outside the file and no script but ours."""
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode('utf-8')).digest()).decode('ascii')}'"
        for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
