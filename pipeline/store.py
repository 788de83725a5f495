"""The output store: one SQLite database is the source of truth; Parquet, CSV and XLSX are
exported from it after each batch, so every format always shows the same rows.

A rerun skips files whose sha256 is already stored and replaces the rows of a file whose
content changed, so no row is ever duplicated or lost.
"""
from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from .citation_graph import citation_links
from .records import ExtractionResult
from .tables import TABLES, document_rows, with_schema

DB_NAME = "kehoach.sqlite"
XLSX_NAME = "kehoach.xlsx"



@dataclass
class BatchSummary:
    processed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped_other: int = 0

    def line(self) -> str:
        return (f"{len(self.processed)} processed ({len(self.replaced)} replaced), {len(self.unchanged)} unchanged, "
                f"{len(self.failed)} failed, {self.skipped_other} other files skipped")


class Store:
    """Stored tables plus the documents added in this batch, merged when saved.

    New rows are kept per document and turned into DataFrames once, at the end: adding 500
    documents one by one must not copy the tables 500 times.
    """

    def __init__(self, out_dir: str | Path):
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)
        self.db_path = self.out / DB_NAME
        self._stored = self._read_all()
        docs = self._stored["documents"]
        self._source_ids: dict[str, set[str]] = {}
        for source, doc_id in zip(docs["source"], docs["doc_id"]):
            self._source_ids.setdefault(source, set()).add(doc_id)
        self._shas = set(docs["sha256"])
        self._dropped: set[str] = set()
        self._pending: dict[str, dict[str, list[dict]]] = {}

    def _read_all(self) -> dict[str, pd.DataFrame]:
        frames = {t: with_schema(t, pd.DataFrame()) for t in TABLES}
        if self.db_path.exists():
            with closing(sqlite3.connect(self.db_path)) as con:
                names = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
                for t in TABLES:
                    if t in names:
                        frames[t] = with_schema(t, pd.read_sql_query(f'select * from "{t}"', con))
        return frames

    def known(self, sha256: str) -> bool:
        return sha256 in self._shas

    def add(self, res: ExtractionResult) -> bool:
        """Store one document; returns True when it replaced an older version of the file."""
        old_ids = set(self._source_ids.get(res.raw.source, ())) | {res.doc_id}
        for doc_id in old_ids:
            self._pending.pop(doc_id, None)
        self._dropped |= old_ids
        self._pending[res.doc_id] = document_rows(res)
        self._source_ids[res.raw.source] = {res.doc_id}
        self._shas.add(res.raw.sha256)
        self._drop_errors(res.raw.source)
        return len(old_ids) > 1

    def _drop_errors(self, source: str) -> None:
        errs = self._stored["errors"]
        if not errs.empty:
            self._stored["errors"] = errs[errs["source"] != source].reset_index(drop=True)

    def failed_before(self, source: str, sha256: str) -> bool:
        errs = self._stored["errors"]
        return not errs.empty and ((errs["source"] == source) & (errs["sha256"] == sha256)).any()

    def add_error(self, source: str, reason: str, sha256: str | None = None) -> None:
        self._drop_errors(source)
        row = pd.DataFrame([{"source": source, "sha256": sha256, "reason": reason,
                             "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}])
        errs = self._stored["errors"]
        self._stored["errors"] = row if errs.empty else pd.concat([errs, row], ignore_index=True)

    def frames(self) -> dict[str, pd.DataFrame]:
        frames = {}
        for t in TABLES:
            df = self._stored[t]
            if "doc_id" in df and not df.empty and self._dropped:
                df = df[~df["doc_id"].isin(self._dropped)]
            new = [row for rows in self._pending.values() for row in rows.get(t, ())]
            if new:
                df = pd.concat([df, with_schema(t, pd.DataFrame(new))], ignore_index=True) if not df.empty else pd.DataFrame(new)
            frames[t] = df.reset_index(drop=True)
        return with_derived(frames)

    def save(self) -> None:
        # Dates become ISO strings once, for SQLite and every export alike.
        frames = {t: _sqlite_frame(df) for t, df in self.frames().items()}
        tmp = self.db_path.with_suffix(".sqlite.tmp")
        tmp.unlink(missing_ok=True)
        with closing(sqlite3.connect(tmp)) as con:
            for t, df in frames.items():
                df.to_sql(t, con, index=False, if_exists="replace")
            con.commit()
        tmp.replace(self.db_path)  # atomic: a crash never leaves a half-written database
        export(frames, self.out)


def with_derived(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The per-document tables plus those computed across documents (agency registry,
    citation links, obligations), every one with its full schema."""
    frames = dict(frames)
    frames["agencies"] = agencies_table(frames["assignments"], frames["documents"])
    frames["citation_links"] = citation_links(frames["citations"], frames["documents"])
    frames["obligations"] = obligations_table(frames["assignments"], frames["documents"])
    return {t: with_schema(t, df) for t, df in frames.items()}


def _sqlite_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for c in out.columns:
        if out[c].map(lambda v: hasattr(v, "isoformat")).any():
            out[c] = out[c].map(lambda v: v.isoformat() if hasattr(v, "isoformat") else v)
    return out


def agencies_table(assignments: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The registry across the corpus: one row per agency_id (kind + level + place), with the
    names it was written under."""
    cols = ["agency_id", "canonical", "kind", "level", "locality", "n_documents", "n_obligations", "roles", "aliases"]
    if assignments.empty or assignments["agency_id"].isna().all():
        return pd.DataFrame(columns=cols)
    a = assignments.dropna(subset=["agency_id"])
    g = a.groupby("agency_id")
    out = pd.DataFrame({
        "canonical": g["agency"].agg(lambda s: s.value_counts().index[0]),
        "kind": g["agency_kind"].first(),
        "level": g["agency_level"].first(),
        "locality": g["agency_locality"].first(),
        "n_documents": g["doc_id"].nunique(),
        "n_obligations": g.size(),
        "roles": g["role"].agg(lambda s: ", ".join(sorted(set(s)))),
        "aliases": g["text"].agg(lambda s: "; ".join(sorted(set(s)))),
    }).reset_index()
    return out[cols]


def obligations_table(assignments: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Who must do what by when: one row per (document, agency, role, task), with the plan it
    comes from, so a department can filter its own duties in a spreadsheet."""
    cols = ["doc_id", "source", "issuer", "agency", "agency_id", "agency_kind", "role", "section", "task",
            "deadline", "due_date"]
    if assignments.empty:
        return pd.DataFrame(columns=cols)
    docs = documents[["doc_id", "source", "issuer"]]
    a = assignments.merge(docs, on="doc_id", how="left")
    a = a.drop_duplicates(subset=["doc_id", "agency_id", "agency", "role", "task"])
    return a.sort_values(["source", "start"])[cols].reset_index(drop=True)


def export(frames: dict[str, pd.DataFrame], out: Path) -> None:
    """Parquet, CSV and XLSX of frames already passed through `_sqlite_frame`."""
    (out / "parquet").mkdir(exist_ok=True)
    (out / "csv").mkdir(exist_ok=True)
    for t, df in frames.items():
        df.to_parquet(out / "parquet" / f"{t}.parquet", index=False)
        # utf-8-sig: Excel only shows Vietnamese right when the CSV starts with a BOM.
        df.to_csv(out / "csv" / f"{t}.csv", index=False, encoding="utf-8-sig")
    write_xlsx(frames, out / XLSX_NAME)


def write_xlsx(frames: dict[str, pd.DataFrame], path: Path) -> None:
    """A sheet per table, header row frozen, filters on. XlsxWriter writes a 20,000-row
    workbook several times faster than openpyxl, which matters for a whole province's batch."""
    tmp = path.with_suffix(".tmp.xlsx")
    with pd.ExcelWriter(tmp, engine="xlsxwriter") as xw:
        for t, df in frames.items():
            df.to_excel(xw, sheet_name=t, index=False)
            ws = xw.sheets[t]
            ws.freeze_panes(1, 0)
            if len(df.columns):
                ws.autofilter(0, 0, max(1, len(df)), len(df.columns) - 1)
            for i, col in enumerate(df.columns):
                sample = [len(str(v)) for v in df[col].head(200)]
                ws.set_column(i, i, min(60, max([8, len(str(col)) + 2] + sample)))
    tmp.replace(path)


def open_db(out_dir: str | Path) -> sqlite3.Connection:
    path = Path(out_dir)
    if path.is_dir():
        path = path / DB_NAME
    if not path.exists():
        raise FileNotFoundError(f"{path}: no database (run `kehoach run` first)")
    return sqlite3.connect(path)


def read_table(out_dir: str | Path, table: str) -> pd.DataFrame:
    with closing(open_db(out_dir)) as con:
        return pd.read_sql_query(f'select * from "{table}"', con)
