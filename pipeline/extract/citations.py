"""Citations: every other document the plan cites by type and number (ANNOTATION.md).

A citation opens with a document-type word ("Quyết định", "kế hoạch", "CHỈ THỊ", "QĐ")
followed, perhaps after "số", by a number with a symbol (263/QĐ-TTg, 12-NQ/TU,
45/2019/QH14), then optionally a date, further numbers sharing the type, and the issuer
after "của". A type word separated from "số <number>" by a proper name ("Luật Phòng,
chống thiên tai số 33/2013/QH13", "Quyết định của Thủ tướng Chính phủ số 263/QĐ-TTg")
is accepted only when the symbol agrees with the type, which is what keeps "Tiêu chí số
17" or an unrelated number further along the sentence out.

Every word list and regular-expression part lives under models/ (doc_types.yml,
issuer_codes.yml, patterns/citations.jsonl); this module only composes them.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language

from ..nlp import set_spans
from ..normalize import VI_UPPER, fold
from ..records import Citation, DocumentMeta, Issue, Span
from ..resources import load_jsonl, load_yaml
from ..segment import Layout

RELATION_RANK = {"reference": 0, "implements": 1, "basis": 2}
_WORD_EDGE_L = r"(?<![^\W_])"
_WORD_EDGE_R = r"(?![^\W_])"
_MAX_ISSUER_WORDS = 18


# --------------------------------------------------------------------------- resources
@dataclass(frozen=True)
class DocType:
    name: str
    codes: frozenset[str]
    issuer_codes: frozenset[str]
    issuer_headed: bool
    name_gap: int
    short_number: bool
    generic: bool = False
    strict: bool = False


@dataclass
class Lexicon:
    types: dict[str, DocType]
    form_type: dict[str, str]  # folded form → canonical type
    abbrev_type: dict[str, str]  # abbreviation as written → canonical type
    type_re: re.Pattern
    abbrev_re: re.Pattern | None
    all_type_codes: frozenset[str]  # upper-cased
    issuer_codes: dict[str, str]
    issuer_codes_ci: dict[str, str]
    abbrev_issuer_re: re.Pattern
    abbrev_issuer: dict[str, str]  # abbreviation (single-spaced) → expansion
    bodies: dict[str, str]  # folded → official spelling
    protected_re: re.Pattern
    numbers: dict[str, re.Pattern]
    connectors: dict[str, re.Pattern]
    dates: dict[str, re.Pattern]
    cues: list[tuple[str, re.Pattern]]
    near: list[tuple[str, re.Pattern]]
    heading_basis: re.Pattern
    heading_practical: re.Pattern
    clause_marker: re.Pattern
    own_number_lead: re.Pattern
    joiner: re.Pattern  # between the parts of a symbol, any hyphen variant or "/"
    stops: list[tuple[str, str, str | None]] = field(default_factory=list)  # (phrase, case, next)
    open_heads: tuple[str, ...] = ()
    open_re: re.Pattern | None = None
    continuations: tuple[str, ...] = ()


def _phrase_re(phrase: str) -> str:
    return r"\s+".join(re.escape(w) for w in phrase.split())


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    spec = load_yaml("lexicons", "doc_types.yml")
    types, form_type, abbrev_type = {}, {}, {}
    for name, d in spec.items():
        types[name] = DocType(
            name=name,
            codes=frozenset(d.get("codes") or ()),
            issuer_codes=frozenset(d.get("issuer_codes") or ()),
            issuer_headed=bool(d.get("issuer_headed")),
            name_gap=int(d.get("name_gap", 60)),
            short_number=bool(d.get("short_number")),
            generic=bool(d.get("generic")),
            strict=bool(d.get("strict")),
        )
        for f in d.get("forms") or ():
            form_type[fold(f)] = name
        for a in d.get("abbreviations") or ():
            abbrev_type[a] = name
    forms = sorted(form_type, key=len, reverse=True)
    type_re = re.compile(_WORD_EDGE_L + "(?:" + "|".join(_phrase_re(f) for f in forms) + ")" + _WORD_EDGE_R, re.I)
    abbrevs = sorted(abbrev_type, key=len, reverse=True)
    abbrev_re = (re.compile(r"(?<![\w/\-])(?:" + "|".join(map(re.escape, abbrevs)) + r")(?![\w/\-])")
                 if abbrevs else None)
    all_codes = frozenset(c.upper() for t in types.values() for c in t.codes)

    iss = load_yaml("lexicons", "issuer_codes.yml")
    codes = dict(iss["codes"])
    abbrev_issuer = dict(iss["abbreviations"])
    keys = sorted(abbrev_issuer, key=len, reverse=True)
    # "TP.HCM" is a name of its own, not "thành phố" + ".HCM"
    abbrev_issuer_re = re.compile(r"(?<![^\W_&.])(?:" + "|".join(_phrase_re(k) for k in keys) + r")(?![^\W_&]|\.[^\W_])")
    bodies = {fold(b): b for b in list(codes.values()) + list(iss.get("bodies") or ())}
    frags = sorted(iss.get("protected_fragments") or (), key=len, reverse=True)
    protected_re = re.compile("(?:" + "|".join(_phrase_re(f) for f in frags) + ")" + _WORD_EDGE_R, re.I)

    rows = load_jsonl("patterns", "citations.jsonl")
    frag = {r["id"]: r["pattern"] for r in rows if r["kind"] == "fragment"}

    def expand(p: str) -> str:
        # fragments may use fragments ({joiner} holds {dash})
        for _ in range(5):
            q = re.sub(r"\{([A-Za-z_][\w.]*)\}", lambda m: frag.get(m.group(1), m.group()), p)
            if q == p:
                break
            p = q
        return p

    numbers = {r["id"].split(".", 1)[1]: re.compile(expand(r["pattern"])) for r in rows if r["kind"] == "number"}
    connectors = {r["id"]: re.compile(expand(r["pattern"])) for r in rows if r["kind"] == "connector"}
    dates = {r["id"]: re.compile(expand(r["pattern"])) for r in rows if r["kind"] == "date"}
    cues = [(r["relation"], re.compile(expand(r["pattern"]) + _WORD_EDGE_R)) for r in rows if r["kind"] == "cue"]
    near = [(r["relation"], re.compile(expand(r["pattern"]))) for r in rows if r["kind"] == "near"]
    heading = next(re.compile(r["pattern"]) for r in rows if r["id"] == "heading.basis")
    practical = next(re.compile(r["pattern"]) for r in rows if r["id"] == "heading.practical")
    own = next(re.compile(r["pattern"]) for r in rows if r["kind"] == "header")
    stops = sorted(((r["phrase"], r.get("case", "any"), r.get("next")) for r in rows if r["kind"] == "issuer_stop"),
                   key=lambda s: -len(s[0]))
    open_phrases = [r["phrase"] for r in rows if r["kind"] == "issuer_open_head"]
    continuations = sorted((r["phrase"] for r in rows if r["kind"] == "issuer_continue"), key=len, reverse=True)
    return Lexicon(
        types=types, form_type=form_type, abbrev_type=abbrev_type, type_re=type_re, abbrev_re=abbrev_re,
        all_type_codes=all_codes, issuer_codes=codes, issuer_codes_ci={k.upper(): v for k, v in codes.items()},
        abbrev_issuer_re=abbrev_issuer_re, abbrev_issuer={" ".join(k.split()): v for k, v in abbrev_issuer.items()},
        bodies=bodies, protected_re=protected_re,
        numbers=numbers, connectors=connectors, dates=dates, cues=cues, near=near,
        heading_basis=heading, heading_practical=practical,
        clause_marker=re.compile(frag["clause.marker"]), own_number_lead=own, joiner=re.compile(expand(frag["joiner"])),
        stops=stops,
        open_heads=tuple(fold(p) for p in open_phrases),
        open_re=re.compile("(?:" + "|".join(map(_phrase_re, open_phrases)) + ")" + _WORD_EDGE_R, re.I),
        continuations=tuple(continuations),
    )


# --------------------------------------------------------------------------- numbers
@dataclass(frozen=True)
class Number:
    start: int
    end: int
    number: str  # as written, spaces removed
    numeric: str
    year: int | None
    symbol: str | None
    kind: str  # party | state | short | bare


def _code_like(part: str) -> bool:
    """A symbol code has two capitals (QĐ, TTg, CTr, ThU) or is one capital letter.

    This is what stops "12/KH-UBND - Kế hoạch" from reading "Kế" as a code.
    """
    letters = [c for c in part if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 or (len(letters) == 1 and upper == 1)


def _trim_symbol(text: str, start: int, end: int) -> int | None:
    """End of the longest prefix of text[start:end] whose every code is code-like."""
    last_good = None
    pos = start
    for m in lexicon().joiner.finditer(text[start:end]):
        part = text[pos:start + m.start()]
        if not _code_like(part):
            return last_good
        last_good = start + m.start()
        pos = start + m.end()
    if _code_like(text[pos:end]):
        return end
    return last_good


def parse_number(text: str, pos: int, allow: tuple[str, ...] = ("party", "state")) -> Number | None:
    """The document number that starts exactly at `pos`, if any."""
    lex = lexicon()
    if pos > 0 and (text[pos - 1].isalnum()):
        return None
    for kind in allow:
        m = lex.numbers[kind].match(text, pos)
        if not m:
            continue
        end = m.end()
        symbol = None
        if "sym" in m.re.groupindex and m.group("sym") is not None:
            s_end = _trim_symbol(text, m.start("sym"), m.end("sym"))
            if s_end is None:
                continue
            end = s_end
            symbol = re.sub(r"\s+", "", text[m.start("sym"):end])
        if end < len(text) and (text[end].isalnum() or text[end] in "/"):
            continue
        year = m.group("year") if "year" in m.re.groupindex else None
        return Number(pos, end, re.sub(r"\s+", "", text[pos:end]), m.group("num"),
                      int(year) if year else None, symbol, kind)
    return None


def symbol_head(symbol: str | None) -> str | None:
    """The first code of a symbol, trailing digits dropped (QĐ-TTg → QĐ, QH14 → QH, NQ/TU → NQ)."""
    if not symbol:
        return None
    head = lexicon().joiner.split(symbol, maxsplit=1)[0]
    return re.sub(r"\d+$", "", head) or head


def _lookup_issuer_code(code: str) -> str | None:
    lex = lexicon()
    code = code.strip()
    for c in (code, re.sub(r"\d+$", "", code)):
        if c in lex.issuer_codes:
            return lex.issuer_codes[c]
        if c.upper() in lex.issuer_codes_ci:
            return lex.issuer_codes_ci[c.upper()]
    return None


def decode_issuing_body(symbol: str | None) -> str | None:
    """The body a symbol names: QĐ-TTg → Thủ tướng Chính phủ, NQ/TU → Tỉnh ủy, QH14 → Quốc hội."""
    if not symbol:
        return None
    lex = lexicon()
    parts = [p for p in lex.joiner.split(symbol) if p]
    if not parts:
        return None
    head = re.sub(r"\d+$", "", parts[0]).upper()
    if head not in lex.all_type_codes:
        # A Công văn (UBND-NN) or a law (QH14): the symbol opens with its issuer.
        return _lookup_issuer_code(parts[0])
    rest = parts[1:]
    if not rest:
        return None
    if head.endswith("LT"):
        # Joint documents (TTLT-BTC-BNV) name every issuer.
        names = [n for n in (_lookup_issuer_code(p) for p in rest) if n]
        return ", ".join(dict.fromkeys(names)) or None
    return _lookup_issuer_code(rest[0])


def _names_several_issuers(symbol: str | None) -> bool:
    """A joint document: TTLT-BTC-BNV, NQLT-CP-UBTWMTTQVN, KH-UBND-MTTQ (the issuer code after the type repeats)."""
    if not symbol:
        return False
    lex = lexicon()
    parts = [p for p in lex.joiner.split(symbol) if p]
    head = re.sub(r"\d+$", "", parts[0]).upper() if parts else ""
    if head.endswith("LT"):
        return True
    return head in lex.all_type_codes and sum(1 for p in parts[1:] if _lookup_issuer_code(p)) >= 2


def agrees(doc_type: DocType, symbol: str | None) -> bool:
    """Does the symbol belong to a document of this type (QĐ-... for Quyết định, QH14 for Luật)?"""
    head = symbol_head(symbol)
    if head is None:
        return False
    if doc_type.generic:
        return True
    up = head.upper()
    if up in {c.upper() for c in doc_type.codes} or up in {c.upper() for c in doc_type.issuer_codes}:
        return True
    return doc_type.issuer_headed and up not in lexicon().all_type_codes


# --------------------------------------------------------------------------- dates
def _parse_date_at(text: str, pos: int) -> tuple[str, int] | None:
    """(ISO date, end) for a date introduced at `pos` (", ngày 13/3/2024", " ngày 08 tháng 3 năm 2022")."""
    lex = lexicon()
    lead = lex.connectors["date.lead"].match(text, pos)
    if lead:
        for rx in lex.dates.values():
            m = rx.match(text, lead.end())
            if m:
                iso = _iso(m)
                if iso:
                    end = m.end()
                    # "(ngày 20/02/2024) của ...": the bracket closes before the issuer
                    close = re.match(r"\s*\)", text[end:end + 3]) if "(" in lead.group() else None
                    return iso, end + (close.end() if close else 0)
    lead = lex.connectors["date.bare_lead"].match(text, pos)
    if lead:
        m = lex.dates["date.numeric"].match(text, lead.end())
        if m and m.group("sep") == "/":
            iso = _iso(m)
            if iso:
                return iso, m.end()
    return None


def _iso(m: re.Match) -> str | None:
    try:
        return _dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d"))).isoformat()
    except ValueError:
        return None


# --------------------------------------------------------------------------- issuers
_TOKEN = re.compile(r"[^\s,;:()\[\]{}|“”\"'.]+(?:\.[^\s,;:()\[\]{}|“”\"'.]+)*")
_HARD_STOP = set(",;:()[]{}|“”\"'.")


def _stop_here(text: str, i: int, open_tail: bool) -> bool:
    lex = lexicon()
    for phrase, case, nxt in lex.stops:
        if case == "lower" and open_tail:
            continue
        seg = text[i:i + len(phrase) + 1]
        head = seg[:len(phrase)]
        if (head.lower() == phrase) if case == "any" else (head == phrase):
            after = i + len(phrase)
            if after < len(text) and (text[after].isalnum() or text[after] in "/&"):
                continue
            if nxt == "digit" and not re.match(r"\s*:?\s*\d", text[after:after + 6]):
                continue
            return True
    # the next citation ("..., Kế hoạch số 5/KH-UBND")
    m = lex.type_re.match(text, i)
    if m and re.match(r"\s*(?:(?i:số)|\d)", text[m.end():m.end() + 6]):
        return True
    return False


def _continues(text: str, i: int) -> int:
    """Length of a level word at `i` that may still belong to an issuer ("tỉnh", "khóa").

    Case is ignored: province-level cities write their level word with a capital
    ("Ủy ban nhân dân Thành phố Hà Nội"), and a cut there would leave "... Thành".
    """
    for w in lexicon().continuations:
        if text[i:i + len(w)].lower() == w and (i + len(w) == len(text) or not text[i + len(w)].isalnum()):
            return len(w)
    return 0


def _joint_body_after(text: str, i: int, limit: int) -> bool:
    """ "và" + another known body: a joint issuer ("của Bộ Tài chính và Bộ Nội vụ")."""
    m = re.match(r"(?i:và)\s+", text[i:i + 8])
    if not m:
        return False
    rest = fold(text[i + m.end():min(limit, i + m.end() + 80)])
    return any(rest.startswith(b) and (len(rest) == len(b) or not rest[len(b)].isalnum())
               for b in lexicon().bodies)


def scan_issuer(text: str, pos: int, limit: int | None = None, joint: bool = False) -> tuple[int, int] | None:
    """Span of the issuer that starts at `pos` (right after "của"), or None.

    `joint`: the symbol names several issuers (TTLT-BTC-BNV), so "A và B" is one issuer; otherwise
    "của UBND tỉnh và Sở Y tế hướng dẫn" may well give Sở Y tế a clause of its own.
    """
    lex = lexicon()
    limit = len(text) if limit is None else limit
    i, end, words = pos, None, []
    open_tail = complete = False
    while i < limit and len(words) < _MAX_ISSUER_WORDS:
        pm = lex.protected_re.match(text, i) or (lex.open_re.match(text, i) if i == pos else None)
        cont = _continues(text, i)
        if pm and pm.end() <= limit:
            tok_end = pm.end()
        elif cont and i + cont <= limit:
            tok_end = i + cont  # "thành phố", "nhiệm kỳ" as one word
        else:
            if _stop_here(text, i, open_tail):
                break
            if complete and text[i].islower():
                if not (joint and _joint_body_after(text, i, limit)):
                    break
                complete = False  # the second body is read whole ("Bộ Nội vụ")
            tm = _TOKEN.match(text, i)
            if not tm or tm.end() > limit:
                break
            tok = tm.group()
            if tok.lower() == "và":
                nxt = _TOKEN.match(text, tm.end() + 1) if tm.end() < limit else None
                if not nxt or not nxt.group()[:1].isupper() or _stop_here(text, nxt.start(), open_tail):
                    break
            if tok[:1].isdigit() and (len(tok) > 3 or "/" in tok or not words):
                break
            tok_end = tm.end()
        words.append(text[i:tok_end])
        end = tok_end
        so_far = fold(expand_issuer(" ".join(words)))
        if not open_tail and (so_far in lex.open_heads or (pm is not None and pm.re is lex.open_re)):
            open_tail = True
        if not open_tail:
            # a known body ("Thủ tướng Chính phủ") or a place after a level word ("tỉnh Lạng Sơn")
            placed = len(words) > 1 and words[-1][:1].isupper() and _continues(words[-2], 0) == len(words[-2])
            complete = complete or so_far in lex.bodies or placed
        # what follows the word: one space goes on, punctuation or a spaced dash ends the issuer
        j = tok_end
        if j < limit and text[j] == "." and text[i:j] + "." in lex.abbrev_issuer \
                and re.match(rf"\.\s+[{VI_UPPER}]", text[j:min(limit, j + 4)]):
            # "UBND TP. Cần Thơ": the dot closes an abbreviation, the name goes on
            j = tok_end = j + 1
            words[-1] = text[i:tok_end]
            end = tok_end
        if j >= limit or text[j] in _HARD_STOP or text[j] == "\n":
            break
        k = j
        while k < limit and text[k] == " ":
            k += 1
        if k >= limit or k == j:
            break
        if text[k] in "-–":
            break
        i = k
    if end is None or end <= pos:
        return None
    return pos, end


def expand_issuer(raw: str) -> str:
    """Abbreviations expanded, official spelling for well-known bodies."""
    lex = lexicon()
    out = lex.abbrev_issuer_re.sub(lambda m: lex.abbrev_issuer[" ".join(m.group().split())], raw)
    out = re.sub(r"\s+", " ", out).strip(" ,;:-–")
    return lex.bodies.get(fold(out), out)


# --------------------------------------------------------------------------- mentions
@dataclass
class Mention:
    doc_type: str
    num: Number
    start: int
    end: int
    date: str | None = None
    issuer: str | None = None
    type_start: int = 0
    rule: str = ""
    relation: str = "reference"


@dataclass
class _Hit:
    start: int
    end: int
    doc_type: str
    abbrev: bool


def _type_hits(text: str) -> list[_Hit]:
    lex = lexicon()
    hits = [_Hit(m.start(), m.end(), lex.form_type[fold(re.sub(r"\s+", " ", m.group()))], False)
            for m in lex.type_re.finditer(text)]
    if lex.abbrev_re is not None:
        hits += [_Hit(m.start(), m.end(), lex.abbrev_type[m.group()], True) for m in lex.abbrev_re.finditer(text)]
    hits.sort(key=lambda h: (h.start, -h.end))
    return hits


def _tail(text: str, pos: int, mentions: list[Mention], dtype: DocType, limit: int) -> int:
    """Dates, further list numbers and the issuer after the first number; returns the end."""
    lex = lexicon()
    first_head = symbol_head(mentions[0].num.symbol)
    while True:
        d = _parse_date_at(text, pos)
        if d and mentions[-1].date is None:
            mentions[-1].date, pos = d[0], d[1]
            mentions[-1].end = pos
        lm = lex.connectors["list"].match(text, pos)
        if lm:
            n = parse_number(text, lm.end(), ("party", "state"))
            if n and (agrees(dtype, n.symbol) or symbol_head(n.symbol) == first_head):
                mentions.append(Mention(dtype.name, n, n.start, n.end, type_start=mentions[0].type_start,
                                        rule="list"))
                pos = n.end
                continue
        break
    im = lex.connectors["issuer.lead"].match(text, pos)
    if im:
        span = scan_issuer(text, im.end(), limit, joint=_names_several_issuers(mentions[0].num.symbol))
        if span:
            issuer = expand_issuer(text[span[0]:span[1]])
            for m in mentions:
                m.issuer = issuer
            pos = span[1]
            mentions[-1].end = pos
            if mentions[-1].date is None:
                d = _parse_date_at(text, pos)
                if d:
                    mentions[-1].date, pos = d
                    mentions[-1].end = pos
    # A date written once after the last number of a list belongs to the undated ones before
    # it, unless a number's own year says otherwise.
    shared = mentions[-1].date
    if shared and len(mentions) > 1:
        for m in mentions[:-1]:
            if m.date is None and (m.num.year is None or m.num.year == int(shared[:4])):
                m.date = shared
    return pos


class _Taken:
    """Character spans already read as citations (they never overlap)."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]

    def starts_within(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, start)
        return i < len(self.starts) and self.starts[i] < end


def _line_end(text: str, pos: int) -> int:
    e = text.find("\n", pos)
    return len(text) if e < 0 else e


_NEXT_CELL = re.compile(r"\s*\|\s*(?:(?i:ngày)\s*)?")


def _direct(text: str, hit: _Hit) -> list[Mention] | None:
    """Type word + [số] + number (+ tail)."""
    lex = lexicon()
    dtype = lex.types[hit.doc_type]
    limit = _line_end(text, hit.end)
    conn = lex.connectors["so"].match(text, hit.end)
    rule = "direct"
    pos = conn.end()
    has_so = bool(re.search(r"(?i:số)", conn.group()))
    n = parse_number(text, pos, ("party", "state"))
    if n is None:
        line_start = text.rfind("\n", 0, hit.start) + 1
        cell_alone = re.search(r"(?:^|\|)\s*$", text[line_start:hit.start]) is not None
        cm = lex.connectors["table_cell"].match(text, hit.end)
        if cell_alone and cm:
            n = parse_number(text, cm.end(), ("party", "state"))
            rule = "table"
    capitalized = hit.abbrev or text[hit.start].isupper()
    if n is None and dtype.short_number and capitalized:
        n = parse_number(text, pos, ("short",))
        rule = "short"
    if n is None and has_so and capitalized:
        # "Chỉ thị số 05 ngày 15/5/2016": a plain number is a document only when a date follows;
        # "Phương án số 2 của Kế hoạch này" is an option inside a plan, not a citation.
        b = parse_number(text, pos, ("bare",))
        if b and _parse_date_at(text, b.end):
            n, rule = b, "bare"
    if n is None:
        return None
    # A lower-case word ("pháp luật số ...", "văn bản ...") or an abbreviation is a type
    # only when the symbol says so too.
    if n.kind in ("party", "state") and (hit.abbrev or dtype.strict or not capitalized) and not agrees(dtype, n.symbol):
        return None
    if hit.abbrev:
        rule = "abbreviation"
    mentions = [Mention(dtype.name, n, hit.start, n.end, type_start=hit.start, rule=rule)]
    end = _tail(text, n.end, mentions, dtype, limit)
    if rule == "table":
        # the date may stand in the next cell
        cm = _NEXT_CELL.match(text, end)
        if cm and mentions[-1].date is None:
            dm = lex.dates["date.numeric"].match(text, cm.end())
            if dm and _iso(dm):
                mentions[-1].date = _iso(dm)
                mentions[-1].end = dm.end()
    return mentions


def _gap(text: str, hits: list[_Hit], taken: _Taken) -> list[Mention]:
    """Type word … proper name … "số <number>": only when the symbol agrees with the type."""
    lex = lexicon()
    out: list[Mention] = []
    so_before = re.compile(r"(?<![^\W_])(?i:số)\s*[:.]?\s*$")
    hit_starts = [h.start for h in hits]
    for m in re.finditer(r"\d", text):
        pos = m.start()
        if pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "/-."):
            continue
        if taken.covers(pos):
            continue
        n = parse_number(text, pos, ("party", "state"))
        if n is None:
            continue
        line_start = text.rfind("\n", 0, pos) + 1
        so = so_before.search(text, max(line_start, pos - 16), pos)
        if not so:
            continue
        lo = bisect.bisect_left(hit_starts, line_start)
        hi = bisect.bisect_left(hit_starts, so.start())
        cands = [h for h in hits[lo:hi] if h.end <= so.start() and not h.abbrev and not taken.covers(h.start)]
        for h in sorted(cands, key=lambda h: -h.start):
            dtype = lex.types[h.doc_type]
            gap = text[h.end:so.start()]
            if re.search(r"[;|]|\.\s|\.$", gap) or taken.starts_within(h.end, so.start()):
                break  # another sentence, cell or citation stands between them
            if len(gap) > dtype.name_gap or not agrees(dtype, n.symbol):
                continue
            mention = Mention(dtype.name, n, h.start, n.end, type_start=h.start, rule="gap")
            end = _tail(text, n.end, [mention], dtype, _line_end(text, pos))
            gm = re.match(r"\s*,?\s*(?i:của)\s+", gap)
            if gm and mention.issuer is None:
                span = scan_issuer(text, h.end + gm.end(), so.start())
                if span:
                    mention.issuer = expand_issuer(text[span[0]:span[1]])
                    mention.rule = "gap.issuer_first"
            if mention.date is None:
                dm = re.search(r"(?i:ngày)\s*", gap)
                if dm:
                    d = _parse_date_at(text, h.end + dm.start())
                    if d:
                        mention.date = d[0]
            mention.end = max(end, mention.end)
            out.append(mention)
            taken.add(h.start, mention.end)
            break
    return out


# --------------------------------------------------------------------------- relation
def _preamble_end(layout: Layout) -> int:
    if layout.sections:
        return layout.body_start
    # No numbered sections: the preamble is the run of "Căn cứ"/"Thực hiện" lines after the title.
    lex = lexicon()
    end = layout.body_start
    first = (layout.title_line or 0) + 1
    in_block = False
    for ln in layout.lines[first:first + 40]:
        t = ln.text.strip()
        if not t:
            continue
        bullet = re.match(r"^(?:[-+*•–]|[a-zđ]\))", t) is not None
        body = lex.clause_marker.sub("", t, count=1)
        if any(rx.match(body) for _, rx in lex.cues):
            end, in_block = ln.end + 1, True
        elif bullet and in_block:
            end = ln.end + 1  # "Căn cứ:" followed by its list
        elif bullet:
            break
        else:
            in_block = False
    return max(end, layout.body_start)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ])")


def _clause_cue(text: str, seg_start: int, seg_end: int) -> tuple[str | None, bool]:
    """Cue of the clause that governs seg_end within [seg_start, seg_end).

    Returns (relation or None, reached the segment start without a sentence boundary).
    Clauses after a ";" inherit the cue of the clause before ("Căn cứ A; B; C").
    """
    lex = lexicon()
    seg = text[seg_start:seg_end]
    bounds = [(m.start(), m.end(), "sentence") for m in _SENTENCE_END.finditer(seg)]
    bounds += [(m.start(), m.end(), "clause") for m in re.finditer(r";\s*", seg)]
    bounds.sort()
    starts = [(0, None)] + [(e, kind) for _, e, kind in bounds]
    for idx in range(len(starts) - 1, -1, -1):
        s, _ = starts[idx]
        clause = seg[s:]
        body = clause[lex.clause_marker.match(clause).end():]
        for rel, rx in lex.cues:
            if rx.match(body):
                return rel, False
        kind_before = starts[idx][1]
        if kind_before == "sentence":
            return None, False
    return None, True


def _relation(text: str, layout: Layout, mention: Mention, preamble_end: int, sections: dict) -> str:
    lex = lexicon()
    ts = mention.type_start
    if ts < preamble_end:
        line = layout.line_at(ts)
        rel, open_start = _clause_cue(text, line.start, ts)
        idx = layout.lines.index(line) if rel is None and open_start else None
        hops = 0
        # A bullet or a lower-case continuation under "Căn cứ:" inherits the cue above it.
        while rel is None and idx is not None and idx > 0 and hops < 6:
            cur = layout.lines[idx].text.strip()
            prev_i = idx - 1
            while prev_i > 0 and not layout.lines[prev_i].text.strip():
                prev_i -= 1
            prev = layout.lines[prev_i]
            if not (re.match(r"^(?:[-+*•–]|[a-zđ]\))", cur) or cur[:1].islower() or prev.text.rstrip().endswith(":")):
                break
            if layout.title_line is not None and prev_i <= layout.title_line:
                break
            rel, open_start = _clause_cue(text, prev.start, prev.end)
            if rel is None and not open_start:
                break
            idx, hops = prev_i, hops + 1
        if rel:
            return rel
        before = text[max(line.start, ts - 40):ts]
        for r, rx in lex.near:
            if rx.search(before):
                return r
        return "reference"
    sec = layout.section_at(ts)
    while sec is not None:
        if lex.heading_practical.search(sec.heading or ""):
            break
        if lex.heading_basis.search(sec.heading or ""):
            line = layout.line_at(ts)
            rel, _ = _clause_cue(text, line.start, ts)
            return "implements" if rel == "implements" else "basis"
        sec = sections.get(sec.parent) if sec.parent else None
    return "reference"


# --------------------------------------------------------------------------- own number
def _own_numbers(text: str, layout: Layout, meta: DocumentMeta | None) -> set[str]:
    lex = lexicon()
    own = set()
    if meta is not None and meta.number:
        own.add(_key_number(meta.number))
    if layout.title_line is not None:
        header_end = layout.lines[layout.title_line].start
    else:
        header_end = min(layout.body_start, 1500) if layout.body_start else 1500
    for m in lex.own_number_lead.finditer(text, 0, header_end):
        n = parse_number(text, m.end(), ("party", "state"))
        if n:
            own.add(_key_number(n.number))
    if layout.title_line is not None:
        # a heading that carries its number: "KẾ HOẠCH SỐ 12/KH-UBND"
        title = layout.lines[layout.title_line]
        m = lex.type_re.match(text, title.start)
        so = re.compile(r"\s*(?i:số)\s*:?\s*").match(text, m.end()) if m else None
        n = parse_number(text, so.end(), ("party", "state")) if so else None
        if n and n.end <= title.end:
            own.add(_key_number(n.number))
    return own


def _key_number(number: str) -> str:
    # "57‑NQ/TW" typed with Word's non-breaking hyphen is the same document as "57-NQ/TW"
    return lexicon().joiner.sub(lambda m: "/" if "/" in m.group() else "-", re.sub(r"\s+", "", fold(number)))


def _is_self(m: Mention, own: set[str], meta: DocumentMeta | None) -> bool:
    """The plan's own number ("Kế hoạch số 15/KH-UBND" in an annex heading, a decision's plan).

    Numbers repeat across issuers (a commune's 15/KH-UBND and the district's), so a mention
    whose date or issuer differs from the document's own is someone else's document.
    """
    if _key_number(m.num.number) not in own:
        return False
    if meta is None:
        return True
    if m.date and meta.issue_date and not m.date.startswith(meta.issue_date):
        return False
    if m.issuer and meta.issuer:
        a, b = fold(m.issuer), fold(meta.issuer)
        if not (a.startswith(b) or b.startswith(a)):
            return False
    return True


# --------------------------------------------------------------------------- public API
def find_mentions(text: str, layout: Layout, meta: DocumentMeta | None = None) -> list[Mention]:
    """Every citation mention in document order (before grouping by document)."""
    hits = _type_hits(text)
    taken = _Taken()
    mentions: list[Mention] = []
    for h in hits:
        if taken.covers(h.start):
            continue
        found = _direct(text, h)
        if found:
            mentions.extend(found)
            taken.add(h.start, max(f.end for f in found))
    mentions.extend(_gap(text, hits, taken))
    own = _own_numbers(text, layout, meta)
    mentions = [m for m in mentions if not _is_self(m, own, meta)]
    mentions.sort(key=lambda m: m.start)
    p_end = _preamble_end(layout)
    sections = {s.path: s for s in layout.sections}
    for m in mentions:
        m.relation = _relation(text, layout, m, p_end, sections)
    return mentions


def find_citations(text: str, layout: Layout, meta: DocumentMeta | None = None) -> list[Citation]:
    """One Citation per distinct (doc_type, number), in order of first mention."""
    groups: dict[tuple[str, str], list[Mention]] = {}
    for m in find_mentions(text, layout, meta):
        groups.setdefault((m.doc_type, _key_number(m.num.number)), []).append(m)
    out = []
    for ms in groups.values():
        first = ms[0]
        date = next((m.date for m in ms if m.date), None)
        issuer = first.issuer
        for m in ms[1:]:
            # a later mention that names the issuer more fully ("UBND tỉnh Lạng Sơn") wins
            if m.issuer and (issuer is None or (fold(m.issuer).startswith(fold(issuer)) and len(m.issuer) > len(issuer))):
                issuer = m.issuer
        relation = max((m.relation for m in ms), key=RELATION_RANK.__getitem__)
        n = first.num
        out.append(Citation(
            text=text[first.start:first.end], start=first.start, end=first.end,
            doc_type=first.doc_type, number=n.number, date=date, issuer=issuer, relation=relation,
            section=layout.path_at(first.start), numeric=n.numeric,
            year=n.year or (int(date[:4]) if date else None), symbol=n.symbol,
            issuing_body=decode_issuing_body(n.symbol),
            mentions=tuple(Span(m.start, m.end, text[m.start:m.end]) for m in ms), rule=first.rule,
        ))
    return out


def number_year(number: str) -> int | None:
    """The year written inside a number (27/2022/NĐ-CP → 2022), else None."""
    m = re.search(r"/\s*((?:19|20)\d{2})\s*(?:/|$)", number)
    return int(m.group(1)) if m else None


def citation_issues(citations: list[Citation]) -> list[Issue]:
    """citation_year_mismatch where the number's year and the date's year disagree."""
    out = []
    for c in citations:
        y = number_year(c.number)
        if y and c.date and int(c.date[:4]) != y:
            out.append(Issue("citation_year_mismatch",
                             f"{c.doc_type} {c.number}: năm trong số hiệu ({y}) khác năm ban hành ({c.date[:4]})",
                             c.start, c.end))
    return out


@Language.component("kehoach_citations")
def citations_component(doc):
    # layout.text, not doc.text: spaCy rebuilds doc.text from the tokens on every access
    doc._.citations = find_citations(doc._.layout.text, doc._.layout, doc._.meta)
    set_spans(doc, "citations", doc._.citations, "doc_type")
    if doc._.warnings is None:
        doc._.warnings = []
    doc._.warnings.extend(citation_issues(doc._.citations))
    return doc
