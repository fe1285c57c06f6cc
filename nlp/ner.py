"""The trained agency recogniser: a spaCy NER (tok2vec + ner, CPU) that marks where agency names
start and end. It is trained from the gold by ``scripts/train_agency_ner.py`` (config
``nlp/training/agency_ner.cfg``, fixed seed) and shipped in ``nlp/models/agency_ner``.

The rules in ``nlp/agencies.py`` stay the structure (heads, groups, generic kinds); the model says
which stretches of text are agency names. ``find_agencies`` asks the active recogniser, so the
whole duty grammar in ``nlp/tasks.py`` runs unchanged over learned extents.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .ner_data import LABEL, tokens, vocab_features

TRAIN_COMMAND = ".venv/bin/python scripts/train_agency_ner.py"


class ModelMissing(RuntimeError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"the agency recogniser is not built ({path} has no model); build it with: {TRAIN_COMMAND}")
        self.path = path


def default_model_path() -> Path:
    env = os.environ.get("KEHOACH_AGENCY_MODEL")
    if env:
        return Path(env)
    return Path(str(resources.files("kehoach.nlp").joinpath("models", "agency_ner")))


@lru_cache(maxsize=8)
def load_model(path: Path) -> Language:
    import spacy

    if not (path / "meta.json").is_file():
        raise ModelMissing(path)
    return spacy.load(path, exclude=[])


def make_doc(nlp: Language, text: str, toks: list[tuple[str, int, int]] | None = None) -> Doc:
    """The recogniser's Doc: one token per syllable or punctuation mark (``tokens``), as in training."""
    toks = tokens(text) if toks is None else toks
    words = [t for t, _, _ in toks]
    spaces = [toks[i][2] < toks[i + 1][1] for i in range(len(toks) - 1)] + [False] if toks else []
    # the vocabulary class rides in the lemma slot, which the tok2vec embeds as a feature
    return Doc(nlp.vocab, words=words, spaces=spaces, lemmas=vocab_features(words) if words else None)


class AgencyRecognizer:
    """Character spans of agency names in a text, from the trained model (memoised per text:
    the duty grammar asks about the same sentence more than once)."""

    def __init__(self, nlp: Language, mode: str = "model") -> None:
        self.nlp = nlp
        # model: learned extents only; union: hand extents where the model marked nothing;
        # filter: hand extents, each kept only where the model also marks an agency
        self.mode = mode
        self._cache: dict[str, list[tuple[int, int]]] = {}

    @classmethod
    def load(cls, path: Path | None = None, mode: str = "model") -> "AgencyRecognizer":
        return cls(load_model(path or default_model_path()), mode)

    def spans(self, text: str) -> list[tuple[int, int]]:
        hit = self._cache.get(text)
        if hit is not None:
            return hit
        toks = tokens(text)
        doc = make_doc(self.nlp, text, toks)
        for _, proc in self.nlp.pipeline:
            doc = proc(doc)
        out = [(toks[e.start][1], toks[e.end - 1][2]) for e in doc.ents if e.label_ == LABEL]
        if len(self._cache) > 20000:
            self._cache.clear()
        self._cache[text] = out
        return out


_active: ContextVar[AgencyRecognizer | None] = ContextVar("agency_recognizer", default=None)


def active() -> AgencyRecognizer | None:
    return _active.get()


@contextmanager
def using(recognizer: AgencyRecognizer | None) -> Iterator[None]:
    """Run the duty grammar with ``recognizer`` marking agency names (None: the hand extents)."""
    token = _active.set(recognizer)
    try:
        yield
    finally:
        _active.reset(token)
