from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = CORPUS / "gold"
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
STEMS = sorted(p.name[: -len(".gold.json")] for p in GOLD.glob("*.gold.json"))


def gold(stem: str) -> dict:
    return json.loads((GOLD / f"{stem}.gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def corpus_results():
    """Every sample plan through the whole pipeline once per test session."""
    from pipeline.document import extract_file

    return {stem: extract_file(CORPUS / f"{stem}.txt") for stem in STEMS}
