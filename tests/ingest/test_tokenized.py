"""Text split into tokens and joined with spaces (pipeline.ingest.tokenized), on invented names."""

from __future__ import annotations

import pytest

from pipeline.ingest import ingest
from pipeline.ingest.tokenized import detokenized

TOKENIZED = (
    "VELMORA CENTRAL BANK CUTS RATE .\n\n"
    "The Velmoran central bank cut its rate to 4.5 % on Friday , Governor Anselm Dreyk said .\n\n"
    '" The cut reflects lower inflation , " Dreyk told reporters in Ostria ( the capital ) .\n\n'
    "Quellbank 's analysts said the move , which markets did n't expect , was welcome .\n"
)


def test_tokenized_text_is_written_back_as_people_write_it() -> None:
    body = TOKENIZED.split("\n\n", 1)[1]
    assert detokenized(body) == (
        (
            "The Velmoran central bank cut its rate to 4.5% on Friday, Governor Anselm Dreyk said.\n\n"
            '" The cut reflects lower inflation, " Dreyk told reporters in Ostria (the capital).\n\n'
            "Quellbank's analysts said the move, which markets didn't expect, was welcome.\n"
        ),
    )


@pytest.mark.parametrize(
    "text",
    [
        "Orla Quist said so, and left. Varn came (late) and spoke.",
        "She said so , once. Then she said it again, and again, and again, and once more.",  # one slip
        "Bonjour ! Ça va ? Oui .",  # three stand-alone marks are too few to tell
        "",
    ],
)
def test_other_text_is_left_as_it_is(text: str) -> None:
    assert detokenized(text, text) == (text, text)


def test_ingest_reads_a_tokenized_article_like_its_written_copy(write) -> None:
    tokenized = write("wire.txt", TOKENIZED)
    written = write(
        "copy.txt", "VELMORA CENTRAL BANK CUTS RATE.\n\n" + detokenized(TOKENIZED.split("\n\n", 1)[1])[0]
    )
    corpus = ingest([tokenized, written])
    first, second = sorted(corpus.articles, key=lambda a: a.source)
    assert first.body == second.body
    assert first.title == second.title == "VELMORA CENTRAL BANK CUTS RATE."
    assert first.article_id == second.article_id  # one story: the second is its exact duplicate
