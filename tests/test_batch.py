"""A batch with bad files finishes, lists them in errors, and a rerun changes nothing."""
import shutil
import sqlite3

import pandas as pd
import pytest

from conftest import CORPUS, DATA
from pipeline.batch import run_batch
from pipeline.store import DB_NAME, XLSX_NAME

BAD = ["empty.txt", "blank.txt", "binary.txt", "scanned.pdf", "encrypted.pdf", "corrupt.pdf", "corrupt.docx"]


@pytest.fixture()
def tree(tmp_path):
    src = tmp_path / "in"
    (src / "huyen" / "xa").mkdir(parents=True)
    shutil.copy(CORPUS / "000_4a6c61b1b3161ceb.txt", src / "huyen" / "caoloc.txt")
    shutil.copy(CORPUS / "003_42a6ffb0800238a9.docx", src / "huyen" / "xa" / "haiyen.docx")
    shutil.copy(CORPUS / "004_3feba351db755d9a.pdf", src / "caongan.pdf")
    for name in BAD:
        shutil.copy(DATA / "ingest" / name, src / "huyen" / name)
    (src / "ghichu.md").write_text("không phải kế hoạch", encoding="utf-8")
    return src


def tables(out):
    with sqlite3.connect(out / DB_NAME) as con:
        return {t: pd.read_sql_query(f'select * from "{t}"', con) for t in ("documents", "sections", "errors", "assignments")}


def test_batch_records_bad_files_and_goes_on(tree, tmp_path):
    out = tmp_path / "out"
    s = run_batch([tree], out)
    assert len(s.processed) == 3 and len(s.failed) == len(BAD) and s.skipped_other == 1
    t = tables(out)
    assert sorted(t["documents"]["format"]) == ["docx", "pdf", "txt"]
    reasons = dict(zip(t["errors"]["source"].map(lambda p: p.rsplit("/", 1)[-1]), t["errors"]["reason"]))
    assert reasons["scanned.pdf"] == "no text layer (scanned PDF?)"
    assert reasons["encrypted.pdf"].startswith("encrypted PDF")
    assert reasons["empty.txt"] == "empty file"
    for sub in ("parquet/documents.parquet", "csv/sections.csv", "csv/obligations.csv", "csv/agencies.csv", XLSX_NAME):
        assert (out / sub).exists()
    assert (out / "csv" / "documents.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for Excel
    import openpyxl

    ws = openpyxl.load_workbook(out / XLSX_NAME, read_only=False)["sections"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")


def test_batch_rerun_changes_nothing(tree, tmp_path):
    out = tmp_path / "out"
    run_batch([tree], out)
    before = tables(out)
    s = run_batch([tree], out)
    assert not s.processed and len(s.unchanged) == 3 + len(BAD)
    after = tables(out)
    for name in before:
        pd.testing.assert_frame_equal(before[name].drop(columns=["processed_at"], errors="ignore"),
                                      after[name].drop(columns=["processed_at"], errors="ignore"))


def test_batch_changed_file_replaces_its_rows(tree, tmp_path):
    out = tmp_path / "out"
    run_batch([tree], out)
    n_sections = len(tables(out)["sections"])
    f = tree / "huyen" / "caoloc.txt"
    f.write_text(f.read_text(encoding="utf-8").replace("10. UBND các xã trên địa bàn huyện", "10. UBND các xã, thị trấn"), encoding="utf-8")
    s = run_batch([tree], out)
    assert s.replaced == [str(f)]
    t = tables(out)
    assert len(t["documents"]) == 3 and len(t["sections"]) == n_sections
    assert "UBND các xã, thị trấn" in set(t["sections"]["heading"])


def test_batch_fixed_file_leaves_errors(tree, tmp_path):
    out = tmp_path / "out"
    run_batch([tree], out)
    shutil.copy(CORPUS / "001_1800fe00ed64c203.txt", tree / "huyen" / "empty.txt")
    run_batch([tree], out)
    t = tables(out)
    assert "empty.txt" not in " ".join(t["errors"]["source"]) and len(t["documents"]) == 4
