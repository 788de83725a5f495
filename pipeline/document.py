"""One document through the whole pipeline: ingest → normalize → segment → spaCy components."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Iterator

from spacy.tokens import Doc

from . import nlp as nlp_mod
from .ingest import IngestError, ingest
from .normalize import normalize
from .records import ExtractionResult, RawDocument
from .segment import segment

_PLAN_WORDS = re.compile(r"kế hoạch|quyết định|chương trình|phương án|đề án", re.I)


def make_doc(raw: RawDocument) -> Doc:
    norm = normalize(raw)
    if not norm.text.strip():
        raise IngestError(raw.source, "empty file")
    layout = segment(norm.text)
    if not layout.sections and not _PLAN_WORDS.search(norm.text[:3000]):
        raise IngestError(raw.source, "not a plan (no numbered sections and no document type such as 'Kế hoạch')")
    nlp = nlp_mod.load()
    doc = nlp.make_doc(norm.text)
    doc._.raw = raw
    doc._.normalized = norm
    doc._.layout = layout
    doc._.warnings = list(layout.warnings)
    return doc


def to_result(doc: Doc) -> ExtractionResult:
    layout = doc._.layout
    return ExtractionResult(
        raw=doc._.raw,
        text=doc._.layout.text,
        meta=doc._.meta,
        sections=tuple(layout.sections),
        items=tuple(layout.items),
        citations=tuple(doc._.citations or ()),
        deadlines=tuple(doc._.deadlines or ()),
        targets=tuple(doc._.targets or ()),
        assignments=tuple(doc._.assignments or ()),
        warnings=tuple(doc._.warnings or ()),
        source_offsets=doc._.normalized.src,
    )


def analyze(raw: RawDocument) -> ExtractionResult:
    return to_result(nlp_mod.load()(make_doc(raw)))


def analyze_text(text: str, source: str = "<text>") -> ExtractionResult:
    import hashlib

    data = text.encode("utf-8")
    return analyze(RawDocument(source, "txt", hashlib.sha256(data).hexdigest(), text))


def extract_file(path: str | Path) -> ExtractionResult:
    return analyze(ingest(path))


def extract_many(paths: Iterable[str | Path]) -> Iterator[tuple[Path, ExtractionResult | IngestError]]:
    """Yield (path, result or error) in order; one bad file never stops the batch."""
    nlp = nlp_mod.load()
    for path in paths:
        path = Path(path)
        try:
            result = to_result(nlp(make_doc(ingest(path))))
        except IngestError as err:
            yield path, err
        else:
            yield path, result
