"""ingest(): every format reads, every unreadable file is refused with one clear line.

Fixtures in tests/data/ingest/ and corpus/*.docx|pdf come from scripts/make_formats.py
(LibreOffice and qpdf are needed to rebuild them, not to run these tests).
"""
from __future__ import annotations

import codecs
import hashlib
import io
import pickle
import re
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from pipeline.ingest import SUPPORTED_SUFFIXES, IngestError, _clean_pdf_page, discover, ingest, pdf_tables
from pipeline.records import PageSpan, RawDocument

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "ingest"
CORPUS = ROOT / "corpus"
CORPUS_STEMS = sorted(p.stem for p in CORPUS.glob("*.txt"))

SENTENCE = "Ủy ban nhân dân xã Tân Liên ban hành Kế hoạch xây dựng nông thôn mới năm 2024."
CP1258_SENTENCE = "Ủy ban nhân dân xã Tân Liên triển khai kế hoạch xây dựng nông thôn mới năm 2024."


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", nfc(text).casefold())


def nonblank_lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def docx_bytes(build) -> bytes:
    """A .docx made in memory by `build(document, add_num)`.

    add_num(levels_xml) defines a new abstractNum and returns (numId, abstractNumId);
    add_num("", abstract=id, override=xml) adds another w:num on an existing abstractNum.
    """
    document = docx.Document()
    numbering = document.part.numbering_part.element
    state = {"abstract": 100, "num": 100}

    def add_num(levels: str, abstract: int | None = None, override: str = "") -> tuple[int, int]:
        if abstract is None:
            abstract = state["abstract"] = state["abstract"] + 1
            node = parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract}">{levels}</w:abstractNum>')
            numbering.find(node.tag.replace("abstractNum", "num")).addprevious(node)
        num = state["num"] = state["num"] + 1
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num}"><w:abstractNumId w:val="{abstract}"/>{override}</w:num>'))
        return num, abstract

    build(document, add_num)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def lvl(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


def numbered(document, text: str, num: int, ilvl: int = 0, style: str | None = None):
    p = document.add_paragraph(text, style=style)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>'))
    return p


# ------------------------------------------------------------------------- txt

@pytest.mark.parametrize(
    "name, encoding",
    [("bom.txt", "utf-8-sig"), ("utf16.txt", "utf-16"), ("mini.txt", "utf-8")],
)
def test_txt_unicode_encodings_decode(name, encoding):
    doc = ingest(DATA / name)
    assert doc.format == "txt" and doc.encoding == encoding
    assert not doc.text.startswith("\ufeff")
    expected = SENTENCE if name != "mini.txt" else "KẾ HOẠCH"
    assert expected in doc.text


def test_txt_cp1258_decodes_leaving_tones_combining_for_the_normalizer():
    doc = ingest(DATA / "cp1258.txt")
    assert doc.encoding == "cp1258"
    assert not unicodedata.is_normalized("NFC", doc.text)  # tones arrive as combining marks
    assert nfc(doc.text).strip() == CP1258_SENTENCE


@pytest.mark.parametrize(
    "data, encoding",
    [
        (SENTENCE.encode("utf-16-le"), "utf-16-le"),
        (SENTENCE.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"), "utf-16"),
        (SENTENCE.encode("utf-32"), "utf-32"),
    ],
    ids=["utf16le-nobom", "utf16be-nobom", "utf16be-bom", "utf32"],
)
def test_txt_wide_encodings_decode(tmp_path, data, encoding):
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    doc = ingest(path)
    assert (doc.text, doc.encoding) == (SENTENCE, encoding)


@pytest.mark.parametrize(
    "text, codec",
    [
        ("Le comité a approuvé le budget de l'année pour la rénovation des écoles. " * 3, "cp1252"),
        ("Комитет утвердил бюджет на 2024 год для ремонта школ и больниц. " * 3, "cp1251"),
    ],
    ids=["cp1252-french", "cp1251-russian"],
)
def test_txt_other_legacy_encodings_are_not_taken_for_cp1258(tmp_path, text, codec):
    path = tmp_path / "other.txt"
    path.write_bytes(text.encode(codec))
    doc = ingest(path)
    assert doc.encoding != "cp1258"
    assert doc.text == text


def test_txt_keeps_raw_line_endings(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("KẾ HOẠCH\r\nI. MỤC ĐÍCH\r\n".encode("utf-8"))
    assert ingest(path).text == "KẾ HOẠCH\r\nI. MỤC ĐÍCH\r\n"


# ------------------------------------------------------------------------- docx

def test_docx_round_trips_mini_plan_line_for_line():
    """Header/signature layout tables, restored numbering, bullets and a data table."""
    doc = ingest(DATA / "mini.docx")
    assert doc.format == "docx" and doc.encoding is None
    assert doc.text.splitlines() == nonblank_lines((DATA / "mini.txt").read_text(encoding="utf-8"))


def test_docx_numbering_labels_land_on_the_right_paragraphs():
    lines = ingest(DATA / "mini.docx").text.splitlines()
    body = zipfile.ZipFile(DATA / "mini.docx").read("word/document.xml").decode()
    assert "1. Mục đích" not in body and ">Mục đích<" in body  # the number is Word's, not typed
    at = {line: i for i, line in enumerate(lines)}
    assert at["I. MỤC ĐÍCH"] < at["1. Mục đích"] < at["II. TỔ CHỨC THỰC HIỆN"]
    assert at["II. TỔ CHỨC THỰC HIỆN"] < at["1. Văn phòng UBND xã"] < at["2. Các thôn"]
    assert "a) Chủ trì xây dựng kế hoạch chi tiết." in at
    assert "+ Mỗi hộ cử ít nhất 01 người." in at


def test_docx_numbering_levels_formats_restarts_and_styles(tmp_path):
    def build(document, add_num):
        multi, _ = add_num(lvl(0, "upperRoman", "%1.") + lvl(1, "decimal", "%2.") + lvl(2, "decimal", "%2.%3."))
        numbered(document, "MỤC TIÊU", multi, 0)
        numbered(document, "Mục tiêu chung", multi, 1)
        numbered(document, "Chỉ tiêu", multi, 2)
        numbered(document, "Chỉ tiêu khác", multi, 2)
        numbered(document, "Mục tiêu cụ thể", multi, 1)
        numbered(document, "NỘI DUNG", multi, 0)
        numbered(document, "Tuyên truyền", multi, 1)  # level 1 restarts under a new level 0
        letters, letters_abstract = add_num(lvl(0, "lowerLetter", "%1)"))
        numbered(document, "Thứ nhất", letters)
        numbered(document, "Thứ hai", letters)
        # Same abstractNum: Word continues the list, unless the num carries a startOverride.
        cont, _ = add_num("", abstract=letters_abstract)
        numbered(document, "Thứ ba", cont)
        again, _ = add_num("", abstract=letters_abstract,
                           override='<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>')
        numbered(document, "Lại từ đầu", again)
        bullets, _ = add_num(lvl(0, "bullet", "\uf0b7") + lvl(1, "bullet", "o"))
        numbered(document, "Gạch đầu dòng", bullets, 0)
        numbered(document, "Cộng", bullets, 1)
        document.add_paragraph("Kiểu List Bullet", style="List Bullet")  # numbering via the style
        p = document.add_paragraph("Không đánh số", style="List Bullet")
        p._p.get_or_add_pPr().append(parse_xml(  # numId 0 switches the style's numbering off
            f'<w:numPr {nsdecls("w")}><w:numId w:val="0"/></w:numPr>'))
        start5, _ = add_num(lvl(0, "decimal", "Điều %1.", start=5))
        numbered(document, "Hiệu lực", start5)
        numbered(document, "", start5)  # an empty numbered paragraph still counts, prints nothing
        numbered(document, "Thi hành", start5)

    path = tmp_path / "numbering.docx"
    path.write_bytes(docx_bytes(build))
    lines = ingest(path).text.splitlines()
    assert lines == [
        "I. MỤC TIÊU",
        "1. Mục tiêu chung",
        "1.1. Chỉ tiêu",
        "1.2. Chỉ tiêu khác",
        "2. Mục tiêu cụ thể",
        "II. NỘI DUNG",
        "1. Tuyên truyền",
        "a) Thứ nhất",
        "b) Thứ hai",
        "c) Thứ ba",
        "a) Lại từ đầu",
        "- Gạch đầu dòng",
        "+ Cộng",
        "- Kiểu List Bullet",
        "Không đánh số",
        "Điều 5. Hiệu lực",
        "Điều 7. Thi hành",
    ]


def test_docx_tables_data_rows_vs_layout_columns(tmp_path):
    def build(document, add_num):
        header = document.add_table(rows=2, cols=2)  # one line per row, as many UBND headers are
        header.cell(0, 0).text, header.cell(0, 1).text = "ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        header.cell(1, 0).text, header.cell(1, 1).text = "HUYỆN YÊN THẾ", "Độc lập - Tự do - Hạnh phúc"
        document.add_paragraph("KẾ HOẠCH")
        data = document.add_table(rows=3, cols=3)
        for r, row in enumerate([["STT", "Chỉ tiêu", "Năm 2024"], ["1", "Xã đạt chuẩn", "02"], ["2", "", "15"]]):
            for c, value in enumerate(row):
                data.cell(r, c).text = value
        merged = data.cell(1, 1).merge(data.cell(2, 1))  # vertical merge: printed once
        merged.paragraphs[0].add_run(" nông thôn mới")
        cell = data.cell(0, 2)
        cell.add_paragraph("(kế hoạch)")  # several paragraphs in a data cell: one line
        tasks = document.add_table(rows=2, cols=2)  # two columns, several paragraphs: by row
        tasks.cell(0, 0).text, tasks.cell(0, 1).text = "Tuyên truyền", "Phòng Văn hóa"
        tasks.cell(0, 1).add_paragraph("Trung tâm Truyền thông")
        tasks.cell(1, 0).text, tasks.cell(1, 1).text = "Quy hoạch", "Phòng Kinh tế"
        sign = document.add_table(rows=1, cols=2)
        sign.cell(0, 0).text = "Nơi nhận:"
        sign.cell(0, 0).add_paragraph("- Lưu: VT.")
        sign.cell(0, 1).text = "KT. CHỦ TỊCH"
        for line in ("PHÓ CHỦ TỊCH", "", "Nguyễn Văn Thịnh"):  # blank paragraphs are signing space
            sign.cell(0, 1).add_paragraph(line)

    path = tmp_path / "tables.docx"
    path.write_bytes(docx_bytes(build))
    assert ingest(path).text.splitlines() == [
        "ỦY BAN NHÂN DÂN",
        "HUYỆN YÊN THẾ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "KẾ HOẠCH",
        "STT | Chỉ tiêu | Năm 2024 (kế hoạch)",
        "1 | Xã đạt chuẩn nông thôn mới | 02",
        "2 |  | 15",
        "Tuyên truyền",
        "Phòng Văn hóa",
        "Trung tâm Truyền thông",
        "Quy hoạch",
        "Phòng Kinh tế",
        "Nơi nhận:",
        "- Lưu: VT.",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn Thịnh",
    ]


# -------------------------------------------------------------------------- pdf

def test_pdf_text_equals_txt_words_after_nfc():
    pdf = ingest(DATA / "mini.pdf")
    assert pdf.format == "pdf" and pdf.encoding is None
    assert words(pdf.text) == words((DATA / "mini.txt").read_text(encoding="utf-8"))
    assert nonblank_lines(nfc(pdf.text)) == nonblank_lines((DATA / "mini.txt").read_text(encoding="utf-8"))


def test_pdf_keeps_space_pdfium_drops_between_actualtext_spans():
    # "về UBND": both letters sit in /ActualText spans and the space between them is a lone
    # text object that pdfium's text page leaves out.
    assert "về UBND huyện" in nfc(ingest(DATA / "mini.pdf").text)


def test_pdf_from_word_layout_reads():
    text = nfc(ingest(DATA / "mini_docx.pdf").text)
    for phrase in ("Số: 12/KH-UBND", "1. Văn phòng UBND xã", "a) Chủ trì", "Nguyễn Văn A"):
        assert phrase in text


def test_pdf_has_plain_newlines_and_no_hyphen_markers():
    text = ingest(CORPUS / f"{CORPUS_STEMS[0]}.pdf").text
    assert "\r" not in text and "\ufffe" not in text and "\x02" not in text


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("xây dựng nông thôn\r\nmới", "xây dựng nông thôn\nmới"),
        # regression: the marker stands for a real hyphen the line broke at (Word-printed PDFs)
        ("Kế hoạch số 278/KH\ufffeUBND ngày", "Kế hoạch số 278/KH-UBND ngày"),
        ("Hội đồng Thi đua\ufffe\r\nKhen thưởng", "Hội đồng Thi đua-Khen thưởng"),
        ("03/2022/NQ\x02\nHĐND", "03/2022/NQ-HĐND"),
    ],
)
def test_pdf_page_cleanup_hyphen_markers_are_hyphens(raw, clean):
    assert _clean_pdf_page(raw) == clean


def test_pdf_tables_come_from_pdfplumber():
    tables = pdf_tables(DATA / "mini_docx.pdf")
    assert [["STT", "Thôn", "Số người tham gia"], ["1", "An Rinh", "120"]] in tables
    assert pdf_tables(DATA / "mini.pdf") == []  # plain text conversion: no ruled table


# --------------------------------------------------- spans, hashes, provenance

SPAN_CASES = ["mini.txt", "mini.docx", "mini.pdf", "bom.txt", "corpus:pdf", "corpus:docx"]


def _case_path(case: str) -> Path:
    if case.startswith("corpus:"):
        return CORPUS / f"{CORPUS_STEMS[1]}.{case.split(':')[1]}"
    return DATA / case


@pytest.mark.parametrize("case", SPAN_CASES)
def test_page_spans_cover_the_text(case):
    doc = ingest(_case_path(case))
    spans = doc.pages
    assert spans and all(isinstance(s, PageSpan) for s in spans)
    assert [s.page for s in spans] == list(range(1, len(spans) + 1))
    assert spans[0].start == 0 and spans[-1].end == len(doc.text)
    for a, b in zip(spans, spans[1:]):
        assert b.start == a.end + 1 and doc.text[a.end] == "\n"  # pages joined by one newline
    if doc.format == "pdf":
        assert len(spans) > 1 or case == "mini.pdf"
        assert all(doc.text[s.start:s.end].strip() for s in spans)


@pytest.mark.parametrize("case", SPAN_CASES)
def test_sha256_and_source_as_given(case):
    path = _case_path(case)
    for given in (path, str(path)):
        doc = ingest(given)
        assert isinstance(doc, RawDocument)
        assert doc.source == str(given)
        assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_suffix_is_case_insensitive(tmp_path):
    path = tmp_path / "PLAN.TXT"
    path.write_text(SENTENCE, encoding="utf-8")
    assert ingest(path).text == SENTENCE


# -------------------------------------------------------------------- refusals

REFUSALS = [
    ("empty.txt", "empty file"),
    ("blank.txt", "empty file"),
    ("binary.txt", "binary file, not text"),
    ("scanned.pdf", "no text layer (scanned PDF?)"),
    ("encrypted.pdf", "encrypted PDF (password required)"),
    ("corrupt.pdf", "corrupt PDF (Data format error)"),
    ("corrupt.docx", "corrupt DOCX (not a valid Word file)"),
    ("notes.md", "unsupported file type '.md'"),
    ("missing.pdf", "file not found"),
]


@pytest.mark.parametrize("name, reason", REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refusal_is_one_line_naming_file_and_reason(name, reason):
    path = DATA / name
    with pytest.raises(IngestError) as info:
        ingest(path)
    err = info.value
    assert (err.path, err.reason) == (str(path), reason)
    assert str(err) == f"{path}: {reason}"
    assert "\n" not in str(err)


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.pdf", b"", "empty file"),
        ("bad-bom.txt", codecs.BOM_UTF8 + b"\xff\xfe\xfa plan", "unknown text encoding"),
        ("noise.txt", bytes(range(1, 32)) * 40, "binary file, not text"),
        ("legacy.doc", b"\xd0\xcf\x11\xe0 old Word", "unsupported file type '.doc'"),
        ("zip.docx", None, "corrupt DOCX (not a valid Word file)"),
        ("notext.docx", None, "empty file"),
    ],
)
def test_more_refusals(tmp_path, name, content, reason):
    path = tmp_path / name
    if name == "zip.docx":  # a zip, but not a Word package
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("hello.txt", "xin chào")
    elif name == "notext.docx":
        path.write_bytes(docx_bytes(lambda document, add_num: document.add_paragraph("   ")))
    else:
        path.write_bytes(content)
    with pytest.raises(IngestError) as info:
        ingest(path)
    assert str(info.value) == f"{path}: {reason}"


def test_directory_is_refused(tmp_path):
    folder = tmp_path / "plans.txt"
    folder.mkdir()
    with pytest.raises(IngestError, match="not a regular file$"):
        ingest(folder)


def test_reason_with_newlines_stays_one_line():
    err = IngestError("a.pdf", "corrupt PDF (bad\nxref)")
    assert str(err) == "a.pdf: corrupt PDF (bad xref)"


def test_ingest_error_survives_pickling_across_processes():
    err = pickle.loads(pickle.dumps(IngestError("kh.pdf", "encrypted PDF (password required)")))
    assert (err.path, err.reason, str(err)) == ("kh.pdf", "encrypted PDF (password required)",
                                                "kh.pdf: encrypted PDF (password required)")


@pytest.mark.parametrize(
    "name, reason",
    [("encrypted.pdf", "encrypted PDF (password required)"), ("corrupt.pdf", "corrupt PDF (Unexpected EOF)"),
     ("missing.pdf", "file not found")],
)
def test_pdf_tables_refuses_unreadable_pdf(name, reason):
    with pytest.raises(IngestError) as info:
        pdf_tables(DATA / name)
    assert str(info.value) == f"{DATA / name}: {reason}"


# -------------------------------------------------------------------- discover

def test_discover_walks_folders_and_skips_other_files(tmp_path):
    files = {
        "a/ke-hoach-1.txt": b"x",
        "a/b/ke-hoach-2.DOCX": b"x",
        "a/b/c/ke-hoach-3.pdf": b"x",
        "a/b/readme.md": b"x",
        "a/image.png": b"x",
        "a/.hidden.txt": b"x",
        "a/.git/objects/x.txt": b"x",
        "a/b/~$ke-hoach-2.docx": b"x",
        "z.pdf": b"x",
    }
    for rel, data in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(data)

    supported, skipped = discover([tmp_path / "a", tmp_path / "z.pdf", tmp_path / "a" / "ke-hoach-1.txt"])
    assert [p.relative_to(tmp_path).as_posix() for p in supported] == [
        "a/b/c/ke-hoach-3.pdf", "a/b/ke-hoach-2.DOCX", "a/ke-hoach-1.txt", "z.pdf",
    ]
    assert sorted(p.name for p in skipped) == ["image.png", "readme.md"]
    assert supported == sorted(supported, key=str)


def test_discover_passes_missing_explicit_files_on_to_ingest(tmp_path):
    supported, skipped = discover([tmp_path / "typo.pdf", str(tmp_path / "typo.xls")])
    assert supported == [tmp_path / "typo.pdf"] and skipped == [tmp_path / "typo.xls"]


def test_supported_suffixes():
    assert SUPPORTED_SUFFIXES == (".txt", ".docx", ".pdf")


# ---------------------------------------------------------------------- corpus

@pytest.mark.parametrize("stem", CORPUS_STEMS)
def test_corpus_formats_share_their_words(stem):
    docs = {fmt: ingest(CORPUS / f"{stem}.{fmt}") for fmt in ("txt", "docx", "pdf")}
    sets = {fmt: set(words(doc.text)) for fmt, doc in docs.items()}
    for fmt in ("docx", "pdf"):
        shared = len(sets["txt"] & sets[fmt]) / len(sets["txt"] | sets[fmt])
        assert shared >= 0.95, (fmt, sorted(sets["txt"] ^ sets[fmt])[:20])
    assert "nông thôn mới" in nfc(docs["pdf"].text).lower()


@pytest.mark.parametrize("stem", CORPUS_STEMS)
def test_corpus_docx_restores_every_numbered_heading(stem):
    txt = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    headings = [line.replace("*", "") for line in nonblank_lines(txt) if re.match(r"^\d+\.(\d+\.)? ", line)]
    docx_lines = set(line.replace("*", "") for line in nonblank_lines(ingest(CORPUS / f"{stem}.docx").text))
    assert headings and [h for h in headings if h not in docx_lines] == []


@pytest.mark.parametrize("row", [
    "TT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện",
    "1 | Tổ chức Lễ ra quân bảo đảm ATTP Tết Nguyên đán Ất Tỵ năm 2025 | Phòng Y tế quận | Trung tâm Y tế quận; UBND các phường | Trước ngày 28/12/2024",
    # the last row continues on the next page, under no header of its own
    "6 | Tổng hợp, báo cáo kết quả | Phòng Y tế quận | Các thành viên Ban Chỉ đạo liên ngành về ATTP quận | Chậm nhất ngày 20/02/2025",
])
def test_pdf_ruled_task_table_arrives_as_rows_of_cells(row):
    """pdfplumber finds the cells, pdfium reads their text: the table keeps its columns."""
    text = ingest(ROOT / "corpus" / "holdout" / "formats" / "h05_attp_tet_haichau.pdf").text
    assert row in text


def test_pdf_table_rows_in_a_small_table():
    assert "STT | Thôn | Số người tham gia\n1 | An Rinh | 120" in ingest(DATA / "mini_docx.pdf").text
