import pytest

from conftest import CORPUS, DATA, STEMS, gold
from pipeline.normalize import fold, normalize_text
from pipeline.segment import match_section, segment

PLAN = """KẾ HOẠCH
Thực hiện chuyển đổi số năm 2025
Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ;
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
a) Nâng cao nhận thức.
- Tuyên truyền;
+ trên báo chí;
2. Yêu cầu: Bám sát mục tiêu.
II. NHIỆM VỤ
1. Nhiệm vụ chung
1.1. Hạ tầng số
1.1.1. Mạng viễn thông
1.2 Dữ liệu số
III. TỔ CHỨC THỰC HIỆN
1. Sở Thông tin và Truyền thông
3. Sở Tài chính
3. Sở Nội vụ
Trên đây là Kế hoạch chuyển đổi số năm 2025./.
Nơi nhận:
- Bộ TT&TT;
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
PHỤ LỤC
1. Bảng nhiệm vụ
"""


@pytest.fixture(scope="module")
def layout():
    return segment(normalize_text(PLAN).text)


def test_segment_paths_levels_and_parents(layout):
    got = [(s.path, s.level, s.parent) for s in layout.sections]
    assert got == [
        ("I", 1, None), ("I.1", 2, "I"), ("I.2", 2, "I"), ("II", 1, None), ("II.1", 2, "II"),
        ("II.1.1", 3, "II.1"), ("II.1.1.1", 4, "II.1.1"), ("II.1.2", 3, "II.1"), ("III", 1, None),
        ("III.1", 2, "III"), ("III.3", 2, "III"), ("III.3", 2, "III"),
    ]


def test_segment_heading_stops_at_colon(layout):
    assert layout.sections[2].heading == "Yêu cầu"


def test_segment_numbering_anomalies_are_warnings(layout):
    codes = [w.code for w in layout.warnings]
    assert codes.count("section_skipped") == 1 and codes.count("section_repeated") == 1


def test_segment_zones(layout):
    t = layout.text
    assert t[layout.body_start:].startswith("I. MỤC ĐÍCH")
    assert t[layout.body_end:].startswith("Trên đây là")
    assert t[layout.annex_start:].startswith("PHỤ LỤC")
    assert layout.path_at(t.index("Căn cứ")) is None  # preamble
    assert layout.path_at(t.index("Mạng viễn thông")) == "II.1.1.1"
    assert layout.path_at(t.index("Bảng nhiệm vụ")) is None  # annex rows are not sections


def test_segment_list_items_kept_inside_sections(layout):
    kinds = [(i.marker, i.depth, i.section) for i in layout.items]
    assert ("a)", 0, "I.1") in kinds and ("-", 1, "I.1") in kinds and ("+", 2, "I.1") in kinds


@pytest.mark.parametrize("line, expected", [
    ("I. MỤC ĐÍCH", ("roman", "I")),
    ("IV- TỔ CHỨC THỰC HIỆN", ("roman", "IV")),
    ("2.3.1. Nội dung", ("arabic", "2.3.1")),
    ("1.2 Thành phần tham dự", ("arabic", "1.2")),
    ("2.5. 15 xóm", ("arabic", "2.5")),
    ("3. 100% ổ dịch được phát hiện và xử lý trong vòng 48 giờ", ("arabic", "3")),
    ("1/ Mục đích", ("arabic", "1")),
    ("Phần I. NHỮNG VẤN ĐỀ CHUNG", ("phan", "Phần I")),
    ("Điều 1. Ban hành kèm theo Quyết định này", ("dieu", "Điều 1")),
    ("Mục 2. Nhiệm vụ", ("muc", "Mục 2")),
])
def test_segment_recognizes_numbered_lines(line, expected):
    assert match_section(line)[:2] == expected


@pytest.mark.parametrize("line", [
    "2.000 hộ gia đình tham gia", "15/4/2024 tổ chức lễ", "1.5%", "2024. Năm bản lề", "- 1. gạch đầu dòng",
    "a) Lettered item", "C, PCVP;",
])
def test_segment_rejects_look_alikes(line):
    assert match_section(line) is None


@pytest.mark.parametrize("stem", STEMS)
def test_segment_matches_gold_sections(stem):
    text = normalize_text((CORPUS / f"{stem}.txt").read_text(encoding="utf-8")).text
    got = [(s.number, fold(s.heading), s.level) for s in segment(text).sections if s.kind in ("roman", "arabic")]
    want = [(s["number"], fold(s["heading"]), s["level"]) for s in gold(stem)["sections"]]
    assert got == want


@pytest.mark.parametrize("line", ["1) Tuyên truyền trên báo chí", "2) rà soát hồ sơ", "1- rà soát"])
def test_segment_parenthesized_numbers_are_list_items_not_sections(line):
    assert match_section(line) is None


def test_segment_decision_with_attached_plan_body_is_the_plan():
    text = normalize_text((DATA / "plans" / "quyet_dinh.txt").read_text(encoding="utf-8")).text
    lay = segment(text)
    assert text[lay.body_start:].startswith("I. MỤC TIÊU")
    assert lay.in_preamble(text.index("Điều 2"))  # the decision's own articles are not duties
