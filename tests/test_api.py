"""The Python API behind ``kg`` and the notebooks: build/load, the DataFrames, top, ego and show."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.api import Result, build, load
from pipeline.config import DEFAULT_ALIASES, DEFAULT_MODEL, Settings
from pipeline.errors import BadOptionError, NotARunError, StageError, WorkerError

ROOT = Path(__file__).resolve().parent.parent


SEEDS = ROOT / "seeds"


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def test_import_pipeline_stays_light() -> None:
    done = run_python(
        "import sys, pipeline\n"
        "heavy = {'pipeline.api', 'pandas', 'networkx', 'spacy'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
        "from pipeline import Result, build, load\n"
        "import pipeline.api\n"
        "assert (build, load, Result) == (pipeline.api.build, pipeline.api.load, pipeline.api.Result)\n"
        "assert {'build', 'load', 'Result'} <= set(dir(pipeline))\n"
        "assert 'spacy' not in sys.modules\n"
        "try:\n"
        "    pipeline.nothing\n"
        "except AttributeError as error:\n"
        "    print(error)\n"
    )
    assert done.returncode == 0, done.stderr
    assert "has no attribute 'nothing'" in done.stdout


def test_settings_by_name() -> None:
    result = build(SEEDS, stop_after="ingest", window="paragraph", workers=2, aliases=DEFAULT_ALIASES)
    assert (result.settings.window, result.settings.workers) == ("paragraph", 2)
    assert result.settings.aliases == str(DEFAULT_ALIASES)  # a path is recorded as text
    combined = build(SEEDS, settings=Settings(min_weight=2), stop_after="ingest", window="article")
    assert (combined.settings.min_weight, combined.settings.window) == (2, "article")


def test_an_unknown_setting_is_named() -> None:
    with pytest.raises(TypeError, match=r"unknown setting\(s\) 'windw' \(did you mean window\?\)"):
        build(SEEDS, windw="paragraph")


def test_a_bad_setting_value_is_named() -> None:
    with pytest.raises(BadOptionError, match="--window: 'page' is not valid"):
        build(SEEDS, window="page")


@pytest.mark.parametrize(
    ("setting", "value", "option"),
    [
        ("top", "5", "--top"),
        ("workers", 2.0, "--workers"),
        ("min_weight", True, "--min-weight"),
        ("evidence_limit", None, "--evidence"),
        ("near_duplicate_threshold", "0.5", "--near-duplicate-threshold"),
    ],
)
def test_a_setting_of_the_wrong_type_is_named(setting: str, value: object, option: str) -> None:
    # top="5" raised a TypeError comparing text with a number; True counted as 1
    with pytest.raises(BadOptionError, match=f"^{option}: {re.escape(repr(value))} is not valid"):
        build(SEEDS, stop_after="ingest", **{setting: value})


def test_load_names_what_is_wrong_with_the_folder(seed_run: Path, tmp_path: Path) -> None:
    with pytest.raises(NotARunError, match=f"^{tmp_path / 'missing'}: no such folder$"):
        load(tmp_path / "missing")
    with pytest.raises(
        NotARunError, match=f"nodes.csv: is a file, not a run folder; its folder {seed_run} holds a run"
    ):
        load(seed_run / "nodes.csv")
    with pytest.raises(
        NotARunError,
        match=f"^{tmp_path}: holds no run \\(no articles.csv\\): give the folder a run was written into",
    ):
        load(tmp_path)
    with pytest.raises(
        StageError, match="unknown stage 'graphs'; stages are ingest, extract, resolve, graph"
    ):
        load(seed_run, through="graphs")  # a ValueError from tuple.index


@pytest.mark.model
def test_a_script_without_the_main_guard_is_told_to_add_it(tmp_path: Path) -> None:
    script = tmp_path / "noguard.py"
    script.write_text(
        "from pipeline import build\n"
        f"build({str(SEEDS / '000_841aebc9bbe2ba92.txt')!r}, workers=2, use_cache=False)\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith(
        "pipeline.errors.WorkerError: workers=2: worker processes die before finishing any"
    )
    assert f"Each one runs {script} again: put the code that calls build() under" in last
    assert "'if __name__ == \"__main__\":'" in last and "or run with workers=1 to see why" in last
    # kg, a module run with -m, a notebook: the message it always gave
    assert str(WorkerError(2)) == (
        "--workers 2: worker processes die before finishing any article; run with --workers 1 to see why"
    )


def test_one_path_or_several() -> None:
    assert len(build(str(SEEDS), stop_after="ingest").corpus.articles) == 10
    assert len(build([SEEDS / "000_841aebc9bbe2ba92.txt"], stop_after="ingest").corpus.articles) == 2


def test_quiet_unless_asked(capfd: pytest.CaptureFixture[str]) -> None:
    build(SEEDS, stop_after="ingest")
    assert capfd.readouterr() == ("", "")
    build(SEEDS, stop_after="ingest", progress=True)
    assert "ingest" in capfd.readouterr().err


@pytest.mark.model
def test_a_full_build_prints_nothing(write, capfd: pytest.CaptureFixture[str]) -> None:
    path = write(
        "one.txt",
        "Leaders meet\n\nKeir Starmer met Emmanuel Macron in Paris.\n\nStarmer then flew to Berlin.\n",
    )
    result = build(path)
    assert capfd.readouterr() == ("", "")
    assert {"Keir Starmer", "Emmanuel Macron"} <= set(result.entities.label)


def test_every_stage_reports_progress_and_the_save_is_timed(write, tmp_path: Path) -> None:
    path = write("one.txt", "Leaders meet\n\nOrla Quistberg met Velmor Oskany in Drovenmark.\n")
    seen: list[tuple[str, int, int]] = []
    result = build(
        path, progress=lambda stage, done, total: seen.append((stage, done, total)), use_cache=False
    )
    stages = list(dict.fromkeys(stage for stage, _, _ in seen))
    assert stages == ["ingest", "extract", "resolve", "graph"]
    # the corpus-wide stages are one step each: a line that shows their time as they run
    assert [s for s in seen if s[0] in ("resolve", "graph")] == [
        ("resolve", 0, 1),
        ("resolve", 1, 1),
        ("graph", 0, 1),
        ("graph", 1, 1),
    ]
    result.save(tmp_path / "run")
    timings = json.loads((tmp_path / "run" / "manifest.json").read_text(encoding="utf-8"))["timings"]
    assert {"ingest", "extract", "resolve", "graph", "save"} <= set(timings)


@pytest.mark.model
def test_load_needs_no_spacy(seed_run: Path) -> None:
    done = run_python(
        "import sys\n"
        "from pipeline import load\n"
        f"result = load({str(seed_run)!r})\n"
        "sizes = [len(getattr(result, name)) for name in ('articles', 'mentions', 'numbers', 'entities', 'edges')]\n"
        "top = result.top('place', 1).label[0]\n"
        "ego = result.ego('SDF')\n"
        "page = result.show()._repr_html_()\n"
        "assert 'spacy' not in sys.modules, 'spacy was imported'\n"
        "print(sizes, top, len(ego.entities))\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[10, 320, 32, 116, 299] Syria 12"


@pytest.mark.model
def test_repr_is_a_summary(seed_result: Result) -> None:
    text = repr(seed_result)
    assert text == (
        f"<Result of {SEEDS}: 10 articles (7 kept); 320 mentions, 32 numbers; 91 entities; "
        "a graph of 116 nodes and 299 edges>"
    )


def test_workers_start_early_only_when_the_cache_holds_nothing_of_the_model(tmp_path, monkeypatch) -> None:
    import pipeline.extract
    from pipeline import api
    from pipeline.cache import Cache
    from pipeline.extract import model_version

    started = []
    monkeypatch.setattr(pipeline.extract, "started_workers", lambda **kw: started.append(kw) or _Nothing())
    settings = Settings(model=DEFAULT_MODEL, workers=2, cache=str(tmp_path))
    with api._workers_ahead(settings, True):
        pass
    assert started == [{"model": DEFAULT_MODEL, "workers": 2}]  # an empty cache: everything will be extracted
    with Cache(tmp_path) as cache:
        cache.put_many([("k", _empty_extraction())], model=model_version(DEFAULT_MODEL))
    for ahead in (settings, Settings(model=DEFAULT_MODEL, workers=1, use_cache=False)):
        with api._workers_ahead(ahead, True) as pool:  # maybe nothing to extract; one worker is this one
            assert pool is None
    with api._workers_ahead(Settings(model=DEFAULT_MODEL, workers=2, use_cache=False), False) as pool:
        assert pool is None  # a run that stops before extraction
    assert len(started) == 1


class _Nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None


def _empty_extraction():
    from pipeline.records import Extraction

    return Extraction("a", (), (), ())


def test_with_several_workers_the_later_stages_modules_are_imported_while_they_extract(monkeypatch) -> None:
    import contextlib

    from pipeline import api

    events: list[str] = []

    class Thread:
        def join(self) -> None:
            events.append("joined")

    def importing(names):
        events.append("importing " + ",".join(names))
        return Thread()

    monkeypatch.setattr(api, "_importing", importing)
    monkeypatch.setattr(api, "_workers_ahead", lambda *_: contextlib.nullcontext(None))
    monkeypatch.setattr(api, "run_stage", lambda result, stage, **_: events.append(stage))
    monkeypatch.setattr(api, "LATER_MODULES", ("json.tool",))
    api.build(SEEDS, workers=2, use_cache=False)
    assert events == ["importing json.tool", "extract", "joined", "resolve", "graph"]
    events.clear()
    api.build(SEEDS, workers=1, use_cache=False)  # one process: it extracts, nothing waits
    api.build(SEEDS, workers=2, use_cache=False, stop_after="extract")  # nothing after extraction
    assert events == ["extract", "resolve", "graph", "extract"]


def test_a_thread_imports_the_modules_and_leaves_a_missing_one_to_the_stage() -> None:
    import sys

    from pipeline import api

    sys.modules.pop("json.tool", None)
    api._importing(["pipeline_no_such_module_qq", "json.tool"]).join()
    assert "json.tool" in sys.modules
