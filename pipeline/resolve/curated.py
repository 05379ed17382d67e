"""Curated aliases: the analysts' list of canonical names, pairs that never merge, strings to drop."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from pipeline.errors import AliasesFileError
from pipeline.names import name_key
from pipeline.records import ENTITY_TYPES
from pipeline.wordlists import parse_yaml

#: Similarity (rapidfuzz ratio, 0-100) at which a long form is one of the list's spellings of a name.
SAME_SPELLING = 90


#: The keys an aliases file may hold.
_KEYS = ("entities", "never_merge", "drop", "each_story")


@dataclass
class Curated:
    """What an aliases.yml says: canonical names (with their type) by alias key, never-merge pairs,
    dropped strings, words that name another body in every story."""

    canonical: dict[str, tuple[str, str]] = field(default_factory=dict)  # alias key -> (name, type)
    never: list[tuple[str, str]] = field(default_factory=list)  # pairs of name keys
    drop: set[str] = field(default_factory=set)
    #: words that name another body in every story: never joined across articles
    each_story: set[str] = field(default_factory=set)
    #: every name and alias as written, with its type: extraction tags them (the longer ones) where written
    spellings: dict[str, str] = field(default_factory=dict)

    def same(self, short: str, long: str) -> bool:
        """Does the curated list give the name keys ``short`` and ``long`` one canonical name, ``long``
        spelled as listed or nearly ("organisation" for "organization")?

        >>> curated = Curated(canonical={"qto": ("QTO", "group"), "quell treaty organization": ("QTO", "group")})
        >>> curated.same("qto", "quell treaty organisation"), curated.same("qto", "quell trade office")
        (True, False)
        """
        if short not in self.canonical:
            return False
        name = self.canonical[short][0]
        if self.canonical.get(long, ("",))[0] == name:
            return True
        listed = [key for key, (canonical, _) in self.canonical.items() if canonical == name]
        return any(fuzz.ratio(long, key) >= SAME_SPELLING for key in listed)

    @classmethod
    def load(cls, path: Path) -> Curated:
        if not path.is_file():
            raise AliasesFileError(path, "aliases file not found")
        try:
            data = parse_yaml(path.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            raise AliasesFileError(path, f"not valid YAML ({error})") from error
        if not isinstance(data, dict):
            raise AliasesFileError(path, f"an aliases file is a YAML mapping, not a {type(data).__name__}")
        unknown = sorted(str(key) for key in data if key not in _KEYS)
        if unknown:  # a misspelt "entitys:" would replace the package's list with an empty one, unsaid
            raise AliasesFileError(
                path, f"unknown key {', '.join(map(repr, unknown))} (the keys: {', '.join(_KEYS)})"
            )
        curated = cls()
        entities = data.get("entities") or []
        if not isinstance(entities, list):  # "entities: Syria" was read letter by letter
            raise AliasesFileError(
                path, f"entities is a list of entities (name, type, aliases), not {entities!r}"
            )
        owner: dict[str, tuple[int, str]] = {}  # name key -> (entity number, name) that lists it
        for index, item in enumerate(entities, start=1):
            if not isinstance(item, dict) or not item.get("name"):
                raise AliasesFileError(
                    path, f"entity #{index} ({item!r}) needs a name and a type ({', '.join(ENTITY_TYPES)})"
                )
            if item.get("type") not in ENTITY_TYPES:
                raise AliasesFileError(
                    path,
                    f"entity #{index} ({item['name']!r}): type {item.get('type')!r} is none of {', '.join(ENTITY_TYPES)}",
                )
            name, kind = str(item["name"]), str(item["type"])
            for alias in [name, *(str(a) for a in item.get("aliases") or [])]:
                key = name_key(alias)
                earlier = owner.get(key)
                if earlier is not None and earlier[1] != name:  # one name for two entities, or a cycle
                    raise AliasesFileError(
                        path,
                        f"{alias!r} is listed under entity #{earlier[0]} ({earlier[1]!r}) and entity #{index} ({name!r}): a name names one entity",
                    )
                owner[key] = (index, name)
                curated.canonical.setdefault(key, (name, kind))
                curated.spellings.setdefault(alias, kind)
        for pair in data.get("never_merge") or []:
            if not isinstance(pair, list) or len(pair) != 2:
                raise AliasesFileError(path, f"never_merge entries are pairs of names, got {pair!r}")
            curated.never.append((name_key(str(pair[0])), name_key(str(pair[1]))))
        curated.drop = {name_key(str(s)) for s in data.get("drop") or []}
        curated.each_story = {name_key(str(s)) for s in data.get("each_story") or []}
        return curated
