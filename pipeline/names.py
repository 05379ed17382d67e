"""Name normalization shared by extraction and resolution: pure functions on strings.

>>> name_key("the Ras Al-Ain")
'ras al ain'
>>> name_key("U.S.")
'us'
>>> head_word("Syrian Observatory for Human Rights")
'observatory'
>>> slug("Türkiye’s Ras al-Ayn")
'turkiyes-ras-al-ayn'
>>> skeleton("Türkiye") == skeleton("Turkey")
True
>>> slug("Владимир Путин"), slug("习近平")
('vladimir-putin', 'xijinping')
>>> name_key("Keir Star\u00admer") == name_key("Keir Starmer")
True
>>> display_name("Emmanuel Macron \U0001f1eb")
'Emmanuel Macron'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict

from rapidfuzz import fuzz

_CONNECTIVES = frozenset({"of", "for", "on"})
_LEADING = frozenset({"the", "a", "an"})
_MINOR_WORDS = frozenset({"of", "for", "on", "and", "the", "in", "at", "to", "de", "du", "des", "la", "le"})


#: Characters that show nothing and mean nothing in news text: soft hyphen, zero-width space, word
#: joiner, invisible operators, a byte-order mark (also in the middle of a file), the explicit
#: bidirectional marks, embeddings, overrides and isolates ("Trojan Source" reordering), and the Hangul
#: filler, a blank letter. Ingest removes them.
_INVISIBLE = re.compile(
    "[\u00ad\u200b\u2060-\u2064\ufeff\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u180e\u3164]"
)
#: Joiners (U+200C, U+200D), variation selectors and tag characters stay where they mean something
#: (Persian and Indic words, emoji sequences, flags) and go after a Latin letter, where they mean nothing
#: and make "Ko\u200dfi" a name of its own.
_AFTER_LATIN = re.compile("(?<=[A-Za-z\u00c0-\u024f])[\u200c\u200d\ufe0e\ufe0f\U000e0000-\U000e007f]+")
#: Latin ligatures as their letters ("ﬁ" -> "fi"): text copied from typeset pages spells "Oﬃce".
_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
    }
)


def strip_invisible(text: str) -> str:
    """``text`` without invisible format characters (see ``_INVISIBLE``, ``_AFTER_LATIN``), its Latin
    ligatures written out.

    >>> strip_invisible("Ko\u200ffi Hal\u200ddane of the Oﬃce"), strip_invisible("می\u200cخواهم")
    ('Kofi Haldane of the Office', 'می\u200cخواهم')
    """
    return _AFTER_LATIN.sub("", _INVISIBLE.sub("", text)).translate(_LIGATURES)


def display_name(text: str) -> str:
    """A name as a label shows it: no invisible characters, and no emoji, flag, symbol or format
    character at either end ("Emmanuel Macron 🇫" -> "Emmanuel Macron"); the text itself unchanged."""
    text = strip_invisible(text)
    start, end = 0, len(text)
    while start < end and _decoration(text[start]):
        start += 1
    while end > start and _decoration(text[end - 1]):
        end -= 1
    return text[start:end] or text.strip()


def _decoration(ch: str) -> bool:
    # So/Sk: emoji, flags (regional indicators), skin tones; Cf/Cc/Co/Cn: format, control, private,
    # unassigned; Me: the keycap enclosure; Mn at an end is a variation selector or a stray accent.
    return ch.isspace() or unicodedata.category(ch) in {"So", "Sk", "Cf", "Cc", "Co", "Cn", "Me", "Mn"}


@functools.lru_cache(maxsize=65536)  # the same names over and over, in every stage
def ascii_fold(text: str) -> str:
    """Strip accents (letters without an ASCII form are kept).

    >>> ascii_fold("Türkiye"), ascii_fold("Khān Yūnis"), ascii_fold("Łódź")
    ('Turkiye', 'Khan Yunis', 'Łodz')
    """
    if text.isascii():  # most names: nothing to decompose
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The form two spellings of one name share: case, accents, dots, apostrophes, hyphens, a leading
    "the", spaces between initials and the usual abbreviations of "Saint", "Mount", "Street"... do not
    count.

    >>> name_key("U. S."), name_key("the U.S."), name_key("St. Quellan"), name_key("Varn St")
    ('us', 'us', 'saint quellan', 'varn street')
    >>> name_key("Mt Drovan"), name_key("Osk Ave."), name_key("J. R. Quist")
    ('mount drovan', 'osk avenue', 'jr quist')
    """
    # Format characters join what they sit in: "Star\u00admer" is "Starmer", not "Star mer".
    folded = ascii_fold(text).casefold()
    if not folded.isascii():
        folded = "".join(ch for ch in folded if unicodedata.category(ch) != "Cf")
    folded = re.sub(r"[.'’`]", "", folded)
    folded = re.sub(r"[^\w]+", " ", folded).strip()
    words = folded.split()
    while len(words) > 1 and words[0] in _LEADING:
        words.pop(0)
    if len(words) > 1:
        words[0] = _LEADING_ABBREVIATIONS.get(words[0], words[0])
        words[-1] = _TRAILING_ABBREVIATIONS.get(words[-1], words[-1])
    return re.sub(r"\b([a-z]) (?=[a-z]\b)", r"\1", " ".join(words))  # "u s" -> "us"


#: Last words of a company's legal name ("Quellco Holdings", "Varn Motor Corp."), name-key spelling.
LEGAL_FORMS = frozenset(
    {"corp", "corporation", "inc", "incorporated", "ltd", "limited", "plc", "llc", "co", "holdings", "group"}
    | {"ag", "sa", "nv", "gmbh", "spa", "asa", "pjsc", "oyj", "ab", "bv", "llp", "lp", "pty", "jsc", "kg"}
)

#: Last words of a company's name (name-key spelling): its legal form, or what it is as a company.
COMPANY_WORDS = LEGAL_FORMS | frozenset(
    {"communications", "industries", "international", "technologies", "systems", "networks", "enterprises"}
    | {"motors", "airlines", "airways", "pharmaceuticals", "entertainment", "media", "partners", "capital"}
)


#: Abbreviations that open a name ("St Quellan") and that end one ("Varn St").
_LEADING_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_TRAILING_ABBREVIATIONS = {"st": "street", "ave": "avenue", "rd": "road", "blvd": "boulevard", "mt": "mount"}


@functools.lru_cache(maxsize=65536)  # the same names over and over, in every stage
def head_word(name: str) -> str:
    """The word a name is built on: the last word before "of"/"for"/"on" ("Syrian Observatory for
    Human Rights" -> observatory), else the last word ("Popular Mobilization Forces" -> forces)."""
    words = re.findall(r"[A-Za-z0-9]+", ascii_fold(name))
    for index, word in enumerate(words):
        if index > 0 and word.lower() in _CONNECTIVES:
            return words[index - 1].lower()
    return words[-1].lower() if words else ""


#: Lowercase words inside personal names ("von der Leyen", "bin Salman", "da Silva").
NAME_PARTICLES = frozenset(
    {
        "von",
        "van",
        "der",
        "den",
        "de",
        "del",
        "dela",
        "delos",
        "della",
        "di",
        "das",
        "zu",
        "da",
        "dos",
        "du",
        "la",
        "le",
        "bin",
        "bint",
        "binti",
        "ibn",
        "al",
        "el",
        "ter",
    }
)


#: Family names that come first in Chinese, Korean and Vietnamese names, as English-language news
#: writes them: "Wang" of "Wang Lifang", "Yoon" of "Yoon Suk-yeol", "Nguyen" of "Nguyen Van An". The
#: most frequent ones (about two hundred, which most people of those countries bear), name-key spelling.
SURNAMES_FIRST = frozenset(
    {"bai", "bao", "cai", "cao", "cen", "chai", "chang", "chao", "chen", "cheng", "cheung", "chiang",
     "chien", "chiu", "cho", "choi", "chou", "chow", "chu", "chuang", "chung", "chun", "cui", "dai", "deng",
     "ding", "dong", "du", "duan", "fan", "fang", "feng", "fu", "gan", "gao", "ge", "geng", "gong", "gu",
     "guan", "guo", "han", "hao", "hou", "hsieh", "hsu", "hu", "hua", "huang", "hung", "jia", "jiang", "jin",
     "kang", "kong", "kuo", "lai", "lam", "lau", "lei", "leung", "li", "liang", "liao", "lim", "lin", "ling",
     "liu", "long", "lu", "luo", "lü", "ma", "mao", "meng", "mo", "ng", "ou", "pan", "pang", "peng", "qi",
     "qian", "qin", "qiu", "ren", "shao", "shen", "sheng", "shi", "song", "su", "sun", "tan", "tang", "tao",
     "tian", "tsai", "tsang", "tse", "wan", "wang", "wei", "wen", "wong", "wu", "xi", "xia", "xiang", "xiao",
     "xie", "xiong", "xu", "xue", "yan", "yang", "yao", "ye", "yi", "yin", "yip", "yu", "yuan", "zeng",
     "zhang", "zhao", "zheng", "zhong", "zhou", "zhu", "zou", "ahn", "bae", "baek", "byun", "cha", "chae",
     "choe", "heo", "hong", "hwang", "jang", "jeon", "jeong", "jo", "ju", "jung", "kim", "ko", "kwak",
     "kwon", "lee", "min", "moon", "na", "nam", "noh", "oh", "park", "ryu", "seo", "shin", "son", "sung",
     "woo", "yoo", "yoon", "yun", "bui", "dang", "dinh", "duong", "hoang", "huynh", "ngo", "nguyen", "pham",
     "phan", "tran", "trinh", "truong", "vo", "vu"}
)  # fmt: skip

#: Those of :data:`SURNAMES_FIRST` that are English words too: alone and called no person, the word ("The
#: Sun" in the story of "Sun Yang", "Oh, it was long" in that of "Oh Se-hoon").
SURNAMES_FIRST_THAT_ARE_WORDS = frozenset(
    {"long", "song", "sun", "moon", "park", "son", "oh", "fan", "fang", "gong", "hung", "lam", "ling", "ma"}
    | {
        "min",
        "mo",
        "pan",
        "pang",
        "shin",
        "sung",
        "tan",
        "tang",
        "wan",
        "woo",
        "ding",
        "dong",
        "kong",
        "chow",
    }
    | {"hong", "jin", "ko", "na", "ye", "yi", "yu", "su", "shi", "hu", "gu", "du", "lee", "kim"}
)


#: Words after a surname that tell a father from his son and name no one alone ("Orla Quist, Jr.", the
#: Portuguese "Orla Quist Neto", "Filho", "Júnior"), name-key spelling.
GENERATIONS = frozenset({"jr", "sr", "jnr", "snr", "neto", "filho", "junior", "júnior", "sobrinho"})

#: Last words an acronym leaves out: a legal form that is no word of the name, a generation.
_UNINITIALLED_ENDINGS = frozenset({"inc", "incorporated", "ltd", "llc", "plc"}) | GENERATIONS


def without_generation(words: list[str]) -> list[str]:
    """A full name's words without the son's or father's mark after the surname.

    >>> without_generation(["orla", "quist", "jr"]), without_generation(["Orla", "Quist,", "Sr."])
    (['orla', 'quist'], ['Orla', 'Quist'])
    >>> without_generation(["Orla", "Varn", "Quist", "Neto"]), without_generation(["Orla", "Júnior"])
    (['Orla', 'Varn', 'Quist'], ['Orla', 'Júnior'])
    >>> without_generation(["quist", "jr"])
    ['quist', 'jr']
    """
    if len(words) > 2 and words[-1].lower().rstrip(".") in GENERATIONS:
        return [*words[:-2], words[-2].rstrip(",")]
    return words


#: A word of two initials or more, each with its full stop: "U.S.", "N.C.", "O.T.".
_WRITTEN_AS_INITIALS = re.compile(r"(?:[A-Za-z]\.){2,}")


@functools.lru_cache(maxsize=65536)  # the same names over and over, in every stage
def initials(name: str) -> str:
    """Capital initials of the significant words, hyphenated parts included, and every letter of a word
    written as initials ("U.S."): "Hayat Tahrir al-Sham" -> "HTS", "Syrian Observatory for Human Rights"
    -> "SOHR", "N.C. Department of Quellery" -> "NCDQ".

    >>> initials("Quellby News Network, Inc."), initials("Orla F. Quist Jr."), initials("Varn Deposit Corp.")
    ('QNN', 'OFQ', 'VDC')
    >>> initials("N.C. Department of Quellery and Varn Services"), initials("O.T. Quist")
    ('NCDQVS', 'OTQ')"""
    letters: list[str] = []
    words = re.split(r"[\s]+", ascii_fold(name))
    while len(words) > 1 and re.sub(r"\W", "", words[-1]).lower() in _UNINITIALLED_ENDINGS:
        words.pop()  # "Cable News Network, Inc." is CNN, "Martin Luther King Jr." MLK
    for word in words:
        if _WRITTEN_AS_INITIALS.fullmatch(word):
            letters.extend(word.replace(".", "").upper())
            continue
        parts = [p for p in re.split(r"-", word) if p]
        for part in parts:
            if part.lower() in _MINOR_WORDS or part.lower() in {"al", "el"}:
                continue
            if part[0].isalpha():
                letters.append(part[0].upper())
    return "".join(letters)


def slug(text: str) -> str:
    """A stable, readable id part: lowercase ASCII words joined by hyphens. Letters without an ASCII
    form are transliterated (anyascii: "Владимир Путин" -> vladimir-putin, "习近平" -> xijinping); a
    name with nothing to transliterate gets a hash of itself, the same in every run."""
    from anyascii import anyascii

    kept = "".join(ch for ch in strip_invisible(text) if not unicodedata.category(ch).startswith(("S", "C")))
    folded = re.sub(r"['’`]", "", ascii_fold(kept))
    if not folded.isascii():
        folded = anyascii(folded)
    result = re.sub(r"[^a-z0-9]+", "-", folded.casefold()).strip("-")
    if result:
        return result
    import hashlib

    return "x-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


@functools.lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """Consonants only (vowels and y dropped): transliterations of one name usually agree on them
    ("Ayn"/"Ain" -> "n", "Mohammed"/"Muhammad" -> "mhmmd")."""
    return re.sub(r"[^bcdfghjklmnpqrstvwxz]", "", ascii_fold(word).casefold())


#: Whole-name similarity (rapidfuzz ratio, 0-100) of one-word names, which have no other words to anchor them.
SINGLE_WORD_SIMILARITY = 85


def close_surname(a: str, b: str) -> bool:
    """ "Zelenskyy" / "Zelensky": one surname spelled two ways; not a family ("the Quists" of "Quist").

    >>> close_surname("zelenskyy", "zelensky"), close_surname("quists", "quist")
    (True, False)
    """
    if a in {b + "s", b + "es"} or b in {a + "s", a + "es"}:
        return False
    return a[0] == b[0] and abs(len(a) - len(b)) <= 2 and fuzz.ratio(a, b) >= SINGLE_WORD_SIMILARITY


def given_name_families(word: str) -> frozenset[str]:
    """The formal given names ``word`` is a familiar form of, itself included when it is a formal name
    (patterns.yml's ``familiar_forms``): "jim" -> {"james"}, "ted" -> {"edward", "theodore"}, "james" ->
    {"james"}; empty for a word the list lacks.

    >>> sorted(given_name_families("jim")), sorted(given_name_families("ted")), given_name_families("quist")
    (['james'], ['edward', 'theodore'], frozenset())
    """
    return _given_name_table().get(word, frozenset())


@functools.cache
def _given_name_table() -> dict[str, frozenset[str]]:
    from pipeline.wordlists import load_patterns

    table: dict[str, set[str]] = defaultdict(set)
    for formal, form in load_patterns().familiar_forms:
        table[formal].add(formal)
        table[form].add(formal)
    return {word: frozenset(formals) for word, formals in table.items()}


def one_given_name(a: str, b: str) -> bool:
    """Are two given names (lower case) one name, one the familiar form of the other ("jim" and
    "james", "ted" and "edward")? Two forms of a third name are not ("ted" and "ned" of "edward").

    >>> one_given_name("jim", "james"), one_given_name("edward", "ted"), one_given_name("ted", "ned")
    (True, True, False)
    """
    return a != b and (a in given_name_families(b) or b in given_name_families(a))
