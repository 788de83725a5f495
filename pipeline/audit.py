"""Deadline consistency audit: the rules a careful reviewer applies, over the extracted tables.

Each rule reads the tables of `kehoach run` (documents, sections, deadlines, targets,
assignments, warnings, citation_links) and yields findings with their evidence spans, so the
same rules serve one plan or a whole corpus. Rule ids and what they catch are listed in
RULES (and in the README).
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import date

import pandas as pd
from rapidfuzz import fuzz

from .tables import due_date

RULES = {
    "R1": "deadline before the plan's own issue date",
    "R2": "deadline after the plan's horizon (its year or the end of its phase)",
    "R3": "sub-task due after the section that contains it",
    "R4": "reporting chain out of order (a body reports after the body above it must report)",
    "R5": "the same task, target or body given different deadlines",
    "R6": "a plan that implements another is later or commits less than the higher plan",
    "R7": "impossible or malformed date, ambiguous missing year, blank date or number",
    "R8": "obligation with a lead body and no deadline; deadline with no responsible body",
    "R9": "numbering anomaly: repeated or skipped section number",
    "R10": "numbers stated together that disagree (02/13 xã ... đạt 25%)",
}
_AIMS = re.compile(r"MỤC ĐÍCH|MỤC TIÊU|YÊU CẦU|CHỈ TIÊU|mục đích|mục tiêu|yêu cầu", re.I)
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
FINDING_COLUMNS = ["rule", "severity", "doc_id", "source", "section", "message_vi", "message_en", "evidence"]


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # error | warning | info
    doc_id: str
    source: str
    section: str | None
    message_vi: str
    message_en: str
    evidence: str  # JSON list of {text, start, end}


def _evidence(*rows) -> str:
    return json.dumps([{"text": r.get("text"), "start": _int(r.get("start")), "end": _int(r.get("end"))} for r in rows],
                      ensure_ascii=False)


def _int(v):
    return None if v is None or (isinstance(v, float) and pd.isna(v)) else int(v)


def _none(v):
    return None if v is None or (isinstance(v, float) and pd.isna(v)) else v


def _due(row) -> date | None:
    d = row.get("due_date")
    if isinstance(d, date):
        return d
    if isinstance(d, str) and re.match(r"\d{4}-\d{2}-\d{2}$", d):
        return date.fromisoformat(d)
    kind, value = row.get("kind"), row.get("range_end") if _none(row.get("range_end")) else row.get("value")
    return due_date(kind, value) if kind not in ("recurring", "relative") else None


def _issue_start(issue_date: str | None) -> date | None:
    if not issue_date:
        return None
    parts = [int(p) for p in issue_date.split("-")]
    try:
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None


def plan_horizon(title: str | None, issue_date: str | None) -> int | None:
    """The last year a plan covers: the end of "giai đoạn 2021 - 2025", else the latest year in
    its title, else its issue year."""
    t = title or ""
    m = re.search(r"giai đoạn\s*(\d{4})\s*[-–]\s*(\d{4})", t, re.I)
    if m:
        return int(m.group(2))
    years = [int(y) for y in re.findall(r"\b(20\d\d)\b", t)]
    if years:
        return max(years)
    return int(issue_date[:4]) if issue_date else None


def _anchor(value: str) -> tuple[int, int] | None:
    m = re.search(r"--(\d{2})-(\d{2})$", value or "")
    return (int(m.group(1)), int(m.group(2))) if m else None


class Auditor:
    def __init__(self, frames: dict[str, pd.DataFrame]):
        self.f = {k: (v.copy() if v is not None else pd.DataFrame()) for k, v in frames.items()}
        self.findings: list[Finding] = []
        docs = self.f.get("documents", pd.DataFrame())
        self.docs = {r["doc_id"]: r for r in docs.to_dict("records")} if not docs.empty else {}

    def add(self, rule, severity, doc_id, section, vi, en, *evidence):
        src = self.docs.get(doc_id, {}).get("source", "")
        self.findings.append(Finding(rule, severity, doc_id, src, _none(section), vi, en, _evidence(*evidence)))

    def rows(self, table: str, doc_id: str) -> list[dict]:
        df = self.f.get(table)
        if df is None or df.empty:
            return []
        return df[df["doc_id"] == doc_id].to_dict("records")

    def run(self) -> pd.DataFrame:
        for doc_id, doc in self.docs.items():
            dls = self.rows("deadlines", doc_id)
            self.r1_r2(doc, dls)
            self.r3(doc, dls)
            self.r4(doc, dls)
            self.r5(doc, dls)
            self.r7(doc, dls)
            self.r8(doc, dls)
            self.r9(doc)
            self.r10(doc)
        self.r6()
        df = pd.DataFrame([asdict(f) for f in self.findings], columns=FINDING_COLUMNS)
        if not df.empty:
            df = df.sort_values(["doc_id", "severity", "rule"], key=lambda s: s.map(SEVERITY_ORDER) if s.name == "severity" else s)
        return df.reset_index(drop=True)

    # R1, R2 -----------------------------------------------------------------------------
    def r1_r2(self, doc, dls):
        issued = _issue_start(_none(doc.get("issue_date")))
        horizon = plan_horizon(_none(doc.get("title")), _none(doc.get("issue_date")))
        for d in dls:
            due = _due(d)
            if due is None:
                continue
            if issued and due < issued:
                self.add("R1", "error", doc["doc_id"], d["section"],
                         f"Thời hạn \"{d['text']}\" ({due}) trước ngày ban hành kế hoạch ({doc.get('issue_date')}).",
                         f"Deadline \"{d['text']}\" ({due}) is before the plan's issue date ({doc.get('issue_date')}).", d)
            if horizon and due.year > horizon:
                self.add("R2", "warning", doc["doc_id"], d["section"],
                         f"Thời hạn \"{d['text']}\" ({due}) vượt quá phạm vi kế hoạch (đến hết năm {horizon}).",
                         f"Deadline \"{d['text']}\" ({due}) is after the plan's horizon (end of {horizon}).", d)

    # R3 ---------------------------------------------------------------------------------
    def r3(self, doc, dls):
        dated = [(d, _due(d)) for d in dls if _due(d) and _none(d.get("section"))]
        for child, cdue in dated:
            for parent, pdue in dated:
                ps, cs = parent["section"], child["section"]
                if cs != ps and cs.startswith(ps + ".") and parent["start"] < child["start"] and cdue > pdue:
                    self.add("R3", "warning", doc["doc_id"], cs,
                             f"Nhiệm vụ con ở mục {cs} hạn {cdue}, muộn hơn hạn {pdue} của mục {ps}.",
                             f"Sub-task in {cs} is due {cdue}, after {pdue} set for its section {ps}.", parent, child)

    # R4 ---------------------------------------------------------------------------------
    def r4(self, doc, dls):
        """In one section, reporting steps written in sequence must fall due in sequence."""
        steps = [d for d in dls if re.search(r"báo cáo|tổng hợp|gửi", str(d.get("task") or ""), re.I)]
        by_section: dict = {}
        for d in steps:
            key = _anchor(d["value"]) if d["kind"] == "recurring" else _due(d)
            if key is not None:
                by_section.setdefault(d["section"], []).append((d["start"], key, d))
        for section, seq in by_section.items():
            seq.sort(key=lambda x: x[0])
            for (_, k1, d1), (_, k2, d2) in zip(seq, seq[1:]):
                if type(k1) is type(k2) and k2 < k1:
                    self.add("R4", "error", doc["doc_id"], section,
                             f"Chuỗi báo cáo ngược thứ tự: \"{d2['text']}\" sớm hơn bước trước \"{d1['text']}\".",
                             f"Reporting chain out of order: \"{d2['text']}\" falls before the previous step \"{d1['text']}\".",
                             d1, d2)

    # R5 ---------------------------------------------------------------------------------
    def r5(self, doc, dls):
        """A duty restated in another section with another date. Near-identical siblings in one
        section are parallel duties of different subjects ("Đối với xã A: ... tháng 10",
        "Đối với xã B: ... tháng 11"), and two dates in one sentence are successive steps."""
        firm = [d for d in dls if d["kind"] in ("date", "month", "week", "quarter", "half", "year") and d.get("task")]
        for i, a in enumerate(firm):
            for b in firm[i + 1:]:
                if a["value"] == b["value"] or a["section"] == b["section"] or a["task"] == b["task"]:
                    continue
                same_task = fuzz.ratio(_task_core(a["task"], a["text"]), _task_core(b["task"], b["text"])) >= 90
                same_body = a.get("agencies") and a.get("agencies") == b.get("agencies")
                if same_task and same_body:
                    self.add("R5", "warning", doc["doc_id"], b["section"],
                             f"Cùng nhiệm vụ của {a['agencies']} nhưng hai thời hạn khác nhau: \"{a['text']}\" và \"{b['text']}\".",
                             f"The same task of {a['agencies']} has two different deadlines: \"{a['text']}\" and \"{b['text']}\".",
                             a, b)

    # R6 ---------------------------------------------------------------------------------
    def r6(self):
        links = self.f.get("citation_links")
        if links is None or links.empty:
            return
        for link in links.to_dict("records"):
            if link.get("relation") not in ("implements", "basis"):
                continue
            low, high = link["doc_id"], link["target_doc_id"]
            low_dl, high_dl = self.rows("deadlines", low), self.rows("deadlines", high)
            for h in high_dl:
                hdue = _due(h)
                if not hdue or not h.get("task"):
                    continue
                for lo in low_dl:
                    ldue = _due(lo)
                    if ldue and lo.get("task") and ldue > hdue and fuzz.token_set_ratio(lo["task"], h["task"]) >= 85:
                        self.add("R6", "error", low, lo["section"],
                                 f"Thời hạn \"{lo['text']}\" muộn hơn \"{h['text']}\" mà kế hoạch cấp trên {link['cited_number']} đặt ra.",
                                 f"Deadline \"{lo['text']}\" is later than \"{h['text']}\" set by the higher plan {link['cited_number']}.",
                                 lo, h)
            for ht in self.rows("targets", high):
                for lt in self.rows("targets", low):
                    if (_none(ht.get("code")) and ht.get("code") == lt.get("code") and ht.get("unit") == lt.get("unit") == "%"
                            and ht.get("comparator") in (">=", ">") and lt.get("comparator") in (">=", ">", "=")
                            and float(lt["value"]) < float(ht["value"])):
                        self.add("R6", "warning", low, lt["section"],
                                 f"Chỉ tiêu {lt['code']} {lt['value']}% thấp hơn {ht['value']}% của kế hoạch cấp trên {link['cited_number']}.",
                                 f"Target {lt['code']} {lt['value']}% is below the {ht['value']}% the higher plan {link['cited_number']} asks.",
                                 lt, ht)

    # R7 ---------------------------------------------------------------------------------
    def r7(self, doc, dls):
        doc_id = doc["doc_id"]
        for w in self.rows("warnings", doc_id):
            if w["code"] in ("impossible_date", "citation_year_mismatch"):
                self.add("R7", "error", doc_id, None, f"Ngày không hợp lệ: {w['message']}", f"Malformed date: {w['message']}",
                         {"text": w["message"], "start": w.get("start"), "end": w.get("end")})
        horizon = plan_horizon(_none(doc.get("title")), _none(doc.get("issue_date")))
        issue_year = int(str(doc.get("issue_date"))[:4]) if _none(doc.get("issue_date")) else None
        for d in dls:
            if "Qúy" in str(d["text"]) or "qúy" in str(d["text"]):
                self.add("R7", "info", doc_id, d["section"], f"Viết sai chính tả \"Qúy\" trong \"{d['text']}\" (đúng: \"Quý\").",
                         f"Misspelled \"Qúy\" in \"{d['text']}\" (should be \"Quý\").", d)
            if d.get("year_inferred") in (True, 1) and horizon and issue_year and horizon != issue_year:
                self.add("R7", "warning", doc_id, d["section"],
                         f"\"{d['text']}\" không ghi năm, kế hoạch kéo dài {issue_year}-{horizon} nên năm không rõ.",
                         f"\"{d['text']}\" has no year and the plan spans {issue_year}-{horizon}: the year is ambiguous.", d)
        date_ = _none(doc.get("issue_date"))
        if date_ and len(str(date_)) < 10:
            self.add("R7", "info", doc_id, None, f"Ngày ban hành để trống (chỉ có {date_}).",
                     f"The issue date is blank (only {date_} is written).", {"text": date_})
        if not _none(doc.get("number")) and _none(doc.get("symbol")):
            self.add("R7", "info", doc_id, None, f"Số văn bản để trống (Số: /{doc['symbol']}).",
                     f"The document number is blank (Số: /{doc['symbol']}).", {"text": f"/{doc['symbol']}"})

    # R8 ---------------------------------------------------------------------------------
    def r8(self, doc, dls):
        doc_id = doc["doc_id"]
        dl_sections = {d["section"] for d in dls}
        seen = set()
        for a in self.rows("assignments", doc_id):
            if a["role"] != "lead" or _none(a.get("deadline")) or a["section"] in dl_sections:
                continue
            key = (a["section"], a["agency"])
            if key in seen:
                continue
            seen.add(key)
            self.add("R8", "info", doc_id, a["section"], f"{a['agency']} chủ trì nhiệm vụ ở mục {a['section']} nhưng không có thời hạn.",
                     f"{a['agency']} leads a task in {a['section']} with no deadline.", a)
        aims = self._aim_sections(doc_id)
        for d in dls:
            # A firm date with nobody to meet it; horizons of targets ("Mục tiêu ... đến hết năm
            # 2025") and standing rhythms (thường xuyên, hằng năm) are not duties of their own.
            if (not _none(d.get("agencies")) and d["kind"] in ("date", "month", "week", "quarter", "half")
                    and str(d.get("section") or "").split(".")[0] not in aims):
                self.add("R8", "info", doc_id, d["section"], f"Thời hạn \"{d['text']}\" không gắn với cơ quan chịu trách nhiệm.",
                         f"Deadline \"{d['text']}\" has no responsible body.", d)

    def _aim_sections(self, doc_id) -> set[str]:
        """Top-level sections that state aims and targets rather than duties."""
        return {s["path"] for s in self.rows("sections", doc_id)
                if s.get("level") == 1 and _AIMS.search(str(s.get("heading") or ""))}

    # R9 ---------------------------------------------------------------------------------
    def r9(self, doc):
        for w in self.rows("warnings", doc["doc_id"]):
            if w["code"] in ("section_repeated", "section_skipped"):
                what = w["message"].split(": ", 1)[-1] if ": " in w["message"] else w["message"]
                en = (f"Section number repeated: {what}" if w["code"] == "section_repeated"
                      else f"Section number skipped before {what.replace('số mục bị bỏ qua trước ', '')}")
                self.add("R9", "warning", doc["doc_id"], None, w["message"], en,
                         {"text": w["message"], "start": w.get("start"), "end": w.get("end")})

    # R10 --------------------------------------------------------------------------------
    def r10(self, doc):
        targets = sorted(self.rows("targets", doc["doc_id"]), key=lambda t: t["start"])
        for ratio in targets:
            den = _none(ratio.get("denominator"))
            if not den:
                continue
            share = 100.0 * float(ratio["value"]) / float(den)
            for pct in targets:
                if pct is ratio or pct.get("unit") != "%" or pct.get("section") != ratio.get("section"):
                    continue
                if 0 < pct["start"] - ratio["end"] <= 120 and abs(float(pct["value"]) - share) > 1.0:
                    self.add("R10", "error", doc["doc_id"], ratio["section"],
                             f"\"{ratio['text']}\" là {share:.1f}%, nhưng văn bản ghi {pct['value']:g}%.",
                             f"\"{ratio['text']}\" is {share:.1f}%, but the text states {pct['value']:g}%.", ratio, pct)


def _task_core(task: str, deadline_text: str) -> str:
    return re.sub(r"\d+", " ", str(task).replace(str(deadline_text), " ")).lower()


def audit(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return Auditor(frames).run()


def store_findings(out_dir, findings: pd.DataFrame) -> None:
    """Keep the findings beside the other tables (SQLite and CSV)."""
    import sqlite3
    from contextlib import closing
    from pathlib import Path

    out = Path(out_dir)
    db = out / "kehoach.sqlite" if out.is_dir() else out
    with closing(sqlite3.connect(db)) as con:
        findings.to_sql("findings", con, index=False, if_exists="replace")
        con.commit()
    if db.parent.joinpath("csv").is_dir():
        findings.to_csv(db.parent / "csv" / "findings.csv", index=False, encoding="utf-8-sig")
