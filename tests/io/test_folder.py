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
