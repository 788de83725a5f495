"""Read a plan document (.txt, .docx, .pdf) into a RawDocument, or refuse it clearly.

Everything here stops at "the text as the source holds it": Unicode normalization,
hyphen joining and whitespace cleanup belong to normalize.py, so offsets in
`RawDocument.pages` index `RawDocument.text` exactly as returned.

Every refusal is an `IngestError` whose message is one line, "<path>: <reason>", because
the CLI prints it as is and batch runs store it as a row of the errors table.
"""
from __future__ import annotations

import codecs
import ctypes
import hashlib
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.records import PageSpan, RawDocument

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf")

__all__ = ["IngestError", "SUPPORTED_SUFFIXES", "ingest", "discover", "pdf_tables"]


class IngestError(Exception):
    """A document that cannot be read; `str(e)` is "<path>: <reason>" on one line."""

    def __init__(self, path, reason):
        self.path = str(path)
        # Reasons sometimes carry library messages; the one-line contract must hold anyway.
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{self.path}: {self.reason}".replace("\n", " "))

    def __reduce__(self):
        # The default pickling replays self.args (one message) into a two-argument
        # __init__, which breaks errors crossing a process pool.
        return (type(self), (self.path, self.reason))


def ingest(path: str | Path) -> RawDocument:
    """Read one file; the format is chosen by its suffix (case-insensitive)."""
    p = Path(path)
    source = str(path)
    suffix = p.suffix.lower()
    if not p.exists():
        raise IngestError(source, "file not found")
    if not p.is_file():
        raise IngestError(source, "not a regular file")
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError(source, f"unsupported file type '{p.suffix or '(none)'}'")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise IngestError(source, f"cannot read file ({exc.strerror or type(exc).__name__})") from exc
    if not data:
        raise IngestError(source, "empty file")
    sha = hashlib.sha256(data).hexdigest()

    if suffix == ".txt":
        text, encoding = _decode_txt(source, data)
        return RawDocument(source, "txt", sha, text, (PageSpan(0, len(text), 1),), encoding)
    if suffix == ".docx":
        text = _docx_text(source, data)
        return RawDocument(source, "docx", sha, text, (PageSpan(0, len(text), 1),))
    text, pages = _pdf_text(source, data)
    return RawDocument(source, "pdf", sha, text, pages)


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """Expand files and folder trees into (supported files, skipped other files), both sorted.

    Hidden files and folders (".name") and Office lock files ("~$name") are ignored
    entirely when walking a folder: they are never documents and listing them as
    "skipped" would only be noise. A path given explicitly is classified by suffix alone,
    even if it does not exist, so that ingest() reports "file not found" for it in the
    same per-file way as any other unreadable document.
    """
    supported: dict[str, Path] = {}
    skipped: dict[str, Path] = {}

    def classify(f: Path) -> None:
        key = os.path.normcase(os.path.abspath(f))
        if key in supported or key in skipped:
            return
        (supported if f.suffix.lower() in SUPPORTED_SUFFIXES else skipped)[key] = f

    for given in paths:
        root = Path(given)
        if not root.is_dir():
            classify(root)
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not _ignored_name(d))
            for name in filenames:
                if not _ignored_name(name):
                    classify(Path(dirpath) / name)

    return sorted(supported.values(), key=str), sorted(skipped.values(), key=str)


def _ignored_name(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$")


# --------------------------------------------------------------------------- txt

# Letters only Vietnamese puts in cp1258 text. â, ê, ô are left out on purpose: French or
# Portuguese in cp1252 has them too.
_VIETNAMESE_MARKERS = frozenset("ăĂđĐơƠưƯ")
_VIETNAMESE_TONES = "\u0300\u0301\u0303\u0309\u0323"
_VIETNAMESE_LETTERS = frozenset(
    unicodedata.normalize("NFC", vowel + tone)
    for base in "aăâeêioôơuưy"
    for vowel in (base, base.upper())
    for tone in ("", *_VIETNAMESE_TONES)
) | frozenset("đĐ")

# C0 controls no text encoding without a BOM produces (tab, newlines, form feed, DOS EOF
# and ESC of ISO-2022 excepted): a few percent of them means the bytes are not text.
_CONTROL_BYTES = tuple(
    bytes([b]) for b in (*range(0x01, 0x09), *range(0x0E, 0x1A), *range(0x1C, 0x20), 0x7F)
)

_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode_txt(source: str, data: bytes) -> tuple[str, str]:
    text, encoding = _decode_bytes(source, data)
    if _looks_binary(text):
        raise IngestError(source, "binary file, not text")
    if not text.strip():
        raise IngestError(source, "empty file")
    return text, encoding


def _decode_bytes(source: str, data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise IngestError(source, "unknown text encoding") from None

    if b"\x00" in data:
        guessed = _utf16_without_bom(data)
        if guessed:
            return guessed
        raise IngestError(source, "binary file, not text")
    sample = data[:65536]
    if sum(sample.count(b) for b in _CONTROL_BYTES) > 0.05 * len(sample):
        raise IngestError(source, "binary file, not text")

    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass

    # cp1258 maps nearly every byte, so "it decodes" proves little; Vietnamese-only letters
    # in the result are what tell it apart from other single-byte code pages.
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        pass
    else:
        if _plausibly_vietnamese(text):
            return text, "cp1258"

    import charset_normalizer  # only legacy, non-Vietnamese files get this far

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise IngestError(source, "unknown text encoding")
    return str(best), best.encoding


def _plausibly_vietnamese(text: str) -> bool:
    """cp1258 decodes almost any byte string; Cyrillic cp1251 even yields đ and tone marks.

    Real Vietnamese has Vietnamese-only letters, and once composed, nearly all its
    non-ASCII letters are in the Vietnamese alphabet; misread text is full of î, ÿ, å and
    tone marks stranded on letters that cannot carry them.
    """
    composed = unicodedata.normalize("NFC", text[:65536])
    if not any(c in _VIETNAMESE_MARKERS or c in _VIETNAMESE_TONES for c in text[:65536]):
        return False
    foreign = viet = 0
    for c in composed:
        if ord(c) < 128:
            continue
        if c in _VIETNAMESE_LETTERS:
            viet += 1
        elif c.isalpha() or unicodedata.combining(c):
            foreign += 1
    return viet > 0 and foreign <= 0.05 * (viet + foreign)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Notepad-style UTF-16 without BOM: the zero bytes sit on one parity only."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nul = data[0::2].count(0) / (len(data) // 2)
    odd_nul = data[1::2].count(0) / (len(data) // 2)
    for encoding, text_side, zero_side in (("utf-16-le", even_nul, odd_nul), ("utf-16-be", odd_nul, even_nul)):
        if zero_side >= 0.3 and text_side == 0:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if not _looks_binary(text):
                return text, encoding
    return None


_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1a")  # \x1a: DOS end-of-file marker in old files


def _looks_binary(text: str, sample: int = 65536) -> bool:
    chunk = text[:sample]
    if not chunk:
        return False
    bad = sum(
        1
        for c in chunk
        if c == "\ufffd" or (unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs") and c not in _TEXT_CONTROLS)
    )
    return bad / len(chunk) > 0.05


# -------------------------------------------------------------------------- docx

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_P, _TBL, _TR, _TC, _T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("t")
_VAL = _w("val")

# Openings of the blocks Vietnamese administrative documents lay out in borderless
# two-column tables: issuer | national motto header, recipients | signature. Uppercase
# only, so a data cell such as "Ủy ban nhân dân xã ..." does not match.
_LAYOUT_CELL = re.compile(
    r"^\s*(?:[ỦU][YỶ] BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|CỘNG HÒA|CỘNG HOÀ|Độc lập|Số\s*:|Nơi nhận"
    r"|TM\s*\.|KT\s*\.|TL\s*\.|TUQ\s*\.|Q\.\s*CHỦ TỊCH)",
)


def _docx_text(source: str, data: bytes) -> str:
    import docx  # python-docx; imported here so txt-only runs stay light

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        # Not a zip, no main document part, broken XML, a .doc renamed: python-docx raises a
        # different class for each, and all mean the same thing to whoever sent the file.
        raise IngestError(source, "corrupt DOCX (not a valid Word file)") from exc

    try:
        numbering = _Numbering.from_document(document)
    except (ValueError, TypeError, AttributeError):
        # A malformed numbering.xml costs the list labels, not the document.
        numbering = _Numbering()
    lines = [line for line in _block_lines(document.element.body, numbering) if line.strip()]
    text = "\n".join(lines)
    if not text.strip():
        raise IngestError(source, "empty file")
    return text


def _block_lines(container, numbering: "_Numbering") -> Iterator[str]:
    """Lines of a body or cell in document order; w:sdt/customXml wrappers are transparent."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == _P:
            yield from _paragraph_lines(child, numbering)
        elif tag == _TBL:
            yield from _table_lines(child, numbering)
        elif tag in (_w("sdt"), _w("customXml"), _w("sdtContent")):
            inner = child.find(_w("sdtContent")) if tag == _w("sdt") else child
            if inner is not None:
                yield from _block_lines(inner, numbering)


def _paragraph_lines(p, numbering: "_Numbering") -> Iterator[str]:
    """The paragraph as one line (its w:br breaks kept), then any text-box paragraphs."""
    parts: list[str] = []
    boxes: list = []
    _collect_runs(p, parts, boxes)
    text = "".join(parts)
    label = numbering.label(p)
    if label and text.strip():
        text = f"{label} {text.lstrip()}"
    yield text
    for box in boxes:
        yield from _block_lines(box, numbering)


_SKIP_SUBTREES = frozenset({_w("del"), _w("moveFrom"), _w("pPr"), _w("rPr"), _w("instrText"),
                            _w("delText"), f"{{{_MC}}}Fallback"})


def _collect_runs(el, parts: list[str], boxes: list) -> None:
    for child in el.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP_SUBTREES:
            continue
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _w("tab"):
            parts.append("\t")
        elif tag in (_w("br"), _w("cr")):
            parts.append("\n")
        elif tag == _w("noBreakHyphen"):
            parts.append("-")
        elif tag == _w("sym"):
            code = child.get(_w("char"), "")
            try:
                ch = chr(int(code, 16))
            except ValueError:
                continue
            # Symbol-font glyphs live in the private-use area and mean nothing as text.
            if not 0xE000 <= ord(ch) <= 0xF8FF:
                parts.append(ch)
        elif tag == _w("txbxContent"):
            boxes.append(child)
        else:
            _collect_runs(child, parts, boxes)


def _table_lines(tbl, numbering: "_Numbering") -> Iterator[str]:
    rows = list(tbl.iterchildren(_TR))
    grid = tbl.find(_w("tblGrid"))
    n_cols = len(grid.findall(_w("gridCol"))) if grid is not None else 0
    if not n_cols:
        n_cols = max((len(tr.findall(_TC)) for tr in rows), default=0)
    if n_cols <= 2:
        multi_paragraph, header_like = _layout_signals(rows)
        if header_like:
            # Column by column: headers are often one line per row, and reading across
            # would interleave "ỦY BAN NHÂN DÂN" with "CỘNG HÒA ...".
            yield from _cells_lines(_cells_by_column(rows), numbering)
            return
        if multi_paragraph:
            # Row by row, so a two-column "task | agency" table keeps its pairs together.
            yield from _cells_lines((tc for tr in rows for tc in tr.iterchildren(_TC)
                                     if not _is_vmerge_continuation(tc)), numbering)
            return
    for tr in rows:
        cells = []
        for tc in tr.iterchildren(_TC):
            if _is_vmerge_continuation(tc):
                # The merged value was already printed in the row that opens the merge.
                cells.append("")
                continue
            lines = [" ".join(line.split()) for line in _block_lines(tc, numbering)]
            cells.append(" ".join(line for line in lines if line))
        if any(cells):
            yield " | ".join(cells)


def _layout_signals(rows) -> tuple[bool, bool]:
    """(some cell holds several paragraphs, some cell opens like a header/signature block)."""
    multi = header = False
    for tr in rows:
        for tc in tr.iterchildren(_TC):
            texts = ["".join(t.text or "" for t in p.iter(_T)) for p in tc.iter(_P)]
            texts = [t for t in texts if t.strip()]
            multi = multi or len(texts) >= 2
            header = header or any(_LAYOUT_CELL.match(t) for t in texts[:1])
    return multi, header


def _cells_by_column(rows) -> list:
    columns: dict[int, list] = {}
    for tr in rows:
        col = 0
        for tc in tr.iterchildren(_TC):
            span_el = tc.find(f"{_w('tcPr')}/{_w('gridSpan')}")
            span = int(span_el.get(_VAL, "1")) if span_el is not None else 1
            if not _is_vmerge_continuation(tc):
                columns.setdefault(col, []).append(tc)
            col += span
    return [tc for col in sorted(columns) for tc in columns[col]]


def _cells_lines(cells, numbering: "_Numbering") -> Iterator[str]:
    for tc in cells:
        yield from _block_lines(tc, numbering)


def _is_vmerge_continuation(tc) -> bool:
    vmerge = tc.find(f"{_w('tcPr')}/{_w('vMerge')}")
    return vmerge is not None and vmerge.get(_VAL, "continue") != "restart"


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # 1-based level after which this one restarts; 0 = never
    legal: bool = False
    style: str | None = None


@dataclass
class _Numbering:
    """Word automatic numbering, which python-docx leaves out of paragraph text.

    Counters are kept per abstract numbering, not per numId, because that is what Word
    shows: several w:num pointing at one abstractNum continue one list, and only a
    w:lvlOverride/w:startOverride restarts it (applied where that numId first appears).
    Documents that give every list its own abstractNum, as most do, behave per numId.
    """
    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    style_num: dict[str, tuple[str | None, int | None, str | None]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    seen_nums: set = field(default_factory=set)

    @classmethod
    def from_document(cls, document) -> "_Numbering":
        self = cls()
        try:
            styles_el = document.styles.element
        except Exception:  # a package without styles.xml still has readable text
            styles_el = None
        if styles_el is not None:
            for st in styles_el.iter(_w("style")):
                num_id = ilvl = None
                numpr = st.find(f"{_w('pPr')}/{_w('numPr')}")
                if numpr is not None:
                    num_id = _child_val(numpr, "numId")
                    ilvl_s = _child_val(numpr, "ilvl")
                    ilvl = int(ilvl_s) if ilvl_s and ilvl_s.isdigit() else None
                based = _child_val(st, "basedOn")
                self.style_num[st.get(_w("styleId"), "")] = (num_id, ilvl, based)

        try:
            numbering_el = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return self
        style_links: dict[str, str] = {}
        for an in numbering_el.iterchildren(_w("abstractNum")):
            aid = an.get(_w("abstractNumId"), "")
            levels: dict[int, _Level] = {}
            for lvl in an.iterchildren(_w("lvl")):
                levels[int(lvl.get(_w("ilvl"), "0"))] = _parse_level(lvl)
            self.abstract[aid] = levels
            link = _child_val(an, "numStyleLink")
            if link:
                style_links[aid] = link
        for num in numbering_el.iterchildren(_w("num")):
            aid = _child_val(num, "abstractNumId") or ""
            overrides: dict[int, int] = {}
            for ov in num.iterchildren(_w("lvlOverride")):
                ilvl = int(ov.get(_w("ilvl"), "0"))
                start = _child_val(ov, "startOverride")
                lvl = ov.find(_w("lvl"))
                if lvl is not None:
                    # A full level override changes format too; keep it under a private id.
                    private = f"{aid}/{num.get(_w('numId'))}"
                    self.abstract.setdefault(private, dict(self.abstract.get(aid, {})))
                    self.abstract[private][ilvl] = _parse_level(lvl)
                    aid = private
                if start is not None and start.lstrip("-").isdigit():
                    overrides[ilvl] = int(start)
            self.nums[num.get(_w("numId"), "")] = (aid, overrides)
        # numStyleLink: the abstractNum is only a stub; the real one hangs off the style's numId.
        for aid, style_id in style_links.items():
            linked_num = self._style_numpr(style_id)[0]
            if linked_num and linked_num in self.nums:
                target = self.nums[linked_num][0]
                for nid, (a, ov) in list(self.nums.items()):
                    if a == aid and target != aid:
                        self.nums[nid] = (target, ov)
        return self

    def _style_numpr(self, style_id: str | None) -> tuple[str | None, int | None]:
        num_id = ilvl = None
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            s_num, s_ilvl, based = self.style_num.get(style_id, (None, None, None))
            if num_id is None:
                num_id = s_num
            if ilvl is None:
                ilvl = s_ilvl
            if num_id is not None and ilvl is not None:
                break
            style_id = based
        return num_id, ilvl

    def label(self, p) -> str:
        ppr = p.find(_w("pPr"))
        num_id = ilvl = style_id = None
        if ppr is not None:
            style_id = _child_val(ppr, "pStyle")
            numpr = ppr.find(_w("numPr"))
            if numpr is not None:
                num_id = _child_val(numpr, "numId")
                ilvl_s = _child_val(numpr, "ilvl")
                ilvl = int(ilvl_s) if ilvl_s and ilvl_s.isdigit() else None
        if num_id is None or ilvl is None:
            s_num, s_ilvl = self._style_numpr(style_id)
            num_id = num_id if num_id is not None else s_num
            if ilvl is None:
                ilvl = s_ilvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        aid, overrides = self.nums[num_id]
        levels = self.abstract.get(aid)
        if not levels:
            return ""
        if ilvl is None:
            # A style tied to a list level through w:pStyle in the level definition.
            ilvl = next((i for i, lv in levels.items() if style_id and lv.style == style_id), 0)
        if ilvl not in levels:
            return ""

        counters = self.counters.setdefault(aid, {})
        if num_id not in self.seen_nums:
            self.seen_nums.add(num_id)
            for lvl_i, start in overrides.items():
                counters[lvl_i] = start - 1
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper, lv in levels.items():
            if deeper <= ilvl:
                continue
            restart_after = deeper if lv.restart is None else lv.restart
            if restart_after and ilvl < restart_after:
                counters.pop(deeper, None)

        if level.fmt == "bullet":
            return "-" if ilvl == 0 else "+"
        if level.fmt == "none" or not level.text:
            return ""

        def placeholder(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            lv = levels.get(i, _Level())
            value = counters.get(i, lv.start - 1)
            value = max(value, lv.start)
            fmt = "decimal" if (level.legal and i < ilvl) else lv.fmt
            return _format_number(value, fmt)

        return re.sub(r"%([1-9])", placeholder, level.text).strip()


def _child_val(el, tag: str) -> str | None:
    child = el.find(_w(tag))
    return None if child is None else child.get(_VAL)


def _parse_level(lvl) -> _Level:
    start = _child_val(lvl, "start")
    restart = _child_val(lvl, "lvlRestart")
    return _Level(
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        fmt=_child_val(lvl, "numFmt") or "decimal",
        text=_child_val(lvl, "lvlText") or "",
        restart=int(restart) if restart and restart.isdigit() else None,
        legal=lvl.find(_w("isLgl")) is not None,
        style=_child_val(lvl, "pStyle"),
    )


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman") and n > 0:
        out = []
        for value, numeral in _ROMAN:
            while n >= value:
                out.append(numeral)
                n -= value
        s = "".join(out)
        return s if fmt == "upperRoman" else s.lower()
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        # Word repeats the letter past z: aa, bb, ... (not spreadsheet-style ab).
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


# --------------------------------------------------------------------------- pdf

# Under 20 characters over a whole document is page numbers or stray marks, not a text
# layer; such PDFs are scans and need OCR, which this pipeline does not do.
_MIN_PDF_TEXT = 20


def _pdf_text(source: str, data: bytes) -> tuple[str, tuple[PageSpan, ...]]:
    # pypdfium2 rather than pdfminer/pdfplumber: Word and LibreOffice print Vietnamese
    # letters their fonts lack as composed glyphs and keep the real letters only in
    # /ActualText, which pdfium honours and pdfminer ignores (it yields "nống thốn").
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise IngestError(source, "encrypted PDF (password required)") from exc
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise IngestError(source, "encrypted PDF (unsupported security handler)") from exc
        raise IngestError(source, f"corrupt PDF ({_pdfium_reason(exc)})") from exc

    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise IngestError(source, "corrupt PDF (no pages)")
        chunks: list[str] = []
        spans: list[PageSpan] = []
        offset = 0
        plumber = _LazyPlumber(data)
        table_before = False
        for index in range(n_pages):
            try:
                page = pdf[index]
                try:
                    textpage = page.get_textpage()
                    try:
                        raw = _restore_dropped_spaces(page, textpage, textpage.get_text_range())
                        # A table that starts on a page with its header may run onto the next.
                        if table_before or _looks_tabular(raw):
                            rows = _with_table_rows(page, textpage, plumber.tables(index, 1 if table_before else 2))
                            table_before, raw = rows is not None, rows or raw
                    finally:
                        textpage.close()
                finally:
                    page.close()
            except pdfium.PdfiumError as exc:
                raise IngestError(source, f"corrupt PDF (page {index + 1} unreadable)") from exc
            chunk = _clean_pdf_page(raw)
            if index:
                offset += 1  # the "\n" joining pages
            spans.append(PageSpan(offset, offset + len(chunk), index + 1))
            chunks.append(chunk)
            offset += len(chunk)
    finally:
        pdf.close()
        plumber.close()

    text = "\n".join(chunks)
    if len("".join(text.split())) < _MIN_PDF_TEXT:
        raise IngestError(source, "no text layer (scanned PDF?)")
    return text, tuple(spans)


# A task table's header: only pages that show one pay for pdfplumber's slower layout pass.
_TABLE_CUES = re.compile(r"(?i)(?:chủ\s*trì|phối\s*hợp|thời\s*gian\s*(?:hoàn\s*thành|thực\s*hiện)|\bSTT\b|\bTT\b).{0,200}"
                         r"(?:phối\s*hợp|thời\s*gian|chủ\s*trì|sản\s*phẩm|ghi\s*chú)", re.S)


_ROW_NUMBER_HEAD = re.compile(r"(?m)^\s*(?:STT|TT)\s+\S")


def _looks_tabular(raw: str) -> bool:
    """A ruled table shows as a numbered header row ("STT Nội dung ...") or as a task-table
    header among many short lines (cells wrapped inside their columns). Prose that says
    "chủ trì, phối hợp" has long lines and is left to the fast path."""
    if _ROW_NUMBER_HEAD.search(raw):
        return True
    if not _TABLE_CUES.search(raw):
        return False
    lines = [ln for ln in raw.splitlines() if ln.strip()]
    return bool(lines) and sum(len(ln.strip()) <= 20 for ln in lines) >= 0.3 * len(lines)


class _LazyPlumber:
    """pdfplumber opened once per document, and only if a page looks like it holds a table."""

    def __init__(self, data: bytes):
        self._data = data
        self._pdf = None

    def tables(self, index: int, min_rows: int = 2) -> list:
        import pdfplumber

        try:
            if self._pdf is None:
                self._pdf = pdfplumber.open(io.BytesIO(self._data))
            page = self._pdf.pages[index]
            return [(page.height, t.bbox, [[c for c in row.cells] for row in t.rows]) for t in page.find_tables()
                    if len(t.rows) >= min_rows and max(len(r.cells) for r in t.rows) >= 2]
        except Exception:  # noqa: BLE001 - layout is a bonus; the text layer is already read
            return []

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()


def _with_table_rows(page, textpage, tables: list) -> str | None:
    """The page's text with each ruled table written as rows of cells joined by " | ".

    pdfplumber finds the cell geometry; the text inside each cell comes from pdfium
    (`get_text_bounded`), which reads /ActualText right. Without this a task table arrives
    as loose wrapped lines and "Cơ quan chủ trì | Cơ quan phối hợp | Thời gian" is lost.
    """
    if not tables:
        return None
    height = tables[0][0]
    width = page.get_width()

    def band(top: float, bottom: float, left: float = 0, right: float | None = None) -> str:
        if bottom - top < 1:
            return ""
        return textpage.get_text_bounded(left=left, bottom=height - bottom, right=right if right is not None else width,
                                         top=height - top).strip()

    parts, y = [], 0.0
    for _, (x0, top, x1, bottom), rows in sorted(tables, key=lambda t: t[1][1]):
        parts.append(band(y, top))
        for row in rows:
            # Inset the cell a little: pdfium takes any glyph whose box touches the rectangle,
            # and a tall "Ủ" on the next line reaches up into this one.
            cells = ["" if c is None else " ".join(band(c[1] + 2, c[3] - 2, c[0] + 1, c[2] - 1).split()) for c in row]
            if any(cells):
                parts.append(" | ".join(cells))
        y = bottom
    parts.append(band(y, height))
    return "\n".join(p for p in parts if p)


def _restore_dropped_spaces(page, textpage, text: str) -> str:
    """Put back spaces pdfium loses between two /ActualText spans.

    LibreOffice draws a letter its font lacks (ề, ở, ...) as base + accent glyphs wrapped
    in an /ActualText span, and a space that falls between two such spans goes out as a
    text object of its own. pdfium's text page drops that lone space, gluing words
    ("về UBND" -> "vềUBND"). Such a space is recognisable on the page: an inkless text
    object (zero-size bounds) that contributed nothing to the text page, after which the
    next character starts at least a space's width further right on the same baseline.
    Inkless glyphs at line ends are also unmapped but sit before a line break, and
    zero-width marks do not move the pen, so neither passes the test.
    """
    import pypdfium2.raw as pdfium_c

    blanks = []
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,), max_depth=0):
        left, bottom, right, top = obj.get_bounds()
        if right - left > 0.01 or top - bottom > 0.01:
            continue
        # Two bytes is the UTF-16 terminator alone: no character of it reached the text page.
        if pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0) <= 2:
            blanks.append((left, bottom))
    n_chars = textpage.count_chars()
    if not blanks or n_chars != len(text):  # char index == string index is needed below
        return text

    x, y = ctypes.c_double(), ctypes.c_double()
    lines: dict[int, list[tuple[float, int]]] = {}
    origins = []
    for i in range(n_chars):
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, i, x, y)
        origins.append((x.value, y.value))
        if not text[i].isspace():
            lines.setdefault(round(y.value), []).append((x.value, i))

    inserts = set()
    for bx, by in blanks:
        prev = None
        for key in (round(by) - 1, round(by), round(by) + 1):
            for cx, i in lines.get(key, ()):
                if abs(origins[i][1] - by) <= 1.0 and cx < bx and (prev is None or cx > origins[prev][0]):
                    prev = i
        if prev is None or prev + 1 >= n_chars:
            continue
        nxt = prev + 1
        nx, ny = origins[nxt]
        if text[nxt].isspace() or abs(ny - by) > 1.0:
            continue
        size = pdfium_c.FPDFText_GetFontSize(textpage.raw, nxt) or 10.0
        if nx - bx >= 0.15 * size:
            inserts.add(nxt)
    if not inserts:
        return text
    parts, last = [], 0
    for i in sorted(inserts):
        parts.append(text[last:i])
        parts.append(" ")
        last = i
    parts.append(text[last:])
    return "".join(parts)


def _clean_pdf_page(raw: str) -> str:
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    # pdfium reports a hyphen that ended a visual line as U+FFFE (older builds: U+0002),
    # with or without the line break. Vietnamese is not hyphenated inside syllables, so the
    # marker is a real hyphen that the layout broke at: "278/KH\ufffeUBND" is 278/KH-UBND,
    # "Thi đua\ufffe\nKhen thưởng" is "Thi đua-Khen thưởng". Dropping it (the English
    # soft-hyphen reading) turned document numbers into "278/KHUBND".
    text = text.replace("\ufffe\n", "-").replace("\x02\n", "-")
    return text.replace("\ufffe", "-").replace("\x02", "-")


def _pdfium_reason(exc: Exception) -> str:
    m = re.search(r"PDFium: ([^)]+)\)", str(exc))
    reason = m.group(1) if m else str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return reason.rstrip(".")[:80]


def pdf_tables(path: str | Path) -> list[list[list[str | None]]]:
    """Ruled tables of every page, via pdfplumber (cell geometry is its strength).

    Slow next to pypdfium2 and blind to /ActualText, so the text it returns can be wrong
    for Vietnamese letters the font lacks; use it for table structure, not for text.
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    source = str(path)
    p = Path(path)
    if not p.is_file():
        raise IngestError(source, "file not found")
    tables: list[list[list[str | None]]] = []
    try:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                tables.extend(page.extract_tables())
    except Exception as exc:
        # pdfplumber wraps pdfminer's errors in PdfminerException(original).
        causes = [exc, *(a for a in exc.args if isinstance(a, BaseException)), exc.__cause__, exc.__context__]
        if any(isinstance(c, PDFPasswordIncorrect) for c in causes):
            raise IngestError(source, "encrypted PDF (password required)") from exc
        inner = next((c for c in causes[1:] if c is not None), exc)
        reason = (str(inner).splitlines() or [""])[0] or type(inner).__name__
        raise IngestError(source, f"corrupt PDF ({reason[:80]})") from exc
    return tables
