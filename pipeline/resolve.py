"""Resolve: mentions -> canonical entities, one node per real-world person, group or place.

Mentions are grouped by their normalized spelling (:func:`pipeline.names.name_key`), then groups are
joined by rules, each recorded in merges.csv with a score:

* ``curated``    an alias listed in models/aliases.yml (which also says what never merges and what to drop);
* ``acronym``    a definition in the text, "Syrian Democratic Forces (SDF)"; bare "SDF" elsewhere joins too
                 unless the corpus defines SDF as two different things;
* ``initials``   an all-caps name equal to the initials of one longer group in the same article;
* ``short name`` a surname or name tail ("Starmer" -> "Keir Starmer"), or a group name that is part of
                 a longer one with the same head word ("the Board of Deputies", "the Observatory"), or
                 a truncation ("the Met" -> "Metropolitan Police"). One-word names are first resolved
                 inside their own article and only then, if unambiguous, across the corpus;
* ``fuzzy``      spelling variants ("Ras al-Ayn" / "Ras Al-Ain", "Hasaka" / "Hasakah"), with rapidfuzz.
                 Guards: same type, same number of words, every word matching (digits exactly, short
                 words exactly or by consonants), so "UK Treasury" never meets "US Treasury".

An entity's type is the majority of its mentions' types (a curated type wins).
"""

from __future__ import annotations

import dataclasses
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipeline.config import DEFAULT_ALIASES
from pipeline.errors import UsageError, failure_of
from pipeline.names import display_name, head_word, initials, load_patterns, name_key, skeleton, slug
from pipeline.records import ENTITY_TYPES, Entity, Extraction, Failure, Mention, Merge, Resolution

#: Token similarity (rapidfuzz ratio, 0-100) above which two longer words are spelling variants.
TOKEN_SIMILARITY = 80
#: Whole-name similarity for one-word names, which have no other words to anchor them.
SINGLE_WORD_SIMILARITY = 85
#: Whole-name similarity below which two names are never compared word by word (a fast prefilter).
SHORTLIST_SIMILARITY = 60
#: Scores written to merges.csv for rule-based merges.
CORPUS_SCORE = 0.7

_GLOBAL = "*"
Element = tuple[str, str]  # (scope: article id or "*", name key)


def resolve(
    extractions: Sequence[Extraction],
    *,
    aliases: str | os.PathLike[str] | None = DEFAULT_ALIASES,
) -> Resolution:
    """Group the person/group/place mentions of ``extractions`` into entities."""
    curated = _Curated.load(Path(aliases)) if aliases else _Curated()
    state = _State(curated)
    failures: dict[str, Failure] = {}  # an article's first failure; its mentions keep an empty node id
    for extraction in extractions:
        try:
            placed = [(mention, state.place(mention)) for mention in extraction.mentions]
        except Exception as error:
            failures[extraction.article_id] = _failure(error, extraction.article_id, "mentions")
            continue
        for mention, place in placed:  # all or nothing: an article is added once every mention is placed
            if place is not None:
                state.add(mention, *place)
    state.link_acronyms([e for e in extractions if e.article_id not in failures], failures)
    state.link_articles(failures)
    state.link_across_corpus()
    state.link_fuzzy()
    resolution = state.build(extractions)
    return dataclasses.replace(resolution, failures=tuple(failures[a] for a in sorted(failures)))


def _failure(error: Exception, article_id: str, step: str) -> Failure:
    return failure_of(error, article_id=article_id, stage="resolve", step=step)


# --- curated aliases --------------------------------------------------------------------------------


@dataclass
class _Curated:
    canonical: dict[str, tuple[str, str]] = field(default_factory=dict)  # alias key -> (name, type)
    never: list[tuple[str, str]] = field(default_factory=list)  # pairs of name keys
    drop: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path) -> _Curated:
        if not path.exists():
            raise UsageError(f"aliases file not found: {path}")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            raise UsageError(f"{path}: not valid YAML ({error})") from error
        curated = cls()
        for index, item in enumerate(data.get("entities") or [], start=1):
            if not isinstance(item, dict) or not item.get("name") or item.get("type") not in ENTITY_TYPES:
                raise UsageError(
                    f"{path}: entity #{index} ({item!r}) needs a name and a type ({', '.join(ENTITY_TYPES)})"
                )
            name, kind = str(item["name"]), str(item["type"])
            for alias in [name, *(str(a) for a in item.get("aliases") or [])]:
                curated.canonical.setdefault(name_key(alias), (name, kind))
        for pair in data.get("never_merge") or []:
            if not isinstance(pair, list) or len(pair) != 2:
                raise UsageError(f"{path}: never_merge entries are pairs of names, got {pair!r}")
            curated.never.append((name_key(str(pair[0])), name_key(str(pair[1]))))
        curated.drop = {name_key(str(s)) for s in data.get("drop") or []}
        return curated


# --- the working state ------------------------------------------------------------------------------


@dataclass
class _Group:
    """A union-find set of elements: everything needed to check a merge is allowed."""

    keys: set[str] = field(default_factory=set)
    curated: str = ""  # canonical name if the set holds a curated entity
    size: int = 1  # elements in the set
    types: Counter[str] = field(default_factory=Counter)  # type votes of all its mentions


class _State:
    def __init__(self, curated: _Curated) -> None:
        self.curated = curated
        self.patterns = load_patterns()
        self.parent: dict[Element, Element] = {}
        self.groups: dict[Element, _Group] = {}
        self.mentions: list[tuple[Mention, Element]] = []
        self.surfaces: dict[Element, Counter[str]] = defaultdict(Counter)
        self.types: dict[Element, Counter[str]] = defaultdict(Counter)
        self.articles: dict[str, set[Element]] = defaultdict(set)
        self.joined_by: dict[Element, tuple[str, float]] = {}
        self.by_key: dict[str, set[Element]] = defaultdict(set)
        self.positions: dict[Element, list[tuple[str, int, int]]] = defaultdict(
            list
        )  # (article, start, sentence)
        self._kinds: dict[Element, str] = {}
        self.element_articles: dict[Element, set[str]] = defaultdict(set)

    # union-find -------------------------------------------------------------------------------------

    def element(self, element: Element, curated: str = "") -> Element:
        if element not in self.parent:
            self.parent[element] = element
            self.groups[element] = _Group(keys={element[1]}, curated=curated)
            self.by_key[element[1]].add(element)
        return element

    def find(self, element: Element) -> Element:
        root = element
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[element] != root:
            self.parent[element], element = root, self.parent[element]
        return root

    def union(self, alias: Element, canonical: Element, rule: str, score: float) -> bool:
        """Join ``alias``'s set into ``canonical``'s, unless a guard forbids it."""
        a, b = self.find(alias), self.find(canonical)
        if a == b:
            return True
        ga, gb = self.groups[a], self.groups[b]
        if ga.curated and gb.curated and ga.curated != gb.curated:
            return False
        for left, right in self.curated.never:
            if (left in ga.keys and right in gb.keys) or (right in ga.keys and left in gb.keys):
                return False
        self.parent[a] = b
        gb.keys |= ga.keys
        gb.curated = gb.curated or ga.curated
        gb.size += ga.size
        gb.types.update(ga.types)
        del self.groups[a]
        self.joined_by.setdefault(alias, (rule, score))
        return True

    def kind(self, element: Element) -> str:
        """Majority type of one element's own mentions (fixed once mentions are added)."""
        if element not in self._kinds:
            self._kinds[element] = _majority(self.types[element])
        return self._kinds[element]

    def type_of(self, element: Element) -> str:
        return _majority(self.groups[self.find(element)].types)

    # adding mentions --------------------------------------------------------------------------------

    def place(self, mention: Mention) -> tuple[str, Element, str] | None:
        """(name key, element, curated name) a mention joins, or None if it joins none; changes nothing."""
        if mention.type not in ENTITY_TYPES:
            return None
        key = name_key(mention.text)
        if not key or key in self.curated.drop:
            return None
        if key in self.curated.canonical:
            name, _ = self.curated.canonical[key]
            return key, (_GLOBAL, name_key(name)), name
        if len(key.split()) == 1 and mention.type in {"person", "group"}:
            return key, (mention.article_id, key), ""  # a short form: resolved in its article first
        return key, (_GLOBAL, key), ""

    def add(self, mention: Mention, key: str, element: Element, curated: str) -> None:
        element = self.element(element, curated=curated)
        self.mentions.append((mention, element))
        self.surfaces[element][mention.text] += 1
        self.types[element][mention.type] += 1
        self.groups[self.find(element)].types[mention.type] += 1
        self.articles[mention.article_id].add(element)
        self.by_key[key].add(element)
        self.positions[element].append((mention.article_id, mention.start, mention.sentence))
        self.element_articles[element].add(mention.article_id)

    # rules ------------------------------------------------------------------------------------------

    def link_articles(self, failures: dict[str, Failure]) -> None:
        """Short forms -> a longer name in the same article: the one that fits, or the one just before.
        An article whose rules raise is recorded in ``failures``; the merges made before stay."""
        for article_id in sorted(self.articles):
            try:
                self._link_article(article_id)
            except Exception as error:
                failures.setdefault(article_id, _failure(error, article_id, "short names"))

    def _link_article(self, article_id: str) -> None:
        present = sorted(self.articles[article_id])
        # Each short form is compared with the names that could match it (holding its words, its
        # initials, a first-word prefix or a close surname), not with every name of the article.
        index = _NameIndex(present, self._surface)
        for element in present:
            if self.groups[self.find(element)].curated:
                continue
            kind = _majority(self.types[element])
            surface = self._surface(element)
            acronym = surface.replace(".", "") if surface.isupper() and len(surface) >= 2 else ""
            pool = index.around(element[1], initials=acronym, surnames=True)
            for rule, candidates, score in self._short_form_candidates(element, kind, pool, article_id):
                target = self._pick(element, candidates, article_id)
                if target is not None:
                    self.union(element, target, rule, score)
                    break

    def _pick(self, element: Element, candidates: Sequence[Element], article_id: str) -> Element | None:
        """The one candidate entity, or among several the one named last before ``element`` (at most one
        sentence earlier), as a reader would take "the Bank" right after "the Bank of England"."""
        general = _most_general(candidates)
        roots = {self.find(c) for c in general}
        if len(roots) == 1:
            return roots.pop()
        if not roots:
            return None
        first = min(p for p in self.positions[element] if p[0] == article_id)
        preceding = [
            (position, self.find(c))
            for c in general
            for position in self.positions[c]
            if position[0] == article_id and position[1] < first[1]
        ]
        if not preceding:
            return None
        (_, _, sentence), root = max(preceding)
        return root if sentence >= first[2] - 1 else None

    def _short_form_candidates(
        self, element: Element, kind: str, present: Sequence[Element], article_id: str | None = None
    ) -> Iterable[tuple[str, list[Element], float]]:
        """(rule, candidates, score) in order of preference. ``article_id`` set: candidates are in that
        article, which allows the riskier rules (given names, mistyped surnames, spelling variants)."""
        key = element[1]
        words = key.split()
        longer = [c for c in present if c != element and len(c[1].split()) > len(words)]
        same_kind = [c for c in longer if self.kind(c) == kind]
        people = [c for c in longer if self.kind(c) == "person"]
        if kind == "person":
            yield "short name", [c for c in same_kind if c[1].split()[-len(words) :] == words], 1.0
        elif kind == "group":
            surface = self._surface(element)
            if surface.isupper() and len(surface) >= 2:
                yield (
                    "initials",
                    [c for c in same_kind if initials(self._surface(c)) == surface.replace(".", "")],
                    1.0,
                )
            head = head_word(key)
            yield (
                "short name",
                [c for c in same_kind if head_word(c[1]) == head and _subsequence(words, c[1].split())],
                1.0,
            )
            if len(words) == 1 and len(key) >= 3 and not surface.isupper():
                yield (
                    "short name",
                    [c for c in same_kind if c[1].split()[0].startswith(key) and c[1].split()[0] != key],
                    0.9,
                )
        if article_id is None:
            return
        if kind == "person" and len(words) == 1:
            yield "short name", [c for c in same_kind if c[1].split()[0] == key], 0.9  # "Tedros"
        if kind == "person" or self._only_in(element, article_id):
            from rapidfuzz import fuzz

            # The model calls a surname a place or group now and then ("Scholz said"), or spells it
            # another way ("Zelenskyy"): a full name in the same article settles it.
            yield "short name", [c for c in people if c[1].split()[-len(words) :] == words], 0.9
            if len(words) == 1 and len(key) >= 5:
                yield (
                    "short name",
                    [c for c in people if _close_surname(key, c[1].split()[-1], fuzz.ratio)],
                    0.8,
                )

    def _only_in(self, element: Element, article_id: str) -> bool:
        return self.element_articles[element] == {article_id}

    def link_acronyms(self, extractions: Sequence[Extraction], failures: dict[str, Failure]) -> None:
        """ "Long Form (LF)" definitions: in the defining article always; elsewhere if the corpus agrees."""
        definitions: dict[str, set[str]] = defaultdict(set)
        for extraction in extractions:
            try:
                keys = [(name_key(short), name_key(long)) for short, long in extraction.abbreviations]
            except Exception as error:
                failures.setdefault(extraction.article_id, _failure(error, extraction.article_id, "acronyms"))
                continue
            for short, long in keys:
                definitions[short].add(long)
                short_element = (extraction.article_id, short)
                if short_element not in self.parent:
                    short_element = (_GLOBAL, short)
                long_element = (_GLOBAL, long)
                if short_element in self.parent and long_element in self.parent:
                    self.union(short_element, long_element, "acronym", 1.0)
        for short, longs in sorted(definitions.items()):
            targets = [(_GLOBAL, long) for long in longs if (_GLOBAL, long) in self.parent]
            if len({self.find(t) for t in targets}) != 1:
                continue  # undefined here, or defined as different things: leave to the articles
            for element in sorted(self.by_key.get(short, ())):
                if self.find(element) != self.find(targets[0]):
                    self.union(element, targets[0], "acronym", 1.0)

    def link_across_corpus(self) -> None:
        """Short forms no article resolved: join the one entity the corpus offers, else stand alone."""
        index = _NameIndex(
            [e for e in sorted(self.parent) if e[0] == _GLOBAL or len(e[1].split()) > 1], self._surface
        )
        for key in sorted(self.by_key):
            scoped = sorted(e for e in self.by_key[key] if e[0] != _GLOBAL)
            pending = [e for e in scoped if self.groups[self.find(e)].size == 1]
            if not pending:
                continue
            resolved = {self.find(e) for e in scoped if e not in pending}
            target: Element | None = next(iter(resolved)) if len(resolved) == 1 else None
            if not resolved:
                kind = _majority(sum((self.types[e] for e in pending), Counter()))
                for _, candidates, _ in self._short_form_candidates(pending[0], kind, index.around(key)):
                    roots = {self.find(c) for c in _most_general(candidates)}
                    if len(roots) == 1:
                        target = roots.pop()
                        break
            if target is not None:
                for element in pending:
                    self.union(element, target, "short name", CORPUS_SCORE)
                continue
            anchor = self.element((_GLOBAL, key))
            for element in pending:
                self.union(element, anchor, "spelling", 1.0)

    def link_fuzzy(self) -> None:
        """Spelling variants among the remaining sets, blocked by type, word count and first letter."""
        from rapidfuzz import fuzz

        # Only corpus-level names take part: a one-word short form was resolved inside its article on
        # purpose, and the same short form on two nodes ("Smith") must not pull them together.
        blocks: dict[tuple[str, int, str], list[tuple[Element, str]]] = defaultdict(list)
        for element in sorted(self.parent):
            if element[0] == _GLOBAL:
                key = element[1]
                blocks[(self.type_of(element), len(key.split()), key[:1])].append((element, key))
        from rapidfuzz import process

        for (kind, _, _), members in sorted(blocks.items()):
            if kind not in ENTITY_TYPES or len(members) < 2:
                continue
            keys = [key for _, key in members]
            # A C-speed shortlist: spelling variants score far above this on the whole name; only the
            # shortlisted pairs go through the word-by-word guard.
            scores = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=SHORTLIST_SIMILARITY)
            for i, j in zip(*scores.nonzero(), strict=True):
                if i >= j:
                    continue
                (root_a, key_a), (root_b, key_b) = members[i], members[j]
                if key_a == key_b or self.find(root_a) == self.find(root_b):
                    continue
                if _spelling_variants(key_a, key_b, fuzz.ratio):
                    score = round(fuzz.ratio(key_a, key_b) / 100, 3)
                    alias, canonical = sorted(
                        (self.find(root_a), self.find(root_b)),
                        key=lambda r: (sum(self.groups[r].types.values()), r),
                    )
                    self.union(alias, canonical, "fuzzy", score)

    # output -----------------------------------------------------------------------------------------

    def build(self, extractions: Sequence[Extraction]) -> Resolution:
        members: dict[Element, list[tuple[Mention, Element]]] = defaultdict(list)
        for mention, element in self.mentions:
            members[self.find(element)].append((mention, element))
        drafts = []
        for root, items in members.items():
            votes = Counter(m.type for m, _ in items)
            curated_name = self.groups[root].curated
            kind = self.curated.canonical[name_key(curated_name)][1] if curated_name else _majority(votes)
            if kind not in ENTITY_TYPES:
                continue
            surfaces = Counter(m.text for m, _ in items)
            # Labels and aliases as a reader sees them: an emoji or flag the model took into a name
            # ("Emmanuel Macron 🇫") is not part of it; merges.csv keeps every spelling as written.
            shown: Counter[str] = Counter()
            for text, count in surfaces.items():
                shown[display_name(text)] += count
            label = curated_name or _fullest(shown)
            if not curated_name:  # a tie goes to the type the fullest name was given
                given = Counter(m.type for m, _ in items if display_name(m.text) == label)
                kind = _majority(votes, tie_break=given)
            drafts.append((root, kind, label, items, surfaces, shown))
        node_ids = _node_ids([(kind, label, len(items)) for _, kind, label, items, _, _ in drafts])
        entities, merges, resolved = [], [], {}
        for (_, kind, label, items, surfaces, shown), node_id in zip(drafts, node_ids, strict=True):
            article_ids = tuple(sorted({m.article_id for m, _ in items}))
            entities.append(Entity(node_id, label, kind, tuple(sorted(shown)), len(items), article_ids))
            elements_of: dict[str, set[Element]] = defaultdict(set)
            for m, e in items:
                elements_of[m.text].add(e)
            for surface in sorted(surfaces):
                merges.append(
                    Merge(surface, node_id, *self._rule(surface, label, sorted(elements_of[surface])))
                )
            for mention, _ in items:
                resolved[id(mention)] = node_id
        # Mention(...) directly: dataclasses.replace costs several times more, on every mention of the corpus.
        mentions = tuple(
            Mention(
                m.article_id,
                m.sentence,
                m.start,
                m.end,
                m.text,
                m.label,
                m.type,
                m.origin,
                resolved.get(id(m), ""),
            )
            for e in extractions
            for m in e.mentions
        )
        return Resolution(
            entities=tuple(sorted(entities, key=lambda e: e.node_id)),
            merges=tuple(sorted(merges, key=lambda m: (m.node_id, m.alias))),
            mentions=mentions,
        )

    def _rule(self, surface: str, label: str, elements: list[Element]) -> tuple[str, float]:
        if surface == label:
            return "label", 1.0
        key = name_key(surface)
        if key == name_key(label):
            return "spelling", 1.0
        if key in self.curated.canonical:
            return "curated", 1.0
        rules = sorted(
            (self.joined_by[e] for e in elements if e in self.joined_by), key=lambda r: (-r[1], r[0])
        )
        return rules[0] if rules else ("spelling", 1.0)

    def _surface(self, element: Element) -> str:
        counter = self.surfaces.get(element)
        return counter.most_common(1)[0][0] if counter else element[1]


class _NameIndex:
    """Candidate long names that hold the words of a short form, its initials or a first-word prefix, or
    whose last word could be the short form misspelled, so look-ups do not scan every name."""

    def __init__(self, elements: Sequence[Element], surface: object) -> None:
        self.by_word: dict[str, set[Element]] = defaultdict(set)
        self.by_initials: dict[str, set[Element]] = defaultdict(set)
        self.by_last_word: dict[str, set[Element]] = defaultdict(set)
        self.last_words: dict[tuple[str, int], set[str]] = defaultdict(set)  # (first letter, length) -> words
        firsts = []
        for element in elements:
            words = element[1].split()
            for word in words:
                self.by_word[word].add(element)
            self.by_initials[initials(surface(element))].add(element)  # type: ignore[operator]
            firsts.append((words[0], element))
            self.by_last_word[words[-1]].add(element)
            self.last_words[(words[-1][:1], len(words[-1]))].add(words[-1])
        self.firsts = sorted(firsts)

    def around(self, key: str, *, initials: str = "", surnames: bool = False) -> list[Element]:
        """Names holding every word of ``key``, having its letters (or ``initials``) as initials, or a
        first word it begins; with ``surnames``, also names whose last word is ``key`` spelled another
        way ("Zelenskyy" / "Zelensky")."""
        import bisect

        # Every rule wants all of the short form's words in the long name: the smallest word set, filtered.
        words = key.split()
        sets = sorted((self.by_word.get(word, set()) for word in words), key=len)
        found: set[Element] = {e for e in sets[0] if all(e in other for other in sets[1:])} if sets else set()
        found |= self.by_initials.get(key.replace(" ", "").upper(), set())
        if initials:
            found |= self.by_initials.get(initials, set())
        position = bisect.bisect_left(self.firsts, (key,))
        while position < len(self.firsts) and self.firsts[position][0].startswith(key):
            found.add(self.firsts[position][1])
            position += 1
        if surnames and key:
            from rapidfuzz import fuzz

            for length in range(len(key) - 2, len(key) + 3):
                for word in self.last_words.get((key[:1], length), ()):
                    if _close_surname(key, word, fuzz.ratio):
                        found |= self.by_last_word[word]
        return sorted(found)


# --- pure helpers -----------------------------------------------------------------------------------


def _majority(votes: Counter[str], tie_break: Counter[str] | None = None) -> str:
    """The most voted entity type; "other" only when nobody voted for a real type. Ties go to the
    ``tie_break`` votes, then to the type the model is least likely to give by mistake: place, group, person."""
    real = {t: n for t, n in votes.items() if t in ENTITY_TYPES}
    if not real:
        return "other"
    preference = {"place": 0, "group": 1, "person": 2}
    tie_break = tie_break or Counter()
    return sorted(real.items(), key=lambda kv: (-kv[1], -tie_break[kv[0]], preference[kv[0]]))[0][0]


def _most_general(candidates: Sequence[Element]) -> list[Element]:
    """Drop candidates that extend another one: for "Fed", "Federal Reserve" and not also
    "Federal Reserve Bank of New York"."""
    keys = {c[1] for c in candidates}
    # c[1].startswith(k + " ") for some key k: some word-prefix of c[1] is a key (one look-up per space).
    return [c for c in candidates if not any(c[1][:i] in keys for i, ch in enumerate(c[1]) if ch == " ")]


def _close_surname(a: str, b: str, ratio: object) -> bool:
    """ "Zelenskyy" / "Zelensky": one surname spelled two ways."""
    return a[0] == b[0] and abs(len(a) - len(b)) <= 2 and ratio(a, b) >= SINGLE_WORD_SIMILARITY  # type: ignore[operator]


def _subsequence(short: Sequence[str], long: Sequence[str]) -> bool:
    iterator = iter(long)
    return all(word in iterator for word in short)


def _fullest(surfaces: Counter[str]) -> str:
    """The label: most words, not an all-caps acronym, then most frequent, then alphabetical."""

    def rank(item: tuple[str, int]) -> tuple[int, int, int, str]:
        text, count = item
        acronym = text.replace(".", "").isupper() and len(text.split()) == 1
        return (acronym, -len(text.split()), -count, text)

    return sorted(surfaces.items(), key=rank)[0][0]


def _spelling_variants(a: str, b: str, ratio: object) -> bool:
    """Word-by-word guard: every word equal or a close variant, digits equal, and for several-word
    names at least one identical word of three letters or more to anchor the match."""
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b) or a == b:
        return a == b
    if len(words_a) == 1:  # nothing else anchors the match: close spelling and nearly the same length
        similar = ratio(a, b) >= SINGLE_WORD_SIMILARITY  # type: ignore[operator]
        return min(len(a), len(b)) >= 4 and abs(len(a) - len(b)) <= 1 and similar
    anchored = False
    for x, y in zip(words_a, words_b, strict=True):
        if x == y:
            anchored = anchored or len(x) >= 3
            continue
        if any(ch.isdigit() for ch in x + y):
            return False
        close = min(len(x), len(y)) >= 4 and ratio(x, y) >= TOKEN_SIMILARITY  # type: ignore[operator]
        same_consonants = skeleton(x) == skeleton(y) and skeleton(x) != "" and x[0] == y[0]
        if not (close or same_consonants):
            return False
    return anchored


def _node_ids(items: Sequence[tuple[str, str, int]]) -> list[str]:
    """type:slug ids; a clash (two entities, one slug) numbers the less mentioned one."""
    order = sorted(range(len(items)), key=lambda i: (-items[i][2], items[i][1], items[i][0]))
    seen: Counter[str] = Counter()
    ids = [""] * len(items)
    for index in order:
        kind, label, _ = items[index]
        base = f"{kind}:{slug(label)}"
        seen[base] += 1
        ids[index] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return ids
