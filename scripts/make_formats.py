"""Build the .docx/.pdf twins of the corpus and the ingest edge-case fixtures.

    .venv/bin/python scripts/make_formats.py            # both
    .venv/bin/python scripts/make_formats.py corpus     # corpus/<stem>.docx + .pdf
    .venv/bin/python scripts/make_formats.py fixtures   # tests/data/ingest/*

Dev-time only: PDFs come from LibreOffice (`soffice`) and encrypted.pdf from `qpdf`, which
CI does not have, so the outputs are committed and tests only read them.

The .docx files are built to exercise what ingest must undo, not just to carry the text:
numbered lines use real Word automatic numbering (the typed number is removed from the
paragraph), "- " bullets get their bullet from the List Bullet style, and the header and
signature blocks sit in two-column layout tables as in real UBND documents. The PDFs are
LibreOffice conversions of the .txt, whose monospace font lacks precomposed Vietnamese
letters, so the correct text survives only in /ActualText.
"""
from __future__ import annotations

import codecs
import datetime as dt
import io
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FIXTURES = ROOT / "tests" / "data" / "ingest"

FIXED_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)

MINI_TXT = """\
ỦY BAN NHÂN DÂN
XÃ TÂN LIÊN
Số: 12/KH-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tân Liên, ngày 15 tháng 3 năm 2024

KẾ HOẠCH
Ra quân vệ sinh môi trường xây dựng nông thôn mới năm 2024

I. MỤC ĐÍCH
1. Mục đích
- Nâng cao ý thức giữ gìn vệ sinh môi trường của nhân dân.
- Phấn đấu 100% thôn ra quân trước ngày 30/4/2024.
II. TỔ CHỨC THỰC HIỆN
1. Văn phòng UBND xã
a) Chủ trì xây dựng kế hoạch chi tiết.
b) Báo cáo kết quả về UBND huyện trước ngày 15/5/2024.
2. Các thôn
- Huy động nhân dân tham gia:
+ Mỗi hộ cử ít nhất 01 người.
STT | Thôn | Số người tham gia
1 | An Rinh | 120

Nơi nhận:
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""

CP1258_SENTENCE = "Ủy ban nhân dân xã Tân Liên triển khai kế hoạch xây dựng nông thôn mới năm 2024."


# ----------------------------------------------------------------------------- docx

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman_value(s: str) -> int:
    total = 0
    for i, ch in enumerate(s):
        v = _ROMAN[ch]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total


class _NumberingBuilder:
    """Adds abstractNum/num definitions to the document's numbering.xml."""

    def __init__(self, document):
        self.el = document.part.numbering_part.element
        ids = [int(a.get(qn("w:abstractNumId"))) for a in self.el.findall(qn("w:abstractNum"))]
        nums = [int(n.get(qn("w:numId"))) for n in self.el.findall(qn("w:num"))]
        self.next_abstract = max(ids, default=-1) + 1
        self.next_num = max(nums, default=0) + 1

    def abstract(self, levels: list[tuple[str, str]]) -> int:
        aid = self.next_abstract
        self.next_abstract += 1
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{360 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
            for i, (fmt, text) in enumerate(levels)
        )
        node = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
            f'<w:multiLevelType w:val="{"multilevel" if len(levels) > 1 else "singleLevel"}"/>{lvls}</w:abstractNum>'
        )
        # Schema order: every abstractNum precedes every num.
        first_num = self.el.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(node)
        else:
            self.el.append(node)
        return aid

    def num(self, abstract_id: int, restart_level: int | None = None) -> int:
        nid = self.next_num
        self.next_num += 1
        override = (
            f'<w:lvlOverride w:ilvl="{restart_level}"><w:startOverride w:val="1"/></w:lvlOverride>'
            if restart_level is not None else ""
        )
        self.el.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
        ))
        return nid


def _set_numpr(paragraph, num_id: int, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    ))


_INLINE = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*")


def _add_runs(paragraph, text: str) -> None:
    """The corpus .txt keeps Word emphasis as *italic*/**bold**; turn it back into runs."""
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            paragraph.add_run(text[pos:m.start()])
        run = paragraph.add_run(m.group(1) or m.group(2))
        if m.group(1):
            run.bold = True
        else:
            run.italic = True
        pos = m.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


class _BodyWriter:
    """Writes body lines, replacing typed numbers with Word numbering where Word would agree.

    A typed number is only swapped for automatic numbering when the list counter would
    produce exactly that number; otherwise (duplicated "I.", skipped "2.5.", Vietnamese
    letter order "e), g)") the line keeps its typed text, as a hand-edited document would.
    """

    def __init__(self, document):
        self.doc = document
        self.nb = _NumberingBuilder(document)
        self.roman_num = self.nb.num(self.nb.abstract([("upperRoman", "%1.")]))
        self.roman_count = 0
        # One multilevel list for "1." / "1.1."; each new "1." restarts it through a new
        # w:num with a startOverride, which is how Word records "Restart at 1".
        self.arabic_abstract = self.nb.abstract([("decimal", "%1."), ("decimal", "%1.%2.")])
        self.arabic_num: int | None = None
        self.arabic = [0, 0]
        self.letter_num: int | None = None
        self.letter_count = 0
        self.plus_num = self.nb.num(self.nb.abstract([("bullet", "\u2022"), ("bullet", "+")]))

    def add(self, line: str, container=None) -> None:
        target = container if container is not None else self.doc
        text = line.strip()
        if not text:
            return
        m = re.match(r"^([IVXLC]+)\.\s+(.*)$", text)
        if m and _roman_value(m.group(1)) == self.roman_count + 1:
            self.roman_count += 1
            p = target.add_paragraph()
            _add_runs(p, m.group(2))
            _set_numpr(p, self.roman_num, 0)
            return
        m = re.match(r"^(\d+)\.(\d+)\.\s+(.*)$", text)
        if m and self.arabic_num and int(m.group(1)) == self.arabic[0] and int(m.group(2)) == self.arabic[1] + 1:
            self.arabic[1] += 1
            p = target.add_paragraph()
            _add_runs(p, m.group(3))
            _set_numpr(p, self.arabic_num, 1)
            return
        m = re.match(r"^(\d+)\.\s+(.*)$", text)
        if m:
            n = int(m.group(1))
            if n == 1:
                self.arabic_num = self.nb.num(self.arabic_abstract, restart_level=0)
                self.arabic = [0, 0]
            if self.arabic_num and n == self.arabic[0] + 1:
                self.arabic = [n, 0]
                p = target.add_paragraph()
                _add_runs(p, m.group(2))
                _set_numpr(p, self.arabic_num, 0)
                return
        m = re.match(r"^([a-z])\)\s+(.*)$", text)
        if m:
            k = ord(m.group(1)) - ord("a") + 1
            if k == 1:
                self.letter_num = self.nb.num(self.nb.abstract([("lowerLetter", "%1)")]))
                self.letter_count = 0
            if self.letter_num and k == self.letter_count + 1:
                self.letter_count = k
                p = target.add_paragraph()
                _add_runs(p, m.group(2))
                _set_numpr(p, self.letter_num, 0)
                return
        if text.startswith("- "):
            # The bullet comes from the style's own numPr, so ingest must follow the style.
            p = target.add_paragraph(style="List Bullet")
            _add_runs(p, text[2:].lstrip())
            return
        if text.startswith("+ "):
            p = target.add_paragraph()
            _add_runs(p, text[2:].lstrip())
            _set_numpr(p, self.plus_num, 1)
            return
        _add_runs(target.add_paragraph(), text)


def _layout_table(document, left: list[str], right: list[str]) -> None:
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right)):
        cell.paragraphs[0].text = lines[0] if lines else ""
        for line in lines[1:]:
            cell.add_paragraph(line)


def _split_blocks(lines: list[str]):
    """(header_left, header_right, body, tail_left, tail_right) from stripped non-empty lines."""
    header_left: list[str] = []
    header_right: list[str] = []
    title_at = next((i for i, l in enumerate(lines) if l.strip("* ").upper() == "KẾ HOẠCH"), None)
    body_from = 0
    if title_at:
        head = lines[:title_at]
        so_at = next((i for i, l in enumerate(head) if l.startswith("Số")), None)
        if so_at is not None:
            header_left, header_right = head[:so_at + 1], head[so_at + 1:]
            body_from = title_at
    rest = lines[body_from:]
    tail_left: list[str] = []
    tail_right: list[str] = []
    nn_at = next((i for i, l in enumerate(rest) if l.startswith("Nơi nhận")), None)
    if nn_at is not None:
        tail = rest[nn_at:]
        rest = rest[:nn_at]
        k = 1
        while k < len(tail) and tail[k].startswith("-"):
            k += 1
        tail_left, tail_right = tail[:k], tail[k:]
    return header_left, header_right, rest, tail_left, tail_right


def build_docx(txt: Path, out: Path) -> None:
    lines = [l.strip() for l in txt.read_text(encoding="utf-8").splitlines() if l.strip()]
    header_left, header_right, body, tail_left, tail_right = _split_blocks(lines)

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    core = document.core_properties
    core.created = core.modified = FIXED_TIME
    core.author = core.last_modified_by = "kehoach make_formats"
    core.title = txt.stem

    if header_left or header_right:
        _layout_table(document, header_left, header_right)
    writer = _BodyWriter(document)
    i = 0
    while i < len(body):
        if " | " in body[i]:
            j = i
            while j < len(body) and " | " in body[j]:
                j += 1
            rows = [r.split(" | ") for r in body[i:j]]
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            table.style = "Table Grid"
            for r, cells in enumerate(rows):
                for c, value in enumerate(cells):
                    table.cell(r, c).text = value.strip()
            i = j
            continue
        writer.add(body[i])
        i += 1
    if tail_left or tail_right:
        _layout_table(document, tail_left, tail_right)

    buf = io.BytesIO()
    document.save(buf)
    out.write_bytes(_deterministic_zip(buf.getvalue()))


def _deterministic_zip(data: bytes) -> bytes:
    """Same input, same bytes: zip entry times otherwise change every run."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# ------------------------------------------------------------------------------ pdf

def soffice_pdf(sources: list[Path]) -> dict[Path, bytes]:
    """PDF bytes for each source (.txt read as UTF-8, .docx as Word), one LibreOffice run."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("soffice not found: apt-get install -y libreoffice-writer-nogui")
    result: dict[Path, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        # A private profile: a running or stale user LibreOffice would swallow the call.
        profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
        for suffix, infilter in ((".txt", ["--infilter=Text (encoded):UTF8,LF,,,"]), (".docx", [])):
            batch = [src for src in sources if src.suffix == suffix]
            if not batch:
                continue
            outdir = tmp_path / suffix.lstrip(".")
            subprocess.run([soffice, profile, "--headless", *infilter, "--convert-to", "pdf",
                            "--outdir", str(outdir), *map(str, batch)],
                           check=True, capture_output=True, timeout=300)
            for src in batch:
                produced = outdir / f"{src.stem}.pdf"
                if not produced.exists():
                    sys.exit(f"LibreOffice produced no PDF for {src}")
                result[src] = produced.read_bytes()
    return result


def _pdf_page_texts(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()


def write_pdf(target: Path, data: bytes) -> bool:
    """Write unless the file already holds the same text; True if written.

    LibreOffice stamps every PDF with a creation date and a random /ID, so regenerating
    would otherwise rewrite every committed PDF for nothing.
    """
    if target.exists():
        try:
            if _pdf_page_texts(target.read_bytes()) == _pdf_page_texts(data):
                return False
        except Exception:  # unreadable old file: replace it
            pass
    target.write_bytes(data)
    return True


# ------------------------------------------------------------------------- fixtures

def _cp1258_bytes(text: str) -> bytes:
    """cp1258 has â/ê/ô/ơ/ư/ă but few toned letters: tones go as separate combining bytes."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    clusters: list[list[str]] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and clusters:
            clusters[-1].append(ch)
        else:
            clusters.append([ch])
    out = []
    for base, *marks in clusters:
        shape = "".join(m for m in marks if m not in tones)
        tone = "".join(m for m in marks if m in tones)
        out.append(unicodedata.normalize("NFC", base + shape) + tone)
    return "".join(out).encode("cp1258")


def make_fixtures(outdir: Path = FIXTURES) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(1258)
    sentence = "Ủy ban nhân dân xã Tân Liên ban hành Kế hoạch xây dựng nông thôn mới năm 2024.\n"

    (outdir / "empty.txt").write_bytes(b"")
    (outdir / "blank.txt").write_bytes(b"  \n\t\n   \r\n")
    (outdir / "binary.txt").write_bytes(bytes(rng.randrange(256) for _ in range(2048)) + b"\x00\x00\x01\x02" * 16)
    (outdir / "utf16.txt").write_bytes(sentence.encode("utf-16"))  # with BOM
    (outdir / "bom.txt").write_bytes(codecs.BOM_UTF8 + sentence.encode("utf-8"))
    (outdir / "cp1258.txt").write_bytes(_cp1258_bytes(CP1258_SENTENCE + "\n"))
    (outdir / "notes.md").write_text("# Ghi chú\n\nKhông phải kế hoạch.\n", encoding="utf-8")
    (outdir / "corrupt.docx").write_bytes(bytes(rng.randrange(256) for _ in range(1500)))

    mini_txt = outdir / "mini.txt"
    mini_txt.write_text(MINI_TXT, encoding="utf-8")
    mini_docx = outdir / "mini.docx"
    build_docx(mini_txt, mini_docx)
    pdfs = soffice_pdf([mini_txt, mini_docx])
    mini_pdf = outdir / "mini.pdf"
    mini_changed = write_pdf(mini_pdf, pdfs[mini_txt])
    # Word-like layout (proportional font, ruled table) for pdf_tables and the PDF path.
    write_pdf(outdir / "mini_docx.pdf", pdfs[mini_docx])

    # Cut inside the first page's content stream: pdfium can rebuild a lost xref table,
    # so a file has to lose more than its tail to be unreadable.
    (outdir / "corrupt.pdf").write_bytes(mini_pdf.read_bytes()[:400])

    qpdf = shutil.which("qpdf")
    if not qpdf:
        sys.exit("qpdf not found: apt-get install -y qpdf")
    encrypted = outdir / "encrypted.pdf"
    if mini_changed or not encrypted.exists():  # qpdf salts the keys randomly on every run
        subprocess.run([qpdf, "--encrypt", "matkhau", "owner-matkhau", "256", "--", str(mini_pdf),
                        str(encrypted)], check=True)

    from PIL import Image, ImageDraw

    pages = []
    for n in range(2):
        img = Image.new("L", (620, 877), 255)
        draw = ImageDraw.Draw(img)
        for y in range(80, 800, 24):  # grey bars standing in for scanned lines of print
            draw.rectangle((60, y, 60 + rng.randrange(300, 500), y + 10), fill=90)
        draw.text((60, 40), f"SCAN {n + 1}", fill=0)
        pages.append(img)
    pages[0].save(outdir / "scanned.pdf", save_all=True, append_images=pages[1:], resolution=72,
                  creationDate=FIXED_TIME.timetuple(), modDate=FIXED_TIME.timetuple())


def make_corpus() -> None:
    txts = sorted(CORPUS.glob("*.txt"))
    for txt in txts:
        build_docx(txt, txt.with_suffix(".docx"))
    for txt, pdf in soffice_pdf(txts).items():
        write_pdf(txt.with_suffix(".pdf"), pdf)


def main(argv: list[str]) -> None:
    what = set(argv) or {"corpus", "fixtures"}
    unknown = what - {"corpus", "fixtures"}
    if unknown:
        sys.exit(f"usage: make_formats.py [corpus] [fixtures] (unknown: {', '.join(sorted(unknown))})")
    if "corpus" in what:
        make_corpus()
    if "fixtures" in what:
        make_fixtures()


if __name__ == "__main__":
    main(sys.argv[1:])
