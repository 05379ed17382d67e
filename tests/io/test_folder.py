"""The checks on an output folder before any work, and what a failed save leaves behind."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from pipeline.errors import OutputDirError, OutputWriteError
from pipeline.io.folder import check_out, missing_part, prepare_out, writing

needs_proc = pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")


@needs_proc
@pytest.mark.parametrize("out", ["/proc/kg-nothing", "/proc/kg-nothing/deeper"])
def test_an_out_that_cannot_be_made_is_refused_before_any_work(out: str) -> None:
    # /proc says writable to root (access()), yet nothing can be made in it
    with pytest.raises(OutputDirError, match=f"out='{out}' cannot be"):
        check_out(out, force=False)


@needs_proc
def test_kg_run_into_an_out_that_cannot_be_made_exits_2(kg, write, tmp_path: Path) -> None:
    write("in/a.txt", "Title\nOrsa Quist met Varn Dask in Quellby.")
    result = kg("run", tmp_path / "in", "--out", "/proc/kg-nothing", "--model", "no_such_model_x")
    assert result.code == 2 and result.stderr.startswith("error: --out /proc/kg-nothing cannot be")
    assert "left as it was" not in result.stderr


def test_checking_a_new_out_leaves_nothing_behind(tmp_path: Path) -> None:
    assert check_out(tmp_path / "new" / "run", force=False) == tmp_path / "new" / "run"
    assert not any(tmp_path.iterdir())
    assert missing_part(tmp_path / "new" / "run") == tmp_path / "new"
    assert missing_part(tmp_path) is None


def test_a_failed_save_removes_the_folders_it_made_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "new" / "run"
    made = missing_part(out)
    prepare_out(out, force=False)
    with pytest.raises(OutputWriteError) as raised, writing(out, made):
        raise OSError(errno.ENOSPC, "No space left on device")
    assert str(raised.value).endswith("nothing was saved and the folder was not made")
    assert not (tmp_path / "new").exists()

    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "keep.txt").write_text("x")
    with pytest.raises(OutputWriteError, match="the folder was left as it was"), writing(tmp_path / "old"):
        raise OSError(errno.ENOSPC, "No space left on device")
    assert (tmp_path / "old" / "keep.txt").exists()


def test_an_interrupted_save_removes_the_folder_it_made(tmp_path: Path) -> None:
    out = tmp_path / "run"
    made = missing_part(out)
    prepare_out(out, force=False)
    with pytest.raises(KeyboardInterrupt), writing(out, made):
        raise KeyboardInterrupt
    assert not out.exists()


def test_a_save_waits_while_another_process_saves_into_its_folder(write, tmp_path: Path) -> None:
    # Another kg process is saving into "run": its temporary file is there and it holds the folder's lock.
    # A save started meanwhile must neither remove that temporary (as an interrupted save's) nor write:
    # it waits, then replaces the other's run whole.
    import subprocess
    import sys
    import threading

    from pipeline.api import build

    out = tmp_path / "run"
    other = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, sys\n"
            "from pathlib import Path\n"
            "from pipeline.io.folder import one_save_at_a_time\n"
            f"out = Path({str(out)!r})\n"
            "with one_save_at_a_time(out):\n"
            "    out.mkdir()\n"
            "    (out / '.nodes.csv.0123456789abcdef.tmp').write_text('id\\n')\n"
            "    print('saving', flush=True)\n"
            "    sys.stdin.read()\n"
            "    os.replace(out / '.nodes.csv.0123456789abcdef.tmp', out / 'nodes.csv')\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert other.stdout is not None and other.stdin is not None
    assert other.stdout.readline() == "saving\n"
    result = build(write("a.txt", "Title\nOrla Quist met Varn Osk in Quellby."), stop_after="ingest")
    saved = threading.Event()
    saving = threading.Thread(target=lambda: (result.save(out), saved.set()))
    saving.start()
    assert not saved.wait(0.5)  # waiting for the other process's save
    assert (out / ".nodes.csv.0123456789abcdef.tmp").exists()
    other.stdin.close()
    assert other.wait(30) == 0  # its save completed: nothing of it was taken away
    saving.join(30)
    assert saved.is_set()
    assert (out / "articles.csv").exists() and not list(out.glob(".*.tmp"))


def _saved(folder: Path, files: dict[str, str], **manifest: object) -> None:
    """A committed save of ``files`` into ``folder`` with ``manifest``."""
    from pipeline.io.folder import staged

    folder.mkdir(parents=True, exist_ok=True)
    with staged(folder) as staging:
        for name, text in files.items():
            staging.add(name, text.encode("utf-8"))
        staging.commit({"kind": "run", **manifest})


def test_only_temporaries_of_the_runs_own_files_are_the_projects() -> None:
    from pipeline.io.folder import is_temporary

    assert is_temporary(".nodes.csv.0123456789abcdef.tmp")
    assert not is_temporary(".quellby.csv.0123456789abcdef.tmp")  # the user's
    assert not is_temporary(".nodes.csv.0123456789abcdeg.tmp")


def test_a_file_changed_since_the_save_is_refused(tmp_path: Path) -> None:
    from pipeline.errors import StaleOutputError
    from pipeline.io.folder import present

    _saved(tmp_path, {"nodes.csv": "id\nplace:quellby\n"})
    assert present(tmp_path, "nodes.csv") and not present(tmp_path, "edges.csv")
    (tmp_path / "nodes.csv").write_text("id\nplace:quellby\nplace:varn\n", encoding="utf-8")
    with pytest.raises(StaleOutputError, match="has changed since the run wrote it"):
        present(tmp_path, "nodes.csv")
    (tmp_path / "edges.csv").write_text("source,target\n", encoding="utf-8")
    with pytest.raises(StaleOutputError, match="is not one of the files of the run"):
        present(tmp_path, "edges.csv")


def test_a_run_with_failed_articles_is_never_reused(tmp_path: Path) -> None:
    from pipeline.io.folder import reusable_run

    _saved(tmp_path / "ok", {"graph.html": "<p>Quellby</p>"}, fingerprint="f1")
    assert reusable_run(tmp_path / "ok", "f1") is not None and reusable_run(tmp_path / "ok", "f2") is None
    _saved(tmp_path / "failed", {"graph.html": "<p>Quellby</p>"}, fingerprint="f1", failed=[{"x": 1}])
    assert reusable_run(tmp_path / "failed", "f1") is None


def test_a_folder_of_the_users_needs_force_and_keeps_its_files(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "articles.csv").write_text("Ilse Varga's own table\n", encoding="utf-8")
    (mine / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputDirError, match="is not empty and holds no earlier kg run"):
        check_out(mine, force=False)
    assert check_out(mine, force=True) == mine
    _saved(mine, {"nodes.csv": "id\n"})  # no earlier kg run here: a file of a run's name is the user's
    assert (mine / "articles.csv").read_text(encoding="utf-8") == "Ilse Varga's own table\n"
    _saved(mine, {"edges.csv": "source,target\n"})  # now a run's: its stale nodes.csv goes
    assert not (mine / "nodes.csv").exists() and (mine / "notes.txt").exists()


def test_a_neighbourhood_is_never_written_into_a_run(tmp_path: Path) -> None:
    from pipeline.io.folder import check_ego_out

    _saved(tmp_path / "run", {"nodes.csv": "id\n"})
    with pytest.raises(OutputDirError, match="holds a kg run"):
        check_ego_out(tmp_path / "run", None, force=True)
    assert check_ego_out(tmp_path / "ego", tmp_path / "run", force=False) == tmp_path / "ego"
