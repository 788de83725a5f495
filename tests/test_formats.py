"""The .txt, .docx and .pdf of one plan must give the same section tree and metadata."""
import pytest

from conftest import CORPUS, DATA, STEMS
from pipeline.document import extract_file


@pytest.fixture(scope="module")
def results():
    return {(stem, ext): extract_file(CORPUS / f"{stem}.{ext}") for stem in STEMS for ext in ("txt", "docx", "pdf")}


@pytest.mark.parametrize("ext", ["docx", "pdf"])
@pytest.mark.parametrize("stem", STEMS)
def test_formats_agree_on_section_tree(results, stem, ext):
    tree = lambda r: [(s.path, s.level, s.heading) for s in r.sections]
    assert tree(results[stem, ext]) == tree(results[stem, "txt"])


@pytest.mark.parametrize("ext", ["docx", "pdf"])
@pytest.mark.parametrize("stem", STEMS)
def test_formats_agree_on_metadata(results, stem, ext):
    a, b = results[stem, ext].meta, results[stem, "txt"].meta
    assert (a.doc_type, a.number, a.symbol, a.issuer, a.level, a.locality, a.province, a.issue_date, a.title,
            a.signer, a.signer_title) == (b.doc_type, b.number, b.symbol, b.issuer, b.level, b.locality, b.province,
                                          b.issue_date, b.title, b.signer, b.signer_title)


@pytest.mark.parametrize("stem", STEMS)
def test_formats_pdf_offsets_map_to_pages(results, stem):
    r = results[stem, "pdf"]
    assert r.raw.pages and r.raw.pages[0].page == 1
    assert len(r.source_offsets) == len(r.text)
    assert all(a <= b for a, b in zip(r.source_offsets, r.source_offsets[1:]))


# PDFs printed from the .docx (proportional fonts, no blank lines between paragraphs, justified
# wraps): the layout Word users produce. Made once with LibreOffice and kept as fixtures.
WORD_PDF = DATA / "wordpdf"


@pytest.mark.parametrize("stem", STEMS)
def test_formats_word_printed_pdf_agrees_with_txt(results, stem):
    r = extract_file(WORD_PDF / f"{stem}.pdf")
    t = results[stem, "txt"]
    assert [(s.path, s.heading) for s in r.sections] == [(s.path, s.heading) for s in t.sections]
    for field in ("doc_type", "number", "issuer", "level", "locality", "province", "issue_date", "title", "signer"):
        assert getattr(r.meta, field) == getattr(t.meta, field), field
    assert {(c.doc_type, c.number) for c in r.citations} == {(c.doc_type, c.number) for c in t.citations}
    assert {(d.kind, d.value) for d in r.deadlines} == {(d.kind, d.value) for d in t.deadlines}
