"""The run folder: which files a run writes, saves that replace a run all at once, manifest.json, and
the checks on an output folder before any work starts.

A save writes every file as a temporary beside the previous run's (:class:`Staging`), renames them into
place together and writes manifest.json last, listing each file with its size and SHA-256; readers
(:func:`present`) refuse a file the manifest does not vouch for.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import (
    InputError,
    ManifestError,
    OutputDirError,
    OutputFileError,
    OutputWriteError,
    StaleOutputError,
    named,
)
from pipeline.io.files import (
    STAGE,
    TEMPORARY,
    describe,
    encoded,
    read_regular,
    signals_deferred,
    sync_folder,
    write_temporary,
)

MANIFEST = "manifest.json"
TOOL_NAME = "kg"

# --- the files of a run -----------------------------------------------------------------------------

#: Every file a run (or ``kg ego``) writes, with the stage that produces it: a file of a stage the
#: manifest does not record is left from an earlier run. nodes.csv comes from resolve (entities) or graph.
OUTPUT_STAGE = {
    "articles.csv": "ingest",
    "sentences.csv": "extract",
    "mentions.csv": "extract",
    "numbers.csv": "extract",
    "abbreviations.csv": "extract",
    "merges.csv": "resolve",
    "nodes.csv": "resolve",
    "edges.csv": "graph",
    "evidence.csv": "graph",
    "timeline.csv": "graph",
    "graph.graphml": "graph",
    "graph.gexf": "graph",
    "graph.html": "graph",
}
OUTPUT_FILES = frozenset({*OUTPUT_STAGE, MANIFEST})
#: A manifest larger than this is nobody's kg manifest (they are kilobytes); it is never parsed.
_MANIFEST_MAX_BYTES = 64 << 20


def is_temporary(name: str) -> bool:
    """Is ``name`` a temporary file the project itself writes (and may remove)? Only a temporary of one of
    OUTPUT_FILES is ever removed from an output folder: nothing else there belongs to the project."""
    match = TEMPORARY.fullmatch(name)
    return match is not None and match["name"] in OUTPUT_FILES


#: How far the latest save of this process went: ``folder`` and ``state``, "writing" (its files are
#: being written beside the folder's earlier ones, which stay until the commit) or "committed" (they
#: are in place, manifest.json last). Empty before any save; Ctrl-C's message reads it.
LATEST_SAVE: dict[str, str] = {}


class Staging:
    """The files of one save, written as temporaries beside their final names; :meth:`commit` renames
    them into place and writes manifest.json last, naming every file it vouches for (size and SHA-256).

    Until the commit the folder still holds the previous run, whole: a full disk or a crash while
    writing leaves it as it was (the temporaries are removed, or removed by the next run)."""

    def __init__(self, folder: Path) -> None:
        self.folder = os.path.abspath(folder)
        self._temporaries: dict[str, str] = {}
        self.outputs: dict[str, dict[str, object]] = {}
        LATEST_SAVE.clear()
        LATEST_SAVE.update(folder=self.folder, state="writing")

    def add(self, name: str, data: bytes) -> None:
        if name == MANIFEST:
            raise ValueError("manifest.json is written by Staging.commit, last")
        previous = self._temporaries.pop(name, None)
        if previous:
            os.unlink(previous)
        self._temporaries[name] = write_temporary(Path(self.folder), name, data)
        self.outputs[name] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}

    def discard(self) -> None:
        for temporary in self._temporaries.values():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        self._temporaries.clear()

    def commit(self, manifest: dict[str, object], *, replace: bool = True) -> None:
        """Put the staged files in place and write ``manifest`` (plus ``outputs``) last.

        ``replace``: the folder's run is replaced, so project files of the old run that this save did
        not write (a later stage's, now stale) are removed. Otherwise they stay and the manifest goes on
        vouching for them (``kg export`` adds files to a run)."""
        folder = Path(self.folder)
        outputs = dict(self.outputs)
        # Only files of an earlier kg output are removed: in a folder written into with --force, a file
        # that happens to be called articles.csv is the user's.
        earlier = kg_manifest(folder) is not None
        stale = [
            name
            for name in sorted(OUTPUT_FILES - {MANIFEST} - set(outputs))
            if earlier and os.path.lexists(folder / name)
        ]
        if not replace:
            recorded = manifest.get("outputs")
            for name in stale:
                entry = recorded.get(name) if isinstance(recorded, dict) else None
                outputs[name] = entry if isinstance(entry, dict) else describe(folder / name)
            stale = []
        manifest = {**manifest, "outputs": dict(sorted(outputs.items()))}
        temporary = write_temporary(folder, MANIFEST, encoded(manifest_text(manifest)))
        self._temporaries[MANIFEST] = temporary
        # The renames take milliseconds; Ctrl-C waits until they are done so the folder is never a mix.
        with signals_deferred():
            for name, path in sorted(self._temporaries.items()):
                if name != MANIFEST:
                    os.replace(path, folder / name)
            for name in stale:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(folder / name)
            os.replace(temporary, folder / MANIFEST)
            self._temporaries.clear()
            LATEST_SAVE["state"] = "committed"
        sync_folder(folder)


@contextlib.contextmanager
def one_save_at_a_time(out: Path) -> Iterator[None]:
    """Within it, no other kg process saves into ``out``: one waits for the other (a save takes a
    second or so). Two runs writing into one folder at once would each remove the other's temporaries
    as an interrupted save's, and one would fail; in turn, the later save replaces the earlier, whole.

    The lock is a file of the system's temporary folder named after ``out``'s absolute path, so a
    folder not made yet has one too. Where no lock can be taken (no ``fcntl``: Windows; a temporary
    folder another user's lock files fill) the save goes on without it."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    import tempfile

    name = hashlib.sha256(os.path.abspath(out).encode("utf-8")).hexdigest()[:24]
    try:
        locks = Path(tempfile.gettempdir()) / "kg-saves"
        locks.mkdir(exist_ok=True)
        with contextlib.suppress(OSError):  # every user's runs share it, as /tmp itself
            os.chmod(locks, 0o1777)
        handle = os.open(locks / f"{name}.lock", os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        yield
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # and the lock with it


@contextlib.contextmanager
def staged(folder: Path) -> Iterator[Staging]:
    """Inside this block, write_text into ``folder`` stages files for one :meth:`Staging.commit`;
    leaving the block without a commit (an error, Ctrl-C) removes them."""
    staging = Staging(folder)
    token = STAGE.set(staging)
    try:
        yield staging
    finally:
        STAGE.reset(token)
        staging.discard()


# --- manifest.json ----------------------------------------------------------------------------------


def manifest_text(manifest: dict[str, object]) -> str:
    return json.dumps({"tool": TOOL_NAME, **manifest}, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def read_manifest(path: Path) -> dict[str, object]:
    """The manifest at ``path``; one that is no JSON object raises :class:`ManifestError` naming it."""
    try:
        manifest = json.loads(read_regular(path, max_bytes=_MANIFEST_MAX_BYTES).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise ManifestError(path, f"not valid JSON ({error})") from error
    if not isinstance(manifest, dict):
        raise ManifestError(path, f"a JSON {type(manifest).__name__}, not the object a manifest is")
    return manifest


def kg_manifest(folder: Path) -> dict[str, object] | None:
    """``folder``'s manifest.json if kg wrote it (a run or a ``kg ego`` output), else None."""
    try:
        manifest = read_manifest(folder / MANIFEST)
    except (InputError, ValueError, RecursionError):
        return None
    return manifest if isinstance(manifest, dict) and manifest.get("tool") == TOOL_NAME else None


def output_kind(folder: Path) -> str | None:
    """ "run" or "ego" for a folder holding kg's output, None for any other folder."""
    manifest = kg_manifest(folder)
    return None if manifest is None else str(manifest.get("kind") or "run")


def present(folder: Path, name: str) -> bool:
    """Whether ``folder/name`` exists as a file of the run its manifest.json describes.

    Raises :class:`StaleOutputError` for a file the manifest does not vouch for: left by an earlier run
    (a stage command replaced the run's earlier stages), or changed since it was written (a save that
    was cut short, an edit). A folder without a manifest is taken as it is."""
    path = folder / name
    manifest = kg_manifest(folder)
    outputs = manifest.get("outputs") if manifest is not None else None
    stage = OUTPUT_STAGE.get(name, "graph")
    if not path.exists():
        if isinstance(outputs, dict) and name in outputs:  # deleted since: the run reads as a whole or not
            raise StaleOutputError(
                path, "is missing, though manifest.json lists it as a file of the run", stage
            )
        return False
    if manifest is None:
        return True
    if isinstance(outputs, dict):  # written by this version: the manifest lists its files
        entry = outputs.get(name)
        if not isinstance(entry, dict):
            raise StaleOutputError(path, "is not one of the files of the run in manifest.json", stage)
        if entry.get("bytes") != path.stat().st_size:
            raise StaleOutputError(path, "has changed since the run wrote it", stage)
        return True
    counts = manifest.get("counts")
    if isinstance(counts, dict) and stage not in counts:  # an older manifest: counts for the stages run
        raise StaleOutputError(
            path, f"is from an earlier run (manifest.json records no {stage} stage)", stage
        )
    return True


def reusable_run(folder: Path, fingerprint: str) -> dict[str, object] | None:
    """The manifest of the complete run in ``folder`` when its ``fingerprint`` (see
    :mod:`pipeline.fingerprint`) is the one given and every file it lists is there as written (size and
    SHA-256); else None. A run with failed articles is never reused: they are tried again."""
    manifest = kg_manifest(folder)
    if manifest is None or manifest.get("kind", "run") != "run" or manifest.get("fingerprint") != fingerprint:
        return None
    outputs = manifest.get("outputs")
    if not isinstance(outputs, dict) or "graph.html" not in outputs or manifest.get("failed"):
        return None
    for name, entry in outputs.items():
        path = folder / name
        if not isinstance(entry, dict) or not path.is_file() or path.stat().st_size != entry.get("bytes"):
            return None
        if hashlib.sha256(path.read_bytes()).hexdigest() != entry.get("sha256"):
            return None
    return manifest


# --- output folders ---------------------------------------------------------------------------------


def check_out(out: str | os.PathLike[str], *, force: bool) -> Path:
    """Refuse an output folder the run could not, or must not, be written into, before any work:
    a file, a non-empty folder that holds no earlier kg output (unless ``force``), a folder that cannot
    be written or made. Leaves nothing behind."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputDirError(out, "is a file, not a folder")
    if out.is_dir():
        if not force and not _ours(out):
            raise OutputDirError(
                out,
                f"is not empty and holds no earlier kg run (no {MANIFEST}); "
                f"choose an empty folder or pass {named('force')} to write into it anyway",
            )
        _probe(out)
        return out
    ancestor = out.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise OutputDirError(out, f"cannot be made: {ancestor} is a file, not a folder")
    # Nothing is written outside --out, not even a probe: access() also answers for read-only mounts
    # and immutable folders, root included.
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise OutputDirError(out, f"cannot be written (in {ancestor}): permission denied or read-only")
    _probe_mkdir(out, ancestor)
    return out


def _probe_mkdir(out: Path, ancestor: Path) -> None:
    """Make and remove the first folder of ``out`` that is missing: access() says yes to root in
    folders no one can make anything in (/proc, /sys), and the save would fail only after the work."""
    first = missing_part(out) or out
    try:
        os.mkdir(first)
    except FileExistsError:
        return  # made meanwhile by someone else: theirs, and it can be made
    except OSError as error:
        raise OutputDirError(out, f"cannot be made (in {ancestor}): {error.strerror or error}") from error
    with contextlib.suppress(OSError):
        os.rmdir(first)


def missing_part(out: Path) -> Path | None:
    """The first folder of ``out`` (``out`` itself or a parent) that does not exist yet, else None: what a
    save made and removes again if it saves nothing."""
    if os.path.lexists(out):
        return None
    first = out
    while not os.path.lexists(first.parent) and first.parent != first:
        first = first.parent
    return first


def prepare_out(out: Path, *, force: bool) -> Path:
    """Create ``out`` after :func:`check_out`'s checks, removing temporaries an interrupted kg save left."""
    check_out(out, force=force)
    made = missing_part(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        if made is not None:
            _remove_made(out, made)
        raise OutputWriteError(out, error, made=made is not None) from error
    for entry in os.scandir(out):
        if is_temporary(entry.name) and entry.is_file(follow_symlinks=False):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
    return out


def check_ego_out(
    out: str | os.PathLike[str], graph_dir: str | os.PathLike[str] | None, *, force: bool
) -> Path:
    """:func:`check_out` for ``kg ego``, which also never writes into a run's folder (even with --force:
    the run's nodes.csv and edges.csv would become the neighbourhood's under the run's manifest)."""
    out = Path(out)
    is_graph_dir = graph_dir is not None and out.exists() and os.path.samefile(out, graph_dir)
    if is_graph_dir or output_kind(out) == "run":
        default = f" (the default is {Path(graph_dir) / 'ego'})" if graph_dir is not None else ""
        raise OutputDirError(
            out,
            "holds a kg run; a neighbourhood (kg ego, ego().save()) has its own nodes.csv, edges.csv and "
            f"graph files and is never written into a run's folder: choose another folder{default}",
        )
    return check_out(out, force=force)


def check_diff_out(path: Path, *, force: bool) -> Path:
    """Refuse a file ``kg diff`` must not replace, before any work: a file of a kg output folder that its
    manifest.json lists (or could: any name a run writes), even with ``force``; anything that is not a
    regular file; an existing file that is not an earlier diff (unless ``force``). An earlier diff is
    replaced."""
    from pipeline.io.tables import is_diff

    for candidate in dict.fromkeys([Path(os.path.abspath(path)), path.resolve()]):
        manifest = kg_manifest(candidate.parent)
        outputs = manifest.get("outputs") if manifest is not None else None
        listed = isinstance(outputs, dict) and candidate.name in outputs
        if manifest is not None and (listed or candidate.name in OUTPUT_FILES):
            raise OutputFileError(
                path,
                f"is {candidate.name} of the kg output in {candidate.parent}; kg diff never replaces "
                "a run's files (not even with --force): choose another file",
            )
    if not os.path.lexists(path):
        return path
    if not path.is_file():
        raise OutputFileError(path, "is not a regular file: choose a CSV file")
    if not force and not is_diff(path):
        raise OutputFileError(
            path,
            "exists and is not an earlier kg diff (its first line is not diff.csv's header); "
            "choose another file or pass --force to replace it",
        )
    return path


@contextlib.contextmanager
def writing(out: Path, made: Path | None = None) -> Iterator[None]:
    """An OSError while saving into ``out`` (a full disk, a read-only folder) says the folder is unchanged.
    ``made``: the first folder of ``out`` that this save made (:func:`missing_part`); a save that fails
    or is interrupted removes it again, so that no empty folder is left where none was."""
    try:
        yield
    except BaseException as error:
        if made is not None:
            _remove_made(out, made)
        if isinstance(error, OSError):
            raise OutputWriteError(out, error, made=made is not None) from error
        raise


def _remove_made(out: Path, made: Path) -> None:
    """Remove ``out`` and its parents up to ``made`` while they are empty (never a file, never above)."""
    folder = out
    while True:
        try:
            os.rmdir(folder)
        except OSError:
            return
        if folder == made or folder.parent == folder:
            return
        folder = folder.parent


def _ours(folder: Path) -> bool:
    """Empty, or holding kg's output: a manifest kg wrote, or only kg's file names (a first save that
    was cut short before its manifest)."""
    if output_kind(folder) is not None:
        return True
    return all(entry.name in OUTPUT_FILES or is_temporary(entry.name) for entry in os.scandir(folder))


def _probe(out: Path) -> None:
    """Create and remove a file in ``out``: the one test of writability that holds for root too."""
    import secrets

    probe = out / f".kg-probe.{secrets.token_hex(8)}.tmp"
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        probe.unlink()
    except OSError as error:
        raise OutputDirError(out, f"cannot be written: {error.strerror or error}") from error
