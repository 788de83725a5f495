"""`kehoach compare`: places side by side on shared indicators; the chart and page render."""
import pytest
from click.testing import CliRunner

from conftest import CORPUS
from pipeline.batch import run_batch
from pipeline.cli import main


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    out = tmp_path_factory.mktemp("compare")
    run_batch(sorted(CORPUS.glob("*.txt")), out)
    return out


def test_compare_yen_the_and_ha_lang_side_by_side(db, tmp_path):
    out = tmp_path / "cmp.xlsx"
    r = CliRunner().invoke(main, ["compare", "--level", "huyện", "--db", str(db), "--out", str(out), "--format", "csv"])
    assert r.exit_code == 0, r.output
    import pandas as pd

    wide = pd.read_excel(out, sheet_name="So sánh chỉ tiêu").set_index("Địa phương")
    assert {"huyện Yên Thế", "huyện Hạ Lang"} <= set(wide.index)
    shared = [c for c in wide.columns if wide.loc[["huyện Yên Thế", "huyện Hạ Lang"], c].notna().all()]
    assert shared, "no indicator both districts commit to"
    assert set(pd.ExcelFile(out).sheet_names) == {"So sánh chỉ tiêu", "Chi tiết chỉ tiêu", "Nhiệm vụ theo cơ quan",
                                                  "Thời hạn theo quý", "Văn bản trung ương"}


def test_compare_chart_and_html_render(db, tmp_path):
    out = tmp_path / "cmp.xlsx"
    CliRunner().invoke(main, ["compare", "--code", "ntm_villages", "--db", str(db), "--out", str(out)])
    png = tmp_path / "cmp_charts" / "ntm_villages.png"
    from PIL import Image

    img = Image.open(png)
    assert img.size[0] > 300 and len(img.convert("L").getcolors(maxcolors=1 << 16) or ()) > 10  # a drawn chart, not a blank page
    page = out.with_suffix(".html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in page and "Yên Thế" in page


def test_compare_code_filter_keeps_only_that_indicator(db, tmp_path):
    from pipeline.compare import build
    from pipeline.store import Store

    views = build(Store(db).frames(), codes=["poverty_rate"])
    assert set(views["long"]["code"]) <= {"poverty_rate"}
