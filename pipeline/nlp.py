"""The spaCy pipeline: a Vietnamese tokenizer and one component per extractor.

`spacy.blank("vi")` would import pyvi, and with `use_pyvi=False` it splits on whitespace
only (`trì,` and `22/02/2022.` stay one token). We give it spaCy's own punctuation rules
plus a token_match that keeps document numbers, dates and percentages whole.
"""
from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.lang.punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

# Whole tokens: 263/QĐ-TTg, 27/2022/NĐ-CP, 12-NQ/TU, 15/4/2024, 2,29%, 1.000, NN&PTNT, HĐND&UBND.
_TOKEN_MATCH = re.compile(
    r"^(?:\d+(?:[.,/\-]\d+)*(?:[/\-][^\W\d_](?:[\w&.\-/]*[\w&])?)?%?"
    r"|[^\W\d_]+(?:[&/\-][^\W\d_]+)+"
    r"|\d+(?:[.,]\d+)*%)$"
)
# Keep "-" between letters a token boundary only where words are spaced ("Thể thao - Du lịch").
_INFIXES = [p for p in TOKENIZER_INFIXES if "-" not in p] + [r"(?<=[^\W\d_])[,;:](?=[^\W\d_])"]

EXTENSIONS = {
    "layout": None, "meta": None, "normalized": None, "raw": None,
    "citations": None, "deadlines": None, "targets": None, "assignments": None, "warnings": None,
}
for _name, _default in EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

# The extractor components, in pipeline order; each module registers its factory.
COMPONENTS = (
    ("pipeline.extract.metadata", "kehoach_metadata"),
    ("pipeline.extract.citations", "kehoach_citations"),
    ("pipeline.extract.deadlines", "kehoach_deadlines"),
    ("pipeline.extract.targets", "kehoach_targets"),
    ("pipeline.extract.agencies", "kehoach_agencies"),
    ("pipeline.link", "kehoach_link"),
)


def make_tokenizer(nlp: Language) -> Tokenizer:
    return Tokenizer(
        nlp.vocab,
        prefix_search=compile_prefix_regex(TOKENIZER_PREFIXES).search,
        suffix_search=compile_suffix_regex(TOKENIZER_SUFFIXES).search,
        infix_finditer=compile_infix_regex(_INFIXES).finditer,
        token_match=_TOKEN_MATCH.match,
    )


def blank() -> Language:
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.tokenizer = make_tokenizer(nlp)
    return nlp


@lru_cache(maxsize=1)
def load() -> Language:
    import importlib

    nlp = blank()
    for module, factory in COMPONENTS:
        importlib.import_module(module)
        nlp.add_pipe(factory)
    return nlp


def set_spans(doc: Doc, key: str, records, label_attr: str | None = None) -> None:
    """Mirror records as doc.spans[key] so spaCy tools (displacy, Span API) can see them."""
    spans = []
    for r in records:
        span = doc.char_span(r.start, r.end, label=(getattr(r, label_attr) if label_attr else key), alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[key] = spans
