"""Search obligations by agency over the store: accent-insensitive, abbreviation-aware, fuzzy.

"phong nn&ptnt", "Phòng Nông nghiệp" and "VP điều phối" all find their bodies: the query and
every stored agency name go through the registry's search key (abbreviations expanded, accents
and case folded), then rapidfuzz ranks names that contain the query's words.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
from rapidfuzz import fuzz

from .registry import expand, search_key

RESULT_COLUMNS = ["score", "agency", "role", "deadline", "due_date", "section", "task", "locality", "issuer", "source"]


def query_key(query: str) -> str:
    """Users type abbreviations in lower case ("nn&ptnt", "vp"): expand those too."""
    words = []
    for w in query.split():
        up = w.upper()
        words.append(up if expand(up) != up else w)
    return search_key(" ".join(words))


def score(qkey: str, name_key: str) -> float:
    if not qkey or not name_key:
        return 0.0
    if qkey in name_key:
        return 100.0 - min(20.0, (len(name_key) - len(qkey)) / 10)  # tighter names rank first
    # Every query word must be there (fuzzily), so "Phòng Nông nghiệp" never finds "Phòng Tài nguyên".
    words = name_key.split()
    for qw in qkey.split():
        if not any(fuzz.ratio(qw, w) >= 80 for w in words):
            return 0.0
    return float(fuzz.token_set_ratio(qkey, name_key))


def search_obligations(assignments: pd.DataFrame, documents: pd.DataFrame, agency: str | None = None,
                       role: str | None = None, due_before: date | None = None, locality: str | None = None,
                       threshold: float = 80.0, limit: int | None = None) -> pd.DataFrame:
    if assignments.empty:
        return pd.DataFrame(columns=RESULT_COLUMNS)
    docs = documents[["doc_id", "locality", "issuer", "source"]]
    a = assignments.merge(docs, on="doc_id", how="left")
    if agency:
        qkey = query_key(agency)
        keys = {name: search_key(name) for name in a["agency"].dropna().unique()}
        a["score"] = a["agency"].map(lambda n: score(qkey, keys.get(n, "")))
        a = a[a["score"] >= threshold]
    else:
        a["score"] = 100.0
    if role:
        a = a[a["role"] == role]
    if locality:
        lkey = search_key(locality)
        a = a[a["locality"].fillna("").map(search_key).str.contains(lkey, regex=False)]
    if due_before:
        due = pd.to_datetime(a["due_date"], errors="coerce")
        a = a[due.notna() & (due <= pd.Timestamp(due_before))]
    a = a.sort_values(["score", "due_date", "source", "start"], ascending=[False, True, True, True], na_position="last")
    out = a[RESULT_COLUMNS].reset_index(drop=True)
    return out.head(limit) if limit else out
