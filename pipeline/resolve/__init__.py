"""Resolve: mentions -> canonical entities, one node per real-world person, group or place.

Mentions are grouped by their normalized spelling (:func:`pipeline.names.name_key`), then groups are
joined by rules (:mod:`pipeline.resolve.rules`), each recorded in merges.csv with a score:

* ``curated``    an alias listed in the curated aliases file (which also says what never merges and what
                 to drop; :mod:`pipeline.resolve.curated`);
* ``acronym``    a definition in the text, "Syrian Democratic Forces (SDF)"; bare "SDF" elsewhere joins too
                 unless the corpus defines SDF as two different things; so does a person's other name
                 the text gives ("Lady Osk (born Orla Quist)", "X was the pen name of Y"), unless
                 another story names one of the two alone;
* ``initials``   an all-caps name equal to the initials of one longer group in the same article;
* ``short name`` a surname or name tail ("Starmer" -> "Keir Starmer"), or a group name that is part of
                 a longer one with the same head word ("the Board of Deputies", "the Observatory"; the
                 words after the head unbroken: "University of Quellby" is no "University of South
                 Quellby"), or a truncation ("the Met" -> "Metropolitan Police"). One-word names are
                 first resolved inside their own article and only then, if unambiguous, across the
                 corpus (never a head noun alone, "the Academy", nor a word of the curated
                 each_story list, "the Government", "the King", but as a surname; an acronym no
                 article spells out only where its stories share a person or group few stories name
                 with the long form's); so is a group name an article extends into another body than
                 most articles do ("the Foreign Ministry" of a Varnish story among Quellian ones); and
                 a team's plural nickname joins the team the model read as a place ("the Mariners");
* ``nickname``   a nickname in quotes alone ("Quill" of 'Orla "Quill" Varnby'), or a full name with a
                 familiar form of the given name ("Jim Varnby" / "James Varnby": patterns.yml's
                 ``familiar_forms``), across the corpus only where the stories meet;
* ``spelling``   the same name key, or the same name with a country's initials spelt out ("US Marines"
                 / "United States Marines"), or a person's name written family name first and in the
                 English order in one article ("Quist Orla" / "Orla Quist");
* ``fuzzy``      spelling variants ("Ras al-Ayn" / "Ras Al-Ain", "Hasaka" / "Hasakah"), with rapidfuzz.
                 Guards: same type, same number of words, every word matching (digits exactly, short
                 words exactly or by consonants), so "UK Treasury" never meets "US Treasury"; a word
                 and its plural are two names, and so are two places of the gazetteer or their
                 adjectives ("Iceland" / "Ireland", "Austrian" / "Australian") and other compass
                 points ("Southeast" / "Southwest Asia"); one word a consonant apart is another name
                 ("Cook" / "Crook", "Arica" / "Africa"). A one-word typo of a well-known place
                 ("Taipai": a vowel changed, or a vowel or doubled letter more or less) joins it,
                 never its label.

An era beside a year ("3000 BC") is no name, whatever the model called it.

The modules, in the order a mention meets them: :mod:`~pipeline.resolve.state` (union-find over
spellings), :mod:`~pipeline.resolve.index` (candidate look-ups), :mod:`~pipeline.resolve.rules`,
:mod:`~pipeline.resolve.assemble` (entities, merges, mentions with node ids).
"""

from __future__ import annotations

import dataclasses
import os
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

from pipeline.config import DEFAULT_ALIASES
from pipeline.gazetteer import AP_STATE_ABBREVIATIONS
from pipeline.names import head_word, initials, name_key
from pipeline.records import ENTITY_TYPES, Extraction, Failure, Resolution
from pipeline.resolve.assemble import assemble
from pipeline.resolve.curated import Curated
from pipeline.resolve.rules import RULES, Rule, other_bodies, part_of_group_name
from pipeline.resolve.state import State, failed

__all__ = ["resolve"]


def resolve(
    extractions: Sequence[Extraction],
    *,
    aliases: str | os.PathLike[str] | None = DEFAULT_ALIASES,
    rules: Sequence[Rule] = RULES,
    headlines: Mapping[str, str] | None = None,
) -> Resolution:
    """Group the person/group/place mentions of ``extractions`` into entities, with the curated
    ``aliases`` file (None: no curated list) and ``rules`` in order. ``headlines`` (article id -> title)
    settle a short form several full names of its article share ("Goode" in "Ralph Goode"'s and
    "Matthew Goode"'s article goes to the one the headline names)."""
    curated = Curated.load(Path(aliases)) if aliases else Curated()
    state = State(curated)
    state.headlines = {a: frozenset(name_key(t).split()) for a, t in (headlines or {}).items() if t}
    state.scoped = _short_forms_of_several(extractions)
    failures: dict[str, Failure] = {}  # an article's first failure; its mentions keep an empty node id
    for extraction in extractions:
        try:
            state.redefined |= _redefined_acronyms(extraction, curated)
            eras, states = _eras(extraction), _state_abbreviations(extraction)
            placed = [
                (
                    mention,
                    None if mention.start in eras else state.place(mention, state=mention.start in states),
                )
                for mention in extraction.mentions
            ]
        except Exception as error:
            failures[extraction.article_id] = failed(error, extraction.article_id, "mentions")
            continue
        for mention, place in placed:  # all or nothing: an article is added once every mention is placed
            # who took a picture is no actor of the story: a credit's name joins no entity ("Varnby Post"
            # would take in the story's town "Varnby")
            if place is not None and mention.origin != "credit":
                state.add(mention, *place)
    for rule in rules:
        rule(state, extractions, failures)
    resolution = assemble(state, extractions)
    return dataclasses.replace(resolution, failures=tuple(failures[a] for a in sorted(failures)))


def _short_forms_of_several(extractions: Sequence[Extraction]) -> set[tuple[str, str]]:
    """(article, name key) of each group name that its article extends into a longer one ("the Foreign
    Ministry" after "the Quellian Foreign Ministry") naming another body than the one most articles
    extend it into ("the Varnish Foreign Ministry": :func:`~pipeline.resolve.rules.other_bodies`), or
    of every article that extends it when no body is named more often than another: there it is
    resolved inside its article, as a one-word name is. Else the one spelling, shared by the corpus,
    would join the two ministries into one node. Where every article extends it the same way, or into
    the same body written two ways ("U.S." and "United States"), it stays one spelling.

    >>> from pipeline.records import Mention
    >>> def story(article, country):
    ...     long, short = f"{country} Foreign Ministry", "Foreign Ministry"
    ...     return Extraction(article, (), (Mention(article, 0, 0, len(long), long, "ORG", "group"),
    ...                                    Mention(article, 1, 40, 56, short, "ORG", "group")), ())
    >>> sorted(_short_forms_of_several([story("a", "Quellian"), story("b", "Quellian"), story("c", "Varnish")]))
    [('c', 'foreign ministry')]
    >>> _short_forms_of_several([story("a", "Chinese"), story("b", "China's")])
    set()
    """
    extended: dict[str, dict[str, set[str]]] = defaultdict(dict)  # short key -> article -> longer keys
    for extraction in extractions:
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        try:
            for mention in extraction.mentions:
                if mention.type in ENTITY_TYPES:
                    votes[name_key(mention.text)][mention.type] += 1
        except Exception:  # noqa: BLE001 - the placement below records the article's failure
            continue
        by_head: dict[str, list[str]] = defaultdict(list)
        for key, kinds in votes.items():
            if " " in key and kinds.most_common(1)[0][0] == "group":
                by_head[head_word(key)].append(key)
        for keys in by_head.values():
            for short, longer in _extensions(keys).items():
                extended[short][extraction.article_id] = longer
    scoped = set()
    for short, longer_by_article in extended.items():
        articles = Counter(long for longer in longer_by_article.values() for long in longer)
        main = min(articles, key=lambda long: (-articles[long], long))
        if any(n == articles[main] and other_bodies(short, long, main) for long, n in articles.items()):
            scoped |= {(article, short) for article in longer_by_article}  # no body most articles mean
            continue
        scoped |= {
            (article, short)
            for article, longer in longer_by_article.items()
            if any(other_bodies(short, long, main) for long in longer)
        }
    return scoped


def _extensions(keys: Sequence[str]) -> dict[str, set[str]]:
    """For each of one article's group names sharing a head word, the longer ones of them it is a part
    of (:func:`~pipeline.resolve.rules.part_of_group_name`); each is compared only with the names that
    hold its rarest word, not with every name."""
    holding: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        for word in set(key.split()):
            holding[word].add(key)
    found = {}
    for short in keys:
        rarest = min(set(short.split()), key=lambda word: (len(holding[word]), word))
        longer = {long for long in holding[rarest] if part_of_group_name(short, long)}
        if longer:
            found[short] = longer
    return found


#: Name keys of the words that date a year ("3000 BC", "AD 79"): never a name, whatever the model said.
_ERAS = frozenset({"bc", "bce", "ad", "ce"})


def _eras(extraction: Extraction) -> set[int]:
    """Start offsets of the mentions that are an era beside a year: "BC" right after "3000" or "the 7th
    century", "AD" right before "79". The model reads "BC" as an organization now and then, and every
    such "BC" of a history would become one group (and join a "Bright Crane" by its initials).

    >>> from pipeline.records import Mention
    >>> year, bc = Mention("a", 0, 0, 4, "3000", "CARDINAL", "number"), Mention("a", 0, 5, 7, "BC", "ORG", "group")
    >>> _eras(Extraction("a", (), (year, bc), ()))
    {5}
    """
    years = [m for m in extraction.mentions if m.label == "DATE" or any(ch.isdigit() for ch in m.text)]
    after = {m.end + gap for m in years for gap in (0, 1)}  # "3000BC", "3000 BC"
    before = {m.start - gap for m in years for gap in (0, 1)}  # "AD 79"
    return {
        m.start
        for m in extraction.mentions
        if name_key(m.text) in _ERAS and (m.start in after or (name_key(m.text) == "ad" and m.end in before))
    }


def _state_abbreviations(extraction: Extraction) -> set[int]:
    """Start offsets of the AP abbreviations of US states in an article that writes one after a name and
    its comma ("Birmingham, Ala.", "MONTGOMERY, Ala. --"): a state there, while a "Miss." or "Mo." before
    a name is a title or a nickname.

    >>> from pipeline.records import Mention
    >>> city, ala = Mention("a", 0, 0, 10, "Birmingham", "GPE", "place"), Mention("a", 0, 12, 16, "Ala.", "GPE", "place")
    >>> miss = Mention("a", 1, 30, 35, "Miss.", "GPE", "place")
    >>> _state_abbreviations(Extraction("a", (), (city, ala, miss), ()))
    {12}
    """
    names = {m.end for m in extraction.mentions if m.type in ENTITY_TYPES}
    after_a_name = {
        m.text for m in extraction.mentions if m.text in AP_STATE_ABBREVIATIONS and m.start - 2 in names
    }  # ", " between; then the article's other "Ala." are the state too ("Ala. loses workers ...")
    return {m.start for m in extraction.mentions if m.text in after_a_name}


def _redefined_acronyms(extraction: Extraction, curated: Curated) -> set[tuple[str, str]]:
    """(article, acronym key) of the curated acronyms the article gives another meaning: it defines the
    acronym as another name ("Quellian National Army (QNA)"), or names a group whose initials it is
    and which the list does not give as its meaning ("Quellian National Army" ... "a QNA patrol"; three
    letters at least: "US" is the initials of too many names, "University of Sydney" among them)."""
    meanings = [(name_key(short), name_key(long)) for short, long in extraction.abbreviations]
    acronyms = {
        name_key(m.text): m.text.replace(".", "")
        for m in extraction.mentions
        if m.text.replace(".", "").isupper()
        and len(m.text.replace(".", "")) >= 3
        and name_key(m.text) in curated.canonical
    }
    if acronyms:
        groups = {m.text for m in extraction.mentions if m.type == "group" and len(m.text.split()) > 1}
        by_initials: dict[str, set[str]] = {}
        for name in groups:
            by_initials.setdefault(initials(name), set()).add(name_key(name))
        meanings += [
            (key, long) for key, letters in acronyms.items() for long in by_initials.get(letters, ())
        ]
    return {
        (extraction.article_id, key)
        for key, long in meanings
        if key in curated.canonical and not curated.same(key, long)
    }
