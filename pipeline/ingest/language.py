"""The articles written in the model's language; the others are left out, each with its language.

A model reads only its own language. Given a Spanish article, the English model makes names of its
capitalised words ("Asimismo", "Hace una", "el abogado de la Infanta": 20 nodes from one page of
newspaper4k's test data), so a scraped feed that mixes languages fills the graph with noise.

The test looks at the words that do not begin with a capital (names and table rows say little about
the language: a list of Polish names is "Polish" to an identifier, in an English results table):

1. English wanted: a text whose small words are at least :data:`ENGLISH_SHARE` English function words
   is English, with nothing more to load. Every article of gum-dev, Lee and the seeds passes so.
2. Fewer than :data:`MIN_LETTERS` letters in such words (a results table, a short brief): too little
   to tell, and the article is kept.
3. Otherwise py3langid (a fork of langid.py by trafilatura's author; BSD, 141 languages, its model in
   the wheel) names the language; the article is left out when it names another with probability
   :data:`MIN_PROBABILITY` or more.

On newspaper4k's pages in ten languages, the Spanish, Latvian, Arabic, Chinese, Japanese, Thai and
Burmese ones are left out, and no English one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from pipeline.errors import both_spellings
from pipeline.records import OTHER_LANGUAGE, Article, Skipped

#: A text's small words are at least this share English function words in any English prose: 0.2 to
#: 0.6 across gum-dev, Lee, the seeds and newswire results tables; Spanish 0.06, Latvian 0.02.
ENGLISH_SHARE = 0.15
#: Letters in small words below which a text is too short to name its language (a table of results
#: or a brief keeps 100 or fewer; a paragraph of prose has 300).
MIN_LETTERS = 200
#: The identifier's confidence at or above which an article is left out (the pages above: 0.95 to 1).
MIN_PROBABILITY = 0.9

#: What ``--language`` accepts besides a code: no language test at all.
ANY = "any"
#: The languages py3langid names (ISO 639 codes): any other is never found, and would leave every
#: article out ("--language zz" skipped a whole corpus as written in English).
_IDENTIFIED_TEXT = """
    ace af am an ar ary arz as az ba bcl be bg bn br bs ca crh cs cy da de dz el en eo es et eu ext fa fi fo
    fr fuv fy ga gcf gcr gd gl gom grc gu gug guw ha hbo he hi hr ht hu hy id ig is it ja jv ka kab kik kk km
    kn ko ku ky la lb lg lij ln lo lt ltg lv mg mk ml mn mr ms mt my ne nl nn no nso oc om or pa pcm pl ps pt
    qu ro ru rw sa sdh se si sk sl sn so sq sr st sv sw ta te tg th tk tl tr tt ug uk ur uz uzs vec vi vo wa
    wuu xh yo yue zh zu
"""
IDENTIFIED = frozenset(_IDENTIFIED_TEXT.split())

_WORD = re.compile(r"[^\W\d_]+")
#: The commonest English words, some in every sentence of English prose.
_ENGLISH_FUNCTION_WORDS_TEXT = """
    the of and to in a is that for it was on with as he be by at his are this from or had not but have
    an they which she were her their has been its we you there who will would one all if more when so
    can no about said than into what also after over out only up some could these them our new two
    other i my me him do did just
"""
_ENGLISH_FUNCTION_WORDS = frozenset(_ENGLISH_FUNCTION_WORDS_TEXT.split())
#: Names for the message; any other language is named by its code.
_LANGUAGE_NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek",
    "en": "English", "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian",
    "it": "Italian", "ja": "Japanese", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian",
    "my": "Burmese", "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian",
    "sv": "Swedish", "th": "Thai", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian",
    "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}  # fmt: skip


def in_language(articles: Sequence[Article], *, language: str | None) -> tuple[list[Article], list[Skipped]]:
    """The articles written in ``language`` (an ISO 639-1 code; None or ``"any"``: every article), and
    the others as :class:`~pipeline.records.Skipped`, naming the language found.

    >>> english = Article("a1", "feed.jsonl:1", 0, "", "The council said on Monday that it would vote.")
    >>> kept, left_out = in_language([english], language="en")
    >>> [a.source for a in kept], left_out
    (['feed.jsonl:1'], [])
    """
    if language is None or language == ANY:
        return list(articles), []
    kept: list[Article] = []
    left_out: list[Skipped] = []
    for article in articles:
        found = _other_language(f"{article.title}\n{article.body}", language)
        if found is None:
            kept.append(article)
        else:
            code, probability = found
            left_out.append(
                Skipped(
                    article.source,
                    f"{OTHER_LANGUAGE}{_named(code)} ({code}, {probability:.0%} sure), not {_named(language)}, "
                    f"the language this run reads; {both_spellings('language', 'any')} keeps it",
                )
            )
    return kept, left_out


def _other_language(text: str, language: str) -> tuple[str, float] | None:
    """The language ``text`` is written in, with the identifier's probability, when that is surely not
    ``language``; None when it is, or when the text is too short to tell."""
    small_words = [w for w in _WORD.findall(text) if not w[0].isupper()]
    if language == "en" and small_words:
        share = sum(w.casefold() in _ENGLISH_FUNCTION_WORDS for w in small_words) / len(small_words)
        if share >= ENGLISH_SHARE:
            return None
    if sum(map(len, small_words)) < MIN_LETTERS:
        return None
    code, probability = _identifier().classify(" ".join(small_words))
    if code == language or probability < MIN_PROBABILITY:
        return None
    return code, float(probability)


@functools.cache
def _identifier() -> Any:
    # Loaded on the first text that needs it (0.7 s): an English corpus never does.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _named(code: str) -> str:
    return _LANGUAGE_NAMES.get(code, code)
