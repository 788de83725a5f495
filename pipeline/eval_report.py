"""`kehoach eval`: run the pipeline (and optionally the baselines) over gold documents and
format the figures for people or programs."""
from __future__ import annotations

import json
from pathlib import Path

from .evaluate import CATEGORIES, Report, evaluate


def _pipeline_predictor(save_dir: Path | None):
    from .document import extract_file
    from .ingest import IngestError
    from .serialize import to_dict

    def predict(path: Path) -> dict:
        try:
            pred = to_dict(extract_file(path))
        except IngestError:
            return {}
        if save_dir:
            save_dir.mkdir(parents=True, exist_ok=True)
            (save_dir / f"{path.stem}.json").write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
        return pred

    return predict


def _baseline_predictor():
    """dateparser finds deadlines, underthesea's NER finds agencies: what the libraries do alone."""
    from .baselines import dateparser_baseline
    from .baselines_ner import underthesea_ner_baseline
    from .ingest import ingest
    from .normalize import normalize

    def predict(path: Path) -> dict:
        text = normalize(ingest(path)).text
        return {"deadlines": dateparser_baseline(text), "assignments": underthesea_ner_baseline(text)}

    return predict


def run_eval(gold_dir, docs_dir, fmt="table", per_doc=False, diff=False, baselines=False, save_dir=None) -> str:
    total, docs = evaluate(gold_dir, docs_dir, _pipeline_predictor(save_dir))
    result = {"pipeline": {"headline": total.headline(), "detail": total.detail()}}
    if per_doc:
        result["per_doc"] = {stem: rep.headline() for stem, rep in docs.items()}
    if baselines:
        base, _ = evaluate(gold_dir, docs_dir, _baseline_predictor())
        result["baselines"] = {"headline": {k: v for k, v in base.headline().items() if k.startswith(("deadlines", "assignments", "agency"))},
                               "detail": {k: v for k, v in base.detail().items() if k in ("deadlines", "assignments")}}
    if diff:
        result["diff"] = _diff(total)
    if fmt == "json":
        return json.dumps(result, ensure_ascii=False, indent=2)
    return _table(result)


def _diff(rep: Report) -> dict:
    out = {}
    for name in CATEGORIES:
        if name == "assignments_by_section":
            continue
        cat = rep.categories[name]
        out[name] = {"missed": cat.missed, "spurious": cat.spurious}
    out["metadata"] = rep.metadata_wrong
    return out


def _item_line(item: dict) -> str:
    keys = ("number", "heading", "doc_type", "text", "kind", "value", "unit", "agency", "role", "section")
    parts = [f"{k}={item[k]!r}" for k in keys if item.get(k) not in (None, "")]
    return f"  [{item.get('doc', '')}] " + ", ".join(parts)


def _table(result: dict) -> str:
    lines = []
    head = result["pipeline"]["headline"]
    lines.append(f"documents: {head['documents']}")
    lines.append(f"{'category':<24}{'P':>7}{'R':>7}{'F1':>7}  {'tp/pred/gold':<14} value accuracies")
    for name, d in result["pipeline"]["detail"].items():
        accs = ", ".join(f"{k}={v}" for k, v in d.items() if k.endswith("_acc") or k == "detect_f1")
        lines.append(f"{name:<24}{d['p']:>7.3f}{d['r']:>7.3f}{d['f1']:>7.3f}  {d['tp']}/{d['pred']}/{d['gold']:<8} {accs}")
    lines.append("metadata: " + ", ".join(f"{k}={v}" for k, v in head["metadata_acc"].items()))
    lines.append("headline: " + ", ".join(f"{k}={v}" for k, v in head.items() if not isinstance(v, dict)))
    if "baselines" in result:
        lines.append("")
        lines.append("baselines (same gold, same rules):")
        for name, d in result["baselines"]["detail"].items():
            who = "dateparser.search_dates" if name == "deadlines" else "underthesea.ner (ORG/LOC)"
            lines.append(f"  {name:<14} {who:<28} P={d['p']:.3f} R={d['r']:.3f} F1={d['f1']:.3f}  pipeline F1={result['pipeline']['detail'][name]['f1']:.3f}")
    if "per_doc" in result:
        lines.append("")
        for stem, h in result["per_doc"].items():
            lines.append(f"{stem}: " + ", ".join(f"{k}={v}" for k, v in h.items() if not isinstance(v, dict) and k != "documents"))
    if "diff" in result:
        for name, d in result["diff"].items():
            if name == "metadata":
                if d:
                    lines.append("\nmetadata wrong:")
                    lines += [f"  [{w['doc']}] {w['field']}: gold={w['gold']!r} pred={w['pred']!r}" for w in d]
                continue
            if d["missed"] or d["spurious"]:
                lines.append(f"\n{name}: {len(d['missed'])} missed, {len(d['spurious'])} spurious")
                lines += ["missed:"] + [_item_line(i) for i in d["missed"]]
                lines += ["spurious:"] + [_item_line(i) for i in d["spurious"]]
    return "\n".join(lines)
