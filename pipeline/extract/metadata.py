"""Document metadata: type, number, issuer, level, place, province, date, title, signer.

Plans arrive in several shapes: the two-column header of a Word file ("ỦY BAN NHÂN DÂN /
HUYỆN YÊN THẾ" beside "CỘNG HÒA ..."), the same header flattened by a legal-document portal
into table rows (cells on their own lines, or separated by "|"), or no header at all, where
the issuer must come from the place-date line and the preamble ("UBND huyện Cao Lộc ban
hành ..."). Each field therefore has a primary source and fallbacks.
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language

from .. import gazetteer
from ..normalize import VI_LOWER, VI_UPPER, fold
from ..records import DocumentMeta
from ..resources import load_yaml
from ..segment import Layout

_NATIONAL = re.compile(r"CỘNG HÒA|CỘNG HOÀ|Độc lập\s*-\s*Tự do|ĐỘC LẬP", re.I)
_NUMBER_LINE = re.compile(r"(?:^|\|)\s*Số\s*:?\s*(?P<num>[0-9]*)\s*(?P<sym>/\s*[A-ZĐ0-9][A-ZĐa-zđ0-9\-–/&.]*)?", re.M)
_PLACE_DATE = re.compile(
    r"(?P<place>[^\n|,]{2,40}?),\s*ngày\s*(?P<d>\d{1,2})?\s*(?:tháng|/)\s*(?P<m>\d{1,2})?\s*(?:năm|/)\s*(?P<y>\d{4})"
)
_PLACE_DATE_SLASH = re.compile(r"(?P<place>[^\n|,]{2,40}?),\s*ngày\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})")
_LEVEL_WORDS = r"tỉnh|thành phố|thị xã|quận|huyện|xã|phường|thị trấn|đặc khu"
_UP, _LO = "[" + VI_UPPER + "]", "[" + VI_LOWER + "]"
# Place names are Title Case words on one line ("Tây Ninh", "Phường 3"), never across a break.
# A first word may be a single letter ("Ô Chợ Dừa").
_PLACE_NAME = "(?:" + _UP + _LO + "*(?:[ ]+(?:" + _UP + _LO + "*|[0-9]+))" + "{0,3}|[0-9]{1,2}\\b)"
_ISSUER_IN_TEXT = re.compile(
    r"(?:Ủy ban nhân dân|UBND)[ ]+(?P<lvl>" + _LEVEL_WORDS + r")[ ]+(?P<place>" + _PLACE_NAME + r")"
)
_LEVEL_PLACE = re.compile(r"\b(?P<lvl>" + _LEVEL_WORDS + r")[ ]+(?P<place>" + _PLACE_NAME + r")")
_SIGN_TITLE = re.compile(
    r"^(?:(?P<acting>KT|TM|Q|TL|TUQ)\.?\s*)?(?P<title>(?:PHÓ\s+)?(?:CHỦ TỊCH|TRƯỞNG BAN|GIÁM ĐỐC|CHÁNH VĂN PHÒNG|BÍ THƯ|TRƯỞNG PHÒNG|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|BAN CHỈ ĐẠO|TRƯỞNG|HIỆU TRƯỞNG|CHỈ HUY TRƯỞNG))\b"
)
_NON_NAME = re.compile(r"\d|:|;|Nơi nhận|Lưu|Đã ký|ký|UBND|ỦY BAN|Ủy ban|Sở|Phòng|Ban|Văn phòng|\(|\)")
_TITLE_STOP = re.compile(
    r"^(?:Căn cứ|Thực hiện|Triển khai thực hiện Kế hoạch số|Để|Nhằm|Theo|Xét|Trên cơ sở|Thi hành|Ủy ban nhân dân|UBND|Uỷ ban nhân dân|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|CHỦ TỊCH|I\.|1\.)"
)
_RULE_CHARS = re.compile(r"(?:^|\s)[-_=*…·.]{3,}(?=\s|$)")
_RULE_LINE = re.compile(r"^[\s\-_=*.·…]{3,}$")


def _lexicon() -> dict:
    return load_yaml("lexicons", "metadata.yml")


def _case_name(s: str) -> str:
    """ỦY BAN NHÂN DÂN HUYỆN YÊN THẾ → Ủy ban nhân dân huyện Yên Thế."""
    words = s.split()
    if not words:
        return s
    lex = _lexicon()
    org_prefixes = [p.split() for p in lex["organ_prefixes"]]
    out: list[str] = []
    i = 0
    lowered = [w.lower() for w in words]
    for pref in sorted(org_prefixes, key=len, reverse=True):
        if [p.lower() for p in pref] == lowered[: len(pref)]:
            out.extend(pref)
            i = len(pref)
            break
    level_words = {"tỉnh", "thành", "phố", "thị", "xã", "quận", "huyện", "phường", "trấn", "đặc", "khu"}
    in_place = False
    for w in words[i:]:
        lw = w.lower()
        if not in_place and lw in level_words:
            out.append(lw)
            continue
        in_place = True
        out.append(w[:1].upper() + w[1:].lower() if w.isupper() or w.islower() else w)
    return " ".join(out)


def _body_case(s: str) -> str:
    """SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN → Sở Nông nghiệp và Phát triển nông thôn: the
    head word and the first word of each field name are capitalized, as official names are."""
    words = s.lower().split()
    out = []
    cap_next = True
    for i, w in enumerate(words):
        if cap_next and w not in ("và", "các"):
            out.append(w[:1].upper() + w[1:])
            cap_next = i == 0 and len(words) > 1 and words[1] not in ("và",) and w in ("sở", "phòng", "ban", "văn", "trung", "chi", "cục", "bộ", "hội")
            if w in ("văn", "trung", "chi", "bộ") and i + 1 < len(words):
                cap_next = False
            continue
        out.append(w)
        cap_next = w in ("và",) or w.endswith(",") or w in ("-", "–")
    return " ".join(out)


def _expand_caps(s: str) -> str:
    """Expand abbreviations in an upper-case header line (CTMTQG, NN&PTNT, TKCN) and put the
    line back in capitals, so casing is decided in one place afterwards."""
    from ..registry import expand

    return expand(s).upper()


def _header_lines(layout: Layout) -> list[str]:
    end = layout.lines[layout.title_line].start if layout.title_line is not None else min(len(layout.text), 800)
    out = []
    for ln in layout.lines:
        if ln.start >= end:
            break
        # A two-column header flattened onto one line ("UBND HUYỆN X   CỘNG HÒA ...") is split
        # back into its columns at the national motto, the number and the place-date line.
        for cell in _COLUMN_BREAK.split(ln.text):
            cell = _RULE_CHARS.sub(" ", cell).strip()
            if cell:
                out.append(cell)
    return out


_COLUMN_BREAK = re.compile(
    r"\s*\|\s*|(?<=\S)\s+(?=CỘNG HÒA|CỘNG HOÀ|Độc lập\s*-|ĐỘC LẬP|Số\s*:)"
    r"|(?<=[" + VI_UPPER + r"0-9])\s+(?=" + _UP + r"[^\s,|]*(?:\s" + _UP + r"[^\s,|]*){0,3},\s*ngày\b)"
)


_COUNCIL = re.compile(r"^(?:ỦY|UỶ) BAN NHÂN DÂN\b|^UBND\b")
_ORG_SPLIT = re.compile(r"(?<=\S)\s+(?=(?:ỦY|UỶ) BAN NHÂN DÂN\b|UBND\b)")


def _issuer_from_header(lines: list[str]) -> str | None:
    org: list[str] = []
    for cell in lines:
        if _NATIONAL.search(cell):
            continue  # the other column of the header, possibly interleaved row by row
        if cell.startswith("Số") or _PLACE_DATE.search(cell):
            if org:
                break
            continue
        letters = [c for c in cell if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8 and len(cell) < 80:
            org.append(cell)
        elif org:
            break
    if not org:
        return None
    # "ỦY BAN NHÂN DÂN HUYỆN X ỦY BAN NHÂN DÂN THỊ TRẤN Y" (a portal cell holding both lines):
    # the lower council is the issuer, its parent only locates it.
    org = [p.strip() for cell in org for p in _ORG_SPLIT.split(cell) if p.strip()]
    councils = [i for i, p in enumerate(org) if _COUNCIL.match(p.upper())]
    if len(councils) >= 2:
        org = org[councils[-1]:]
    lex = _lexicon()
    # "UBND TỈNH LẠNG SƠN / SỞ NÔNG NGHIỆP ..." — the lower line is the issuer.
    heads = tuple(h.upper() for h in lex["body_heads"])
    suffix = ""
    if len(org) >= 2 and org[-1].upper().startswith(heads) and not org[-1].upper().startswith(("HUYỆN", "XÃ", "TỈNH", "THÀNH PHỐ", "THỊ XÃ", "QUẬN", "PHƯỜNG", "THỊ TRẤN")):
        parent = _case_name(_expand_caps(" ".join(org[:-1])))
        lvl, place = _split_issuer(parent)
        org = org[-1:]
        body = _body_case(_expand_caps(org[0]))
        if lvl and place:
            if re.search(r"\b(?:" + _LEVEL_WORDS + r")$", body):
                suffix = f" {place}"  # "BAN CHỈ ĐẠO 389 THÀNH PHỐ" under "UBND THÀNH PHỐ HẢI PHÒNG"
            elif not re.search(r"\b(?:" + _LEVEL_WORDS + r")\b", body):
                suffix = f" {lvl} {place}"
        return body + suffix
    name = _expand_caps(" ".join(org))
    return _case_name(re.sub(r"\s+", " ", name).strip())


def _level_of(word: str | None, place: str | None) -> str | None:
    if not word:
        return None
    word = word.lower()
    if word == "tỉnh":
        return "tỉnh"
    if word == "thành phố":
        return "thành phố" if place and fold(place) in gazetteer.CENTRAL_CITIES else "huyện"
    if word in ("thị xã", "quận", "huyện"):
        return "huyện"
    return "xã"


def _split_issuer(issuer: str) -> tuple[str | None, str | None]:
    m = re.search(r"\b(" + _LEVEL_WORDS + r")\s+(" + _PLACE_NAME + r")\s*$", issuer)
    if m:
        return m.group(1).lower(), m.group(2)
    return None, None


def _date_and_place(text_head: str) -> tuple[str | None, str | None]:
    m = _PLACE_DATE.search(text_head) or _PLACE_DATE_SLASH.search(text_head)
    if not m:
        return None, None
    y, mo, d = m.group("y"), m.group("m"), m.group("d")
    if mo and d:
        date = f"{y}-{int(mo):02d}-{int(d):02d}"
    elif mo:
        date = f"{y}-{int(mo):02d}"
    else:
        date = y
    place = m.group("place").strip(" |-–\t")
    place = re.sub(r"^.*?\b(?:Số|số)\s*:?\s*\S*\s+", "", place).strip()
    return date, place or None


def _is_upper(t: str) -> bool:
    letters = [c for c in t if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _title(layout: Layout) -> tuple[str | None, str | None]:
    if layout.title_line is None:
        return None, None
    head = layout.lines[layout.title_line].text.strip()
    doc_type = _lexicon()["doc_types"].get(re.sub(r"\s+", " ", head.split("|")[0].strip()).upper().split(" SỐ")[0])
    rest_on_line = ""
    m = re.match(r"^(KẾ HOẠCH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH|ĐỀ ÁN|PHƯƠNG ÁN|HƯỚNG DẪN|CHỈ THỊ|THÔNG BÁO|BÁO CÁO|TỜ TRÌNH|NGHỊ QUYẾT|CÔNG VĂN)\s*(.*)$", head)
    if m:
        doc_type = _lexicon()["doc_types"].get(m.group(1), doc_type)
        rest_on_line = m.group(2).strip(" :-–")
    parts = [rest_on_line] if rest_on_line and not rest_on_line.upper().startswith("SỐ") else []
    for ln in layout.lines[layout.title_line + 1: layout.title_line + 8]:
        t = ln.text.strip()
        if not t:
            continue
        if _RULE_LINE.match(t):
            if parts:
                break
            continue
        if parts and (_TITLE_STOP.match(t) or t.startswith("(") or ln.start >= layout.body_start or len(t) > 400):
            break  # "(Ban hành kèm theo Quyết định số ...)" under the title is not part of it
        if not parts and (t.startswith("Căn cứ") or ln.start >= layout.body_start):
            break
        letters = [c for c in t if c.isalpha()]
        upper = bool(letters) and all(c.isupper() for c in letters)
        if parts and upper and len(t) > 3 and not _is_upper(parts[0]):
            break  # "CHỦ TỊCH ỦY BAN NHÂN DÂN ..." under a decision's title
        parts.append(t)
        if t.endswith((".", ";", ":")):
            break
    title = " ".join(parts).strip() or None
    return doc_type, title


def _signature(layout: Layout, doc_type: str | None) -> tuple[str | None, str | None]:
    """The signature block: after the closing formula, or for a decision that issues a plan,
    the decision's own block before the attached plan."""
    zones = []
    if doc_type == "Quyết định":
        dieu = [s for s in layout.sections if s.kind == "dieu"]
        if dieu:
            zones.append(dieu[-1].line_end)
    zones += [layout.body_end, layout.body_start]
    for zone_start in zones:
        found = _signature_from(layout, zone_start)
        if found[1]:
            return found
    return None, None


_SIGN_SPLIT = re.compile(
    r"\s+(?=(?:KT|TM|Q|TL|TUQ)\.)"  # "... TM. ỦY BAN NHÂN DÂN"
    r"|(?<![.])(?<!PHÓ)\s+(?=(?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN)\b)"  # "ỦY BAN NHÂN DÂN CHỦ TỊCH"
    r"|(?<=[" + VI_UPPER + r"]{2})\s+(?=" + _UP + _LO + r")"  # "CHỦ TỊCH Phan Đình Lộc"
)


def _signature_from(layout: Layout, zone_start: int) -> tuple[str | None, str | None]:
    # A portal copy puts the whole signature block in one table cell: split it back into lines.
    lines = [part.strip() for ln in layout.lines if ln.start >= zone_start
             for c in ln.text.split("|") for part in _SIGN_SPLIT.split(c)]
    lines = [c for c in lines if c]
    title_idx = None
    title = None
    for i, t in enumerate(lines):
        m = _SIGN_TITLE.match(t.upper())
        if not m or len(t) > 60:
            continue
        j = i
        # Acting lines come in pairs: "KT. CHỦ TỊCH" then "PHÓ CHỦ TỊCH".
        if m.group("acting") and i + 1 < len(lines):
            nxt = _SIGN_TITLE.match(lines[i + 1].upper())
            if nxt and not nxt.group("acting"):
                m, j = nxt, i + 1
        if m.group("title").startswith(("ỦY BAN", "UỶ BAN", "BAN CHỈ ĐẠO")):
            continue
        title = _title_case_post(m.group("title"))
        title_idx = j
        break
    if title_idx is None:
        return None, None
    signer = None
    for t in lines[title_idx + 1:]:
        if t.startswith(("-", "+", "•")) or t.endswith((";", ":")) or _NON_NAME.search(t):
            continue
        words = t.split()
        if 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words):
            signer = " ".join(w[:1] + w[1:].lower() if w.isupper() else w for w in words)
            break
    return signer, title


def _title_case_post(title: str) -> str:
    """PHÓ TRƯỞNG BAN → Phó Trưởng ban, GIÁM ĐỐC → Giám đốc, as the posts are written."""
    words = title.strip().lower().split()
    if not words:
        return ""
    words[0] = words[0].capitalize()
    if words[0] == "Phó" and len(words) > 1:
        words[1] = words[1].capitalize()
    return " ".join(words)


def _recipients(layout: Layout) -> tuple[str, ...]:
    out: list[str] = []
    on = False
    for ln in layout.lines:
        if ln.start < layout.body_end:
            continue
        for cell in ln.text.split("|"):
            t = cell.strip()
            if re.match(r"^Nơi nhận", t, re.I):
                on = True
                rest = t.split(":", 1)[1].strip() if ":" in t else ""
                # "Nơi nhận: - A; - B; - Lưu: VP." in one table cell
                out += [x.strip().rstrip(";.,") for x in re.split(r"(?:^|\s)[-+•]\s+", rest) if x.strip()]
                continue
            if on:
                if t.startswith(("-", "+", "•")):
                    out.append(t.lstrip("-+• ").rstrip(";.,"))
                elif t:
                    on = not _SIGN_TITLE.match(t.upper()) and t.endswith(";")
    return tuple(x for x in out if x)


def _parent_province(parents: str, issuer: str | None, issue_date: str | None) -> str | None:
    """The header's parent line ("UBND THỊ XÃ NINH HÒA" above "UBND XÃ NINH VÂN") places the
    issuer more surely than any namesake in the gazetteer: take its province when it has one."""
    gz = gazetteer.load()
    new = bool(issue_date and issue_date[:7] >= "2025-07")
    found = set()
    for part in parents.split(". "):
        if not part or (issuer and fold(part) == fold(issuer)):
            continue
        lvl, place = _split_issuer(part)
        if not lvl or not place:
            continue
        if lvl == "tỉnh" or (lvl == "thành phố" and fold(place) in gazetteer.CENTRAL_CITIES):
            p = gz.province_name(place, new=new)
            found |= {p} if p else set()
        elif lvl in ("huyện", "thị xã", "quận", "thành phố"):
            found |= {u.province_new if new else u.province_old for u in gz.districts.get(gazetteer.key(place), ())} - {None}
    if len(found) != 1:
        return None
    name = found.pop()
    old = _lexicon().get("province_history", {}).get(name)
    return old["name"] if old and issue_date and issue_date[:7] < old["before"] else name


def _province(text: str, locality: str | None, level: str | None, issue_date: str | None) -> str | None:
    name = _province_now(text, locality, level, issue_date)
    old = _lexicon().get("province_history", {}).get(name) if name else None
    if old and issue_date and issue_date[:7] < old["before"]:
        return old["name"]
    return name


def _province_now(text: str, locality: str | None, level: str | None, issue_date: str | None) -> str | None:
    gz = gazetteer.load()
    new = bool(issue_date and issue_date[:7] >= "2025-07")  # provinces merged on 1 July 2025
    aliases = {gazetteer.key(k): v for k, v in _lexicon().get("province_aliases", {}).items()}

    def province(name: str) -> str | None:
        return gz.province_name(aliases.get(gazetteer.key(name), name), new=new)

    if level in ("tỉnh", "thành phố") and locality:
        return province(locality)
    evidence: Counter = Counter()
    for m in re.finditer(r"\b(?:tỉnh|Tỉnh|TỈNH|thành phố|Thành phố|THÀNH PHỐ)\s+(" + _PLACE_NAME + r")", text):
        p = province(m.group(1))
        if p:
            evidence[p] += 3  # a province named outright outweighs a district that implies one
    # Before the reform only units that existed then count (a ward created in 2025 has no old province).
    cands = sorted({u.province_new if new else u.province_old
                    for u in (gz.candidates(locality, level) if locality else ())} - {None})
    if len(cands) == 1:
        return cands[0]
    own = gazetteer.key(locality) if locality else None
    for m in re.finditer(r"\b(?:huyện|thị xã|thành phố|quận)\s+(" + _PLACE_NAME + r")", text):
        k = gazetteer.key(m.group(1))
        if k == own and level == "huyện":
            continue  # a district's own name says nothing about which of its namesakes it is
        for p in sorted({u.province_new if new else u.province_old for u in gz.districts.get(k, ())} - {None}):
            evidence[p] += 1
    pool = cands or sorted(evidence)
    ranked = sorted(((evidence[p], p) for p in pool if evidence[p] > 0), reverse=True)
    if not ranked or len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
        return None  # the text does not say which: null rather than a guess
    return ranked[0][1]


def extract_metadata(text: str, layout: Layout) -> DocumentMeta:
    header = _header_lines(layout)
    head_text = "\n".join(header) if header else text[:1500]
    number = symbol = None
    m = _NUMBER_LINE.search("\n".join(header)) if header else _NUMBER_LINE.search(text[:1500])
    if m and m.group("sym"):
        symbol = re.sub(r"\s+", "", m.group("sym")).lstrip("/")
        number = f"{m.group('num')}/{symbol}" if m.group("num") else None
    issue_date, place = _date_and_place(head_text if header else text[:1500])
    if issue_date is None:
        issue_date, place2 = _date_and_place(text[:3000])
        place = place or place2
    doc_type, title = _title(layout)
    if doc_type is None and symbol:
        # No type heading (a portal copy that lost it): the symbol says it, KH- → Kế hoạch.
        doc_type = _lexicon()["symbol_types"].get(symbol.split("-")[0].upper())
    issuer = _issuer_from_header(header)
    level_word, locality = _split_issuer(issuer) if issuer else (None, None)
    if issuer is None or locality is None:
        level_word, locality, issuer = _issuer_from_text(text, layout, place, issuer)
    level = _level_of(level_word, locality)
    # Header lines name parents too ("ỦY BAN NHÂN DÂN HUYỆN MỸ XUYÊN" above the town's council).
    parents = ". ".join(_case_name(_expand_caps(p)) for c in _COLUMN_BREAK.split(" | ".join(header))
                        if c.strip().isupper() and not _NATIONAL.search(c) for p in _ORG_SPLIT.split(c.strip()))
    province = _parent_province(parents, issuer, issue_date) or _province(parents + "\n" + text, locality, level, issue_date)
    signer, signer_title = _signature(layout, doc_type)
    return DocumentMeta(
        doc_type=doc_type, number=number, symbol=symbol, issuer=issuer, level=level,
        locality=locality, province=province, issue_date=issue_date, title=title,
        signer=signer, signer_title=signer_title, recipients=_recipients(layout), place=place,
    )


def _issuer_from_text(text: str, layout: Layout, place: str | None, header_issuer: str | None):
    """No usable header: the place-date line names the place, the text names its level."""
    scope = text[: layout.body_end]
    if place:
        levels = Counter(
            m.group("lvl").lower() for m in _LEVEL_PLACE.finditer(scope) if fold(m.group("place")).startswith(fold(place))
        )
        if levels:
            lvl = levels.most_common(1)[0][0]
            body = header_issuer or "Ủy ban nhân dân"
            return lvl, place, f"{body} {lvl} {place}"
    m = _ISSUER_IN_TEXT.search(scope)
    if m:
        return m.group("lvl").lower(), m.group("place"), f"Ủy ban nhân dân {m.group('lvl').lower()} {m.group('place')}"
    return None, place, header_issuer


@Language.component("kehoach_metadata")
def metadata_component(doc):
    doc._.meta = extract_metadata(doc._.layout.text, doc._.layout)  # doc.text rebuilds the string each call
    return doc
