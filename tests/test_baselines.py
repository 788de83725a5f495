"""The baselines the eval report sets beside the pipeline: what the libraries find alone."""
import shutil

from click.testing import CliRunner

from conftest import CORPUS, GOLD, STEMS
from pipeline.baselines import dateparser_baseline
from pipeline.cli import main


def test_baselines_dateparser_finds_dates_and_falls_for_citation_dates():
    text = "Căn cứ Quyết định số 263/QĐ-TTg ngày 22/02/2022 của Thủ tướng Chính phủ;\nBáo cáo trước ngày 15/4/2024."
    found = dateparser_baseline(text)
    assert all({"text", "kind", "value"} <= set(d) for d in found)
    values = {d["value"] for d in found}
    assert "2024-04-15" in values  # the real deadline
    assert "2022-02-22" in values  # and the citation's date: the trap the pipeline avoids


def test_eval_cli_prints_baselines_beside_pipeline(tmp_path):
    stem = STEMS[2]
    (tmp_path / "gold").mkdir()
    shutil.copy(GOLD / f"{stem}.gold.json", tmp_path / "gold")
    shutil.copy(CORPUS / f"{stem}.txt", tmp_path)
    r = CliRunner().invoke(main, ["eval", str(tmp_path / "gold"), str(tmp_path), "--baselines"])
    assert r.exit_code == 0, r.output
    assert "dateparser.search_dates" in r.output and "underthesea.ner" in r.output
