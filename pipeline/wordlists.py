"""The word lists the rules read, and where they come from.

The package ships its own (``pipeline/data/``): ``patterns.yml`` (generic word classes: titles, the head
nouns of group and place names...) read by extraction, and ``aliases.yml`` (curated canonical names,
``never_merge`` pairs, strings to ``drop``) read by resolution. A *models folder* holding either file
replaces the package's file of that name: ``--models DIR`` (``Settings.models``), or by default a
``models/`` folder in the current directory that holds one of them. ``--aliases FILE`` replaces the
aliases alone.

>>> sorted(load_patterns().group_heads)[:3]
['administration', 'afc', 'agency']
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import BadSettingError, PatternsFileError

PATTERNS = "patterns.yml"
ALIASES = "aliases.yml"
#: The package's own lists.
PACKAGE_LISTS = Path(__file__).resolve().parent / "data"
#: The folder looked for in the current directory when no models folder is named.
MODELS_FOLDER = "models"


def default_models() -> str | None:
    """``./models`` (as an absolute path) when it holds a word list, else None (the package's lists)."""
    folder = Path.cwd() / MODELS_FOLDER
    if any((folder / name).is_file() for name in (PATTERNS, ALIASES)):
        return str(folder.resolve())
    return None


def word_list(name: str, models: str | os.PathLike[str] | None) -> Path:
    """The file ``name`` to read: the models folder's when it has one, else the package's."""
    if models is not None:
        folder = Path(models)
        # a folder holding neither list (a misspelt "alias.yml") would run on the package's lists unsaid
        if not folder.is_dir() or not any((folder / listed).is_file() for listed in (PATTERNS, ALIASES)):
            raise BadSettingError(
                "models", os.fspath(models), f"a folder holding {PATTERNS} and/or {ALIASES}"
            )
        if (folder / name).is_file():
            return folder / name
    return PACKAGE_LISTS / name


def aliases_file(aliases: str | os.PathLike[str] | None, models: str | os.PathLike[str] | None) -> Path:
    """The curated aliases file: ``aliases`` if given, else the models folder's or the package's."""
    return Path(aliases) if aliases else word_list(ALIASES, models)


@dataclass(frozen=True)
class Patterns:
    """Generic word classes from patterns.yml, and a digest of the file they came from (part of the
    extraction cache key: editing the file makes every article extracted again)."""

    person_titles: tuple[tuple[str, ...], ...]  # longest first
    group_heads: frozenset[str]
    place_heads: frozenset[str]
    place_followers: frozenset[str]
    locative: frozenset[str]
    #: Last words of a building's name ("Quellby Cemetery"): the place that starts it is where it stands.
    building_heads: frozenset[str] = frozenset()
    #: First words that make a name a place ("County Quellby", "Lake Osk").
    place_prefixes: frozenset[str] = frozenset()
    #: Nouns after a name that show it is a company ("Quellco shares").
    group_followers: frozenset[str] = frozenset()
    #: Nouns before a name that show it is a company or organization ("retailer Quellco").
    group_descriptors: frozenset[str] = frozenset()
    #: The descriptors that are a person's trade too ("publisher Orla Quist"): a full name keeps its person.
    trades: frozenset[str] = frozenset()
    #: Nouns before a name that say what a person is ("mathematician Orla Quist").
    person_descriptors: frozenset[str] = frozenset()
    #: Last words of the names of events and awards ("Quellby Cup", "Varn Prize"): no node.
    event_heads: frozenset[str] = frozenset()
    #: Nouns for a work a title follows ("the novel Varn"): the title is no person, group or place.
    work_nouns: frozenset[str] = frozenset()
    #: Last words of illnesses' names, and nouns after an eponym ("Quist's disease"): no node.
    illness_heads: frozenset[str] = frozenset()
    #: Fields of study ("Linguistics", "Computer Science"): alone, no entity.
    disciplines: frozenset[str] = frozenset()
    #: Peoples whose one member is a noun and no adjective ("arab", "kurd"): their plural names persons.
    peoples: frozenset[str] = frozenset()
    #: Religions and creeds ("islam", "hinduism"): groups, never places.
    religions: frozenset[str] = frozenset()
    #: First words (or two) that open an organization's name whatever the model called it ("Hizb", "Jaish",
    #: "Ansar al"), lowercase, a hyphen read as a space.
    group_prefixes: frozenset[str] = frozenset()
    #: Nouns after a name that make it a program's ("the Quellbot worm"): no node.
    program_nouns: frozenset[str] = frozenset()
    #: Nouns after a name with a number in it that make it a model of a machine ("QX-9 bombers"): no node.
    machine_nouns: frozenset[str] = frozenset()
    #: First words (or two) of the names of storms and operations ("Storm Quellan"): no node.
    event_prefixes: frozenset[str] = frozenset()
    #: Abbreviations of common nouns ("ai", "cctv", "mvp"): written in capitals alone, no name.
    common_abbreviations: frozenset[str] = frozenset()
    #: (formal, familiar) given names ("james", "jim"): a full name with either is one person.
    familiar_forms: frozenset[tuple[str, str]] = frozenset()
    digest: str = ""


def parse_yaml(text: str) -> Any:
    """The data of a YAML document, read by libyaml when PyYAML was built with it (several times faster
    than the pure-Python reader, the same data); raises ``yaml.YAMLError`` on bad YAML."""
    import yaml  # only when a file is read: a re-run with nothing changed reads none

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@functools.lru_cache(maxsize=8)
def load_patterns(path: Path | None = None) -> Patterns:
    """The word classes of the patterns file at ``path`` (None: the package's); a file that cannot be
    read as a YAML mapping raises :class:`~pipeline.errors.PatternsFileError`."""
    import yaml

    path = Path(path or PACKAGE_LISTS / PATTERNS)
    try:
        raw = path.read_bytes()
        data = parse_yaml(raw.decode("utf-8")) or {}
    except OSError as error:
        raise PatternsFileError(path, f"cannot be read ({error.strerror or error})") from error
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise PatternsFileError(path, f"not valid YAML ({error})") from error
    if not isinstance(data, dict):
        raise PatternsFileError(path, f"a patterns file is a YAML mapping, not a {type(data).__name__}")
    unknown = sorted(str(key) for key in data if key not in _PATTERN_KEYS)
    if unknown:  # a misspelt key ("persn_titles") would leave its list empty, unsaid
        import difflib

        close = [match for key in unknown for match in difflib.get_close_matches(key, _PATTERN_KEYS, n=1)]
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise PatternsFileError(path, f"unknown list {', '.join(map(repr, unknown))}{hint}")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in _listed(data, key, path))

    titles = sorted(
        {tuple(str(t).lower().split()) for t in _listed(data, "person_titles", path)},
        key=lambda t: (-len(t), t),
    )
    return Patterns(
        person_titles=tuple(titles),
        group_heads=words("group_heads"),
        place_heads=words("place_heads"),
        place_followers=words("place_followers"),
        locative=words("locative_prepositions"),
        building_heads=words("building_heads"),
        place_prefixes=words("place_prefixes"),
        group_followers=words("group_followers"),
        group_descriptors=words("group_descriptors"),
        trades=words("trades"),
        person_descriptors=words("person_descriptors"),
        event_heads=words("event_heads"),
        work_nouns=words("work_nouns"),
        illness_heads=words("illness_heads"),
        disciplines=words("disciplines"),
        peoples=words("peoples"),
        religions=words("religions"),
        group_prefixes=words("group_prefixes"),
        program_nouns=words("program_nouns"),
        machine_nouns=words("machine_nouns"),
        event_prefixes=words("event_prefixes"),
        common_abbreviations=words("common_abbreviations"),
        familiar_forms=_familiar_forms(data.get("familiar_forms") or {}, path),
        digest=hashlib.sha256(raw).hexdigest()[:12],
    )


#: The lists a patterns file may hold.
_PATTERN_KEYS = (
    "person_titles", "group_heads", "place_heads", "place_followers", "locative_prepositions", "building_heads",
    "place_prefixes", "group_prefixes", "group_followers", "group_descriptors", "trades", "person_descriptors",
    "event_heads", "program_nouns", "machine_nouns", "event_prefixes", "work_nouns", "illness_heads",
    "disciplines", "religions", "peoples", "common_abbreviations", "familiar_forms",
)  # fmt: skip


def _listed(data: dict[Any, Any], key: str, path: Path) -> list[object]:
    """The words of the list ``key`` (none when it is left out or empty); a value that is no list of
    words ("group_heads: agency", read letter by letter) raises :class:`~pipeline.errors.PatternsFileError`."""
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or any(isinstance(word, dict | list) or word is None for word in value):
        raise PatternsFileError(path, f"{key} is a list of words, not {value!r}"[:200])
    return value


def _familiar_forms(forms: object, path: Path) -> frozenset[tuple[str, str]]:
    """(formal, familiar) pairs of patterns.yml's ``familiar_forms``: formal names, each with a list of
    its forms (one form may stand alone); anything else raises :class:`~pipeline.errors.PatternsFileError`."""
    if not isinstance(forms, dict):
        raise PatternsFileError(
            path, f"familiar_forms is a mapping of formal names to forms, not a {type(forms).__name__}"
        )
    pairs = set()
    for formal, listed in forms.items():
        for form in [listed] if isinstance(listed, str) else listed or []:
            if not isinstance(form, str):
                raise PatternsFileError(path, f"familiar_forms: {formal!r} lists {form!r}, not a name")
            pairs.add((str(formal).lower(), form.lower()))
    return frozenset(pairs)
