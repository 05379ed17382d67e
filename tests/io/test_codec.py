"""The extraction cache's payload (pipeline.io.codec): what is encoded decodes as the same records."""

from __future__ import annotations

from pipeline.io.codec import decode, encode
from pipeline.records import Extraction, Mention, Quantity, Sentence


def test_an_extraction_decodes_as_itself_under_the_callers_id() -> None:
    def extraction(article_id: str) -> Extraction:
        return Extraction(
            article_id,
            (Sentence(article_id, 0, 0, 30, 0),),
            (Mention(article_id, 0, 0, 7, "Quellby", "GPE", "place"),),
            (
                Quantity(
                    article_id, 0, 12, 14, "12", 12.0, object="varn", actor="Osk", apart=((16, 20), (22, 26))
                ),
            ),
            (("OU", "Orvo Union"),),
        )

    decoded = decode(encode(extraction("q1")), "q2")
    assert decoded == extraction("q2")
    assert decoded.quantities[0].apart == ((16, 20), (22, 26))  # tuples, as the record holds them


def test_a_lone_surrogate_is_kept_as_a_json_escape() -> None:
    mention = Mention("q1", 0, 0, 7, "Quell\ud83dby", "GPE", "place")
    payload = encode(Extraction("q1", (), (mention,), ()))
    assert "\\ud83d" in payload and payload.encode("utf-8")
    assert decode(payload, "q1").mentions == (mention,)
