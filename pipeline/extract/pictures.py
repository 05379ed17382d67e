"""Names in the captions of an article's pictures, which :attr:`pipeline.records.Article.text` puts after
its body: who is in the picture (origin ``caption``, as the model and the repairs read them) and who took
or supplied it (origin ``credit``).

A credit is read from its layout, not by the model, which reads it badly: "AP Photo/Orla Quist" as one
organization, "Image: O Quist" as nothing. After "Image:", "Photo:", "Photo by", "Picture courtesy of"
or "(AP Photo/", each part between slashes or commas is a person's name (two to four capitalized words,
initials allowed, no word of an organization's, a place's or a thing's) or else an agency, and an agency
before "Photo" is one too. "File", "Handout", "Pool" and words in lower case name nobody.

>>> from pipeline.extract.spans import ArticleText
>>> from pipeline.wordlists import load_patterns
>>> body = "Rain fell." + CAPTIONS_BREAK + "Orla Quist at home. (AP Photo/Ada Lind, File)"
>>> model = [CharSpan(0, 4, "PERSON", "person"), CharSpan(13, 23, "PERSON", "person"), CharSpan(35, 51, "ORG", "group")]
>>> [(body[s.start : s.end], s.type, s.origin) for s in pictures(model, ArticleText(body, (), load_patterns()))]
[('Rain', 'person', 'model'), ('Orla Quist', 'person', 'caption'), ('AP', 'group', 'credit'), ('Ada Lind', 'person', 'credit')]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.extract.entities import THING_HEADS, CharSpan
from pipeline.names import COMPANY_WORDS
from pipeline.records import CAPTIONS_BREAK

if TYPE_CHECKING:  # spans imports this module
    from pipeline.extract.spans import ArticleText

#: A credit: an agency before the word for the picture (opening a line or a bracket), the word, and who
#: took or supplied it.
_CREDIT = re.compile(
    r"(?:(?:(?<=\()|^)(?P<agency>(?-i:[A-Z])[\w.&'-]*(?:\s+(?-i:[A-Z])[\w.&'-]*)?)\s+)?"
    r"\b(?:photo|photograph|picture|pic|image|illustration)s?(?:\s+credit)?"
    r"(?:\s*[:/]|\s+by\b|\s+courtesy\s+of\b)\s*(?P<who>[^()|;\n]+)",
    re.IGNORECASE | re.MULTILINE,
)
#: Parts of a credit that name nobody.
_NOBODY = frozenset({"file", "handout", "pool", "supplied", "courtesy", "archive", "stock", "staff"})
#: Words of an agency's or a picture library's name, never of a person's.
_AGENCY_WORDS = frozenset(
    {
        "images",
        "image",
        "photos",
        "photo",
        "pictures",
        "press",
        "agency",
        "news",
        "media",
        "archive",
        "archives",
        "library",
        "museum",
        "commons",
        "service",
        "pool",
        "studio",
        "studios",
        "collection",
        "foundation",
    }
)
_INITIAL = re.compile(r"[A-Z]\.?")
_NAME_WORD = re.compile(r"(?:[A-Z][a-z]*\.?|[A-Z][\w'’-]*[a-z][\w'’-]*|[A-Z][A-Z0-9&.-]+)")


def pictures(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """``spans`` with those in the captions marked so, and each credit's names in place of what the
    model read there."""
    body = article.body
    start = body.find(CAPTIONS_BREAK)
    if start < 0:
        return spans
    credited: list[CharSpan] = []
    covered: list[tuple[int, int]] = []
    for match in _CREDIT.finditer(body, start):
        names = _credited(match, article)
        if names:
            credited.extend(names)
            covered.append((match.start(), match.end()))
    kept = [
        s if s.start < start else CharSpan(s.start, s.end, s.label, s.type, "caption")
        for s in spans
        if not any(a < s.end and s.start < b for a, b in covered)
    ]
    return sorted([*kept, *credited], key=lambda s: (s.start, s.end))


#: One part of a credit between slashes or commas, without the words before a name ("via", "by", "the")
#: and a full stop after it.
_PART = re.compile(
    r"\s*(?:(?:via|by|the)\s+)?(?P<text>[^/,\s](?:[^/,]*[^/,\s.])?\.?)\s*(?:[/,]|$)", re.IGNORECASE
)


def _credited(match: re.Match[str], article: ArticleText) -> list[CharSpan]:
    """The people and agencies a credit names, in order."""
    found = []
    if match.group("agency"):
        found.append(_span(match.start("agency"), match.group("agency"), person=False))
    offset = match.start("who")
    for part in _PART.finditer(match.group("who")):
        text = part.group("text")
        words = text.split()
        if len(words[-1]) > 2 and text.endswith("."):
            text = text[:-1]  # the end of the caption's sentence, not an initial's
            words = text.split()
        if text.lower() in _NOBODY or not all(_NAME_WORD.fullmatch(w) for w in words):
            continue
        found.append(_span(offset + part.start("text"), text, person=_a_persons_name(words, article)))
    return found


def _a_persons_name(words: list[str], article: ArticleText) -> bool:
    """Two to four name words (initials allowed, not all of them), none an agency's, an organization's,
    a place's or a thing's word: "Ada Lind", "R Osk", "Ada M. Lind"; not "Getty Images", "Varn Museum"."""
    patterns = article.patterns
    heads = (patterns.group_heads, patterns.place_heads, THING_HEADS, _AGENCY_WORDS)
    lowered = [w.lower().rstrip(".") for w in words]
    return (
        2 <= len(words) <= 4
        and not all(_INITIAL.fullmatch(w) for w in words)
        and not any(w in kind for w in lowered for kind in heads)
        and not any(w.capitalize() in COMPANY_WORDS or w in COMPANY_WORDS for w in lowered)
        and not any(len(w) > 1 and w.isupper() and not w.endswith(".") for w in words)
    )


def _span(start: int, text: str, *, person: bool) -> CharSpan:
    label, kind = ("PERSON", "person") if person else ("ORG", "group")
    return CharSpan(start, start + len(text), label, kind, "credit")
