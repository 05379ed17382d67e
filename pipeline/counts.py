"""Which counts become number nodes, and which counts are one node: the graph stage's number identity.

A count belongs to its article. "3,000 fighters" in two sentences of one article is one node; the same
words in two unrelated articles are two facts that merely share a value, and joining them would link
stories that have nothing in common. So a number node's identity is (article, value, unit, counted
object). Counts of two articles join only when they report one event twice: value, unit, object and
an event's category (killed, wounded...) agree and their sentences share at least
:data:`SHARED_ENTITIES` linked entities; a count of things with no event ("500 fighters") stays in its
article. In a sentence that lists several counts of one thing ("five people died in Queensland, three in
Victoria"), each count's evidence is only its own stretch of the list: the whole sentence would give every
count every place.

Values without a counted object (a bare percentage, a score) stay in numbers.csv but never become
nodes: nothing says what they are about. Nor do amounts of money, shares, distances, rates and
fractions, which count no things (see :func:`_a_node_unit`), nor a sporting score's units ("five
wickets"), nor the steps a rate moves by ("6 basis points"). Ages are attributes of people.

A node id is ``number:`` + the slug of the label + its article's id ("number:3-000-fighters-a"; the
first article's, of a count two articles report): the same from run to run, whatever articles are added
(a second story's "3,000 fighters" takes nothing from the first's), and never dependent on the order
articles were read in.

>>> q = Quantity("a", 0, 0, 5, "3,000", 3000.0, object="fighters")
>>> number_nodes([q])[q]
'number:3-000-fighters-a'
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from pipeline.extract.values import CURRENCY_SYMBOLS, CURRENCY_WORDS, VAGUE_WORDS, format_value
from pipeline.names import slug
from pipeline.records import ENTITY_TYPES, Mention, Quantity

#: Linked entities two articles' sentences must share before their equal counts are one node.
SHARED_ENTITIES = 2

#: Units of a share of something rather than an amount of it ("3% of voters", "one in eight members"):
#: never a node, like a value that counts nothing.
SHARES = frozenset({"%", "ratio"})
#: Units of length: a distance ("240 kilometres north-east of Perth", "a two-metre wave") says where or
#: how big, never how much of something there is.
DISTANCES = frozenset({"km", "m", "mi", "ft", "cm", "mm", "in", "yd"})
#: Temperatures: a level, not an amount ("the 2°C warming limit").
TEMPERATURES = frozenset({"°", "°C", "°F"})
#: Currencies: an amount of money counts no things ("$5,000 bail", "a $400 million plan").
CURRENCIES = frozenset(CURRENCY_SYMBOLS.values()) | frozenset(CURRENCY_WORDS.values())
#: What a sporting score is counted in ("five wickets", "70 runs", "three sets", a video game's "19
#: kills"), and a ballot's tally ("passed by 15 votes to eight"): a result, no count of things that exist
#: or happened to someone.
SCORING_UNITS = frozenset(
    {"wicket", "run", "ball", "over", "innings", "six", "four", "boundary", "century", "set", "game", "goal",
     "point", "try", "lap", "birdie", "bogey", "assist", "rebound", "touchdown", "kill", "vote"}
)  # fmt: skip
#: What a move of a rate or a rating is measured in ("yields rose 6 basis points", "cut by two notches"):
#: the size of a change, no count of things.
STEPS = frozenset({"basis point", "percentage point", "bp", "bps", "notch", "notches", "pip"})
#: Objects that make a count a span of time or a frequency ("17 days", "three times"), not a number of things.
DURATIONS = frozenset(
    {"second", "minute", "hour", "day", "night", "week", "month", "year", "decade", "century", "season", "term",
     "time"}
)  # fmt: skip

_Identity = tuple[str, float, str, str, str]  # article, value, unit, object, and the category that splits


def number_nodes(quantities: Iterable[Quantity], mentions: Sequence[Mention] = ()) -> dict[Quantity, str]:
    """Node id of each count that says what it counts. ``mentions`` (with node ids) tell which entities
    each sentence links, the evidence that equal counts of two articles report one event."""
    clusters: dict[_Identity, list[Quantity]] = defaultdict(list)
    for quantity in quantities:
        if quantity.category == "age" or not quantity.object.strip() or not _a_node_unit(quantity):
            continue
        if _a_duration(quantity.object) or _a_score(quantity.object) or _one_of(quantity.object, STEPS):
            continue
        clusters[(quantity.article_id, quantity.value, quantity.unit, quantity.object.lower(), "")].append(
            quantity
        )
    if not clusters:
        return {}
    clusters = _split_by_category(clusters)
    evidence = _evidence([q for members in clusters.values() for q in members], mentions)
    parent = {identity: identity for identity in clusters}

    def find(identity: _Identity) -> _Identity:
        while parent[identity] != identity:
            parent[identity] = parent[parent[identity]]
            identity = parent[identity]
        return identity

    # Same value, unit, object and category in several articles: join those whose sentences share enough
    # entities, found through an index of entity -> clusters (never every pair of clusters).
    events: dict[tuple[float, str, str, str], list[_Identity]] = defaultdict(list)
    for identity, members in clusters.items():
        category = _category(members)
        # "dozens of" in two stories is no shared figure; a count of things with no event ("3 helicopters",
        # "500 fighters") is a state of affairs two stories may see at two times, not an event told twice
        if category and not any(_vague(q) for q in members):
            events[(*identity[1:4], category)].append(identity)
    for same in events.values():
        if len(same) < 2:
            continue
        holders: dict[str, list[_Identity]] = defaultdict(list)
        for identity in sorted(same):
            entities = set().union(*(evidence[q] for q in clusters[identity]))
            for entity in sorted(entities):
                holders[entity].append(identity)
        shared: Counter[tuple[_Identity, _Identity]] = Counter()
        for group in holders.values():
            for i, left in enumerate(group):
                for right in group[i + 1 :]:
                    if left[0] != right[0]:
                        shared[(left, right)] += 1
        for (left, right), count in sorted(shared.items()):
            if count >= SHARED_ENTITIES:
                a, b = find(left), find(right)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    nodes: dict[_Identity, list[Quantity]] = defaultdict(list)
    for identity, members in clusters.items():
        nodes[find(identity)].extend(members)
    bases: dict[_Identity, str] = {}
    for root, members in nodes.items():
        # a count that says its event names the node ("12 people killed" over "the 12 people")
        said = [q for q in members if q.category] or members
        labels = Counter(number_label(q) for q in said)
        bases[root] = "number:" + slug(sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0])
    ids: dict[Quantity, str] = {}
    taken: Counter[str] = Counter()
    for root in sorted(nodes):
        node_id = f"{bases[root]}-{slug(root[0])}"
        taken[node_id] += 1
        if taken[node_id] > 1:  # two counts of one article whose labels read alike: a last resort
            node_id = f"{node_id}-{taken[node_id]}"
        members = nodes[root]
        for quantity in members:
            ids[quantity] = node_id
    return ids


def _split_by_category(clusters: dict[_Identity, list[Quantity]]) -> dict[_Identity, list[Quantity]]:
    """The clusters with those holding counts of two events split by event: "killing 12 people" and
    "12 people were wounded" in one article are two facts. A count that says no event joins the event
    most of the cluster's counts say (of equally many, the first by name).

    >>> killed = Quantity("a", 0, 0, 2, "12", 12.0, object="people", category="kill")
    >>> wounded = Quantity("a", 1, 0, 2, "12", 12.0, object="people", category="wound")
    >>> bare = Quantity("a", 2, 0, 2, "12", 12.0, object="people")
    >>> found = _split_by_category({("a", 12.0, "", "people", ""): [killed, wounded, bare]})
    >>> sorted((identity[4], [q.sentence for q in members]) for identity, members in found.items())
    [('kill', [0, 2]), ('wound', [1])]
    """
    result: dict[_Identity, list[Quantity]] = {}
    for identity, members in clusters.items():
        events = sorted({q.category for q in members} - {""})
        if len(events) < 2:
            result[identity] = members
            continue
        most = _category([q for q in members if q.category])
        for event in events:
            result[(*identity[:4], event)] = [q for q in members if (q.category or most) == event]
    return result


def _evidence(counts: Sequence[Quantity], mentions: Sequence[Mention]) -> dict[Quantity, frozenset[str]]:
    """The linked entities each count's sentence gives as evidence of its event. Counts of one object and
    category in one sentence are a list, and each takes the stretch from its own start (the sentence's
    start for the first) to the next one's: "five people have died in Quellby, three in Varn" gives
    five Quellby and three Varn.

    >>> five = Quantity("a", 0, 0, 4, "five", 5.0, object="people")
    >>> three = Quantity("a", 0, 40, 45, "three", 3.0, object="people")
    >>> quellby = Mention("a", 0, 30, 37, "Quellby", "GPE", "place", node_id="Quellby")
    >>> places = [quellby, Mention("a", 0, 49, 53, "Varn", "GPE", "place", node_id="Varn")]
    >>> sorted(_evidence([five, three], places)[three])
    ['Varn']
    """
    linked: dict[tuple[str, int], list[tuple[int, str]]] = defaultdict(list)
    for mention in mentions:
        if mention.node_id and mention.type in ENTITY_TYPES:
            linked[(mention.article_id, mention.sentence)].append((mention.start, mention.node_id))
    for entities in linked.values():
        entities.sort()
    lists: dict[tuple[str, int, str, str], list[Quantity]] = defaultdict(list)
    for quantity in counts:
        lists[(quantity.article_id, quantity.sentence, quantity.object.lower(), quantity.category)].append(
            quantity
        )
    evidence: dict[Quantity, frozenset[str]] = {}
    for (article, sentence, _, _), members in lists.items():
        entities = linked.get((article, sentence), [])
        if len(members) == 1:
            evidence[members[0]] = frozenset(node for _, node in entities)
            continue
        members.sort(key=lambda q: (q.start, q.end))
        starts = [start for start, _ in entities]
        for i, quantity in enumerate(members):
            low = bisect_left(starts, quantity.start) if i else 0
            high = bisect_left(starts, members[i + 1].start) if i + 1 < len(members) else len(entities)
            evidence[quantity] = frozenset(node for _, node in entities[low:high])
    return evidence


def number_label(quantity: Quantity) -> str:
    """ "3,000 fighters": the value as news writes it, what it counts and what happened to them; a vague
    count keeps its words, which are no figure.

    >>> number_label(Quantity("a", 0, 0, 5, "3,000", 3000.0, object="fighters", qualifier="about"))
    'about 3,000 fighters'
    >>> number_label(Quantity("a", 0, 0, 5, "51,065", 51065.0, object="death toll", category="kill"))
    '51,065 death toll'
    >>> number_label(Quantity("a", 0, 0, 6, "Dozens", 24.0, object="Israelis", category="kill"))
    'dozens of Israelis killed'
    >>> number_label(Quantity("a", 0, 0, 8, "at least one", 1.0, object="fighters", category="kill", qualifier="at least"))
    'at least 1 of the fighters killed'
    """
    if _vague(quantity):
        words = quantity.text.lower().split()
        first = next(i for i, word in enumerate(words) if word in VAGUE_WORDS)
        number = " ".join(words[first:]) + " of"
    else:
        number = " ".join(p for p in (quantity.qualifier, format_value(quantity.value, quantity.unit)) if p)
    head = quantity.object.lower().split()[-1:] or [""]
    done = "" if head[0] in _SAYS_WHAT_HAPPENED else CATEGORY_WORDS.get(quantity.category, "")
    counted = quantity.object
    if counted and quantity.value == 1 and not quantity.unit and _plural(head[0]):
        # "one of the fighters", "killing one": one out of them, never "1 fighters"
        counted = f"of the {counted}"
    return " ".join(part for part in (number, counted, done) if part)


def _plural(word: str) -> bool:
    """Does the counted word name several ("fighters", "children", "people"), which one cannot count alone?

    >>> [_plural(w) for w in ("fighters", "children", "people", "fighter", "class", "virus", "crisis")]
    [True, True, True, False, False, False, False]
    """
    if word in _IRREGULAR_PLURALS:
        return True
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


#: Plurals without an "s": "1 of the children killed", never "1 children killed".
_IRREGULAR_PLURALS = frozenset(
    {"people", "children", "men", "women", "police", "personnel", "feet", "teeth", "mice"}
)


#: Counted words that say what happened themselves: "37 road toll", "26 deaths", "200 lives".
_SAYS_WHAT_HAPPENED = frozenset(
    {
        "toll",
        "deaths",
        "dead",
        "fatalities",
        "lives",
        "casualties",
        "injuries",
        "arrests",
        "hostages",
        "victims",
    }
)
#: What a count's category says happened to what it counts, as a label ends ("26 people killed").
CATEGORY_WORDS = {
    "kill": "killed", "wound": "wounded", "arrest": "arrested", "kidnap": "kidnapped", "seize": "seized",
    "escape": "escaped", "surrender": "surrendered", "affect": "affected",
}  # fmt: skip
#: The words an analyst types for a category ("killed", "deaths", "injured"): ``counts_in_context()``
#: takes them, and the page's search finds a category's counts by them.
CATEGORY_FORMS = {
    "kill": ("killed", "kills", "killing", "killings", "dead", "died", "dies", "dying", "death", "deaths",
             "fatalities", "fatality", "murdered", "slain", "executed"),
    "wound": ("wounded", "wounds", "wounding", "injured", "injury", "injuries", "hurt"),
    "arrest": ("arrested", "arrests", "detained", "detention", "jailed", "imprisoned"),
    "kidnap": ("kidnapped", "kidnapping", "kidnappings", "abducted", "abduction", "hostages"),
    "seize": ("seized", "seizure", "captured", "confiscated"),
    "escape": ("escaped", "escapes", "fled"),
    "surrender": ("surrendered", "surrenders"),
    "affect": ("affected", "displaced", "evacuated", "homeless"),
}  # fmt: skip


def _a_node_unit(quantity: Quantity) -> bool:
    """Does the value's unit let it be a node? Not a share, a distance, money or a rate ("three meals a
    day"); nor a count that is no whole number ("almost half the fleet": a share written as a fraction).

    >>> units = ((3, ""), (0.5, ""), (2, "km"), (3, "per day"), (5000, "USD"), (6600, "t"))
    >>> [_a_node_unit(Quantity("a", 0, 0, 1, "x", v, unit=u)) for v, u in units]
    [True, False, False, False, False, True]
    """
    unit = quantity.unit
    if unit in SHARES | DISTANCES | TEMPERATURES | CURRENCIES or unit.startswith("per "):
        return False
    return bool(unit) or float(quantity.value).is_integer()


def _a_duration(counted: str) -> bool:
    """Is the counted object a unit of time or "times"?

    >>> _a_duration("days"), _a_duration("centuries"), _a_duration("Times"), _a_duration("timers")
    (True, True, True, False)
    """
    return _one_of(counted, DURATIONS)


def _a_score(counted: str) -> bool:
    """Is the counted object what a sporting score is counted in ("wickets", "runs", "sets")?

    >>> _a_score("wickets"), _a_score("sixes"), _a_score("innings"), _a_score("runners")
    (True, True, True, False)
    """
    return _one_of(counted, SCORING_UNITS)


def _one_of(counted: str, words: frozenset[str]) -> bool:
    """Is the counted object, or its singular ("centuries", "sixes", "days"), one of ``words``?"""
    word = counted.lower().strip()
    singular = (
        word[:-3] + "y"
        if word.endswith("ies")
        else word[:-2]
        if word.endswith("xes")
        else word[:-1]
        if word.endswith("s")
        else word
    )
    return word in words or singular in words


def _vague(quantity: Quantity) -> bool:
    """Is the count a vague plural ("dozens of Israelis", "hundreds of troops"), a lower bound?

    >>> _vague(Quantity("a", 0, 0, 6, "dozens", 24.0)), _vague(Quantity("a", 0, 0, 10, "two dozen", 24.0))
    (True, False)
    """
    return any(word in VAGUE_WORDS for word in quantity.text.lower().split())


def _category(members: Sequence[Quantity]) -> str:
    categories = Counter(q.category for q in members)
    return sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
