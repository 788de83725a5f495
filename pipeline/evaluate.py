"""Score predictions against gold files with the matching rules of ANNOTATION.md.

The rules are those of the reference scorer (shared/eval/score.py): the same folding, the
same one-to-one greedy matching and the same micro-averages, so `kehoach eval` prints the
figures the held-out evaluation will print. On top of them it keeps *which* items matched, so
`--diff` can show a developer what was missed and what was spurious.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz

_TONE_MOVES = {}
for _plain, _marks in (("a", "àáảãạ"), ("e", "èéẻẽẹ"), ("y", "ỳýỷỹỵ")):
    _first = "o" if _plain in "ae" else "u"
    for _mark, _t_first in zip(_marks, {"o": "òóỏõọ", "u": "ùúủũụ"}[_first]):
        _TONE_MOVES[_first + _mark] = _t_first + _plain
_TONE_RE = re.compile("(" + "|".join(_TONE_MOVES) + r")(?![a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ])")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "−": "-", "“": '"', "”": '"', "’": "'"})
_ABBREVIATIONS = [
    (r"\bubnd\b", "ủy ban nhân dân"), (r"\bhđnd\b", "hội đồng nhân dân"),
    (r"\bnn\s*(&|và)\s*ptnt\b", "nông nghiệp và phát triển nông thôn"),
    (r"\btn\s*(&|và)\s*mt\b", "tài nguyên và môi trường"),
    (r"\bubmttqvn\b", "ủy ban mặt trận tổ quốc việt nam"),
    (r"\bmttq\s*vn\b", "mặt trận tổ quốc việt nam"), (r"\bmttq\b", "mặt trận tổ quốc"),
    (r"\bntm\b", "nông thôn mới"), (r"\bbcđ\b", "ban chỉ đạo"), (r"\bmtqg\b", "mục tiêu quốc gia"),
    (r"\bct\s*-\s*xh\b", "chính trị - xã hội"), (r"\bvp\b", "văn phòng"), (r"\bcc\b", "công chức"),
    (r"\bbch\b", "ban chỉ huy"), (r"\bqs\b", "quân sự"),
]
META_FIELDS = ["doc_type", "number", "symbol", "issuer", "level", "locality", "province",
               "issue_date", "title", "signer", "signer_title"]
SECTION_NUMBER = re.compile(r"^([IVXLC]+|\d+(\.\d+)*)$")


def fold(text) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text)).lower().translate(_DASHES)
    text = _TONE_RE.sub(lambda m: _TONE_MOVES[m.group(1)], text)
    return re.sub(r"\s+", " ", text).strip(" .,;:")


def _strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def agency_key(name) -> str:
    text = fold(name)
    for pattern, full in _ABBREVIATIONS:
        text = re.sub(pattern, full, text)
    text = re.sub(r"^(đề nghị|giao)\s+", "", text)
    text = re.sub(r"[()\[\],;:.&]", " ", text)
    return re.sub(r"\s+", " ", _strip_accents(text)).strip()


def _number_key(number) -> str:
    return re.sub(r"\s+", "", fold(number))


def texts_overlap(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    if fa in fb or fb in fa:
        return True
    ta, tb = set(fa.split()), set(fb.split())
    return len(ta & tb) / max(1, len(ta | tb)) >= 0.5


def greedy_match(gold: list, pred: list, ok, score=lambda g, p: 1.0) -> list[tuple[int, int]]:
    cands = [(score(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred) if ok(g, p)]
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def _dedupe(items, key):
    seen, out = set(), []
    for it in items:
        k = key(it)
        if k not in seen:
            seen.add(k)
            out.append(it)
    return out


@dataclass
class Count:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: "Count") -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold

    @property
    def p(self) -> float:
        return self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def r(self) -> float:
        return self.tp / self.gold if self.gold else (1.0 if not self.pred else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Category:
    """One category's counts, value checks and the unmatched items behind them."""
    match: Count = field(default_factory=Count)
    detect: Count | None = None
    values: dict[str, list[int]] = field(default_factory=dict)  # name → [ok, of]
    missed: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)

    def value(self, name: str, ok: int, of: int) -> None:
        v = self.values.setdefault(name, [0, 0])
        v[0] += ok
        v[1] += of

    def add(self, other: "Category") -> None:
        self.match.add(other.match)
        if other.detect is not None:
            self.detect = self.detect or Count()
            self.detect.add(other.detect)
        for k, (ok, of) in other.values.items():
            self.value(k, ok, of)
        self.missed.extend(other.missed)
        self.spurious.extend(other.spurious)


def _unmatched(cat: Category, gold, pred, pairs, doc: str) -> None:
    gi_used = {g for g, _ in pairs}
    pi_used = {p for _, p in pairs}
    cat.missed += [{"doc": doc, **g} for i, g in enumerate(gold) if i not in gi_used]
    cat.spurious += [{"doc": doc, **p} for i, p in enumerate(pred) if i not in pi_used]


def score_sections(gold, pred, doc="") -> Category:
    pred = [p for p in pred if SECTION_NUMBER.match(str(p.get("number", "")).strip(". "))]

    def ok(g, p):
        return (str(g["number"]).strip(". ") == str(p.get("number", "")).strip(". ")
                and fuzz.ratio(fold(g["heading"])[:60], fold(p.get("heading"))[:60]) >= 80)

    pairs = greedy_match(gold, pred, ok)
    cat = Category(Count(len(pairs), len(pred), len(gold)))
    cat.value("level", sum(1 for gi, pi in pairs if gold[gi].get("level") == pred[pi].get("level")), len(pairs))
    _unmatched(cat, gold, pred, pairs, doc)
    return cat


def score_citations(gold, pred, doc="") -> Category:
    key = lambda c: (fold(c.get("doc_type")), _number_key(c.get("number")))
    gold, pred = _dedupe(gold, key), _dedupe(pred, key)
    pairs = greedy_match(gold, pred, lambda g, p: key(g) == key(p))
    cat = Category(Count(len(pairs), len(pred), len(gold)))
    dated = [(gi, pi) for gi, pi in pairs if gold[gi].get("date")]
    cat.value("date", sum(1 for gi, pi in dated if gold[gi]["date"] == pred[pi].get("date")), len(dated))
    cat.value("relation", sum(1 for gi, pi in pairs if gold[gi].get("relation") == pred[pi].get("relation")), len(pairs))
    _unmatched(cat, gold, pred, pairs, doc)
    return cat


def _same_deadline(g, p) -> bool:
    return g.get("kind") == p.get("kind") and str(g.get("value")) == str(p.get("value"))


def _same_target(g, p) -> bool:
    try:
        return abs(float(g["value"]) - float(p.get("value"))) < 1e-6
    except (TypeError, ValueError):
        return False


def score_mentions(gold, pred, same_value, doc="") -> tuple[Category, list]:
    overlap = lambda g, p: texts_overlap(g["text"], p.get("text", ""))
    detect = greedy_match(gold, pred, overlap)
    strict = greedy_match(gold, pred, lambda g, p: overlap(g, p) and same_value(g, p))
    cat = Category(Count(len(strict), len(pred), len(gold)), Count(len(detect), len(pred), len(gold)))
    cat.value("value", len(strict), len(detect))
    _unmatched(cat, gold, pred, strict, doc)
    return cat, strict


def score_targets(gold, pred, doc="") -> Category:
    cat, pairs = score_mentions(gold, pred, _same_target, doc)
    cat.value("unit", sum(1 for gi, pi in pairs if fold(gold[gi].get("unit")) == fold(pred[pi].get("unit"))), len(pairs))
    cat.value("code", sum(1 for gi, pi in pairs if gold[gi].get("code") == pred[pi].get("code")), len(pairs))
    cat.value("comparator", sum(1 for gi, pi in pairs if gold[gi].get("comparator") == pred[pi].get("comparator")), len(pairs))
    return cat


def score_assignments(gold, pred, doc="", by_section=False) -> Category:
    if by_section:
        key = lambda a: (str(a.get("section") or ""), agency_key(a.get("agency")), a.get("role"))
    else:
        key = lambda a: (agency_key(a.get("agency")), a.get("role"))
    gold, pred = _dedupe(gold, key), _dedupe(pred, key)

    def sim(g, p):
        return fuzz.token_sort_ratio(agency_key(g["agency"]), agency_key(p.get("agency")))

    def ok(g, p):
        same_section = not by_section or str(g.get("section") or "") == str(p.get("section") or "")
        return g["role"] == p.get("role") and same_section and sim(g, p) >= 85

    # The reference ranks candidate pairs by similarity only for the headline match.
    pairs = greedy_match(gold, pred, ok) if by_section else greedy_match(gold, pred, ok, sim)
    cat = Category(Count(len(pairs), len(pred), len(gold)))
    if not by_section:
        cat.value("canonical", sum(1 for gi, pi in pairs if fold(gold[gi]["agency"]) == fold(pred[pi].get("agency"))), len(pairs))
        _unmatched(cat, gold, pred, pairs, doc)
    return cat


def score_metadata(gold: dict, pred: dict) -> dict[str, bool]:
    out = {}
    for f in META_FIELDS:
        g, p = gold.get(f), pred.get(f)
        if f == "title":
            out[f] = fuzz.ratio(fold(g), fold(p)) >= 90 if g else not p
        elif f == "issuer":
            out[f] = agency_key(g) == agency_key(p)
        else:
            out[f] = fold(g) == fold(p)
    return out


CATEGORIES = ("sections", "citations", "deadlines", "targets", "assignments", "assignments_by_section")


@dataclass
class Report:
    categories: dict[str, Category] = field(default_factory=lambda: {c: Category() for c in CATEGORIES})
    metadata: dict[str, int] = field(default_factory=dict)
    metadata_wrong: list[dict] = field(default_factory=list)
    n_docs: int = 0

    def add(self, other: "Report") -> None:
        for c in CATEGORIES:
            self.categories[c].add(other.categories[c])
        for k, v in other.metadata.items():
            self.metadata[k] = self.metadata.get(k, 0) + v
        self.metadata_wrong += other.metadata_wrong
        self.n_docs += other.n_docs

    def headline(self) -> dict:
        c = self.categories

        def ratio(cat, name):
            ok, of = c[cat].values.get(name, (0, 0))
            return round(ok / of, 3) if of else None

        return {
            "documents": self.n_docs,
            "sections_f1": round(c["sections"].match.f1, 3),
            "citations_f1": round(c["citations"].match.f1, 3),
            "citation_date_acc": ratio("citations", "date"),
            "citation_relation_acc": ratio("citations", "relation"),
            "deadlines_f1": round(c["deadlines"].match.f1, 3),
            "deadlines_detect_f1": round(c["deadlines"].detect.f1, 3) if c["deadlines"].detect else 0.0,
            "targets_f1": round(c["targets"].match.f1, 3),
            "targets_detect_f1": round(c["targets"].detect.f1, 3) if c["targets"].detect else 0.0,
            "target_code_acc": ratio("targets", "code"),
            "assignments_f1": round(c["assignments"].match.f1, 3),
            "assignments_section_f1": round(c["assignments_by_section"].match.f1, 3),
            "agency_canonical_acc": ratio("assignments", "canonical"),
            "metadata_acc": {f: (round(self.metadata.get(f, 0) / self.n_docs, 3) if self.n_docs else None) for f in META_FIELDS},
        }

    def detail(self) -> dict:
        """Precision, recall and F1 per category and every value accuracy."""
        out = {}
        for name, cat in self.categories.items():
            d = {"p": round(cat.match.p, 3), "r": round(cat.match.r, 3), "f1": round(cat.match.f1, 3),
                 "tp": cat.match.tp, "pred": cat.match.pred, "gold": cat.match.gold}
            if cat.detect:
                d["detect_f1"] = round(cat.detect.f1, 3)
            for k, (ok, of) in cat.values.items():
                d[f"{k}_acc"] = round(ok / of, 3) if of else None
            out[name] = d
        return out


def score_document(gold: dict, pred: dict, doc: str = "") -> Report:
    rep = Report(n_docs=1)
    get = lambda k: pred.get(k, []) or []
    rep.categories["sections"] = score_sections(gold.get("sections", []), get("sections"), doc)
    rep.categories["citations"] = score_citations(gold.get("citations", []), get("citations"), doc)
    rep.categories["deadlines"] = score_mentions(gold.get("deadlines", []), get("deadlines"), _same_deadline, doc)[0]
    rep.categories["targets"] = score_targets(gold.get("targets", []), get("targets"), doc)
    rep.categories["assignments"] = score_assignments(gold.get("assignments", []), get("assignments"), doc)
    rep.categories["assignments_by_section"] = score_assignments(gold.get("assignments", []), get("assignments"), doc, by_section=True)
    meta = score_metadata(gold.get("metadata", {}), pred.get("document", {}) or {})
    rep.metadata = {k: int(v) for k, v in meta.items()}
    rep.metadata_wrong = [{"doc": doc, "field": k, "gold": gold.get("metadata", {}).get(k),
                           "pred": (pred.get("document", {}) or {}).get(k)} for k, v in meta.items() if not v]
    return rep


def find_document(gold_path, gold: dict, docs_dir):
    """The document a gold file describes: its `doc` name, else <stem>.txt/.docx/.pdf."""
    from pathlib import Path

    docs_dir = Path(docs_dir)
    stem = Path(gold_path).name[: -len(".gold.json")]
    names = ([gold["doc"]] if gold.get("doc") else []) + [f"{stem}{ext}" for ext in (".txt", ".docx", ".pdf")]
    for name in names:
        if (docs_dir / name).exists():
            return docs_dir / name
    return None


def evaluate(gold_dir, docs_dir, predict) -> tuple[Report, dict[str, Report]]:
    """Run `predict(path) -> OUTPUT.md dict` on every document that has a gold file."""
    import json
    from pathlib import Path

    total, per_doc = Report(), {}
    for gf in sorted(Path(gold_dir).glob("*.gold.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        stem = gf.name[: -len(".gold.json")]
        path = find_document(gf, gold, docs_dir)
        pred = predict(path) if path else {}
        rep = score_document(gold, pred, stem)
        per_doc[stem] = rep
        total.add(rep)
    return total, per_doc
