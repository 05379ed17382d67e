"""Articles in another language than the model's are skipped with the language named and counted;
names and tables never make an English article "foreign"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.errors import BadOptionError
from pipeline.ingest import ingest
from pipeline.ingest.language import IDENTIFIED, in_language
from pipeline.records import Article

SPANISH = (
    "El ayuntamiento de Quelvara aprobó ayer un nuevo plan para mejorar el transporte público, según "
    "informaron fuentes municipales. La medida, que entrará en vigor el próximo mes, incluye más autobuses "
    "nocturnos y una reducción de las tarifas para los estudiantes y los jubilados que viven en los barrios "
    "del norte de la ciudad."
)
FRENCH = (
    "Le conseil municipal de Varnelle a voté mardi soir une hausse du budget consacré aux écoles, après un "
    "long débat entre les élus de la majorité et ceux de l'opposition. Les travaux de rénovation "
    "commenceront au printemps et dureront deux ans, selon le maire, qui a promis une réunion publique."
)
GERMAN = (
    "Der Stadtrat von Quellbach hat am Dienstag beschlossen, die Gebühren für die städtischen Kindergärten "
    "im kommenden Jahr nicht zu erhöhen. Die Entscheidung fiel nach einer langen Debatte, in der vor allem "
    "die hohen Kosten für das Personal und die steigenden Mieten diskutiert wurden."
)
ENGLISH = (
    "The council of Marrowby voted on Tuesday to keep the fees of its nurseries as they are next year, "
    "after a long debate about the cost of staff and the rising rents that the town pays for its halls. "
    "Work on the old school roof will start in the spring and last two years, the mayor said, and there "
    "will be a public meeting about it before the summer."
)
#: A results table of names: an identifier calls such a list Polish, yet the article is English.
NAMES_TABLE = "TENNIS - RESULTS AT VARNSTADT\nResults from Varnstadt:\n" + "\n".join(
    f"{a} Wrzeszczynski (Kolbrzeg) beat {b} Szczepankowski (Grodzisk) 6-{i} 6-{i + 1}"
    for i, (a, b) in enumerate(
        [("Jaroslaw", "Przemyslaw"), ("Wojciech", "Zdzislaw"), ("Grzegorz", "Bozydar")]
    )
)


def article(body: str, source: str = "feed.jsonl:1") -> Article:
    return Article("id-" + source, source, 0, "", body)


def test_an_article_in_another_language_is_skipped_with_its_language_named() -> None:
    kept, skipped = in_language([article(ENGLISH), article(SPANISH, "feed.jsonl:2")], language="en")
    assert [a.source for a in kept] == ["feed.jsonl:1"]
    assert [s.source for s in skipped] == ["feed.jsonl:2"]
    assert skipped[0].reason.startswith("written in Spanish (es, ")
    assert (
        "not English, the language this run reads" in skipped[0].reason
        and "--language any" in skipped[0].reason
    )


def test_names_and_tables_never_make_an_english_article_foreign() -> None:
    kept, skipped = in_language([article(NAMES_TABLE), article("Jaroslaw Wrzeszczynski.")], language="en")
    assert (len(kept), skipped) == (2, [])


def test_any_language_or_none_keeps_every_article() -> None:
    articles = [article(SPANISH), article(FRENCH, "feed.jsonl:2")]
    assert in_language(articles, language="any") == (articles, [])
    assert in_language(articles, language=None) == (articles, [])


def test_another_model_language_keeps_its_own_articles_and_skips_english() -> None:
    kept, skipped = in_language([article(GERMAN), article(ENGLISH, "feed.jsonl:2")], language="de")
    assert [a.source for a in kept] == ["feed.jsonl:1"]
    assert (
        skipped[0].reason.startswith("written in English (en, ")
        and "not German, the language this run reads" in skipped[0].reason
    )


def test_ingest_counts_and_lists_the_skipped_articles(write) -> None:
    lines = [{"title": "Fees kept", "text": ENGLISH}, {"title": "Budget", "text": FRENCH}]
    path = write("feed.jsonl", "\n".join(json.dumps(line) for line in lines) + "\n")
    corpus = ingest([path], language="en")
    assert [a.title for a in corpus.articles] == ["Fees kept"]
    assert [s.source for s in corpus.skipped] == [f"{path}:2"]
    counts = corpus.counts()
    assert (counts["skipped"], counts["other_language"]) == (1, 1)
    # a file whose every article is in another language is not also "no article text found"
    only_french = write("fr.jsonl", json.dumps(lines[1]) + "\n")
    assert [s.source for s in ingest([only_french], language="en").skipped] == [f"{only_french}:1"]


def test_a_model_folder_says_its_language_in_its_meta(tmp_path: Path) -> None:
    (tmp_path / "news_ner").mkdir()
    (tmp_path / "news_ner" / "meta.json").write_text('{"lang": "de", "name": "news_ner"}', encoding="utf-8")
    assert Settings(model=str(tmp_path / "news_ner")).article_language == "de"
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "meta.json").write_text("[1, 2", encoding="utf-8")
    assert Settings(model=str(tmp_path / "broken")).article_language is None  # nothing said: any


def test_an_installed_pipeline_package_says_its_language_in_its_meta(tmp_path: Path, monkeypatch) -> None:
    package = tmp_path / "quellnews_pipeline"  # no spaCy naming to read it from
    package.mkdir()
    (package / "__init__.py").write_text("raise ImportError('never imported to read its language')\n")
    (package / "meta.json").write_text('{"lang": "nb", "name": "quellnews"}', encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert Settings(model="quellnews_pipeline").article_language == "no"
    assert Settings(language="nb").article_language == "no"  # Bokmål given as spaCy writes it


def test_the_language_is_the_models_unless_given() -> None:
    assert Settings(model="fr_core_news_sm").article_language == "fr"
    assert Settings(model="/opt/models/my-ner").article_language is None
    # a folder of one's own named like "my_..." is no Burmese model: its articles were all left out
    assert Settings(model="models/my_news_ner").article_language is None
    assert Settings(model="nb_core_news_sm").article_language == "no"  # Bokmål, as the identifier says it
    for code in (
        "ca",
        "zh",
        "hr",
        "da",
        "nl",
        "fi",
        "el",
        "it",
        "ja",
        "ko",
        "lt",
        "mk",
        "pl",
        "pt",
        "ro",
        "ru",
    ):
        assert Settings(model=f"{code}_core_news_sm").article_language in IDENTIFIED  # spaCy's pipelines
    assert Settings(language=" DE ").article_language == "de"
    with pytest.raises(BadOptionError, match="^language='english' is not valid"):
        Settings(language="English")
    # a code no language is found under would leave every article out, all "written in English"
    with pytest.raises(
        BadOptionError, match="^language='zz' is not valid; expected a language the identifier"
    ):
        Settings(language="zz")


def test_the_codes_accepted_are_the_ones_the_identifier_names() -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    assert set(identifier.nb_classes) - {"zxx"} == IDENTIFIED  # zxx: "no linguistic content"


def test_run_reports_the_skipped_article_and_bad_language_exits_2(kg, write, tmp_path: Path) -> None:
    write("in/a.txt", "Fees kept\n\n" + ENGLISH)
    write("in/b.txt", "Presupuesto\n\n" + SPANISH)
    result = kg("ingest", tmp_path / "in", "--out", tmp_path / "out")
    assert result.code == 0
    assert "1 input(s) skipped (1 in another language)." in result.stdout
    assert "b.txt: written in Spanish" in result.stderr
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["ingest"]["other_language"] == 1
    assert manifest["skipped"][0]["source"].endswith("b.txt")
    assert kg("ingest", tmp_path / "in", "--out", tmp_path / "out2", "--language", "any").code == 0
    kept = json.loads((tmp_path / "out2" / "manifest.json").read_text(encoding="utf-8"))
    assert kept["counts"]["ingest"]["kept"] == 2
    assert kg("ingest", tmp_path / "in", "--out", tmp_path / "out3", "--language", "spanish").code == 2
