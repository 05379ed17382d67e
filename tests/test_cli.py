from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_help_lists_every_command_with_its_summary(kg, monkeypatch) -> None:
    from pipeline.cli import app, cache_app

    monkeypatch.setenv("COLUMNS", "250")  # no wrapping: each summary is one line of the help
    lines = kg("--help").stdout.splitlines()
    commands = [(c.name or c.callback.__name__, c.callback) for c in app.registered_commands]
    # the commands of the README's "Command line" section, in its order
    assert [name for name, _ in commands] == [
        "run", "ingest", "extract", "resolve", "graph", "export", "ego", "stats", "diff", "eval"
    ]  # fmt: skip
    for name, callback in commands:
        summary = callback.__doc__.splitlines()[0].strip()
        assert any(line.split()[1:2] == [name] and summary in line for line in lines if line.split()), name
    assert any(
        line.split()[1:2] == ["cache"] and cache_app.info.help in line for line in lines if line.split()
    )


def test_run_help_shows_the_settings_defaults(kg, monkeypatch) -> None:
    from pipeline.config import DEFAULTS

    monkeypatch.setenv("COLUMNS", "250")
    result = kg("run", "--help")
    assert result.code == 0
    shown = {line.split()[1]: line for line in result.stdout.splitlines() if line.split()[1:2]}
    for option, value in [
        ("--top", DEFAULTS.top),
        ("--window", DEFAULTS.window),
        ("--workers", DEFAULTS.workers),
        ("--min-weight", DEFAULTS.min_weight),
        ("--max-file-mb", DEFAULTS.max_file_mb),
        ("--engine", DEFAULTS.engine),
        ("--model", DEFAULTS.model),
    ]:
        assert f"[default: {value}]" in shown[option], option
    assert "--models" in shown and "--aliases" in shown


def test_ingest_writes_articles_and_manifest(kg, seeds_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    result = kg("ingest", seeds_dir, "--out", out)
    assert result.code == 0, result.stderr
    rows = _rows(out / "articles.csv")
    assert list(rows[0])[:4] == ["article_id", "source", "title", "duplicate_of"]
    kept = [r for r in rows if not r["duplicate_of"]]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["ingest"]["articles"] == len(rows)
    assert manifest["counts"]["ingest"]["kept"] == len(kept)
    assert manifest["counts"]["ingest"]["duplicates"] == len(rows) - len(kept)
    assert f"{len(rows)} articles, {len(kept)} kept" in result.stdout


def test_same_input_gives_byte_identical_articles(kg, seeds_dir: Path, tmp_path: Path) -> None:
    assert kg("ingest", seeds_dir, "--out", tmp_path / "a").code == 0
    assert kg("ingest", seeds_dir, "--out", tmp_path / "b").code == 0
    assert (tmp_path / "a" / "articles.csv").read_bytes() == (tmp_path / "b" / "articles.csv").read_bytes()


def test_bad_inputs_are_reported_and_good_ones_kept(kg, write, tmp_path: Path) -> None:
    write("in/good.txt", "Good\nGood body.")
    write("in/empty.txt", "")
    write("in/feed.jsonl", '{"text": "Fine."}\n{oops\n')
    result = kg("ingest", tmp_path / "in", "--out", tmp_path / "out")
    assert result.code == 0
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    reasons = {item["source"]: item["reason"] for item in manifest["skipped"]}
    assert reasons == {
        str(tmp_path / "in" / "empty.txt"): "empty file",
        # the line is named, and the reason says what is wrong where
        str(tmp_path / "in" / "feed.jsonl") + ":2": (
            "malformed JSON (Expecting property name enclosed in double quotes at column 2)"
        ),
    }
    assert f"{tmp_path / 'in' / 'empty.txt'}: empty file" in result.stderr
    assert len(_rows(tmp_path / "out" / "articles.csv")) == 2


def test_a_run_that_keeps_no_article_writes_every_table_and_the_stages_go_on(
    kg, write, tmp_path: Path
) -> None:
    write("in/feed.jsonl", '{"title": "Quellby", "text": ""}\n')
    run, staged = tmp_path / "run", tmp_path / "staged"
    assert kg("run", tmp_path / "in", "--out", run, "--no-cache").code == 0
    for name in (
        "sentences.csv",
        "mentions.csv",
        "numbers.csv",
        "abbreviations.csv",
        "nodes.csv",
        "edges.csv",
    ):
        assert len(_rows(run / name)) == 0 and (run / name).read_text(encoding="utf-8").strip(), (
            name
        )  # a header
    assert kg("ingest", tmp_path / "in", "--out", staged).code == 0
    for stage in ("extract", "resolve", "graph", "export"):
        assert kg(stage, staged, *(["--no-cache"] if stage == "extract" else [])).code == 0, stage
    assert (staged / "mentions.csv").read_bytes() == (run / "mentions.csv").read_bytes()


def test_a_row_read_with_a_note_is_counted_and_listed(kg, write, tmp_path: Path) -> None:
    write(
        "in/feed.csv", "title,text,date\nQuellby,Orla Varnholm spoke.,2031-02-03\nTarnwick,Ede Solm left.\n"
    )
    result = kg("ingest", tmp_path / "in", "--out", tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    note = "row has 2 cells, header has 3: date left empty"
    assert manifest["notes"] == [{"source": str(tmp_path / "in" / "feed.csv") + ":3", "note": note}]
    assert manifest["counts"]["ingest"]["read_with_notes"] == 1
    assert "1 read with a note." in result.stdout and note in result.stderr


def test_missing_path_exits_2(kg, tmp_path: Path) -> None:
    result = kg("run", tmp_path / "missing", "--out", tmp_path / "out")
    assert result.code == 2
    assert "input not found" in result.stderr and "missing" in result.stderr


def test_folder_without_inputs_exits_2(kg, write, tmp_path: Path) -> None:
    write("in/readme.md", "hello")
    result = kg("run", tmp_path / "in", "--out", tmp_path / "out")
    assert result.code == 2
    assert "no supported input files" in result.stderr


def test_bad_option_exits_2(kg, seeds_dir: Path, tmp_path: Path) -> None:
    assert kg("run", seeds_dir, "--out", tmp_path / "o", "--no-such-option").code == 2


def test_out_refuses_a_foreign_non_empty_folder(kg, seeds_dir: Path, write, tmp_path: Path) -> None:
    write("mine/thesis.docx", b"precious")
    result = kg("ingest", seeds_dir, "--out", tmp_path / "mine")
    assert result.code == 2 and "--force" in result.stderr
    assert not (tmp_path / "mine" / "articles.csv").exists()
    assert kg("ingest", seeds_dir, "--out", tmp_path / "mine", "--force").code == 0
    # an earlier run's folder is fine to overwrite without --force
    assert kg("ingest", seeds_dir, "--out", tmp_path / "mine").code == 0


def test_messages_name_the_command_lines_flags(kg, write, tmp_path: Path) -> None:
    # build() names settings as Python writes them (window='page'); kg keeps its flags
    write("in/a.txt", "Title\nOrsa Quist met Varn Dask in Quellby.")
    out = tmp_path / "out"
    window = kg("run", tmp_path / "in", "--out", out, "--window", "page")
    assert window.code == 2
    assert "error: --window: 'page' is not valid; expected sentence | paragraph | article" in window.stderr
    dates = kg("ingest", tmp_path / "in", "--out", out, "--since", "2020-01-02", "--until", "2020-01-01")
    assert (
        "--until: '2020-01-01' is not valid; expected a date on or after --since 2020-01-02" in dates.stderr
    )
    write("mine/notes.txt", "mine")
    foreign = kg("ingest", tmp_path / "in", "--out", tmp_path / "mine")
    assert f"error: --out {tmp_path / 'mine'} is not empty" in foreign.stderr
    assert "pass --force to write into it anyway" in foreign.stderr


def test_a_run_that_keeps_nothing_warns_once_in_its_own_words(kg, write, tmp_path: Path) -> None:
    import warnings

    from pipeline.errors import NothingKeptWarning

    write("in/feed.jsonl", '{"text": "Orsa Quist met Varn Dask in Quellby."}\n')
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = kg("ingest", tmp_path / "in", "--out", tmp_path / "out", "--text-field", "body")
    assert not [w for w in caught if issubclass(w.category, NothingKeptWarning)]  # build()'s is for Python
    assert result.stderr.count("no article was kept") == 1 and "NothingKeptWarning" not in result.stderr
    assert "name it with --text-field (text_field= in Python)" in result.stderr


def test_a_named_file_of_another_kind_is_named(kg, write, tmp_path: Path) -> None:
    # it said "no supported input files in t.docx", as of a folder
    docx = write("t.docx", b"PK")
    result = kg("run", docx, "--out", tmp_path / "out")
    assert result.code == 2
    assert f"error: {docx} is not a supported input (supported: .txt, .jsonl" in result.stderr


def test_the_console_script_keeps_exit_codes_and_every_line_it_prints(write, tmp_path: Path) -> None:
    # console() leaves without the interpreter's teardown (os._exit): run it as its own process
    import subprocess
    import sys

    def console(*args: object) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pipeline.cli", *map(str, args)]
        return subprocess.run(command, capture_output=True, text=True, timeout=300)

    write("in/a.txt", "Quellby Council\n\nOrsa Quist met Varn Dask in Quellby on Monday.\n")
    done = console("ingest", tmp_path / "in", "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith(f"Wrote {tmp_path / 'out'}/")  # the last line reached the pipe
    assert (tmp_path / "out" / "manifest.json").is_file()
    missing = console("ingest", tmp_path / "missing", "--out", tmp_path / "other")
    assert missing.returncode == 2 and "input not found" in missing.stderr
    assert console("ingest", tmp_path / "in", "--no-such-option").returncode == 2


@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_an_aliases_file_that_is_missing_or_a_folder_is_refused_before_any_work(
    kg, write, tmp_path: Path, cache: list[str]
) -> None:
    # with the cache on, the run's fingerprint read the file first and died with a traceback
    write("in/a.txt", "Title\nOrsa Quist met Varn Dask in Quellby.")
    for aliases in (tmp_path / "nope.yml", tmp_path / "in"):
        result = kg("run", tmp_path / "in", "--out", tmp_path / "out", "--aliases", aliases, *cache)
        assert result.code == 2, result.stderr
        assert result.stderr == f"error: {aliases}: aliases file not found\n"
    assert not (tmp_path / "out").exists()


def test_word_lists_named_by_the_user_are_read_before_extraction(
    kg, write, tmp_path: Path, monkeypatch
) -> None:
    from pipeline import api

    write("in/a.txt", "Title\nOrsa Quist met Varn Dask in Quellby.")
    write("models/patterns.yml", "group_heads: [guild\n")
    write("aliases.yml", "- a list\n")
    monkeypatch.setattr(api, "build", lambda *args, **kwargs: pytest.fail("the run started"))
    out = tmp_path / "out"
    broken = kg("run", tmp_path / "in", "--out", out, "--models", tmp_path / "models")
    assert broken.code == 2 and f"{tmp_path / 'models' / 'patterns.yml'}: not valid YAML" in broken.stderr
    assert "Traceback" not in broken.stderr
    listed = kg("run", tmp_path / "in", "--out", out, "--aliases", tmp_path / "aliases.yml")
    assert listed.code == 2 and "a YAML mapping, not a list" in listed.stderr
    assert not out.exists()


def test_a_run_that_keeps_no_article_says_so_and_fails_only_with_strict(kg, write, tmp_path: Path) -> None:
    write("in/feed.jsonl", '{"text": "Orsa Quist met Varn Dask in Quellby.", "date": "2025-05-19"}\n')
    out = tmp_path / "out"
    left_out = kg("run", tmp_path / "in", "--out", out, "--since", "2030-01-01", "--cache", tmp_path / "c")
    assert left_out.code == 0, left_out.stderr
    assert (
        "warning: no article was kept: 1 article(s) left out by --since/--until; the outputs are empty "
        "(see skipped/left_out in manifest.json)"
    ) in left_out.stderr
    # the same run again is kept as it is, and says the same
    again = kg("run", tmp_path / "in", "--out", out, "--since", "2030-01-01", "--cache", tmp_path / "c", "--strict")  # fmt: skip
    assert "Nothing changed" in again.stdout and "no article was kept" in again.stderr
    assert again.code == 1 and "--strict: no article was kept" in again.stderr
    skipped = kg("run", tmp_path / "in", "--out", out, "--text-field", "nope", "--no-cache")
    assert skipped.code == 0 and "no article was kept: 1 input(s) skipped" in skipped.stderr
    strict = kg("ingest", tmp_path / "in", "--out", out, "--text-field", "nope", "--strict")
    feed = tmp_path / "in" / "feed.jsonl"
    assert strict.code == 1  # the message names the input skipped
    assert f"--strict: 1 input(s) were skipped ({feed}:1) and no article was kept" in strict.stderr
    kept = kg("ingest", tmp_path / "in", "--out", out, "--strict")
    assert kept.code == 0 and "warning" not in kept.stderr


def test_every_stage_command_takes_quiet(kg, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    for command in ("run", "ingest", "extract", "resolve", "graph", "export"):
        shown = [line.split()[1:3] for line in kg(command, "--help").stdout.splitlines()]
        assert ["--quiet", "-q"] in shown, command


def test_a_flag_shows_no_value_in_the_help(kg, monkeypatch) -> None:
    # Typer writes "<bool>" after a flag as if it took a value ("--force <bool>"); only its own --help keeps it
    monkeypatch.setenv("COLUMNS", "250")
    commands = [("run",), ("extract",), ("ego",), ("diff",), ("eval",), ("cache", "clear")]
    flags = {}
    for command in commands:
        for line in kg(*command, "--help").stdout.splitlines():
            words = line.split()
            if words[1:2] and words[1].startswith("--") and words[1] != "--help":
                flags[(*command, words[1])] = line
    shown = {f[-1] for f in flags}
    assert {"--force", "--quiet", "--strict", "--no-cache", "--baseline", "--details"} <= shown
    assert [line for line in flags.values() if "<bool>" in line] == []
    assert "<path>" in flags[("run", "--out")]  # an option that takes a value still says which


def test_a_flag_keeps_its_help_and_short_name(kg, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    lines = {
        line.split()[1]: line for line in kg("run", "--help").stdout.splitlines() if line.split()[1:2] != []
    }
    assert "Write into a non-empty folder that holds no earlier run." in lines["--force"]
    assert "No progress bars, only warnings and the summary." in lines["--quiet"]
    assert "-q" in lines["--quiet"].split()
    [details] = [line for line in kg("eval", "--help").stdout.splitlines() if "--details" in line.split()]
    assert "list the wrong, missed and unmerged names." in details


@pytest.mark.model
def test_evidence_sets_the_sentences_kept_per_link(kg, write, tmp_path: Path) -> None:
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
    write("in/a.txt", "Title\n\n" + " ".join(f"Orsa Quist visited Quellby on {day}." for day in days))
    out = tmp_path / "out"

    def most_per_link() -> int:
        per_link = Counter((row["source"], row["target"]) for row in _rows(out / "evidence.csv"))
        return max(per_link.values())

    assert kg("run", tmp_path / "in", "--out", out, "--no-cache", "--evidence", "2", "-q").code == 0
    assert most_per_link() == 2
    assert json.loads((out / "manifest.json").read_text())["settings"]["evidence_limit"] == 2
    assert kg("graph", out, "--evidence", "3", "-q").code == 0
    assert most_per_link() == 3
    assert kg("run", tmp_path / "in", "--out", out, "--no-cache", "-q").code == 0
    assert most_per_link() == 5  # the default
    zero = kg("run", tmp_path / "in", "--out", out, "--evidence", "0")
    assert zero.code == 2 and "--evidence: 0 is not valid" in zero.stderr


def test_readers_say_what_a_folder_that_is_no_run_is(kg, write, tmp_path: Path) -> None:
    notes = write("in/notes.txt", "A story\n\nIlse Varga met members of the Orvo Union in Tarnow.\n")
    said = {}
    for name, path in (("file", notes), ("inputs", tmp_path / "in"), ("missing", tmp_path / "nope")):
        for command in (
            ["stats", path],
            ["diff", path, path, "--out", tmp_path / "d.csv"],
            ["ego", "x", "-g", path],
            ["ego", path, "x"],
        ):
            result = kg(*command)
            assert result.code == 2, (command, result.stderr)
            said.setdefault(name, set()).add(result.stderr.strip().split(": ", 2)[-1])
    assert said == {
        "file": {"is a file, not a run folder"},
        "inputs": {
            "holds no run (no edges.csv): give the folder a run was written into ('kg run INPUT... "
            "--out DIR', or 'kg ingest INPUT... --out DIR' for its first stage)"
        },
        "missing": {"no such folder"},
    }


def test_command_help_is_not_broken_where_the_source_wraps() -> None:
    # Rich keeps a docstring's line breaks: `kg --help` broke "keeps / the files already there"
    from pipeline.cli import app
    from pipeline.cli.reading import cache_app

    for info in (*app.registered_commands, *cache_app.registered_commands):
        assert info.callback is not None
        doc = info.callback.__doc__ or ""
        assert doc and all("\n" not in paragraph for paragraph in doc.split("\n\n")), info.callback


def test_a_run_names_the_first_hundred_skipped_inputs_and_counts_the_rest(kg, write, tmp_path) -> None:
    # a feed of thousands of empty items printed a line for each
    import json

    records = [{"title": f"Empty {i}", "text": ""} for i in range(105)]
    records.append(
        {"title": "Quellby floods", "text": "Rain fell on Quellby for a week, Orla Varnholm said."}
    )
    path = write("many.jsonl", "\n".join(json.dumps(r) for r in records))
    result = kg("ingest", path, "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(lines) == 101 and lines[0].startswith("skipped ") and "many.jsonl:1:" in lines[0]
    assert lines[-1] == 'skipped 5 more input(s), listed in manifest.json ("skipped")'
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["skipped"]) == 105
