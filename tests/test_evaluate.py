"""`kehoach eval` must print the reference scorer's figures (shared/eval/score.py) ± 0.001."""
import json
import random
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import CORPUS, GOLD, SHARED, STEMS, gold
from pipeline.cli import main
from pipeline.evaluate import evaluate, score_document

SCORER = SHARED / "eval" / "score.py"
needs_scorer = pytest.mark.skipif(not SCORER.exists(), reason="shared/eval/score.py not beside the repo")


def reference(pred_dir):
    out = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(pred_dir), "--json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def assert_close(ours: dict, ref: dict):
    for k, v in ref.items():
        if isinstance(v, dict):
            assert_close(ours[k], v)
        elif v is None or ours[k] is None:
            assert ours[k] == v, k
        else:
            assert abs(ours[k] - v) <= 0.001, (k, ours[k], v)


def perturbed(g: dict, seed: int) -> dict:
    """Gold turned into an imperfect prediction: items dropped, values changed, names varied."""
    rnd = random.Random(seed)
    pred = {"document": dict(g["metadata"])}
    for cat in ("sections", "citations", "deadlines", "targets", "assignments"):
        items = [dict(x) for x in g[cat] if rnd.random() > 0.2]
        for x in items:
            if "value" in x and rnd.random() < 0.2:
                x["value"] = "9999" if cat == "deadlines" else 12345
            if "agency" in x and rnd.random() < 0.2:
                x["agency"] = x["agency"].replace("Ủy ban nhân dân", "UBND")
            if "date" in x and rnd.random() < 0.3:
                x["date"] = None
        items.append({"text": "một mục thừa", "number": "9.9", "heading": "thừa", "level": 3, "doc_type": "Luật",
                      "agency": "Sở Ngoại vụ", "role": "lead", "kind": "year", "value": 1, "unit": "xã"})
        pred[cat] = items
    if rnd.random() < 0.5:
        pred["document"]["title"] = "khác hẳn"
    return pred


@needs_scorer
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_evaluate_agrees_with_reference_on_perturbed_gold(tmp_path, seed):
    preds = {stem: perturbed(gold(stem), seed + i) for i, stem in enumerate(STEMS)}
    for stem, p in preds.items():
        (tmp_path / f"{stem}.json").write_text(json.dumps(p, ensure_ascii=False), encoding="utf-8")
    ours, _ = evaluate(GOLD, CORPUS, lambda path: preds[path.stem])
    assert_close(ours.headline(), reference(tmp_path))


@needs_scorer
def test_evaluate_cli_agrees_with_reference_on_pipeline_output(tmp_path):
    r = CliRunner().invoke(main, ["eval", str(GOLD), "--format", "json", "--save", str(tmp_path)])
    assert r.exit_code == 0, r.output
    assert_close(json.loads(r.output)["pipeline"]["headline"], reference(tmp_path))


def test_evaluate_diff_lists_missed_and_spurious():
    g = gold(STEMS[0])
    pred = {"sections": g["sections"][1:] + [{"number": "IX", "heading": "THỪA", "level": 1}]}
    rep = score_document(g, pred, "x")
    cat = rep.categories["sections"]
    assert cat.missed[0]["heading"] == g["sections"][0]["heading"]
    assert cat.spurious[0]["number"] == "IX"
    assert rep.categories["sections"].match.tp == len(g["sections"]) - 1


def test_evaluate_cli_table_and_diff(tmp_path):
    r = CliRunner().invoke(main, ["eval", str(GOLD), "--per-doc", "--diff"])
    assert r.exit_code == 0
    assert "sections" in r.output and STEMS[0] in r.output and "metadata:" in r.output
