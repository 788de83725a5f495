"""Where the language data lives (models/) and cached loaders for it."""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import yaml

MODELS_DIR = Path(os.environ.get("KEHOACH_MODELS", Path(__file__).resolve().parent.parent / "models"))


def model_path(*parts: str) -> Path:
    return MODELS_DIR.joinpath(*parts)


@lru_cache(maxsize=None)
def models_version() -> str:
    p = model_path("VERSION")
    return p.read_text(encoding="utf-8").strip() if p.exists() else "unknown"


@lru_cache(maxsize=None)
def load_jsonl(*parts: str) -> tuple[dict, ...]:
    rows = []
    with model_path(*parts).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if line and not line.startswith("//"):
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise ValueError(f"{model_path(*parts)}:{n}: {err}") from err
    return tuple(rows)


@lru_cache(maxsize=None)
def load_yaml(*parts: str):
    with model_path(*parts).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)
