"""Who must do what: bodies named in a plan and the role each is given (ANNOTATION.md, assignments).

Recognition works on each paragraph with its abbreviations expanded (pipeline.registry keeps a
map back to the source characters), the codes the document defines for itself included ("...
Cao nguyên đá Đồng Văn (CVĐC)", then "BQL CVĐC"): a body is a head word ("Phòng", "Ủy ban nhân
dân", "Huyện Đoàn", lexicon `heads`) with its name and place, a collective ("các phòng, ban,
ngành, đoàn thể"), a post in front of a body ("Giám đốc các Sở", "Hiệu trưởng nhà trường") or
an officer named with a post ("Ông X, CC Văn phòng - TK xã" → the post). Where a name ends is
decided by the lexicon: known name tails (`domains`), level words and places, and the predicates
that follow a subject (`stop_words`).

Roles come from the grammar of Vietnamese assignments, read left to right in each sentence:
the words right before a body ("phối hợp với X", "Giao X", "Đề nghị X", "báo cáo về X",
"(qua X)", "do X huy động"; models/patterns/agencies_cues.jsonl), the body that opens a clause
and is followed by a predicate ("X chủ trì ...", "Căn cứ ..., X tổ chức ..."), labels ("Đơn
vị chủ trì: X", "Phối hợp: Y") and their sub-items, and a numbered heading or item that names
a body (a bracketed note on its standing may follow it) followed by its tasks: each of its
sentences without a subject of its own, and each numbered sub-item with nothing under it, makes
the body `lead` in that task's section, or `cooperate` when it opens "Phối hợp" (under "Đề nghị
X" only "Chủ trì"/"Phối hợp" openers add a role). A list carries its cue to every member; a
directive ("chỉ đạo X phối hợp với Y") carries none. Preamble, purpose sections, participant
lists and the closing formula give nothing, nor does "N% <bodies> ..." (a target); a dated duty
in the closing paragraph gives whom it reports to.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from spacy.language import Language

from ..records import Assignment, Deadline, DocumentMeta
from ..registry import (AgencyRegistry, LocalAbbreviations, canonical_name, document_abbreviations, expand_mapped,
                        is_level_word, kinds_lexicon, unify_names)
from ..resources import load_jsonl
from ..segment import Layout, match_section

TASK_MAX = 300
ROLES = ("lead", "cooperate", "requested", "report_to")

# ---------------------------------------------------------------------------- tokens

_TOKEN_RE = re.compile(r"[^\W\d_]+|\d+(?:[.,/]\d+)*%?|[^\w\s]")


class Tok(NamedTuple):  # a tuple: a plan has tens of thousands of tokens, a frozen dataclass builds them 3x slower
    text: str
    low: str
    start: int  # in the expanded line
    end: int
    word: bool
    cap: bool
    upper: bool  # an all-capitals code ("CC", "PCTT")


def tokenize(s: str) -> list[Tok]:
    out = []
    for m in _TOKEN_RE.finditer(s):
        t = m.group(0)
        word = t[0].isalpha()
        out.append(Tok(t, t.lower(), m.start(), m.end(), word, word and t[0].isupper(), word and len(t) > 1 and t.isupper()))
    return out


def _phrase(p: str) -> tuple[str, ...]:
    return tuple(m.group(0).lower() for m in _TOKEN_RE.finditer(p))


class PhraseSet:
    """Phrases as token tuples; `match(toks, i)` gives the longest one starting at i."""

    def __init__(self, phrases, payload=None):
        self.by_first: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        for i, p in enumerate(phrases):
            toks = _phrase(p)
            if toks:
                self.by_first.setdefault(toks[0], []).append((toks, payload[i] if payload else p))
        for v in self.by_first.values():
            v.sort(key=lambda x: len(x[0]), reverse=True)

    def matches(self, toks: list[Tok], i: int) -> list[tuple[int, object]]:
        """Every phrase starting at i, longest first."""
        if i >= len(toks):
            return []
        out = []
        for ph, payload in self.by_first.get(toks[i].low, ()):
            n = len(ph)
            if i + n <= len(toks) and all(toks[i + k].low == ph[k] for k in range(n)):
                out.append((n, payload))
        return out

    def match(self, toks: list[Tok], i: int, stop: int | None = None) -> tuple[int, object] | None:
        if i >= len(toks):
            return None
        stop = len(toks) if stop is None else stop
        for ph, payload in self.by_first.get(toks[i].low, ()):
            n = len(ph)
            if i + n <= stop and all(toks[i + k].low == ph[k] for k in range(n)):
                return n, payload
        return None


@dataclass(frozen=True)
class Lexicon:
    heads: PhraseSet
    head_exclusions: dict
    domains: PhraseSet
    collectives: PhraseSet
    collective_attach: frozenset
    modifiers: PhraseSet
    not_names: PhraseSet
    people: PhraseSet
    relative_objects: PhraseSet
    qualifiers: PhraseSet
    posts: PhraseSet
    post_nouns: PhraseSet
    titles: PhraseSet
    stops: PhraseSet
    levels: PhraseSet
    scopes: PhraseSet
    determiners: PhraseSet


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    lex = kinds_lexicon()
    heads = lex["heads"]
    return Lexicon(
        heads=PhraseSet([h["head"] for h in heads], heads),
        head_exclusions={k.lower(): {_phrase(w) for w in v} for k, v in lex["head_exclusions"].items()},
        domains=PhraseSet(lex["domains"]),
        collectives=PhraseSet(lex["collective_nouns"]),
        collective_attach=frozenset(_phrase(p) for p in lex["collective_attach"]),
        modifiers=PhraseSet(lex["collective_modifiers"]),
        not_names=PhraseSet(lex["capitalised_non_names"]),
        people=PhraseSet(lex["people_nouns"]),
        relative_objects=PhraseSet(lex["relative_objects"]),
        qualifiers=PhraseSet(lex["collective_qualifiers"]),
        posts=PhraseSet(lex["posts"]),
        post_nouns=PhraseSet(lex["post_nouns"]),
        titles=PhraseSet(lex["person_titles"]),
        stops=PhraseSet(lex["stop_words"]),
        levels=PhraseSet(list(lex["level_words"])),
        scopes=PhraseSet(lex["scope_phrases"]),
        determiners=PhraseSet(lex["determiners"]),
    )


@dataclass(frozen=True)
class Cue:
    id: str
    kind: str
    role: str | None
    rx: re.Pattern


@lru_cache(maxsize=1)
def cues() -> dict[str, list[Cue]]:
    out: dict[str, list[Cue]] = {}
    for row in load_jsonl("patterns", "agencies_cues.jsonl"):
        out.setdefault(row["kind"], []).append(Cue(row["id"], row["kind"], row.get("role"), re.compile(row["pattern"], re.I)))
    return out


# ---------------------------------------------------------------------------- mentions

@dataclass
class Mention:
    start: int  # token index in the line
    end: int
    kind: str  # named | collective | post
    bare: bool = False  # a collective noun without determiner ("ngành liên quan")
    qualified: bool = False  # has a qualifier, level or attached body
    generic: bool = False  # a description that a bracketed name replaces ("Cơ quan thường trực ...")
    level_only: bool = False  # ends with a bare level word ("... xã")
    no_level: bool = True
    cls: str | None = None
    parts: list[tuple[int, int]] = field(default_factory=list)  # token spans forming the name
    dropped: bool = False
    suffix: tuple[int, int] | None = None  # level words borrowed from a list's last member
    percent: bool = False  # "100% đài truyền thanh cấp xã ...": a target's counted units, not a subject


class Scanner:
    """Mentions in one tokenized line. `names` are the full names of the codes the document defines
    ("Công viên địa chất toàn cầu UNESCO Cao nguyên đá Đồng Văn" for CVĐC): known tails, read whole."""

    def __init__(self, toks: list[Tok], names: PhraseSet | None = None):
        self.t = toks
        self.n = len(toks)
        self.lx = lexicon()
        self.names = names

    def _domain(self, k: int) -> tuple[int, object] | None:
        d = self.lx.domains.match(self.t, k)
        if self.names is not None:
            own = self.names.match(self.t, k)
            if own and (d is None or own[0] > d[0]):
                return own
        return d

    # -- helpers
    def _is(self, i: int, *words: str) -> bool:
        return i < self.n and self.t[i].low in words

    def level_at(self, i: int) -> int | None:
        """End of a level or scope spec at i ("xã Tân Liên", "các xã, thị trấn", "cấp huyện, cấp xã")."""
        lx, t = self.lx, self.t
        j = i
        sc = lx.scopes.match(t, j)
        if sc:
            j += sc[0]
            if t[j - 1].low in ("vực", "gia"):
                return self._place(j, loose=True)  # "khu vực VII", "khu vực Cửa khẩu quốc tế Cầu Treo"
            while self._is(j, ",") and self._is(j + 1, "cấp") and lx.scopes.match(t, j + 1):
                j += 1 + lx.scopes.match(t, j + 1)[0]
            return j
        if self._is(j, "các"):
            j += 1
        lv = self._level_word(j)
        if not lv:
            return None
        j += lv
        j = self._place(j)
        while True:
            k = j
            if self._is(k, ",", "và"):
                k += 1
                if self._is(k, "các"):
                    k += 1
                lv2 = self._level_word(k)
                if lv2 and not (k + lv2 < self.n and self.t[k + lv2].cap and self._head_at(k + lv2)):
                    j = self._place(k + lv2)
                    continue
            break
        return j

    def _level_word(self, i: int) -> int:
        m = self.lx.levels.match(self.t, i)
        if not m:
            return 0
        words = [x.text for x in self.t]
        return m[0] if is_level_word(words, i, m[0]) else 0

    def _place(self, j: int, loose: bool = False) -> int:
        """End of a place name at j; `loose` lets it run over lower-case words between capitalised ones
        (a region named after a landmark: "khu vực Cửa khẩu quốc tế Cầu Treo")."""
        k = 0
        while j < self.n and k < 4:
            tok = self.t[j]
            if tok.word and tok.cap and not self._starts_body(j) and not self.lx.posts.match(self.t, j):
                j += 1
                k += 1
            elif not tok.word and tok.text.isdigit() and k == 0:
                j += 1
                break
            elif loose and k and tok.word and not tok.cap:
                r = self._name_run(j)
                if r is None or r >= self.n or not self.t[r].cap:
                    break
                j = r
            elif loose and k and tok.text in "-–" and j + 1 < self.n and self.t[j + 1].word and self.t[j + 1].cap \
                    and not self._starts_body(j + 1):
                j += 1  # "khu vực Đồng Văn - Mèo Vạc": a region named after the places it joins
                k = 0
            else:
                break
        return j

    def _head_at(self, i: int):
        m = self.lx.heads.match(self.t, i)
        if not m:
            return None
        n, spec = m
        nxt = self.t[i + n] if i + n < self.n else None
        excl = self.lx.head_exclusions.get(spec["head"].lower(), set())
        for ph in excl:
            if nxt is not None and tuple(x.low for x in self.t[i + n:i + n + len(ph)]) == ph:
                return None
        return m

    def _strong_stop(self, i: int) -> bool:
        m = self.lx.stops.match(self.t, i)
        return bool(m)

    def _starts_body(self, i: int) -> bool:
        """Whether a head word at i opens a body of its own. A head that needs a name but is followed
        by none is a syllable of a place or name instead ("thành phố Hải Phòng xử lý", "Báo Hải Phòng,")."""
        h = self._head_at(i)
        if not h:
            return False
        n, spec = h
        if spec.get("complement", "required") == "optional":
            return True
        k = i + n
        return k < self.n and (self.t[k].cap or self.t[k].upper or bool(self._domain(k)))

    def _finish_name(self, k: int, start_k: int, lo: int) -> int | None:
        """Where a name resumes after the lower-case word at k, or None when it ends there: one
        syllable may finish the capitalised word before it ("Huyện ủy"), else a run of lower-case
        name words may continue it (`_name_run`)."""
        t = self.t
        if k > lo and t[k - 1].cap and not (k - 2 >= start_k and t[k - 2].cap and t[k - 2].word) \
                and not self._strong_stop(k):
            return k + 1
        return self._name_run(k)

    def _name_run(self, k: int) -> int | None:
        """Official names capitalise only the first syllable of each part, so a name may run on over
        lower-case words: "Viện Vệ sinh dịch tễ Trung ương", "Đội Quản lý trật tự đô thị thị xã",
        "Ban Chỉ đạo phòng, chống dịch bệnh tỉnh". The run (at most four plain words, none a predicate
        or function word) belongs to the name only when a level word, or capitalised words or a number
        that close the name, follow it; otherwise it is the predicate ("Báo Bình Dương mở chuyên mục").
        Returns where the run ends, or None."""
        t, lx = self.t, self.lx
        r = k
        words = 0
        while r < self.n and words < 4:
            tok = t[r]
            if tok.low == "về" and r > k:
                d = self._domain(r + 1)
                if d:
                    r += 1 + d[0]  # "Ban Chỉ đạo liên ngành về an toàn thực phẩm quận": the field it works on
                    words += 1
                    continue
            if not tok.word or tok.cap or tok.upper or self.level_at(r) is not None:
                break
            if tok.low == "của" and self._level_word(r + 1):
                break
            if self._strong_stop(r) or lx.people.match(t, r) or lx.titles.match(t, r) or tok.low == "cấp":
                return None
            r += 1
            words += 1
        if r == k or r >= self.n:
            return None
        if self.level_at(r) is not None or t[r].low == "của" and self._level_word(r + 1):
            return r  # "Tổ công tác liên ngành của huyện"
        tok = t[r]
        if tok.word and (tok.cap or tok.upper):
            if self._starts_body(r) or lx.posts.match(t, r) or lx.titles.match(t, r) or lx.people.match(t, r) \
                    or lx.not_names.match(t, r):
                return None  # "Báo Lạng Sơn giới thiệu Kế hoạch.": an object, not the name's end
            e = r
            while e < self.n and t[e].word and (t[e].cap or t[e].upper):
                e += 1
            if e < self.n and t[e].word and not (self._strong_stop(e) or self.level_at(e) is not None):
                return None
            return r
        if tok.text.isdigit() and len(tok.text) <= 3 and not tok.text.startswith("0"):
            e = r + 1
            if e < self.n and t[e].word and not (self._strong_stop(e) or self.level_at(e) is not None):
                return None
            return e  # the number is the name's last word ("Vùng Cảnh sát biển 1")
        return None

    # -- the grammar
    def mention_at(self, i: int) -> Mention | None:
        t = self.t
        if i >= self.n or not t[i].word and t[i].text not in ("%",) and not t[i].text[0].isdigit():
            return None
        title = self.lx.titles.match(t, i)
        if title:
            return self._person(i, i + title[0])
        for plen, post in self.lx.posts.matches(t, i):
            if not (t[i].cap or post.lower() in _LOWER_POSTS):
                continue
            body = self._body(i + plen, allow_bare=False)
            if body is not None:
                return Mention(i, body.end, "post", qualified=True, generic=False, level_only=body.level_only,
                               no_level=body.no_level, cls=body.cls, parts=[(i, body.end)])
            lv = self._level_word(i + plen)
            if lv and t[i].cap:  # "Trưởng thôn", "Trưởng bản"
                return Mention(i, i + plen + lv, "post", qualified=True, parts=[(i, i + plen + lv)])
            pn = self.lx.post_nouns.match(t, i + plen)
            if pn and t[i].cap:
                # "Hiệu trưởng nhà trường", "Thủ trưởng cơ quan, đơn vị": the head of a body the plan does not name
                coll = self._collective(i + plen, i + plen, bare=False)
                end = max(coll.end if coll is not None else 0, i + plen + pn[0])
                return Mention(i, end, "post", qualified=True, parts=[(i, end)])
        return self._body(i, allow_bare=True)

    def _person(self, i: int, j: int) -> Mention | None:
        t = self.t
        k = j
        names = 0
        while k < self.n and t[k].word and t[k].cap and names < 5:
            if names and (self.lx.posts.match(t, k) or self._head_at(k) or t[k].text == "CC"):
                break
            k += 1
            names += 1
        if not names:
            return None
        if self._is(k, ","):
            k += 1
        body = self.mention_at(k) if k < self.n and not self.lx.titles.match(t, k) else None
        if body is None and k < self.n and t[k].low == "công" and self._is(k + 1, "chức"):
            body = self._body(k, allow_bare=False)
        if body is None:
            return None
        return Mention(i, body.end, "post", qualified=True, level_only=body.level_only, no_level=body.no_level,
                       cls=body.cls, parts=[(k, body.end)])

    def _body(self, i: int, allow_bare: bool) -> Mention | None:
        t, lx = self.t, self.lx
        det = lx.determiners.match(t, i)
        j = i
        counted = False
        if det:
            j = i + det[0]
        elif i < self.n and not t[i].word and re.match(r"\d", t[i].text) and i + 1 < self.n and t[i + 1].word:
            # "15 xóm", "100% các tổ chức", "02 xã": a count stands for "các"
            j = i + 1
            if self._is(j, "%"):
                j += 1
            if self._is(j, "các"):
                j += 1
            counted = True
        if det or counted:
            m = self._determined(i, j)
            if m is not None:
                m.percent = t[i].text.endswith("%") or self._is(i + 1, "%")
            return m
        head = self._head_at(i)
        if head:
            m = self._named(i, i, head)
            if m is not None:
                return m
        if allow_bare:
            return self._collective(i, i, bare=True)
        return None

    def _determined(self, i: int, j: int) -> Mention | None:
        """A body after a determiner or count at i whose noun starts at j."""
        t = self.t
        head = self._head_at(j)
        if head and head[1]["class"] == "government":
            return self._named(i, j, head)
        coll = self._collective(i, j, bare=False)
        if coll is None and head:
            coll = self._named(i, j, head)  # "các Tổ bầu cử", "các Trạm Y tế xã"
            if coll is not None:
                coll.kind = "collective"
        elif coll is not None and t[j].cap and coll.end < self.n and t[coll.end].cap:
            g = self._collective_noun(j)
            if g and coll.end == j + g[0]:
                # "các Ban HĐND huyện", "các Phòng Công an tỉnh": the units of the body named next
                inner = self._body(coll.end, allow_bare=False)
                if inner is not None and inner.kind == "named":
                    return Mention(i, inner.end, "collective", qualified=True, level_only=inner.level_only,
                                   no_level=inner.no_level, parts=[(i, inner.end)])
        return coll

    def _named(self, i: int, j: int, head) -> Mention | None:
        t, lx = self.t, self.lx
        n, spec = head
        first = t[j]
        k = j + n
        complement = spec.get("complement", "required")
        lowercase_head = not first.cap
        nxt = t[k] if k < self.n else None
        if lowercase_head:
            # "phòng Tài nguyên ...", "điện lực thành phố ...", "ban phát triển thôn": a common noun
            # is a head only when a name, known tail or place follows.
            if nxt is None or complement == "capital":
                return None
            if not (nxt.cap or self._domain(k) or self.level_at(k) is not None):
                if spec["class"] not in ("department", "company") or complement != "optional":
                    return None
        if complement == "capital" and (nxt is None or not (nxt.cap or self._domain(k))):
            return None
        end, consumed, has_level, level_only = self._tail(k, spec)
        if complement == "required" and consumed == 0:
            return None
        if self.names is not None:
            own = self.names.match(t, j)
            if own and j + own[0] > end:
                end = j + own[0]  # the document spelled this name out when it defined its code
        if self._is(end, "có") and any(t[x].low == "các" and self._level_word(x + 1) for x in range(k, end)):
            end = self._relative(end)  # "UBND các xã có điểm du lịch cộng đồng xây dựng ..."
        return Mention(i, end, "named", qualified=True, level_only=level_only, no_level=not has_level,
                       cls=spec["class"], parts=[(i, end)],
                       generic=spec["head"].lower() in ("cơ quan",))

    def _tail(self, k: int, spec: dict) -> tuple[int, int, bool, bool]:
        t, lx = self.t, self.lx
        consumed = 0
        liberal = bool(spec.get("liberal"))
        has_level = False
        level_only = False
        programme = False
        domain_done = False
        strict = spec.get("complement") == "capital" and not liberal
        start_k = k
        while k < self.n and consumed < 16:
            lv = self.level_at(k)
            if lv is not None and (consumed > 0 or spec.get("complement") != "required"):
                level_only = not any(x.cap and x.word for x in t[k:lv])
                k = lv
                has_level = True
                break
            d = self._domain(k)
            if d and (consumed == 0 or t[k].cap or not self._strong_stop(k) or d[0] > 1):
                if any(x.low == "chương" for x in t[k:k + d[0]]):
                    programme = True
                k += d[0]
                consumed += d[0]
                domain_done = True
                continue
            if spec.get("served") and t[k].low == "các" and (consumed or spec.get("complement") != "required"):
                r = self._served(k)
                if r is not None:
                    k = r
                    consumed += 1
                    lv = self.level_at(k)
                    if lv is not None:
                        k, has_level = lv, True
                    break
            tok = t[k]
            if tok.word and not tok.cap and self._compound_syllable(k, start_k):
                k += 1
                consumed += 1
                continue
            if domain_done and not strict and tok.word and not tok.cap and not tok.upper and tok.low not in ("và", "của") \
                    and not liberal:
                r = self._name_run(k)
                if r is not None:
                    consumed += r - k
                    k = r
                    continue
                break  # a known name is complete: what follows is the predicate
            if tok.word and tok.low == "và":
                if k + 1 < self.n and t[k + 1].word and t[k + 1].cap and not self._head_at(k + 1) \
                        and not lx.titles.match(t, k + 1) and not lx.posts.match(t, k + 1):
                    k += 1
                    continue
                break
            if tok.word and tok.low == "của" and (consumed or spec.get("complement") == "optional"):
                lvw = self._level_word(k + 1)
                if lvw and (k + 1 + lvw >= self.n or not t[k + 1 + lvw].word or self._strong_stop(k + 1 + lvw)):
                    k += 1 + lvw
                    has_level = True
                    level_only = True
                break
            if tok.word and strict and not (tok.cap or tok.upper):
                # a proper name ("Báo Lạng Sơn", "Trường Cao đẳng Sư phạm"): one lower-case syllable may
                # finish a capitalised word, nothing else continues it
                r = self._finish_name(k, start_k, 0)
                if r is not None:
                    consumed += r - k
                    k = r
                    continue
                break
            if tok.word:
                if tok.cap or tok.upper:
                    if consumed > 0 and t[k].low not in ("huyện", "tỉnh", "thành", "đảng", "đoàn") and self._starts_body(k):
                        if spec.get("attach"):
                            # "Văn phòng Thường trực Ban Chỉ đạo ...": the office of the body named next
                            inner = self._named(k, k, self._head_at(k))
                            if inner is not None:
                                return inner.end, consumed + 1, not inner.no_level, inner.level_only
                        break
                    if consumed > 0 and lx.titles.match(t, k):
                        break
                    st = lx.stops.match(t, k)
                    step = st[0] if st and st[0] > 1 else 1
                    if st and st[0] > 1 and any(x.cap for x in t[k + 1:k + st[0]]):
                        step = 1
                    k += step
                    consumed += step
                    continue
                if lx.collectives.match(t, k) and consumed and not liberal:
                    if t[k].low in ("cơ", "đơn", "tổ", "các"):
                        break
                if spec.get("complement") == "optional" and not liberal:
                    if tok.low == "về" and spec["class"] == "unit" and self._domain(k + 1):
                        # "Đoàn kiểm tra liên ngành về an toàn thực phẩm", "Ban Chỉ đạo về phòng, chống thiên tai"
                        k += 1 + self._domain(k + 1)[0]
                        consumed += 1
                        continue
                    # "Công an huyện", "Tổ bầu cử": a whole name; lower-case words after it are the predicate,
                    # except one that finishes a capitalised word ("Huyện ủy")
                    r = self._finish_name(k, start_k, start_k)
                    if r is not None:
                        consumed += r - k
                        k = r
                        continue
                    break
                if consumed == 0:
                    if self._strong_stop(k) and t[k].low in _VERB_FIRST:
                        break
                    k += 1
                    consumed += 1
                    continue
                if self._strong_stop(k):
                    # a company's name runs over lower-case words, but a verb right after its capitalised
                    # place ("Công ty Cổ phần Nước - Môi trường Bình Dương đẩy mạnh ...") is the predicate
                    if liberal and t[k].low not in _LIBERAL_STOPS and not t[k - 1].cap:
                        k += 1
                        consumed += 1
                        continue
                    break
                if lx.people.match(t, k):
                    break
                k += 1
                consumed += 1
                continue
            if tok.text in "-–—&" and k + 1 < self.n and t[k + 1].word and (
                    consumed or t[k + 1].cap and any(x.cap for x in t[max(0, k - 2):k])):
                # "Tài chính - Kế hoạch", "Địa chính – NN- XD - MT": a dash joins the fields of one name,
                # also right after a head that ends in a field of its own ("Đài Phát thanh - Truyền hình")
                nt = k + 1
                if self._head_at(nt) or (lx.collectives.match(t, nt) or lx.people.match(t, nt)) and not t[nt].cap:
                    break
                if not t[nt].cap and t[nt].low in _DASH_STOPS:
                    break
                k += 2
                consumed += 1
                continue
            if tok.text[0].isdigit() and consumed and t[k - 1].word and len(tok.text) <= 4 and (
                    t[k - 1].cap or t[k - 1].low == "số" or k - 2 >= start_k and t[k - 2].cap and t[k - 2].word):
                # "Trường Tiểu học số 1", "Ban Chỉ đạo Đề án 06 phường"
                k += 1
                consumed += 1
                continue
            if tok.text.isdigit() and not consumed and spec.get("numbered") and len(tok.text) <= 4:
                k += 1  # "Ban Chỉ đạo 389 thành phố"
                consumed += 1
                continue
            if programme and tok.low == "giai":
                break
            break
        if has_level and spec["class"] == "unit" and spec.get("complement") == "optional" and self._is(k, "về"):
            d = self._domain(k + 1)  # "Ban Chỉ đạo quốc gia về phòng, chống thiên tai", "Ban Chỉ đạo tỉnh về ..."
            if d:
                k += 1 + d[0]
        if programme and self._is(k, "giai") and self._is(k + 1, "đoạn"):
            j = k + 2
            if j < self.n and t[j].text[0].isdigit():
                j += 1
                if self._is(j, "-", "–") and j + 1 < self.n and t[j + 1].text[0].isdigit():
                    j += 2
                k = j
                lv = self.level_at(k)
                if lv is not None:
                    k = lv
                    has_level = True
        return k, consumed, has_level, level_only

    def _served(self, k: int) -> int | None:
        """End of "các <noun>" at k naming the units a board serves ("Ban Quản lý các chợ", "Ban Đại diện cha
        mẹ học sinh các trường", "Ban Quản lý các khu du lịch"): up to three plain words closed by punctuation,
        a predicate or a level word. Longer, it is the board's object ("Ban Quản lý các chợ lấy mẫu ...")."""
        t = self.t
        r = k + 1
        while r < self.n and r - k <= 3 and t[r].word and not t[r].cap and not self._strong_stop(r) \
                and self.level_at(r) is None and not self.lx.people.match(t, r):
            r += 1
        if r == k + 1:
            return None
        if r >= self.n or not t[r].word or self._strong_stop(r) or self.level_at(r) is not None:
            return r
        return None

    def _compound_syllable(self, k: int, start_k: int) -> bool:
        """Whether the lower-case word at k finishes the capitalised syllable before it although it is also a
        verb: "Công trình" in "Công ty Cổ phần Công trình đô thị Phú Quốc", "Ban Quản lý Công trình công cộng
        huyện". Only when that syllable opens a part of the name and the name plainly goes on after it (plain
        words up to a place or level word), so "Công ty Cổ phần Nước Huế trình UBND tỉnh" still ends at Huế."""
        t = self.t
        if k <= start_k or k + 1 >= self.n:
            return False
        prev, before = t[k - 1], t[k - 2] if k - 2 >= start_k else None
        if not (prev.word and prev.cap and not prev.upper) or (before is not None and before.cap and not before.upper):
            return False
        st = self.lx.stops.match(t, k)
        if not st or st[0] != 1 or t[k].low in _LINKING_STOPS:
            return False
        r = k + 1
        while r < self.n and r - k <= 4 and t[r].word and not t[r].cap and not self._strong_stop(r) \
                and self.level_at(r) is None:
            r += 1
        if r == k + 1 or r >= self.n:
            return False
        if self.level_at(r) is not None:
            return True
        if not (t[r].cap and t[r].word) or self._starts_body(r) or self.lx.not_names.match(t, r) \
                or self.lx.posts.match(t, r) or self.lx.titles.match(t, r):
            return False
        e = r
        while e < self.n and t[e].word and t[e].cap:
            e += 1
        # a place closes the name: two capitalised syllables ("Phú Quốc"), or one before a break ("Huế thu gom")
        return e - r >= 2 or e >= self.n or not t[e].word or self._strong_stop(e)

    def _collective(self, i: int, j: int, bare: bool) -> Mention | None:
        t, lx = self.t, self.lx
        gens = 0
        k = j
        attached = False
        qualified = False
        level_only = False
        has_level = False
        generic = False
        while k < self.n:
            g = self._collective_noun(k)
            if not g:
                break
            ph = tuple(x.low for x in t[k:k + g[0]])
            if ph[0] == "cơ" and gens == 0:
                generic = True
            k += g[0]
            gens += 1
            if ph in lx.collective_attach:
                kk = k + 1 if self._is(k, "của") else k
                body = self._body(kk, allow_bare=False)
                if body is not None:
                    k = body.end
                    attached = True
                    qualified = True
                    break
            last_gen = ph
            if self._is(k, ","):
                kk = k + 1
                if self._is(kk, "các"):
                    kk += 1
                g2 = lx.collectives.match(t, kk)
                if g2 and " ".join(last_gen) in _LISTABLE and " ".join(x.low for x in t[kk:kk + g2[0]]) in _LISTABLE \
                        and not (t[kk].cap and self._head_at(kk)) and not lx.people.match(t, kk) \
                        and (not self._level_word(kk) or self._level_word(j) or self._is(k + 1, "các")):
                    # "các phòng, ban, ngành", "các xã, thị trấn"; but "các tổ chức ... huyện, xã" is a level list
                    k = kk
                    continue
                break
            if self._is(k, "và") and lx.collectives.match(t, k + 1) and not self._is(k + 1, "các") and not bare \
                    and not self._level_word(k + 1):
                k += 1
                continue
            g2 = lx.collectives.match(t, k) if k < self.n else None
            if g2 and not t[k].cap and " ".join(x.low for x in t[k:k + g2[0]]) in _JUXTAPOSED \
                    and " ".join(last_gen) in _JUXTAPOSE_HOSTS:
                continue  # "ban ngành đoàn thể", "phòng ban"
            break
        if gens == 0:
            return None
        if bare and gens == 1 and t[j].low == "cấp":
            return None  # "cấp huyện" is a scope, not a body
        if not attached:
            k0 = k
            k = self._modifiers(k)
            qualified = k > k0 and not bare  # "tổ chức khám, chữa bệnh" is a verb phrase, "các ..." a body
            while k < self.n:
                q = lx.qualifiers.match(t, k)
                if q:
                    ph_q = tuple(x.low for x in t[k:k + q[0]])
                    k += q[0]
                    qualified = True
                    if ph_q in lx.collective_attach:
                        # "các sở, ngành, đơn vị thành viên Ban Chỉ đạo 389 thành phố"
                        kk = k + 1 if self._is(k, "của") else k
                        body = self._body(kk, allow_bare=False) if kk < self.n and t[kk].cap else None
                        if body is not None:
                            k = body.end
                            break
                    lv = self.level_at(k)
                    if lv is not None:
                        k = lv
                    continue
                lv = self.level_at(k)
                if lv is not None:
                    qualified = True
                    has_level = True
                    level_only = not any(x.cap and x.word for x in t[k:lv])
                    k = lv
                    continue
                if self._is(k, "thuộc", "của") and k + 1 < self.n:
                    body = self._body(k + 1, allow_bare=False)
                    if body is not None:
                        k = body.end
                        qualified = True
                        continue
                    lv = self.level_at(k + 1)
                    if lv is not None:
                        k = lv
                        qualified = True
                        continue
                break
        if not bare and not attached:
            k = self._relative(k)
        if bare and not qualified and gens == 1 and (k - j == 1 or " ".join(x.low for x in t[j:k]) in _LISTABLE
                                                    or tuple(x.low for x in t[j:k]) in lx.collective_attach):
            # a bare common noun ("xã", "ngành", "cơ quan", "thành viên") is a body only with a qualifier
            return None
        if bare and t[j].cap and not qualified and gens == 1:
            return None
        return Mention(i, k, "collective", bare=bare, qualified=qualified, generic=generic and bare,
                       level_only=level_only, no_level=not has_level, parts=[(i, k)])

    def _collective_noun(self, k: int) -> tuple[int, object] | None:
        """The longest collective noun at k whose last word is not the first syllable of another word
        ("trường hợp", "tổ chức hội nghị", "ban hành": the head exclusions of the lexicon)."""
        t = self.t
        for n, payload in self.lx.collectives.matches(t, k):
            excl = self.lx.head_exclusions.get(t[k + n - 1].low, ())
            if any(ph[0][0].isalpha() and tuple(x.low for x in t[k + n:k + n + len(ph)]) == ph for ph in excl):
                continue
            return n, payload
        return None

    def _modifiers(self, k: int) -> int:
        """End of the words narrowing a collective to a kind of its members, a comma list included
        ("các doanh nghiệp viễn thông", "các trường mầm non, tiểu học, trung học cơ sở")."""
        t, lx = self.t, self.lx
        m = lx.modifiers.match(t, k)
        while m:
            k += m[0]
            nxt = k + 1 if self._is(k, ",", "và") else None
            m = lx.modifiers.match(t, nxt) if nxt is not None else None
            if m:
                k = nxt
        return k

    def _relative(self, k: int) -> int:
        """A "có ..." clause that narrows a collective to the members it names ("các bệnh viện có phòng sinh",
        "UBND các xã có điểm du lịch cộng đồng xây dựng ..."): part of the name when it is short and closes
        its clause, or when a predicate follows it at once. "có trách nhiệm", "có văn bản gửi ..." and longer
        clauses are the predicate."""
        t = self.t
        if not self._is(k, "có") or (self.lx.stops.match(t, k) or (0,))[0] > 1:
            return k  # "có trách nhiệm", "có liên quan" are no clause of the name
        if self.lx.relative_objects.match(t, k + 1):
            return k
        r = k + 1
        while r < self.n and r - k <= 6 and t[r].word and not t[r].cap and not self._strong_stop(r):
            r += 1
        words = r - k - 1
        if words == 0 or words > 5:
            return k
        if r >= self.n or t[r].text in (",", ";", ":", ".", ")"):
            return r if words <= 2 else k
        if words >= 2 and self._strong_stop(r) and t[r].low not in _LINKING_STOPS:
            return r
        return k

    def scan(self, lo: int = 0, hi: int | None = None) -> list[Mention]:
        hi = self.n if hi is None else hi
        out = []
        i = lo
        while i < hi:
            m = self.mention_at(i)
            if m is not None and m.end > i:
                m.end = min(m.end, hi)
                out.append(m)
                i = m.end
            else:
                i += 1
        return out


# Posts also written in lower case inside a sentence ("trưởng công an xã", "chủ tịch Hội LHPN xã").
_LOWER_POSTS = {"trưởng", "chủ tịch", "phó chủ tịch", "giám đốc", "phó giám đốc", "thủ trưởng", "bí thư",
                "trưởng ban", "chỉ huy trưởng", "người đứng đầu", "hiệu trưởng"}
# First words after a head that are verbs, not a name ("Ban hành" is excluded by head_exclusions).
_VERB_FIRST = {"chủ", "phối", "thực", "tổ", "triển", "tham", "hướng", "có", "chịu", "là", "được", "phải",
               "cần", "đã", "sẽ", "đang", "và", "của", "cho", "với", "về", "tại", "trong", "theo", "để",
               "các", "những", "báo", "gửi", "đề", "căn", "tiếp", "xây", "kiểm", "đôn", "giám", "khi"}
# Stop words that link phrases rather than start a predicate.
_LINKING_STOPS = {"và", "hoặc", "của", "cho", "với", "về", "tại", "trong", "theo", "để", "nhằm", "các", "những", "là",
                  "được", "bị", "khi", "nếu", "thì", "mà", "như", "từ", "đến", "tới", "trên", "dưới", "ngoài", "giữa",
                  "bằng", "qua", "do", "bởi", "vào", "ra", "lên", "trước", "sau", "mọi", "toàn", "có", "không"}
# Words after a dash that start a new clause rather than another field of a name.
_DASH_STOPS = {"phối", "chủ", "có", "là", "được", "các", "những", "và", "với", "cho", "của", "theo", "tại", "trong"}
# Collective nouns that a comma list joins into one collective ("các phòng, ban, ngành, đoàn thể");
# other collectives end at a comma ("các tổ chức chính trị - xã hội, công chức liên quan" is two).
_LISTABLE = {"cơ quan", "đơn vị", "sở", "ban", "ngành", "phòng", "đoàn thể", "ban ngành", "phòng ban", "hội",
             "địa phương", "cấp", "xã", "phường", "thị trấn", "đặc khu", "huyện", "thị xã", "thành phố", "quận",
             "tỉnh", "thôn", "bản", "xóm", "tổ dân phố", "khu dân cư", "trường học", "trường", "doanh nghiệp",
             "hợp tác xã", "tổ chức", "hội đoàn thể", "chi hội", "cơ sở giáo dục", "khu phố", "ấp", "buôn", "làng",
             "khóm", "sóc", "plei"}
# Collective nouns written side by side without a comma ("ban ngành đoàn thể", "phòng ban").
_JUXTAPOSED = {"ngành", "đoàn thể", "ban", "ban ngành", "hội đoàn thể", "đơn vị"}
_JUXTAPOSE_HOSTS = {"ban", "phòng", "sở", "ngành", "ban ngành", "cơ quan", "phòng ban"}
# Company names run over most words; these still end them.
_LIBERAL_STOPS = {"chủ", "phối", "thực", "tham", "có", "chịu", "là", "được", "phải", "cần", "và", "của", "cho",
                  "với", "về", "tại", "trong", "theo", "để", "các", "những", "báo", "gửi", "đề", "căn", "tiếp", "khi",
                  "hỗ", "cung", "tổ", "triển", "trên", "đóng", "hoạt"}


# ---------------------------------------------------------------------------- roles in a sentence

_SEPARATOR = re.compile(r"^\s*\)?\s*(?:[,;]\s*(?:và\s+)?|và\s+|cùng\s+với\s+|;\s*)?\s*$")
_PREFIX = re.compile(
    r"^\s*(?:căn\s+cứ|trên\s+cơ\s+sở|hằng\s+năm|hàng\s+năm|hằng\s+quý|hàng\s+quý|hằng\s+tháng|hàng\s+tháng|"
    r"định\s+kỳ|khi|sau\s+khi|trước\s+khi|trong|để|nhằm|từ|đến|tùy|tuỳ|ngoài\s+ra|đồng\s+thời|bên\s+cạnh|"
    r"theo|qua|thời\s+gian|năm|quý|tháng|giai\s+đoạn|sau|trước|riêng|với|tiếp\s+theo|cuối|đầu|"
    r"trường\s+hợp|nếu|một\s+khi|ngay\s+khi)\b[^;:]*,\s*$",
    re.I,
)
_NON_PREDICATE = re.compile(
    r"^\s*(?:$|[:;.)]|\(|của\b|thuộc\b|tại\b|ở\b|trên\b|trong\b|năm\b|giai\s+đoạn\b|đạt\b|được\s+công\s+nhận|"
    r"đã\s+đạt|đóng\b|và\s+các\b)",
    re.I,
)
# A sentence that lists where the money comes from ("Từ nguồn ngân sách ...", "Kinh phí từ ...", "Nguồn
# kinh phí: ..."): a fund or budget named in it is a source, no subject.
_FUNDING = re.compile(r"^\W*(?:(?:từ\s+)?(?:các\s+)?nguồn\b|kinh\s+phí\s+(?:thực\s+hiện\s+)?(?:từ|được\s+bố\s+trí\s+từ)\b)",
                      re.I)
# Members of a body ("thành viên", "tổ viên"): "phân công" deploys them, it gives no body a task.
_MEMBER_WORDS = {("thành", "viên"), ("tổ", "viên"), ("cán", "bộ"), ("hội", "viên"), ("đoàn", "viên")}
_REPORT_WORD = re.compile(r"\b(?:báo\s+cáo|gửi|gởi)\b", re.I)
_REPORT_TAIL = re.compile(r"\b(?:về|đến|lên|tới)\s*$", re.I)
_QUA_TAIL = re.compile(r"(?:^|\s|,)qua\s*$", re.I)
_DO_TAIL = re.compile(r"(?:^|[\s(,;])do\s*$", re.I)
_GUEST = re.compile(r"tham\s+dự|\bdự\s+(?:lễ|Lễ|hội|buổi)|buổi\s+[Ll]ễ|\bLễ\b|đại\s+biểu|khách\s+mời", re.I)
# "gửi về Y trước ngày 25 hằng tháng để tổng hợp, báo cáo Z": a short time or object may come between,
# but not another body or a bracket ("về UBND huyện (qua Phòng Nội vụ) để tổng hợp": the Phòng totals).
_FOR_TOTAL = re.compile(r"(?:^|[\s,])để\s+(?:theo\s+dõi\s*,?\s*(?:và\s+)?)?tổng\s+hợp\b", re.I)


def _for_total(after: str) -> bool:
    m = _FOR_TOTAL.search(after[:80])
    if m is None:
        return False
    between = after[:m.start()]
    return not re.search(r"[()]", between) and not any(c.isupper() for c in between)
_OPENS_COOPERATE = re.compile(r"^\W*(?:phối\s+(?:kết\s+)?hợp)\b", re.I)
_OPENS_LEAD = re.compile(r"^\W*chủ\s+trì\b", re.I)
_OPENS_REQUEST = re.compile(r"^\W*(?:kính\s+)?đề\s+nghị\b", re.I)
_OPENS_GIVE = re.compile(r"^\W*giao\b", re.I)
_LABEL_RE = re.compile(r"^\s*([^:]{1,160}?)\s*:\s*:?\s*")
_TROUBLE = re.compile(r"khó\s+khăn|vướng\s+mắc", re.I)
# A decision's closing article: "... chịu trách nhiệm thi hành Quyết định này./.", "Giao X ... triển khai Kế hoạch này".
_DECISION_CLOSING = re.compile(r"thi\s+hành\s+Quyết\s+định\s+này", re.I)
_TROUBLE_CLOSING = re.compile(
    r"^\s*(?:Trong\s+quá\s+trình|Quá\s+trình|Nếu|Trường\s+hợp)\b.*(?:khó\s+khăn|vướng\s+mắc)", re.I)
_DATE_CUE = re.compile(r"(?:trước|chậm\s+nhất|hạn\s+chót)\s+(?:ngày\s+)?\d{1,2}\s*(?:/|tháng)|định\s+kỳ|hằng\s+năm|hàng\s+năm", re.I)

_SKIP_SECTION = re.compile(
    r"^\s*(?:MỤC\s+ĐÍCH|YÊU\s+CẦU|MỤC\s+TIÊU|QUAN\s+ĐIỂM|SỰ\s+CẦN\s+THIẾT|CĂN\s+CỨ|THỰC\s+TRẠNG|"
    r"KẾT\s+QUẢ\s+THỰC\s+HIỆN|ĐÁNH\s+GIÁ|TÌNH\s+HÌNH|BỐI\s+CẢNH|PHẠM\s+VI)\b",
    re.I,
)
# "II. CHỈ TIÊU", "Chỉ tiêu cụ thể năm 2024": a list of targets; "Chỉ tiêu 18.3: ..." items may hold duties.
_TARGET_SECTION = re.compile(r"^\s*CHỈ\s+TIÊU(?:\s+(?:CỤ\s+THỂ|CHỦ\s+YẾU|CHUNG|NĂM\s+\d{4}|ĐẾN\s+(?:HẾT\s+)?NĂM\s+\d{4}))*\s*$", re.I)
_TASK_WORDS = re.compile(r"NHIỆM\s+VỤ|GIẢI\s+PHÁP|TỔ\s+CHỨC\s+THỰC\s+HIỆN|PHÂN\s+CÔNG|TRÁCH\s+NHIỆM", re.I)
_PARTICIPANT_SECTION = re.compile(r"^\s*(?:ĐỐI\s+TƯỢNG|THÀNH\s+PHẦN|ĐẠI\s+BIỂU|KHÁCH\s+MỜI|THÀNH\s+VIÊN)\b", re.I)


@dataclass
class Hit:
    mention: Mention
    role: str
    rule: str


@dataclass
class SentenceResult:
    hits: list[Hit]
    own_agent: bool
    body_label: list[Mention] | None  # "X:" / "X" naming a body whose tasks follow
    body_label_cue: str | None  # "requested" for "Đề nghị X", "lead" otherwise
    label_role: tuple[str, str] | None  # a role label with nothing after its colon (carried to sub-items)
    participants: bool  # a guest/participant label
    subject_heading: list[Mention] | None  # "X chủ trì ...:" opening a list of X's tasks


@dataclass(frozen=True)
class OwnCodes:
    """The codes a document defines ("... Cao nguyên đá Đồng Văn (CVĐC)") and their names as known tails."""
    codes: LocalAbbreviations
    names: PhraseSet

    @classmethod
    def of(cls, text: str) -> "OwnCodes | None":
        codes = document_abbreviations(text)
        return cls(codes, PhraseSet(codes.names())) if codes else None


class Line:
    """One paragraph: expanded text, tokens, mentions, and the map back to the document."""

    def __init__(self, text: str, offset: int, own: "OwnCodes | None" = None):
        self.raw = text
        self.offset = offset
        self.own = own
        self.exp, self.src_start, self.src_end = expand_mapped(text, own.codes if own else None)
        self.toks = tokenize(self.exp)
        self.scanner = Scanner(self.toks, own.names if own else None)

    def doc_span(self, a: int, b: int) -> tuple[int, int]:
        """Token range [a, b) → document offsets."""
        s = self.src_start[self.toks[a].start]
        e = self.src_end[self.toks[b - 1].end - 1]
        return self.offset + s, self.offset + e

    def tok_text(self, a: int, b: int) -> str:
        if a >= b:
            return ""
        return self.exp[self.toks[a].start:self.toks[b - 1].end]

    def gap_text(self, a: int, b: int) -> str:
        """Expanded text between token a's start (or a char) and token b's start."""
        s = self.toks[a].start if a < len(self.toks) else len(self.exp)
        e = self.toks[b].start if b < len(self.toks) else len(self.exp)
        return self.exp[s:e]


def _sentences(line: Line, lo: int, hi: int) -> list[tuple[int, int]]:
    """Token ranges of the sentences in tokens [lo, hi): a "." ends one when a capital, digit or
    bullet follows (a period inside "10/4/2024." or "v.v." does not)."""
    out = []
    t = line.toks
    s = lo
    depth = 0
    for i in range(lo, hi):
        tx = t[i].text
        if tx == "(":
            depth += 1
        elif tx == ")":
            depth = max(0, depth - 1)
        elif tx in (".", "!", "?") and depth == 0 and i + 1 < hi:
            nxt = t[i + 1]
            if (nxt.word and nxt.cap) or nxt.text in ("-", "+", "*", "“", '"') or (nxt.text[0].isdigit() and False):
                if i + 1 > s:
                    out.append((s, i + 1))
                s = i + 1
    if s < hi:
        out.append((s, hi))
    return out


def analyze_sentence(line: Line, lo: int, hi: int, carry: tuple[str, str] | None = None,
                     participants: bool = False) -> SentenceResult:
    """Roles of the bodies in tokens [lo, hi) of a line."""
    t = line.toks
    sc = line.scanner
    cue = cues()
    mentions = [m for m in sc.scan(lo, hi)]
    res = SentenceResult([], False, None, None, None, participants, None)
    # Clause boundaries: semicolons and the colon of a label.
    clause_starts = {lo}
    label_roles: dict[int, tuple[str, str]] = {}
    skip_before: set[int] = set()
    text_lo = t[lo].start if lo < len(t) else 0
    sentence_text = line.exp[text_lo:t[hi - 1].end] if hi > lo else ""
    m_lab = _LABEL_RE.match(sentence_text)
    label_end_tok = None
    if m_lab:
        label_text = m_lab.group(1)
        colon_char = text_lo + m_lab.end()
        label_end_tok = next((k for k in range(lo, hi) if t[k].start >= colon_char), hi)
        in_label = [m for m in mentions if m.end <= label_end_tok and not (m.bare and not m.qualified)]
        label_lower = label_text.strip().lower()
        covering = _covering(line, lo, label_end_tok, in_label)
        if covering:
            # "X:" or "Đề nghị X:": a body whose tasks follow the colon
            res.body_label = covering
            res.body_label_cue = "requested" if _OPENS_REQUEST.match(label_text) else "lead"
            clause_starts.add(label_end_tok)
        else:
            role_label = next((c for c in cue.get("label", ()) if c.rx.match(label_lower)), None)
            skip_label = next((c for c in cue.get("skip", ()) if c.rx.match(label_lower)), None)
            if role_label is not None:
                clause_starts.add(label_end_tok)
                label_roles[label_end_tok] = (role_label.role, role_label.id)
                if label_end_tok >= hi:
                    res.label_role = (role_label.role, role_label.id)
            elif skip_label is not None:
                skip_before = {id(m) for m in in_label}
                if label_lower.startswith(("thành phần", "đại biểu", "khách mời", "thành viên", "mời dự")):
                    participants = True
                    res.participants = True
                clause_starts.add(label_end_tok)
            elif not in_label and len(label_text.split()) <= 14:
                clause_starts.add(label_end_tok)
    if res.body_label is None and m_lab is None:
        covering = _covering(line, lo, hi, [m for m in mentions if not (m.bare and not m.qualified)])
        if covering:
            res.body_label = covering
            res.body_label_cue = "requested" if _OPENS_REQUEST.match(sentence_text) else "lead"
    if res.body_label:
        # "Phòng Y tế (Cơ quan thường trực Ban Chỉ đạo ...)": the bracket says what the body is, it adds none
        res.body_label = [m for i, m in enumerate(res.body_label)
                          if not (i and m.generic and line.gap_text(res.body_label[i - 1].end, m.start).strip() == "(")]
    for k in range(lo, hi):
        if t[k].text == ";":
            clause_starts.add(k + 1)

    def clause_start_before(k: int) -> int:
        return max(c for c in clause_starts if c <= k)

    prev: Mention | None = None
    prev_ctx: tuple[str, str] | None = None
    directed = False
    subject_list: list[Mention] = []

    def flush_subjects():
        nonlocal subject_list
        if not subject_list:
            return
        last = subject_list[-1]
        nxt_m = next((m for m in mentions if m.start >= last.end), None)
        after = line.gap_text(last.end, nxt_m.start if nxt_m else hi) if last.end < len(t) else ""
        if nxt_m is None and hi < len(t):
            after = line.exp[t[last.end].start:t[hi - 1].end] if last.end < hi else ""
        if all(m.percent for m in subject_list):
            pass  # "100% đài truyền thanh cấp xã xây dựng chuyên mục": a target, not who must act
        elif _FUNDING.match(sentence_text):
            pass  # "Từ nguồn ngân sách ..., Quỹ Phòng, chống ...": a source of money, not who must act
        elif not _NON_PREDICATE.match(_past_note(after).lstrip(" )")) and not participants:
            for m in subject_list:
                res.hits.append(Hit(m, "lead", "subject"))
            if subject_list[0].start == _first_content(line, lo, hi):
                res.own_agent = True
                if sentence_text.rstrip().endswith(":"):
                    res.subject_heading = list(subject_list)  # "X chủ trì ... các nhiệm vụ sau:"
        subject_list = []

    for m in mentions:
        if id(m) in skip_before:
            prev, prev_ctx = m, None
            continue
        gap_lo = prev.end if prev is not None else lo
        cstart = clause_start_before(m.start)
        if prev is not None and prev.end <= cstart:
            gap_lo = cstart
        gap = line.gap_text(gap_lo, m.start) if gap_lo < m.start else ""
        full_gap = line.gap_text(prev.end if prev is not None else lo, m.start) if (prev.end if prev is not None else lo) < m.start else ""
        ctx: tuple[str, str] | None = None
        appositive = (prev is not None and full_gap.strip() == "(" and m.end < hi and t[m.end].text == ")")
        if appositive:
            ctx = prev_ctx
            if prev.generic or prev.bare:
                prev.dropped = True
            if subject_list and subject_list[-1] is prev:
                subject_list.append(m)
                prev = m
                continue
        elif prev is not None and _SEPARATOR.match(full_gap) and not (m.bare and not full_gap.strip()) and (
                (prev_ctx is not None and prev.end >= cstart - (1 if ";" in full_gap else 0))
                or (subject_list and subject_list[-1] is prev)):
            if subject_list and subject_list[-1] is prev:
                subject_list.append(m)
                prev = m
                continue
            if ";" in full_gap and _starts_predicate(line, m, hi, mentions) and not participants \
                    and not (prev_ctx is not None and prev_ctx[0] == "cooperate"):
                flush_subjects()
                subject_list = [m]
                prev, prev_ctx = m, None
                continue
            ctx = prev_ctx
            m.suffix = None
        else:
            if prev is not None and subject_list:
                flush_subjects()
            if ";" in full_gap or "," in full_gap or "." in full_gap:
                directed = False
            clause_text = line.gap_text(cstart, m.start) if cstart < m.start else ""
            if cstart in label_roles and not clause_text.strip():
                ctx = label_roles[cstart]
            elif carry is not None and not clause_text.strip() and (cstart == lo or t[cstart - 1].text == ";"):
                ctx = carry
            else:
                ctx = _gap_cue(line, gap, clause_text, m, hi, prev_ctx, participants, sentence_text)
                if ctx is not None and ctx[0] == "directive":
                    directed = True
                    ctx = None
                elif directed and ctx is not None and ctx[1] not in ("gap.bao_cao", "gap.qua"):
                    ctx = None
                if ctx is None and not participants and carry is None and _is_clause_start(clause_text) and not m.bare \
                        or (ctx is None and not participants and _is_clause_start(clause_text) and m.bare and m.qualified):
                    subject_list = [m]
                    prev, prev_ctx = m, None
                    continue
        if m.bare and ctx is None:
            # a bare collective noun is a body only where a cue or a list puts it
            prev_ctx = None
            prev = m
            continue
        if ctx is not None and ctx[0] in ROLES:
            res.hits.append(Hit(m, ctx[0], ctx[1]))
            if ctx[0] == "report_to":
                after = line.gap_text(m.end, hi) if m.end < hi else ""
                if _for_total(after):
                    res.hits.append(Hit(m, "lead", "report_to.consolidate"))
            if ctx[0] == "requested" and m.start <= _first_content(line, lo, hi) + 2:
                res.own_agent = True
            if ctx[0] == "lead" and ctx[1] in ("gap.giao",) and _OPENS_GIVE.match(sentence_text):
                res.own_agent = True
        prev, prev_ctx = m, ctx
    flush_subjects()
    if res.body_label is not None:
        res.own_agent = True
    _distribute_levels(line, res, mentions)
    res.hits = [h for h in res.hits if not h.mention.dropped]
    return res


def _past_note(after: str) -> str:
    """The text after a bracket that opens it: a subject's note or code ("Ban Quản lý Khu kinh tế tỉnh (sau đây gọi
    tắt là BQLKKT) chủ trì ...") stands between it and its predicate."""
    s = after.lstrip()
    if not s.startswith("("):
        return after
    depth = 0
    for i, ch in enumerate(s):
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return s[i + 1:]
    return after


def _first_content(line: Line, lo: int, hi: int) -> int:
    """First token of a sentence after a bullet marker, a prefix adverbial or a short label."""
    t = line.toks
    k = lo
    while k < hi and t[k].text in ("-", "+", "*", "•", "–", ".", ")", "("):
        k += 1
    return k


def _is_clause_start(clause_text: str) -> bool:
    s = clause_text.strip(" -+*•–")
    if not s:
        return True
    return bool(_PREFIX.match(clause_text.strip(" -+*•–")))


def _starts_predicate(line: Line, m: Mention, hi: int, mentions: list[Mention]) -> bool:
    nxt = next((x for x in mentions if x.start >= m.end), None)
    after = line.gap_text(m.end, nxt.start if nxt else hi) if m.end < hi else ""
    return bool(after.strip()) and not _NON_PREDICATE.match(after) and not _SEPARATOR.match(after)


def _gap_cue(line: Line, gap: str, clause_text: str, m: Mention, hi: int, prev_ctx, participants: bool,
             sentence_text: str) -> tuple[str, str] | None:
    cue = cues()
    g = gap.rstrip()
    if _DO_TAIL.search(g):
        after = line.gap_text(m.end, hi) if m.end < hi else ""
        if any(c.rx.match(after) for c in cue.get("after", ())):
            return ("lead", "after.do")
        return None
    for c in cue.get("directive", ()):
        if c.rx.search(g):
            return ("directive", c.id)
    for c in cue.get("gap", ()):
        if participants and c.id not in ("gap.giao",):
            continue
        if c.rx.search(g):
            if c.id == "gap.moi" and _GUEST.search(sentence_text):
                return None
            k0 = m.start + (line.toks[m.start].low in ("các", "những"))
            if c.id == "gap.phan_cong" and tuple(x.low for x in line.toks[k0:k0 + 2]) in _MEMBER_WORDS:
                return None  # "Phân công thành viên Ban Chỉ đạo phụ trách địa bàn": people deployed, not a body tasked
            return (c.role, c.id)
    if participants:
        return None
    if _REPORT_TAIL.search(g) and _REPORT_WORD.search(clause_text):
        return ("report_to", "gap.bao_cao_ve")
    if _QUA_TAIL.search(g) and prev_ctx is not None and prev_ctx[0] == "report_to":
        return ("report_to", "gap.qua")
    return None


def _covers(line: Line, lo: int, hi: int, mentions: list[Mention]) -> int | None:
    """Whether tokens [lo, hi) are only a list of these mentions (with "Đề nghị"/"Giao" before
    it, bullet marks and separators): a heading or label that names bodies."""
    t = line.toks
    k = lo
    while k < hi and t[k].text in ("-", "+", "*", "•", "–", ".", ")"):
        k += 1
    text = line.gap_text(k, mentions[0].start) if mentions and k < mentions[0].start else ""
    if text.strip() and not re.fullmatch(r"\s*(?:(?:kính\s+)?đề\s+nghị|giao(?:\s+cho)?)\s*", text, re.I):
        return None
    for a, b in zip(mentions, mentions[1:]):
        g = line.gap_text(a.end, b.start) if a.end < b.start else ""
        if not _SEPARATOR.match(g) and g.strip() not in ("(", ")", ") ,", "),"):
            if not re.fullmatch(r"\s*\)?\s*[,;]?\s*(?:và\s+)?\(?\s*", g):
                return None
    last = mentions[-1].end if mentions else lo
    rest = line.gap_text(last, hi) if last < hi else ""
    if rest.strip(" .;:)(") != "":
        return None
    return last


def _covering(line: Line, lo: int, hi: int, named: list[Mention]) -> list[Mention]:
    """The bodies that tokens [lo, hi) consist of (see _covers), also when a bracketed note on their standing
    closes them ("1. Công an huyện (Cơ quan thường trực Ban Chỉ đạo ... huyện)"); empty if none."""
    if not named:
        return []
    if _covers(line, lo, hi, named) is not None:
        return named
    note = _trailing_note(line, lo, hi)
    if note is None:
        return []
    before = [m for m in named if m.end <= note]
    return before if before and _covers(line, lo, note, before) is not None else []


def _trailing_note(line: Line, lo: int, hi: int) -> int | None:
    """Token index of the "(" of a bracket that closes the sentence (only a full stop or colon after it)."""
    t = line.toks
    k = hi - 1
    while k > lo and t[k].text in (".", ":", ";"):
        k -= 1
    if k <= lo or t[k].text != ")":
        return None
    depth = 0
    for j in range(k, lo - 1, -1):
        if t[j].text == ")":
            depth += 1
        elif t[j].text == "(":
            depth -= 1
            if depth == 0:
                return j if j > lo else None
    return None


def _distribute_levels(line: Line, res: SentenceResult, mentions: list[Mention]) -> None:
    """"Ủy ban MTTQ và các tổ chức chính trị - xã hội xã": the level word of the last member of a
    "và" list belongs to every member without one (Mặt trận and collectives). A bare collective
    right after a list that began with a "các" collective joins it ("Các cơ quan, ban ngành, Mặt
    trận ... và đoàn thể huyện")."""
    t = line.toks
    hit_of = {}
    for h in res.hits:
        hit_of.setdefault(id(h.mention), []).append(h)
    roled = [m for m in mentions if id(m) in hit_of]
    # group consecutive members joined by separators
    groups: list[list[Mention]] = []
    for m in roled:
        if groups:
            p = groups[-1][-1]
            g = line.gap_text(p.end, m.start) if p.end < m.start else ""
            if _SEPARATOR.match(g) and {h.role for h in hit_of[id(p)]} & {h.role for h in hit_of[id(m)]}:
                groups[-1].append(m)
                continue
        groups.append([m])
    for grp in groups:
        if len(grp) < 2:
            continue
        last = grp[-1]
        # bare member joining an earlier "các" collective
        if last.bare and last.kind == "collective":
            host = next((x for x in grp[:-1] if x.kind == "collective" and not x.bare and t[x.start].low in ("các",)), None)
            if host is not None and host.no_level:
                host.parts = host.parts + [(last.start, last.end)]
                host.end = last.end
                last.dropped = True
                host.no_level = last.no_level
                host.level_only = last.level_only
                for x in grp:
                    if x is not host and x is not last and x.no_level and x.kind != "post" and (x.cls == "mass" or x.kind == "collective"):
                        x.suffix = _level_suffix(line, last)
                continue
        for idx in range(1, len(grp)):
            y = grp[idx]
            g = line.gap_text(grp[idx - 1].end, y.start) if grp[idx - 1].end < y.start else ""
            if "và" not in g.split() or y.no_level or not y.level_only:
                continue
            suf = _level_suffix(line, y)
            if suf is None:
                continue
            for x in grp[:idx]:
                if x.no_level and x.suffix is None and x.kind != "post" and (x.cls == "mass" or x.kind == "collective"):
                    x.suffix = suf


def _level_suffix(line: Line, m: Mention) -> tuple[int, int] | None:
    """Token span of the trailing level words of a mention ("xã", "cấp huyện, cấp xã")."""
    t = line.toks
    sc = line.scanner
    for k in range(m.start + 1, m.end):
        lv = sc.level_at(k)
        if lv is not None and lv >= m.end:
            if any(x.cap and x.word for x in t[k:m.end]) or t[k].low in ("các", "những"):
                return None  # a place ("xã Tân Liên") or a collective ("các xã") is not shared
            return (k, m.end)
    return None


def mention_name(line: Line, m: Mention) -> str:
    """The mention's words as a name to canonicalize (original characters, borrowed level words)."""
    parts = []
    for a, b in m.parts:
        s, e = line.doc_span(a, b)
        parts.append(line.raw[s - line.offset:e - line.offset])
    name = ", ".join(p.strip(" ,;") for p in parts)
    if m.suffix is not None:
        s, e = line.doc_span(*m.suffix)
        name = name + " " + line.raw[s - line.offset:e - line.offset]
    if line.own is not None:
        name = line.own.codes.rx.sub(lambda x: line.own.codes.expansion(x.group(0)), name)
    return name


# ---------------------------------------------------------------------------- the document

@dataclass
class Scope:
    start: int
    end: int
    bodies: list[tuple[Line, Mention]]
    mode: str  # lead | requested
    depth: int  # innermost wins


@dataclass
class Carry:
    start: int
    end: int
    role: tuple[str, str]


def _section_flags(layout: Layout, offset: int, by_path: dict) -> tuple[bool, bool]:
    """(skip, participants) for the innermost section at offset; `by_path` maps paths to sections."""
    sec = layout.section_at(offset)
    if sec is None:
        return False, False
    skip = False
    node = sec
    while node is not None:
        h = node.heading or ""
        if (_SKIP_SECTION.match(h) or _TARGET_SECTION.match(h)) and not _TASK_WORDS.search(h):
            skip = True
            break
        node = by_path.get(node.parent) if node.parent else None
    participants = bool(_PARTICIPANT_SECTION.match(sec.heading or ""))
    return skip, participants


_MARKER = re.compile(r"^\s*(?:[-+*•–—·▪●○]\s*|[a-zđ]\s*[).]\s+)")


def _marker_len(layout: Layout, ln) -> int:
    """Characters of the number/letter/bullet that opens a line."""
    s = ln.text
    m = match_section(s.strip())
    lead = len(s) - len(s.lstrip())
    if m:
        rest = m[2] or ""
        pos = s.find(rest, lead) if rest else len(s)
        return pos if pos >= 0 else lead
    mm = _MARKER.match(s)
    return mm.end() if mm else lead


def _table_cells(text: str) -> list[tuple[int, str]]:
    out = []
    pos = 0
    for cell in text.split(" | "):
        out.append((pos, cell))
        pos += len(cell) + 3
    return out


_COL_LEAD = re.compile(r"chủ\s+trì|thực\s+hiện|phụ\s+trách|trách\s+nhiệm|tham\s+mưu", re.I)
_COL_COOP = re.compile(r"phối\s+hợp", re.I)


def find_assignments(text: str, layout: Layout, meta: DocumentMeta | None, deadlines=None) -> list[Assignment]:
    meta = meta or DocumentMeta()
    deadlines = list(deadlines or ())
    raw_hits: list[tuple[Line, Mention, str, str, int, int, str | None]] = []  # line, mention, role, rule, task span

    lines = layout.lines
    body_lo, body_hi = layout.body_start, layout.body_end
    own = OwnCodes.of(text)
    text_starts = [ln.start for ln in lines if ln.text.strip()]
    scopes: list[Scope] = []
    carries: list[Carry] = []
    table_roles: dict[int, str] | None = None
    table_width = 0

    sections_by_start = {s.start: s for s in layout.sections}
    by_path = {s.path: s for s in layout.sections}
    last_section = layout.section_at(body_hi - 1) if body_hi > 0 else None
    last_path = layout.path_at(body_hi - 1) if body_hi > 0 else None

    def in_scope(offset: int) -> Scope | None:
        best = None
        for sc in scopes:
            if sc.start <= offset < sc.end and (best is None or sc.depth >= best.depth):
                best = sc
        return best

    def carry_at(offset: int) -> Carry | None:
        best = None
        for c in carries:
            if c.start <= offset < c.end and (best is None or c.start >= best.start):
                best = c
        return best

    for ln in lines:
        if not ln.text.strip():
            continue
        closing = body_hi <= ln.start < layout.annex_start
        annex = ln.start >= layout.annex_start
        if ln.start < body_lo:
            continue
        if closing and not _dated_duty(ln.text, ln.start, ln.end, deadlines):
            continue
        if closing and ln.text.lstrip().startswith("Nơi nhận"):
            continue
        skip, participants = (False, False) if annex or closing else _section_flags(layout, ln.start, by_path)
        if skip:
            continue
        if _DECISION_CLOSING.search(ln.text):
            continue
        if last_section is not None and ln.start > last_section.line_end and _TROUBLE_CLOSING.match(ln.text) \
                and layout.item_at(ln.start) is None:
            continue  # "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc ... báo cáo X" ends the plan
        # tables: "Cơ quan chủ trì | Cơ quan phối hợp" columns give the roles of their cells
        if " | " in ln.text:
            cells = _table_cells(ln.text)
            heads = {}
            for idx, (_, cell) in enumerate(cells):
                c = cell.strip()
                if len(c.split()) <= 8:
                    if _COL_COOP.search(c):
                        heads[idx] = "cooperate"
                    elif _COL_LEAD.search(c) and re.search(r"cơ\s+quan|đơn\s+vị|bộ\s+phận|chủ\s+trì|người|cán\s+bộ|trách\s+nhiệm", c, re.I):
                        heads[idx] = "lead"
            if heads and len(heads) < len(cells):
                table_roles, table_width = heads, len(cells)
                continue
            if table_roles and abs(len(cells) - table_width) <= 1:
                for idx, role in table_roles.items():
                    if idx >= len(cells):
                        continue
                    pos, cell = cells[idx]
                    if not cell.strip():
                        continue
                    line = Line(cell, ln.start + pos, own)
                    found = line.scanner.scan()
                    for m in found:
                        if m.bare and not m.qualified:
                            continue
                        raw_hits.append((line, m, role, "table." + role, ln.start, ln.end, None))
                    if not found:
                        for part in re.finditer(r"[^,;]+", cell):
                            p = part.group(0).strip()
                            if p and p[0].isupper() and len(p.split()) <= 10 and not p[0].isdigit():
                                off = part.start() + part.group(0).find(p)
                                line2 = Line(p, ln.start + pos + off, own)
                                if line2.toks:
                                    m = Mention(0, len(line2.toks), "named", qualified=True, parts=[(0, len(line2.toks))])
                                    raw_hits.append((line2, m, role, "table." + role, ln.start, ln.end, None))
                continue
        else:
            table_roles = None

        mlen = _marker_len(layout, ln)
        body_text = ln.text[mlen:]
        line = Line(body_text, ln.start + mlen, own)
        if not line.toks:
            continue
        sec = sections_by_start.get(ln.start)
        item = layout.item_at(ln.start)
        own_item = item if item is not None and item.start == ln.start else None
        scope = in_scope(ln.start) if sec is None or sec.start != ln.start else None
        if own_item is None and sec is None:
            scope = in_scope(ln.start)
        elif own_item is not None:
            scope = _innermost(scopes, ln.start, exclude_start=ln.start)
        elif sec is not None and _leaf(sec, text_starts):
            # "1. Phòng Văn hóa - Xã hội phường / 1.1. Là cơ quan thường trực ... / 1.2. Tổng hợp, báo cáo ...":
            # numbered lines with nothing under them are the heading body's tasks, one per sub-section
            scope = in_scope(ln.start)
        carry = carry_at(ln.start)
        carry_role = carry.role if carry is not None and carry.start < ln.start else None
        if participants:
            carry_role = None

        sents = _sentences(line, 0, len(line.toks))
        for si, (a, b) in enumerate(sents):
            s_start, s_end = line.doc_span(a, b)
            if closing:
                # the closing paragraph's call to implement is no assignment; a dated duty in it is, and only
                # whom it reports to ("Định kỳ trước ngày 30 tháng 11 hằng năm, các đơn vị báo cáo về X (qua Y)")
                sent = text[s_start:s_end]
                if sent.lstrip().startswith("Trên đây") or _TROUBLE.search(sent) \
                        or not _dated_duty(sent, s_start, s_end, deadlines):
                    continue
                res = analyze_sentence(line, a, b, participants=participants)
                raw_hits.extend((line, h.mention, h.role, h.rule, s_start, s_end, None)
                                for h in res.hits if h.role == "report_to")
                continue
            res = analyze_sentence(line, a, b, carry=carry_role if si == 0 else None, participants=participants)
            for h in res.hits:
                raw_hits.append((line, h.mention, h.role, h.rule, s_start, s_end, None))
            # a heading / item / label naming bodies opens a scope over what follows
            if si == 0 and (res.body_label or res.subject_heading) and (sec is not None or own_item is not None or res.body_label):
                bodies = res.body_label or res.subject_heading
                if sec is not None and sec.start == ln.start:
                    sc_start, sc_end, depth = ln.end, sec.end, 100 + sec.level
                elif own_item is not None:
                    sc_start, sc_end, depth = ln.start, own_item.end + 1, 200 + own_item.depth
                else:
                    sc_start, sc_end, depth = s_end, ln.end, 300
                mode = res.body_label_cue or "lead"
                new_scope = Scope(sc_start, sc_end, [(line, m) for m in bodies], mode, depth)
                scopes.append(new_scope)
                if own_item is not None or sec is None:
                    scope = new_scope  # the line's later sentences are this body's tasks
                # the text after "X:" on the same line is X's own task
                rest_lo = _after_colon(line, a, b)
                if rest_lo is not None and rest_lo < b and res.body_label:
                    sub = analyze_sentence(line, rest_lo, b, participants=participants)
                    _scope_role(raw_hits, line, rest_lo, b, sub, Scope(0, 0, [(line, m) for m in bodies], mode, depth), participants)
                continue
            if res.label_role is not None and si == len(sents) - 1:
                end = (own_item.end + 1) if own_item is not None else (sec.end if sec is not None and sec.start == ln.start else _next_block_end(layout, ln))
                carries.append(Carry(ln.start, end, res.label_role))
                continue
            if res.participants and si == 0:
                end = (own_item.end + 1) if own_item is not None else ln.end
                carries.append(Carry(ln.start, end, ("none", "skip")))
            continuation = si == 0 and line.raw[:1].islower()
            if scope is not None and not res.own_agent and res.label_role is None and not _is_role_label(line, a, b) \
                    and not continuation \
                    and not (carry_role is not None and carry_role[0] == "none"):
                _scope_role(raw_hits, line, a, b, res, scope, participants)
        if carry_role is not None and carry_role[0] == "none":
            raw_hits[:] = [h for h in raw_hits if not (h[4] >= ln.start and h[5] <= ln.end + 1 and h[3] != "after.do" and h[3] != "gap.giao")]

    return _records(text, layout, meta, deadlines, raw_hits, last_path)


def _leaf(sec, text_starts: list[int]) -> bool:
    """Whether a numbered section is its heading line alone (no lines of text under it)."""
    i = bisect.bisect_right(text_starts, sec.start)
    return i >= len(text_starts) or text_starts[i] >= sec.end


def _innermost(scopes: list[Scope], offset: int, exclude_start: int) -> Scope | None:
    best = None
    for sc in scopes:
        if sc.start <= offset < sc.end and not (sc.start == exclude_start and sc.depth >= 200) and (best is None or sc.depth >= best.depth):
            best = sc
    return best


def _after_colon(line: Line, a: int, b: int) -> int | None:
    for k in range(a, b):
        if line.toks[k].text == ":":
            return k + 1
    return None


def _is_role_label(line: Line, a: int, b: int) -> bool:
    s = line.exp[line.toks[a].start:line.toks[b - 1].end]
    m = _LABEL_RE.match(s)
    if not m:
        return False
    lab = m.group(1).strip().lower()
    return any(c.rx.match(lab) for c in cues().get("label", ())) or any(c.rx.match(lab) for c in cues().get("skip", ()))


def _scope_role(raw_hits, line: Line, a: int, b: int, res: SentenceResult, scope: Scope, participants: bool) -> None:
    """A sentence without a subject of its own under a heading body: the body's role in it."""
    if participants or res.own_agent:
        return
    s = line.exp[line.toks[a].start:line.toks[b - 1].end]
    s = re.sub(r"^[\s\-+*•–]+", "", s)
    if not re.search(r"[^\W\d_]", s):
        return
    if scope.mode == "requested":
        role = "lead" if _OPENS_LEAD.match(s) else "cooperate" if _OPENS_COOPERATE.match(s) else None
        rule = "heading.requested." + (role or "")
    else:
        role = "cooperate" if _OPENS_COOPERATE.match(s) else "lead"
        rule = "heading." + role
    if role is None:
        return
    s_start, s_end = line.doc_span(a, b)
    for bl, bm in scope.bodies:
        if bm.dropped:
            continue
        raw_hits.append((bl, bm, role, rule, s_start, s_end, None))


def _next_block_end(layout: Layout, ln) -> int:
    """End of the lines that belong to a label line that is neither a section nor an item: up to
    the next section or the next line at the same or a shallower list depth."""
    nxt = [s.start for s in layout.sections if s.start > ln.start]
    end = min(nxt) if nxt else layout.body_end
    for it in layout.items:
        if it.start > ln.start and it.depth <= 1 and it.start < end:
            # sub-items of a plain label line are the deeper (+) items right after it
            if it.marker not in ("+", "*", "▪", "○"):
                end = it.start
                break
    return end


def _dated_duty(text: str, start: int, end: int, deadlines: list[Deadline]) -> bool:
    if any(start <= d.start < end for d in deadlines):
        return bool(re.search(r"báo\s+cáo|gửi", text, re.I))
    return bool(_DATE_CUE.search(text)) and bool(re.search(r"báo\s+cáo|gửi", text, re.I))


def _records(text: str, layout: Layout, meta: DocumentMeta, deadlines: list[Deadline], raw_hits, last_path) -> list[Assignment]:
    pre = []
    for line, m, role, rule, s_start, s_end, _ in raw_hits:
        if m.dropped or role not in ROLES:
            continue
        a, b = m.start, m.end
        start, end = line.doc_span(a, b)
        mention_text = text[start:end]
        name = mention_name(line, m)
        canon = canonical_name(name, meta)
        if not canon or len(canon) < 3:
            continue
        # a heading body's role belongs to the section of the task that gives it ("1.2. Tổng hợp, báo cáo ..."
        # under "1. Phòng Văn hóa - Xã hội"), which is the heading's own section for its bullets
        path = layout.path_at(s_start if rule.startswith("heading.") else start)
        if layout.body_end <= start < layout.annex_start:
            path = last_path
        task = text[s_start:s_end].strip()
        if len(task) > TASK_MAX:
            cut = task[:TASK_MAX]
            task = cut[: cut.rfind(" ")] if " " in cut else cut
        dl = next((d.value for d in deadlines if s_start <= d.start < s_end), None)
        pre.append((canon, name, role, path, start, end, mention_text, task, dl, rule))
    names = unify_names([p[0] for p in pre], meta)
    registry = AgencyRegistry()
    out: list[Assignment] = []
    seen = set()
    for canon, name, role, path, start, end, mention_text, task, dl, rule in pre:
        agency = names.get(canon, canon)
        key = (agency, role, path, start)
        if key in seen:
            continue
        seen.add(key)
        entry = registry.resolve(agency, meta=meta)
        out.append(Assignment(
            agency=agency, role=role, section=path, text=mention_text, start=start, end=end,
            task=task or None, agency_id=entry.agency_id, agency_kind=entry.kind, deadline=dl, rule=rule,
        ))
    out.sort(key=lambda r: (r.start, ROLES.index(r.role)))
    return out


@Language.component("kehoach_agencies")
def agencies_component(doc):
    from ..nlp import set_spans

    doc._.assignments = find_assignments(doc._.layout.text, doc._.layout, doc._.meta, doc._.deadlines or ())
    set_spans(doc, "agencies", doc._.assignments, "role")
    return doc
