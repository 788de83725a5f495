"""Which plans cite what, and which citations point at another document of the corpus.

A citation resolves to a stored document when number, year and issuer agree: the commune
plan that implements its district's "Kế hoạch số 103/KH-UBND ngày 13/3/2024 của UBND huyện"
points at that district plan when both have been processed.
"""
from __future__ import annotations

import re

import pandas as pd

from .normalize import fold, strip_accents

LINK_COLUMNS = ["doc_id", "cited_number", "cited_doc_type", "target_doc_id", "target_source", "target_issuer", "relation", "section"]


def number_key(number) -> str:
    return strip_accents(re.sub(r"\s+", "", fold(number or ""))).replace("–", "-")


def _issuer_agrees(cited: str | None, target: str | None) -> bool:
    """'Ủy ban nhân dân huyện' agrees with 'Ủy ban nhân dân huyện Cao Lộc'; a stated place must match."""
    if not cited or not target:
        return True
    a, b = strip_accents(fold(cited)), strip_accents(fold(target))
    a = a.replace("ubnd", "uy ban nhan dan")
    return b.startswith(a) or a.startswith(b) or a in b


def citation_links(citations: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    if citations.empty or documents.empty:
        return pd.DataFrame(columns=LINK_COLUMNS)
    docs = documents.dropna(subset=["number"]).copy()
    docs["key"] = docs["number"].map(number_key)
    by_key = {k: g for k, g in docs.groupby("key")}
    rows = []
    for c in citations.itertuples(index=False):
        hits = by_key.get(number_key(c.number))
        if hits is None:
            continue
        for d in hits.itertuples(index=False):
            if d.doc_id == c.doc_id:
                continue
            d_year = str(d.issue_date or "")[:4]
            c_year = str(c.date or "")[:4] or (str(int(c.year)) if pd.notna(c.year) else "")
            if c_year and d_year and c_year != d_year:
                continue
            if fold(c.doc_type) != fold(d.doc_type) or not _issuer_agrees(c.issuer, d.issuer):
                continue
            rows.append({"doc_id": c.doc_id, "cited_number": c.number, "cited_doc_type": c.doc_type,
                         "target_doc_id": d.doc_id, "target_source": d.source, "target_issuer": d.issuer,
                         "relation": c.relation, "section": c.section})
    return pd.DataFrame(rows, columns=LINK_COLUMNS)


def most_cited(citations: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    cols = ["doc_type", "number", "date", "issuer", "n_plans", "relations"]
    if citations.empty:
        return pd.DataFrame(columns=cols)
    c = citations.copy()
    c["key"] = c["number"].map(number_key)
    g = c.groupby(["doc_type", "key"])
    out = pd.DataFrame({
        "number": g["number"].first(),
        "date": g["date"].agg(lambda s: s.dropna().iloc[0] if s.notna().any() else None),
        "issuer": g["issuer"].agg(lambda s: max(s.dropna(), key=len) if s.notna().any() else None),
        "n_plans": g["doc_id"].nunique(),
        "relations": g["relation"].agg(lambda s: ", ".join(sorted(set(s)))),
    }).reset_index()
    return out.sort_values(["n_plans", "doc_type", "number"], ascending=[False, True, True])[cols].reset_index(drop=True)


def citing(citations: pd.DataFrame, documents: pd.DataFrame, number: str) -> pd.DataFrame:
    cols = ["source", "plan_issuer", "issue_date", "doc_type", "number", "date", "relation", "section", "text"]
    if citations.empty:
        return pd.DataFrame(columns=cols)
    key = number_key(number)
    hit = citations[citations["number"].map(number_key) == key]
    plans = documents[["doc_id", "source", "issuer", "issue_date"]].rename(columns={"issuer": "plan_issuer"})
    hit = hit.merge(plans, on="doc_id", how="left")
    return hit[cols].reset_index(drop=True)
