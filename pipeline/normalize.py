"""Normalize Vietnamese text once, keeping a map from every output character to the source.

Every later offset indexes the text this module returns, so each step is a substitution
on a `MappedText` that carries, for each output character, the index of the source
character it came from. underthesea's `text_normalize` cannot be that step: it re-tokenizes
and inserts spaces (`Quý IV / 2024`), which would break every span; we use its character
table instead and a tone-placement table of our own.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from underthesea.pipeline.text_normalize.text_normalizer import character_map as _UTS_CHARACTER_MAP

from .records import PageSpan, RawDocument

_VOWELS_LOWER = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
VI_LOWER = "a-zđ" + _VOWELS_LOWER
VI_UPPER = "A-ZĐ" + _VOWELS_LOWER.upper()


def _tone_moves() -> dict[str, str]:
    """Old-style tone placement (hoà, thuỷ, khoẻ) → the one form used here (hòa, thủy, khỏe).

    Only in an open syllable (nothing after the pair) does the mark move; `hoàn`, `quyết`
    are already written one way only.
    """
    moves = {}
    for plain, marks in (("a", "àáảãạ"), ("e", "èéẻẽẹ"), ("y", "ỳýỷỹỵ")):
        first = "o" if plain in "ae" else "u"
        toned = {"o": "òóỏõọ", "u": "ùúủũụ"}[first]
        for mark, t_first in zip(marks, toned):
            moves[first + mark] = t_first + plain
            moves[(first + mark).capitalize()] = (t_first + plain).capitalize()
            moves[(first + mark).upper()] = (t_first + plain).upper()
    return moves


TONE_MOVES = _tone_moves()
# "qu" + vowel is a consonant cluster, so "quý" never moves.
_TONE_RE = re.compile(
    r"(?<![qQ])(" + "|".join(sorted(TONE_MOVES, key=len, reverse=True)) + r")(?![" + VI_LOWER + VI_UPPER + r"])"
)

_CHAR_FIXES = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ", "\u3000": " ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\u00ad": "",
    "\ufffe": "", "\x02": "",
    # Word's Symbol-font bullets survive PDF export as private-use characters.
    "\uf0b7": "-", "\uf0a7": "+", "\uf0d8": "-", "\uf076": "-", "\uf0fc": "-", "\x0c": "\n", "\x0b": "\n", "\u2028": "\n", "\u2029": "\n",
    **_UTS_CHARACTER_MAP,
}

_MARKER_RE = re.compile(
    r"^(?:[IVXLC]+\s*[.)]|\d+(?:\.\d+)*\s*[.)]|[a-zđ]\s*\)|[-+*•–]\s|(?:Phần|PHẦN|Điều|ĐIỀU|Mục|MỤC|Chương|CHƯƠNG)\s+[\dIVXLC]+)"
)
_ROMAN_CAPS_RE = re.compile(r"^[IVXLC]+\s*[.)/\-–]\s*\S")
# Words that open a paragraph or a duty; capitalised, they do not continue a wrapped sentence.
_OPENER_RE = re.compile(
    r"^(?:Căn cứ|Thực hiện|Để|Nhằm|Trên đây|Nơi nhận|Xét đề nghị|Theo đề nghị|Triển khai|Phối hợp|Chủ trì|"
    r"Tham mưu|Chỉ đạo|Hướng dẫn|Đề nghị|Giao|Tổ chức thực hiện|Báo cáo|Định kỳ|Thời gian|Đơn vị)\b"
)
_ACRONYM_RE = re.compile(r"^[" + VI_UPPER + r"&]{2,8}\b")


@dataclass(frozen=True)
class MappedText:
    """A text and, for each of its characters, the source index it came from."""
    text: str
    src: tuple[int, ...]

    def sub(self, pattern: re.Pattern, repl: Callable[[re.Match], str] | str) -> "MappedText":
        out: list[str] = []
        src: list[int] = []
        pos = 0
        for m in pattern.finditer(self.text):
            out.append(self.text[pos:m.start()])
            src.extend(self.src[pos:m.start()])
            new = repl(m) if callable(repl) else m.expand(repl)
            old_len = m.end() - m.start()
            if len(new) == old_len:
                src.extend(self.src[m.start():m.end()])
            elif new:
                anchor = self.src[m.start()] if m.start() < len(self.src) else (self.src[-1] + 1 if self.src else 0)
                src.extend([anchor] * len(new))
            out.append(new)
            pos = m.end()
        out.append(self.text[pos:])
        src.extend(self.src[pos:])
        return MappedText("".join(out), tuple(src))


@dataclass(frozen=True)
class Normalized:
    text: str
    src: tuple[int, ...]  # src[i] = index in the raw text of normalized character i
    pages: tuple[PageSpan, ...] = ()  # page spans re-expressed in normalized offsets

    def source_offset(self, i: int) -> int:
        if not self.src:
            return 0
        return self.src[min(i, len(self.src) - 1)]

    def page_of(self, i: int) -> int | None:
        for p in self.pages:
            if p.start <= i < p.end:
                return p.page
        return None


_FIX_RE = re.compile("\r\n?|[" + re.escape("".join(_CHAR_FIXES)) + "]")


def _nfc_mapped(raw: str) -> MappedText:
    """NFC per grapheme cluster so each output character still knows its source."""
    fix = lambda m: "\n" if m.group(0)[0] == "\r" else _CHAR_FIXES[m.group(0)]
    if unicodedata.is_normalized("NFC", raw):
        # The common case: already composed, so only the character fixes need mapping.
        return MappedText(raw, tuple(range(len(raw)))).sub(_FIX_RE, fix)
    # Compose line by line: most lines are already NFC and keep an identity map.
    out: list[str] = []
    src: list[int] = []
    pos = 0
    for line in raw.splitlines(keepends=True):
        if unicodedata.is_normalized("NFC", line):
            out.append(line)
            src.extend(range(pos, pos + len(line)))
        else:
            part = _nfc_cluster_map(line, pos)
            out.append(part.text)
            src.extend(part.src)
        pos += len(line)
    return MappedText("".join(out), tuple(src)).sub(_FIX_RE, fix)


def _nfc_cluster_map(raw: str, offset: int) -> MappedText:
    out: list[str] = []
    src: list[int] = []
    i, n = 0, len(raw)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(raw[j]):
            j += 1
        for c in unicodedata.normalize("NFC", raw[i:j]):
            out.append(c)
            src.append(offset + i)
        i = j
    return MappedText("".join(out), tuple(src))


def fix_tone_marks(text: str) -> str:
    return _TONE_RE.sub(lambda m: TONE_MOVES[m.group(1)], text)


_EMPHASIS_RE = re.compile(r"\*\*|__|(?<![\n*])\*(?! )|(?<=\S)\*(?= )|(?<=\S)\*$", re.M)
_DOUBLE_BULLET_RE = re.compile(r"^[ ]*[-–•][ ]+(?=[+*][ ])", re.M)
_SPACES_RE = re.compile(r"[ ]{2,}")
_LINE_EDGE_RE = re.compile(r"[ ]+(?=\n)|(?<=\n)[ ]+|^[ ]+|[ ]+$")
_PAGE_NUMBER_RE = re.compile(r"(?:(?<=\n)|^)[ ]*(?:-[ ]*)?(?:Trang[ ]+)?\d{1,3}(?:[ ]*-)?[ ]*(?=\n|$)")
_BREAKS_RE = re.compile(r"\n+")


def _is_marker_line(line: str) -> bool:
    return bool(_MARKER_RE.match(line))


def _join_decider(text: str, pdf: bool) -> Callable[[re.Match], str]:
    lines = [ln for ln in text.split("\n") if ln]
    widths = sorted(len(ln) for ln in lines)
    full = widths[int(len(widths) * 0.9)] if widths else 0

    def decide(m: re.Match) -> str:
        a = text[text.rfind("\n", 0, m.start()) + 1: m.start()]
        after_end = text.find("\n", m.end())
        b = text[m.end(): after_end if after_end >= 0 else len(text)]
        if not a or not b:
            return "\n"
        if a.rstrip()[-1:] in "“(" and "|" not in b:
            return " "  # an opened quote or bracket continues: "nội dung “\n4.3 Lĩnh vực ...”"
        if _ROMAN_CAPS_RE.match(a) and a.isupper() and b.isupper() and not _is_marker_line(b):
            return " "  # a capitalised heading split over two lines ("IV. ĐỐI TƯỢNG, ... VÀ TIÊU\nCHUẨN ...")
        wraps = pdf and m.group(0) == "\n" and full and len(a) >= (0.9 if _is_marker_line(a) else 0.75) * full
        if _is_marker_line(b) or b[0] in "-+*•|" or b[0] in "(\"“" and not wraps:
            return "\n"
        a_end = a.rstrip()[-1:]
        if a_end in ".;:!?" or a.endswith("./."):
            return "\n"
        if "|" in a or "|" in b:
            return "\n"
        starts_lower = re.match(r"[" + VI_LOWER + r"]", b) is not None
        ends_word = re.search(r"[" + VI_LOWER + r"\d,)]$", a) is not None
        if starts_lower and (ends_word or re.search(r"[" + VI_UPPER + r"]{2,}$", a) and not a.isupper()):
            return " "  # "... của UBND\ntỉnh về ...": a lower-case word never opens a paragraph
        if _OPENER_RE.match(b):
            return "\n"  # "Căn cứ ...", "Thực hiện ...": a new paragraph even after a full line
        if (ends_word and len(a) >= 40 and _ACRONYM_RE.match(b) and not a.isupper() and not b.isupper()
                and not _is_marker_line(a)):  # a numbered heading ends at its line: "4. Dự án 5: ...\nUBND các xã"
            return " "
        if wraps and ends_word:
            # A visual line that reaches the margin wraps into the next one; a short heading
            # line ("6. Trung tâm Văn hóa") must reach it more nearly than running text.
            return " "
        return "\n"

    return decide


def normalize_text(raw: str, *, pdf: bool = False) -> MappedText:
    mt = _nfc_mapped(raw)
    mt = mt.sub(_TONE_RE, lambda m: TONE_MOVES[m.group(1)])
    mt = mt.sub(_EMPHASIS_RE, "")
    mt = mt.sub(_DOUBLE_BULLET_RE, "")
    mt = mt.sub(_SPACES_RE, " ")
    mt = mt.sub(_LINE_EDGE_RE, "")
    if pdf:
        mt = mt.sub(_PAGE_NUMBER_RE, "")
    mt = mt.sub(_BREAKS_RE, _join_decider(mt.text, pdf))
    mt = mt.sub(_SPACES_RE, " ")
    mt = mt.sub(re.compile(r"^\n+|\n+$"), "")
    return mt


def normalize(raw: RawDocument) -> Normalized:
    mt = normalize_text(raw.text, pdf=raw.format == "pdf")
    pages: list[PageSpan] = []
    if raw.pages:
        # Re-express source page spans in normalized offsets (src is non-decreasing).
        import bisect
        for p in raw.pages:
            s = bisect.bisect_left(mt.src, p.start)
            e = bisect.bisect_left(mt.src, p.end)
            pages.append(PageSpan(s, e, p.page))
    return Normalized(mt.text, mt.src, tuple(pages))


def fold(text: str | None) -> str:
    """Lower case, NFC, one tone placement, single spaces: for comparing names."""
    if not text:
        return ""
    text = fix_tone_marks(unicodedata.normalize("NFC", text)).lower()
    return re.sub(r"\s+", " ", text).strip()


def strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))
