"""Records → pandas DataFrames, one per table. pandas stays here, out of the records."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone

import pandas as pd

from .records import ExtractionResult
from .resources import models_version

TABLES = ("documents", "sections", "citations", "deadlines", "targets", "assignments", "obligations", "agencies",
          "warnings", "errors", "citation_links")

COLUMNS = {
    "documents": ["doc_id", "source", "sha256", "format", "doc_type", "number", "symbol", "issuer", "level",
                  "locality", "province", "issue_date", "title", "signer", "signer_title", "recipients",
                  "n_sections", "n_citations", "n_deadlines", "n_targets", "n_assignments", "n_chars",
                  "models_version", "processed_at"],
    "sections": ["doc_id", "path", "number", "level", "heading", "parent", "kind", "start", "end"],
    "citations": ["doc_id", "doc_type", "number", "numeric", "year", "symbol", "issuing_body", "date", "issuer",
                  "relation", "section", "text", "n_mentions", "start", "end"],
    "deadlines": ["doc_id", "kind", "value", "due_date", "range_start", "range_end", "recurrence", "year_inferred",
                  "section", "text", "task", "agencies", "start", "end"],
    "targets": ["doc_id", "indicator", "code", "domain", "value", "denominator", "unit", "comparator", "deadline", "section",
                "text", "start", "end"],
    "assignments": ["doc_id", "agency", "agency_id", "agency_kind", "agency_level", "agency_locality", "role",
                    "section", "task", "deadline",
                    "due_date", "text", "start", "end"],
    "obligations": ["doc_id", "source", "issuer", "agency", "agency_id", "agency_kind", "role", "section", "task",
                    "deadline", "due_date"],
    "agencies": ["agency_id", "canonical", "kind", "level", "locality", "n_documents", "n_obligations", "roles",
                 "aliases"],
    "warnings": ["doc_id", "code", "message", "start", "end"],
    "errors": ["source", "sha256", "reason", "at"],
    "citation_links": ["doc_id", "cited_number", "cited_doc_type", "target_doc_id", "target_source", "target_issuer",
                       "relation", "section"],
}


def with_schema(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """Every table keeps its columns even when empty, so SQLite and Excel always have headers."""
    cols = COLUMNS[table] + [c for c in df.columns if c not in COLUMNS[table]]
    return df.reindex(columns=cols)


_QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def _month_end(y: int, m: int) -> date:
    import calendar

    return date(y, m, calendar.monthrange(y, m)[1])


def due_date(kind: str, value: str | None) -> date | None:
    """The last day a deadline allows, so deadlines of every kind sort and filter together."""
    if not value:
        return None
    try:
        if kind == "date":
            y, m, d = (int(x) for x in value.split("-"))
            return date(y, m, d)
        if kind == "month":
            y, m = (int(x) for x in value.split("-"))
            return _month_end(y, m)
        if kind == "week":
            y, m, w = re.match(r"(\d{4})-(\d{2})-W(\d)", value).groups()
            return min(date(int(y), int(m), min(int(w) * 7, 28)), _month_end(int(y), int(m)))
        if kind == "quarter":
            y, q = re.match(r"(\d{4})-Q(\d)", value).groups()
            mm, dd = _QUARTER_END[int(q)]
            return date(int(y), mm, dd)
        if kind == "half":
            y, h = re.match(r"(\d{4})-H(\d)", value).groups()
            return date(int(y), 6, 30) if h == "1" else date(int(y), 12, 31)
        if kind == "year":
            return date(int(value[:4]), 12, 31)
        if kind == "continuous" and re.match(r"CONT/\d{4}$", value):
            return date(int(value[5:9]), 12, 31)
    except (ValueError, AttributeError, KeyError):
        return None
    return None


def document_rows(res: ExtractionResult) -> dict[str, list[dict]]:
    doc_id = res.doc_id
    m = res.meta
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    rows["documents"].append({
        "doc_id": doc_id, "source": res.raw.source, "sha256": res.raw.sha256, "format": res.raw.format,
        "doc_type": m.doc_type, "number": m.number, "symbol": m.symbol, "issuer": m.issuer, "level": m.level,
        "locality": m.locality, "province": m.province, "issue_date": m.issue_date, "title": m.title,
        "signer": m.signer, "signer_title": m.signer_title, "recipients": "; ".join(m.recipients),
        "n_sections": len(res.sections), "n_citations": len(res.citations), "n_deadlines": len(res.deadlines),
        "n_targets": len(res.targets), "n_assignments": len(res.assignments), "n_chars": len(res.text),
        "models_version": models_version(), "processed_at": now,
    })
    for s in res.sections:
        rows["sections"].append({"doc_id": doc_id, "path": s.path, "number": s.number, "level": s.level,
                                 "heading": s.heading, "parent": s.parent, "kind": s.kind, "start": s.start, "end": s.end})
    for c in res.citations:
        rows["citations"].append({"doc_id": doc_id, "doc_type": c.doc_type, "number": c.number, "numeric": c.numeric,
                                  "year": c.year, "symbol": c.symbol, "issuing_body": c.issuing_body, "date": c.date,
                                  "issuer": c.issuer, "relation": c.relation, "section": c.section, "text": c.text,
                                  "n_mentions": max(1, len(c.mentions)), "start": c.start, "end": c.end})
    for d in res.deadlines:
        due = due_date(d.kind, d.range_end or d.value if d.kind not in ("recurring", "relative") else None)
        rows["deadlines"].append({"doc_id": doc_id, "kind": d.kind, "value": d.value, "due_date": due,
                                  "range_start": d.range_start, "range_end": d.range_end, "recurrence": d.recurrence,
                                  "year_inferred": d.year_inferred, "section": d.section, "text": d.text,
                                  "task": d.task, "agencies": "; ".join(d.agencies), "start": d.start, "end": d.end})
    for t in res.targets:
        rows["targets"].append({"doc_id": doc_id, "indicator": t.indicator, "code": t.code, "domain": t.domain,
                                "value": t.value,
                                "denominator": t.denominator, "unit": t.unit, "comparator": t.comparator,
                                "deadline": t.deadline, "section": t.section, "text": t.text, "start": t.start, "end": t.end})
    from .registry import describe

    for a in res.assignments:
        _, a_level, a_locality = describe(a.agency, m)
        rows["assignments"].append({"doc_id": doc_id, "agency": a.agency, "agency_id": a.agency_id,
                                    "agency_kind": a.agency_kind, "agency_level": a_level,
                                    "agency_locality": a_locality, "role": a.role, "section": a.section,
                                    "task": a.task, "deadline": a.deadline,
                                    "due_date": _assignment_due(res, a), "text": a.text, "start": a.start, "end": a.end})
    for w in res.warnings:
        rows["warnings"].append({"doc_id": doc_id, "code": w.code, "message": w.message, "start": w.start, "end": w.end})
    return rows


def _assignment_due(res: ExtractionResult, a) -> date | None:
    if not a.deadline:
        return None
    for d in res.deadlines:
        if d.value == a.deadline:
            return due_date(d.kind, d.range_end or d.value)
    return None


def frames(results: list[ExtractionResult]) -> dict[str, pd.DataFrame]:
    acc: dict[str, list[dict]] = {t: [] for t in TABLES}
    for res in results:
        for t, rows in document_rows(res).items():
            acc[t].extend(rows)
    return {t: with_schema(t, pd.DataFrame(rows)) for t, rows in acc.items()}
