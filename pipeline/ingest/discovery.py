"""Finding the input files: folders searched recursively, each file and folder once, links followed
only inside the inputs, folders holding an earlier kg run left out, hidden files and folders ignored."""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence
from pathlib import Path

from pipeline.errors import MissingPathError, both_spellings
from pipeline.io.files import not_regular, without_surrogates
from pipeline.io.folder import MANIFEST, output_kind
from pipeline.records import Skipped

#: The extensions ingest reads (see :data:`pipeline.ingest.READERS`).
SUFFIXES = (".txt", ".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".html", ".htm", ".xml", ".rss", ".atom")
#: Compressed files are read too when the extension before names one of :data:`SUFFIXES`
#: ("feed.jsonl.gz", "pages.csv.xz").
COMPRESSED_SUFFIXES = (".gz", ".bz2", ".xz")


#: The endings of the archives ingest reads as the folders they pack (:mod:`pipeline.ingest.archives`).
ARCHIVE_SUFFIXES = (".tar.gz", ".tar.bz2", ".tar.xz", ".tgz", ".tar", ".zip")


def archive_kind(path: Path | str) -> str:
    """ "zip" or "tar" for an archive ingest reads, "" for any other file.

    >>> archive_kind("export.ZIP"), archive_kind("a/b.tar.gz"), archive_kind("c.tgz"), archive_kind("feed.jsonl.gz")
    ('zip', 'tar', 'tar', '')
    """
    name = str(path).lower()
    if name.endswith(".zip"):
        return "zip"
    return "tar" if name.endswith(ARCHIVE_SUFFIXES) else ""


def format_of(path: Path) -> str:
    """The extension that says how ``path`` is read (".jsonl" for "feed.jsonl.gz"); "" when it is not.

    >>> format_of(Path("a/Feed.JSONL.gz")), format_of(Path("notes.gz")), format_of(Path("page.htm"))
    ('.jsonl', '', '.htm')
    """
    suffix = path.suffix.lower()
    if suffix in COMPRESSED_SUFFIXES:
        suffix = Path(path.stem).suffix.lower()
    return suffix if suffix in SUFFIXES else ""


def shown(value: object) -> str:
    """A path or message as text that can be written: a file name that is not UTF-8 reaches Python
    with lone surrogates standing for its bytes, which no UTF-8 file or terminal accepts."""
    return without_surrogates(str(value))


#: The reason a file named on the command line is skipped for its type.
UNSUPPORTED = "unsupported file type"


def discover(
    paths: Sequence[str | os.PathLike[str]],
    *,
    follow_links: bool,
    destination: str | os.PathLike[str] | None = None,
) -> tuple[list[Path], list[Path], list[Skipped], list[Path]]:
    """Files to read (sorted, each once), files ignored for their extension and hidden files and folders
    in the input folders, folders and links that could not be used, and folders left out because they
    hold an earlier kg run. A file reached by several paths (a link to it inside the inputs) is named by
    a path without links when one of them is. ``destination``: the folder this run writes into, left out
    without a word when it lies in the inputs (``kg run corpus --out corpus/kg``), whether it holds the
    run yet or not, so that a second run finds the same inputs as the first."""
    files: dict[str, Path] = {}
    ignored: list[Path] = []
    skipped: list[Skipped] = []
    runs: list[Path] = []
    # A link inside an input folder may only lead somewhere inside the inputs the user named.
    roots = [os.path.realpath(p) for p in paths]
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise MissingPathError(shown(path))
        if path.is_dir():
            found, unsupported, bad, nested = _walk(
                path,
                roots=roots,
                follow_links=follow_links,
                destination=os.path.realpath(destination) if destination is not None else None,
            )
            ignored.extend(unsupported)
            skipped.extend(bad)
            runs.extend(nested)
        elif path.exists() and not path.is_file():
            skipped.append(Skipped(str(path), _not_regular(path)))  # a FIFO or device, whatever its name
            found = []
        elif format_of(path) or archive_kind(path):
            found = [path]
        else:
            skipped.append(Skipped(str(path), f"{UNSUPPORTED} {path.suffix or '(none)'!r}"))
            found = []
        for file in found:
            real = os.path.realpath(file)
            if real not in files or (real == os.path.abspath(file) != os.path.abspath(files[real])):
                files[real] = file
    return sorted(files.values(), key=str), sorted(ignored, key=str), skipped, runs


def _walk(
    root: Path, *, roots: Sequence[str], follow_links: bool, destination: str | None = None
) -> tuple[list[Path], list[Path], list[Skipped], list[Path]]:
    """Recursive listing that never enters the same folder twice, follows a symbolic link only to a
    place inside ``roots`` (unless ``follow_links``) and leaves out folders holding a kg run.

    Hidden files and folders (their names start with ".") are listed with the unsupported files, never
    read: they are the system's, an editor's or a tool's (.DS_Store, ._ copies macOS writes on other
    disks, .~lock files, .git, .ipynb_checkpoints), copies or old versions rather than the corpus. A
    hidden folder is listed once, not what it holds. A hidden path named on the command line is read."""
    found: list[Path] = []
    unsupported: list[Path] = []
    bad: list[Skipped] = []
    runs: list[Path] = []
    seen: set[str] = set()

    def on_error(error: OSError) -> None:
        bad.append(Skipped(str(error.filename), f"cannot list folder: {error.strerror}"))

    def leads_out(path: str) -> bool:
        if follow_links or not os.path.islink(path):
            return False
        if _inside(os.path.realpath(path), roots):
            return False
        target = os.readlink(path)
        bad.append(
            Skipped(
                path,
                f"symbolic link to {target}, outside the inputs: not followed ({both_spellings('follow_links', True)} reads it)",
            )
        )
        return True

    for folder, dirnames, filenames in os.walk(root, followlinks=True, onerror=on_error):
        real = os.path.realpath(folder)
        if real in seen:
            dirnames[:] = []
            continue
        seen.add(real)
        if real == destination:
            dirnames[:] = []
            continue
        if MANIFEST in filenames and output_kind(Path(folder)):
            runs.append(Path(folder))  # an earlier run's outputs (mentions.csv has a text column)
            dirnames[:] = []
            continue
        unsupported.extend(Path(folder) / d for d in dirnames if d.startswith("."))
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not leads_out(os.path.join(folder, d))
        )
        for name in sorted(filenames):
            file = Path(folder) / name
            if name.startswith(".") or not (format_of(file) or archive_kind(file)):
                unsupported.append(file)
            elif leads_out(str(file)):
                continue
            elif file.is_file():
                found.append(file)
            else:
                bad.append(Skipped(str(file), _not_regular(file)))
    return found, unsupported, bad, runs


def _not_regular(file: Path) -> str:
    """Why a path that is no regular file is not read: a link loop, a broken link, or a special file."""
    try:
        mode = file.stat().st_mode
    except OSError as error:
        kind = "a loop of links" if error.errno == errno.ELOOP else "a broken link"
        return f"not a regular file ({kind}); only regular files are read"
    return not_regular(mode)


def _inside(path: str, roots: Sequence[str]) -> bool:
    return any(os.path.commonpath([path, root]) == root for root in roots)
