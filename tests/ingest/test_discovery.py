"""Which files a folder gives: hidden files and folders accounted for as ignored, a file reached through
a link named by its own path. Names invented."""

from __future__ import annotations

from pathlib import Path

from pipeline.ingest import ingest


def test_hidden_files_and_folders_are_ignored_and_listed(write, tmp_path: Path) -> None:
    write("quellby.txt", "Quellby floods\nThe Varn rose.")
    write(".draft.jsonl", '{"text": "Orla Quist spoke."}\n')
    write(".archive/old.jsonl", '{"text": "Tarnvel voted."}\n')
    write("2024/.DS_Store", b"\x00\x00\x00\x01Bud1")
    corpus = ingest([tmp_path], language=None)
    assert [a.body for a in corpus.articles] == ["The Varn rose."]
    assert corpus.files == (str(tmp_path / "quellby.txt"),)
    assert corpus.ignored == tuple(str(tmp_path / n) for n in (".archive", ".draft.jsonl", "2024/.DS_Store"))


def test_a_hidden_file_named_on_the_command_line_is_read(write) -> None:
    path = write(".draft.jsonl", '{"text": "Orla Quist spoke."}\n')
    assert [a.body for a in ingest([path], language=None).articles] == ["Orla Quist spoke."]


def test_a_file_reached_through_a_link_is_named_by_its_own_path(write, tmp_path: Path) -> None:
    real = write("2024/01/quellby.txt", "Quellby floods\nThe Varn rose.")
    (tmp_path / "a_link.txt").symlink_to(real)
    corpus = ingest([tmp_path], language=None)
    assert corpus.files == (str(real),)
    assert [a.source for a in corpus.articles] == [str(real)]


def test_the_summary_counts_ignored_files(kg, write, tmp_path: Path) -> None:
    write("in/quellby.txt", "Quellby floods\nThe Varn rose across the town on Tuesday.")
    write("in/photo.jpg", b"\xff\xd8")
    write("in/.notes.txt", "Hidden\nNot read.")
    result = kg("ingest", tmp_path / "in", "--out", tmp_path / "out", "--language", "any")
    assert result.code == 0, result.stderr
    assert "0 input(s) skipped, 2 file(s) ignored." in result.stdout


def test_a_link_loop_and_a_broken_link_in_a_folder_are_named_as_such(tmp_path: Path) -> None:
    from pipeline.ingest.discovery import discover

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text("Quellby floods\n\nRain fell on Quellby.", encoding="utf-8")
    (folder / "l1.txt").symlink_to("l2.txt")
    (folder / "l2.txt").symlink_to("l1.txt")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    files, _, skipped, _ = discover([folder], follow_links=True)
    assert [f.name for f in files] == ["ok.txt"]
    assert {Path(s.source).name: s.reason.split("(")[1].split(")")[0] for s in skipped} == {
        "gone.txt": "a broken link",
        "l1.txt": "a loop of links",
        "l2.txt": "a loop of links",
    }
