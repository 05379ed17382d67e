"""A ministry named by its portfolios is one organization: "the Department for Culture, Media and Sport",
"the Ministry of Education, Science, Culture and Sport"; an office named so is a title, no organization:
"Minister for Culture, Media and Sport", "Secretary of State for Foreign and Commonwealth Affairs".

The small model cuts such a name at its first comma or "and": it tags "Department for Culture", then
"Media" and "Sport" as two more organizations (or nothing after the comma). :func:`portfolios` makes the
ministry's whole name one organization, in place of the spans inside it, and drops the spans inside an
office's portfolio.

A portfolio is one to three capitalized common words ("Rural Affairs", "Science", "Higher Education"): a
capitalized word that is no common word ("Varnby", "Quist") is a name, so "the Ministry of Defence,
Quellia and Varnby" is a list of three names, and "the Ministry of Defence, the Treasury and the Home
Office" (a "the" after the comma) is too. A portfolio is no place or person the model read ("Minister for
Europe and North America": the model's nouns hold "europe" and "ireland").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.extract.entities import CharSpan

if TYPE_CHECKING:
    from pipeline.extract.spans import ArticleText

__all__ = ["portfolios"]

#: The heads of a government body named after what it is for.
_BODIES = r"Ministry|Department|Dept\.|Secretariat|Directorate|Bureau|Committee|Commission|Office|Agency"
#: Offices held by a person, named after their portfolio.
_OFFICES = r"Minister|Secretary(?:[ ]of[ ]State)?|Commissioner|Spokesman|Spokeswoman|Spokesperson|Director"
#: A capitalized word of a portfolio: "Culture", "Rural", "Higher", "Science-Based".
_WORD = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?"
_PORTFOLIO = rf"{_WORD}(?:[ ]{_WORD}){{0,2}}"
#: The head, "of" or "for", then two portfolios or more, the last after "and" or "&".
_NAMED_BY_PORTFOLIOS = re.compile(
    rf"\b(?:(?P<body>{_BODIES})|(?P<office>{_OFFICES}))[ ](?:of|for)[ ](?:the[ ])?"
    rf"(?P<list>{_PORTFOLIO}(?:,[ ]{_PORTFOLIO})*,?[ ](?:and|&)[ ]{_PORTFOLIO})\b"
)
#: Words that head organizations' names and portfolios alike: "Health and Human Services".
_PORTFOLIO_HEADS = frozenset({"services", "security"})
#: Who holds or speaks for a portfolio: words after the ministry's name, none of it.
_HOLDERS = frozenset(
    {"minister", "ministers", "secretary", "commissioner", "spokesman", "spokeswoman", "spokesperson"}
    | {"director", "chief", "head", "official", "officials", "staff", "officer", "officers", "permanent"}
)
#: What goes on after a name that is another's: "and County of Maui", "and Sport's".
_GOES_ON = re.compile(r"[ ](?:of|for)[ ]|['’]s\b")
#: "and" or a comma between another name and the head, where the model ran the two together.
_JOINED_BEFORE = re.compile(r"(?:,[ ]|[ ](?:and|&)[ ])(?:the[ ])?$")
_PARTS = re.compile(r",[ ](?:and[ ]|&[ ])?|[ ](?:and|&)[ ]")


def portfolios(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """The spans with every ministry named by two portfolios or more one organization, in place of the
    spans inside it, and no span inside the portfolios of an office. A span that reaches past the name's
    end, or a place or a person the model ran into its head, leaves it alone; an organization the model
    ran into its head gives the name its start ("Federal Ministry for ..."), unless "and" or a comma
    joins them ("Arts Council and Department for ...": two).

    >>> from pipeline.extract.spans import ArticleText
    >>> from pipeline.wordlists import load_patterns
    >>> body = "The Department for Culture, Media and Sport and the Ministry of Defence, Varnby and Osk met."
    >>> words = (frozenset({"culture", "media", "sport", "defence"}),)
    >>> media = CharSpan(body.index("Media"), body.index("Media") + 5, "ORG", "group")
    >>> found = portfolios([media], ArticleText(body, (), load_patterns(), common_words=words))
    >>> [(body[s.start : s.end], s.type) for s in found]
    [('Department for Culture, Media and Sport', 'group')]
    """
    body = article.body
    if " and " not in body and "&" not in body:
        return spans
    kept = list(spans)
    for match in _NAMED_BY_PORTFOLIOS.finditer(body):
        parts = _PARTS.split(match["list"])
        # the last portfolio may run on into its holder's name or title: "... Media and Sport Orla
        # Quist", "... and Sport Secretary"; into nothing else ("Highways Varnland", "Sport Commission")
        words = parts[-1].split()
        last = words
        for i, word in enumerate(words):
            if i and (word in article.given_names or word.lower() in _HOLDERS):
                last = words[:i]
                break
        portfolios_named = [*parts[:-1], " ".join(last)]
        if not last or not all(_a_portfolio(part, article) for part in portfolios_named):
            continue
        start, end = match.start(), match.end() - len(parts[-1]) + len(" ".join(last))
        list_start = match.start("list")
        named = [s for s in kept if s.start >= list_start and s.end <= end and s.type != "group"]
        if named:
            continue  # "Minister for Europe and North Quellia": places (the model's nouns hold "europe")
        bodies = {body[s.start : s.end] for s in kept if s.start >= list_start and s.end <= end}
        if any(" " in part and part in bodies for part in portfolios_named):
            continue  # "Department for Transport, Network Rail and ...": a name of its own in the list
        if _GOES_ON.match(body, end):
            continue  # "Department of Finance, and County of Maui": the last is another body's name
        if match["office"]:
            # an office and its portfolios are a title: what the model tagged in them names nothing
            # ("State for Culture" of "Secretary of State for Culture, Media and Sport")
            kept = [s for s in kept if not (s.start >= start and s.end <= end)]
            continue
        inside = [s for s in kept if s.start < end and s.end > start]
        if any(s.end > end for s in inside):
            continue  # a longer name holds it
        opening = [s for s in inside if s.start < start]
        if any(s.type != "group" for s in opening):
            continue  # a place or a person the model ran into the head: left as it is
        before = None  # "Arts Council and" + "Department for ...": another name the model ran into it
        if opening:
            first = min(s.start for s in opening)
            joined = _JOINED_BEFORE.search(body, first, start)
            if joined is None:
                start = first  # "Federal Ministry for ...": the model's start
            elif joined.start() > first:
                before = CharSpan(first, joined.start(), "ORG", "group", "model")
        kept = [s for s in kept if not (s.start < end and s.end > start)]
        kept.append(CharSpan(start, end, "ORG", "group", "model"))
        if before is not None:
            kept.append(before)
    return sorted(kept, key=lambda s: (s.start, s.end))


def _a_portfolio(part: str, article: ArticleText) -> bool:
    """Are all the words of ``part`` common words of the model's ("Rural Affairs", "Higher Education",
    "Media", the plural of "medium"), the whole no place's name and the last word no organization's head
    ("Commission") nor a holder's ("Secretary")?"""
    if part in article.places or part in article.linked_places:
        return False
    last = part.split()[-1].lower()
    if last in article.patterns.group_heads - _PORTFOLIO_HEADS or last in _HOLDERS:
        # "Competition Commission" of "the Office of Fair Trading and Competition Commission"; "Sport
        # Secretary" of "the Department for Culture, Media and Sport Secretary Orla Quist"
        return False
    nouns = article.common_words[0] if article.common_words else frozenset()
    for word in part.split():
        for piece in word.split("-"):
            lower = piece.lower()
            plural = lower.endswith("s") and not lower.endswith("ss") and lower[:-1] in nouns
            plural = plural or (lower.endswith("ies") and lower[:-3] + "y" in nouns)  # "Fisheries"
            latin = lower.endswith("a") and lower[:-1] + "um" in nouns  # "Media", "Data"
            if not (lower in nouns or lower in article.adjectives or plural or latin):
                return False
    return True
