"""Batch processing: a folder tree of plans into the store, one bad file never stopping it."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

from tqdm import tqdm

from . import nlp as nlp_mod
from .document import make_doc, to_result
from .ingest import IngestError, discover, ingest
from .store import BatchSummary, Store


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def run_batch(paths: Iterable[str | Path], out_dir: str | Path, progress: bool = False) -> BatchSummary:
    files, other = discover(paths)
    store = Store(out_dir)
    summary = BatchSummary(skipped_other=len(other))
    nlp = nlp_mod.load()
    for path in tqdm(files, disable=not progress, unit="doc", desc="kehoach"):
        source = str(path)
        sha = _sha256(path)
        if sha and (store.known(sha) or store.failed_before(source, sha)):
            summary.unchanged.append(source)
            continue
        try:
            res = to_result(nlp(make_doc(ingest(path))))
        except IngestError as err:
            store.add_error(source, err.reason, sha)
            summary.failed.append((source, err.reason))
            continue
        except Exception as err:  # noqa: BLE001 - one broken file must not stop a batch
            reason = f"internal error: {type(err).__name__}: {err}".splitlines()[0]
            store.add_error(source, reason, sha)
            summary.failed.append((source, reason))
            continue
        if store.add(res):
            summary.replaced.append(source)
        summary.processed.append(source)
    store.save()
    return summary
