"""The two passes over a chunk of articles, and how one article becomes an :class:`Extraction`.

1. every body goes through ``senter`` + ``ner`` only (plus a rule that starts a sentence at every
   paragraph break, which the statistical sentence splitter otherwise runs across); the entities are
   repaired (:mod:`pipeline.extract.entities`) and become character spans;
2. only the sentences that hold a number go through ``tagger`` + ``parser`` (and the lemmatizer), because
   only counts need syntax: what is counted and which verb governs it (:mod:`pipeline.extract.quantities`).

Then each article's spans go through the span repairs (:mod:`pipeline.extract.spans`) and become
:class:`~pipeline.records.Mention` records. spaCy objects never leave this package.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipeline.errors import failure_of, inject_fault
from pipeline.extract.attributes import fast_attributes
from pipeline.extract.entities import (
    NUMBER_LABELS,
    CharSpan,
    clean,
    extended_entities,
    label_possessors,
)
from pipeline.extract.model import (
    PASS_ONE,
    PASS_TWO,
    Vocabulary,
    components,
    lemmas,
    load_model,
    text_of,
    vocabulary,
)
from pipeline.extract.quantities import age_of, ages_after_people, last_object_of, needs_parse, quantities
from pipeline.extract.shapes import known_as
from pipeline.extract.spans import (
    SPAN_REPAIRS,
    ArticleText,
    abbreviations,
    acronyms_of_other_languages,
    named_in_full,
    title_holders,
)
from pipeline.extract.untagged import (
    described_groups,
    described_people,
    gazetteer_places,
    given_name_people,
    headed_places,
    listed_people,
    places_before_a_plural_head,
    surnames_after_people,
    titled_people,
)
from pipeline.extract.values import VAGUE_WORDS
from pipeline.records import CAPTIONS_BREAK, Extraction, Failure, Mention, Quantity, Sentence
from pipeline.wordlists import Patterns, load_patterns

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

#: Longest text handed to spaCy at once; longer bodies are split at paragraph (then sentence) breaks.
SEGMENT_CHARS = 100_000
#: Text the model holds at once: spaCy keeps a whole batch's documents (about 3 KB per character with
#: their vectors), and its batches count documents, so a 3 MB article's 30 segments, one batch, took
#: 8.9 GB. A chunk of ordinary articles (64 of a few KB) stays one batch.
BATCH_CHARS = 400_000
#: Longest sentence, in tokens, that is one co-mention window; longer ones are cut (:func:`_cuts`). The
#: longest sentences of gum-dev and Lee are 150 and 80 tokens.
LONGEST_SENTENCE = 200
#: Tokens parsed either side of a number: the counted noun, its verb and their arguments (12 changed
#: a few counts on real news; 24 gives the parse of the whole sentence on gum-dev, Lee and the seeds).
WINDOW = 24


@dataclass
class Draft:
    """What pass one collects for one article before it becomes an :class:`Extraction`."""

    article_id: str
    body: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    spans: list[CharSpan] = field(default_factory=list)
    #: (a window of a sentence as its own Doc, the sentence's offset in the body, the window's, its number
    #: entities, token ends of PERSON names), in the order of the text
    number_sentences: list[tuple[Doc, int, int, list[tuple[int, int, str]], frozenset[int]]] = field(
        default_factory=list
    )
    quantities: list[Quantity] = field(default_factory=list)
    failure: Failure | None = None

    @functools.cached_property
    def captions_start(self) -> int:
        """Where the pictures' captions begin in ``body`` (:attr:`pipeline.records.Article.text`), or
        its length: a caption's numbers ("June 11, 2025", "Around 3,000 fighters") are the picture's, no
        counts of the story."""
        found = self.body.find(CAPTIONS_BREAK)
        return len(self.body) if found < 0 else found


def extract_chunk(
    items: Sequence[tuple[str, str]],
    *,
    model: str,
    patterns: Patterns | None = None,
    read: Callable[[float], None] | None = None,
) -> list[Extraction]:
    """Both passes over (article_id, body) pairs with the word classes ``patterns`` (None: the
    package's); the unit of work for worker processes and Dask. ``read(share)`` is told the share of
    the chunk's characters pass one has read, piece by piece: the progress of one long article.

    One article's failure fails that article only: an :class:`Extraction` with ``failure`` set. The
    steps of one article are guarded one by one; when spaCy itself raises inside a batch, nothing says
    which article caused it, so the chunk runs again article by article to find it.
    """
    nlp = load_model(model)
    vocab = vocabulary(model, patterns or load_patterns())
    try:
        return _extract_together(items, nlp, vocab, read=read)
    except _BatchFailed as batch:
        if len(items) == 1:
            return [failed(items[0][0], batch.step, batch.__cause__ or batch)]
        return [_alone(item, nlp, vocab) for item in items]


class _BatchFailed(Exception):
    """spaCy raised while processing a batch of articles in ``step``; ``__cause__`` is its error."""

    def __init__(self, step: str) -> None:
        super().__init__(step)
        self.step = step


def _alone(item: tuple[str, str], nlp: Language, vocab: Vocabulary) -> Extraction:
    try:
        [extraction] = _extract_together([item], nlp, vocab)
    except _BatchFailed as batch:
        return failed(item[0], batch.step, batch.__cause__ or batch)
    return extraction


def failed(article_id: str, step: str, error: BaseException) -> Extraction:
    failure = failure_of(error, article_id=article_id, stage="extract", step=step)
    return Extraction(article_id, (), (), (), failure=failure)


def _extract_together(
    items: Sequence[tuple[str, str]],
    nlp: Language,
    vocab: Vocabulary,
    *,
    read: Callable[[float], None] | None = None,
) -> list[Extraction]:
    drafts = [Draft(article_id, body) for article_id, body in items]
    limit = min(SEGMENT_CHARS, nlp.max_length - 1)
    pieces: list[tuple[int, int, str]] = []
    for i, draft in enumerate(drafts):
        with _guard(draft, "segments"):
            pieces.extend((i, offset, text) for offset, text in segments(draft.body, limit))
    possessors: list[tuple[Draft, CharSpan]] = []
    try:
        with nlp.select_pipes(enable=components(nlp, PASS_ONE)):
            stream = (
                result
                for batch in _batches(pieces, BATCH_CHARS)
                for result in nlp.pipe(
                    ((text, (i, offset)) for i, offset, text in batch),
                    as_tuples=True,
                    batch_size=_batch_size(batch, watched=read is not None),
                )
            )
            total, so_far = sum(len(text) for _, _, text in pieces) or 1, 0
            for doc, (index, offset) in stream:
                if read is not None:  # pass one is most of the work; pass two the rest
                    so_far += len(text_of(doc))
                    read(PASS_ONE_SHARE * so_far / total)
                draft = drafts[index]
                if draft.failure is not None:
                    continue
                with _guard(draft, "entities"):
                    inject_fault("entities", draft.body)
                    _read_pass_one(doc, draft, offset, vocab, possessors)
            label_possessors(nlp, [(d.body[s.start : s.end], s) for d, s in possessors if d.failure is None])
    except Exception as error:
        raise _BatchFailed("entities") from error
    for draft in drafts:
        draft.sentences = sorted(set(draft.sentences))
    sentence_docs = [(d, item) for d in drafts if d.failure is None for item in d.number_sentences]
    if sentence_docs:
        lemma = lemmas(nlp)
        attributes = fast_attributes(nlp)  # the attribute ruler's work as look-ups, when it can be
        wanted = [name for name in PASS_TWO if attributes is None or name != "attribute_ruler"]
        parse = [_needs_parse(doc, spans, ends) for _, (doc, _, _, spans, ends) in sentence_docs]
        try:
            with nlp.select_pipes(enable=components(nlp, wanted)):
                parsed = iter(
                    nlp.pipe(
                        item[0] for (_, item), needed in zip(sentence_docs, parse, strict=True) if needed
                    )
                )
                carried: tuple[Draft | None, int, str] = (None, -1, "")
                for (draft, (window, sentence_start, offset, spans, person_ends)), needed in zip(
                    sentence_docs, parse, strict=True
                ):
                    doc = next(parsed) if needed else window
                    if draft.failure is not None:
                        continue
                    with _guard(draft, "numbers"):
                        inject_fault("numbers", draft.body)
                        if attributes is not None and needed:
                            attributes(doc)
                        index = bisect.bisect_right(draft.sentences, (sentence_start, float("inf"))) - 1
                        # the counted object an elliptical count borrows runs on across a sentence's windows
                        last_object = carried[2] if carried[:2] == (draft, index) else ""
                        found = quantities(
                            doc,
                            spans,
                            article_id=draft.article_id,
                            sentence=index,
                            offset=offset,
                            person_ends=person_ends,
                            lemma=lemma,
                            last_object=last_object,
                            cut=offset > sentence_start,
                        )
                        draft.quantities.extend(found)
                        carried = (draft, index, last_object_of(found, last_object))
        except Exception as error:
            raise _BatchFailed("numbers") from error
    return [
        finish(d, vocab) if d.failure is None else Extraction(d.article_id, (), (), (), failure=d.failure)
        for d in drafts
    ]


#: The share of a chunk's time pass one takes, for the progress of one long article.
PASS_ONE_SHARE = 0.8


def _batch_size(batch: Sequence[tuple[int, int, str]], *, watched: bool) -> int:
    """How many pieces spaCy reads before it hands any back: the whole batch, but one by one when
    someone watches the progress of one long article cut into pieces (it moved in jumps of 400,000
    characters); the pieces are then long enough that batching them gains nothing.

    >>> _batch_size([(0, 0, "a"), (0, 1, "b")], watched=True), _batch_size([(0, 0, "a"), (1, 0, "b")], watched=True)
    (1, 2)
    """
    one_article = len({index for index, _, _ in batch}) == 1
    return 1 if watched and one_article else len(batch)


def _needs_parse(doc: Doc, spans: list[tuple[int, int, str]], person_ends: frozenset[int]) -> bool:
    """Whether pass two parses a window: not when its numbers are all ages or have no value, which give
    the same counts unparsed. An error here is left for the article's guarded count step to meet."""
    try:
        return needs_parse(doc, spans, person_ends)
    except Exception:
        return True


@contextlib.contextmanager
def _guard(draft: Draft, step: str) -> Iterator[None]:
    """One step of one article: an exception marks the article failed (callers skip a failed article's
    later steps) instead of stopping the batch."""
    try:
        yield
    except Exception as error:
        draft.failure = failure_of(error, article_id=draft.article_id, stage="extract", step=step)


def _batches(pieces: Sequence[tuple[int, int, str]], max_chars: int) -> Iterator[list[tuple[int, int, str]]]:
    """``pieces`` in order, in batches of at most ``max_chars`` characters (a longer piece alone).

    >>> [len(b) for b in _batches([(0, 0, "ab"), (1, 0, "cd"), (2, 0, "efgh"), (3, 0, "i")], 4)]
    [2, 1, 1]
    """
    batch: list[tuple[int, int, str]] = []
    size = 0
    for piece in pieces:
        if batch and size + len(piece[2]) > max_chars:
            yield batch
            batch, size = [], 0
        batch.append(piece)
        size += len(piece[2])
    if batch:
        yield batch


def segments(body: str, limit: int = SEGMENT_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, text) pieces of at most ``limit`` characters, cut at paragraph, sentence or word breaks."""
    start = 0
    while len(body) - start > limit:
        window = body[start : start + limit]
        cut = max(window.rfind("\n\n"), -1)
        if cut <= 0:
            cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
            cut = cut + 1 if cut > 0 else window.rfind(" ")
        if cut <= 0:
            cut = limit
        yield start, body[start : start + cut]
        start += cut
    yield start, body[start:]


def _read_pass_one(
    doc: Doc, draft: Draft, offset: int, vocab: Vocabulary, possessors: list[tuple[Draft, CharSpan]]
) -> None:
    entities = _numbered_brands(doc, vocab)  # a list: Span.ents rescans them for every sentence
    described = described_groups(doc, vocab)
    if described:  # "rock band The Varn Hours", which the model read as a law: the band, not what it read
        from spacy.util import filter_spans

        doc.ents = filter_spans([*described, *entities])
        entities = list(doc.ents)
    cursor = 0
    for first, last, sent_start, sent_end in _sentence_tokens(doc):
        inside = []
        while cursor < len(entities) and entities[cursor].start < sent_end:
            if entities[cursor].start >= sent_start:
                inside.append(entities[cursor])
            cursor += 1
        if first < 0:
            continue
        start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
        draft.sentences.append((offset + start, offset + end))
        if offset + start < draft.captions_start:
            _collect_numbers(doc, inside, first, last + 1, draft, offset)
    doc_text = text_of(doc)
    found = [
        *extended_entities(doc, vocab.patterns),
        *given_name_people(doc, vocab),
        *surnames_after_people(doc, vocab),
        *titled_people(doc, vocab),
        *listed_people(doc, vocab),
        *described_people(doc, vocab),
        *gazetteer_places(doc, vocab),
        *headed_places(doc, vocab),
        *places_before_a_plural_head(doc, vocab),
    ]
    for ent in found:
        for span in clean(doc, ent, vocab, doc_text):
            span.start += offset
            span.end += offset
            draft.spans.append(span)
            if span.origin == "possessor":
                possessors.append((draft, span))


def _numbered_brands(doc: Doc, vocab: Vocabulary) -> list[Span]:
    """A number run into a word in capitals ("9NEWS", "7NEWS"), or into "News" ("10News"), as television
    channels write their names, is a name: the model tags it a number, which makes it a count. Not a unit
    ("100Mbps", "40MPH"), a model ("4Runner") or a span of time ("24Hours"): the word must be a noun of the
    model's, of four letters or more, in capitals. Returns the Doc's entities, those included."""
    entities = list(doc.ents)
    brands = {
        i
        for i, ent in enumerate(entities)
        if ent.label_ == "CARDINAL"
        and (letters := _NUMBERED_BRAND.fullmatch(ent.text)) is not None
        and (
            (letters.group(1).isupper() and letters.group(1).lower() in vocab.nouns)
            or letters.group(1) == "News"
        )
    }
    if brands:
        from spacy.tokens import Span

        entities = [
            Span(doc, e.start, e.end, label="ORG") if i in brands else e for i, e in enumerate(entities)
        ]
        doc.ents = entities
    return entities


#: Up to three digits, then a capitalized word: "9NEWS", "10News".
_NUMBERED_BRAND = re.compile(r"\d{1,3}([A-Z][A-Za-z]{3,})")


def _sentence_tokens(doc: Doc) -> Iterator[tuple[int, int, int, int]]:
    """(first, last non-space token or -1 for both, start, end token) of each of ``doc.sents``, read from
    doc-level arrays: iterating Token objects over every body costs more than the rest of the pass. A
    sentence longer than :data:`LONGEST_SENTENCE` tokens is cut (:func:`_cuts`)."""
    from spacy.attrs import ENT_IOB, IS_SPACE, SENT_START

    starts, spaces, iob = doc.to_array([SENT_START, IS_SPACE, ENT_IOB]).T
    sentence_bounds = [0, *(starts[1:] == 1).nonzero()[0] + 1, len(doc)]  # where Doc.sents cuts
    bounds = [0]
    for start, end in zip(sentence_bounds, sentence_bounds[1:], strict=False):
        if end - start > LONGEST_SENTENCE:
            bounds.extend(_cuts(doc, int(start), int(end), iob))
        bounds.append(int(end))
    words = (spaces == 0).nonzero()[0].tolist()
    cursor = 0
    for start, end in zip(bounds, bounds[1:], strict=False):
        start, end = int(start), int(end)
        while cursor < len(words) and words[cursor] < start:
            cursor += 1
        first = cursor
        while cursor < len(words) and words[cursor] < end:
            cursor += 1
        if first == cursor:
            yield -1, -1, start, end
        else:
            yield words[first], words[cursor - 1], start, end


def _cuts(doc: Doc, start: int, end: int, iob: Any) -> list[int]:
    """Where a sentence of more than :data:`LONGEST_SENTENCE` tokens is cut, so that no piece is longer:
    a table's rows or a text without full stops read as one sentence would link every name in it to
    every other (a window's links grow with the square of its names) and repeat the whole text as the
    evidence of each link. A cut goes after the last line break, semicolon, colon or comma of the second
    half of the piece, else before any token that does not continue a name (``iob`` 1: inside one)."""
    cuts: list[int] = []
    piece = start
    while end - piece > LONGEST_SENTENCE:
        limit = piece + LONGEST_SENTENCE
        cut = next(
            (
                i + 1
                for i in range(limit - 1, piece + LONGEST_SENTENCE // 2, -1)
                if _breaks_a_line(doc[i]) and iob[i + 1] != 1
            ),
            None,
        )
        if cut is None:
            cut = next((i for i in range(limit, piece, -1) if iob[i] != 1), limit)
        cuts.append(cut)
        piece = cut
    return cuts


def _breaks_a_line(token: Token) -> bool:
    return ("\n" in token.text and token.is_space) or token.text in {";", ":", ","}


def _collect_numbers(
    doc: Doc, entities: list[Span], first: int, last: int, draft: Draft, offset: int
) -> None:
    """Queue the windows of a sentence (non-space tokens ``first``..``last``, its ``entities``) that hold a
    number that could be a count for the parse pass."""
    spans: list[tuple[int, int, str]] = []
    person_ends: set[int] = set()
    for ent in entities:
        label = ent.label_
        if label == "PERSON":
            person_ends.add(ent.end - 1 - first)
        if label == "DATE" and _bare_count(ent.text):
            label = "CARDINAL"  # "58 are still held": a count the model took for a date
            draft.spans.append(
                CharSpan(offset + ent.start_char, offset + ent.end_char, label, "number", "relabeled")
            )
        range_ends = _range_ends(doc, ent)
        if range_ends:  # "rose from 12 to 19", "between 10 and 12 homes": two numbers the model ran into one
            spans.extend((i - first, i + 1 - first, "CARDINAL") for i in range_ends if first <= i < last)
            continue
        # "a 53-year-old" stays a DATE mention but goes to the number rules, which keep it as an age.
        age = label == "DATE" and age_of(ent.text) is not None
        if label in NUMBER_LABELS or age:
            spans.append((max(ent.start, first) - first, min(ent.end, last) - first, label))
        elif label == "DATE" and ent.start > first and doc[ent.start - 1].lower_ == "aged":
            # "boys aged three and 13": each number an age the model took for a date
            spans.extend((t.i - first, t.i + 1 - first, "CARDINAL") for t in ent if t.like_num and t.i < last)
    spans.extend(_untagged_vague_counts(doc, entities, first, last))
    if not spans:
        return
    sentence_start = offset + doc[first].idx
    for start, end in _windows(spans, last - first):
        inside = [(s - start, e - start, label) for s, e, label in spans if start <= s and e <= end]
        ends = frozenset(i - start for i in person_ends if start <= i < end)
        window = _window_doc(doc, first + start, first + end, entities)
        draft.number_sentences.append((window, sentence_start, offset + doc[first + start].idx, inside, ends))


def _range_ends(doc: Doc, ent: Span) -> tuple[int, ...]:
    """The token indices of the two ends of a range the model tagged as one number or date: "12 to 19",
    "between 10 and 12" ("from" or "between" before it, or inside it), each end a number that is no
    year; a date's range must count something ("between 10 and 12 homes"). Empty for anything else."""
    tokens = [t for t in ent if t.lower_ not in {"from", "between"}]
    if len(tokens) != 3 or tokens[1].lower_ not in {"to", "and", "-", "–"}:
        return ()
    low, high = tokens[0], tokens[2]
    if not (low.like_num and high.like_num) or any(_A_YEAR.fullmatch(t.text) for t in (low, high)):
        return ()
    if tokens[1].text in {"-", "–"} and not (low.text.isdigit() and high.text.isdigit()):
        return ()  # "Twenty-one": one number
    if ent.label_ == "DATE":
        after = doc[ent.end] if ent.end < len(doc) else None  # no tagger in this pass: a plural's shape
        if after is None or not (after.is_lower and after.is_alpha and after.text.endswith("s")):
            return ()
    elif ent.label_ != "CARDINAL":
        return ()
    return low.i, high.i


#: A year, which a range of years holds ("between 2010 and 2012").
_A_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")


def _windows(spans: list[tuple[int, int, str]], length: int) -> list[tuple[int, int]]:
    """Token ranges of a sentence of ``length`` tokens to parse: :data:`WINDOW` tokens either side of each
    number, overlapping ranges merged, so numbers near each other share a parse."""
    ranges: list[tuple[int, int]] = []
    for start, end, _ in sorted(spans):
        low, high = max(0, start - WINDOW), min(length, end + WINDOW)
        if ranges and low <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], high))
        else:
            ranges.append((low, high))
    return ranges


def _window_doc(doc: Doc, start: int, end: int, entities: Sequence[Span] = ()) -> Doc:
    """Tokens ``start``..``end`` of ``doc`` as a Doc of their own, as ``Span.as_doc`` would make it for
    the parse (the same words, spaces, norms, and one sentence), at a fraction of its cost; the names
    among ``entities`` (the sentence's) keep their labels, which the count rules read."""
    from spacy.tokens import Doc, Span

    tokens = doc[start:end]
    words = [t.text for t in tokens]
    spaces = [bool(t.whitespace_) for t in tokens]
    starts: list[bool | int | None] = [False] * len(words)
    starts[0] = True
    window = Doc(doc.vocab, words=words, spaces=spaces, sent_starts=starts)
    for i, token in enumerate(tokens):
        if token.norm != token.lex.norm:  # a tokenizer exception's norm ("n't" -> "not")
            window[i].norm_ = token.norm_
    names = [
        Span(window, max(e.start, start) - start, min(e.end, end) - start, label=e.label)
        for e in entities
        if e.label_ in _NAME_LABELS and e.start < end and start < e.end
    ]
    if names:
        window.ents = names
    return window


#: The model's labels of names, which a window keeps: what is counted is never a named person or place.
_NAME_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})


def _untagged_vague_counts(
    doc: Doc, entities: list[Span], first: int, last: int
) -> list[tuple[int, int, str]]:
    """ "scores of police", "hundreds of supporters" the model left untagged: a vague plural before "of"
    outside every entity, as a CARDINAL span of the sentence (tokens from ``first``)."""
    covered = {i for ent in entities for i in range(ent.start, ent.end)}
    return [
        (i - first, i + 1 - first, "CARDINAL")
        for i in range(first, last - 2)
        if doc[i].lower_ in VAGUE_WORDS
        and doc[i + 1].lower_ == "of"
        and i not in covered
        # "the scores of the two teams": results, not a crowd (pass one has no part-of-speech tags)
        and not (i > first and doc[i - 1].lower_ in _DETERMINERS)
        and doc[i + 2].lower_ not in _DETERMINERS
        and not doc[i + 2].like_num
    ]


_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "your", "my"}
)


def _bare_count(text: str) -> bool:
    return bool(re.match(r"^\d[\d,]*$", text)) and not re.match(r"^(1[89]\d\d|20\d\d)$", text)


def finish(draft: Draft, vocab: Vocabulary) -> Extraction:
    """The article's sentences, and its spans through :data:`~pipeline.extract.spans.SPAN_REPAIRS` as
    mentions. A step that raises fails this article only, under the step's name."""
    body = draft.body
    step = "sentences"
    try:
        sentences = _sentences(draft)
        step = "abbreviations"
        article = ArticleText(
            body,
            tuple(named_in_full(abbreviations(body), draft.spans, body)),
            vocab.patterns,
            vocab.places,
            linked_places=vocab.linked_places,
            building_places=vocab.building_places,
            common_words=(vocab.nouns, vocab.verbs),
            given_names=vocab.given_names,
            adjectives=vocab.adjectives,
        )
        spans = draft.spans
        for step, repair in SPAN_REPAIRS:
            inject_fault(step, body)
            spans = repair(spans, article)
        step = "title holders"
        defined = (
            *article.abbreviations,
            *acronyms_of_other_languages(spans, body, article.abbreviations),
            *((nickname, name) for nickname, name, _, _ in known_as(spans, body)),
            *title_holders(body, spans, vocab.patterns),
        )
        step = "numbers"
        people_end = frozenset(span.end for span in spans if span.type == "person")
        counts = ages_after_people(sorted(draft.quantities, key=lambda q: (q.start, q.end)), body, people_end)
        step = "mentions"
        starts = [s.start for s in sentences]
        article_id, find = draft.article_id, bisect.bisect_right
        mentions = tuple(
            # article_id, sentence, start, end, text, label, type, origin (positional: one per mention)
            Mention(
                article_id,
                max(find(starts, span.start) - 1, 0),
                span.start,
                span.end,
                body[span.start : span.end],
                span.label,
                span.type,
                span.origin,
            )
            for span in sorted(spans, key=lambda s: (s.start, s.end))
        )
    except Exception as error:
        return failed(draft.article_id, step, error)
    return Extraction(
        article_id=draft.article_id,
        sentences=sentences,
        mentions=mentions,
        quantities=tuple(counts),
        abbreviations=tuple(sorted(set(defined))),
    )


def _sentences(draft: Draft) -> tuple[Sentence, ...]:
    paragraph_breaks = [m.start() for m in re.finditer(r"\n\s*\n", draft.body)]
    return tuple(
        Sentence(draft.article_id, index, start, end, bisect.bisect_right(paragraph_breaks, start))
        for index, (start, end) in enumerate(draft.sentences)
    )
