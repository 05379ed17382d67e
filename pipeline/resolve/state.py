"""The working state of resolution: elements joined by union-find, and what is known of each element.

An element is a spelling in a scope: ``(scope, name key)``, where the scope is ``"*"`` (the corpus) for
most names and an article id for a one-word person or group name, which is first resolved inside its own
article (and for a group name an article extends into another body than most articles do,
:attr:`State.scoped`). Every mention joins one element (:meth:`State.place`, :meth:`State.add`); rules
then join elements into sets (:meth:`State.union`), refused when a guard says the two must stay apart
(two curated entities, a ``never_merge`` pair). Each set becomes one entity
(:mod:`pipeline.resolve.assemble`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from pipeline.errors import failure_of
from pipeline.gazetteer import AP_STATE_ABBREVIATIONS, is_first_name
from pipeline.names import name_key
from pipeline.records import ENTITY_TYPES, Failure, Mention
from pipeline.resolve.curated import Curated

GLOBAL = "*"
Element = tuple[str, str]  # (scope: article id or "*", name key)


def failed(error: Exception, article_id: str, step: str) -> Failure:
    """The record of ``error`` raised while resolution's ``step`` processed one article."""
    return failure_of(error, article_id=article_id, stage="resolve", step=step)


@dataclass
class Group:
    """A union-find set of elements: everything needed to check a merge is allowed."""

    keys: set[str] = field(default_factory=set)
    curated: str = ""  # canonical name if the set holds a curated entity
    size: int = 1  # elements in the set
    types: Counter[str] = field(default_factory=Counter)  # type votes of all its mentions


class State:
    """Union-find over elements, with each element's mentions, spellings, type votes, articles and
    positions: what the rules (:mod:`pipeline.resolve.rules`) look at and join."""

    def __init__(self, curated: Curated) -> None:
        self.curated = curated
        self.parent: dict[Element, Element] = {}
        self.groups: dict[Element, Group] = {}
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
        self._full_names_by_last_word: dict[str, list[Element]] | None = None
        #: the words of each article's headline (name keys): the person or group a headline names is
        #: the one its article is about
        self.headlines: dict[str, frozenset[str]] = {}
        self.element_articles: dict[Element, set[str]] = defaultdict(set)
        #: elements whose mentions a rule typed, whatever the model said ("the Varnholms" of the
        #: "Varnholm Islands" are a place even where the model read an organization)
        self.typed: dict[Element, str] = {}
        #: (article, acronym key) of each curated acronym an article defines as something else ("Quellian
        #: National Army (QNA)" where the list says QNA is a news agency): there the article's meaning holds
        self.redefined: set[tuple[str, str]] = set()
        #: spellings never an entity's label: typos of another ("Taipai"), a place's formal style
        #: ("City of Quellby")
        self.not_labels: set[str] = set()
        #: (article, name key) of the group names resolved inside their article first, as one-word names
        #: are: a part of several different longer names across the corpus ("the Foreign Ministry")
        self.scoped: set[tuple[str, str]] = set()

    # union-find -------------------------------------------------------------------------------------

    def element(self, element: Element, curated: str = "") -> Element:
        if element not in self.parent:
            self.parent[element] = element
            self.groups[element] = Group(keys={element[1]}, curated=curated)
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

    def retype(self, element: Element, kind: str) -> None:
        """Count every mention of ``element`` as ``kind``: a rule knows better than the model's labels."""
        votes = self.types[element]
        group = self.groups[self.find(element)]
        group.types.subtract(votes)
        group.types = +group.types  # no type left with no vote
        group.types[kind] += sum(votes.values())
        self.types[element] = Counter({kind: sum(votes.values())})
        self._kinds.pop(element, None)
        self.typed[element] = kind

    def kind(self, element: Element) -> str:
        """Majority type of one element's own mentions (fixed once mentions are added); a curated entity's
        own type, which its mentions take ("the European Commission" the model read as a place once)."""
        if element not in self._kinds:
            entry = self.curated.canonical.get(element[1]) if element[0] == GLOBAL else None
            if entry is not None and name_key(entry[0]) == element[1] and entry[1] in ENTITY_TYPES:
                self._kinds[element] = entry[1]
            else:
                self._kinds[element] = majority(self.types[element], person_first=self.named_person(element))
        return self._kinds[element]

    def type_of(self, element: Element) -> str:
        root = self.find(element)
        return majority(self.groups[root].types, person_first=self.named_person(root))

    def named_person(self, element: Element) -> bool:
        """Is the element a first name and more, whose last word its articles name alone as a person
        ("Orla Quistby" and "Quistby said"), or one word that ends the full name of a person of the
        corpus ("Quistby" and "Orla Quistby" anywhere)? A tie of its votes then goes to the person."""
        words = element[1].split()
        if len(words) == 1:
            return any(
                majority(self.types[full]) == "person" for full in self._full_names().get(words[0], ())
            )
        if not is_first_name(words[0]):
            return False
        articles = self.element_articles[element]
        return any(
            other[0] in articles and majority(self.types[other]) == "person"
            for other in self.by_key[words[-1]]
        )

    def _full_names(self) -> dict[str, list[Element]]:
        """Corpus-wide names of several words, by last word; built once, when first asked (after every
        mention is added)."""
        if self._full_names_by_last_word is None:
            found: dict[str, list[Element]] = defaultdict(list)
            for key, elements in self.by_key.items():
                words = key.split()
                if len(words) >= 2:
                    found[words[-1]].extend(e for e in sorted(elements) if e[0] == GLOBAL)
            self._full_names_by_last_word = dict(found)
        return self._full_names_by_last_word

    # adding mentions --------------------------------------------------------------------------------

    def place(self, mention: Mention, *, state: bool = False) -> tuple[str, Element, str] | None:
        """(name key, element, curated name) a mention joins, or None if it joins none; changes nothing.
        ``state``: the mention stands where a US state's AP abbreviation names the state ("Birmingham,
        Ala."), which it joins then."""
        if mention.type not in ENTITY_TYPES:
            return None
        key = name_key(mention.text)
        if not key or key in self.curated.drop:
            return None
        if key in self.curated.canonical and (mention.article_id, key) not in self.redefined:
            name, _ = self.curated.canonical[key]
            return key, (GLOBAL, name_key(name)), name
        named = AP_STATE_ABBREVIATIONS.get(mention.text) if state and mention.type == "place" else None
        if named is not None:  # "Birmingham, Ala.": written with its stop, as the wire writes it
            return key, (GLOBAL, name_key(named)), ""
        one_word = len(key.split()) == 1 or key in self.curated.each_story  # "Governor-General" too
        if (one_word and mention.type in {"person", "group"}) or (mention.article_id, key) in self.scoped:
            return key, (mention.article_id, key), ""  # a short form: resolved in its article first
        return key, (GLOBAL, key), ""

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

    # what the rules ask ------------------------------------------------------------------------------

    def surface(self, element: Element) -> str:
        """The element's most frequent spelling as written."""
        counter = self.surfaces.get(element)
        return counter.most_common(1)[0][0] if counter else element[1]

    def only_in(self, element: Element, article_id: str) -> bool:
        """Is every mention of ``element`` in this one article?"""
        return self.element_articles[element] == {article_id}


def majority(
    votes: Counter[str], tie_break: Counter[str] | None = None, *, person_first: bool = False
) -> str:
    """The most voted entity type; "other" only when nobody voted for a real type. Ties go to the
    ``tie_break`` votes, then to the type the model is least likely to give by mistake: place, group,
    person; or first to the person when something else says so (``person_first``).

    >>> votes = Counter({"person": 1, "place": 1})
    >>> majority(votes), majority(votes, person_first=True)
    ('place', 'person')
    """
    real = {t: n for t, n in votes.items() if t in ENTITY_TYPES}
    if not real:
        return "other"
    preference = {"place": 0, "group": 1, "person": -1 if person_first else 2}
    tie_break = tie_break or Counter()
    return sorted(real.items(), key=lambda kv: (-kv[1], -tie_break[kv[0]], preference[kv[0]]))[0][0]
