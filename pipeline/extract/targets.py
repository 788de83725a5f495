"""Targets: every quantity a plan commits to reach, keep or mobilize (ANNOTATION.md, "targets").

A number becomes a target in three steps:
1. it is read as a quantity with its unit — a percentage, a ratio (`02/13 xã`), a count with
   its counted noun (`04 thôn`, `16,9 tiêu chí/xã`, `04 lần/năm/xã`), a range (`1-2 tiêu chí`,
   lower bound kept) or a number word with a counted noun (`ít nhất một mô hình`); dates,
   years, document numbers, identifiers (`Tiêu chí số 17`, `thôn 2`), codes glued to letters
   (`5G`, `COVID-19`) and numbers inside quoted names (`“5 không, 3 sạch”`) are not;
2. the clause around it commits the plan: a percentage always does; a count needs a
   comparator cue, a commitment verb, or a target context (horizon "Đến hết năm 2025",
   "Phấn đấu", a "Mục tiêu" section); past results, place facts and descriptors
   ("Đối với 02 xã ...") do not;
3. comparator, indicator, code, deadline and the clause's extent are read from the clause,
   its sentence, the list opener above it and the section headings.

Tables (`cell | cell` rows, as ingest writes docx tables) with one planned-value column give
one target per indicator row; multi-year planned-figure tables are left out (their cells
belong to `table_targets`, which the headline does not score). Word lists live in
models/lexicons/target_cues.yml and target_units.yml, the indicator taxonomy in
models/lexicons/indicators.yml.

`Target.code` holds only ANNOTATION.md's codes (OUTPUT.md fixes that vocabulary); a match
of an extended taxonomy code (health, education, disaster, ...) is appended to
`Target.rule` as ";domain=<code>". `rule` otherwise names the reading that made the
target: pct, ratio, count.cue, count.verb, count.context, count.range, count.quota,
count.mobilized, count.restated, count.coordinated, count.listed, count.part, word, money, table.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz
from spacy.language import Language

from ..normalize import fix_tone_marks
from ..records import DocumentMeta, Issue, Target
from ..resources import load_yaml
from ..segment import Layout

# ----------------------------------------------------------------------------- tokens

# Numbers keep their separators ("1.500", "2,29"); letters form syllables; every other
# character is a token of its own, so "/" of "lần/năm/xã" and "%" stay visible.
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[^\w\s]")


class Tok(NamedTuple):
    # A tuple: a 400 KB plan has some 170 000 tokens and a frozen dataclass costs three times as much to build.
    start: int
    end: int
    text: str
    low: str

    @property
    def isnum(self) -> bool:
        return self.text[0].isdigit()

    @property
    def isword(self) -> bool:
        return self.text[0].isalpha()


def fold(text: str) -> str:
    return fix_tone_marks(unicodedata.normalize("NFC", text)).lower()


# Tokens repeat across a plan; folding each distinct one once keeps tokenizing a 400 KB plan cheap.
_fold_token = lru_cache(maxsize=1 << 16)(fold)


def tokenize(text: str, base: int = 0) -> list[Tok]:
    return [Tok(base + m.start(), base + m.end(), m.group(), _fold_token(m.group())) for m in _TOKEN_RE.finditer(text)]


def phrase(text: str) -> tuple[str, ...]:
    return tuple(t.low for t in tokenize(text))


def _at(lows: list[str] | tuple[str, ...], i: int, ph: tuple[str, ...]) -> bool:
    return i >= 0 and tuple(lows[i:i + len(ph)]) == ph


_GAP = "…"
_GAP_MAX = 4  # tokens a "…" in a cue may stand for ("thôn … văn hóa")


def _find(lows, ph: tuple[str, ...], lo: int = 0, hi: int | None = None) -> int:
    """Index of the first occurrence of `ph` within lows[lo:hi], or -1."""
    hi = len(lows) if hi is None else hi
    if _GAP in ph:
        cut = ph.index(_GAP)
        head, rest = ph[:cut], ph[cut + 1:]
        p = _find(lows, head, lo, hi)
        while p >= 0:
            e = p + len(head)
            q = _find(lows, rest, e, min(hi, e + _GAP_MAX + len(rest)))
            if q >= 0:
                return p
            p = _find(lows, head, p + 1, hi)
        return -1
    n = len(ph)
    for i in range(lo, hi - n + 1):
        if tuple(lows[i:i + n]) == ph:
            # "thôn" of "nông thôn" is not the village noun.
            if ph[0] == "thôn" and i > 0 and lows[i - 1] == "nông":
                continue
            return i
    return -1


def _rfind(lows, ph: tuple[str, ...], lo: int, hi: int) -> int:
    n = len(ph)
    for i in range(hi - n, lo - 1, -1):
        if tuple(lows[i:i + n]) == ph:
            return i
    return -1


# ----------------------------------------------------------------------------- numbers

NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
# "năm" (five) is left out: in a plan it is the word for year far more often than a count.


def parse_number(s: str, percent: bool = False) -> float | None:
    """Vietnamese number forms: decimal comma, thousands dot, leading zeros.

    "18.3" (a dot followed by one or two digits) is a criterion or section number, not a
    quantity, unless a percent sign follows (an English-style decimal).
    """
    if re.fullmatch(r"\d+", s):
        return float(int(s))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        return float(s.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+,\d+", s):
        return float(s.replace(",", "."))
    if percent and re.fullmatch(r"\d+\.\d{1,2}", s):
        return float(s)
    return None


def _is_year(s: str) -> bool:
    return len(s) == 4 and s.isdigit() and 1900 <= int(s) <= 2100


# ----------------------------------------------------------------------------- lexicons

@dataclass(frozen=True)
class _Cue:
    ph: tuple[str, ...]
    cmp: str
    window: int = 0
    flag: str = ""


@dataclass(frozen=True)
class _Lex:
    units: dict  # phrase tuple -> kind
    unit_max: int
    bound: tuple
    after: tuple
    level: tuple
    far: tuple
    maintain: tuple
    floor_neg: tuple
    dat_not_before: frozenset
    commit: tuple
    money_commit: tuple
    funding: tuple
    funding_share: tuple
    commitment_words: tuple
    descriptor: tuple
    identifier: tuple
    hist_clause: tuple
    hist_sentence: tuple
    hist_headings: tuple
    target_headings: tuple
    heads: tuple
    lead_in: tuple
    comma_pairs: tuple
    conditional: tuple
    unit_breakers: frozenset


def _phrases(items) -> tuple:
    return tuple(sorted({phrase(x) for x in items}, key=len, reverse=True))


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    cues = load_yaml("lexicons", "target_cues.yml")
    units_raw = load_yaml("lexicons", "target_units.yml")
    units = {}
    for kind, words in units_raw.items():
        for w in words:
            units.setdefault(phrase(str(w)), kind)

    def cue_list(rows):
        out = []
        for r in rows:
            flag = next((f for f in ("needs_after", "needs_commitment", "pct_only") if r.get(f)), "")
            out.append(_Cue(phrase(r["cue"]), r["cmp"], int(r.get("window", 0)), flag))
        return tuple(sorted(out, key=lambda c: len(c.ph), reverse=True))

    comp = cues["comparators"]
    return _Lex(
        units=units,
        unit_max=max(len(k) for k in units),
        bound=cue_list(comp["bound"]),
        after=cue_list(comp["after"]),
        level=cue_list(comp["level"]),
        far=cue_list(comp["far"]),
        maintain=_phrases(comp["maintain"]),
        floor_neg=_phrases(comp["floor_negations"]),
        dat_not_before=frozenset(fold(x) for x in comp["dat_not_before"]),
        commit=_phrases(cues["commit_verbs"]),
        money_commit=_phrases(cues["money_commit"]),
        funding=_phrases(cues["funding_words"]),
        funding_share=_phrases(cues["funding_share"]),
        commitment_words=_phrases(cues["commitment_words"]),
        descriptor=_phrases(cues["descriptor_before"]),
        identifier=_phrases(cues["identifier_before"]),
        hist_clause=_phrases(cues["historical_clause"]),
        hist_sentence=_phrases(cues["historical_sentence"]),
        hist_headings=_phrases(cues["historical_headings"]),
        target_headings=_phrases(cues["target_headings"]),
        heads=_phrases(cues["indicator_heads"]),
        lead_in=_phrases(cues["lead_in"]),
        comma_pairs=_phrases(cues["comma_pairs"]),
        conditional=_phrases(cues["conditional"]),
        unit_breakers=frozenset(p for p in (phrase(x) for x in cues["unit_breakers"]) if len(p) == 2),
    )


@lru_cache(maxsize=1)
def _lex_extra() -> dict:
    cues = load_yaml("lexicons", "target_cues.yml")
    return {k: _phrases(cues[k]) for k in ("commit_verbs_adjacent", "commit_of_heads", "lead_time_words",
                                             "range_commit_before", "comma_tail_stops", "identifier_not_after")}


# ----------------------------------------------------------------------------- taxonomy

@dataclass(frozen=True)
class Indicator:
    code: str
    scope: str  # guide | extended
    name: str
    unit: str | None
    priority: int
    cues: tuple[str, ...]
    cue_phrases: tuple[tuple[str, ...], ...]
    units: frozenset
    units_per: frozenset
    with_: tuple[tuple[str, ...], ...]
    with_scope: str
    without: tuple[tuple[str, ...], ...]
    fuzzy_cues: tuple[str, ...]  # folded cues long enough for the fuzzy fallback


@lru_cache(maxsize=1)
def taxonomy() -> tuple[Indicator, ...]:
    data = load_yaml("lexicons", "indicators.yml")
    out = []
    for row in data["codes"]:
        cues = tuple(str(c) for c in row.get("cues", []))
        out.append(Indicator(
            code=row["code"], scope=row.get("scope", "extended"), name=row["name"], unit=row.get("unit"),
            priority=int(row.get("priority", 0)), cues=cues, cue_phrases=tuple(phrase(c) for c in cues),
            units=frozenset(fold(u) for u in row.get("units", [])),
            units_per=frozenset(fold(u).split("/")[0] for u in row.get("units_per", [])),
            with_=tuple(phrase(w) for w in row.get("with", [])), with_scope=row.get("with_scope", "clause"),
            without=tuple(phrase(w) for w in row.get("without", [])),
            fuzzy_cues=tuple(c for c in (fold(x) for x in cues) if _GAP not in c and len(c) >= 10),
        ))
    return tuple(out)


GUIDE_CODES = frozenset({
    "ntm_communes", "ntm_advanced_communes", "ntm_model_communes", "ntm_villages", "criteria_per_commune",
    "min_criteria", "poverty_rate", "health_insurance", "clean_water", "waste_collection", "cultural_villages",
    "ocop_products", "income", "digital_admin", "participation",
})


_FUZZY_GATE = 50  # exact evidence for a code of this priority or more is never second-guessed


def _classify(lows: list[str], unit: str | None, sentence: list[str] | None = None) -> Indicator | None:
    """Best indicator for a clause.

    Ranking: a guide code before any extended one; then counted-noun evidence before cue
    phrases; then priority and cue length. When only a generic code (participation) or an
    extended one was found, a cue misspelt in the text ("bảo hiểm y tê") may still win
    through a strict fuzzy match of long cues.
    """
    unit_f = fold(unit) if unit else ""
    head = unit_f.split("/")[0].strip()
    best, best_key = None, None
    vocab = set(lows)

    def has(ph, where=lows, words=vocab) -> bool:
        # Every word of the phrase must occur before the (slower) ordered search is worth running.
        return all(w in words or w == _GAP for w in ph) and _find(where, ph) >= 0

    sentence_vocab = set(sentence) if sentence else vocab
    for ind in taxonomy():
        if any(has(w) for w in ind.without):
            continue
        key = None
        if head and head != "%":
            in_sentence = ind.with_scope == "sentence" and sentence
            scope = (sentence, sentence_vocab) if in_sentence else (lows, vocab)
            # "02 cuộc kiểm tra liên ngành/quý": a frequency of "cuộc" whatever activity follows it.
            if "/" in unit_f and (head in ind.units_per or head.split()[0] in ind.units_per):
                key = (2, ind.priority, len(head))
            elif head in ind.units and (not ind.with_ or any(has(w, *scope) for w in ind.with_)):
                key = (2, ind.priority, len(head))
        if key is None:
            hits = [len(" ".join(c)) for c in ind.cue_phrases if has(c)]
            if hits:
                key = (1, ind.priority, max(hits))
        if key is not None:
            key = (ind.scope == "guide",) + key
            if best_key is None or key > best_key:
                best, best_key = ind, key
    if best is not None and best.scope == "guide" and best.priority >= _FUZZY_GATE:
        return best
    text = " ".join(lows)
    for ind in taxonomy():
        if ind.scope != "guide" or ind.priority < _FUZZY_GATE or any(has(w) for w in ind.without):
            continue
        for c in ind.fuzzy_cues:
            if len(text) >= len(c) and fuzz.partial_ratio(c, text) >= 92:
                key = (True, 1, ind.priority, 0)
                if best_key is None or key > best_key:
                    best, best_key = ind, key
                break
    return best


def classify_indicator(text: str, unit: str | None = None, sentence: str | None = None) -> str | None:
    """The taxonomy code (guide or extended) for an indicator phrase, or None."""
    ind = _classify([t.low for t in tokenize(text)], unit, [t.low for t in tokenize(sentence)] if sentence else None)
    return ind.code if ind else None


# ----------------------------------------------------------------------------- mentions

@dataclass
class _Mention:
    i: int  # first token of the number
    j: int  # token after the mention (number, %, unit)
    value: float
    unit: str | None
    kind: str  # pct | ratio | count (unit kinds refine counts)
    unit_kind: str | None
    unit_start: int | None = None  # token index of the unit
    denominator: float | None = None
    upper: float | None = None
    word: bool = False


class _Line:
    """One paragraph of the document with the token-level facts the rules need."""

    def __init__(self, text: str, start: int, end: int, content_start: int):
        self.raw, self.base = text[start:end], start
        self.toks = tokenize(self.raw, start)
        self.mention_at: set[int] = set()  # first tokens of the quantities read in this line
        self.mention_end: set[int] = set()  # tokens right after them
        self.baseline_at: set[int] = set()  # first tokens of reference values ("từ 5% xuống ...")
        self.fact_at: set[int] = set()  # quantities read and found not to be targets
        self.lows = [t.low for t in self.toks]
        n = len(self.toks)
        self.lo = next((k for k, t in enumerate(self.toks) if t.start >= content_start), n)
        self.match = [-1] * n  # matching bracket / quote index
        self.in_quote = [False] * n
        stack = []
        for k, t in enumerate(self.toks):
            if t.text == "(":
                stack.append(k)
            elif t.text == ")" and stack:
                o = stack.pop()
                self.match[o], self.match[k] = k, o
        q_open = None
        for k, t in enumerate(self.toks):
            if t.text == "“" or (t.text == '"' and q_open is None):
                q_open = k
            elif (t.text == "”" or t.text == '"') and q_open is not None:
                self.match[q_open], self.match[k] = k, q_open
                for x in range(q_open, k + 1):
                    self.in_quote[x] = True
                q_open = None
        # Sentences: ". " (or ! ? …) before an upper-case letter, a digit or a bracket/quote.
        self.sent = [0] * n
        sid = 0
        for k, t in enumerate(self.toks):
            self.sent[k] = sid
            if t.text in ".!?…" and k + 1 < n and not self.in_quote[k]:
                nxt = self.toks[k + 1]
                if nxt.start > t.end and (nxt.text[0].isupper() or nxt.text[0].isdigit() or nxt.text in "(“\"-+"):
                    sid += 1

    def adj(self, a: int, b: int) -> bool:
        return 0 <= a < len(self.toks) and 0 <= b < len(self.toks) and self.toks[a].end == self.toks[b].start

    def sentence(self, k: int) -> tuple[int, int]:
        s = self.sent[k]
        a = k
        while a > self.lo and self.sent[a - 1] == s:
            a -= 1
        b = k
        while b + 1 < len(self.toks) and self.sent[b + 1] == s:
            b += 1
        return a, b + 1


def _unit_at(ln: _Line, k: int) -> tuple[int, int, str] | None:
    """(start, end, kind) of the counted noun at token k, with its "/..." parts."""
    lex = _lex()
    toks, lows = ln.toks, ln.lows
    n = len(toks)
    while k < n and toks[k].text in "“\"'*":
        k += 1
    if k >= n or not toks[k].isword:
        return None
    best = None
    for size in range(min(lex.unit_max, n - k), 0, -1):
        kind = lex.units.get(tuple(lows[k:k + size]))
        # "20 hộ dân tộc thiểu số" counts hộ: "dân" belongs to "dân tộc", not to "hộ dân".
        if kind and not (size > 1 and k + size < n and (lows[k + size - 1], lows[k + size]) in lex.unit_breakers):
            best = (k, k + size, kind)
            break
    if best is None:
        return None
    s, e, kind = best
    if kind == "money" and lows[s] in ("tỷ", "triệu", "nghìn", "ngàn", "vạn") and e - s == 1:
        nxt = _unit_at(ln, e) if e < n and toks[e].isword else None
        if nxt is not None and nxt[0] == e and nxt[2] not in ("money", "time", "qualifier"):
            return s, nxt[1], nxt[2]
    e = _per_parts(ln, e)
    while kind in _ENUMERABLE and e + 1 < n and toks[e].text == "," and not ln.adj(e - 1, e + 1):
        nxt = _lexicon_noun(ln, e + 1)
        if nxt is None or nxt[1] not in _ENUMERABLE:
            break
        e = nxt[0]
    return s, e, kind


_ENUMERABLE = frozenset({"people", "place", "organization"})


def _lexicon_noun(ln: _Line, k: int) -> tuple[int, str] | None:
    """(end, kind) of the longest counted noun starting exactly at token k."""
    lex = _lex()
    for size in range(min(lex.unit_max, len(ln.toks) - k), 0, -1):
        kind = lex.units.get(tuple(ln.lows[k:k + size]))
        if kind:
            return k + size, kind
    return None


def _per_parts(ln: _Line, e: int) -> int:
    """End of the "/..." parts after a unit that ends at e."""
    lex = _lex()
    toks, lows = ln.toks, ln.lows
    n = len(toks)
    # Written without spaces: "tiêu chí/xã", "lần/năm/xã", "bác sĩ/vạn dân".
    while e + 1 < n and toks[e].text == "/" and ln.adj(e - 1, e) and ln.adj(e, e + 1) and toks[e + 1].isword:
        e += 1
        for size in range(min(lex.unit_max, n - e), 0, -1):
            if tuple(lows[e:e + size]) in lex.units or size == 1:
                e += size
                break
        if lows[e - 1] == "vạn" and e < n and lows[e] == "dân":
            e += 1
    if e + 2 < n and toks[e].text == "/" and ln.adj(e - 1, e) and ln.adj(e, e + 1) and toks[e + 1].isnum \
            and toks[e + 2].isword and not _same_group(ln, e, e + 2):
        e += 3  # "100 ca/100.000 dân"; "110 bé trai/100 bé gái" compares two groups, the unit is "bé trai"
    return e


def _same_group(ln: _Line, e: int, k: int) -> bool:
    """The noun at k after "/N" opens like the unit that ends at e ("bé trai/100 bé gái"): two groups compared."""
    x = e - 1
    while x > 0 and not ln.toks[x - 1].isnum and e - x < 5:
        x -= 1
    return x > 0 and ln.toks[x - 1].isnum and ln.lows[x] == ln.lows[k]


def _scan(ln: _Line) -> list[_Mention]:
    out: list[_Mention] = []
    toks = ln.toks
    n = len(toks)
    k = ln.lo
    while k < n:
        t = toks[k]
        if ln.in_quote[k]:
            k += 1
            continue
        if t.isnum:
            m, nxt = _numeric(ln, k)
        elif t.low in NUMBER_WORDS and t.isword:
            m, nxt = _word_number(ln, k), k + 1
        else:
            m, nxt = None, k + 1
        if m is not None:
            out.append(m)
            nxt = max(nxt, m.j)
        k = max(nxt, k + 1)
    return out


def _numeric(ln: _Line, i: int) -> tuple[_Mention | None, int]:
    toks, lows = ln.toks, ln.lows
    n = len(toks)
    # Slash chains: dates (15/7/2024), month/year (10/2024), document numbers (263/QĐ-TTg).
    parts, k = [i], i
    while k + 2 < n and toks[k + 1].text == "/" and ln.adj(k, k + 1) and ln.adj(k + 1, k + 2):
        parts.append(k + 2)
        k += 2
    end = k + 1
    if len(parts) > 1:
        while end < n and ln.adj(end - 1, end) and (toks[end].isword or toks[end].text in "-/&."):
            end += 1  # the rest of a symbol: "/QĐ-TTg", "/2022/NĐ-CP"
        if any(not toks[p].isnum for p in parts) or len(parts) > 2 or end > k + 1:
            return None, end
        a, b = toks[parts[0]].text, toks[parts[1]].text
        if _is_year(b) or (a == "24" and b in ("24", "7")):
            return None, end
        va, vb = parse_number(a), parse_number(b)
        unit = _unit_at(ln, end)
        if va is None or vb is None or unit is None or unit[2] in ("time", "qualifier", "money"):
            return None, end
        return _Mention(i, unit[1], va, _unit_text(ln, unit), "ratio", unit[2], unit[0], denominator=vb), unit[1]
    # Codes glued to letters: 5G, 1A, H5N1, COVID-19, 12-NQ/TU; a glued measure ("10km") is a unit.
    if i + 1 < n and ln.adj(i, i + 1) and toks[i + 1].isword:
        glued = _unit_at(ln, i + 1)
        if glued is None or glued[0] != i + 1 or glued[2] != "measure":
            return None, i + 2
    if i > 0 and ln.adj(i - 1, i) and (toks[i - 1].isword or toks[i - 1].text in "@#/"):
        return None, i + 1  # "H5", "sốt xuất huyết/100.000 dân"
    if i + 2 < n and toks[i + 1].text in "-–" and ln.adj(i, i + 1) and ln.adj(i + 1, i + 2) and toks[i + 2].isword:
        return None, i + 3
    if i > 1 and toks[i - 1].text in "-–" and ln.adj(i - 1, i) and ln.adj(i - 2, i - 1) and toks[i - 2].isword:
        return None, i + 1
    if i + 2 < n and toks[i + 1].text in ":." and ln.adj(i, i + 1) and ln.adj(i + 1, i + 2) and toks[i + 2].isnum:
        return None, i + 3  # 8:30, ISO 9001:2015
    k = i + 1
    if k < n and toks[k].text == "(" and ln.match[k] > k and all(
            lows[x] in NUMBER_WORDS or lows[x] in ("năm", "mươi", "trăm", "nghìn", "lăm", "mốt") for x in range(k + 1, ln.match[k])):
        k = ln.match[k] + 1  # "01 (một) mô hình"
    pct = k < n and toks[k].text == "%"
    value = parse_number(toks[i].text, percent=pct)
    if value is None:
        return None, i + 1
    upper = None
    # Ranges: "1-2 tiêu chí", "95 - 100%", "từ 2 đến 3 xã"; the lower bound is the commitment.
    r = k + 1 if pct else k
    if r + 1 < n and (toks[r].text in "-–" or lows[r] in ("đến", "tới")) and toks[r + 1].isnum \
            and not (r + 2 < n and toks[r + 2].text == "/" and ln.adj(r + 1, r + 2)):
        second = toks[r + 1].text
        v2 = parse_number(second, percent=r + 2 < n and toks[r + 2].text == "%")
        if v2 is not None and v2 > value and not _is_year(second):
            upper, k = v2, r + 2
    if _is_year(toks[i].text) and upper is None:
        unit = _unit_at(ln, i + 1)
        if unit is None or unit[2] in ("time", "qualifier") or (i > 0 and lows[i - 1] in ("năm", "đoạn", "từ", "đến")):
            return None, i + 1
    if k < n and toks[k].text == "%":
        unit_end = k + 1
        while unit_end + 1 < n and toks[unit_end].text == "/" and ln.adj(unit_end - 1, unit_end) \
                and ln.adj(unit_end, unit_end + 1) and toks[unit_end + 1].isword:
            unit_end += 2  # "%/năm" reads as a rate; the unit of a percentage is "%" (ANNOTATION.md)
        return _Mention(i, unit_end, value, "%", "pct", "pct", k, upper=upper), unit_end
    if k + 1 < n and lows[k] == "phần" and lows[k + 1] == "trăm":
        return _Mention(i, k + 2, value, "%", "pct", "pct", k, upper=upper), k + 2
    unit = _unit_at(ln, k)
    if unit is None:
        fb = _fallback_unit(ln, k)
        if fb is None:
            return None, k
        unit = fb
    end, text = unit[1], _unit_text(ln, unit)
    qualified = _qualified_per(ln, unit)
    if qualified is not None:
        end, text = qualified
    return _Mention(i, end, value, text, "count", unit[2], unit[0], upper=upper), end


_PER_KINDS = frozenset({"time", "place"})


def _qualified_per(ln: _Line, unit: tuple[int, int, str]) -> tuple[int, str] | None:
    """"02 đợt tuyên truyền/ấp", "10 lớp tập huấn/năm": the per-part written after the noun's
    qualifier belongs to the unit (đợt/ấp, lớp/năm); the qualifier stays in the indicator."""
    s, e, kind = unit
    toks = ln.toks
    n = len(toks)
    if kind not in ("activity", "product", "other") or (e < n and toks[e].text == "/"):
        return None
    # A period ("/năm", "/học kỳ") may close a longer qualifier than a place ("/ấp") does, function
    # words and joined pairs included ("02 buổi chuyên đề về kỹ năng phòng, chống bạo lực học đường/học kỳ").
    loose = False
    for x in range(e, min(e + 14, n)):
        if not toks[x].isword or ln.lows[x] in _FALLBACK_STOP:
            if (toks[x].isword or _joined_comma(ln, x)) and x - e < 14:
                loose = True
                continue
            return None
        if x + 2 < n and toks[x + 1].text == "/" and ln.adj(x, x + 1) and ln.adj(x + 1, x + 2):
            per = _lexicon_noun(ln, x + 2)
            if per is None or per[1] not in _PER_KINDS or (per[1] != "time" and (x - e >= 3 or loose)):
                return None
            pe = _per_parts(ln, x + 1)
            return pe, _unit_text(ln, unit) + ln_text(ln, x + 1, pe)
    return None


def ln_text(ln: _Line, a: int, b: int) -> str:
    """Source text of tokens [a, b)."""
    if b <= a:
        return ""
    return ln.raw[ln.toks[a].start - ln.base: ln.toks[b - 1].end - ln.base]


def _unit_text(ln: _Line, unit: tuple[int, int, str]) -> str:
    return ln_text(ln, unit[0], unit[1])


_FALLBACK_STOP = frozenset(fold(w) for w in (
    "các những của và với được đã là có trong trên tại cho theo để từ đến về này đó thì mà hoặc trở so "
    "hàng mỗi đạt tăng giảm lên xuống còn trước sau khi như nhằm do bởi vào ra năm tháng ngày quý tuần "
    "giờ lần thứ số ở không chưa cần phải sẽ đang gồm bao thuộc trong đó nếu vì nên hay rồi cùng"
).split())


def _fallback_unit(ln: _Line, k: int) -> tuple[int, int, str] | None:
    """An unlisted counted noun: one lower-case syllable that is no function word."""
    if k < len(ln.toks) and ln.toks[k].isword and ln.toks[k].text.islower() and len(ln.toks[k].text) > 1 \
            and ln.lows[k] not in _FALLBACK_STOP and ln.adj(k - 1, k) is False:
        return k, _per_parts(ln, k + 1), "other"
    return None


def _word_number(ln: _Line, i: int) -> _Mention | None:
    lows = ln.lows
    if i > 0 and lows[i - 1] in ("thứ", "lần", "mỗi", "từng"):
        return None
    unit = _unit_at(ln, i + 1)
    if unit is None or unit[0] != i + 1 or unit[2] in ("time", "qualifier", "money"):
        return None
    return _Mention(i, unit[1], float(NUMBER_WORDS[lows[i]]), _unit_text(ln, unit), "count", unit[2], unit[0], word=True)


# ----------------------------------------------------------------------------- context

@dataclass
class _Ctx:
    text: str
    layout: Layout
    meta: DocumentMeta
    by_path: dict
    item_depth: dict
    by_start: dict


def _headings(ctx: _Ctx, offset: int) -> list[str]:
    out = []
    s = ctx.layout.section_at(offset)
    while s is not None:
        out.append(s.heading)
        s = ctx.by_path.get(s.parent) if s.parent else None
    return out


def _depth(ctx: _Ctx, line) -> int:
    return ctx.item_depth.get(line.start, -1)


def _openers(ctx: _Ctx, line_idx: int) -> list[str]:
    """Lines that open the list this line belongs to ("Phấn đấu đến năm 2025:"), nearest first."""
    lines = ctx.layout.lines
    cur = lines[line_idx]
    sec = ctx.layout.section_at(cur.start)
    floor = sec.start if sec else ctx.layout.body_start
    depth = _depth(ctx, cur)
    out: list[str] = []
    j = line_idx - 1
    while j >= 0 and lines[j].start >= floor and len(out) < 3:
        t = lines[j].text.strip()
        if t:
            d = _depth(ctx, lines[j])
            if depth < 0:
                # A plain paragraph is introduced only by the paragraph right above it.
                if t.endswith(":"):
                    out.append(t)
                break
            if d < depth:
                if t.endswith(":") or d >= 0:
                    out.append(t)
                depth = d
                if d < 0:
                    break
        j -= 1
    if not out and sec is not None and sec.parent and cur.start < sec.line_end + 1:
        out.extend(_section_opener(ctx, line_idx, sec))
    return out


def _section_opener(ctx: _Ctx, line_idx: int, sec) -> list[str]:
    """"2. Chỉ tiêu cụ thể / Phấn đấu đến hết năm 2025: / 2.1. ... / 2.5. ...": the parent section's
    own last line, when it ends with a colon, opens the list of its numbered subsections."""
    lines = ctx.layout.lines
    j = line_idx - 1
    while j >= 0 and line_idx - j < 80:
        t = lines[j].text.strip()
        if t:
            s = ctx.layout.section_at(lines[j].start)
            if s is None:
                return []
            if s.path == sec.parent:
                return [t] if t.endswith(":") and lines[j].start > s.start else []
            if s.parent != sec.parent:
                return []
        j -= 1
    return []


def _has_any(lows, phrases, lo: int = 0, hi: int | None = None) -> bool:
    return any(_find(lows, p, lo, hi) >= 0 for p in phrases)


_HORIZON_RE = re.compile(
    r"(?:(?:đến|tới)\s+(?:hết\s+|cuối\s+)?năm|(?:trong|cuối|hết)\s+năm|(?:phấn|phân)\s+đấu\s+(?:đến\s+)?(?:hết\s+)?năm"
    r"|^năm)\s+(\d{4})(?!\s*[-–]\s*\d{4})", re.I
)


def _horizon(texts: list[str], plan_year: int | None) -> str | None:
    for t in texts:
        for m in _HORIZON_RE.finditer(t):
            before = t[:m.start()].lower()
            if re.search(r"so với\s*$", before):
                continue
            y = int(m.group(1))
            if plan_year is None or y >= plan_year:
                return m.group(1)
    return None


# ----------------------------------------------------------------------------- clause

def _colon(ln: "_Line", k: int) -> bool:
    return ln.toks[k].text == ":" and not (ln.adj(k - 1, k) and ln.adj(k, k + 1))


def _joined_comma(ln: "_Line", k: int) -> bool:
    """A comma inside a fixed pair ("phòng, chống", "thu gom, xử lý") joins, it does not split."""
    if ln.toks[k].text != ",":
        return False
    for ph in _lex().comma_pairs:
        c = ph.index(",")
        if _at(ln.lows, k - c, ph):
            return True
    return False


def _hard(ln: "_Line", k: int) -> bool:
    """A clause boundary: ";" or "|", or a full stop that is not inside "gov.vn" or "1.500"."""
    t = ln.toks[k].text
    if t in ";|":
        return True
    return t in ".!?…" and not (ln.adj(k, k + 1) and ln.toks[k + 1].isword)


def _segment_left(ln: _Line, j: int, lo: int) -> int:
    """Start of the comma/và-segment that ends at token j (exclusive)."""
    k = j - 1
    while k >= lo:
        t = ln.toks[k]
        if t.text in (")", "”") and 0 <= ln.match[k] < k:
            k = ln.match[k] - 1
            continue
        if _hard(ln, k) or (t.text in ",(" and not _joined_comma(ln, k)) or _colon(ln, k) or ln.lows[k] in ("và", "hoặc"):
            return k + 1
        k -= 1
    return lo


def _noun_at(ln: _Line, k: int, kinds=("people", "place", "organization", "product")) -> bool:
    u = _unit_at(ln, k)
    return u is not None and u[0] == k and u[2] in kinds


def _noun_ends_at(ln: _Line, k: int) -> bool:
    """A counted noun ends at token k-1 ("cán bộ", "thôn")."""
    lex = _lex()
    for size in range(1, lex.unit_max + 1):
        if k - size < 0:
            break
        kind = lex.units.get(tuple(ln.lows[k - size:k]))
        if kind in ("people", "place", "organization", "product"):
            return True
    return False


def _has_number(ln: _Line, a: int, b: int) -> bool:
    """A quantity (not a year, a date or a code like "4G") starts within tokens [a, b)."""
    return any(a <= x < b for x in ln.mention_at)


def _clause_left(ln: _Line, i: int, s0: int, m: _Mention) -> int:
    lex = _lex()
    lows = ln.lows
    j = i - 1
    crossed_colon = False
    while j >= s0:
        t = ln.toks[j]
        if j + 1 in ln.mention_end:
            return j + 1  # "Tổ chức 02 lớp tập huấn cho 300 cán bộ": the clause of 300 starts after "02 lớp"
        if t.text in (")", "”") and s0 <= ln.match[j] < j:
            j = ln.match[j] - 1
            continue
        if _hard(ln, j) or t.text in "(“":
            return j + 1
        if _colon(ln, j):
            # "Tỷ lệ hộ dân sử dụng nước sạch: 75%": a label that opens the sentence names
            # the indicator of a bare value after the colon.
            seg = lows[j + 1:i]
            label = lows[s0:j]
            if (not crossed_colon and not _has_head(seg) and not _descriptor_after(ln, m)
                    and 0 < len(label) <= 24 and _has_head(label) and not _has_number(ln, s0, j)
                    and ";" not in label):
                crossed_colon = True
                j -= 1
                continue
            return j + 1
        if _joined_comma(ln, j):
            j -= 1
            continue
        if t.text == "," or lows[j] in ("và", "hoặc"):
            pstart = _segment_left(ln, j, s0)
            if j in ln.mention_end or _has_number(ln, pstart, j):
                return j + 1
            if lows[j] in ("và", "hoặc"):
                j -= 1
                continue
            # Enumerations inside one noun phrase: "cán bộ, công chức", "tỷ lệ thôn, bản văn hóa".
            if _noun_ends_at(ln, j) and _noun_at(ln, j + 1):
                j -= 1
                continue
            # "Tỷ lệ chất thải rắn ... được thu gom, xử lý đạt 98%": the segment has no
            # subject of its own and continues the indicator phrase before the comma.
            prev = lows[pstart:j]
            if _has_head(prev) and not _cue_in(prev) and not _has_head(lows, j + 1, i):
                j -= 1
                continue
            return j + 1
        j -= 1
    return s0


# "số" heads "số xã", "số vụ", but not "kỹ năng số", "chuyển đổi số", "số hóa".
_SO_AFTER = frozenset({"năng", "đổi", "tế", "hội", "tảng", "dân", "ký", "thể", "quyền", "phủ", "tử", "hóa"})


def _head_at(lows, x: int) -> bool:
    for h in _lex().heads:
        if _at(lows, x, h):
            if h == ("số",) and (x + 1 >= len(lows) or lows[x + 1] in ("hóa", "cho", "và", ",") or
                                 (x > 0 and lows[x - 1] in _SO_AFTER)):
                continue
            return True
    return False


def _has_head(lows, a: int = 0, b: int | None = None) -> bool:
    b = len(lows) if b is None else b
    return any(_head_at(lows, x) for x in range(a, b))


# Single words that are cues only right before a number ("trên 90%", not "trên địa bàn").
_POSITIONAL = frozenset({"có", "còn", "lên", "trên", "dưới", "hơn", "từ", "vượt", "xuống", "quá"})


def _cue_in(lows) -> bool:
    """Some comparator cue occurs in these tokens (wherever it stands)."""
    lex = _lex()
    return any(_find(lows, c.ph) >= 0 for c in lex.bound + lex.level if len(c.ph) > 1 or c.ph[0] not in _POSITIONAL)


# Words that open a time phrase after a value ("vào cuối năm 2024", "trong năm 2025", "đến hết năm 2025").
_TIME_OPENERS = frozenset({"vào", "trong", "đến", "tới", "trước", "cuối", "năm", "hết"})


def _descriptor_after(ln: _Line, m: _Mention) -> bool:
    """Words after the number's unit that name what is counted ("04 thôn đạt chuẩn ...")."""
    k = m.j
    n = len(ln.toks)
    lex = _lex()
    while k < n and not _hard(ln, k) and (ln.toks[k].text not in ",(" or _joined_comma(ln, k)) and not _colon(ln, k):
        after = next((c for c in lex.after if _at(ln.lows, k, c.ph)), None)
        if after is not None:
            k += len(after.ph)
            continue
        if _at(ln.lows, k, ("so", "với")):
            return False
        if ln.lows[k] in _TIME_OPENERS and any(_is_year(x.text.split("/")[-1]) for x in ln.toks[k + 1:k + 5]):
            return False  # "Tỷ lệ che phủ rừng: đạt 43,5% trở lên vào cuối năm 2024": a time, not what is counted
        if ln.toks[k].isword:
            return True
        k += 1
    return False


def _clause_right(ln: _Line, m: _Mention, s1: int, starts: set[int], opaque_parens: bool = False) -> int:
    toks, lows = ln.toks, ln.lows
    k = m.j
    while k < s1:
        t = toks[k]
        if _hard(ln, k) or _colon(ln, k):
            break
        if t.text in "(“" and ln.match[k] > k:
            if t.text == "(" and not opaque_parens:
                break
            k = ln.match[k] + 1
            continue
        if t.text == "(":
            break
        if k in starts:
            break
        if _joined_comma(ln, k):
            k += 1
            continue
        if t.text == ",":
            nxt = _segment_end(ln, k + 1, s1)
            if _noun_at(ln, k + 1) and not _has_number(ln, k + 1, nxt):
                k += 1
                continue
            if _comma_tail(ln, k, s1, starts):
                k += 1  # "... cáp quang, mạng không dây phục vụ dạy học": the indicator goes on
                continue
            break
        if lows[k] in ("và", "hoặc") and _has_number(ln, k + 1, _segment_end(ln, k + 1, s1)):
            break
        if k - m.j > 25:
            break
        k += 1
    return k


def _comma_tail(ln: _Line, k: int, s1: int, starts: set[int]) -> bool:
    """The rest of the clause after the comma at k enumerates more of the indicator: no number, no
    other quantity, no bracket up to the clause end, and it opens with no verb or link of a new clause."""
    toks, lows = ln.toks, ln.lows
    e = k + 1
    while e < s1 and not _hard(ln, e) and not _colon(ln, e):
        if toks[e].isnum or e in starts or toks[e].text in "()":
            return False
        e += 1
    words = [x for x in range(k + 1, e) if toks[x].isword]
    if not words or e - k > 16:
        return False
    return not any(_at(lows, k + 1, p) for p in _lex_extra()["comma_tail_stops"])


def _context_right(ln: _Line, m: _Mention, s1: int, starts: set[int]) -> int:
    """End of the stretch that may still name the indicator: up to the next boundary or number."""
    k = m.j
    while k < s1 and not _hard(ln, k) and not _colon(ln, k) and k not in starts:
        if ln.toks[k].text in "(“" and ln.match[k] > k:
            k = ln.match[k] + 1
            continue
        k += 1
    return min(k, s1)


def _segment_end(ln: _Line, k: int, s1: int) -> int:
    while k < s1 and not _hard(ln, k) and (ln.toks[k].text not in ",(" or _joined_comma(ln, k)) and not _colon(ln, k):
        k += 1
    return k


_TRAILING = frozenset({"và", "hoặc", "của", "với", "cho", "tại", "ở", "trong", "theo", "về", "để", "các", "những"})


@lru_cache(maxsize=1)
def _cue_tokens() -> frozenset:
    lex = _lex()
    return frozenset(w for c in lex.bound + lex.level if c.ph[0].isalpha() for w in c.ph) | {"khoảng", "gần", "mức"}


def _trim(ln: _Line, a: int, b: int) -> tuple[int, int]:
    """Drop leading bullets and trailing punctuation or conjunctions from the clause."""
    while a < b:
        if ln.toks[a].text in "-+*•–—·,;:)" or ln.lows[a] in ("và", "hoặc"):
            a += 1
        elif ln.toks[a].text == "(" and a + 2 < b and ln.toks[a + 2].text == ")" and len(ln.toks[a + 1].text) <= 2:
            a += 3  # "(2) Tỷ lệ ..."
        elif a + 1 < b and ln.toks[a + 1].text == ")" and len(ln.toks[a].text) == 1 and ln.toks[a].isword:
            a += 2  # "b) Tỷ lệ ..."
        else:
            break
    while b > a and (ln.toks[b - 1].text in ",;:-–(./" or ln.lows[b - 1] in _TRAILING):
        b -= 1
    # A closing bracket or quote is kept only with its opener inside the span.
    while b > a and ln.toks[b - 1].text in (")", "”") and not (a <= ln.match[b - 1] < b):
        b -= 1
    return a, b


# ----------------------------------------------------------------------------- comparators

@dataclass
class _Cues:
    bound: str | None = None
    after: str | None = None
    level: str | None = None
    level_weak: bool = False
    maintain: bool = False
    far: str | None = None
    floor_neg: bool = False
    any_near: bool = False  # a bound or level cue (not a far verb) stands before the number
    rise: bool = False  # an increase governs the number ("tăng ít nhất 10%"), not a level it rises to


# Words that only look like cues: "tăng trưởng", "tăng cường", "không còn", "đạt chuẩn".
_NOT_CUE_BEFORE = {("tăng",): {"trưởng", "cường"}, ("giảm",): {"thiểu", "nghèo"}, ("nâng",): {"cấp"}}


def _cue_word(lows, s: int, ph: tuple[str, ...]) -> bool:
    nxt = lows[s + len(ph)] if s + len(ph) < len(lows) else ""
    if ph == ("đạt",) and nxt in _lex().dat_not_before:
        return False
    if ph == ("còn",) and s > 0 and lows[s - 1] == "không":
        return False
    return nxt not in _NOT_CUE_BEFORE.get(ph, ())


def _cues(ln: _Line, m: _Mention, l: int, committed: bool) -> _Cues:
    """Comparator cues of the clause; "có" counts only when `committed` (a horizon, "phấn đấu")."""
    lex = _lex()
    lows = ln.lows
    i = m.i
    c = _Cues()
    # Everything between a cue and the number must belong to this number: stop at another one.
    lo = l
    for x in range(i - 1, l - 1, -1):
        if ln.toks[x].isnum and not _is_year(ln.toks[x].text):
            lo = x + 1
            break

    def nearest(cues):
        best = None
        for cue in cues:
            n = len(cue.ph)
            for s in range(i - n, lo - 1, -1):
                gap = i - (s + n)
                if gap > cue.window:
                    if gap > 8:
                        break
                    continue
                if tuple(lows[s:s + n]) != cue.ph or not _cue_word(lows, s, cue.ph):
                    continue
                if best is None or s + n > best[0] + len(best[1].ph) or (
                        s + n == best[0] + len(best[1].ph) and n > len(best[1].ph)):
                    best = (s, cue)
                break
        return best

    b = nearest(lex.bound)
    if b and b[1].flag == "needs_after":
        b = None
    for cue in lex.after:
        if _at(lows, m.j, cue.ph):
            c.after = cue.cmp
    lv = nearest(lex.level)
    if lv and ((lv[1].flag == "needs_commitment" and not committed) or (lv[1].flag == "pct_only" and m.kind != "pct")):
        lv = None
    if b:
        c.bound = b[1].cmp
    if lv:
        c.level = lv[1].cmp
        c.level_weak = lv[1].ph in (("đạt",), ("có",), ("đạt", "mức"), ("đạt", "tỷ", "lệ"))
    c.any_near = bool(b or lv)
    c.maintain = _has_any(lows, lex.maintain, l, i) or _has_any(lows, lex.maintain, m.j, min(m.j + 2, len(lows)))
    best_far = -1
    for cue in lex.far:
        p = _rfind(lows, cue.ph, l, i)
        while p >= 0 and not _cue_word(lows, p, cue.ph):
            p = _rfind(lows, cue.ph, l, p)
        if p > best_far:
            best_far, c.far = p, cue.cmp
    # "không còn xã dưới 15 tiêu chí", "không để ... quá 02 vụ": a negated bound is the opposite bound.
    c.floor_neg = c.bound in ("<=", ">") and _has_any(lows, lex.floor_neg, l, i)
    # "tăng ít nhất 10% so với cùng kỳ": a floor on the increase (delta+). Not when the number is the
    # level the indicator rises to ("tăng tỷ lệ ... lên tối thiểu 90%") or a multiplier ("tăng 1,5 lần").
    multiplier = m.kind != "pct" and fold(m.unit or "") == "lần"
    if not multiplier:
        c.rise = c.level == "delta+" or (c.far == "delta+" and c.level is None and not any(
            lows[x] in _LEVEL_WORDS for x in range(best_far + 1, i)))
    return c


# Words that turn a following number into the level reached: "tăng ... lên 90%", "tăng ... đến 90%".
_LEVEL_WORDS = frozenset({"lên", "đến", "tới", "thành", "đạt", "còn", "xuống"})


def _comparator(c: _Cues, inherited: str | None, opener_push: bool) -> str:
    if c.floor_neg:
        return ">=" if c.bound == "<=" else "<="
    # "giảm tỷ lệ hộ nghèo từ 3% trở lên", "giảm ít nhất 10%": a floor on the decrease; likewise
    # "tăng ít nhất 10%" on the increase.
    cut_floor = c.far == "delta-" and c.level not in ("<=",)
    floor = "delta-" if cut_floor else "delta+" if c.rise else None
    if c.after:
        return floor if c.after == ">=" and floor else c.after
    if c.bound:
        return floor if c.bound == ">=" and floor else c.bound
    if c.maintain and (c.level is None or c.level_weak):
        return "="
    if c.level:
        return c.level
    if c.far:
        return c.far
    if inherited:
        return inherited
    if opener_push:
        return ">="
    return "="


# ----------------------------------------------------------------------------- decision

_SO_VOI = ("so", "với")


@dataclass
class _Clause:
    """Where one quantity's clause lies (token indices) and what surrounds it."""
    m: _Mention
    s0: int  # sentence
    s1: int
    l: int  # clause start
    r: int  # clause end (the target's text)
    r_ctx: int  # clause end with brackets read through (indicator words after "(...)")
    r_wide: int  # up to the next boundary or quantity (indicator named after a comma)


def _line_targets(ctx: _Ctx, line_idx: int, content_start: int,
                  committed: tuple[int, int] | None = None) -> list[Target]:
    """Targets of one line; `committed` is a character span whose quantities are committed by
    where they stand (the output cell of a task table: "20 lớp tập huấn")."""
    lex = _lex()
    layout = ctx.layout
    line = layout.lines[line_idx]
    ln = _Line(ctx.text, line.start, line.end, content_start)
    mentions = _scan(ln)
    if not mentions:
        return []
    lows = ln.lows
    ln.baseline_at = {m.i for m in mentions if _baseline(ln, m)}
    live = [m for m in mentions if m.unit_kind != "qualifier" and m.i not in ln.baseline_at]
    ln.mention_at = {m.i for m in live}
    # Numbers inside the subject of a later target ("... tối thiểu 60 lít/người/ngày đạt 55%")
    # neither count nor cut the clause of that target.
    inner = {m.i for m in live if _qualifies_later_target(ln, m, _segment_left(ln, m.i, ln.sentence(m.i)[0]))}
    live = [m for m in live if m.i not in inner]
    starts = {m.i for m in live}
    ln.mention_at, ln.mention_end = starts, {m.j for m in live}

    headings = _headings(ctx, line.start)
    head_lows = [list(phrase(h)) for h in headings]
    # "I. KẾT QUẢ THỰC HIỆN NĂM 2023" is the past; "... VÀ MỤC TIÊU NĂM 2024" is not only that.
    target_section = any(_has_any(h, lex.target_headings) for h in head_lows)
    hist_section = any(_has_any(h, lex.hist_headings, 0, min(len(h), 4)) and not _has_any(h, lex.target_headings)
                       for h in head_lows)
    openers = _openers(ctx, line_idx)
    opener_lows = [phrase(o) for o in openers]
    plan_year = ctx.meta.year
    out: list[tuple[_Clause, Target]] = []

    for m in live:
        i = m.i
        # Identifiers and ordinals: "Tiêu chí số 17", "thôn 2 ...", "tuần 3".
        if m.kind != "pct" and any(_at(lows, i - len(p), p) for p in lex.identifier) and not _at(lows, i - 2, ("tổng", "số")) \
                and not any(_at(lows, i - len(p), p) for p in _lex_extra()["identifier_not_after"]):
            continue
        s0, s1 = ln.sentence(i)
        s0 = max(s0, ln.lo)
        others = starts - {i}
        c = _Clause(m, s0, s1, _clause_left(ln, i, s0, m), _clause_right(ln, m, s1, others),
                    _clause_right(ln, m, s1, others, opaque_parens=True), _context_right(ln, m, s1, others))
        l = c.l
        before = ln_text(ln, s0, i)
        horizon = _horizon([before], plan_year) is not None
        commit_ctx = horizon or _has_any(lows, lex.commitment_words, s0, i) or any(
            _has_any(o, lex.commitment_words) for o in opener_lows) or (
            committed is not None and committed[0] <= ln.toks[i].start < committed[1])
        if _is_past(ln, c, hist_section, horizon or _has_any(lows, _PHAN_DAU, l, i), plan_year) \
                or _conditional(ln, s0, i):
            ln.fact_at.add(i)  # a past result or the condition of a rule ("Trường hợp có nhiều hơn 03 ...")
            continue
        # "toàn huyện có 26 xóm" commits only under a horizon or "phấn đấu", not as a fact.
        cues = _cues(ln, m, l, commit_ctx)
        rule = _decide(ln, m, l, c.r_ctx, cues, target_section, commit_ctx)
        prev = out[-1] if out and out[-1][0].l >= s0 and out[-1][0].r <= i else None
        rule = _follow_up_rule(ln, c, rule, prev, _listed(ln, c))
        if rule is None:
            ln.fact_at.add(i)
            continue

        comparator = _comparator(cues, _inherited_comparator(ln, c, prev), _has_any(lows, _PHAN_DAU, s0, l) or any(
            _has_any(o, _PHAN_DAU) for o in opener_lows))
        if m.upper is not None and comparator == "=":
            comparator = ">="  # "1-2 sản phẩm": the lower bound is what is promised
        if c.r in starts:
            # The clause ran into the next quantity: leave it the words that lead into it
            # ("01 đội xung kích với tối thiểu | 30 thành viên").
            while c.r > m.j and (lows[c.r - 1] in _TRAILING or lows[c.r - 1] in _cue_tokens()):
                c.r -= 1
        a, b = _trim(ln, l, c.r)
        if a >= b or not (ln.toks[a].start <= ln.toks[i].start < ln.toks[b - 1].end):
            a, b = _trim(ln, min(l, i), max(c.r, m.j))
        start, end = ln.toks[a].start, ln.toks[b - 1].end
        ind = _indicator_code(ln, c, prev, cues)
        if ind and ind.scope != "guide":
            rule += f";domain={ind.code}"
        t = Target(
            text=ctx.text[start:end], start=start, end=end, indicator=_indicator(ln, m, a, b),
            code=ind.code if ind and ind.scope == "guide" else None, value=m.value, unit=m.unit,
            comparator=comparator, section=layout.path_at(start), denominator=m.denominator,
            deadline=_horizon([before, ln_text(ln, i, c.r_wide)] + openers + headings, plan_year), rule=rule,
            domain=ind.code if ind else None,
        )
        out.append((c, t))
    return [t for _, t in out]


_PHAN_DAU = (("phấn", "đấu"), ("phân", "đấu"))


def _is_past(ln: _Line, c: _Clause, hist_section: bool, future: bool, plan_year: int | None) -> bool:
    """Past results and facts about the place ("đã đạt", "hiện nay", "Năm 2023, ...")."""
    lex = _lex()
    lows, l, i = ln.lows, c.l, c.m.i
    if (_has_any(lows, lex.hist_clause, l, i) or _has_any(lows, lex.hist_sentence, l, i)) \
            and not _has_any(lows, lex.maintain, l, i):
        return True
    if (_has_any(lows, lex.hist_sentence, c.s0, i) or hist_section) and not future:
        return True
    return bool(plan_year) and _past_frame(ln, l, c.s0, i, plan_year)


def _conditional(ln: _Line, a: int, b: int) -> bool:
    """The quantity is set in the condition of a rule ("Trường hợp có nhiều hơn 03 đơn vị ... thì").
    A short bracket ("diện tích rừng bị cháy (nếu có) không quá 0,5 ha/vụ") only says "if any"."""
    for p in _lex().conditional:
        x = _find(ln.lows, p, a, b)
        while x >= 0:
            o = x - 1
            if not (o >= 0 and ln.toks[o].text == "(" and 0 < ln.match[o] - o <= 5):
                return True
            x = _find(ln.lows, p, x + 1, b)
    return False


def _follow_up_rule(ln: _Line, c: _Clause, rule: str | None, prev, listed: bool) -> str | None:
    """Quantities that lean on what stands just before them in the sentence.

    `listed`: the clause follows a colon whose label commits ("Chuẩn bị vật tư ...: 02
    xuồng máy, 150 áo phao").
    """
    lows, m, l = ln.lows, c.m, c.l
    if rule is None and listed and l == m.i and m.kind == "count" and m.unit_kind not in ("time", "money", "qualifier"):
        return "count.listed"
    if rule is None and prev is not None and l == m.i and l > 0 and prev[0].r == l - 1 \
            and m.unit_kind not in ("time", "money", "qualifier"):
        if ln.toks[l - 1].text == "(" and m.unit_kind != "other":
            return "count.restated"  # "100% chỉ tiêu giao quân (45 công dân)"
        if lows[l - 1] in ("và", ",") and prev[0].m.kind != "pct":
            return "count.coordinated"  # "dự trữ tối thiểu 20 tấn gạo và 500 thùng mì tôm"
    if rule is None and prev is not None and lows[l:m.i] in _PART_LEADS and m.unit_kind not in ("time", "money", "qualifier"):
        return "count.part"
    # "được giao 22 công dân, trong đó: nhập ngũ vào Quân đội 19 công dân, ... Công an nhân dân 03 công dân":
    # the parts of a committed count, in its unit.
    if rule is None and prev is not None and m.kind == "count" and prev[0].m.kind == "count" \
            and fold(m.unit) == fold(prev[0].m.unit or "") and m.unit_kind not in ("time", "money", "qualifier"):
        between = [w for w in lows[prev[0].m.j:l] if w not in (",", ":", ";")]
        # "Trồng mới 350 ha rừng, trong đó: rừng phòng hộ 120 ha": the lead may also close the words that
        # describe the whole, the part then names itself before its number
        if between[:2] == ["trong", "đó"] or any(between[-len(p):] == p for p in _PART_LEADS) \
                or (not between and "count.part" in (prev[1].rule or "")):
            return "count.part"  # "việc làm cho ít nhất 900 lao động, trong đó 40 lao động đi làm việc ở nước ngoài"
    if rule == "pct" and prev is None and (_has_any(lows, (("chiếm",),), l, m.i) or lows[l:l + 2] == ["tương", "đương"]) \
            and any(c.s0 <= x < l for x in ln.fact_at):
        return None  # "có 5 xã đặc biệt khó khăn, chiếm 30%": the share of a fact is a fact
    return rule


_PART_LEADS = (["trong", "đó"], ["trong", "số", "đó"], ["trong", "đó", "có"], ["trong", "số", "đó", "có"])


def _listed(ln: _Line, c: _Clause) -> bool:
    """The clause opens a list after a colon whose label holds a commitment verb, or follows
    such a listed quantity ("Chuẩn bị vật tư, phương tiện ...: 02 xuồng máy, 150 áo phao")."""
    k = c.l - 1
    return k > c.s0 and _colon(ln, k) and _has_commit(ln, c.s0, k)


def _inherited_comparator(ln: _Line, c: _Clause, prev) -> str | None:
    """Restatements "(30% thôn)", "chiếm 4,7%" and ellipses "... và 04 xóm" keep the cue before."""
    if prev is None:
        return None
    lows, l, i = ln.lows, c.l, c.m.i
    lead = lows[l:i]
    if ";" in lows[prev[0].m.j:l]:
        return None
    if l == i or lead[:1] == ["chiếm"] or lead in (["trong", "đó"], ["trong", "số", "đó"]) or (l > 0 and lows[l - 1] == "("):
        return prev[1].comparator
    return None


def _indicator_code(ln: _Line, c: _Clause, prev, cues: _Cues) -> Indicator | None:
    """Taxonomy entry of the clause; a dependent clause takes the one of its host."""
    lows, m, l = ln.lows, c.m, c.l
    unit = m.unit if m.kind != "pct" else None
    if unit and fold(unit) == "lần" and ("delta+" in (cues.far, cues.level) or "delta-" in (cues.far, cues.level)
                                         or _has_any(lows, (("gấp",),), l, m.i)):
        unit = None  # "tăng ít nhất 1,5 lần" multiplies an indicator; it counts no activity
    sentence = lows[c.s0:c.s1]
    ind = _classify(lows[l:c.r_ctx], unit, sentence)
    if (ind is None or ind.scope != "guide") and c.r_wide > c.r_ctx:
        # A clause cut at a comma still names its indicator further on ("100% văn bản đi,
        # đến ... dưới dạng điện tử"); a guide code found there beats an extended one here.
        wide = _classify(lows[l:c.r_wide], unit, sentence)
        if wide is not None and (ind is None or wide.scope == "guide"):
            ind = wide
    if ind is not None or prev is None or ";" in lows[prev[0].m.j:l]:
        return ind
    host_m = prev[0].m
    same_noun = m.kind != "pct" and host_m.kind != "pct" and \
        fold(m.unit or "").split("/")[0] == fold(host_m.unit or "").split("/")[0]
    if _dependent(ln, l, m.i) or same_noun:
        code = prev[1].code or _domain_of(prev[1].rule)
        return next((x for x in taxonomy() if x.code == code), None)
    return None


def _baseline(ln: _Line, m: _Mention) -> bool:
    """A reference point, not a target: "so với năm 2020 (đạt 30%)", "từ 5% xuống còn 3%"."""
    lows, i = ln.lows, m.i
    if _at(lows, i - 2, _SO_VOI) or _at(lows, i - 3, _SO_VOI):
        return True
    return i > 0 and lows[i - 1] == "từ" and m.j < len(lows) and lows[m.j] in ("xuống", "lên", "còn", "giảm", "tăng")


def _domain_of(rule: str) -> str | None:
    mt = re.search(r"domain=(\w+)", rule or "")
    return mt.group(1) if mt else None


def _dependent(ln: _Line, l: int, i: int) -> bool:
    """A clause that leans on the previous one: "(30% thôn)", "đạt 25% tổng số xã", "tăng 05 sản phẩm"."""
    lex = _lex()
    if l == i or (l > 0 and ln.toks[l - 1].text == "("):
        return True
    return not _has_head(ln.lows, l, min(l + 2, i)) and (_cue_in(ln.lows[l:i]) or ln.lows[l] in ("chiếm", "tăng", "giảm", "đạt", "nâng"))


_FRAME_OPEN = frozenset({"năm", "trong", "đến", "tính", "hết", "cuối", "giai", "đoạn", "vào", "tới", "-", "+", "–"})


def _has_commit(ln: _Line, a: int, b: int) -> bool:
    """A commitment verb in tokens [a, b); "các tổ chức", "đơn vị thực hiện" are nouns."""
    lows = ln.lows
    for p in _lex().commit:
        x = _find(lows, p, a, b)
        while x >= 0:
            if not (x > 0 and lows[x - 1] in ("các", "những", "mỗi", "đối", "đơn", "cơ", "thời")):
                return True
            x = _find(lows, p, x + 1, b)
    return False


def _past_frame(ln: _Line, l: int, s0: int, i: int, plan_year: int) -> bool:
    """The clause is set in a past year or period ("Năm 2023, toàn huyện có ...").

    A year before the clause counts only as the sentence's opening time frame.
    """
    lows = ln.lows
    first = l
    comma = next((x for x in range(s0, l) if lows[x] == ","), None)
    if comma is not None and comma > s0 and all(lows[x] in _FRAME_OPEN or ln.toks[x].isnum for x in range(s0, comma)):
        first = s0
    for k in range(first, i):
        t = ln.toks[k]
        if not (t.isnum and _is_year(t.text)):
            continue
        if k + 2 < len(lows) and lows[k + 1] in ("-", "–") and _is_year(ln.toks[k + 2].text):
            continue  # the start of a period; its end decides
        back = lows[max(first, k - 4):k]
        if "so" in back or "từ" in back[-2:] or "với" in back[-1:]:
            continue
        framed = back[-1:] in (["năm"], ["đoạn"]) or (
            back[-1:] in (["-"], ["–"]) and k >= 2 and _is_year(ln.toks[k - 2].text))
        if framed and int(t.text) < plan_year:
            return True
    return False


def _decide(ln: _Line, m: _Mention, l: int, r: int, cues: _Cues, target_section: bool,
            commit_ctx: bool) -> str | None:
    """The rule that makes this mention a target, or None."""
    lex = _lex()
    lows = ln.lows
    i = m.i
    near = cues.any_near or cues.after is not None
    if m.kind == "pct":
        after = lows[m.j:m.j + 4]
        if any(_at(after, 0, f) for f in lex.funding) or _has_any(lows, lex.funding_share, l, i):
            return None  # "hỗ trợ 50% kinh phí", "ngân sách tỉnh hỗ trợ 70%"
        if not any(ln.toks[x].isword for x in range(l, r) if not (m.i <= x < m.j)):
            return None  # a bare percentage with no indicator anywhere in its clause
        return "pct"
    if m.word:
        # "ít nhất một mô hình", "xây dựng ba mô hình"; a bare "một nội dung" is no quantity.
        verb = any(_at(lows, i - len(p), p) or _at(lows, i - len(p) - 1, p) for p in lex.commit)
        return "word" if near or verb else None
    kind = m.unit_kind
    extra = _lex_extra()
    if kind == "time":
        # "trước khi tổ chức ít nhất 03 ngày", "ít nhất 05 ngày trước ngày khai giảng": a lead time.
        if _has_any(lows, extra["lead_time_words"], max(l, i - 8), i) \
                or _has_any(lows, extra["lead_time_words"], m.j, min(len(lows), m.j + 2)):
            return None
        return "count.quota" if cues.bound in (">=", "<=", ">") else None
    # "các cơ sở lưu trú du lịch từ 50 phòng trở lên": a range after a plain noun phrase says which
    # ones are meant; after a verb or cue ("đạt từ 3 sản phẩm trở lên") it is a target. So does one
    # after an attribute ("tàu cá có chiều dài từ 15 m trở lên") or inside what another quantity of the
    # clause counts ("100% tàu cá có chiều dài từ 15 m trở lên").
    if m.kind == "count" and i >= 2 and lows[i - 1] == "từ" and _at(lows, m.j, ("trở", "lên")) \
            and not any(_at(lows, i - 1 - len(p), p) for p in extra["range_commit_before"]) \
            and (any(_noun_at(ln, x, ("people", "organization", "place")) for x in range(max(l, i - 8), i - 1))
                 or "có" in lows[max(l, i - 5):i - 2]
                 or any(x in ln.mention_at for x in range(l, i - 1))):
        return None
    if kind == "money":
        ok = _has_any(lows, lex.money_commit, l, r)
        if not ok or (_has_any(lows, lex.funding, l, i) and not _has_any(lows, lex.money_commit, l, i)):
            return None
        return "money"
    if lows[i - 1:i] == ["của"] and any(_at(lows, i - 1 - len(p), p) for p in extra["commit_of_heads"]) \
            and kind != "other":
        return "count.verb"  # "Duy trì hoạt động của 120 Tổ ...": "của" after a commitment describes nothing
    if any(_at(lows, i - len(p), p) for p in lex.descriptor) and not near:
        return None  # "tại 05 xã" describes
    if any(_at(lows, i - len(p), p) for p in extra["commit_verbs_adjacent"]) and kind != "other":
        return "count.verb"  # "Đón 1.250.000 lượt khách", "Phát 5.000 tờ rơi", "được giao 22 công dân"
    if kind == "other":
        return "count.cue" if near else None
    if m.kind == "ratio":
        return "ratio"
    if m.upper is not None:
        return "count.range"  # facts are not written as ranges: "từ 2 đến 3 xã" is planned
    if near:
        return "count.cue"
    if _has_commit(ln, l, i):
        return "count.verb"
    # "30 Đoàn viên thanh niên (do Huyện Đoàn huy động)": the mobilizing verb may follow.
    if _has_any(lows, (("huy", "động"), ("vận", "động"), ("đăng", "ký")), i, _line_end_of_clause(ln, r)):
        return "count.mobilized"
    # A bare count in a target list ("- 05 xã đạt chuẩn ...") names what it counts; one in
    # brackets is a breakdown ("Tân Liên (03 thôn)") unless it restates the clause before.
    if (target_section or commit_ctx) and (l == i or _cue_in(lows[l:i])) and _descriptor_after(ln, m) \
            and not (l > 0 and ln.toks[l - 1].text == "("):
        return "count.context"
    # "Sản lượng lương thực 45.000 tấn" under a target heading: the indicator comes first.
    if (target_section or commit_ctx) and _has_head(lows, l, i) and m.unit_kind in ("measure", "product", "people"):
        return "count.context"
    return None


def _qualifies_later_target(ln: _Line, m: _Mention, l: int) -> bool:
    """A number inside the subject of another target: "Tỷ lệ dân số dùng nước đáp ứng tối thiểu
    60 lít/người/ngày đạt 55%", "Tỷ lệ xã có từ 3 sản phẩm OCOP trở lên đạt 50%"."""
    lex = _lex()
    lows = ln.lows

    def stop(k: int) -> bool:
        return _hard(ln, k) or lows[k] in (",", "(", ":", "và") or k in ln.mention_at

    if not _has_head(lows, l, m.i):
        return False
    k = m.j
    while k < len(lows) and not stop(k):
        after = next((c for c in lex.after if _at(lows, k, c.ph)), None)
        if after is not None:
            k += len(after.ph)
            continue
        for c in lex.level + lex.bound:
            if c.flag or not _at(lows, k, c.ph) or not _cue_word(lows, k, c.ph):
                continue
            x = k + len(c.ph)
            for _ in range(c.window + 1):
                if x >= len(lows):
                    break
                if x in ln.mention_at:
                    return True
                if stop(x):
                    break
                x += 1
        k += 1
    return False


def _line_end_of_clause(ln: _Line, r: int) -> int:
    """Include a bracket right after the clause ("(do Huyện Đoàn huy động)")."""
    if r < len(ln.toks) and ln.toks[r].text == "(" and ln.match[r] > r:
        return ln.match[r]
    return r


_INDICATOR_TAIL = frozenset({"đã", "là", "được", "ở", "mức", "từ", "với", "của", "có"})


def _indicator(ln: _Line, m: _Mention, a: int, b: int) -> str | None:
    """The indicator phrase: the subject before the number ("Tỷ lệ hộ nghèo"), or what is
    counted after it ("thôn đạt chuẩn nông thôn mới kiểu mẫu")."""
    lex = _lex()
    lows = ln.lows
    s = a
    changed = True
    while changed and s < m.i:
        changed = False
        if _is_year(ln.toks[s].text) or ln.toks[s].text in ",:":
            s += 1
            changed = True
            continue
        for p in lex.lead_in:
            if _at(lows, s, p) and s + len(p) <= m.i:
                s += len(p)
                changed = True
                break
    # "toàn xã giảm tỷ lệ hộ nghèo từ 3%": the indicator starts at its head noun.
    head = next((x for x in range(s, m.i) if _head_at(lows, x)), None)
    if head is not None:
        s = head
    cut = m.i
    near = [c for c in lex.bound + lex.level if not c.flag]
    for x in range(s + (1 if head is not None else 0), m.i):
        if any(_at(lows, x, c.ph) and not _cue_word(lows, x, c.ph) for c in lex.level + lex.far) \
                or any(_at(lows, x - len(c.ph) + 1, c.ph) for c in lex.after):
            continue  # "tăng trưởng", "trở lên" of a qualifier inside the indicator
        if _colon(ln, x) or (lows[x] == "từ" and x + 1 in ln.baseline_at):
            cut = x  # "Bình quân tiêu chí/xã: Lũy kế đạt ...", "tỷ lệ ... từ 60% lên 70%"
            break
        if any(_at(lows, x, c.ph) and x + len(c.ph) + c.window >= m.i for c in near) \
                or any(_at(lows, x, c.ph) for c in lex.far) or any(_at(lows, x, p) for p in lex.maintain):
            cut = x
            break
    while cut > s and (lows[cut - 1] in _INDICATOR_TAIL or ln.toks[cut - 1].text in ",;:-("):
        cut -= 1
    before = ln_text(ln, s, cut).strip(" ,;:-")
    if before and head is not None:
        return before
    if _descriptor_after(ln, m):
        e = b
        p = _find(lows, _SO_VOI, m.j, e)
        if p >= 0:
            e = p
        start = m.unit_start if m.kind != "pct" and m.unit_start is not None else m.j
        lead = next((c for c in lex.after if _at(lows, start, c.ph)), None)
        if lead is not None:
            start += len(lead.ph)  # "95% trở lên hồ sơ được giải quyết đúng hạn"
        after = ln_text(ln, start, e).strip(" ,;:-”“")
        if after:
            return after
    if m.kind != "pct":
        return m.unit  # "Trồng mới 1,2 triệu cây xanh": what is counted
    return before or None


# ----------------------------------------------------------------------------- tables

_YEAR_IN = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")


def _cells(line_text: str, base: int) -> list[tuple[int, int, str]]:
    cells, pos = [], 0
    for part in line_text.split("|"):
        s = pos + (len(part) - len(part.lstrip()))
        e = pos + len(part.rstrip())
        cells.append((base + s, base + max(s, e), part.strip()))
        pos += len(part) + 1
    if cells and not cells[0][2] and line_text.lstrip().startswith("|"):
        cells = cells[1:]
    if cells and not cells[-1][2] and line_text.rstrip().endswith("|"):
        cells = cells[:-1]
    return cells


def _table_targets(ctx: _Ctx, rows: list[int]) -> tuple[list[Target], bool]:
    """Targets of a planned-value table, and whether the block was one (else read as text)."""
    lines = ctx.layout.lines
    header = [fold(c[2]) for c in _cells(lines[rows[0]].text, lines[rows[0]].start)]
    if len(rows) > 2 and not any(re.search(r"chỉ tiêu|nội dung|tiêu chí|danh mục|hạng mục|^tên", h) for h in header):
        rows = rows[1:]  # a title row above the real header ("BIỂU 01 | | |")
        header = [fold(c[2]) for c in _cells(lines[rows[0]].text, lines[rows[0]].start)]
    ind_col = next((k for k, h in enumerate(header) if re.search(r"chỉ tiêu|nội dung|tiêu chí|danh mục|hạng mục|^tên", h)
                    and not re.search(r"đơn vị|stt|^tt$", h)), None)
    unit_col = next((k for k, h in enumerate(header) if re.search(r"đơn vị tính|^đvt|^đơn vị$", h)), None)
    if any(re.search(r"chủ trì|phối hợp|thời gian|cơ quan|đơn vị thực hiện", h) for h in header):
        return [], False  # a task table: its cells are read as text
    value_cols = [k for k, h in enumerate(header) if k not in (ind_col, unit_col)
                  and re.search(r"kế hoạch|mục tiêu|chỉ tiêu|phấn đấu|dự kiến|\bkh\b|năm \d{4}|^\d{4}$|giai đoạn|đến năm", h)
                  and not re.search(r"thực hiện năm|ước|kết quả|hiện trạng|tình hình|thực hiện \d{4}", h)]
    years = {m.group() for k in value_cols for m in _YEAR_IN.finditer(header[k])}
    if ind_col is None or not value_cols:
        return [], False
    if len(value_cols) > 1 or len(years) > 1:
        return [], True  # planned figures per year: table_targets, not headline targets
    vcol = value_cols[0]
    deadline = next(iter(years), None)
    out = []
    for li in rows[1:]:
        ln = lines[li]
        cells = _cells(ln.text, ln.start)
        if len(cells) <= max(ind_col, vcol):
            continue
        ic, vc = cells[ind_col], cells[vcol]
        if not re.search(r"[^\W\d_]", ic[2]) or not vc[2] or re.fullmatch(r"(?i)\s*(tổng|tổng số|tổng cộng|cộng|toàn (xã|huyện|tỉnh))\s*:?", ic[2]):
            continue  # totals carry no indicator of their own
        vtoks = _Line(ctx.text, vc[0], vc[1], vc[0])
        num = next((k for k, t in enumerate(vtoks.toks) if t.isnum), None)
        if num is None:
            continue
        pct = num + 1 < len(vtoks.toks) and vtoks.toks[num + 1].text == "%"
        value = parse_number(vtoks.toks[num].text, percent=pct)
        if value is None:
            continue
        unit = cells[unit_col][2] if unit_col is not None and unit_col < len(cells) and cells[unit_col][2] else None
        unit = unit or ("%" if pct else None)
        cell_low = " ".join(vtoks.lows[:num])
        ind_low = phrase(ic[2])
        comparator = "="
        for cue in _lex().bound + _lex().level:
            if cue.flag:
                continue
            if cell_low.endswith(" ".join(cue.ph)):
                comparator = cue.cmp
                break
        else:
            for cue in _lex().after:
                if _find(vtoks.lows, cue.ph, num) >= 0:
                    comparator = cue.cmp
        ind = _classify(list(ind_low), unit if unit and unit != "%" else None)
        code = ind.code if ind and ind.scope == "guide" else None
        rule = "table" + (f";domain={ind.code}" if ind and ind.scope != "guide" else "")
        start, end = ic[0], vc[1]
        out.append(Target(text=ctx.text[start:end], start=start, end=end, indicator=ic[2], code=code, value=value,
                          unit=unit, comparator=comparator, section=ctx.layout.path_at(start), deadline=deadline,
                          rule=rule, domain=ind.code if ind else None))
    return out, True


_OUTPUT_HEADER = re.compile(r"sản phẩm|kết quả (?:dự kiến|đầu ra|cần đạt)|chỉ tiêu|khối lượng|mục tiêu")
_TASK_HEADER = re.compile(r"chủ trì|phối hợp|thời gian|cơ quan|đơn vị thực hiện")


def _output_column(header_line) -> int | None:
    """The output column of a task table ("Nhiệm vụ | Chủ trì | Thời gian | Sản phẩm"): the counts
    written there ("20 lớp tập huấn") are what the task must deliver."""
    header = [fold(c[2]) for c in _cells(header_line.text, header_line.start)]
    if not any(_TASK_HEADER.search(h) for h in header):
        return None
    return next((k for k, h in enumerate(header) if _OUTPUT_HEADER.search(h) and not _TASK_HEADER.search(h)), None)


# ----------------------------------------------------------------------------- entry points

def _content_start(ctx: _Ctx, line) -> int:
    sec = ctx.by_start.get(line.start)
    if sec is not None:
        return sec.heading_start
    m = re.match(r"\s*(?:(?:[a-zđ]\s*[).]|[-+*•–—·▪●○])\s*)+", line.text)
    return line.start + (m.end() if m else 0)


def find_targets(text: str, layout: Layout, meta: DocumentMeta) -> list[Target]:
    ctx = _Ctx(
        text=text, layout=layout, meta=meta,
        by_path={s.path: s for s in layout.sections},
        item_depth={it.start: it.depth for it in layout.items},
        by_start={s.start: s for s in layout.sections},
    )
    zones = [(layout.body_start, layout.body_end), (layout.annex_start, len(text))]
    out: list[Target] = []
    lines = layout.lines
    k = 0
    while k < len(lines):
        line = lines[k]
        if not any(lo <= line.start < hi for lo, hi in zones) or not line.text.strip():
            k += 1
            continue
        if line.text.count("|") >= 1 and len(_cells(line.text, line.start)) >= 2:
            block = [k]
            while k + 1 < len(lines) and "|" in lines[k + 1].text:
                k += 1
                block.append(k)
            block = [b for b in block if not re.fullmatch(r"[\s|:\-]+", lines[b].text)]
            found, handled = _table_targets(ctx, block) if len(block) >= 2 else ([], False)
            out.extend(found)
            if not handled:
                out_col = _output_column(lines[block[0]]) if len(block) >= 2 else None
                for n, b in enumerate(block):
                    cell = None
                    if out_col is not None and n > 0:
                        cells = _cells(lines[b].text, lines[b].start)
                        cell = cells[out_col][:2] if out_col < len(cells) else None
                    out.extend(_line_targets(ctx, b, _content_start(ctx, lines[b]), cell))
            k += 1
            continue
        out.extend(_line_targets(ctx, k, _content_start(ctx, line)))
        k += 1
    out.sort(key=lambda t: (t.start, t.end))
    return out


def check_targets(targets: list[Target]) -> list[Issue]:
    """Audit findings: a ratio and the percentage stated for it in the same clause disagree
    ("02/13 xã ..., đạt 25% tổng số xã": 2/13 is 15,4%)."""
    issues = []
    for a, b in zip(targets, targets[1:]):
        if a.denominator and b.unit == "%" and a.code and a.code == b.code and b.start - a.end < 80:
            share = 100.0 * a.value / a.denominator
            if abs(share - b.value) > 1.0:
                issues.append(Issue("target_ratio_mismatch",
                                    f"{a.text!r} là {share:.1f}% nhưng văn bản ghi {b.value:g}%", a.start, b.end))
    return issues


@Language.component("kehoach_targets")
def targets_component(doc):
    targets = find_targets(doc._.layout.text, doc._.layout, doc._.meta or DocumentMeta())
    doc._.targets = targets
    spans = []
    for t in targets:
        span = doc.char_span(t.start, t.end, label=t.code or "target", alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans["targets"] = spans
    if doc._.warnings is None:
        doc._.warnings = []
    doc._.warnings.extend(check_targets(targets))
    return doc
