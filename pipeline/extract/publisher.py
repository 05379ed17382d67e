"""The news outlet that published an article, named in its own body: "he told Quellwire in an
interview", "Varnpost has learned". The small model misses an outlet's name as often as it finds it
(Mashable and TMZ in their own stories, three times in one), but the article's address says what the
outlet is called. Its name is tagged wherever the body writes the address's site name as capitalized
words: "Quell Post" or "The Quell Post" for quellpost.com, "QUELLWIRE" for quellwire.com.

Guards, so that a site named with a word names nothing else (a reviewer's invented pages found each):
- the site's name: none for a site named as a place (cleveland.com: "Cleveland" is the city) or for an
  aggregator (news.google.com); a blog's own for a blog platform's (quellwire.wordpress.com), the
  archived page's for an archive's or an AMP cache's address;
- the name written as one word with a capital at its start only ("Quellwire", "The Beacon"): never a
  word the article, or two of the corpus's articles, write in lower case ("an Independent", "a rising
  Star"), nor opening a sentence ("Wired networks are...");
- any name: not a part of a longer run of capitalized words ("the Varnby Herald", "Capitol Hill",
  "Orla Brann", "Quell Valley"; a day or a month may follow: "told Quellwire Monday"), nor inside an
  address ("tips@quellwire.com"), nor overlapping another mention. A media word after the name is part
  of it ("Quellwire News", "VTZ Radio").
Runs on every article in the parent process (cached or fresh), in one pass over the corpus's bodies.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from collections.abc import Container, Sequence

from pipeline.dates import MONTHS
from pipeline.gazetteer import is_first_name, place_names
from pipeline.records import Article, Extraction, Mention

#: Second-level labels under which a country's sites are registered ("abc.net.au", "quell.co.uk").
_REGISTRY_LABELS = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "news"})
#: Platforms whose subdomains are sites of their own ("quellwire.wordpress.com" is Quellwire's).
_PLATFORMS = frozenset(
    {"wordpress", "blogspot", "substack", "medium", "tumblr", "github", "wixsite", "typepad", "livejournal"}
)
#: Sites that show other sites' pages: their addresses hold the page's own ("web.archive.org/web/2020/
#: https://quellwire.com/...", "www-quellwire-com.cdn.ampproject.org/c/s/www.quellwire.com/...").
_PROXIES = frozenset({"archive", "ampproject", "archive.ph", "archive.today"})
#: Sites that gather other outlets' stories: they name no outlet of their own in them.
_AGGREGATORS = frozenset({"google", "feedly", "feedburner", "flipboard", "newsnow", "msn", "t", "bit"})
#: Fewest letters of a site name looked for: "bbc" is one, "go" (of go.com) none.
_SHORTEST = 3
#: Runs of up to four capitalized words, "The" before them or not ("The Quell Post", "QuellWire").
_CAPITALIZED_RUN = re.compile(r"\b(?:The[ \t]+)?[A-Z][\w'’&-]*(?:[ \t]+[A-Z][\w'’&-]*){0,3}")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
#: What makes a run of non-spaces an address, an e-mail address, a handle or a hashtag: its lower-case
#: letters are no words of the text.
_ADDRESS = re.compile(r"[@/#]|\.[a-z]{2,}", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_SENTENCE_END = '.!?\n"“”'


def site_name(url: str) -> str:
    """The site name of an article's address, lower case: the label before the public suffix.

    >>> site_name("https://www.quellpost.com/2011/09/story"), site_name("http://www.abc.net.au/news/1")
    ('quellpost', 'abc')
    >>> site_name("https://quell-post.wordpress.com/x"), site_name("http://web.archive.org/web/2020/https://varnwire.com/a")
    ('quellpost', 'varnwire')
    >>> site_name("http://sports.varn.go.com/x"), site_name("https://news.google.com/a"), site_name("file:///a.html")
    ('', '', '')
    """
    address = re.sub(r"^[a-z][a-z0-9+.-]*:", "", url.strip().lower()).lstrip("/")
    host, _, path = address.partition("/")
    labels = [label for label in host.split(":")[0].split(".") if label]
    if len(labels) < 2:
        return ""
    if labels[-2] in _PROXIES or ".".join(labels[-2:]) in _PROXIES:
        inner = re.search(r"(?:https?:/+|/[cv]/(?:s/)?)([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:/|$)", "/" + path)
        return site_name(f"https://{inner.group(1)}/") if inner else ""
    labels.pop()  # the top-level domain
    if len(labels) > 1 and labels[-1] in _REGISTRY_LABELS:
        labels.pop()
    if len(labels) > 1 and labels[-1] in _PLATFORMS:
        labels.pop()
    name = labels[-1].replace("-", "")
    if name in _AGGREGATORS or name in _PLATFORMS or name == "www":
        return ""
    return name if len(name) >= _SHORTEST and name.isalnum() else ""


def name_the_publisher(
    extractions: Sequence[Extraction], articles: Sequence[Article]
) -> tuple[Extraction, ...]:
    """``extractions`` with their outlet's name tagged where their bodies write it (origin
    ``publisher``, an organization); ``articles`` give the texts and addresses, by article id."""
    by_id = {article.article_id: article for article in articles}
    sites = {article.article_id: site_name(article.url) for article in articles if article.url}
    if not any(sites.values()):
        return tuple(extractions)
    written = {article.article_id: _written_words(article.text) for article in articles}
    seen = Counter(word for words in written.values() for word in words)
    common = {word for word, stories in seen.items() if stories >= 2}  # "the quellwire story" once is none
    places = place_names()
    result = []
    for extraction in extractions:
        site = sites.get(extraction.article_id, "")
        if not site or extraction.failure is not None or site.title() in places:
            result.append(extraction)
            continue
        body = by_id[extraction.article_id].text
        added = _occurrences(extraction, body, site, _Either(common, written[extraction.article_id]))
        if added:
            mentions = tuple(sorted((*extraction.mentions, *added), key=lambda m: (m.start, m.end)))
            extraction = dataclasses.replace(extraction, mentions=mentions)
        result.append(extraction)
    return tuple(result)


class _Either:
    """Either of two word sets, asked one word at a time: no union of the corpus's words per article."""

    __slots__ = ("first", "second")

    def __init__(self, first: set[str], second: set[str]) -> None:
        self.first, self.second = first, second

    def __contains__(self, word: object) -> bool:
        return word in self.first or word in self.second


def _written_words(body: str) -> set[str]:
    """The words ``body`` writes in lower case, addresses, e-mail addresses, handles and hashtags aside.

    >>> sorted(_written_words("Mail tips@quellwire.com or #quellwire, said the quell post."))
    ['or', 'post', 'quell', 'said', 'the']
    """
    return set(_LOWER_WORD.findall(" ".join(run for run in body.split() if not _ADDRESS.search(run))))


def _occurrences(extraction: Extraction, body: str, site: str, lower_case: Container[str]) -> list[Mention]:
    """The mentions of the outlet named ``site`` that ``body`` holds and ``extraction`` lacks.

    >>> from pipeline.records import Sentence
    >>> body = "He told Quell Post. The Quell Post said time was short, said QUELLPOST's editor."
    >>> sentences = (Sentence("a", 0, 0, 19, 0), Sentence("a", 1, 20, 80, 0))
    >>> extraction = Extraction("a", sentences, (), ())
    >>> [(m.text, m.sentence) for m in _occurrences(extraction, body, "quellpost", set())]
    [('Quell Post', 0), ('Quell Post', 1), ('QUELLPOST', 1)]
    >>> [m.text for m in _occurrences(extraction, "Call Quellpost at 5.", "quellpost", {"call"})]
    ['Quellpost']
    >>> [m.text for m in _occurrences(extraction, "He read the Varn Quellpost.", "quellpost", set())]
    []
    """
    taken = bytearray(len(body))
    for mention in extraction.mentions:
        taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    starts = [s.start for s in extraction.sentences]
    added = []
    for run in _CAPITALIZED_RUN.finditer(body):
        span = _spelled_as(run, site)
        if span is None:
            continue
        start, end = span
        if body[start - 1 : start] in ("@", "/", "#", ".") or re.match(r"\.[A-Za-z]", body[end : end + 2]):
            continue  # inside an address: "Tips@Quellwire.com", "Quellwire.tv"
        end = _with_a_media_word(body, end)  # "Quellwire News", "VTZ Radio"
        name = body[start:end]
        core = re.sub(r"^The\s+", "", name)  # "The Beacon" is one word for the guards
        if (
            " " not in core
            and not core.isupper()
            and not _inner_capital(core)
            and (
                site in lower_case
                or core.lower() in lower_case
                or _opens_a_sentence(body, _the_before(body, start))
            )
        ):
            continue
        if _a_persons_name(core, lower_case):
            continue  # orlaquist.com is a person's site: "Orla Quist" stays hers
        if _runs_on(body, start, end, lower_case) or taken.find(1, start, end) != -1:
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
            written = _POSSESSIVE.sub("", word.group())  # "Quellpost's editor"
            letters += re.sub(r"[\W_]", "", written).lower()
            if letters == site:
                return run.start() + words[first].start(), run.start() + word.start() + len(written)
            if not site.startswith(letters):
                break
    return None


def _the_before(body: str, start: int) -> int:
    """Where the name at ``start`` begins with a "The" just before it ("The Aim was", a sentence's start)."""
    return start - 4 if body[max(0, start - 4) : start] == "The " else start


def _a_persons_name(name: str, lower_case: Container[str]) -> bool:
    """Is ``name`` written as a person's: two or three words, a first name and then words the corpus never
    writes in lower case ("Orla Quist"; not "Washington Post", "Victoria News")?

    >>> _a_persons_name("Orla Quist", {"post"}), _a_persons_name("Washington Post", {"post"})
    (True, False)
    """
    words = name.split()
    return (
        len(words) in (2, 3)
        and is_first_name(words[0])
        and not any(word.lower() in lower_case for word in words[1:])
    )


#: Words after an outlet's name that name a part of it: "Quellwire News", "VTZ Radio", "Varnpost Online".
_MEDIA_WORDS = frozenset(
    {"News", "Radio", "TV", "Television", "Online", "Digital", "Magazine", "Network", "Sport", "Sports",
     "Business", "Live", "Weekly", "Daily"}
)  # fmt: skip
#: Days after an outlet's name that end the name: "told Quellwire Monday" (months: ``MONTHS``).
_DAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def _with_a_media_word(body: str, end: int) -> int:
    """``end``, or the end of a media word right after it ("Quellwire News")."""
    after = re.match(r"[ \t]+([A-Za-z]+)\b", body[end : end + 20])
    return end + after.end() if after is not None and after.group(1) in _MEDIA_WORDS else end


def _inner_capital(word: str) -> bool:
    """A capital inside the word ("QuellWire", "TechVarn"): no common word is written so."""
    return any(ch.isupper() for ch in word[1:])


def _opens_a_sentence(body: str, start: int) -> bool:
    before = body[:start].rstrip(" \t")
    return not before or before[-1] in _SENTENCE_END


def _runs_on(body: str, start: int, end: int, lower_case: Container[str]) -> bool:
    """Is [start, end) part of a longer name: a capitalized word (not a day's or a month's name) or a
    number right after it, or a capitalized word right before it? Not a word opening the sentence that
    ``lower_case`` holds ("Yesterday Quellpost said").

    >>> body = "the Varn Quellpost. Quellpost 500 grew. Mr Quellpost said. He told Quellpost Monday."
    >>> [_runs_on(body, m.start(), m.end(), set()) for m in re.finditer("Quellpost", body)]
    [True, True, True, False]
    >>> body = "He told Quellpost. Quellpost said. Yesterday Quellpost said"
    >>> [_runs_on(body, m.start(), m.end(), {"yesterday"}) for m in re.finditer("Quellpost", body)]
    [False, False, False]
    """
    after = re.match(r"[ \t]+(\w+)", body[end : end + 40])
    if (
        after is not None
        and after.group(1).lower() not in _DAYS | MONTHS.keys()
        and after.group(1)[0].isupper() | after.group(1)[0].isdigit()
    ):
        return True
    before = re.search(r"(\w+)[ \t]+$", body[max(0, start - 40) : start])
    if before is None:
        return False
    word = before.group(1)
    opening = _opens_a_sentence(body, start - len(before.group(0)))
    return word[:1].isupper() and word != "The" and not (opening and word.lower() in lower_case)
