"""Targets (ANNOTATION.md "targets"): which numbers are committed quantities, and how they read.

Every case is a small synthetic plan run through normalize → segment → find_targets, so the
rules are exercised on the same text and layout the pipeline gives them.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from pipeline.extract.targets import (
    GUIDE_CODES, check_targets, classify_indicator, find_targets, parse_number, phrase, taxonomy,
)
from pipeline.normalize import normalize_text
from pipeline.records import DocumentMeta
from pipeline.resources import load_yaml
from pipeline.segment import segment

META = DocumentMeta(issue_date="2024-04")
ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "targets"

PREAMBLE = [
    "ỦY BAN NHÂN DÂN",
    "HUYỆN THỬ NGHIỆM",
    "Số: /KH-UBND",
    "Thử Nghiệm, ngày tháng 4 năm 2024",
    "KẾ HOẠCH",
    "Thực hiện nhiệm vụ năm 2024 trên địa bàn huyện",
    "Căn cứ Quyết định số 263/QĐ-TTg ngày 22/02/2022 của Thủ tướng Chính phủ;",
    "Để đạt 100% kế hoạch năm 2024, UBND huyện ban hành Kế hoạch như sau:",
]
CLOSING = [
    "III. TỔ CHỨC THỰC HIỆN",
    "1. Phòng Nội vụ chủ trì, theo dõi việc thực hiện.",
    "Trên đây là Kế hoạch của UBND huyện, đề nghị ban lãnh đạo 15 xóm triển khai thực hiện./.",
    "Nơi nhận:",
    "- 15 Tổ xóm;",
    "- Lưu: VT.",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Nguyễn Văn A",
]


def plan(*body: str, heading: str = "I. NỘI DUNG THỰC HIỆN", sub: str = "1. Nhiệm vụ") -> str:
    return normalize_text("\n".join(PREAMBLE + [heading, sub, *body] + CLOSING)).text


def run(*body: str, **kw):
    text = plan(*body, **kw)
    layout = segment(text)
    targets = find_targets(text, layout, META)
    for t in targets:
        assert text[t.start:t.end] == t.text, t
    return text, layout, targets


def one(line: str, value: float, **kw):
    _, _, targets = run(line, **kw)
    hits = [t for t in targets if abs(t.value - value) < 1e-9]
    assert len(hits) == 1, (line, targets)
    return hits[0]


# ----------------------------------------------------------------------------- positives

# (sentence, value, denominator, unit, comparator, code)
POSITIVES = [
    # the guide's own examples and the conventions
    ("- Tỷ lệ hộ nghèo giảm còn 2,29%.", 2.29, None, "%", "<=", "poverty_rate"),
    ("- Đến hết năm 2025, toàn huyện có 02/13 xã đạt chuẩn nông thôn mới.", 2, 13, "xã", ">=", "ntm_communes"),
    ("- Tỷ lệ bao phủ bảo hiểm y tế toàn dân đạt > 99,08%.", 99.08, None, "%", ">", "health_insurance"),
    ("- Phấn đấu nâng tỷ lệ người dân tham gia BHYT lên 95% trở lên.", 95, None, "%", ">=", "health_insurance"),
    ("- Phấn đấu có thêm 04 thôn đạt chuẩn nông thôn mới kiểu mẫu.", 4, None, "thôn", "delta+", "ntm_villages"),
    ("- Có ít nhất 01 bản thuộc xã đặc biệt khó khăn đạt chuẩn nông thôn mới.", 1, None, "bản", ">=", "ntm_villages"),
    ("- Bình quân tiêu chí/xã: lũy kế đạt 16,9 tiêu chí/xã.", 16.9, None, "tiêu chí/xã", ">=", "criteria_per_commune"),
    ("- Các xã chưa đạt chuẩn phấn đấu hoàn thành thêm 1-2 tiêu chí nông thôn mới.", 1, None, "tiêu chí", "delta+",
     "criteria_per_commune"),
    ("- Giữ vững các tiêu chí đã đạt 10/19 tiêu chí xã nông thôn mới nâng cao.", 10, 19, "tiêu chí", "=",
     "criteria_per_commune"),
    ("- Không còn xã đạt dưới 15 tiêu chí.", 15, None, "tiêu chí", ">=", "min_criteria"),
    ("- Tỷ lệ thôn, bản văn hóa đạt 75%.", 75, None, "%", ">=", "cultural_villages"),
    ("- Tỷ lệ dân số nông thôn được sử dụng nước hợp vệ sinh đạt > 99%.", 99, None, "%", ">", "clean_water"),
    ("- Tỷ lệ rác thải sinh hoạt được thu gom 92,1%.", 92.1, None, "%", "=", "waste_collection"),
    ("- Phấn đấu nâng tổng số sản phẩm OCOP của huyện lên 38 sản phẩm.", 38, None, "sản phẩm", ">=", "ocop_products"),
    ("- Thu nhập bình quân của người dân nông thôn tăng ít nhất 1,5 lần so với năm 2020.", 1.5, None, "lần", ">=",
     "income"),
    ("- Thực hiện trao đổi văn bản dưới dạng điện tử đạt 90% trở lên.", 90, None, "%", ">=", "digital_admin"),
    ("- 100% cán bộ, công chức sử dụng thư điện tử công vụ trong hoạt động công vụ.", 100, None, "%", "=", "digital_admin"),
    ("- Các hoạt động thực hiện xuyên suốt trong năm 2024, đảm bảo tối thiểu 04 lần/năm/xã.", 4, None, "lần/năm/xã",
     ">=", "participation"),
    ("- Mời các cơ quan tham gia (đảm bảo tối thiểu 75% quân số trong cơ quan, đơn vị tham gia tại địa bàn).", 75, None,
     "%", ">=", "participation"),
    ("+ 30 Đoàn viên thanh niên (do Huyện Đoàn huy động).", 30, None, "Đoàn viên thanh niên", "=", "participation"),
    ("- Hàng quý cán bộ, công chức xã ít nhất tổ chức tham gia 01 ngày hỗ trợ các khu dân cư.", 1, None, "ngày", ">=",
     "participation"),
    ("- Toàn xã giảm tỷ lệ hộ nghèo từ 3% trở lên.", 3, None, "%", "delta-", "poverty_rate"),
    ("- Duy trì tỷ lệ đường ô tô đến trung tâm thôn được bê tông đạt 100%.", 100, None, "%", "=", None),
    ("- Xây dựng 01 khu dân cư nông thôn mới kiểu mẫu tại xóm Nà Tền.", 1, None, "khu dân cư", "=", "ntm_villages"),
    ("- Đảm nhận xây dựng ít nhất 01 “Tuyến đường Sáng - Xanh - Sạch - Đẹp”.", 1, None, "Tuyến đường", ">=", None),
    # other fields, scales and number forms
    ("- Phấn đấu có thêm 02 xã đạt chuẩn nông thôn mới nâng cao.", 2, None, "xã", "delta+", "ntm_advanced_communes"),
    ("- Đến năm 2025 có 01 xã đạt chuẩn nông thôn mới kiểu mẫu.", 1, None, "xã", ">=", "ntm_model_communes"),
    ("- Tỷ lệ hộ nghèo giảm bình quân 1,5%/năm.", 1.5, None, "%", "delta-", "poverty_rate"),
    ("- Tỷ lệ hộ nghèo giảm từ 5,2% xuống còn 3,5%.", 3.5, None, "%", "<=", "poverty_rate"),
    ("- Tỷ lệ hộ nghèo còn dưới 3%.", 3, None, "%", "<=", "poverty_rate"),
    ("- Thu nhập bình quân đầu người đạt 65 triệu đồng/người/năm.", 65, None, "triệu đồng/người/năm", ">=", "income"),
    ("- Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình đạt tối thiểu 50%.", 50, None, "%", ">=",
     "digital_admin"),
    ("- 100% văn bản đi, đến được trao đổi dưới dạng điện tử.", 100, None, "%", "=", "digital_admin"),
    ("- Tỷ lệ chất thải rắn sinh hoạt được thu gom, xử lý: 85%.", 85, None, "%", "=", "waste_collection"),
    ("- Phấn đấu 90% hộ gia đình thực hiện phân loại rác tại nguồn.", 90, None, "%", ">=", "waste_collection"),
    ("- Tuyên truyền trên hệ thống loa truyền thanh tối thiểu 3 lần/tuần.", 3, None, "lần/tuần", ">=", "participation"),
    ("- Huy động trên 1.000 lượt đoàn viên thanh niên tham gia ra quân vệ sinh môi trường.", 1000, None, "lượt", ">",
     "participation"),
    ("- Tỷ lệ tiêm chủng đầy đủ cho trẻ em dưới 1 tuổi đạt trên 95%.", 95, None, "%", ">", None),
    ("- Giảm tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi xuống dưới 18%.", 18, None, "%", "<=", None),
    ("- Trồng mới 1.500 ha rừng tập trung.", 1500, None, "ha", "=", None),
    ("- Tỷ lệ che phủ rừng đạt 65,5%.", 65.5, None, "%", ">=", None),
    ("- Tổ chức diễn tập phòng, chống thiên tai ít nhất 01 lần/năm.", 1, None, "lần/năm", ">=", "participation"),
    ("- Giải quyết việc làm mới cho 1.200 lao động.", 1200, None, "lao động", "=", None),
    ("- Huy động 5 tỷ đồng từ các nguồn xã hội hóa.", 5, None, "tỷ đồng", "=", None),
    ("- Mỗi xã xây dựng ít nhất một mô hình điểm về bảo vệ môi trường.", 1, None, "mô hình", ">=", None),
    ("- Có từ 2 đến 3 xã đạt chuẩn nông thôn mới.", 2, None, "xã", ">=", "ntm_communes"),
    ("- Thời gian giải quyết thủ tục hành chính không quá 05 ngày làm việc.", 5, None, "ngày làm việc", "<=", None),
    ("- Giảm ít nhất 10% số vụ tai nạn giao thông.", 10, None, "%", "delta-", None),
    ("- Nâng tỷ lệ trường đạt chuẩn quốc gia từ 60% lên 70%.", 70, None, "%", ">=", None),
    ("- Giữ vững 4/4 trường đạt chuẩn quốc gia.", 4, 4, "trường", "=", None),
    ("- Mỗi cơ quan cử ít nhất 50% cán bộ tham gia các hoạt động.", 50, None, "%", ">=", "participation"),
    ("- Tỷ lệ thôn, tổ dân phố đạt danh hiệu văn hóa 90%.", 90, None, "%", "=", "cultural_villages"),
    ("- Chuẩn bị phương tiện theo phương châm “bốn tại chỗ”: 03 xuồng máy, 200 áo phao.", 3, None, "xuồng máy", "=",
     None),
    ("- Phủ sóng di động 4G đến 100% thôn, bản trên địa bàn.", 100, None, "%", ">=", None),
    ("- Thanh tra đột xuất tại ít nhất 06 cơ quan, đơn vị.", 6, None, "cơ quan, đơn vị", ">=", None),
    ("- Phun hóa chất diệt muỗi tối thiểu 03 lần tại mỗi điểm nguy cơ.", 3, None, "lần", ">=", "participation"),
    ("- Phấn đấu tỷ lệ cử tri đi bỏ phiếu đạt từ 98% trở lên.", 98, None, "%", ">=", "participation"),
    # e-invoices are a business practice (digital economy), not an e-government service
    ("- Phấn đấu 95% doanh nghiệp sử dụng hóa đơn điện tử.", 95, None, "%", ">=", None),
    ("- Phấn đấu 98% doanh nghiệp nộp thuế điện tử.", 98, None, "%", ">=", "digital_admin"),
]


@pytest.mark.parametrize("line,value,denominator,unit,comparator,code", POSITIVES,
                         ids=[p[0][:60] for p in POSITIVES])
def test_target_phrase_reads_value_unit_comparator_and_code(line, value, denominator, unit, comparator, code):
    t = one(line, value)
    assert t.denominator == denominator
    assert t.unit.lower() == unit.lower()
    assert t.comparator == comparator
    assert t.code == code


# ----------------------------------------------------------------------------- look-alikes

NOT_TARGETS = [
    "- Hoàn thành tiêu chí số 17 về môi trường và chỉ tiêu 18.3 về tổ chức chính trị - xã hội.",
    "- Mời đại diện Trạm Rada 16, Nông lâm trường 196 tham dự.",
    "- Quán triệt Nghị quyết Đại hội Đảng bộ tỉnh khóa XIX, nhiệm kỳ 2020 - 2025.",
    "- Thực hiện Quyết định số 263/QĐ-TTg ngày 22/02/2022 và Nghị định số 27/2022/NĐ-CP.",
    "- Hoàn thành trước ngày 15/4/2024; báo cáo trong tháng 10/2024.",
    "- Đối tượng thực hiện: cán bộ, công chức và 15 xóm.",
    "- Thời gian: 01 buổi sáng, dự kiến tuần 3, tháng 4/2024.",
    "- Năm 2023, toàn huyện đạt 33 sản phẩm OCOP.",
    "- Hưởng ứng Chương trình “trồng mới 01 tỷ cây xanh giai đoạn 2021 - 2025”.",
    "- Thực hiện cuộc vận động “Xây dựng gia đình 5 không, 3 sạch”.",
    "- Đối với 02 xã Đồng Hưu, Tân Hiệp: xây dựng kế hoạch chi tiết.",
    "- Trẻ em dưới 5 tuổi được khám sức khỏe miễn phí.",
    "- Định kỳ 6 tháng báo cáo kết quả về UBND huyện.",
    "- Liên hệ đồng chí Nguyễn Văn B, điện thoại 0912.345.678.",
    "- Ứng dụng mạng 5G trong phòng, chống dịch COVID-19.",
    "- Mức hỗ trợ 50% kinh phí mua vật tư.",
    "- Hiện nay toàn huyện có 13 xã, 150 thôn.",
    "- Tổng kinh phí thực hiện: 200 triệu đồng.",
    "- Mỗi xã lựa chọn một nội dung kiểu mẫu để thực hiện.",
    "- Thực hiện cơ chế một cửa, một cửa liên thông.",
    "- Bảo đảm thông tin liên lạc 24/24 giờ.",
    "- Thực hiện theo phương châm “4 tại chỗ”.",
    "- Các xã: Tân Liên (03 thôn), Hợp Thành (02 thôn).",
    "- Đến nay đã có 10/13 xã đạt chuẩn nông thôn mới.",
    "- Sản phẩm đạt 3 sao được hỗ trợ quảng bá (Chi tiết tại Phụ lục 01).",
    "- Tổ chức gặp mặt doanh nghiệp định kỳ 02 lần/năm.",
    "- Kích hoạt tài khoản định danh điện tử mức độ 2 cho người dân.",
    "- Giảm tỷ lệ mắc bệnh/100.000 dân theo hướng dẫn của ngành y tế.",
    "- Trường hợp có nhiều hơn 03 đơn vị bằng điểm thì xét theo thứ tự ưu tiên.",
    "- Theo số liệu điều tra năm 2023, toàn huyện có 1.235 hộ nghèo, chiếm 5,6%.",
    "- Cơ cấu giải thưởng: 01 giải Nhất, 02 giải Nhì; giải Nhất trị giá 3.000.000 đồng.",
]


@pytest.mark.parametrize("line", NOT_TARGETS, ids=[n[:60] for n in NOT_TARGETS])
def test_numeric_look_alike_is_not_a_target(line):
    _, _, targets = run(line)
    assert targets == []


@pytest.mark.parametrize("line", [
    "- Trong giai đoạn 2016 - 2020, toàn huyện có 05 xã đạt chuẩn nông thôn mới.",
    "- Toàn xã có 12 thôn với 2.500 hộ, 10.200 nhân khẩu.",
    "- Các xã: Tân Liên (03 thôn), Hợp Thành (02 thôn).",
])
def test_facts_and_baselines_under_a_target_heading_are_not_targets(line):
    _, _, targets = run(line, heading="I. MỤC TIÊU", sub="1. Mục tiêu cụ thể")
    assert targets == []


def test_preamble_and_closing_numbers_are_not_targets():
    _, _, targets = run("- Phấn đấu 100% hộ gia đình được thu gom rác thải sinh hoạt.")
    assert [t.value for t in targets] == [100]


def test_past_results_section_gives_no_targets():
    _, _, targets = run(
        "Năm 2023, tỷ lệ hộ nghèo giảm còn 4,5%; 100% xã có nhà văn hóa; có 33 sản phẩm OCOP.",
        heading="I. KẾT QUẢ THỰC HIỆN NĂM 2023", sub="1. Kết quả đạt được",
    )
    assert targets == []


def test_task_heading_that_starts_with_han_che_is_not_a_past_section():
    _, _, targets = run("- Giảm 50% lượng túi ni lông sử dụng tại các chợ.", heading="I. NỘI DUNG",
                        sub="1. Hạn chế sử dụng túi ni lông")
    assert [(t.value, t.comparator) for t in targets] == [(50, "delta-")]


def test_number_inside_the_subject_of_a_target_is_a_qualifier():
    _, _, targets = run("- Tỷ lệ dân số nông thôn được sử dụng nước sạch đáp ứng quy chuẩn tối thiểu 60 lít/người/ngày "
                        "đạt 55%.")
    assert [(t.value, t.code) for t in targets] == [(55, "clean_water")]
    assert targets[0].text.startswith("Tỷ lệ dân số nông thôn")


def test_share_of_a_fact_is_not_a_target():
    _, _, targets = run("- Dân số toàn xã 5.000 người, trong đó đồng bào dân tộc thiểu số chiếm 85%.")
    assert targets == []


def test_coordinated_count_shares_the_quota_before_it():
    _, _, targets = run("- Dự trữ tối thiểu 20 tấn gạo và 500 thùng mì tôm tại các kho.")
    assert [(t.value, t.unit, t.comparator) for t in targets] == [(20, "tấn", ">="), (500, "thùng", ">=")]


# ----------------------------------------------------------------------------- context

def test_list_opener_cue_carries_to_its_items():
    _, _, targets = run("Phấn đấu đến năm 2025:", "- Tỷ lệ hộ gia đình sử dụng nước sạch 95%.",
                        "- 100% trường học có nhà vệ sinh đạt chuẩn.")
    assert [(t.value, t.comparator, t.deadline) for t in targets] == [(95, ">=", "2025"), (100, ">=", "2025")]


def test_percent_restatement_takes_the_comparator_and_code_of_its_count():
    _, _, targets = run("- Cấp xóm: Đến hết năm 2025, toàn huyện có 26 xóm được công nhận đạt chuẩn Thôn nông "
                        "thôn mới (30% thôn) và 04 xóm được công nhận đạt chuẩn Thôn nông thôn mới kiểu mẫu "
                        "(chiếm 4,7% thôn).")
    got = [(t.value, t.unit, t.comparator, t.code, t.deadline) for t in targets]
    assert got == [(26, "xóm", ">=", "ntm_villages", "2025"), (30, "%", ">=", "ntm_villages", "2025"),
                   (4, "xóm", ">=", "ntm_villages", "2025"), (4.7, "%", ">=", "ntm_villages", "2025")]


def test_dependent_clauses_inherit_the_indicator_of_their_host():
    _, _, targets = run("- Đến hết năm 2025, toàn huyện có 02/13 xã đạt chuẩn nông thôn mới, đạt 25% tổng số xã "
                        "trên địa bàn huyện (tăng 02 xã so với giai đoạn 2016 - 2020).")
    assert [(t.value, t.comparator, t.code) for t in targets] == [
        (2, ">=", "ntm_communes"), (25, ">=", "ntm_communes"), (2, "delta+", "ntm_communes")]


def test_ratio_and_its_percentage_that_disagree_are_reported():
    _, _, targets = run("- Đến hết năm 2025, toàn huyện có 02/13 xã đạt chuẩn nông thôn mới, đạt 25% tổng số xã.")
    issues = check_targets(targets)
    assert [i.code for i in issues] == ["target_ratio_mismatch"]


def test_text_is_one_clause_and_section_is_the_innermost_path():
    text, layout, targets = run("- Tỷ lệ hộ nghèo giảm còn 2,29%; tỷ lệ thôn, bản văn hóa đạt 75%, tỷ lệ thị trấn "
                                "đạt chuẩn đô thị văn minh 100%.", sub="5. Nâng cao chất lượng cuộc sống")
    assert [t.text for t in targets] == ["Tỷ lệ hộ nghèo giảm còn 2,29%", "tỷ lệ thôn, bản văn hóa đạt 75%",
                                         "tỷ lệ thị trấn đạt chuẩn đô thị văn minh 100%"]
    assert {t.section for t in targets} == {"I.5"}
    assert all(t.section == layout.path_at(t.start) for t in targets)


def test_count_clause_stops_before_the_next_quantity():
    _, _, targets = run("- Phấn đấu có thêm 04 thôn đạt chuẩn nông thôn mới kiểu mẫu và có ít nhất 01 bản đạt chuẩn "
                        "nông thôn mới.")
    assert [t.text for t in targets] == ["Phấn đấu có thêm 04 thôn đạt chuẩn nông thôn mới kiểu mẫu",
                                         "có ít nhất 01 bản đạt chuẩn nông thôn mới"]


def test_extended_domain_is_kept_in_the_rule_not_in_the_guide_code():
    t = one("- Tỷ lệ che phủ rừng đạt 65,5%.", 65.5)
    assert t.code is None and t.rule.endswith("domain=environment")


def test_planned_value_table_gives_one_target_per_indicator_row():
    _, _, targets = run(
        "Biểu chỉ tiêu",
        "STT | Chỉ tiêu | Đơn vị tính | Kế hoạch năm 2024",
        "1 | Tỷ lệ hộ nghèo | % | ≤ 5",
        "2 | Số sản phẩm OCOP | Sản phẩm | 12",
        "3 | Tổng số | | 17",
    )
    got = [(t.value, t.unit, t.comparator, t.code, t.deadline) for t in targets]
    assert got == [(5, "%", "<=", "poverty_rate", "2024"), (12, "Sản phẩm", "=", "ocop_products", "2024")]


def test_multi_year_planned_figures_are_left_to_table_targets():
    _, _, targets = run(
        "STT | Chỉ tiêu | Năm 2024 | Năm 2025 | Năm 2026",
        "1 | Sản phẩm OCOP | 10 | 12 | 15",
    )
    assert targets == []


def test_task_table_cells_are_read_as_text():
    _, _, targets = run(
        "STT | Nội dung | Cơ quan chủ trì | Thời gian",
        "1 | Phấn đấu 100% hồ sơ được giải quyết trực tuyến | Văn phòng | Quý IV/2024",
    )
    assert [(t.value, t.code) for t in targets] == [(100, "digital_admin")]


# ----------------------------------------------------------------------------- other provinces, other phrasings

# (sentence, value, unit, comparator, code) — each group holds one phenomenon written several ways.
VARIANTS = [
    # an increase with a floor is delta+, like a decrease with one is delta-
    ("- Phấn đấu số vụ việc kiểm tra, xử lý tăng ít nhất 10% so với cùng kỳ năm trước.", 10, "%", "delta+", None),
    ("- Doanh thu bán lẻ qua thương mại điện tử tăng tối thiểu 15%/năm.", 15, "%", "delta+", None),
    ("- Số thuê bao băng rộng cố định tăng từ 8% trở lên.", 8, "%", "delta+", None),
    ("- Số đảng viên mới kết nạp tăng ít nhất 5% so với năm 2023.", 5, "%", "delta+", None),
    # ... but the level an indicator rises to stays >=, and a multiplier is a level
    ("- Tăng tỷ lệ người dân có tài khoản thanh toán lên tối thiểu 80%.", 80, "%", ">=", None),
    ("- Thu nhập bình quân tăng ít nhất 1,5 lần so với năm 2020.", 1.5, "lần", ">=", "income"),
    # a negated upper bound
    ("- Không để xảy ra quá 02 vụ cháy rừng.", 2, "vụ", "<=", None),
    ("- Không có xã nào có tỷ lệ hộ nghèo trên 10%.", 10, "%", "<=", "poverty_rate"),
    ("- Không để tỷ lệ hồ sơ trễ hạn vượt quá 2%.", 2, "%", "<=", None),
    ("- Không còn thôn nào dưới 12 tiêu chí.", 12, "tiêu chí", ">=", None),
    # "(nếu có)" says "if any"; it sets no condition
    ("- Diện tích rừng bị cháy (nếu có) không quá 0,5 ha/vụ.", 0.5, "ha/vụ", "<=", None),
    ("- Thiệt hại về tài sản (nếu có) giảm ít nhất 10% so với năm 2023.", 10, "%", "delta-", None),
    ("- Số vụ cháy (nếu xảy ra) được xử lý 100% trong ngày.", 100, "%", "=", None),
    # the unit of a percentage is "%" whatever rate follows it
    ("- Tỷ lệ hộ nghèo tại các xã đặc biệt khó khăn giảm bình quân 6%/năm.", 6, "%", "delta-", "poverty_rate"),
    ("- Doanh thu thương mại điện tử tăng bình quân 20%/năm.", 20, "%", "delta+", None),
    ("- Tỷ lệ hộ nghèo dân tộc thiểu số giảm 3%/năm.", 3, "%", "delta-", "poverty_rate"),
    # the per-part written after the noun's qualifier belongs to the unit; frequencies are participation
    ("- Tổ chức tối thiểu 02 đợt tuyên truyền/ấp.", 2, "đợt/ấp", ">=", "participation"),
    ("- Mở ít nhất 10 lớp tập huấn/năm cho nông dân.", 10, "lớp/năm", ">=", "participation"),
    ("- Tổ chức 02 cuộc kiểm tra liên ngành/quý.", 2, "cuộc kiểm tra/quý", "=", "participation"),
    ("- Phát sóng tối thiểu 02 chuyên mục tuyên truyền/tháng.", 2, "chuyên mục/tháng", ">=", "participation"),
    # media frequencies
    ("- Phát sóng tối thiểu 02 chuyên mục/tháng bằng tiếng phổ thông và tiếng dân tộc.", 2, "chuyên mục/tháng", ">=",
     "participation"),
    ("- Phát sóng, đăng tải tối thiểu 04 kỳ/tháng.", 4, "kỳ/tháng", ">=", "participation"),
    ("- Đăng tải tối thiểu 02 tin, bài/tuần.", 2, "tin, bài/tuần", ">=", "participation"),
    ("- Đăng tải ít nhất 01 phóng sự/quý.", 1, "phóng sự/quý", ">=", "participation"),
    # people trained or committed are a participation quota
    ("- Tổ chức tập huấn cho 100% cán bộ làm công tác tiêm chủng.", 100, "%", "=", "participation"),
    ("- 100% cán bộ, công chức, viên chức được bồi dưỡng kiến thức về chuyển đổi số.", 100, "%", "=", "participation"),
    ("- 100% hộ gia đình nhận khoán bảo vệ rừng ký cam kết phòng cháy, chữa cháy rừng.", 100, "%", "=",
     "participation"),
    ("- 100% hộ kinh doanh ký cam kết không kinh doanh pháo nổ.", 100, "%", "=", "participation"),
    # joining a market is adoption, not participation
    ("- Phấn đấu có ít nhất 2.500 doanh nghiệp, hộ kinh doanh tham gia các sàn thương mại điện tử.", 2500,
     "doanh nghiệp, hộ kinh doanh", ">=", None),
    ("- 50% doanh nghiệp nhỏ và vừa tham gia các nền tảng số.", 50, "%", "=", None),
    ("- Có ít nhất 300 hợp tác xã tham gia chuỗi liên kết.", 300, "hợp tác xã", ">=", None),
    # e-government in other words
    ("- Số hóa 100% kết quả giải quyết thủ tục hành chính còn hiệu lực.", 100, "%", "=", "digital_admin"),
    ("- Tỷ lệ hồ sơ được số hóa đạt 100%.", 100, "%", ">=", "digital_admin"),
    ("- 100% văn bản đi được ký số.", 100, "%", "=", "digital_admin"),
    ("- Tỷ lệ TTHC cung cấp DVCTT toàn trình đạt 80%.", 80, "%", ">=", "digital_admin"),
    ("- 100% cán bộ, công chức sử dụng hộp thư công vụ.", 100, "%", "=", "digital_admin"),
    ("- Tỷ lệ doanh nghiệp sử dụng hóa đơn điện tử đạt 100%.", 100, "%", ">=", None),
    ("- Tỷ lệ văn bản được xử lý hoàn toàn trên môi trường mạng đạt 95%.", 95, "%", ">=", "digital_admin"),
    ("- Giảm 10% số vụ tội phạm trên môi trường mạng.", 10, "%", "delta-", None),
    # poverty: the rate and the number of poor households as it falls, not poor households as beneficiaries
    ("- Giảm 150 hộ nghèo so với đầu năm.", 150, "hộ", "delta-", "poverty_rate"),
    ("- Phấn đấu có 200 hộ thoát nghèo.", 200, "hộ", ">=", "poverty_rate"),
    ("- Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giảm 1,5% trở lên.", 1.5, "%", "delta-", "poverty_rate"),
    ("- Hỗ trợ xây mới, sửa chữa nhà ở cho 120 hộ nghèo, hộ cận nghèo có khó khăn về nhà ở.", 120, "hộ", "=", None),
    ("- 100% hộ nghèo có nhu cầu được vay vốn ưu đãi.", 100, "%", "=", None),
    # health insurance and clean water in other words
    ("- Tỷ lệ hộ gia đình có thẻ BHYT đạt 92%.", 92, "%", ">=", "health_insurance"),
    ("- Giữ vững tỷ lệ bao phủ bảo hiểm y tế trên 95% dân số.", 95, "%", ">", "health_insurance"),
    ("- Tỷ lệ dân cư nông thôn sử dụng nước sinh hoạt đạt QCVN 01-1:2018 đạt 45%.", 45, "%", ">=", "clean_water"),
    ("- 98% dân cư nông thôn được cung cấp nước sạch theo quy chuẩn.", 98, "%", "=", "clean_water"),
    # household waste in other words; medical and hazardous waste are not household waste
    ("- Tỷ lệ chất thải rắn đô thị được thu gom, vận chuyển, xử lý đạt 95%.", 95, "%", ">=", "waste_collection"),
    ("- 100% rác thải tại các chợ được thu gom, xử lý trong ngày.", 100, "%", "=", "waste_collection"),
    ("- 70% hộ gia đình thực hiện phân loại chất thải rắn tại nguồn.", 70, "%", "=", "waste_collection"),
    ("- Thu gom, xử lý 90% lượng rác thải phát sinh trên địa bàn.", 90, "%", "=", "waste_collection"),
    ("- Tỷ lệ chất thải rắn y tế được thu gom, xử lý đạt 100%.", 100, "%", ">=", None),
    # money in other currencies keeps its scale word
    ("- Kim ngạch xuất khẩu đạt 500 triệu USD.", 500, "triệu USD", ">=", None),
    ("- Thu hút vốn đầu tư trực tiếp nước ngoài đạt 1,2 tỷ USD.", 1.2, "tỷ USD", ">=", None),
    # a breakdown noun after the count is not part of the unit
    ("- Đào tạo nghề cho ít nhất 30 người dân tộc thiểu số.", 30, "người", ">=", None),
    ("- Đào tạo nghề cho tối thiểu 50 hộ dân tộc Mông.", 50, "hộ", ">=", None),
]


@pytest.mark.parametrize("line,value,unit,comparator,code", VARIANTS, ids=[v[0][:60] for v in VARIANTS])
def test_target_variants_from_other_provinces(line, value, unit, comparator, code):
    t = one(line, value)
    assert (t.unit.lower(), t.comparator, t.code) == (unit.lower(), comparator, code)


@pytest.mark.parametrize("line,values", [
    ("- Giải quyết việc làm mới cho ít nhất 900 lao động, trong đó đưa 40 lao động đi làm việc ở nước ngoài theo hợp "
     "đồng.", [900, 40]),
    ("- Tuyển sinh đào tạo nghề cho 1.000 người, trong đó 300 người là lao động nữ.", [1000, 300]),
    ("- Xây dựng 10 mô hình sinh kế, trong số đó 04 mô hình tại xã đặc biệt khó khăn.", [10, 4]),
    ("- Hỗ trợ 50 hộ phát triển sản xuất, trong đó có 20 hộ dân tộc thiểu số.", [50, 20]),
])
def test_part_of_a_committed_count_is_a_target(line, values):
    _, _, targets = run(line)
    assert [t.value for t in targets] == values
    assert targets[-1].unit in ("lao động", "người", "mô hình", "hộ")


@pytest.mark.parametrize("header,cell,value,unit", [
    ("Sản phẩm", "20 lớp tập huấn", 20, "lớp"),
    ("Sản phẩm", "50 điểm bưu chính hỗ trợ thương mại điện tử", 50, "điểm"),
    ("Kết quả dự kiến", "05 mô hình điểm được nhân rộng", 5, "mô hình"),
    ("Sản phẩm đầu ra", "12 chuyên mục phát sóng", 12, "chuyên mục"),
    ("Chỉ tiêu", "30 cơ sở được kiểm tra", 30, "cơ sở"),
])
def test_task_table_output_cells_are_targets(header, cell, value, unit):
    _, _, targets = run(
        f"STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành | {header}",
        f"1 | Triển khai nhiệm vụ | Sở Công Thương | Tháng 9/2025 | {cell}",
        "2 | Tổng kết, đánh giá | Sở Công Thương | Quý IV/2025 | Báo cáo kết quả",
    )
    assert [(t.value, t.unit, t.comparator) for t in targets] == [(value, unit, "=")]


def test_task_table_without_an_output_column_reads_cells_as_text():
    _, _, targets = run(
        "STT | Nhiệm vụ | Cơ quan chủ trì | Kết quả thực hiện",
        "1 | Rà soát hồ sơ | Phòng Nội vụ | 20 hồ sơ",
    )
    assert targets == []


@pytest.mark.parametrize("line", [
    "- Không để xảy ra cháy rừng lớn.",
    "- Không để phát sinh hộ nghèo mới.",
    "- Không để xảy ra tình trạng khai thác cát trái phép trên các tuyến sông.",
])
def test_bans_without_a_number_are_not_targets(line):
    _, _, targets = run(line)
    assert targets == []


# ----------------------------------------------------------------------------- numbers

@pytest.mark.parametrize("raw,percent,value", [
    ("2,29", False, 2.29), ("1.500", False, 1500), ("04", False, 4), ("1.234.567", False, 1234567),
    ("12.500,5", False, 12500.5), ("18.3", False, None), ("2.5", True, 2.5), ("0203.3861.234", False, None),
])
def test_vietnamese_number_forms(raw, percent, value):
    assert parse_number(raw, percent=percent) == value


# ----------------------------------------------------------------------------- data files

def test_taxonomy_loads_with_unique_codes_and_every_guide_code():
    codes = [ind.code for ind in taxonomy()]
    assert len(codes) == len(set(codes))
    assert GUIDE_CODES <= set(codes)
    assert {ind.code for ind in taxonomy() if ind.scope == "guide"} == GUIDE_CODES
    assert all(ind.scope in ("guide", "extended") and ind.name for ind in taxonomy())


@pytest.mark.parametrize("code,cue", [(ind.code, cue) for ind in taxonomy() for cue in ind.cues])
def test_every_cue_resolves_to_its_own_code(code, cue):
    assert classify_indicator(cue) == code


def test_indicator_without_cue_gets_no_code():
    assert classify_indicator("tỷ lệ thị trấn đạt chuẩn đô thị văn minh") is None
    assert classify_indicator("tuyến đường sáng - xanh - sạch - đẹp") is None


def test_misspelt_cue_is_matched_by_the_fuzzy_fallback_only_when_close():
    assert classify_indicator("tỷ lệ hộ gia đình có bảo hiểm y tê") == "health_insurance"
    assert classify_indicator("tỷ lệ hộ gia đình có bảo hiểm nhân thọ") is None


def test_taxonomy_units_are_counted_nouns_of_the_unit_lexicon():
    units = {phrase(str(w)) for words in load_yaml("lexicons", "target_units.yml").values() for w in words}
    for ind in taxonomy():
        for u in ind.units:
            assert phrase(u) in units, (ind.code, u)


def test_unit_lexicon_lists_each_noun_under_one_kind():
    counts = Counter(phrase(str(w)) for words in load_yaml("lexicons", "target_units.yml").values() for w in words)
    assert [w for w, n in counts.items() if n > 1] == []


def test_comparator_cues_use_the_guide_vocabulary():
    cues = load_yaml("lexicons", "target_cues.yml")["comparators"]
    allowed = {">=", ">", "<=", "=", "delta+", "delta-"}
    for group in ("bound", "after", "level", "far"):
        for row in cues[group]:
            assert row["cmp"] in allowed, row


# ----------------------------------------------------------------------------- pipeline

def test_component_sets_targets_and_spans():
    from pipeline import nlp as nlp_mod
    from pipeline.extract import targets as _  # noqa: F401  (registers the component)

    text = plan("- Tỷ lệ hộ nghèo giảm còn 2,29%.")
    nlp = nlp_mod.blank()
    nlp.add_pipe("kehoach_targets")
    doc = nlp.make_doc(text)
    doc._.layout, doc._.meta, doc._.warnings = segment(text), META, []
    doc = nlp(doc)
    assert [t.value for t in doc._.targets] == [2.29]
    assert [(s.text, s.label_) for s in doc.spans["targets"]] == [("Tỷ lệ hộ nghèo giảm còn 2,29%", "poverty_rate")]


# Expectations decided after the fixtures in tests/data/targets were written (the fixture files belong
# to their owner; until they are regenerated the amendment lives here): a committed count right after a
# distributing verb is a target with "=" ("Phát 5.000 tờ rơi", holdout round 3).
@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.txt")))
def test_sample_plans_in_other_fields(name):
    """Small plans of other provinces, levels and topics with their expected targets."""
    text = normalize_text((DATA / name).read_text(encoding="utf-8")).text
    expected = json.loads((DATA / name.replace(".txt", ".json")).read_text(encoding="utf-8"))
    targets = find_targets(text, segment(text), DocumentMeta(issue_date=expected["issue_date"]))
    got = [[t.value, t.unit, t.comparator, t.code] for t in targets]
    assert got == expected["targets"]


# ----------------------------------------------------------------------------- holdout round 3

def _got(*body, **kw):
    return [(t.text, t.value, t.unit, t.comparator) for t in run(*body, **kw)[2]]


# Committed counts with no comparator word, in a task or target section → "=".
COMMITTED_COUNTS = [
    ("- Đón 1.250.000 lượt khách du lịch.", [("Đón 1.250.000 lượt khách du lịch", 1250000.0, "lượt khách", "=")]),
    ("- Phát 5.000 tờ rơi, 200 áp phích về an toàn thực phẩm.",
     [("Phát 5.000 tờ rơi", 5000.0, "tờ rơi", "="), ("200 áp phích về an toàn thực phẩm", 200.0, "áp phích", "=")]),
    ("- Phát hành 3.000 tờ gấp tuyên truyền về phòng, chống ma túy.",
     [("Phát hành 3.000 tờ gấp tuyên truyền về phòng, chống ma túy", 3000.0, "tờ gấp", "=")]),
    ("- Thành lập 03 Đoàn kiểm tra liên ngành của huyện.",
     [("Thành lập 03 Đoàn kiểm tra liên ngành của huyện", 3.0, "Đoàn kiểm tra", "=")]),
    ("- Xã Tân Hòa được giao 18 công dân, trong đó: nhập ngũ vào Quân đội 15 công dân, tham gia Công an nhân dân 03 công dân.",
     [("Xã Tân Hòa được giao 18 công dân", 18.0, "công dân", "="),
      ("nhập ngũ vào Quân đội 15 công dân", 15.0, "công dân", "="),
      ("tham gia Công an nhân dân 03 công dân", 3.0, "công dân", "=")]),
    ("- Duy trì hoạt động của 120 Tổ truyền thông cộng đồng và 85 Địa chỉ tin cậy tại cộng đồng.",
     [("Duy trì hoạt động của 120 Tổ truyền thông cộng đồng", 120.0, "Tổ truyền thông cộng đồng", "="),
      ("85 Địa chỉ tin cậy tại cộng đồng", 85.0, "Địa chỉ tin cậy", "=")]),
    ("- Củng cố hoạt động của 45 tổ hòa giải ở cơ sở.",
     [("Củng cố hoạt động của 45 tổ hòa giải ở cơ sở", 45.0, "tổ hòa giải", "=")]),
    ("- Thành lập 05 đội hình thanh niên tình nguyện.",
     [("Thành lập 05 đội hình thanh niên tình nguyện", 5.0, "đội hình", "=")]),
]

# Units written in full.
FULL_UNITS = [
    ("- Tỷ số giới tính khi sinh không vượt quá 112 bé trai/100 bé gái.", "bé trai"),
    ("- Mỗi trường tổ chức ít nhất 02 buổi chuyên đề về kỹ năng phòng, chống đuối nước/học kỳ.", "buổi/học kỳ"),
    ("- Tổ chức tuyên truyền cho học sinh ít nhất 01 buổi/học kỳ/trường.", "buổi/học kỳ/trường"),
    ("- Mỗi giáo viên xây dựng tối thiểu 05 bài giảng điện tử/năm học.", "bài giảng điện tử/năm học"),
    ("- Có thêm 25 cơ sở lưu trú đạt tiêu chuẩn phục vụ khách du lịch.", "cơ sở lưu trú"),
]

# A comma inside the indicator does not end it.
COMMA_INDICATORS = [
    ("- 100% trường học có đường truyền internet cáp quang, mạng không dây phục vụ dạy học.",
     "100% trường học có đường truyền internet cáp quang, mạng không dây phục vụ dạy học"),
    ("- 100% trường tiểu học, trung học cơ sở triển khai sổ điểm điện tử, học bạ số.",
     "100% trường tiểu học, trung học cơ sở triển khai sổ điểm điện tử, học bạ số"),
    ("- 100% học sinh được phổ biến nội quy, quy tắc ứng xử văn hóa.",
     "100% học sinh được phổ biến nội quy, quy tắc ứng xử văn hóa"),
    ("- 95% vụ việc được tiếp nhận, xác minh và trả lời đúng hạn.",
     "95% vụ việc được tiếp nhận, xác minh và trả lời đúng hạn"),
]

# Numbers that are no targets: lead times and scope qualifiers.
NOT_TARGETS = [
    "- Kiểm tra điều kiện an toàn thực phẩm tại các điểm tổ chức lễ hội, trước khi tổ chức ít nhất 03 ngày.",
    "- Gửi giấy mời đại biểu ít nhất 05 ngày trước ngày tổ chức hội nghị.",
    "- Thông báo cho các hộ dân chậm nhất 07 ngày sau khi có quyết định.",
    "- Phòng Văn hóa hướng dẫn các cơ sở lưu trú du lịch từ 50 phòng trở lên bố trí khu vực lưu giữ chất thải.",
    "- Kiểm tra các doanh nghiệp từ 10 lao động trở lên về an toàn lao động.",
    "- Phát hiện 05 vụ vi phạm và xử lý theo quy định.",
]


@pytest.mark.parametrize("line,expected", COMMITTED_COUNTS, ids=[c[0][:40] for c in COMMITTED_COUNTS])
def test_committed_counts_without_cue(line, expected):
    assert _got(line) == expected


@pytest.mark.parametrize("line,unit", FULL_UNITS, ids=[c[0][:40] for c in FULL_UNITS])
def test_units_written_in_full(line, unit):
    got = _got(line, heading="II. MỤC TIÊU", sub="1. Chỉ tiêu")
    assert [g[2] for g in got][:1] == [unit], got


@pytest.mark.parametrize("line,text", COMMA_INDICATORS, ids=[c[0][:40] for c in COMMA_INDICATORS])
def test_indicator_goes_on_after_a_comma(line, text):
    assert [g[0] for g in _got(line, heading="II. MỤC TIÊU", sub="1. Chỉ tiêu")] == [text]


@pytest.mark.parametrize("line", NOT_TARGETS, ids=[c[:40] for c in NOT_TARGETS])
def test_lead_times_and_scope_qualifiers_are_not_targets(line):
    assert _got(line) == []


def test_comma_then_purpose_or_number_still_ends_the_indicator():
    assert [g[0] for g in _got("- 100% xã đạt chuẩn, góp phần nâng cao đời sống người dân.")] == ["100% xã đạt chuẩn"]
    assert [g[0] for g in _got("- Đón 20.000 lượt khách, tăng 10% so với năm 2023.")][:1] == ["Đón 20.000 lượt khách"]


@pytest.mark.parametrize("text,code", [
    ("100% trường triển khai sổ điểm điện tử", "digital_admin"),
    ("100% học sinh có học bạ số", "digital_admin"),
    ("Tỷ lệ hồ sơ tuyển sinh đầu cấp được thực hiện trực tuyến đạt 70%", "digital_admin"),
    ("100% trường thực hiện tuyển sinh trực tuyến", "digital_admin"),
    ("80% hộ gia đình đăng ký sử dụng dịch vụ thu gom", "waste_collection"),
    ("90% hộ dân ký hợp đồng dịch vụ thu gom", "waste_collection"),
    ("100% trường có phòng học trực tuyến", None),  # look-alike: no record, no admission
])
def test_codes_of_holdout3(text, code):
    assert classify_indicator(text, "%") == code


def test_list_opener_cue_carries_to_items():
    got = _got("Phấn đấu đến hết năm 2025:", "- 100% đài truyền thanh cấp xã xây dựng chuyên mục về bình đẳng giới.",
               "- 90% cán bộ được tập huấn kiến thức về giới.")
    assert [g[3] for g in got] == [">=", ">="], got


@pytest.mark.parametrize("opener,expected", [
    ("Phấn đấu đến hết năm 2025:", ">="),
    ("Phấn đấu đến năm 2026 đạt các chỉ tiêu sau:", ">="),
    ("Các chỉ tiêu cụ thể như sau:", "="),  # look-alike: no cue in the opener
])
def test_section_opener_cue_carries_to_numbered_subsections(opener, expected):
    text = plan(opener, "1.1. Lĩnh vực văn hóa: 100% đài truyền thanh cấp xã xây dựng chuyên mục về bình đẳng giới.",
                "1.2. Lĩnh vực giáo dục: 90% trường học tổ chức ngoại khóa về giới.",
                heading="I. MỤC TIÊU, CHỈ TIÊU", sub="1. Chỉ tiêu cụ thể")
    targets = find_targets(text, segment(text), META)
    assert [t.comparator for t in targets] == [expected, expected], targets


# A "từ N <unit> trở lên" range that says which units a target counts is scope, not a second target.
@pytest.mark.parametrize("line,values", [
    ("- 100% tàu cá có chiều dài từ 15 m trở lên của xã lắp đặt và duy trì hoạt động thiết bị giám sát hành trình.", [100]),
    ("- Kiểm tra 100% tàu cá có chiều dài từ 15 m trở lên trước khi xuất bến.", [100]),
    ("- 90% tàu cá có tổng công suất từ 90 kW trở lên được cấp giấy phép khai thác.", [90]),
    ("- 100% trang trại có diện tích từ 5 ha trở lên áp dụng quy trình VietGAP.", [100]),
    ("- Tàu cá có chiều dài từ 12 m trở lên phải lắp đặt thiết bị giám sát hành trình.", []),
])
def test_range_inside_the_counted_noun_is_scope(line, values):
    _, _, targets = run(line)
    assert sorted(t.value for t in targets) == values


# ----------------------------------------------------------------------------- holdout3 causes

@pytest.mark.parametrize("line,text,code", [
    ("- Tỷ lệ che phủ rừng: đạt 43,5% trở lên vào cuối năm 2024.", "Tỷ lệ che phủ rừng: đạt 43,5% trở lên", None),
    ("- Tỷ lệ hộ nghèo: giảm còn dưới 3% vào cuối năm 2025.", "Tỷ lệ hộ nghèo: giảm còn dưới 3%", "poverty_rate"),
    ("- Tỷ lệ thu gom rác thải: đạt 90% trở lên trong năm 2024.", "Tỷ lệ thu gom rác thải: đạt 90% trở lên", "waste_collection"),
    ("- Tỷ lệ người dân tham gia bảo hiểm y tế: đạt 95% đến hết năm 2025.", "Tỷ lệ người dân tham gia bảo hiểm y tế: đạt 95%",
     "health_insurance"),
])
def test_label_before_colon_names_the_indicator_despite_a_trailing_time(line, text, code):
    _, _, targets = run(line)
    assert len(targets) == 1
    assert targets[0].text.startswith(text) and targets[0].code == code


@pytest.mark.parametrize("line,values", [
    ("- Trồng mới 350 ha rừng, trong đó: rừng phòng hộ 120 ha, rừng sản xuất 230 ha.", [350, 120, 230]),
    ("- Hỗ trợ 60 con bò giống, trong đó: hộ nghèo 40 con, hộ cận nghèo 20 con.", [60, 40, 20]),
    ("- Đào tạo nghề cho 500 lao động, trong đó có: lao động nữ 200 lao động.", [500, 200]),
    ("- Cứng hóa 12 km đường giao thông nông thôn, trong đó: đường trục xã 4 km.", [12, 4]),
])
def test_parts_named_before_their_number_after_trong_do(line, values):
    _, _, targets = run(line)
    assert [t.value for t in targets] == values
