"""Fixtures of the extract tests: spaCy's tokenizer without a model, and the word classes."""

from __future__ import annotations

import pytest

from pipeline.extract.model import Vocabulary
from pipeline.wordlists import load_patterns


@pytest.fixture(scope="module")
def english():
    import spacy

    return spacy.blank("en")


@pytest.fixture(scope="module")
def vocab():
    return Vocabulary(verbs=frozenset({"follow", "train"}), patterns=load_patterns())
