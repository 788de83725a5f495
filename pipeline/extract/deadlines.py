"""Deadlines: every time expression that says when an obligation is due, normalized (issue #5).

The definitions are ANNOTATION.md's ("deadlines" and the Conventions). Two families of
expressions are found separately and then reconciled:

* calendar times ("atoms"): dates, day-months, weeks, months, quarters, halves, years. An
  atom becomes a deadline when its context says it times a task: a trigger word before it
  ("trước", "trong", "đến hết"), a schedule heading ("Năm 2025:"), a "Thời gian:" field or
  the time column of a table. Scope years, period names, baselines, citation dates and the
  document's own date are filtered out.
* phrases (models/patterns/deadlines.jsonl): recurring ("hằng năm", "định kỳ 6 tháng"),
  continuous ("thường xuyên", "xuyên suốt") and relative ("sau khi ...", "khi có yêu cầu").

They meet where one expression holds both: "Thường xuyên trong năm 2024" → CONT/2024;
"Hằng năm ... trước ngày 10 tháng 11" → R/P1Y/--11-10 (the "hằng năm" is folded in);
"định kỳ 6 tháng (trước 15/7/2024)" → the date alone (its time is the date).

Words and patterns are data (models/lexicons/time_words.yml, models/patterns/deadlines.jsonl).
"""
from __future__ import annotations

import bisect
import calendar
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.language import Language

from ..nlp import set_spans
from ..normalize import VI_UPPER
from ..records import Deadline, DocumentMeta, Issue
from ..resources import load_jsonl, load_yaml
from ..segment import Layout
from .common import sentence_bounds

LEXICON = ("lexicons", "time_words.yml")
PATTERNS = ("patterns", "deadlines.jsonl")

_Y = r"(?:19|20)\d\d"
_FLAGS = re.I


def _alt(words) -> str:
    """Longest first so "chậm nhất là" wins over "chậm nhất"; spaces match any run of spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicon() -> dict:
    return load_yaml(*LEXICON)


@dataclass(frozen=True)
class _Rx:
    """Regexes built once from the lexicon."""
    atoms: tuple
    trigger: re.Pattern
    citation: re.Pattern
    citation_date: re.Pattern
    place_date: re.Pattern
    period: re.Pattern
    horizon: re.Pattern
    baseline_before: re.Pattern
    baseline_after: re.Pattern
    scope_head: re.Pattern
    rec_head: re.Pattern
    rec_neg: re.Pattern
    periodic_neg: re.Pattern
    cont_neg_before: re.Pattern
    cont_neg_after: re.Pattern
    clock_verbs: re.Pattern
    purpose: re.Pattern
    plan_name: re.Pattern
    guidance: re.Pattern
    ban: re.Pattern
    phrases: tuple
    rec_neg_exception: re.Pattern
    range_non_event: re.Pattern
    named_day: re.Pattern
    report_before: re.Pattern
    dash_fold: dict
    cont_name: re.Pattern
    during_condition: re.Pattern
    during_noun: re.Pattern
    breakdown: re.Pattern
    occasion_before: re.Pattern


@lru_cache(maxsize=1)
def regexes() -> _Rx:
    lx = lexicon()
    quarter = _alt(lx["quarter_words"])
    roman = "|".join(sorted(lx["roman"], key=len, reverse=True))
    qnum = rf"(?:{roman}|[1-4])"
    wnum = rf"(?:\d|{roman}|{_alt(lx['week_ordinals'])})"
    half = _alt(lx["half_counts"])
    halfpos = _alt(lx["half_positions"])
    yr_tail = rf"(?:\s*(?:/|-|,?\s*năm\s+)\s*(?P<y>{_Y}))"
    nodigit = r"(?![\d/]|[.,]\d)"
    atoms = (
        # (name, regex) — the order breaks ties between matches of equal start and length.
        ("dayrange", rf"ngày\s+(?P<d0>\d{{1,2}})\s*(?:-|–|,|và|đến)\s*(?:ngày\s+)?(?P<d>\d{{1,2}})\s*(?:/|-|\.|\s+tháng\s+)\s*(?P<m>\d{{1,2}})(?:\s*(?:/|-|\.|,?\s*năm\s+)\s*(?P<y>{_Y}))?{nodigit}"),
        ("date_words", rf"ngày\s+(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}})(?:\s*,?\s*năm\s+(?P<y>{_Y}))?{nodigit}"),
        ("date_ngay", rf"ngày\s+(?P<d>\d{{1,2}})\s*(?P<s>[/.\-])\s*(?P<m>\d{{1,2}})(?:\s*(?P=s)\s*(?P<y>{_Y}|\d\d))?{nodigit}"),
        ("date_num", rf"(?<![\w/.\-])(?P<d>\d{{1,2}})(?P<s>[/.\-])(?P<m>\d{{1,2}})(?P=s)(?P<y>{_Y})(?![\w/]|[.\-]\d)"),
        ("daymonth_num", r"(?<![\w/.\-])(?P<d>\d{1,2})/(?P<m>\d{1,2})(?![\w/%]|[.,\-]\d)"),
        ("day_monthly", r"ngày\s+(?P<d>\d{1,2})\s+(?:của\s+)?(?:hằng|hàng|mỗi|các)\s+tháng(?!\w)"),
        ("day_of_period", rf"ngày\s+(?P<d>\d{{1,2}})\s+(?:của\s+)?(?P<per>{_alt(lx['period_day_anchors'])})(?!\w)"),
        ("day_only", r"ngày\s+(?P<d>\d{1,2})(?!\s*(?:[/.\-]\s*\d|tháng|\d|ngày|giờ|lần|của))(?!\w)"),
        ("week", rf"tuần\s+(?:thứ\s+)?(?P<w>{wnum})\s*,?\s*(?:của\s+)?tháng\s+(?P<m>\d{{1,2}}){yr_tail}?{nodigit}"),
        ("half", rf"(?:(?:{half})\s+tháng|nửa)\s+(?P<h>{halfpos})\s+năm(?:\s+(?P<y>{_Y}))?(?!\w)"),
        ("quarter_multi", rf"(?:{quarter})\s+(?P<q0>{qnum})\s*(?P<j>,|và|-|–|đến)\s*(?P<q1>(?:{quarter})\s+)?(?P<q>{qnum})(?!\w){yr_tail}?{nodigit}"),
        ("quarter", rf"(?:{quarter})\s+(?P<q>{qnum})(?!\w){yr_tail}?{nodigit}"),
        ("month_multi", rf"tháng\s+(?P<m0>\d{{1,2}})\s*(?P<j>-|–|,|và|đến)\s*(?P<q1>tháng\s+)?(?P<m>\d{{1,2}})(?!\d)(?:\s*(?:/|-|,?\s*năm\s+)\s*(?P<y>{_Y}))?{nodigit}"),
        ("month", rf"tháng\s+(?P<m>\d{{1,2}})(?:\s*(?:/|-|\.|,?\s*năm\s+)\s*(?P<y>{_Y}))?{nodigit}"),
        ("year_end", r"cuối\s+năm(?!\s+(?:\d|học|tài|nay|trước|ngoái|sau|qua))(?!\w)"),
        ("year_range", rf"năm\s+(?P<y0>{_Y})\s*(?:-|–|đến(?:\s+năm)?)\s*(?P<y>{_Y})(?![\d/])"),
        ("year", rf"năm\s+(?P<y>{_Y})(?![\d/])"),
        # "đến hết giai đoạn 2021 - 2025": the end of a named period as a completion time (accepted only so).
        ("period_end", rf"(?:{_alt(lx['period_end_heads'])})\s+(?P<y0>{_Y})\s*[-–]\s*(?P<y>{_Y})(?![\w/])"),
        ("bare_year_range", rf"(?<![\w/.\-])(?P<y0>{_Y})\s*[-–]\s*(?P<y>{_Y})(?![\w/])"),
        ("bare_year", rf"(?<![\w/.\-,])(?P<y>{_Y})(?![\w/%]|[.,]\d)"),
    )
    tr = lx["triggers"]
    trigger = re.compile(
        rf"(?:(?P<comp>{_alt(tr['completion'])})\s+)?(?:(?P<prep>{_alt(tr['strong'] + tr['weak'])})\s+)?"
        # a clock time between the trigger and the date: "trước 16 giờ 00 ngày 30/6/2024", "trước 17h00 ngày ..."
        r"(?:\d{1,2}\s*(?:giờ|h|g)(?:\s*\d{1,2}(?:\s*phút|')?)?\s*,?\s+)?"
        rf"(?:(?P<pos>{_alt(tr['position'])})\s+)?$", _FLAGS)
    types = _alt(lx["citation_types"])
    date_any = r"(?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}|\d{1,2}\s+tháng\s+\d{1,2}\s*,?\s*năm\s+\d{4})"
    symbol = r"(?<![\w/])\d{1,5}(?:/\d{4})?[/\-][A-ZĐ][\w&.\-]*(?:/[A-ZĐ][\w&.\-]*)*"
    citation = re.compile(
        rf"(?:(?:{types})\s+(?:số\s*:?\s*)?|số\s*:?\s*)?{symbol}(?:\s*,?\s*(?:ban\s+hành\s+)?(?:ngày|ngày)\s+{date_any})?", re.I)
    # A cited document without a symbol, named with a capital ("Công văn ngày 15/3/2024 của UBND
    # tỉnh"); "báo cáo trước ngày ..." is a duty, not a document.
    cap_types = _alt([w[:1].upper() + w[1:] for w in lx["citation_types"]])
    citation_date = re.compile(rf"(?<!\w)(?:{cap_types})\s+(?:số\s*:?\s*)?ngày\s+{date_any}")
    place_date = re.compile(r"^[^\n,:;]{1,60},\s*ngày\s+[\d\s.…_/]*tháng\s+[\d\s.…_]*năm\s+\d{4}\s*\.?\s*$", re.I | re.M)
    not_compound = "".join(rf"(?<!{re.escape(w)}\s)" for w in lx["period_word_blockers"] + lx["period_end_words"])
    period = re.compile(rf"(?<!\w){not_compound}(?:{_alt(lx['period_words'])})\s+(?:[^\s|]+\s+)?\(?\s*{_Y}\s*[-–]\s*{_Y}\)?"
                        r"(?!\s*,?\s+và\s+(?:các|những)\s+năm\s+tiếp\s+theo)", re.I)
    horizon = re.compile(rf"(?:{_alt(lx['horizon_words'])})\s+(?:\S+\s+){{0,2}}$", re.I)
    baseline_before = re.compile(rf"(?:{_alt(lx['baseline_before'])})\s+(?:\S+\s+){{0,2}}$", re.I)
    baseline_after = re.compile(rf"^\s*(?:{_alt(lx['baseline_after'])})(?!\w)", re.I)
    scope_head = re.compile(rf"(?:{_alt(lx['scope_heads'])})(?:\s+[^\s,;.:()]+){{0,2}}\s+$", re.I)
    rec_head = re.compile(rf"(?<!\w)(?:{_alt(lx['recurrence_noun_heads'])})(?!\w)", re.I)
    rec_neg = re.compile(rf"(?:{_alt(lx['recurrence_negative_before'])})\s+(?:định\s+kỳ\s+)?$", re.I)
    periodic_neg = re.compile(rf"(?:{_alt(lx['periodic_negative_before'])})\s+$", re.I)
    cont_neg_before = re.compile(rf"(?<!\w)(?:{_alt(lx['continuous_negative_before'])})(?:\s+[^\s,;.:()]+){{0,2}}\s*,?\s*$", re.I)
    cont_neg_after = re.compile(rf"^\s*(?:{_alt(lx['continuous_negative_after'])})(?!\w)", re.I)
    clock_verbs = re.compile(rf"(?<!\w)(?:{_alt(lx['round_the_clock_verbs'])})(?!\w)", re.I)
    purpose = re.compile(rf"^\s*(?:{_alt(lx['purpose_headings'])})(?!\w)", re.I)
    plan_name = re.compile(rf"(?<!\w)(?:{_alt([w.capitalize() for w in lx['plan_names']])})(?!\w)")
    guidance = re.compile(rf"(?<!\w)(?:{_alt(lx['guidance_verbs'])})(?!\w)", re.I)
    ban = re.compile(rf"(?<!\w)(?:{_alt(lx['ban_words'])})(?!\w)", re.I)
    weekday = _alt(lx["weekdays"])
    phrases = []
    for rule in load_jsonl(*PATTERNS):
        rx = re.compile(rule["regex"].replace("{WEEKDAY}", weekday), _FLAGS)
        neg = re.compile(rf"(?:{_alt(rule['negative_before'])})\s+$", re.I) if rule.get("negative_before") else None
        phrases.append((rule, rx, neg))
    rec_neg_exception = re.compile(rf"(?:{_alt(lx['recurrence_negative_exceptions'])})\s+$", re.I)
    range_non_event = re.compile(rf"(?:{_alt(lx['range_non_event_heads'])})(?!\w)", re.I)
    named_day = re.compile(rf"(?<!\w)(?:{_alt(lx['named_day_heads'])})\s+[{VI_UPPER}][^\W\d_]*(?:\s+[^\W\d_]+){{0,8}}\s*\(?\s*$")
    report_before = re.compile(rf"(?<!\w)(?:{_alt(lx['report_nouns'])})(?:\s+[^\W\d_]+){{0,2}}\s+$", re.I)
    dash_fold = str.maketrans({c: "-" for c in lx["dashes"]})
    cont_name = re.compile(rf"(?<!\w)(?:{_alt(lx['continuous_names'])})\s+$", re.I)
    during_condition = re.compile(rf"[^;.\n]{{0,60}}?(?<!\w)(?:{_alt(lx['during_conditions'])})(?!\w)", re.I)
    during_noun = re.compile(rf"(?<!\w)(?:{_alt(lx['during_noun_before'])})(?:\s+[^\s,;.:()]+){{0,4}}\s+$", re.I)
    breakdown = re.compile(rf"(?<!\w)(?:{_alt(lx['breakdown_words'])})(?:\s+[^\s,;.:()]+){{0,3}}\s+$", re.I)
    occasion_before = re.compile(rf"(?<!\w)(?:{_alt(lx['occasion_words'])})\s+$", re.I)
    return _Rx(tuple((n, re.compile(p, _FLAGS)) for n, p in atoms), trigger, citation, citation_date, place_date,
               period, horizon, baseline_before, baseline_after, scope_head, rec_head, rec_neg, periodic_neg,
               cont_neg_before, cont_neg_after, clock_verbs, purpose, plan_name, guidance, ban, tuple(phrases),
               rec_neg_exception, range_non_event, named_day, report_before, dash_fold, cont_name, during_condition,
               during_noun, breakdown, occasion_before)


# ---------------------------------------------------------------------------------------------
# candidates

@dataclass
class _Cand:
    start: int  # text start (trigger included)
    end: int
    core: int  # start of the time itself
    kind: str
    rule: str
    y: int | None = None
    m: int | None = None
    d: int | None = None
    q: int | None = None
    h: int | None = None
    w: int | str | None = None
    value: str | None = None  # fixed value (phrases, anchored recurrences)
    prep: str = ""
    comp: str = ""
    pos: str = ""
    start_of: "_Cand | None" = None  # the start of a range
    recurrence: str | None = None
    year_inferred: bool = False
    absorbed: bool = False
    context: str = ""  # schedule | field | cell
    phrase: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def strong(self) -> bool:
        return bool(self.prep) and _fold(self.prep) in _strong_set()

    @property
    def triggered(self) -> bool:
        return bool(self.prep or self.comp or self.pos)


@lru_cache(maxsize=1)
def _strong_set() -> frozenset:
    return frozenset(_fold(w) for w in lexicon()["triggers"]["strong"])


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


def _roman_or_int(s: str) -> int | None:
    lx = lexicon()
    s = s.strip()
    if s.upper() in lx["roman"]:
        return lx["roman"][s.upper()]
    if s.isdigit():
        return int(s)
    return None


def _atoms(text: str) -> list[_Cand]:
    rx = regexes()
    found = []
    for prio, (name, pat) in enumerate(rx.atoms):
        for m in pat.finditer(text):
            c = _atom(name, m)
            if c is not None:
                found.append((m.start(), -(m.end() - m.start()), prio, c))
    found.sort(key=lambda t: t[:3])
    out, taken_end = [], -1
    for s, _neg, _p, c in found:
        if s >= taken_end:
            out.extend(_split_pair(c))
            taken_end = c.end
    return out


def _split_pair(c: _Cand) -> list[_Cand]:
    """ "quý II và quý III/2024", "tháng 6, tháng 7/2024": two times, annotated separately (a dash
    or "đến" makes a range, kept whole). The year written once at the end belongs to both."""
    split = c.extra.pop("split", None)
    if split is None or c.start_of is None:
        return [c]
    first_end, second_start = split
    a = c.start_of
    first = _Cand(c.start, first_end, c.start, a.kind, a.rule, y=c.y, m=a.m, q=a.q)
    c.start_of = None
    c.start = c.core = second_start
    return [first, c]


def _atom(name: str, m: re.Match) -> _Cand | None:
    g = m.groupdict()
    y = int(g["y"]) if g.get("y") else None
    if y is not None and y < 100:
        y += 2000
    c = _Cand(m.start(), m.end(), m.start(), "", name, y=y)
    if name in ("dayrange", "date_words", "date_ngay", "date_num", "daymonth_num"):
        d, mo = int(g["d"]), int(g["m"])
        if not (1 <= d <= 31 and 1 <= mo <= 12):
            return None
        c.kind, c.d, c.m = "date", d, mo
        if name == "dayrange":
            d0 = int(g["d0"])
            if not (1 <= d0 <= 31) or d0 >= d:
                return None
            c.start_of = _Cand(m.start(), m.start(), m.start(), "date", name, y=y, m=mo, d=d0)
    elif name == "day_monthly":
        d = int(g["d"])
        if not 1 <= d <= 31:
            return None
        c.kind, c.value, c.recurrence = "recurring", f"R/P1M/---{d:02d}", "P1M"
    elif name == "day_of_period":
        d = int(g["d"])
        if not 1 <= d <= 31:
            return None
        period = lexicon()["period_day_anchors"][re.sub(r"\s+", " ", g["per"].lower())]
        # "---DD" is a day of every month: it anchors a monthly period only. "trước ngày 25 tháng cuối
        # mỗi quý" recurs quarterly with no day-of-month anchor → R/P3M.
        c.kind, c.recurrence = "recurring", period
        c.value = f"R/{period}/---{d:02d}" if period == "P1M" else f"R/{period}"
        c.extra["anchor"] = True
    elif name == "day_only":
        d = int(g["d"])
        if not 1 <= d <= 31:
            return None
        c.kind, c.d = "day", d
    elif name == "week":
        mo = int(g["m"])
        if not 1 <= mo <= 12:
            return None
        w = g["w"].strip().lower()
        n = _roman_or_int(g["w"]) if _roman_or_int(g["w"]) else lexicon()["week_ordinals"].get(re.sub(r"\s+", " ", w))
        if n is None or (isinstance(n, int) and not 1 <= n <= 5):
            return None
        c.kind, c.m, c.w = "week", mo, n
    elif name == "half":
        c.kind, c.h = "half", lexicon()["half_positions"][g["h"].lower()]
    elif name in ("quarter", "quarter_multi"):
        q = _roman_or_int(g["q"])
        if q is None or not 1 <= q <= 4:
            return None
        c.kind, c.q = "quarter", q
        if name == "quarter_multi":
            q0 = _roman_or_int(g["q0"])
            if q0 is None or not 1 <= q0 < q:
                return None
            c.start_of = _Cand(m.start(), m.start(), m.start(), "quarter", name, y=y, q=q0)
            if g["j"] in ("và", ","):
                c.extra["split"] = (m.end("q0"), m.start("q1") if g.get("q1") else m.start("q"))
    elif name in ("month", "month_multi"):
        mo = int(g["m"])
        if not 1 <= mo <= 12:
            return None
        c.kind, c.m = "month", mo
        if name == "month_multi":
            m0 = int(g["m0"])
            if not 1 <= m0 < mo:
                return None
            c.start_of = _Cand(m.start(), m.start(), m.start(), "month", name, y=y, m=m0)
            if g["j"] in ("và", ","):
                c.extra["split"] = (m.end("m0"), m.start("q1") if g.get("q1") else m.start("m"))
    elif name == "year_end":
        c.kind = "year"
        c.pos = "cuối"
    elif name in ("year", "bare_year"):
        c.kind = "year"
    elif name in ("year_range", "bare_year_range", "period_end"):
        y0 = int(g["y0"])
        if y0 >= (y or 0):
            return None
        c.kind = "year"
        c.start_of = _Cand(m.start(), m.start(), m.start(), "year", name, y=y0)
    return c


# ---------------------------------------------------------------------------------------------
# document context

@dataclass
class _Doc:
    text: str
    layout: Layout
    meta: DocumentMeta
    plan_year: int | None
    ref_year: int | None  # times before this year are history
    blocked: list[tuple[int, int]]  # citations, quotes, the place-date line, period names
    blocked_starts: list[int]
    tables: dict[int, tuple] = field(default_factory=dict)
    # Phrases are not blocked by period names: "ngay từ đầu năm học 2024 - 2025" holds one.
    phrase_blocked: list[tuple[int, int]] = field(default_factory=list)
    phrase_blocked_starts: list[int] = field(default_factory=list)

    def is_blocked(self, s: int, e: int) -> bool:
        return _overlaps(self.blocked, self.blocked_starts, s, e)

    def is_phrase_blocked(self, s: int, e: int) -> bool:
        return _overlaps(self.phrase_blocked, self.phrase_blocked_starts, s, e)


def _overlaps(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    # `spans` is disjoint and sorted, so only the span starting at or before e can overlap.
    i = bisect.bisect_left(starts, e) - 1
    return i >= 0 and spans[i][1] > s


def _plan_year(text: str, layout: Layout, meta: DocumentMeta) -> tuple[int | None, int | None]:
    """(plan year, year of the document) — meta.year, else the most frequent year of the title/first lines."""
    lines = layout.lines
    head_idx = layout.title_line if layout.title_line is not None else 0
    title = []
    for ln in lines[head_idx + 1: head_idx + 4]:
        t = ln.text.strip()
        # The first line is the title ("Triển khai ..." included); later ones may open the preamble.
        if not t or ln.start >= layout.body_start or (title and (
                re.match(r"(?:Căn cứ|Thực hiện|Triển khai|Để|Theo|Nhằm)\b", t) or title[-1].endswith((";", ".", ":")))):
            break
        title.append(t)
    title_years = [int(y) for y in re.findall(r"(?<![\d/])(20\d\d|2100)(?![\d/])", " ".join(title))]
    doc_year = None
    m = regexes().place_date.search(text[: layout.body_start or len(text)])
    if m:
        ym = re.search(r"năm\s+(\d{4})", m.group(0))
        doc_year = int(ym.group(1)) if ym else None
    if meta.year:
        # A plan issued in December for the next year is that year's plan.
        if title_years and Counter(title_years).most_common(1)[0][0] == meta.year + 1:
            return meta.year + 1, meta.year
        return meta.year, meta.year
    head = " ".join(title + [ln.text for ln in lines[:15]])
    # Cited documents' dates and period names ("giai đoạn 2021 - 2025") are not the plan's year.
    head = regexes().period.sub(" ", regexes().citation.sub(" ", head))
    years = [int(y) for y in re.findall(r"(?<![\d/])(20\d\d|2100)(?![\d/])", head)]
    if not years:
        return doc_year, doc_year
    best = Counter(years).most_common(1)[0][0]
    return best, doc_year or best


def _blocked_spans(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(spans no time may overlap, the same without period names — for phrases)."""
    rx = regexes()
    spans = [m.span() for m in rx.citation.finditer(text) if re.search(r"\d/|\d-[A-ZĐ]", m.group(0))]
    spans += [m.span() for m in rx.citation_date.finditer(text)]
    spans += [m.span() for m in rx.place_date.finditer(text)]
    # Names in quotes (campaigns, programmes: “Ngày chủ nhật xanh”) carry no deadlines.
    for m in re.finditer(r"“[^”\n]{1,250}”|\"[^\"\n]{1,250}\"", text):
        spans.append(m.span())
    periods = [m.span() for m in rx.period.finditer(text)]
    return _merge(spans + periods), _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _table_cells(text: str, layout: Layout) -> dict[int, tuple]:
    """line start → (cells [(start, end)], index of the time column or None) for table rows."""
    out: dict[int, tuple] = {}
    header_time_col = None
    prev_table = False
    for ln in layout.lines:
        if " | " not in ln.text and not ln.text.startswith("| "):
            prev_table = False
            continue
        cells, pos = [], ln.start
        for part in ln.text.split("|"):
            cells.append((pos, pos + len(part)))
            pos += len(part) + 1
        if not prev_table:
            header_time_col = None
            for i, (s, e) in enumerate(cells):
                if re.search(r"thời\s+(?:gian|hạn|điểm)|tiến\s+độ", text[s:e], re.I):
                    header_time_col = i
                    break
        out[ln.start] = (cells, header_time_col)
        prev_table = True
    return out


# ---------------------------------------------------------------------------------------------
# building candidates

def _attach_trigger(c: _Cand, text: str, line_start: int) -> None:
    before = text[max(line_start, c.start - 60): c.start]
    m = regexes().trigger.search(before)
    if m and m.group(0).strip():
        c.comp = m.group("comp") or ""
        c.prep = m.group("prep") or ""
        c.pos = (m.group("pos") or "") or c.pos
        c.start = c.start - len(before) + m.start()


def _combine_ranges(atoms: list[_Cand], text: str) -> list[_Cand]:
    """"từ A đến B", "A - B" → one candidate with the end's kind/value and the start kept."""
    out: list[_Cand] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        if b is not None and a.start_of is None and a.kind in ("date", "month", "quarter", "year", "week", "half", "day") \
                and b.kind in ("date", "month", "quarter", "year", "week", "half"):
            gap = text[a.end:b.core]
            from_before = re.search(r"(?<!\w)từ\s+(?:(?:cuối|đầu|giữa)\s+)?$", text[max(0, a.core - 20):a.core], re.I)
            dash = re.fullmatch(r"\s*[-–]\s*", gap)
            upto = re.fullmatch(r"\s*,?\s*(?:đến|tới)(?:\s+hết)?(?:\s+(?:cuối|đầu|giữa))?\s*", gap, re.I)
            same = a.kind == b.kind or {a.kind, b.kind} <= {"date", "month"}
            if a.kind == "day":
                # "từ ngày 10 đến ngày 20/5/2024": the start borrows the end's month and year.
                same = b.kind == "date" and a.d < b.d
                if same and (upto or dash):
                    a.kind, a.m = "date", b.m
            if (upto and (from_before or same)) or (dash and same and a.kind != "year"):
                if a.y is None and b.y is not None:
                    a.y = b.y
                b.start_of = a
                b.start = a.start
                b.core = a.start
                out.append(b)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _line_prefix(text: str, layout: Layout, pos: int) -> tuple[int, str]:
    ln = layout.line_at(pos)
    return ln.start, text[ln.start:pos]


_SCHEDULE_LEAD = re.compile(r"^\s*(?:[-+*•–]\s*|\d+(?:\.\d+)*\s*[.)]\s*|[a-zđ]\s*\)\s*|[IVX]+\s*[.)]\s*)?(?:\(?\s*)?$", re.I)
_FIELD_LEAD = re.compile(r"^\s*(?:[-+*•–]\s*|\d+(?:\.\d+)*\.\s*|[a-zđ]\)\s*)?(?:thời\s+(?:gian|hạn|điểm)|tiến\s+độ|hạn\s+chót)"
                         r"[^:|]{0,50}:\s*", re.I)
# A section that is only a time heading ("IV. THỜI GIAN THỰC HIỆN"): a time opening one of its lines is its value.
_TIME_HEADING = re.compile(r"\s*(?:thời\s+(?:gian|hạn|điểm)|tiến\s+độ)(?:\s+(?:thực\s+hiện|hoàn\s+thành|triển\s+khai|tổ\s+chức))?"
                           r"\s*:?\s*$", re.I)


def _context(c: _Cand, doc: _Doc) -> str:
    text, layout = doc.text, doc.layout
    ls, before = _line_prefix(text, layout, c.start)
    row = doc.tables.get(ls)
    if row:
        cells, tcol = row
        for i, (s, e) in enumerate(cells):
            if s <= c.start < e:
                if tcol is not None and i == tcol:
                    return "cell"
                # Other cells follow the running-text rules: a bare "Năm 2025" there is a column
                # header of a numeric table (table_deadlines, outside the headline).
                return ""
    after = text[c.end: c.end + 3]
    # "Năm 2024: ...; năm 2025: ..." — a schedule entry may open a clause after a semicolon.
    lead = re.split(r";\s*|\.\s+(?=[A-ZĐ])", before)[-1]
    if _SCHEDULE_LEAD.match(lead) and re.match(r"\s*\)?\s*:", after):
        return "schedule"
    fm = _FIELD_LEAD.match(before)
    if fm and re.fullmatch(r"[^,.;]{0,30}", before[fm.end():]):
        return "field"
    sec = layout.section_at(c.start)
    if sec is not None and ls > sec.start and _TIME_HEADING.match(sec.heading or "") and _SCHEDULE_LEAD.match(before):
        return "field"
    return ""


def _time_candidates(text: str, doc: _Doc) -> list[_Cand]:
    atoms = [a for a in _atoms(text) if not doc.is_blocked(a.core, a.end)]
    for a in atoms:
        _attach_trigger(a, text, doc.layout.line_at(a.start).start)
    cands = _combine_ranges(atoms, text)
    for c in cands:
        # "trước ngày 31/3 năm sau": the year after the plan's.
        m = re.match(r"\s+(?:của\s+)?năm\s+(?:sau|tiếp\s+theo|kế\s+tiếp)(?!\w)", text[c.end:c.end + 25], re.I)
        if m and c.y is None and c.kind in ("date", "month", "quarter", "half", "week") and doc.plan_year:
            c.y = doc.plan_year + 1
            c.end += m.end()
            c.extra["next_year"] = True
        # "từ nay đến hết năm 2024": the whole span is the text; the start is "now".
        m = re.search(r"(?<!\w)từ\s+(?:nay|bây\s+giờ|thời\s+điểm\s+này)\s*$", text[max(0, c.start - 30):c.start], re.I)
        if m and c.start_of is None and _fold(c.prep).startswith(("đến", "tới")):
            c.start -= len(text[max(0, c.start - 30):c.start]) - m.start()
        _range_to_event(c, text)
        # "Quý IV/2024 và các năm tiếp theo": open-ended from that time on → CONT.
        m = _OPEN_ENDED.match(text, c.end)
        if m and c.kind in ("date", "month", "quarter", "half", "year", "week"):
            c.kind, c.value, c.end = "continuous", "CONT", m.end()
        c.context = _context(c, doc)
    return cands


_OPEN_ENDED = re.compile(r"\s*,?\s+và\s+(?:các|những)\s+năm\s+(?:tiếp\s+theo|sau)(?!\w)", re.I)


def _range_to_event(c: _Cand, text: str) -> None:
    """"từ tháng 12/2025 đến ngày bầu cử": a range whose end is an event is REL, the whole range its text.

    A range that ends in a time was already joined (_combine_ranges); "đến nay" and "đến hết năm"
    are not events.
    """
    if c.start_of is not None or _fold(c.prep) != "từ" \
            or c.kind not in ("date", "month", "quarter", "year", "week", "half"):
        return
    m = re.match(r"\s*,?\s*(?:đến|tới)\s+(?:khi\s+)?", text[c.end:c.end + 16], re.I)
    if not m:
        return
    ev = c.end + m.end()
    if regexes().range_non_event.match(text, ev) or not re.match(r"[^\W\d_]", text[ev:ev + 1]):
        return
    end = _clause_end(text, ev)
    if end - ev < 3:
        return
    c.kind, c.value, c.end = "relative", "REL", ev + len(text[ev:end].rstrip(" ,"))


@lru_cache(maxsize=1)
def _event_stops() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    lx = lexicon()
    return (re.compile(rf"\s(?:{_alt(lx['event_stop_words'])})(?!\w)", re.I),
            re.compile(rf"(?:^|\s)(?:{_alt(lx['event_nouns'])})$", re.I),
            re.compile(rf"\s(?:{_alt(lx['event_noun_stop'])})(?!\w)", re.I))


def _clause_end(text: str, pos: int, trigger: str = "", limit_words: int = 12) -> int:
    """End of an event phrase: the clause's punctuation, the main verb, or a new subject."""
    m = re.compile(r"[,;.:()\n“”\"|]|\s+-\s").search(text, pos)
    end = m.start() if m else len(text)
    verb, noun_trigger, noun_stop = _event_stops()
    m = verb.search(text, pos, end)
    if m:
        end = m.start()
    if noun_trigger.search(trigger):
        m = noun_stop.search(text, pos, end)
        if m:
            end = m.start()
    words = list(re.finditer(r"\S+", text[pos:end]))
    if len(words) > limit_words:
        words = words[:limit_words]
        end = pos + words[-1].end()
    while len(words) > 1 and words[-1].group().lower() in _dangling_tail():
        words.pop()
        end = pos + words[-1].end()
    return end


@lru_cache(maxsize=1)
def _dangling_tail() -> frozenset:
    return frozenset(lexicon()["event_dangling_tail"])


def _phrase_candidates(text: str, doc: _Doc) -> list[_Cand]:
    rx = regexes()
    out = []
    for rule, pat, neg in rx.phrases:
        for m in pat.finditer(text):
            s, e = (m.span("t") if rule.get("group") else m.span())
            if doc.is_phrase_blocked(s, e):
                continue
            ls = doc.layout.line_at(s).start
            before = text[max(ls, s - 60):s]
            if neg is not None and neg.search(before):
                continue
            if not _phrase_ok(rule, m, text, before, s, e):
                continue
            if rule.get("extent") == "clause":
                e = max(e, _clause_end(text, e, text[s:e]))
            value = rule["value"]
            period = None
            if "{period}" in value:
                period = _period(m)
                if period is None:
                    continue
                value = value.replace("{period}", period)
            elif value.startswith("R/"):
                period = value.split("/")[1]
            c = _Cand(s, e, s, rule["kind"], rule["id"], value=value, phrase=True, recurrence=period)
            if rule.get("check") == "field_only":
                # "Theo yêu cầu", "Cả năm" are times only where a time is asked for (a time column, "Thời gian:").
                c.context = _context(c, doc)
                if c.context not in ("cell", "field"):
                    continue
            out.append(c)
    return out


def _period(m: re.Match) -> str | None:
    lx = lexicon()
    g = m.groupdict()
    unit = (g.get("unit") or "").lower()
    n = g.get("n")
    if n:
        n = {"sáu": 6, "ba": 3, "một": 1}.get(n.lower(), None) if not n.isdigit() else int(n)
        if not n:
            return None
    if unit == "quý":
        return f"P{3 * (n or 1)}M"
    base = lx["periods"].get(unit)
    if base is None:
        return None
    if not n or n == 1:
        return base
    if unit == "tháng" and n % 12 == 0:
        return f"P{n // 12}Y"
    return f"P{n}{base[-1]}"


def _phrase_ok(rule: dict, m: re.Match, text: str, before: str, s: int, e: int) -> bool:
    rx = regexes()
    check = rule.get("check")
    clause_before = re.split(r"[;.:()]", before)[-1]
    if rule["kind"] == "relative" and rule["id"] in ("rel_after_event", "rel_before_event", "rel_when", "rel_around_event",
                                                          "rel_during_event"):
        # "hướng dẫn người dân ... khi có triệu chứng", "... rửa tay trước khi ăn": content of guidance;
        # "nghiêm cấm ... khi": a standing ban. A named occasion ("tuyên truyền trước, trong và sau Tết",
        # "vận động trẻ ra lớp trước ngày khai giảng") times the campaign itself.
        occasion = rule["id"] == "rel_around_event" or (
            rule["id"] == "rel_before_event" and not re.search(r"(?i:khi)$", m.group(0)))
        if (not occasion and rx.guidance.search(clause_before.split(",")[-1])) or rx.ban.search(clause_before):
            return False
    if check == "continuous":
        if rx.cont_neg_before.search(before[-40:]) or rx.cont_neg_after.match(text[e:e + 30]) \
                or rx.cont_name.search(before[-30:]):
            return False
    elif check == "during":
        if rx.cont_neg_before.search(before[-40:]):
            return False  # "phối hợp chặt chẽ trong quá trình thực hiện" describes the coordination
        # "trong quá trình + activity" times the task; it does not when it frames a condition ("trong quá
        # trình thực hiện, nếu có khó khăn ..."), qualifies a noun ("các vi phạm phát hiện trong quá trình
        # kiểm tra", "sự đồng thuận của người dân trong quá trình ...") or sits in guidance or a ban.
        if rx.during_condition.match(text, e) or rx.during_noun.search(clause_before[-60:]):
            return False
        if rx.guidance.search(clause_before.split(",")[-1]) or rx.ban.search(clause_before):
            return False
    elif check == "round_clock":
        # A duty verb before it, or a table's time cell ("| 24/7 trong thời gian triển khai Kế hoạch").
        if not rx.clock_verbs.search(clause_before[-80:]) and not re.search(r"\|\s*$", before):
            return False
    elif check == "recurrence":
        if rx.rec_neg.search(before[-30:]) and not (
                rx.rec_neg_exception.search(before[-40:]) and not re.match(r"\s+của(?!\w)", text[e:e + 6], re.I)):
            return False
        words = clause_before.split(",")[-1]
        tail = " ".join(words.split()[-14:])
        # "hằng năm" closing a noun phrase headed by kế hoạch/dự toán ("kế hoạch phát triển kinh tế - xã
        # hội hằng năm"), however long; not when a task verb follows the head ("kế hoạch và tổ chức kiểm tra").
        heads = list(rx.rec_head.finditer(tail))
        if heads and not _rec_task_after().search(tail, heads[-1].end()):
            return False
    elif check == "periodic":
        if rx.periodic_neg.search(before[-30:]):
            return False
    elif check == "once_per":
        # "01 lần/năm" alone is a quota (a target); it times a task with "định kỳ" or after a meeting verb.
        if not re.match(r"định", m.group(0), re.I) and not re.search(r"(?:họp|giao\s+ban|kiểm\s+tra|báo\s+cáo)\s+$", before, re.I):
            return False
    elif check == "by_period":
        if m.group("each"):
            # "theo từng quý" is a schedule unless it breaks figures down ("phân bổ chi tiết theo từng tháng").
            if rx.breakdown.search(before[-40:]):
                return False
        elif not (re.search(r"\(\s*$", before) or re.search(r"(?:báo\s+cáo|tổ\s+chức|thực\s+hiện|kiểm\s+tra|họp|tổng\s+hợp|đánh\s+giá)\s+(?:\S+\s+){0,2}$", before, re.I)):
            return False
    return True


@lru_cache(maxsize=1)
def _rec_task_after() -> re.Pattern:
    """A task verb or a new clause between a plan/budget head and "hằng năm": the recurrence times the task."""
    return re.compile(rf"(?<!\w)(?:{_alt(lexicon()['recurrence_task_verbs'])})(?!\w)", re.I)


# ---------------------------------------------------------------------------------------------
# acceptance

def _section_headings(layout: Layout, offset: int) -> list[str]:
    sec = layout.section_at(offset)
    by_path = {s.path: s for s in layout.sections}
    heads = []
    while sec is not None:
        heads.append(sec.heading)
        sec = by_path.get(sec.parent) if sec.parent else None
    return heads


def _in_purpose(layout: Layout, offset: int) -> bool:
    rx = regexes()
    return any(rx.purpose.match(h or "") for h in _section_headings(layout, offset))


def _in_situation(layout: Layout, offset: int) -> bool:
    """Inside a top-level section that reports the situation or past results ("THỰC TRẠNG ...").

    A top heading that mixes both ("II. TÌNH HÌNH VÀ CHỈ TIÊU") leaves it to its subsections: the
    innermost one that says either ("1. Đặc điểm tình hình" / "2. Chỉ tiêu") decides.
    """
    heads = _section_headings(layout, offset)
    if not heads:
        return False
    situation, exempt = _situation_rx()
    top = heads[-1] or ""
    if not situation.match(top):
        return False
    if not exempt.search(top):
        return True
    for h in heads[:-1]:
        if exempt.search(h or ""):
            return False
        if situation.match(h or ""):
            return True
    return False


@lru_cache(maxsize=1)
def _situation_rx() -> tuple[re.Pattern, re.Pattern]:
    lx = lexicon()
    return (re.compile(rf"\s*(?:{_alt(lx['situation_headings'])})(?!\w)", re.I),
            re.compile(rf"(?<!\w)(?:{_alt(lx['situation_exempt'])})(?!\w)", re.I))


def _accept_time(c: _Cand, doc: _Doc) -> bool:
    rx = regexes()
    text = doc.text
    ls = doc.layout.line_at(c.start).start
    before = text[max(ls, c.start - 60):c.start]
    if rx.baseline_before.search(before) or rx.baseline_after.match(text[c.end:c.end + 32]):
        return False
    if rx.horizon.search(before + text[c.start:c.core]):
        return False
    if c.kind == "day":
        return False  # a bare "ngày 20" is only an anchor of a monthly recurrence (handled there)
    if not c.prep and not c.comp and not c.context and rx.occasion_before.search(before):
        return False  # "Cao điểm ... dịp cuối năm": the name of an occasion ("vào dịp ..." is a relative phrase)
    if not c.strong and not c.context and re.match(r"\s*,\s*(?:[^\s,;.:()]+\s+){0,6}?(?:đã|vừa)\s", text[c.end:c.end + 80]):
        return False  # "Trong tháng 3/2024, UBND huyện đã tổ chức ...": a past event of the plan year
    if c.rule == "period_end":
        return c.pos == "cuối" or _fold(c.prep) in ("đến hết", "hết", "chậm nhất đến hết")
    if c.rule in ("bare_year", "bare_year_range"):
        return c.context in ("cell", "schedule", "field")
    if c.kind == "date":
        if c.rule == "daymonth_num" and not (c.strong or c.context or c.extra.get("anchor")):
            return False
        if c.y is not None and not c.triggered and not c.context and re.match(r"\s*,?\s*của\s", text[c.end:c.end + 10]):
            return False  # a cited document's date
        if not c.triggered and not c.context and rx.named_day.search(before):
            return False  # "Ngày Chuyển đổi số quốc gia (ngày 10/10)": the date names the day
        return True
    if c.kind in ("month", "quarter", "half") and not c.triggered and not c.context \
            and rx.report_before.search(before) and _dated_later_in_clause(text, c.end):
        return False  # "báo cáo sơ kết 6 tháng đầu năm 2024 trước ngày 15/6/2024": the report's period
    if c.kind == "month":
        return c.y is not None or c.triggered or bool(c.context)
    if c.kind == "quarter" and c.y is None and not c.triggered and not c.context \
            and re.search(r"(?:báo\s+cáo|số\s+liệu|kết\s+quả)\s+$", before, re.I):
        return False  # "Báo cáo Quý I trước ngày 15/3": the period a report covers, timed by the date
    if c.kind in ("week", "quarter", "half"):
        return True
    if c.kind == "year":
        if c.context:
            return True
        if not c.triggered:
            return False
        prep = _fold(c.prep)
        if c.rule == "year_end":
            return True
        if prep in ("trong", "vào", "ngay trong", "trong suốt", "trong cả", "dự kiến") and not c.comp and not c.pos:
            # "trong năm 2024" in purposes and after a scope noun names the plan's scope.
            if _in_purpose(doc.layout, c.start):
                return False
            if rx.scope_head.search(text[max(ls, c.start - 40):c.start]):
                return False
            if re.match(r"\s*(?:và|,)\s*giai\s+đoạn", text[c.end:c.end + 20], re.I):
                return False
        if prep in ("đến", "tới", "đến hết") and _named_plan_before(text, ls, c.start):
            return False
        return True
    return False


_DATED_AFTER = re.compile(r"[^;.\n]{0,40}?(?<!\w)(?:trước|chậm\s+nhất|hạn\s+chót)\s+(?:là\s+)?(?:ngày\s+)?"
                          r"\d{1,2}\s*(?:/|-|\.|\s+tháng\s+)\s*\d{1,2}", re.I)


_WHOLE_YEAR_BEFORE = re.compile(r"(?<!\w)(?:trong\s+)?(?:cả|suốt|quanh)\s+$", re.I)


def _whole_year(c: _Cand, text: str, doc: _Doc) -> None:
    """"trong suốt năm 2025", "Thời gian: cả năm 2025": the task runs through that year → CONT/2025,
    as "xuyên suốt trong năm 2024" does."""
    if c.kind != "year" or c.start_of is not None or c.rule != "year" or c.y is None or c.pos or c.comp:
        return
    ls = doc.layout.line_at(c.start).start
    m = _WHOLE_YEAR_BEFORE.search(text, max(ls, c.start - 16), c.start)
    if _fold(c.prep) in ("trong suốt", "trong cả") or (not c.prep and m):
        c.kind, c.value = "continuous", f"CONT/{c.y}"
        if m and not c.prep:
            c.start = m.start()


_HALF_AND_YEAR = re.compile(r"\s*(?:,|và|,\s*và)\s+((?:báo\s+cáo\s+)?(?:cả|toàn)\s+năm)(?!\w)(?!\s*(?:học|tài|\d))", re.I)


def _dated_later_in_clause(text: str, pos: int) -> bool:
    return _DATED_AFTER.match(text, pos) is not None


def _named_plan_before(text: str, ls: int, pos: int) -> bool:
    """"Chiến lược phát triển ... đến năm 2030": the horizon of a named document."""
    clause = re.split(r"[,;.:()]", text[ls:pos])[-1]
    words = clause.split()
    return bool(regexes().plan_name.search(" ".join(words[-10:])))


# ---------------------------------------------------------------------------------------------
# values

def _year_for(c: _Cand, doc: _Doc, explicit: list[tuple[int, int]]) -> tuple[int | None, bool]:
    if c.y is not None:
        return c.y, False
    s, e = sentence_bounds(doc.layout, c.core)
    near = [(abs(pos - c.core), y) for pos, y in explicit if s <= pos < e and not (c.start <= pos < c.end)]
    if near:
        return min(near)[1], True
    sec = doc.layout.section_at(c.core)
    if sec is not None:
        inside = [(pos, y) for pos, y in explicit if sec.start <= pos < sec.end and pos < c.core]
        if inside:
            return inside[-1][1], True
    return doc.plan_year, True


def _value(c: _Cand, y: int | None) -> str | None:
    if c.value is not None:
        return c.value
    if c.kind == "year":
        return f"{y:04d}" if y else None
    if y is None:
        return None
    if c.kind == "date":
        return f"{y:04d}-{c.m:02d}-{c.d:02d}"
    if c.kind == "month":
        return f"{y:04d}-{c.m:02d}"
    if c.kind == "week":
        w = c.w
        if w == "last":
            w = (calendar.monthrange(y, c.m)[1] + 6) // 7
        return f"{y:04d}-{c.m:02d}-W{w}"
    if c.kind == "quarter":
        return f"{y:04d}-Q{c.q}"
    if c.kind == "half":
        return f"{y:04d}-H{c.h}"
    return None


def _impossible(c: _Cand, y: int | None) -> bool:
    if c.kind != "date" or y is None:
        return False
    return c.d > calendar.monthrange(y, c.m)[1]


# ---------------------------------------------------------------------------------------------
# reconciling times and phrases

_YEARLY_CONTEXT = re.compile(
    r"(?<!\w)(?:(?:hằng|hàng|mỗi)\s+năm|định\s+kỳ|báo\s+cáo\s+(?:sơ\s+kết\s+|tổng\s+kết\s+)?(?:định\s+kỳ\s+)?(?:6|06|sáu|9|09|chín)\s+tháng"
    r"|báo\s+cáo\s+(?:tổng\s+kết\s+)?năm|báo\s+cáo\s+(?:hằng|hàng)\s+năm"
    # "Báo cáo kết quả thực hiện 6 tháng (trước ngày 10/6) và năm (trước ngày 20/11)": a report period
    # with its fixed date in brackets.
    r"|báo\s+cáo\s+(?:[^\W\d_]+\s+){1,6}?(?:(?:6|06|sáu|9|09|chín)\s+tháng|quý|năm)\s*\(\s*(?:trước|chậm\s+nhất))(?!\w)", re.I)
_PERIODIC_LEAD = re.compile(r"(?<!\w)định\s+kỳ\s*,?\s*$", re.I)
_MONTHLY_CONTEXT = re.compile(r"(?<!\w)(?:hằng|hàng|mỗi)\s+tháng(?!\w)", re.I)


def _reconcile(times: list[_Cand], phrases: list[_Cand], doc: _Doc) -> None:
    text = doc.text
    # CONT + the year it runs through: "Thường xuyên trong năm 2024" → CONT/2024.
    for p in phrases:
        if p.kind != "continuous" or p.rule not in ("cont_regularly", "cont_throughout"):
            continue
        if re.search(r"quá\s+trình|thời\s+gian", text[p.start:p.end], re.I):
            continue
        for t in times:
            if t.absorbed or t.kind != "year" or t.start < p.end:
                continue
            if t.start - p.end > 12 or not re.fullmatch(r"\s*,?\s*", text[p.end:t.start]):
                break
            if _fold(t.prep) not in ("", "trong", "từ", "suốt", "trong suốt", "vào") or t.pos:
                break
            p.end = t.end
            span_years = t.start_of is not None and t.start_of.y != t.y
            p.value = "CONT" if span_years else f"CONT/{t.y}"
            t.absorbed = True
            break
    # Day-month without a year: a yearly/monthly anchor when the paragraph recurs, else a date.
    recurring = [p for p in phrases if p.kind == "recurring"]
    for t in times:
        if t.absorbed or t.kind not in ("date", "day") or t.y is not None:
            continue
        if t.start_of is not None and (t.start_of.y is not None or t.kind == "day"):
            continue
        ln = doc.layout.line_at(t.start)
        line = text[ln.start:ln.end]
        if t.kind == "day":
            if _MONTHLY_CONTEXT.search(line):
                t.kind, t.value, t.recurrence = "recurring", f"R/P1M/---{t.d:02d}", "P1M"
                t.extra["anchor"] = True
                _absorb(recurring, ln, lambda p: p.recurrence in ("P1M", None))
            continue
        if _YEARLY_CONTEXT.search(line):
            t.kind, t.value, t.recurrence = "recurring", f"R/P1Y/--{t.m:02d}-{t.d:02d}", "P1Y"
            t.extra["anchor"] = True
            if t.start_of is not None:
                a = t.start_of
                a.kind, a.value = "recurring", f"R/P1Y/--{a.m:02d}-{a.d:02d}"
            _absorb(recurring, ln, lambda p: p.recurrence in ("P1Y", "P6M", "P3M", None))
            m = re.match(r"\s+(?:(?:hằng|hàng|mỗi)\s+năm)(?!\w)", text[t.end:t.end + 15], re.I)
            if m:
                t.end += m.end()
    # "Hằng tháng ... trước ngày 05 của tháng sau": the day counted from the reported period carries
    # the recurrence; the "hằng tháng"/"định kỳ" of its line are folded in.
    for t in times:
        if t.rule == "day_of_period" and not t.absorbed:
            _absorb(recurring, doc.layout.line_at(t.start), lambda p, per=t.recurrence: p.recurrence in (per, None))
    # "vào tháng 5 hằng năm", "từ tháng 6 đến tháng 11 hằng năm": a month of every year, one entry.
    for t in times:
        if t.absorbed or t.kind not in ("month", "quarter") or t.y is not None:
            continue
        if t.start_of is not None and t.start_of.y is not None:
            continue
        m = re.match(r"\s*,?\s*(?:hằng|hàng|mỗi)\s+năm(?!\w)", text[t.end:t.end + 15], re.I)
        if not m:
            continue
        t.kind, t.recurrence = "recurring", "P1Y"
        t.value = f"R/P1Y/--{t.m:02d}" if t.m else "R/P1Y"
        t.extra["anchor"] = True
        t.end += m.end()
    # "định kỳ trước ngày 25 hằng tháng": a bare "định kỳ" right before an anchored recurrence is part of it.
    for t in times:
        if t.absorbed or t.kind != "recurring":
            continue
        ls = doc.layout.line_at(t.start).start
        m = _PERIODIC_LEAD.search(text, max(ls, t.start - 20), t.start)
        if m:
            t.start = m.start()
    # "định kỳ 6 tháng (trước 15/7/2024)": the bracketed date is the time of that recurrence.
    for p in recurring:
        if p.absorbed:
            continue
        for t in times:
            if t.start >= p.end and re.fullmatch(r"\s*\(\s*", text[p.end:t.start]) and t.kind in ("date", "recurring"):
                p.absorbed = True
                break
    # "Trong thời gian cao điểm (từ ngày 15/12/2024 đến ngày 28/02/2025)", "trước Tết (trước ngày 20/01/2025)":
    # a bracket that dates the event restates its time; the dated time is the one entry.
    for p in phrases:
        if p.kind != "relative" or p.absorbed:
            continue
        m = re.match(r"\s*\(\s*", text[p.end:p.end + 6])
        if m and any(t.start == p.end + m.end() and not t.absorbed and (t.y is not None or t.strong) for t in times):
            p.absorbed = True
    # "Sau ngày bầu cử 15/3/2026": a dated event takes its date.
    for p in phrases:
        if p.kind != "relative":
            continue
        for t in times:
            if t.absorbed or t.core < p.start or t.core >= p.end:
                continue
            if not t.triggered and t.kind == "date" and t.y is not None:
                p.kind, p.value = "date", None
                p.y, p.m, p.d = t.y, t.m, t.d
                p.end = max(p.end, t.end)
                t.absorbed = True
            elif t.kind != "date" and not t.prep and regexes().occasion_before.search(text, p.start, t.start):
                t.absorbed = True  # "vào dịp cuối năm": the time names the occasion, the phrase keeps it
            else:
                p.end = t.start  # the time after the event phrase is its own entry
            break
        p.end = p.start + len(text[p.start:p.end].rstrip(" ,"))


def _absorb(recurring: list[_Cand], ln, ok) -> None:
    for p in recurring:
        if ln.start <= p.start < ln.end and not p.absorbed and ok(p) and p.value in ("R", "R/P1Y", "R/P6M", "R/P3M", "R/P1M"):
            p.absorbed = True


def _resolve_overlaps(cands: list[_Cand]) -> list[_Cand]:
    cands = [c for c in cands if not c.absorbed]
    cands.sort(key=lambda c: (-(c.end - c.start), c.start))
    kept: list[_Cand] = []
    for c in cands:
        if any(k.start < c.end and c.start < k.end for k in kept):
            continue
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


# ---------------------------------------------------------------------------------------------
# records

def _task(c: _Cand, doc: _Doc) -> str:
    text, layout = doc.text, doc.layout
    ln = layout.line_at(c.start)
    row = doc.tables.get(ln.start)
    if row:
        cells = [text[s:e].strip() for s, e in row[0] if not (s <= c.start < e)]
        return _trim(max(cells, key=len) if cells else "")
    if c.context == "schedule":
        colon = text.find(":", c.end, ln.end)
        if colon >= 0 and text[colon + 1:ln.end].strip():
            return _trim(text[colon + 1:ln.end])
    if c.context == "field":
        parents = [it for it in layout.items if it.start < ln.start and it.end >= c.start]
        if parents:
            it = max(parents, key=lambda it: it.start)
            return _trim(text[it.start:it.line_end])
        sec = layout.section_at(c.start)
        if sec is not None:
            return _trim(text[sec.start:sec.line_end])
    s, e = sentence_bounds(layout, c.start)
    return _trim(text[s:e])


def _trim(s: str) -> str:
    s = re.sub(r"^\s*(?:[-+*•–]\s*|[a-zđ]\)\s*|\d+(?:\.\d+)*\.\s*)", "", s.strip())
    s = re.sub(r"\s+", " ", s).strip()
    if len(s) > 300:
        cut = s[:300]
        s = cut[: cut.rfind(" ")] if " " in cut else cut
    return s.rstrip(" ,;")


def find_deadlines(text: str, layout: Layout, meta: DocumentMeta | None = None,
                   warnings: list[Issue] | None = None) -> list[Deadline]:
    meta = meta or DocumentMeta()
    source = text
    # Hyphen variants read as "-" (one character for one, so every offset still indexes `source`).
    text = text.translate(regexes().dash_fold)
    plan_year, doc_year = _plan_year(text, layout, meta)
    blocked, phrase_blocked = _blocked_spans(text)
    doc = _Doc(text, layout, meta, plan_year or doc_year, meta.year or doc_year or plan_year, blocked,
               [s for s, _ in blocked], _table_cells(text, layout), phrase_blocked, [s for s, _ in phrase_blocked])
    times = _time_candidates(text, doc)
    phrases = _resolve_overlaps(_phrase_candidates(text, doc))
    # Years written in the text (for a time without one): from every unfiltered atom.
    explicit = sorted((c.core, c.y) for c in times if c.y is not None)
    _reconcile(times, phrases, doc)
    accepted = []
    for c in times:
        if c.absorbed:
            continue
        if c.kind in ("recurring", "relative", "continuous") or _accept_time(c, doc):
            _whole_year(c, text, doc)
            accepted.append(c)
            # "báo cáo 6 tháng đầu năm và cả năm": the whole year is the second reporting time.
            m = _HALF_AND_YEAR.match(text, c.end) if c.kind == "half" else None
            if m:
                accepted.append(_Cand(m.start(1), m.end(1), m.start(1), "year", "half_and_year", y=c.y))
    last_section = None
    secs_before_end = [s for s in layout.sections if s.start < layout.body_end]
    if secs_before_end:
        last_section = secs_before_end[-1].path
    out: list[Deadline] = []
    source_doc = replace(doc, text=source)  # tasks quoted as written
    prev: tuple[int, str | None] = (-1, None)
    for c in _resolve_overlaps(accepted + phrases):
        in_pre = c.start < layout.body_start
        in_closing = layout.body_end <= c.start < layout.annex_start
        dated = c.kind == "date" or (c.kind == "recurring" and c.extra.get("anchor"))
        if in_pre and not (c.kind == "date" and c.strong):
            continue
        if in_closing and not dated:
            continue
        if layout.body_start <= c.start < layout.body_end and _in_situation(layout, c.start):
            continue
        y, inferred = (c.y, False)
        if c.value is None:
            y, inferred = _year_for(c, doc, explicit)
        value = _value(c, y)
        if value is None:
            continue
        range_start = range_end = None
        if c.start_of is not None:
            sy = c.start_of.y if c.start_of.y is not None else y
            range_start, range_end = _value(c.start_of, sy), value
        if c.kind in ("date", "month", "week", "quarter", "half", "year") and y is not None and doc.ref_year:
            if y < doc.ref_year or y > doc.ref_year + 40:
                continue  # history ("năm 2023 đã đạt") or a far horizon
        if c.kind == "continuous" and re.match(r"CONT/(\d{4})$", value):
            if doc.ref_year and int(value[5:]) < doc.ref_year:
                continue
        # "trước ngày 15/4/2024 (ngày 15 tháng 4 năm 2024)": a bracketed restatement is not a second entry.
        if value == prev[1] and re.fullmatch(r"\s*\(\s*", text[prev[0]:c.start]):
            continue
        prev = (c.end, value)
        if c.phrase and not c.context:
            c.context = _context(c, doc)  # a "Thời gian: Thường xuyên" field governs its parent item
        section = layout.path_at(c.start)
        if in_closing:
            section = last_section
        if _impossible(c, y) and warnings is not None:
            warnings.append(Issue("impossible_date", f"ngày không có thật: {source[c.start:c.end]} → {value}", c.start, c.end))
        recurrence = c.recurrence
        if c.kind == "recurring" and recurrence is None and value.startswith("R/"):
            recurrence = value.split("/")[1]
        out.append(Deadline(
            text=source[c.start:c.end], start=c.start, end=c.end, kind=c.kind, value=value, section=section,
            task=_task(c, source_doc) or None, agencies=(), range_start=range_start, range_end=range_end,
            recurrence=recurrence, year_inferred=bool(inferred and c.kind not in ("recurring", "continuous", "relative")),
            rule=c.rule + (f"+{c.context}" if c.context else ""),
        ))
    return out


@Language.component("kehoach_deadlines")
def deadlines_component(doc):
    if doc._.warnings is None:
        doc._.warnings = []
    # layout.text, not doc.text: spaCy rebuilds doc.text from the tokens on every access
    doc._.deadlines = find_deadlines(doc._.layout.text, doc._.layout, doc._.meta or DocumentMeta(), doc._.warnings)
    set_spans(doc, "deadlines", doc._.deadlines, "kind")
    return doc
