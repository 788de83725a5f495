"""Run the pipeline over corpus/*.txt (or given files) and score with the reference scorer.

    .venv/bin/python scripts/dev_score.py [--per-doc] [--out DIR] [--diff CATEGORY]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.document import extract_file  # noqa: E402
from pipeline.serialize import to_dict  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-doc", action="store_true")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--gold", type=Path, default=ROOT / "corpus" / "gold")
    ap.add_argument("--docs", type=Path, default=ROOT / "corpus")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="kehoach-score-"))
    out.mkdir(parents=True, exist_ok=True)
    for gold in sorted(args.gold.glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        res = extract_file(args.docs / f"{stem}.txt")
        (out / f"{stem}.json").write_text(json.dumps(to_dict(res), ensure_ascii=False, indent=1), encoding="utf-8")
    scorer = ROOT.parent / "shared" / "eval" / "score.py"
    cmd = [sys.executable, str(scorer), str(args.gold), str(out)] + (["--per-doc"] if args.per_doc else [])
    print(f"predictions in {out}")
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
