"""No input breaks an extractor or a span: mangled plans (shuffled, cut, noisy) still give
records whose offsets index the text."""
import random

import pytest

from conftest import CORPUS, STEMS
from pipeline.document import analyze_text
from pipeline.ingest import IngestError

NOISE = ["\u00a0", "\t", "  ", "**", "- + ", "|", "./.", "…", "“", "”", "(", ")", "Qúy", "31/4/2024", "02/13", "1.1.1.",
         "\u0301", "\ufeff", "\r\n", "Số: /KH-", "KT. CHỦ TỊCH", "Nơi nhận:"]


def mangle(text: str, seed: int) -> str:
    rnd = random.Random(seed)
    lines = text.splitlines()
    op = seed % 4
    if op == 0:
        rnd.shuffle(lines)
    elif op == 1:
        lines = lines[: rnd.randint(1, len(lines))]
    elif op == 2:
        lines = [ln[: rnd.randint(0, len(ln))] if rnd.random() < 0.3 else ln for ln in lines]
    out = "\n".join(lines)
    chars = list(out)
    for _ in range(60):
        chars.insert(rnd.randint(0, len(chars)), rnd.choice(NOISE))
    return "".join(chars)


@pytest.mark.parametrize("seed", range(12))
def test_fuzz_mangled_plans_keep_spans(seed):
    text = (CORPUS / f"{STEMS[seed % len(STEMS)]}.txt").read_text(encoding="utf-8")
    try:
        res = analyze_text(mangle(text, seed))
    except IngestError:
        return  # refusing a document that is no longer a plan is a fine answer
    for group in (res.citations, res.deadlines, res.targets, res.assignments):
        for r in group:
            assert res.text[r.start:r.end] == r.text
    for s in res.sections:
        assert 0 <= s.start < s.end <= len(res.text)
