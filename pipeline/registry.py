"""Canonical names and a registry of the public bodies that plans assign work to.

A body is written many ways: "Phòng NN&PTNT", "Phòng Nông nghiệp và PTNT", "phòng Nông nghiệp
và Phát triển nông thôn". Fuzzy scores alone confuse different bodies (WRatio puts "Phòng
NN&PTNT" at 85.5 against both "Phòng Nông nghiệp và Phát triển nông thôn" and "Phòng Tài
nguyên và Môi trường"), so names are compared only after their abbreviations are expanded
(models/lexicons/abbreviations.yml), and two names are one body only when their level and
place agree exactly and their kinds (the name without the place) are near-identical.

    document_abbreviations(text)   the codes a document defines for itself ("... Đồng Văn (CVĐC)")
    canonical_name(mention, meta)  the annotation's canonical name of one mention
    search_key(name)               accent-insensitive, expanded, lower-case key for search
    unify_names(names, meta)       one name per body within a document
    AgencyRegistry                 bodies across documents, each with a stable agency_id
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import yaml
from rapidfuzz import fuzz

from .normalize import fix_tone_marks, strip_accents
from .resources import model_path

# Kinds within one level and place are one body when their keys score at least this
# (rapidfuzz.fuzz.ratio on search keys): spelling slips merge, "nội vụ"/"ngoại vụ" (86) do not.
SHIPPED_THRESHOLD = 92.0

_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"


# ---------------------------------------------------------------------------- lexicon loading

class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """yaml.safe_load keeps the last of two equal keys; a lexicon must not have any. (The libyaml parser
    when there is one: the pure-Python one takes a third of a second over the kinds lexicon.)"""


def _construct_unique_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise ValueError(f"duplicate key {key!r} (line {key_node.start_mark.line + 1})")
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping)


def load_lexicon(name: str):
    """A YAML lexicon under models/lexicons, rejecting duplicate keys."""
    with model_path("lexicons", name).open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_UniqueKeyLoader)


@dataclass(frozen=True)
class Abbreviation:
    key: str
    full: str
    before: re.Pattern | None = None
    dash_only: bool = False
    preceded_by: re.Pattern | None = None


@lru_cache(maxsize=1)
def abbreviations() -> tuple[Abbreviation, ...]:
    out = []
    for key, value in load_lexicon("abbreviations.yml").items():
        alts = value if isinstance(value, list) else [{"full": value}]
        for alt in alts:
            before = re.compile(alt["before"]) if alt.get("before") else None
            preceded = re.compile(alt["preceded_by"] + r"\Z") if alt.get("preceded_by") else None
            out.append(Abbreviation(str(key), alt["full"], before, bool(alt.get("dash_only")), preceded))
    return tuple(out)


@lru_cache(maxsize=1)
def kinds_lexicon() -> dict:
    return load_lexicon("agency_kinds.yml")


def _key_regex(key: str) -> str:
    parts = []
    for ch in key:
        if ch == "&":
            parts.append(r"\s*(?:&|và)\s*")
        elif ch in "-–":
            parts.append(r"\s*[-–—]\s*")
        elif ch == " ":
            parts.append(r"\s*")
        elif ch == ",":
            parts.append(r"\s*,\s*")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


@lru_cache(maxsize=1)
def _abbr_index() -> tuple[re.Pattern, dict[str, list[Abbreviation]], list[tuple[re.Pattern, list[Abbreviation]]]]:
    by_key: dict[str, list[Abbreviation]] = {}
    for a in abbreviations():
        by_key.setdefault(a.key, []).append(a)
    keys = sorted(by_key, key=len, reverse=True)
    compiled = [(re.compile(_key_regex(k) + r"\Z"), by_key[k]) for k in keys]
    big = re.compile(r"(?<![\w])(?:" + "|".join(_key_regex(k) for k in keys) + r")(?![\w])")
    return big, by_key, compiled


_DASH_BEFORE = re.compile(r"[-–—&]\s*$")
_DASH_AFTER = re.compile(r"^\s*[-–—&]")


def _choose_expansion(text: str, m: re.Match) -> str | None:
    _, _, compiled = _abbr_index()
    matched = m.group(0)
    for rx, alts in compiled:
        if not rx.match(matched):
            continue
        after = text[m.end():]
        before = text[:m.start()]
        for a in alts:
            if a.dash_only and not (_DASH_BEFORE.search(before) or _DASH_AFTER.match(after)):
                continue
            if a.before is not None and not a.before.match(after):
                continue
            if a.preceded_by is not None and not a.preceded_by.search(before):
                continue
            return a.full
        return None
    return None


def expand_mapped(text: str, local: "LocalAbbreviations | None" = None) -> tuple[str, list[int], list[int]]:
    """Expand abbreviations; for each output character, the source span [start, end) it came from.
    `local` adds the codes a document defines for itself (document_abbreviations)."""
    big, _, _ = _abbr_index()
    spans: list[tuple[int, int, str]] = []
    if local:
        for m in local.rx.finditer(text):
            if _bracketed(text, m.start(), m.end()):
                continue  # "(CVĐC)" restates the name just written, or defines the code
            spans.append((m.start(), m.end(), local.expansion(m.group(0))))
    taken = iter(spans)
    nxt = next(taken, None)
    merged: list[tuple[int, int, str]] = []
    for m in big.finditer(text):
        while nxt is not None and nxt[1] <= m.start():
            merged.append(nxt)
            nxt = next(taken, None)
        if nxt is not None and nxt[0] < m.end():
            continue
        full = _choose_expansion(text, m)
        if full is not None:
            merged.append((m.start(), m.end(), full))
    while nxt is not None:
        merged.append(nxt)
        nxt = next(taken, None)
    merged.sort()
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for a, b, full in merged:
        if a < pos:
            continue
        out.append(text[pos:a])
        starts.extend(range(pos, a))
        ends.extend(range(pos + 1, a + 1))
        out.append(full)
        starts.extend([a] * len(full))
        ends.extend([b] * len(full))
        pos = b
    out.append(text[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    return "".join(out), starts, ends


def expand(text: str, local: "LocalAbbreviations | None" = None) -> str:
    return expand_mapped(text, local)[0]


# ---------------------------------------------------------------------------- codes a document defines

@dataclass(frozen=True)
class LocalAbbreviations:
    """Codes one document defines for itself: "Công viên địa chất toàn cầu UNESCO Cao nguyên đá Đồng
    Văn (CVĐC)", "... (sau đây gọi tắt là BQLDA)". `full` maps each code (spaces removed) to its name."""
    full: dict
    rx: re.Pattern
    each: tuple = ()  # (code, its own regex): which code a match of `rx` is

    def __bool__(self) -> bool:
        return bool(self.full)

    def expansion(self, written: str) -> str:
        return next(self.full[k] for k, rx in self.each if rx.fullmatch(written))

    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.full.values()))


_CODE = r"[A-ZĐ][A-ZĐ0-9&\-–]{1,11}"
_DEFINITION = re.compile(
    r"\(\s*(?:(?:sau\s+đây\s+)?(?:gọi|viết)\s+tắt\s+(?:là\s+)?|viết\s+tắt\s*:\s*)?[\"“]?(" + _CODE + r")[\"”]?\s*\)")
_WORD = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")
_FUNCTION_WORDS = {"và", "các", "của", "về", "cho", "với", "tại", "trên", ",", "-", "–"}


def _code_key(code: str) -> str:
    return re.sub(r"\s+", "", code)


def _bracketed(text: str, a: int, b: int) -> bool:
    return bool(re.search(r"\(\s*(?:(?:sau\s+đây\s+)?(?:gọi|viết)\s+tắt\s+(?:là\s+)?)?[\"“]?\Z", text[max(0, a - 40):a])) \
        and bool(re.match(r"[\"”]?\s*\)", text[b:b + 3]))


def _initial(word: str) -> str:
    return strip_accents(word[:1]).upper()


def _aligned_start(words: list[str], letters: str) -> int | None:
    """Index of the word where a name abbreviated by `letters` begins: the nearest capitalised word
    from which the letters are the initials of the following words, in order, skipping at most two
    plain words between two letters ("Văn hóa, Thể thao và Du lịch" ← VHTTDL). Words after the last letter
    stay in the name when they close it (_closes_name: "Công viên địa chất toàn cầu UNESCO ... Đồng Văn" ← CVĐC)."""
    for s in range(len(words) - 1, -1, -1):
        w = words[s]
        if not w[:1].isupper() or _initial(w) != letters[0]:
            continue
        li, gap, j = 1, 0, s + 1
        while li < len(letters) and j < len(words):
            wj = words[j]
            if wj[:1].isalpha() and _initial(wj) == letters[li]:
                li, gap = li + 1, 0
            elif wj.lower() not in _FUNCTION_WORDS:
                gap += 1
                if gap > 2:
                    break
            j += 1
        if li == len(letters) and _closes_name(words[j:]):
            return s
    return None


def _closes_name(rest: list[str]) -> bool:
    """Whether the words between a code's last letter and its bracket still belong to the name: a short tail,
    or one that ends at a place or level word ("... Cao nguyên đá Đồng Văn", "... đầu tư xây dựng huyện"),
    not a predicate ("Phòng Nội vụ tổ chức thi đua (PNV)")."""
    if len(rest) <= 2:
        return True
    if len(rest) > 8:
        return False
    last = rest[-1]
    return last[:1].isupper() or last.lower() in _level_table()[0]


def document_abbreviations(text: str) -> LocalAbbreviations:
    """The codes a document defines and the names they stand for. A code already in the lexicon keeps
    its lexicon meaning; a definition must spell its code with the initials of the name before it."""
    known = set(_abbr_index()[1])
    found: dict[str, str] = {}
    for m in _DEFINITION.finditer(text):
        code = m.group(1).rstrip("-–")
        key = _code_key(code)
        if key in known or key in found:
            continue
        letters = "".join(_initial(c) for c in code if c.isalpha())
        if len(letters) < 3:
            continue  # two letters spell too many things to be read into a whole document
        head = text[max(0, m.start() - 200):m.start()]
        head = re.split(r"[;:.()\n]", head)[-1]
        toks = [(t.group(0), t.start()) for t in _WORD.finditer(head)][-20:]
        words = [w for w, _ in toks]
        s = _aligned_start(words, letters)
        if s is None:
            continue
        name = head[toks[s][1]:].strip(" ,")
        if len(name.split()) < len(letters) // 2 + 1 or "/" in name:
            continue  # a document number ("Kế hoạch số 12/KH-UBND (KHUB)") is no name
        found[key] = expand(name)  # scanned and named like the rest of the text, its own codes expanded
    if not found:
        return LocalAbbreviations({}, re.compile(r"(?!x)x"))
    keys = sorted(found, key=len, reverse=True)
    rx = re.compile(r"(?<![\w])(?:" + "|".join(_key_regex(k) for k in keys) + r")(?![\w])")
    return LocalAbbreviations(found, rx, tuple((k, re.compile(_key_regex(k))) for k in keys))


# ---------------------------------------------------------------------------- name normal forms

@lru_cache(maxsize=1)
def _rewrites() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(p), r) for p, r in kinds_lexicon()["rewrites"])


def apply_rewrites(name: str) -> str:
    for rx, repl in _rewrites():
        name = rx.sub(repl, name)
    return name.strip()


@lru_cache(maxsize=65536)  # pure and called for every pair the registry compares
def search_key(name: str | None) -> str:
    """Accent-insensitive, abbreviation-expanded, lower-case key: what a search compares."""
    if not name:
        return ""
    text = apply_rewrites(expand(fix_tone_marks(unicodedata.normalize("NFC", name))))
    text = strip_accents(text.lower())
    text = re.sub(r"[^\w%]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


_FILLER_HEAD = re.compile(
    r"^(?:(?:kính\s+)?đề\s+nghị|giao(?:\s+cho)?|mời|đại\s+diện(?:\s+lãnh\s+đạo)?|lãnh\s+đạo|toàn\s+thể)\s+", re.I
)
_COUNT_HEAD = re.compile(r"^(?:\d+(?:[.,]\d+)?\s*%?|tất\s+cả|toàn\s+bộ)\s+(?:(?:các|những)\s+)?", re.I)


@lru_cache(maxsize=1)
def _post_and_head_phrases() -> tuple[str, ...]:
    lex = kinds_lexicon()
    phrases = {h["head"].lower() + " " for h in lex["heads"]} | {p.lower() + " " for p in lex["posts"]}
    return tuple(sorted(phrases, key=len, reverse=True))


def strip_person(name: str) -> str:
    """"Ông Hoàng Văn Vãn, CC địa chính ..." → "CC địa chính ..." (the post, not the person)."""
    lex = kinds_lexicon()
    titles = sorted(lex["person_titles"], key=len, reverse=True)
    for t in titles:
        if name.startswith(t + " "):
            rest = name[len(t) + 1:]
            break
    else:
        return name
    starts = _post_and_head_phrases()
    words = rest.split(" ")
    for i, w in enumerate(words):
        if i > 0:
            tail = " ".join(words[i:]).lower()
            if tail.startswith("cc ") or any(tail.startswith(p) for p in starts):
                return " ".join(words[i:]).lstrip(", ")
        if w.endswith(","):
            return " ".join(words[i + 1:]).lstrip(", ")
    return name


def canonical_name(mention: str, meta=None) -> str:
    """The canonical name of one mention (ANNOTATION.md, assignments: `agency`).

    Abbreviations expanded, fillers dropped (Đề nghị, Giao, counts → "Các"), a person named with
    a post → the post, spellings of the same words unified; level word and place as written.
    `meta` is accepted for callers that resolve in a document's context; the name itself keeps
    only what the mention says.
    """
    text = unicodedata.normalize("NFC", mention)
    text = fix_tone_marks(re.sub(r"\s+", " ", text)).strip(" \t,;:.-–")
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    text = strip_person(text)
    text = expand(text)
    prev = None
    while prev != text:
        prev = text
        text = _FILLER_HEAD.sub("", text)
        m = _COUNT_HEAD.match(text)
        if m:
            text = "các " + text[m.end():]
    text = apply_rewrites(text).strip(" ,;:.")
    text = re.sub(r"\s+\(\s*\)$", "", text)
    return text[:1].upper() + text[1:] if text else text


# ---------------------------------------------------------------------------- kind, level, place

@lru_cache(maxsize=1)
def _level_table() -> tuple[dict[str, str], dict[str, set[str]]]:
    lex = kinds_lexicon()
    return dict(lex["level_words"]), {k: set(v) for k, v in lex["level_word_exceptions"].items()}


@lru_cache(maxsize=1)
def _level_preceded_exceptions() -> dict[str, set[str]]:
    return {k: set(v) for k, v in kinds_lexicon()["level_word_preceded_exceptions"].items()}


def is_level_word(words: list[str], i: int, span: int) -> bool:
    """Whether words[i:i+span] is a level word here ("xã Tân Liên"), not part of another
    word ("xã hội", "hợp tác xã", "nông thôn")."""
    levels, exceptions = _level_table()
    lw = " ".join(words[i:i + span]).lower()
    if lw not in levels:
        return False
    nxt = words[i + span].lower().strip(",;.:") if i + span < len(words) else ""
    if nxt and nxt in exceptions.get(lw, set()):
        return False
    prv = words[i - 1].lower().strip(",;.:") if i > 0 else ""
    if prv and prv in _level_preceded_exceptions().get(lw, set()):
        return False
    return True


@lru_cache(maxsize=1)
def _head_levels() -> list[tuple[str, str | None, str, bool]]:
    out = []
    for h in kinds_lexicon()["heads"]:
        out.append((h["head"].lower(), h.get("level"), h["class"], h.get("complement") != "required"))
    out.sort(key=lambda x: len(x[0]), reverse=True)
    return out


def _head_complete(head: str | None) -> bool:
    """Whether a head is a whole name by itself ("Huyện Đoàn"), so capitalised words after it are a place."""
    return any(h == head and complete for h, _, _, complete in _head_levels())


def head_of(name: str) -> tuple[str | None, str | None, str | None]:
    """(head, its usual level, class) of a canonical name, or Nones for a collective."""
    low = name.lower()
    for post in sorted(kinds_lexicon()["posts"], key=len, reverse=True):
        if low.startswith(post.lower() + " "):
            low = low[len(post) + 1:]
            break
    for head, level, cls, _ in _head_levels():
        if low == head or low.startswith(head + " "):
            return head, level, cls
    return None, None, None


_PLACE_WORD = re.compile(r"^(?:[" + _UPPER + r"][\w]*|\d+)$")


def split_place(name: str) -> tuple[str, str | None, str | None]:
    """(kind, level word, place): "Ủy ban nhân dân xã Tân Liên" → ("Ủy ban nhân dân", "xã", "Tân Liên").

    Only a trailing level word (and the place after it) is split; "Các xã, thị trấn" collectives
    and words like "xã hội" stay in the kind.
    """
    levels, exceptions = _level_table()
    words = name.split(" ")
    n = len(words)
    for i in range(n - 1, 0, -1):
        for span in (2, 1):
            if i + span > n:
                continue
            lw = " ".join(words[i:i + span]).lower()
            if not is_level_word(words, i, span):
                continue
            prev = words[i - 1].lower().rstrip(",")
            if prev in ("các", "cấp", "những") or words[i - 1].endswith(","):
                continue  # a collective ("các xã", "cấp huyện") or a list ("huyện, xã")
            tail = words[i + span:]
            if all(_PLACE_WORD.match(w) for w in tail) and len(tail) <= 4:
                kind = " ".join(words[:i]).rstrip(" ,")
                place = " ".join(tail) or None
                return kind, lw, place
        # a level word that is not last, followed by lower-case words: not a place suffix
    return name, None, None


def _annotation_level(level_word: str | None) -> str | None:
    if not level_word:
        return None
    levels, _ = _level_table()
    return levels.get(level_word.lower())


def describe(name: str, meta=None, level: str | None = None, locality: str | None = None) -> tuple[str, str | None, str | None]:
    """(kind, level, locality) of a canonical name, filling level and place from the document
    (meta, or the explicit level/locality) when the name says only "huyện" or nothing."""
    kind, level_word, place = split_place(name)
    head, head_level, cls = head_of(kind)
    meta_level = getattr(meta, "level", None) or level
    meta_locality = getattr(meta, "locality", None) or locality
    meta_province = getattr(meta, "province", None)
    lvl = _annotation_level(level_word)
    if place is None and head_level and _head_complete(head) and kind.lower() != head and kind.lower().startswith(head + " "):
        # "Huyện Đoàn Cao Lộc": the head carries the level, the words after it are the place.
        rest = kind[len(head) + 1:]
        if all(_PLACE_WORD.match(w) for w in rest.split(" ")) and (
            meta_locality is None or strip_accents(rest.lower()) == strip_accents(str(meta_locality).lower())
            or cls in ("party", "mass")
        ):
            kind, place = kind[:len(head)], rest
    if lvl is None:
        lvl = head_level
        if head == "phòng" and meta_level == "xã":
            lvl = "xã"  # since July 2025 communes have Phòng Kinh tế, Phòng Văn hóa - Xã hội
        if lvl is None:
            lvl = meta_level
    if place is None:
        if lvl and lvl == meta_level:
            place = meta_locality
        elif lvl == "tỉnh" and meta_province:
            place = meta_province
    return kind, lvl, place


# ---------------------------------------------------------------------------- one name per body

@lru_cache(maxsize=1)
def _FILLER_CAC() -> re.Pattern:
    words = sorted({strip_accents(w) for w in _level_table()[0]} | {"cap"}, key=len, reverse=True)
    return re.compile(r"\b(?:cac|nhung)\b(?! (?:" + "|".join(map(re.escape, words)) + r")\b)")


def _one_kind(name: str) -> bool:
    """A collective of one kind of member ("Các trường học", "Các doanh nghiệp viễn thông"), not a list of kinds."""
    return not re.search(r",|\s(?:và|hoặc)\s", name)


_ON_AREA = re.compile(r"^((?:Các|Những|Tất cả các)\s.+?)\s+(?:đóng\s+(?:quân\s+|chân\s+)?)?trên địa bàn\s+\S.*$")


@lru_cache(maxsize=65536)
def variant_key(name: str) -> str:
    """Key under which spellings of one body's name fall together within a document."""
    k = search_key(name)
    k = re.sub(r"\bco lien quan\b", "lien quan", k)
    k = re.sub(r"^uy ban (?=mat tran)", "", k)
    # "các" is a filler of collectives ("ngành liên quan" = "các ngành liên quan") except before a
    # level word, where it makes a different body ("Ủy ban nhân dân các xã" ≠ "... xã").
    k = _FILLER_CAC().sub(" ", k)
    k = re.sub(r"\b(?:va|cua)\b", " ", k)
    k = re.sub(r"\bviet nam\b", " ", k)
    return re.sub(r"\s+", " ", k).strip()


def _initials_match(short: list[str], long: list[str], short_raw: list[str]) -> bool:
    """Token lists equal when an upper-case code in `short` stands for a run of words in `long`
    ("Tư pháp - HT" ~ "Tư pháp - Hộ tịch")."""
    @lru_cache(maxsize=None)
    def go(i: int, j: int) -> bool:
        if i == len(short):
            return j == len(long)
        if j < len(long) and short[i] == long[j] and go(i + 1, j + 1):
            return True
        raw = short_raw[i] if i < len(short_raw) else ""
        if raw.isupper() and 2 <= len(raw) <= 4:
            n = len(raw)
            if j + n <= len(long) and "".join(w[0] for w in long[j:j + n]) == short[i] and go(i + 1, j + n):
                return True
        return False
    return go(0, 0)


def unify_names(names: list[str], meta=None, raw_forms: dict[str, str] | None = None) -> dict[str, str]:
    """Map each canonical name to the one name its body gets in this document.

    Spellings of one body share a variant key; a name without a place ("Văn phòng Điều phối
    nông thôn mới", "Huyện Đoàn") joins the only variant of it that adds a level word or the
    document's place ("... huyện", "Huyện Đoàn Cao Lộc"); a code stands for the words it
    abbreviates ("Công chức Tư pháp - HT"). Each group is named by its fullest form.
    """
    raw_forms = raw_forms or {}
    order: list[str] = []
    for n in names:
        if n not in order:
            order.append(n)
    keys = {n: variant_key(n) for n in order}
    groups: dict[str, list[str]] = {}
    for n in order:
        groups.setdefault(keys[n], []).append(n)
    parent = {k: k for k in groups}

    def find(k):
        while parent[k] != k:
            k = parent[k]
        return k

    levels, _ = _level_table()
    level_words = {strip_accents(w) for w in levels}
    meta_level = getattr(meta, "level", None)
    meta_loc = strip_accents(str(getattr(meta, "locality", "") or "").lower())
    gkeys = list(groups)

    def suffix_ok(short: str, rest: str) -> bool:
        words = rest.split()
        if not words or words[0] == "co":
            return False  # "các xã có điểm du lịch cộng đồng" is fewer bodies than "các xã", not the same ones
        short_words = short.split()
        last = short_words[-1] if short_words else ""
        if last in level_words:
            # "uy ban nhan dan xa" + "tan lien": the place of a bare level word. The document's own
            # level names the issuer; another level is a body the text names once in full.
            place = rest
            if levels.get(_accent_level(last)) == meta_level and meta_level:
                return place == meta_loc
            return all(w not in level_words for w in words)
        for i in (1, 2):
            if " ".join(words[:i]) in level_words:
                return True
        return rest == meta_loc

    for a in gkeys:
        cands = []
        for b in gkeys:
            if a == b or not b.startswith(a + " "):
                continue
            if suffix_ok(a, b[len(a) + 1:]):
                cands.append(b)
        if len(cands) == 1:
            parent[find(a)] = find(cands[0])
            continue
        if cands:
            continue
        # "Đài Phát thanh - Truyền hình tỉnh" is "Đài Phát thanh và Truyền hình Bạc Liêu" in a plan of Bạc
        # Liêu province: the document's own level word stands for its place.
        words = a.split()
        for span in (2, 1):
            lw = " ".join(words[-span:])
            if len(words) > span + 1 and lw in level_words and meta_loc and _doc_level(_accent_level(lw), meta_level):
                full = " ".join(words[:-span]) + " " + meta_loc
                if full in groups:
                    parent[find(a)] = find(full)
                break
        else:
            # "Văn phòng Thường trực" is the "Văn phòng Thường trực Ban Chỉ đạo 389 thành phố" the plan names
            # in full elsewhere, when that is the only longer name it begins
            if len(words) >= 3 and not any(w in level_words for w in words):
                longer = [b for b in gkeys if b.startswith(a + " ") and b.split()[len(words)] not in ("cac", "nhung")]
                if len(longer) == 1:
                    parent[find(a)] = find(longer[0])
    # Per group once: its tokens, its raw tokens and whether they hold a code that may stand for
    # several words; the pairwise pass below is quadratic in the names of a long plan.
    info = {}
    for k in gkeys:
        raw = _raw_tokens(raw_forms.get(groups[k][0], groups[k][0]))
        info[k] = (k.split(), raw, any(r.isupper() and 2 <= len(r) <= 4 for r in raw), re.findall(r"\d+", k))
    for i, a in enumerate(gkeys):
        ta, raw_a, codes_a, digits_a = info[a]
        for b in gkeys[i + 1:]:
            tb, raw_b, codes_b, digits_b = info[b]
            if len(ta) < len(tb) and codes_a or len(tb) < len(ta) and codes_b:
                if find(a) == find(b):
                    continue
                if (len(ta) < len(tb) and _initials_match(ta, tb, raw_a)) or (len(tb) < len(ta) and _initials_match(tb, ta, raw_b)):
                    parent[find(a)] = find(b) if len(tb) > len(ta) else find(a)
                    continue
            # a spelling slip; the head word must agree ("Sở" and "Bộ Thông tin và Truyền thông" are two bodies)
            if len(a) >= 15 and abs(len(ta) - len(tb)) <= 1 and ta[0] == tb[0] and digits_a == digits_b \
                    and find(a) != find(b) and fuzz.ratio(a, b) >= 95:
                parent[find(a)] = find(b)
    merged: dict[str, list[str]] = {}
    for k in gkeys:
        merged.setdefault(find(k), []).extend(groups[k])
    out = {}
    for root, members in merged.items():
        best = max(members, key=lambda n: (len(variant_key(n).split()), len(n), -order.index(n)))
        for n in members:
            out[n] = best
    # "Các trường học trên địa bàn phường" is "Các trường học": the qualifier of a collective only says where
    # (ANNOTATION.md, Names of collectives). A list of several kinds ("Các cơ quan, trường học trên địa bàn xã")
    # keeps it unless the plan names the shorter list elsewhere.
    named = set(out.values())
    for n, best in out.items():
        m = _ON_AREA.match(best)
        if m and (m.group(1) in named or _one_kind(m.group(1))):
            out[n] = m.group(1)
    return out


def _doc_level(level_word: str, meta_level: str | None) -> bool:
    """Whether a level word names the document's own level ("thành phố" of a province-level city too)."""
    levels, _ = _level_table()
    return bool(meta_level) and (levels.get(level_word) == meta_level or level_word == meta_level)


def _accent_level(word: str) -> str:
    levels, _ = _level_table()
    for w in levels:
        if strip_accents(w) == word:
            return w
    return word


@lru_cache(maxsize=65536)
def _raw_tokens(raw: str) -> tuple[str, ...]:
    """Tokens of the expanded-but-not-lowered form, aligned with search_key tokens."""
    text = apply_rewrites(expand(raw))
    text = strip_accents(text)
    text = re.sub(r"[^\w%]+", " ", text)
    toks = text.split()
    return tuple(t for t in toks if t.lower() not in ("cac", "nhung", "va", "cua"))


@lru_cache(maxsize=65536)
def _digits(key: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+", key))


def _same_digits(a: str, b: str) -> bool:
    return _digits(a) == _digits(b)


# ---------------------------------------------------------------------------- the registry

@dataclass
class AgencyEntry:
    agency_id: str
    canonical: str
    kind: str
    level: str | None
    locality: str | None
    aliases: list[str] = field(default_factory=list)


def agency_id(kind: str, level: str | None, locality: str | None) -> str:
    raw = "|".join([variant_key(kind), level or "", strip_accents((locality or "").lower())])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


class AgencyRegistry:
    """Bodies across documents. `resolve` returns the entry a name belongs to, creating it when
    no entry of the same level and place has a kind within `threshold` of the name's kind."""

    def __init__(self, threshold: float = SHIPPED_THRESHOLD):
        self.threshold = threshold
        self._entries: list[AgencyEntry] = []
        self._by_place: dict[tuple, list[AgencyEntry]] = {}

    def entries(self) -> list[AgencyEntry]:
        return list(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def match(self, name: str, level: str | None = None, locality: str | None = None, meta=None) -> AgencyEntry | None:
        canonical = canonical_name(name)
        kind, lvl, loc = describe(canonical, meta, level, locality)
        return self._best(kind, lvl, loc)

    def candidates(self, name: str, level: str | None = None, locality: str | None = None, meta=None) -> list[tuple[AgencyEntry, float]]:
        """Every entry the name could be, with its score (best first)."""
        kind, lvl, loc = describe(canonical_name(name), meta, level, locality)
        return self._scored(kind, lvl, loc)

    def _scored(self, kind: str, lvl: str | None, loc: str | None) -> list[tuple[AgencyEntry, float]]:
        place = (lvl or "", strip_accents((loc or "").lower()))
        key = variant_key(kind)
        out = []
        for e in self._by_place.get(place, ()):
            ekey = variant_key(e.kind)
            # the same head word and the same numbers ("Trường THCS số 1" ≠ "số 2") before any score
            if not _same_digits(key, ekey) or key.split()[:1] != ekey.split()[:1]:
                continue
            score = 100.0 if ekey == key else fuzz.ratio(key, ekey)
            if score >= self.threshold:
                out.append((e, score))
        out.sort(key=lambda x: -x[1])
        return out

    def _best(self, kind: str, lvl: str | None, loc: str | None) -> AgencyEntry | None:
        scored = self._scored(kind, lvl, loc)
        return scored[0][0] if scored else None

    def resolve(self, name: str, level: str | None = None, locality: str | None = None, meta=None) -> AgencyEntry:
        canonical = canonical_name(name)
        kind, lvl, loc = describe(canonical, meta, level, locality)
        entry = self._best(kind, lvl, loc)
        if entry is None:
            entry = AgencyEntry(agency_id(kind, lvl, loc), canonical, kind, lvl, loc, [])
            self._entries.append(entry)
            self._by_place.setdefault((lvl or "", strip_accents((loc or "").lower())), []).append(entry)
        for alias in (name, canonical):
            if alias not in entry.aliases:
                entry.aliases.append(alias)
        return entry


@lru_cache(maxsize=1)
def known_bodies() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Official names with the spellings plans use for them (agency_kinds.yml: known_bodies)."""
    data = kinds_lexicon()["known_bodies"]
    return tuple((name, tuple(aliases or ())) for name, aliases in data.items())


def seeded_registry(threshold: float = SHIPPED_THRESHOLD) -> AgencyRegistry:
    reg = AgencyRegistry(threshold)
    for name, _ in known_bodies():
        reg.resolve(name)
    return reg
