"""Curated aliases: the analysts' list of canonical names, pairs that never merge, strings to drop."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipeline.errors import AliasesFileError
from pipeline.names import name_key
from pipeline.records import ENTITY_TYPES


@dataclass
class Curated:
    """What an aliases.yml says: canonical names (with their type) by alias key, never-merge pairs,
    dropped strings."""

    canonical: dict[str, tuple[str, str]] = field(default_factory=dict)  # alias key -> (name, type)
    never: list[tuple[str, str]] = field(default_factory=list)  # pairs of name keys
    drop: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path) -> Curated:
        if not path.is_file():
            raise AliasesFileError(path, "aliases file not found")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            raise AliasesFileError(path, f"not valid YAML ({error})") from error
        if not isinstance(data, dict):
            raise AliasesFileError(path, f"an aliases file is a YAML mapping, not a {type(data).__name__}")
        curated = cls()
        for index, item in enumerate(data.get("entities") or [], start=1):
            if not isinstance(item, dict) or not item.get("name") or item.get("type") not in ENTITY_TYPES:
                raise AliasesFileError(
                    path, f"entity #{index} ({item!r}) needs a name and a type ({', '.join(ENTITY_TYPES)})"
                )
            name, kind = str(item["name"]), str(item["type"])
            for alias in [name, *(str(a) for a in item.get("aliases") or [])]:
                curated.canonical.setdefault(name_key(alias), (name, kind))
        for pair in data.get("never_merge") or []:
            if not isinstance(pair, list) or len(pair) != 2:
                raise AliasesFileError(path, f"never_merge entries are pairs of names, got {pair!r}")
            curated.never.append((name_key(str(pair[0])), name_key(str(pair[1]))))
        curated.drop = {name_key(str(s)) for s in data.get("drop") or []}
        return curated
