"""The .txt, .docx and .pdf of one plan must give the same section tree and metadata."""
import pytest

from conftest import CORPUS, STEMS
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
