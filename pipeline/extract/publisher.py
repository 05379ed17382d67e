"""The news outlet that published an article, named in its own body: "he told Quellwire in an
interview", "Varnpost has learned". The small model misses an outlet's name as often as it finds it
(Mashable and TMZ in their own stories, three times in one), but the article's address says what the
outlet is called. Its name is tagged wherever the body writes the address's site name as capitalized
words: "Quell Post" or "The Quell Post" for quellpost.com, "QUELLWIRE" for quellwire.com.

Guards, so that a site named with a common word names nothing else: a site named as a place is left
alone (cleveland.com: "Cleveland" is the city); a name of one word that the body
also writes in lower case ("time" of time.com) must be written in capitals ("TIME"); one word written
with a capital only at its start must not open a sentence ("Wired networks are..."); an occurrence must
overlap no other mention. Runs on every article in the parent process (cached or fresh), one pass over
each body.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence

from pipeline.gazetteer import place_names
from pipeline.records import Article, Extraction, Mention

#: Second-level labels under which a country's sites are registered ("abc.net.au", "quell.co.uk").
_REGISTRY_LABELS = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "news"})
#: Fewest letters of a site name looked for: "bbc" is one, "go" (of go.com) none.
_SHORTEST = 3
#: Runs of up to four capitalized words, "The" before them or not ("The Quell Post", "QuellWire").
_CAPITALIZED_RUN = re.compile(r"\b(?:The[ \t]+)?[A-Z][\w'’&-]*(?:[ \t]+[A-Z][\w'’&-]*){0,3}")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_SENTENCE_END = '.!?\n"“”'


def site_name(url: str) -> str:
    """The site name of an article's address, lower case: the label before the public suffix.

    >>> site_name("https://www.quellpost.com/2011/09/story"), site_name("http://www.abc.net.au/news/1")
    ('quellpost', 'abc')
    >>> site_name("http://sports.varn.go.com/x"), site_name(""), site_name("file:///tmp/a.html")
    ('', '', '')
    """
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower()).split("/")[0].split(":")[0]
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2:
        return ""
    labels.pop()  # the top-level domain
    if len(labels) > 1 and labels[-1] in _REGISTRY_LABELS:
        labels.pop()
    name = labels[-1]
    return name if len(name) >= _SHORTEST and name.isalnum() and name != "www" else ""


def name_the_publisher(
    extractions: Sequence[Extraction], articles: Sequence[Article]
) -> tuple[Extraction, ...]:
    """``extractions`` with their outlet's name tagged where their bodies write it (origin
    ``publisher``, an organization); ``articles`` give the bodies and addresses, by article id."""
    by_id = {article.article_id: article for article in articles}
    result = []
    for extraction in extractions:
        article = by_id.get(extraction.article_id)
        site = site_name(article.url) if article is not None else ""
        if not site or extraction.failure is not None or article is None:
            result.append(extraction)
            continue
        added = _occurrences(extraction, article.body, site)
        if added:
            mentions = tuple(sorted((*extraction.mentions, *added), key=lambda m: (m.start, m.end)))
            extraction = dataclasses.replace(extraction, mentions=mentions)
        result.append(extraction)
    return tuple(result)


def _occurrences(extraction: Extraction, body: str, site: str) -> list[Mention]:
    """The mentions of the outlet named ``site`` that ``body`` holds and ``extraction`` lacks.

    >>> from pipeline.records import Sentence
    >>> body = "He told Quell Post. The Quell Post said time was short, said QUELLPOST's editor."
    >>> sentences = (Sentence("a", 0, 0, 19, 0), Sentence("a", 1, 20, 80, 0))
    >>> extraction = Extraction("a", sentences, (), ())
    >>> [(m.text, m.sentence) for m in _occurrences(extraction, body, "quellpost")]
    [('Quell Post', 0), ('Quell Post', 1), ('QUELLPOST', 1)]
    >>> [m.text for m in _occurrences(extraction, "Call Quellpost at 5.", "quellpost")]
    ['Quellpost']
    >>> [m.text for m in _occurrences(extraction, "He left Cleveland.", "cleveland")]
    []
    """
    taken = bytearray(len(body))
    for mention in extraction.mentions:
        taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    common_word = None  # whether the site's name is a word the body writes in lower case, when needed
    starts = [s.start for s in extraction.sentences]
    places = place_names()
    added = []
    for run in _CAPITALIZED_RUN.finditer(body):
        span = _spelled_as(run, site)
        if span is None:
            continue
        start, end = span
        name = body[start:end]
        if name in places or name.title() in places:
            continue  # cleveland.com's "Cleveland" is the city
        if " " not in name and not name.isupper():
            if common_word is None:
                common_word = site in _LOWER_WORD.findall(body)
            if common_word or (not _inner_capital(name) and _opens_a_sentence(body, start)):
                continue
        if taken.find(1, start, end) != -1:
            continue
        sentence = max(bisect.bisect_right(starts, start) - 1, 0)
        added.append(Mention(extraction.article_id, sentence, start, end, name, "ORG", "group", "publisher"))
        taken[start:end] = b"\x01" * (end - start)
    return added


def _spelled_as(run: re.Match[str], site: str) -> tuple[int, int] | None:
    """The (start, end) of the first words of ``run`` whose letters and digits spell ``site`` ("Quell
    Post" in "Call Quell Post"), or None. A "The" before them is left out unless the site's name holds it
    ("The Varnpost" of thevarnpost.com), as the model leaves it out of names."""
    words = list(re.finditer(r"\S+", run.group()))
    for first in range(len(words)):
        letters = ""
        for word in words[first:]:
            written = re.sub(r"['’]s$", "", word.group())  # "Quellpost's editor"
            letters += re.sub(r"[\W_]", "", written).lower()
            if letters == site:
                return run.start() + words[first].start(), run.start() + word.start() + len(written)
            if not site.startswith(letters):
                break
    return None


def _inner_capital(word: str) -> bool:
    """A capital inside the word ("QuellWire", "TechVarn"): no common word is written so."""
    return any(ch.isupper() for ch in word[1:])


def _opens_a_sentence(body: str, start: int) -> bool:
    before = body[:start].rstrip(" \t")
    return not before or before[-1] in _SENTENCE_END
