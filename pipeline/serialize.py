"""Records → the JSON of OUTPUT.md (schema kehoach/1). Kept apart from the records."""
from __future__ import annotations

import json
from dataclasses import asdict

from .records import ExtractionResult
from .resources import models_version

SCHEMA = "kehoach/1"


def _section_json(s) -> dict:
    return {"path": s.path, "number": s.number, "level": s.level, "heading": s.heading,
            "start": s.start, "end": s.end, "parent": s.parent, "kind": s.kind}


def to_dict(res: ExtractionResult, include_text: bool = True) -> dict:
    m = res.meta
    document = {
        "id": res.doc_id, "source": res.raw.source, "sha256": res.raw.sha256, "format": res.raw.format,
        "doc_type": m.doc_type, "number": m.number, "symbol": m.symbol, "issuer": m.issuer,
        "level": m.level, "locality": m.locality, "province": m.province, "issue_date": m.issue_date,
        "title": m.title, "signer": m.signer, "signer_title": m.signer_title,
        "recipients": list(m.recipients), "models_version": models_version(),
    }
    if include_text:
        document["text"] = res.text

    def items(records):
        out = []
        for r in records:
            d = asdict(r)
            if "mentions" in d:
                d["mentions"] = [{"start": x["start"], "end": x["end"], "text": x["text"]} for x in d["mentions"]]
            if "agencies" in d:
                d["agencies"] = list(d["agencies"])
            out.append(d)
        return out

    return {
        "schema": SCHEMA,
        "document": document,
        "sections": [_section_json(s) for s in res.sections],
        "citations": items(res.citations),
        "deadlines": items(res.deadlines),
        "targets": items(res.targets),
        "assignments": items(res.assignments),
        "warnings": [{"code": w.code, "message": w.message, "start": w.start, "end": w.end} for w in res.warnings],
    }


def to_json(res: ExtractionResult, indent: int | None = 2) -> str:
    return json.dumps(to_dict(res), ensure_ascii=False, indent=indent)
