"""Assembly: the sets of elements the rules left become entities, merges and resolved mentions.

An entity's type is the majority of its mentions' types (a curated type wins); its label is the fullest
spelling (or the curated name); its node id is ``type:slug`` of the label, numbered on a clash.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from pipeline.gazetteer import AP_STATE_ABBREVIATIONS
from pipeline.names import display_name, name_key, slug
from pipeline.records import ENTITY_TYPES, PICTURE_ORIGINS, Entity, Extraction, Mention, Merge, Resolution
from pipeline.resolve.state import GLOBAL, Element, State, majority

#: The type each spaCy label gives a name; a mention typed otherwise was typed by a rule's evidence.
_LABEL_TYPES = {
    "PERSON": "person",
    "ORG": "group",
    "NORP": "person",  # a plural people-name: the label of an adjective never reaches here
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
#: How many model-labelled mentions one mention typed by evidence outweighs: "the Quellbora region" and
#: "in Quellbora" say place more surely than the model's "PERSON" on bare "Quellbora" elsewhere.
EVIDENCE_WEIGHT = 3


#: Origins of mentions that a rule found and typed by the text's layout, whatever the model said there:
#: a results table's teams, a dateline's city and agency.
_LAYOUT_ORIGINS = frozenset({"table", "dateline"})


def _weight(mention: Mention) -> int:
    """A mention's vote for its entity's type: :data:`EVIDENCE_WEIGHT` when a rule, not the model's label,
    typed it, or the layout it stands in did ("Quellby 2 Varn Rovers 1": teams, though the model reads
    "Quellby" as a person in the report beside it)."""
    if mention.origin in _LAYOUT_ORIGINS:
        return EVIDENCE_WEIGHT
    return EVIDENCE_WEIGHT if _LABEL_TYPES.get(mention.label, mention.type) != mention.type else 1


def assemble(state: State, extractions: Sequence[Extraction]) -> Resolution:
    """One entity per set of elements holding a person, group or place; its label, type, aliases and
    node id; a merge record for every spelling; and every mention of ``extractions`` with its node id."""
    # What an article defines as another name's short form ("Counsel Assisting" for "Orla Quist", an
    # acronym) is never the label while the name itself is a spelling of the entity.
    titles = frozenset(
        display_name(short)
        for extraction in extractions
        for short, long in extraction.abbreviations
        if name_key(short) != name_key(long) and _joined(state, name_key(short), name_key(long))
    ) | frozenset(display_name(name) for name in state.not_labels)
    # The sets holding a name of the corpus; each other one is of one story: its spellings were each
    # resolved inside their article ("the Government" no fuller name of its article named).
    corpus_wide = {state.find(element) for element in state.parent if element[0] == GLOBAL}
    members: dict[Element, list[tuple[Mention, Element]]] = defaultdict(list)
    for mention, element in state.mentions:
        members[state.find(element)].append((mention, element))
    drafts = []
    for root, items in members.items():
        # A name in a picture's caption counts in the stories that name it themselves: a file photo's
        # town, the photographer, a byline's city are no actors of the story (their mentions stay in
        # mentions.csv without a node), though other stories may name them.
        told = {m.article_id for m, _ in items if m.origin not in PICTURE_ORIGINS}
        items = [(m, e) for m, e in items if m.article_id in told]
        if not items:
            continue
        votes: Counter[str] = Counter()
        for mention, element in items:
            votes[state.typed.get(element, mention.type)] += _weight(mention)
        curated_name = state.groups[root].curated
        kind = state.curated.canonical[name_key(curated_name)][1] if curated_name else majority(votes)
        if kind not in ENTITY_TYPES:
            continue
        surfaces = Counter(m.text for m, _ in items)
        # Labels and aliases as a reader sees them: an emoji or flag the model took into a name
        # ("Emmanuel Macron 🇫") is not part of it; merges.csv keeps every spelling as written.
        shown: Counter[str] = Counter()
        for text, count in surfaces.items():
            shown[display_name(text)] += count
        label = curated_name or _fullest(shown, titles=titles)
        if (
            label in AP_STATE_ABBREVIATIONS
            and name_key(AP_STATE_ABBREVIATIONS[label]) in state.groups[root].keys
        ):
            label = AP_STATE_ABBREVIATIONS[label]  # the state's node, named by its abbreviation alone
        if not curated_name:  # a tie goes to the type the fullest name was given
            given: Counter[str] = Counter()
            for mention, element in items:
                if display_name(mention.text) == label:
                    given[state.typed.get(element, mention.type)] += _weight(mention)
            kind = majority(votes, tie_break=given, person_first=state.named_person(root))
            if _surnames_of_a_person(label, given, shown):
                kind = "person"

        drafts.append((root, kind, label, items, surfaces, shown))
    node_ids = _node_ids(
        [
            (
                kind,
                label,
                len(items),
                min((m.article_id, m.start) for m, _ in items),
                "" if root in corpus_wide else min(m.article_id for m, _ in items),
            )
            for root, kind, label, items, _, _ in drafts
        ]
    )
    entities, merges, resolved, kinds = [], [], {}, {}
    for (_, kind, label, items, surfaces, shown), node_id in zip(drafts, node_ids, strict=True):
        article_ids = tuple(sorted({m.article_id for m, _ in items}))
        entities.append(Entity(node_id, label, kind, tuple(sorted(shown)), len(items), article_ids))
        elements_of: dict[str, set[Element]] = defaultdict(set)
        for m, e in items:
            elements_of[m.text].add(e)
        for surface in sorted(surfaces):
            merges.append(
                Merge(surface, node_id, *_merge_rule(state, surface, label, sorted(elements_of[surface])))
            )
        for mention, _ in items:
            resolved[id(mention)] = node_id
            kinds[id(mention)] = kind
    # Mention(...) directly: dataclasses.replace costs several times more, on every mention of the corpus.
    mentions = tuple(
        Mention(
            m.article_id,
            m.sentence,
            m.start,
            m.end,
            m.text,
            m.label,
            kinds.get(id(m), m.type),  # the type decided over all of the entity's mentions
            m.origin,
            resolved.get(id(m), ""),
            m.type if kinds.get(id(m), m.type) != m.type else "",
        )
        for e in extractions
        for m in e.mentions
    )
    return Resolution(
        entities=tuple(sorted(entities, key=lambda e: e.node_id)),
        merges=tuple(sorted(merges, key=lambda m: (m.node_id, m.alias))),
        mentions=mentions,
    )


def _merge_rule(state: State, surface: str, label: str, elements: list[Element]) -> tuple[str, float]:
    """Why ``surface`` joined the entity called ``label``: merges.csv's rule and score."""
    if surface == label:
        return "label", 1.0
    key = name_key(surface)
    if key == name_key(label):
        return "spelling", 1.0
    if key in state.curated.canonical:
        return "curated", 1.0
    rules = sorted(
        (state.joined_by[e] for e in elements if e in state.joined_by), key=lambda r: (-r[1], r[0])
    )
    return rules[0] if rules else ("spelling", 1.0)


def _surnames_of_a_person(label: str, given: Counter[str], shown: Counter[str]) -> bool:
    """The model typed the full name a person and every other spelling is that name short of some given
    names, its last word, or its given names alone: the set is that person, however the model typed the
    bare surname or given names ("Joshua Abraham Norton", "Joshua Norton", "Joshua Abraham" and "Norton
    said")."""
    words = name_key(label).split()
    if len(words) < 2 or majority(given) != "person":
        return False

    def shortened(name: str) -> bool:
        iterator = iter(words)
        parts = name_key(name).split()
        if parts == words[: len(parts)]:
            return True
        return parts[-1:] == words[-1:] and all(part in iterator for part in parts)

    return all(shortened(name) for name in shown)


def _joined(state: State, short: str, long: str) -> bool:
    """Did resolution join a spelling ``short`` to the name ``long`` (or is ``long`` no name of the
    corpus)? A name at birth left apart from the stage name ("Orla Quist" of "Lady Osk (born Orla
    Quist)", named alone in other stories) labels its own node."""
    target = (GLOBAL, long)
    if target not in state.parent:
        return True
    root = state.find(target)
    return any(state.find(element) == root for element in state.by_key.get(short, ()))


def _fullest(surfaces: Counter[str], *, titles: frozenset[str] = frozenset()) -> str:
    """The label: most words, not an all-caps acronym nor one of the ``titles`` (short forms an article
    defines: "Counsel Assisting, Orla Quist"), then most frequent, then the longest ("Varn Street" over
    "Varn St."), then alphabetical; written as the text writes it when datelines shout it. A word the
    model ran in front of a full name more often written without it is no part of the name ("Beatle
    George Harrison" once, "George Harrison" three times).

    >>> _fullest(Counter({"Minstrel Orla Quist": 1, "Orla Quist": 3, "Quist": 5}))
    'Orla Quist'
    >>> _fullest(Counter({"Orla Quist": 1, "Quist": 5})), _fullest(Counter({"Orla Ann Quist": 1, "Ann Quist": 3}))
    ('Orla Quist', 'Orla Ann Quist')
    >>> _fullest(Counter({"PORT VARN": 9, "Port Varn": 2})), _fullest(Counter({"PORT VARN": 9, "Varn": 2}))
    ('Port Varn', 'PORT VARN')
    >>> _fullest(Counter({"Chief Counsel": 3, "Orla Quist": 1}), titles=frozenset({"Chief Counsel"}))
    'Orla Quist'
    >>> _fullest(Counter({"Orla MacQuist": 1, "Orla Macquist": 1, "Macquist": 2}))
    'Orla Macquist'
    """

    # Each word as every spelling writes it: of two spellings written as often, the one whose words the
    # others write more ("Orla Macquist" of "Macquist" twice, over a single "Orla MacQuist").
    words_written: Counter[str] = Counter()
    for surface, count in surfaces.items():
        for word in set(surface.split()):
            words_written[word] += count

    def rank(item: tuple[str, int]) -> tuple[bool, int, int, int, int, str]:
        text, count = item
        acronym = text.replace(".", "").isupper() and len(text.split()) == 1
        support = sum(words_written[word] for word in set(text.split()))
        return (acronym or text in titles, -len(text.split()), -count, -support, -len(text), text)

    best = sorted(surfaces.items(), key=rank)[0][0]
    if best.isupper():  # a dateline's "NEW YORK": the article text's own "New York" when there is one
        written = sorted(s for s in surfaces if s.lower() == best.lower() and not s.isupper())
        best = max(written, key=lambda s: surfaces[s]) if written else best
    first, _, rest = best.partition(" ")
    if len(rest.split()) >= 2 and surfaces[rest] > surfaces[best]:
        from pipeline.gazetteer import is_first_name

        if is_first_name(rest.split()[0]) and not is_first_name(first):
            return rest
    return best


def _node_ids(items: Sequence[tuple[str, str, int, tuple[str, int], str]]) -> list[str]:
    """type:slug ids of (type, label, mentions, first mention as (article id, offset), story), the same
    from run to run as articles are added, and never passed from one entity to another. An entity of one
    story (``story``, its article id: "the Government" no fuller name of its article resolved) is told
    apart by that article, always: a second story's "Government" takes nothing from the first. Entities
    of the corpus that share a slug each add the article of their first mention (which of them is
    mentioned most may change from run to run; what each was first named in does not change as
    articles are added, unless an article of a smaller id names it); never a number that follows how
    many there are, nor the order the entities come in.

    >>> _node_ids([("group", "Senate", 2, ("b", 0), ""), ("group", "Senate", 3, ("a", 9), ""), ("group", "Varn", 1, ("a", 0), "")])
    ['group:senate-b', 'group:senate-a', 'group:varn']
    >>> _node_ids([("group", "Government", 4, ("c1", 0), "c1"), ("group", "Cabinet", 1, ("c2", 5), "c2")])
    ['group:government-c1', 'group:cabinet-c2']
    """
    corpus_slugs = Counter(f"{kind}:{slug(label)}" for kind, label, _, _, story in items if not story)
    order = sorted(range(len(items)), key=lambda i: (-items[i][2], items[i][1], items[i][0], items[i][3]))
    taken: set[str] = set()
    ids = [""] * len(items)
    for index in order:
        kind, label, _, (first_article, _), story = items[index]
        base = f"{kind}:{slug(label)}"
        if story:
            node_id = f"{base}-{slug(story)}"
        else:
            node_id = base if corpus_slugs[base] == 1 else f"{base}-{slug(first_article)}"
        number = 1
        while node_id in taken:  # two entities of one slug first named in one article: a last resort
            number += 1
            node_id = f"{base}-{slug(first_article)}-{number}"
        taken.add(node_id)
        ids[index] = node_id
    return ids
