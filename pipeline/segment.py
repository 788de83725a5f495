"""The numbered structure of a plan: sections (I., 1., 1.1.), list items (a), -, +) and zones.

Zones matter to every extractor: the preamble ("Căn cứ ...", "Thực hiện ...") sets citation
relations, and the closing formula after the last numbered item ("Trên đây là Kế hoạch ...",
"Nơi nhận", the signature) carries no assignments (ANNOTATION.md, Conventions).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .normalize import VI_UPPER
from .records import Issue, ListItem, Section

_UPPER = "[" + VI_UPPER + "]"

ROMAN_RE = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_ROMAN_LINE = re.compile(r"^(?P<num>" + ROMAN_RE + r")\s*[.)/\-–]\s*(?P<rest>\S.*)?$")
_ARABIC_LINE = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,4})(?P<sep>\.|/|\)|\s*-)\s*(?P<rest>.*)$")
_ARABIC_MULTI_NODOT = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){1,4})\s+(?P<rest>\S.*)$")
_NAMED_LINE = re.compile(
    r"^(?P<word>Phần|PHẦN|Chương|CHƯƠNG|Điều|ĐIỀU|Mục|MỤC)\s+(?P<num>\d{1,3}|" + ROMAN_RE + r")\b\s*[.:\-–]?\s*(?P<rest>.*)$"
)
_LETTER_LINE = re.compile(r"^(?P<num>[a-zđ])\s*[).]\s+\S")
_BULLET_LINE = re.compile(r"^(?P<mark>[-+*•–—·▪●○])\s*\S")
_BULLET_DEPTH = {"-": 1, "–": 1, "—": 1, "•": 1, "·": 1, "▪": 2, "●": 1, "○": 2, "+": 2, "*": 2}

_CLOSING_START = re.compile(
    r"^(?:Trên đây là|Nơi nhận|NƠI NHẬN|KT\.?\s*CHỦ TỊCH|TM\.?\s*(?:ỦY BAN|UỶ BAN|UBND|BAN)|CHỦ TỊCH$|PHÓ CHỦ TỊCH$|Q\.?\s*CHỦ TỊCH)"
)
_CLOSING_CALL = re.compile(r"(?:đề nghị|yêu cầu|căn cứ|giao)\b.*\b(?:thực hiện|triển khai)", re.I)
_ANNEX_START = re.compile(r"^(?:PHỤ LỤC|Phụ lục|PHỤ BIỂU|Phụ biểu|BIỂU\s|Biểu\s(?:số\s)?\d)")
_TITLE_WORDS = re.compile(r"^(?:KẾ HOẠCH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH|ĐỀ ÁN|PHƯƠNG ÁN|HƯỚNG DẪN|CÔNG VĂN|CHỈ THỊ|THÔNG BÁO|BÁO CÁO|TỜ TRÌNH|NGHỊ QUYẾT)\b")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


@dataclass
class Layout:
    text: str
    lines: list[Line]
    sections: list[Section]
    items: list[ListItem]
    warnings: list[Issue]
    body_start: int  # start of the first numbered section (end of the preamble)
    body_end: int  # start of the closing formula / signature
    annex_start: int  # start of annexes after the signature (len(text) if none)
    title_line: int | None = None  # index in `lines` of the document-type heading (KẾ HOẠCH)
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self):
        self._starts = [s.start for s in self.sections]
        self._line_starts = [ln.start for ln in self.lines]
        self._item_starts: list[int] = []

    def section_at(self, offset: int) -> Section | None:
        """Innermost numbered section containing `offset` (None in the preamble or annexes)."""
        if offset >= self.annex_start:
            return None
        i = bisect.bisect_right(self._starts, offset) - 1
        while i >= 0:
            s = self.sections[i]
            if s.start <= offset < s.end:
                return s
            i -= 1
        return None

    def path_at(self, offset: int) -> str | None:
        s = self.section_at(offset)
        return s.path if s else None

    def line_at(self, offset: int) -> Line:
        i = max(0, bisect.bisect_right(self._line_starts, offset) - 1)
        return self.lines[i]

    def item_at(self, offset: int) -> ListItem | None:
        """Innermost list item containing `offset`."""
        if len(self._item_starts) != len(self.items):
            self._item_starts = [it.start for it in self.items]
        i = bisect.bisect_right(self._item_starts, offset) - 1
        # Items are in text order and nest: the innermost one holding the offset is the
        # latest-starting one that still reaches past it.
        # An earlier item can only hold the offset if it is shallower than every item passed.
        limit = 1 << 30
        while i >= 0:
            it = self.items[i]
            if it.start <= offset < it.end:
                return it
            if it.depth < limit:
                limit = it.depth
                if limit == 0:
                    break
            i -= 1
        return None

    def in_preamble(self, offset: int) -> bool:
        return offset < self.body_start

    def in_closing(self, offset: int) -> bool:
        return self.body_end <= offset < self.annex_start

    def in_annex(self, offset: int) -> bool:
        return offset >= self.annex_start


def split_lines(text: str) -> list[Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


def clean_heading(rest: str) -> str:
    head = rest.split(":", 1)[0].strip()
    if len(head) > 120:
        cut = head[:120]
        if head[120] not in " ,.;:–-" and " " in cut:
            cut = cut[: cut.rfind(" ")]
        head = cut
    return head.strip().rstrip(".,;:–- ").strip()


def _roman_value(s: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = vals[a]
        total += -v if b != " " and vals.get(b, 0) > v else v
    return total


def match_section(line: str) -> tuple[str, str, str] | None:
    """(kind, number, rest) when the line opens a numbered section."""
    m = _ROMAN_LINE.match(line)
    if m and m.group("num") and m.group("rest"):
        rest = m.group("rest")
        # "V. Nguyễn" style initials are rare in plans; a heading follows a roman numeral.
        return "roman", m.group("num"), rest
    m = _NAMED_LINE.match(line)
    if m:
        word = m.group("word").capitalize()
        return {"Phần": "phan", "Chương": "phan", "Điều": "dieu", "Mục": "muc"}[word], f"{word} {m.group('num')}", m.group("rest")
    m = _ARABIC_LINE.match(line)
    if m:
        rest = m.group("rest").strip()
        sep = m.group("sep").strip()
        glued = m.start("rest") == m.end("sep")
        if not rest or re.match(r"^[\d.,]+\s*$", rest) or (glued and rest[0].isdigit()):
            rest = None  # "2.000 hộ", "2.5%" or a bare number; "2.5. 15 xóm" is a heading
        # "1)" numbers list items, not sections (ANNOTATION.md); "1-" only before a capital.
        if rest and sep != ")" and not (sep == "-" and not re.match(_UPPER, rest)):
            return "arabic", m.group("num"), rest
    m = _ARABIC_MULTI_NODOT.match(line)
    if m and not re.match(r"^\d", m.group("rest")):
        return "arabic", m.group("num"), m.group("rest")
    return None


def segment(text: str) -> Layout:
    lines = split_lines(text)
    warnings: list[Issue] = []
    title_idx = next((i for i, ln in enumerate(lines[:60]) if _TITLE_WORDS.match(ln.text.strip())), None)
    first_allowed = lines[title_idx].end if title_idx is not None else 0

    # Pass 1: candidate numbered lines, stopping at annexes after a signature.
    raw: list[tuple[int, str, str, str]] = []  # (line index, kind, number, rest)
    closing_seen = False
    annex_start = len(text)
    for i, ln in enumerate(lines):
        t = ln.text.strip(" |")
        if ln.start < first_allowed or not t:
            continue
        if _CLOSING_START.match(t):
            closing_seen = True
        if closing_seen and _ANNEX_START.match(t):
            annex_start = ln.start
            break
        # Table rows ("| 1. | Tuyên truyền | ...") are not sections: match the line as written.
        m = match_section(ln.text.strip())
        if m:
            if closing_seen and m[0] != "dieu":
                # A numbered line after the signature that is not an annex heading is an
                # attached plan (a Quyết định issuing a Kế hoạch): keep reading.
                closing_seen = False
            raw.append((i, *m))

    sections: list[Section] = []
    stack: list[Section] = []  # open ancestors
    roman_ctx: Section | None = None
    named_ctx: Section | None = None
    for idx, (li, kind, number, rest) in enumerate(raw):
        ln = lines[li]
        if kind == "roman":
            level = 1
            path = number
            roman_ctx = None
        elif kind in ("phan", "dieu", "muc"):
            level = 0 if kind == "phan" else 1
            path = number
        else:
            level = number.count(".") + 2
            prefix = roman_ctx.path if roman_ctx else (named_ctx.path if named_ctx and named_ctx.kind != "phan" else None)
            path = f"{prefix}.{number}" if prefix else number
        while stack and stack[-1].level >= level:
            stack.pop()
        parent = stack[-1].path if stack else None
        lead = len(ln.text) - len(ln.text.lstrip())
        rest_at = ln.text.find(rest, lead) if rest else ln.end - ln.start
        heading = clean_heading(rest)
        h_start = ln.start + max(rest_at, 0)
        sec = Section(
            path=path, number=number, level=level, heading=heading,
            start=ln.start, end=len(text), parent=parent, kind=kind, line_end=ln.end,
            heading_start=h_start, heading_end=h_start + len(heading),
        )
        sections.append(sec)
        stack.append(sec)
        if kind == "roman":
            roman_ctx = sec
        elif kind in ("dieu", "muc", "phan"):
            named_ctx = sec
            roman_ctx = None

    body_start = sections[0].start if sections else (lines[title_idx + 1].start if title_idx is not None and title_idx + 1 < len(lines) else 0)
    attached = _attached_plan_start(lines, sections)
    if attached is not None:
        # A decision that issues a plan: its articles, recipients and signature carry no duties
        # of their own (ANNOTATION.md: the attached plan's content is the document's).
        body_start = attached
    body_end = _find_body_end(lines, sections, annex_start, len(text))

    # Pass 2: spans end where the next section of the same or a higher level begins.
    fixed: list[Section] = []
    for i, s in enumerate(sections):
        end = body_end
        for nxt in sections[i + 1:]:
            if nxt.level <= s.level:
                end = nxt.start
                break
        fixed.append(_replace(s, end=min(max(end, s.line_end), max(body_end, s.line_end))))
    sections = fixed
    warnings.extend(_numbering_warnings(sections))
    layout = Layout(text, lines, sections, [], warnings, body_start, body_end, annex_start, title_idx)
    layout.items = _list_items(lines, layout)
    return layout


def _attached_plan_start(lines: list[Line], sections: list[Section]) -> int | None:
    dieu = [s for s in sections if s.kind == "dieu"]
    if not dieu:
        return None
    after = dieu[-1].line_end
    heading = next((ln for ln in lines if ln.start > after and _TITLE_WORDS.match(ln.text.strip())), None)
    if heading is None:
        return None
    first = next((s for s in sections if s.start > heading.start and s.kind in ("roman", "arabic", "phan")), None)
    return first.start if first else None


def _replace(s: Section, **kw) -> Section:
    from dataclasses import replace
    return replace(s, **kw)


def _find_body_end(lines: list[Line], sections: list[Section], annex_start: int, n: int) -> int:
    if not sections:
        start_scan = 0
    else:
        start_scan = sections[-1].line_end
    for ln in lines:
        if ln.start < start_scan or ln.start >= annex_start:
            continue
        t = ln.text.strip(" |")
        if not t:
            continue
        if _CLOSING_START.match(t):
            return ln.start
        if t.endswith("./.") and not _BULLET_LINE.match(t) and _CLOSING_CALL.search(t):
            return ln.start
    return annex_start if annex_start < n else n


def _numbering_warnings(sections: list[Section]) -> list[Issue]:
    out: list[Issue] = []
    last: dict[tuple, int] = {}
    latest_start: dict[str, int] = {}  # a repeated "I." opens a new parent: its children count from 1 again
    for s in sections:
        latest_start[s.path] = s.start
        if s.kind not in ("roman", "arabic"):
            continue
        parent_id = latest_start.get(s.parent) if s.kind == "arabic" else None
        key = (s.kind, parent_id, s.number.count("."))
        val = _roman_value(s.number) if s.kind == "roman" else int(s.number.split(".")[-1])
        prev = last.get(key)
        if prev is not None:
            if val == prev:
                out.append(Issue("section_repeated", f"số mục lặp lại: {s.number} ({s.heading[:40]})", s.start, s.line_end))
            elif val > prev + 1:
                out.append(Issue("section_skipped", f"số mục bị bỏ qua trước {s.number} ({s.heading[:40]})", s.start, s.line_end))
        elif val != 1 and s.kind == "arabic":
            out.append(Issue("section_skipped", f"mục đầu tiên đánh số {s.number}", s.start, s.line_end))
        last[key] = val
    return out


def _list_items(lines: list[Line], layout: Layout) -> list[ListItem]:
    items: list[ListItem] = []
    open_items: list[ListItem] = []
    sec_starts = {s.start for s in layout.sections}
    for ln in lines:
        t = ln.text.lstrip()
        if not t or ln.start < layout.body_start or ln.start >= layout.body_end:
            continue  # recipients and signature lines are not the plan's list items
        if ln.start in sec_starts:
            open_items = []
            continue
        m = _LETTER_LINE.match(t)
        if m:
            marker, kind, depth = m.group("num") + ")", "letter", 0
        else:
            m = _BULLET_LINE.match(t)
            if not m:
                continue
            marker, kind, depth = m.group("mark"), "bullet", _BULLET_DEPTH.get(m.group("mark"), 1)
        items.append(ListItem(marker, kind, depth, ln.start, ln.end, ln.end, layout.path_at(ln.start)))
    # An item runs until the next item of the same or lower depth, or the next section.
    boundaries = sorted(sec_starts | {layout.body_end, layout.annex_start, len(layout.text)})
    out = []
    for i, it in enumerate(items):
        end = boundaries[bisect.bisect_right(boundaries, it.start)] if bisect.bisect_right(boundaries, it.start) < len(boundaries) else len(layout.text)
        for nxt in items[i + 1:]:
            if nxt.start >= end:
                break
            if nxt.depth <= it.depth:
                end = nxt.start
                break
        out.append(ListItem(it.marker, it.kind, it.depth, it.start, max(end - 1, it.line_end), it.line_end, it.section))
    return out
