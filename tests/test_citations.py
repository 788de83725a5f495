"""Citations (issue #4): numbered documents a plan cites, with date, issuer and relation."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import DATA, STEMS, gold
from pipeline.extract.citations import (
    agrees, citation_issues, decode_issuing_body, expand_issuer, find_citations, lexicon, parse_number,
)
from pipeline.normalize import fold, normalize_text
from pipeline.records import DocumentMeta
from pipeline.resources import load_jsonl, model_path
from pipeline.segment import segment

CIT_DATA = DATA / "citations"


def build(body: str = "", preamble: str = "", title: str = "Triển khai nhiệm vụ năm 2024", own: str = "15/KH-UBND",
          annex: str = "") -> str:
    """A small commune/district plan: header, title, preamble, two Roman sections, signature."""
    return normalize_text(
        "ỦY BAN NHÂN DÂN\nHUYỆN CAO LỘC\n"
        f"Số: {own}\nCao Lộc, ngày 10 tháng 4 năm 2024\nKẾ HOẠCH\n{title}\n"
        f"{preamble}\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n{body}\n"
        "II. TỔ CHỨC THỰC HIỆN\n1. Phòng Nông nghiệp chủ trì thực hiện.\n"
        "Nơi nhận:\n- UBND tỉnh;\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An\n" + annex
    ).text


def cites(text: str, meta: DocumentMeta | None = None):
    return find_citations(text, segment(text), meta or DocumentMeta())


def one(body: str = "", **kw):
    cs = cites(build(body, **kw))
    assert len(cs) == 1, [c.text for c in cs]
    return cs[0]


# ----------------------------------------------------------------------------- numbers
@pytest.mark.parametrize("sentence, doc_type, number, numeric, year, symbol, body", [
    ("Theo Quyết định số 263/QĐ-TTg ngày 22/02/2022 của Thủ tướng Chính phủ.",
     "Quyết định", "263/QĐ-TTg", "263", 2022, "QĐ-TTg", "Thủ tướng Chính phủ"),
    ("Theo Nghị định số 27/2022/NĐ-CP ngày 19/4/2022 của Chính phủ.",
     "Nghị định", "27/2022/NĐ-CP", "27", 2022, "NĐ-CP", "Chính phủ"),
    ("Theo Nghị quyết số 03/2022/NQ-HĐND ngày 25/2/2022 của Hội đồng nhân dân tỉnh.",
     "Nghị quyết", "03/2022/NQ-HĐND", "03", 2022, "NQ-HĐND", "Hội đồng nhân dân"),
    ("Căn cứ Quyết định 1494/QĐ-UBND ngày 14/9/2022 của UBND tỉnh.",
     "Quyết định", "1494/QĐ-UBND", "1494", 2022, "QĐ-UBND", "Ủy ban nhân dân"),
    ("Phối hợp theo Kế hoạch số 16/KH-MTTQ-BTT ngày 08/3/2022.",
     "Kế hoạch", "16/KH-MTTQ-BTT", "16", 2022, "KH-MTTQ-BTT", "Mặt trận Tổ quốc"),
    ("Theo kế hoạch số 0125/KH-UBND ngày 05/01/2024 của UBND xã.",
     "Kế hoạch", "0125/KH-UBND", "0125", 2024, "KH-UBND", "Ủy ban nhân dân"),
    ("Thực hiện Thông tư số 05/2023/TT-BNNPTNT ngày 15/6/2023.",
     "Thông tư", "05/2023/TT-BNNPTNT", "05", 2023, "TT-BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn"),
    ("Theo Luật số 45/2019/QH14 ngày 13/11/2019.",
     "Luật", "45/2019/QH14", "45", 2019, "QH14", "Quốc hội"),
    ("Theo Công văn số 1234/UBND-NN ngày 03/5/2024 của UBND huyện.",
     "Công văn", "1234/UBND-NN", "1234", 2024, "UBND-NN", "Ủy ban nhân dân"),
    ("Theo văn bản số 567/SYT-NVY của Sở Y tế.",
     "Văn bản", "567/SYT-NVY", "567", None, "SYT-NVY", "Sở Y tế"),
    ("Theo Công điện số 12/CĐ-TTg ngày 03/9/2024 của Thủ tướng Chính phủ.",
     "Công điện", "12/CĐ-TTg", "12", 2024, "CĐ-TTg", "Thủ tướng Chính phủ"),
    ("Theo Tờ trình số 45/TTr-PNN ngày 01/4/2024.",
     "Tờ trình", "45/TTr-PNN", "45", 2024, "TTr-PNN", None),
    ("Theo Báo cáo số 12/BC-UBND ngày 02/4/2024.",
     "Báo cáo", "12/BC-UBND", "12", 2024, "BC-UBND", "Ủy ban nhân dân"),
    ("Theo Phương án số 3/PA-UBND của UBND xã.",
     "Phương án", "3/PA-UBND", "3", None, "PA-UBND", "Ủy ban nhân dân"),
    ("Theo Quy chế số 01/QC-UBND của UBND huyện.",
     "Quy chế", "01/QC-UBND", "01", None, "QC-UBND", "Ủy ban nhân dân"),
    ("Theo Thông báo số 123/TB-UBND ngày 10/4/2023.",
     "Thông báo", "123/TB-UBND", "123", 2023, "TB-UBND", "Ủy ban nhân dân"),
    ("Theo Đề án số 06/ĐA-UBND ngày 01/2/2023 của UBND tỉnh.",
     "Đề án", "06/ĐA-UBND", "06", 2023, "ĐA-UBND", "Ủy ban nhân dân"),
    ("Theo Thông tư liên tịch số 12/2015/TTLT-BTC-BNV.",
     "Thông tư liên tịch", "12/2015/TTLT-BTC-BNV", "12", 2015, "TTLT-BTC-BNV", "Bộ Tài chính, Bộ Nội vụ"),
    ("Theo Pháp lệnh số 02/2022/UBTVQH15.",
     "Pháp lệnh", "02/2022/UBTVQH15", "02", 2022, "UBTVQH15", "Ủy ban Thường vụ Quốc hội"),
    ("Theo Quyết định số 263 / QĐ - TTg ngày 22/02/2022.",
     "Quyết định", "263/QĐ-TTg", "263", 2022, "QĐ-TTg", "Thủ tướng Chính phủ"),
    ("Theo QĐ số 45/QĐ-UBND ngày 01/01/2024 của UBND huyện.",
     "Quyết định", "45/QĐ-UBND", "45", 2024, "QĐ-UBND", "Ủy ban nhân dân"),
    ("Thực hiện Chương trình số 07-CTr/HU ngày 02/3/2023 của Huyện ủy.",
     "Chương trình", "07-CTr/HU", "07", 2023, "CTr/HU", "Huyện ủy"),
])
def test_citations_parse_state_number(sentence, doc_type, number, numeric, year, symbol, body):
    c = one(sentence)
    assert (c.doc_type, c.number, c.numeric, c.year, c.symbol, c.issuing_body) == (
        doc_type, number, numeric, year, symbol, body)


@pytest.mark.parametrize("sentence, doc_type, number, symbol, body", [
    ("theo Nghị quyết số 12-NQ/TU ngày 09/6/2022 của Ban chấp hành Đảng bộ tỉnh khóa XIX.",
     "Nghị quyết", "12-NQ/TU", "NQ/TU", "Tỉnh ủy"),
    ("theo Kết luận số 99-KL/TU ngày 18/5/2021 của Ban Thường vụ Tỉnh ủy.",
     "Kết luận", "99-KL/TU", "KL/TU", "Tỉnh ủy"),
    ("theo Quy định số 178-QĐ/TW ngày 27/6/2024 của Bộ Chính trị.",
     "Quy định", "178-QĐ/TW", "QĐ/TW", "Ban Chấp hành Trung ương"),
    ("theo Nghị quyết 26-NQ/TW của Ban Chấp hành Trung ương Đảng khóa X.",
     "Nghị quyết", "26-NQ/TW", "NQ/TW", "Ban Chấp hành Trung ương"),
    ("theo Hướng dẫn số 05-HD/BTGTW ngày 02/3/2023 của Ban Tuyên giáo Trung ương.",
     "Hướng dẫn", "05-HD/BTGTW", "HD/BTGTW", "Ban Tuyên giáo Trung ương"),
    ("theo Chương trình hành động số 15-CTr/TU ngày 02/3/2023 của Tỉnh ủy.",
     "Chương trình", "15-CTr/TU", "CTr/TU", "Tỉnh ủy"),
    ("theo Chỉ thị số 35 - CT/TW ngày 14/6/2024 của Bộ Chính trị.",
     "Chỉ thị", "35-CT/TW", "CT/TW", "Ban Chấp hành Trung ương"),
    ("theo Thông báo kết luận số 45-TB/TU ngày 10/01/2024 của Thường trực Tỉnh ủy.",
     "Thông báo", "45-TB/TU", "TB/TU", "Tỉnh ủy"),
])
def test_citations_parse_party_number(sentence, doc_type, number, symbol, body):
    c = one(sentence)
    assert (c.doc_type, c.number, c.symbol, c.issuing_body) == (doc_type, number, symbol, body)


# ----------------------------------------------------------------------------- dates
@pytest.mark.parametrize("sentence, date", [
    ("Theo Kế hoạch số 5/KH-UBND ngày 22/02/2022 của UBND tỉnh.", "2022-02-22"),
    ("Theo Kế hoạch số 103/KH-UBND, ngày 13/3/2024 của UBND huyện.", "2024-03-13"),
    ("Theo Quyết định số 318/QĐ-TTg ngày 08 tháng 3 năm 2022 của Thủ tướng Chính phủ.", "2022-03-08"),
    ("Theo Công văn số 77/UBND-VX ngày 15-8-2024 của UBND huyện.", "2024-08-15"),
    ("Theo Công văn số 78/UBND-VX ngày 15.8.2024 của UBND huyện.", "2024-08-15"),
    ("Theo Quyết định số 79/QĐ-UBND ngày 8/3/2022.", "2022-03-08"),
    ("Theo Quyết định số 80/QĐ-UBND ban hành ngày 9/3/2022.", "2022-03-09"),
    ("Theo Quyết định số 81/QĐ-UBND của UBND tỉnh ngày 10/3/2022.", "2022-03-10"),
    ("Theo Quyết định số 82/QĐ-UBND của UBND tỉnh.", None),
    ("Theo Quyết định số 83/QĐ-UBND ngày 31/02/2022.", None),  # no such day
])
def test_citations_parse_date_forms(sentence, date):
    assert one(sentence).date == date


# ----------------------------------------------------------------------------- issuers and spans
@pytest.mark.parametrize("sentence, issuer", [
    ("Theo Kế hoạch số 5/KH-UBND ngày 1/2/2024 của UBND tỉnh về xây dựng nông thôn mới.", "Ủy ban nhân dân tỉnh"),
    ("Theo Quyết định số 263/QĐ-TTg ngày 22/02/2022 của Thủ tướng Chính phủ phê duyệt Chương trình.",
     "Thủ tướng Chính phủ"),
    ("Theo Quyết định số 318/QĐ-TTg ngày 08/3/2022 của thủ tướng chính phủ ban hành Bộ tiêu chí.",
     "Thủ tướng Chính phủ"),
    ("Theo Nghị định số 27/2022/NĐ-CP ngày 19/4/2022 của Chính phủ Quy định cơ chế quản lý.", "Chính phủ"),
    ("Theo Nghị quyết số 12-NQ/TU ngày 09/6/2022 của Ban Chấp hành Đảng bộ tỉnh khóa XIX về lãnh đạo.",
     "Ban Chấp hành Đảng bộ tỉnh khóa XIX"),
    ("Theo Kết luận số 99-KL/TU ngày 18/5/2021 của Ban Thường vụ Tỉnh ủy, tạo sự chuyển biến.",
     "Ban Thường vụ Tỉnh ủy"),
    ("Theo Thông tư số 05/2023/TT-BNNPTNT của Bộ Nông nghiệp và Phát triển nông thôn hướng dẫn thực hiện.",
     "Bộ Nông nghiệp và Phát triển nông thôn"),
    ("Theo Quyết định số 1/QĐ-BVHTTDL của Bộ Văn hóa, Thể thao và Du lịch về lễ hội.",
     "Bộ Văn hóa, Thể thao và Du lịch"),
    ("Theo Kế hoạch số 79/KH-UBND ngày 18/3/2024 của UBND thành phố phát động phong trào thi đua.",
     "Ủy ban nhân dân thành phố"),
    ("Theo Kế hoạch số 5/KH-BCĐ ngày 2/3/2024 của BCĐ chuyển đổi số huyện về chuyển đổi số.",
     "Ban Chỉ đạo chuyển đổi số huyện"),
    ("Theo Kế hoạch số 6/KH-UBND của UBND tỉnh (sau đây gọi là Kế hoạch 6).", "Ủy ban nhân dân tỉnh"),
    ("Theo Kế hoạch số 7/KH-UBND ngày 1/2/2024 của UBND tỉnh và Kế hoạch số 8/KH-UBND của UBND huyện.",
     "Ủy ban nhân dân tỉnh"),
    ("Theo Nghị quyết số 45/2023/NQ-HĐND ngày 12/7/2023 của HĐND tỉnh khóa XVIII, kỳ họp thứ 15.",
     "Hội đồng nhân dân tỉnh khóa XVIII"),
    ("Theo Quyết định số 90/QĐ-UBND ngày 2/2/2024.", None),
    # a known body or a place ends at the next lower-case word, whatever verb it is
    ("Theo Kế hoạch số 91/KH-UBND của UBND tỉnh Lạng Sơn quy hoạch lại vùng.", "Ủy ban nhân dân tỉnh Lạng Sơn"),
    ("Theo Quyết định số 92/QĐ-TTg của Thủ tướng Chính phủ bãi bỏ văn bản.", "Thủ tướng Chính phủ"),
    ("Theo Nghị quyết số 93-NQ/TU của Tỉnh ủy khóa XVII chuyên đề.", "Tỉnh ủy khóa XVII"),
    ("Theo Kế hoạch số 94/KH-UBND của UBND thị xã Sơn Tây thực hiện.", "Ủy ban nhân dân thị xã Sơn Tây"),
    ("Theo Kế hoạch số 95/KH-UBND của UBND tỉnh Bà Rịa - Vũng Tàu về du lịch.", "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu"),
    ("Theo Kế hoạch số 96/KH-BCĐ của Ban chỉ đạo phòng, chống dịch bệnh tỉnh về tiêm chủng.",
     "Ban chỉ đạo phòng, chống dịch bệnh tỉnh"),
    ("Theo Công điện số 97/CĐ-BCH ngày 5/9/2024 của Ban Chỉ huy PCTT và TKCN tỉnh về ứng phó bão.",
     "Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn tỉnh"),
    ("Theo Kế hoạch số 98/KH-UBND (ngày 20/02/2024) của UBND thành phố.", "Ủy ban nhân dân thành phố"),
    ("Theo Thông tư số 99/2023/TT-BTC ngày 29/6/2023 của Bộ trưởng Bộ Tài chính hướng dẫn.",
     "Bộ trưởng Bộ Tài chính"),
])
def test_citations_parse_issuer_stops_before_title(sentence, issuer):
    assert cites(build(sentence))[0].issuer == issuer


@pytest.mark.parametrize("sentence, text", [
    ("Thực hiện Kế hoạch số 103/KH-UBND, ngày 13/3/2024 của UBND huyện về thực hiện Chương trình.",
     "Kế hoạch số 103/KH-UBND, ngày 13/3/2024 của UBND huyện"),
    ("Căn cứ Quyết định số 263/QĐ-TTg ngày 22/02/2022 của Thủ tướng Chính phủ phê duyệt Chương trình;",
     "Quyết định số 263/QĐ-TTg ngày 22/02/2022 của Thủ tướng Chính phủ"),
    ("Theo Luật Phòng, chống thiên tai số 33/2013/QH13 ngày 19/6/2013; Luật Hợp tác xã năm 2012.",
     "Luật Phòng, chống thiên tai số 33/2013/QH13 ngày 19/6/2013"),
    ("Theo Quyết định của Thủ tướng Chính phủ số 263/QĐ-TTg ngày 22/02/2022 phê duyệt Chương trình.",
     "Quyết định của Thủ tướng Chính phủ số 263/QĐ-TTg ngày 22/02/2022"),
    ("Theo Chỉ thị số 05 ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập.",
     "Chỉ thị số 05 ngày 15/5/2016 của Bộ Chính trị"),
    ("Theo Nghị định 100/2019 của Chính phủ về xử phạt.", "Nghị định 100/2019 của Chính phủ"),
    ("Kế hoạch phổ biến, giáo dục pháp luật số 12/KH-UBND ngày 1/2/2024 của UBND huyện.",
     "Kế hoạch phổ biến, giáo dục pháp luật số 12/KH-UBND ngày 1/2/2024 của UBND huyện"),
])
def test_citations_text_runs_from_type_word_to_issuer(sentence, text):
    c = one(sentence)
    assert c.text == text


# ----------------------------------------------------------------------------- regressions (corpus/synthetic)
@pytest.mark.parametrize("sentence, number", [
    # Word's non-breaking hyphen (U+2011), a figure dash and a minus sign in Party and state numbers
    ("Thực hiện Nghị quyết số 57\u2011NQ/TW ngày 22/12/2024 của Bộ Chính trị.", "57\u2011NQ/TW"),
    ("Thực hiện Kết luận số 51\u2012KL/TW ngày 30/5/2019 của Ban Bí thư.", "51\u2012KL/TW"),
    ("Thực hiện Quyết định số 1523/QĐ\u2212UBND ngày 10/7/2023 của UBND tỉnh.", "1523/QĐ\u2212UBND"),
])
def test_citations_parse_number_with_hyphen_variants(sentence, number):
    c = one(sentence)
    assert c.number == number and c.date is not None


def test_citations_hyphen_variants_are_one_document():
    cs = cites(build("Theo Nghị quyết số 57-NQ/TW ngày 22/12/2024; quán triệt Nghị quyết số 57\u2011NQ/TW."))
    assert len(cs) == 1 and len(cs[0].mentions) == 2


@pytest.mark.parametrize("sentence, issuer", [
    # province-level cities write their level word with a capital
    ("Theo Kế hoạch 123/KH-UBND ngày 01/4/2024 của Ủy ban nhân dân Thành phố Hải Phòng.",
     "Ủy ban nhân dân Thành phố Hải Phòng"),
    ("Căn cứ Nghị quyết số 19/2024/NQ-HĐND ngày 10/7/2024 của Hội đồng nhân dân Thành phố Cần Thơ.",
     "Hội đồng nhân dân Thành phố Cần Thơ"),
    ("Theo Quyết định số 17/2025/QĐ-UBND ngày 01/7/2025 của UBND Thành phố Hồ Chí Minh.",
     "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
    # an abbreviation with its dot, then the name
    ("Theo Kế hoạch số 123/KH-UBND ngày 01/4/2024 của UBND TP. Cần Thơ về dịch bệnh.", "Ủy ban nhân dân thành phố Cần Thơ"),
    ("Theo Kế hoạch số 789/KH-SYT ngày 01/4/2024 của Sở Y tế TP.HCM.", "Sở Y tế Thành phố Hồ Chí Minh"),
    # a joint issuer
    ("Theo Thông tư liên tịch số 03/2016/TTLT-BTC-BNV ngày 15/3/2016 của Bộ Tài chính và Bộ Nội vụ hướng dẫn.",
     "Bộ Tài chính và Bộ Nội vụ"),
    # one issuer in the symbol: the body after "và" is not part of it
    ("Theo Kế hoạch số 12/KH-UBND của UBND tỉnh và Sở Y tế hướng dẫn thực hiện.", "Ủy ban nhân dân tỉnh"),
])
def test_citations_issuer_of_cities_abbreviations_and_joint_bodies(sentence, issuer):
    assert cites(build(sentence))[0].issuer == issuer


def test_citations_issuer_named_before_number():
    c = one("Theo Quyết định của Thủ tướng Chính phủ số 263/QĐ-TTg ngày 22/02/2022 phê duyệt Chương trình.")
    assert (c.issuer, c.date, c.rule) == ("Thủ tướng Chính phủ", "2022-02-22", "gap.issuer_first")


# ----------------------------------------------------------------------------- not citations
@pytest.mark.parametrize("sentence", [
    "Hoàn thành Tiêu chí số 17 về môi trường trong năm 2024.",
    "Nâng cao chỉ tiêu 18.3 về chất thải rắn.",
    "Bảo vệ Trạm Rada 16 trên địa bàn xã.",
    "Triển khai Đề án phát triển nông nghiệp bền vững trên địa bàn huyện.",
    "Thực hiện Luật Hợp tác xã năm 2012 và Luật Đất đai.",
    "Số liệu tổng hợp theo Biểu 01 kèm theo.",
    "Tổ chức thực hiện tốt Kế hoạch này.",
    "Xử lý kỷ luật số 12/QĐ-UBND cán bộ vi phạm.",
    "Báo cáo số liệu định kỳ 6 tháng/lần về UBND huyện.",
    "Thực hiện Chương trình 135 và Đề án 06 trên địa bàn.",
    "Tổ chức 02 lần/năm, báo cáo trước ngày 15/12/2024.",
    "Kế hoạch số /KH-UBND sẽ được ban hành sau.",
    "Khi mưa lớn, thực hiện Phương án số 2 của Kế hoạch này.",
    "Tổ chức tuyên truyền phổ biến pháp luật số hóa.",
])
def test_citations_reject_near_misses(sentence):
    assert cites(build(sentence)) == []


def test_citations_skip_own_number_in_header():
    text = build("Tổ chức triển khai Kế hoạch số 15/KH-UBND ngày 10/4/2024 của UBND huyện.")
    assert cites(text) == []
    assert "Số: 15/KH-UBND" in text


def test_citations_keep_same_number_from_another_date():
    meta = DocumentMeta(number="15/KH-UBND", issue_date="2024-04-10")
    text = build("Tổ chức theo Kế hoạch số 15/KH-UBND ngày 02/02/2023 của UBND tỉnh.")
    assert [c.number for c in cites(text, meta)] == ["15/KH-UBND"]


def test_citations_skip_own_number_in_title_heading():
    text = normalize_text("ỦY BAN NHÂN DÂN\nXÃ A\nKẾ HOẠCH SỐ 12/KH-UBND\nVề việc tổ chức Tết\n"
                          "Căn cứ Quyết định số 4/QĐ-UBND của UBND TP.HCM;\nI. MỤC ĐÍCH\n1. Vui Tết\n").text
    # TP.HCM is expanded whole (abbreviations expanded, ANNOTATION.md), never to "thành phố.HCM"
    assert [(c.number, c.issuer) for c in cites(text)] == [("4/QĐ-UBND", "Ủy ban nhân dân Thành phố Hồ Chí Minh")]


def test_citations_keep_same_number_from_another_issuer():
    meta = DocumentMeta(number="15/KH-UBND", issuer="Ủy ban nhân dân huyện Cao Lộc")
    text = build("Tổ chức theo Kế hoạch số 15/KH-UBND của UBND tỉnh Lạng Sơn.")
    assert [c.issuer for c in cites(text, meta)] == ["Ủy ban nhân dân tỉnh Lạng Sơn"]


def test_citations_skip_decision_own_number_in_attached_plan():
    text = (CIT_DATA.parent / "plans" / "quyet_dinh.txt").read_text(encoding="utf-8")
    text = text.replace("Chuyển đổi số năm 2024\nI.", "Chuyển đổi số năm 2024\n(Ban hành kèm theo Quyết định số "
                        "1234/QĐ-UBND ngày 20/3/2024 của UBND huyện Châu Thành)\nI.")
    text = normalize_text(text).text
    meta = DocumentMeta(number="1234/QĐ-UBND", issue_date="2024-03-20")
    assert "Ban hành kèm theo Quyết định số 1234" in text
    assert cites(text, meta) == []


# ----------------------------------------------------------------------------- lists and upper case
@pytest.mark.parametrize("sentence", [
    "Căn cứ các Quyết định số 318/QĐ-TTg và 319/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ;",
    "Căn cứ Quyết định số 318/QĐ-TTg, số 319/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ;",
    "Căn cứ các Quyết định: số 318/QĐ-TTg; số 319/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ;",
])
def test_citations_list_shares_type_date_and_issuer(sentence):
    text = build(preamble=sentence)
    cs = cites(text)
    assert [(c.doc_type, c.number, c.date, c.issuer, c.relation) for c in cs] == [
        ("Quyết định", "318/QĐ-TTg", "2022-03-08", "Thủ tướng Chính phủ", "basis"),
        ("Quyết định", "319/QĐ-TTg", "2022-03-08", "Thủ tướng Chính phủ", "basis"),
    ]
    assert cs[0].text.startswith("Quyết định") and cs[0].text.endswith("318/QĐ-TTg")
    assert cs[1].text.endswith("08/3/2022 của Thủ tướng Chính phủ")


def test_citations_list_keeps_each_own_date():
    cs = cites(build("Theo Nghị định số 27/2022/NĐ-CP ngày 19/4/2022, số 38/2023/NĐ-CP ngày 24/6/2023 của Chính phủ."))
    assert [(c.number, c.date, c.issuer) for c in cs] == [
        ("27/2022/NĐ-CP", "2022-04-19", "Chính phủ"), ("38/2023/NĐ-CP", "2023-06-24", "Chính phủ")]


def test_citations_list_date_not_shared_against_number_year():
    cs = cites(build("Theo các Thông tư số 05/2023/TT-BYT và 06/2024/TT-BYT ngày 02/3/2024 của Bộ Y tế."))
    assert [(c.number, c.date) for c in cs] == [("05/2023/TT-BYT", None), ("06/2024/TT-BYT", "2024-03-02")]


@pytest.mark.parametrize("title, number, date, issuer", [
    ("TRIỂN KHAI CHỈ THỊ SỐ 27/CT-TTG NGÀY 15 THÁNG 8 NĂM 2024 CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ PHÁT TRIỂN KINH TẾ SỐ",
     "27/CT-TTG", "2024-08-15", "Thủ tướng Chính phủ"),
    ("Triển khai Chỉ thị số 27/CT-TTg ngày 15/8/2024 của Thủ tướng Chính phủ về phát triển kinh tế số",
     "27/CT-TTg", "2024-08-15", "Thủ tướng Chính phủ"),
    ("THỰC HIỆN KẾ HOẠCH SỐ 79/KH-UBND NGÀY 18/3/2024 CỦA UBND THÀNH PHỐ", "79/KH-UBND", "2024-03-18", None),
])
def test_citations_in_title_any_case(title, number, date, issuer):
    cs = cites(build(title=title))
    assert len(cs) == 1
    c = cs[0]
    assert (c.doc_type in ("Chỉ thị", "Kế hoạch"), c.number, c.date, c.relation) == (True, number, date, "implements")
    if issuer:
        assert c.issuer == issuer
    assert c.issuing_body in ("Thủ tướng Chính phủ", "Ủy ban nhân dân")


def test_citations_in_table_cells():
    annex = ("PHỤ LỤC\nTT | Văn bản | Số hiệu | Ngày ban hành\n1 | Quyết định | 263/QĐ-TTg | 22/02/2022\n"
             "2 | Kế hoạch số 3/KH-UBND ngày 3/1/2024 của UBND tỉnh | UBND huyện | Quý I/2024\n")
    cs = cites(build("Tổ chức thực hiện.", annex=annex))
    assert [(c.doc_type, c.number, c.date, c.section) for c in cs] == [
        ("Quyết định", "263/QĐ-TTg", "2022-02-22", None), ("Kế hoạch", "3/KH-UBND", "2024-01-03", None)]
    assert cs[1].issuer == "Ủy ban nhân dân tỉnh"


# ----------------------------------------------------------------------------- relation and dedupe
def test_citations_relation_from_preamble_cues():
    preamble = ("Căn cứ:\n- Quyết định số 263/QĐ-TTg ngày 22/02/2022 của Thủ tướng Chính phủ;\n"
                "- Kế hoạch số 03/KH-UBND ngày 11/01/2024 của UBND tỉnh;\n"
                "Thực hiện Công văn số 12/UBND-NN ngày 1/3/2024 của UBND huyện; Kế hoạch số 5/KH-BCĐ ngày "
                "2/3/2024 của Ban Chỉ đạo huyện.\nTriển khai Thông báo số 7/TB-UBND ngày 3/3/2024 của UBND huyện.\n"
                "UBND xã xây dựng Kế hoạch như sau:")
    cs = cites(build("Theo Nghị quyết số 68/NQ-CP ngày 12/5/2020 của Chính phủ.", preamble=preamble))
    assert [(c.number, c.relation, c.section) for c in cs] == [
        ("263/QĐ-TTg", "basis", None), ("03/KH-UBND", "basis", None), ("12/UBND-NN", "implements", None),
        ("5/KH-BCĐ", "implements", None), ("7/TB-UBND", "implements", None), ("68/NQ-CP", "reference", "I.1")]


def test_citations_relation_clause_after_semicolon_inherits_cue():
    preamble = "Căn cứ Quyết định số 1/QĐ-UBND ngày 1/1/2024 của UBND tỉnh; Quyết định số 2/QĐ-UBND ngày 2/1/2024."
    assert [c.relation for c in cites(build(preamble=preamble))] == ["basis", "basis"]


def test_citations_relation_basis_under_legal_basis_heading():
    text = normalize_text(
        "ỦY BAN NHÂN DÂN\nXÃ TÂN LIÊN\nSố: 20/KH-UBND\nKẾ HOẠCH\nBầu cử đại biểu năm 2026\n"
        "I. CĂN CỨ XÂY DỰNG KẾ HOẠCH\n- Nghị quyết số 1/NQ-HĐND ngày 1/1/2025 của HĐND xã;\n"
        "- Thực hiện Kế hoạch số 3/KH-UBBC ngày 3/1/2025 của Ủy ban bầu cử huyện.\n"
        "II. MỤC TIÊU\n1. Theo Hướng dẫn số 36/HD-HĐBCQG của Hội đồng bầu cử quốc gia.\n").text
    assert [(c.number, c.relation) for c in cites(text)] == [
        ("1/NQ-HĐND", "basis"), ("3/KH-UBBC", "implements"), ("36/HD-HĐBCQG", "reference")]


def test_citations_relation_preamble_without_numbered_sections():
    text = normalize_text(
        "ỦY BAN NHÂN DÂN\nXÃ A\nSố: 21/KH-UBND\nKẾ HOẠCH\nPhòng chống dịch\n"
        "Căn cứ Quyết định số 4/QĐ-UBND ngày 1/1/2024 của UBND huyện;\n"
        "Thực hiện Công văn số 5/UBND-VP ngày 2/1/2024 của UBND huyện.\nUBND xã xây dựng kế hoạch.\n"
        "- Tổ chức theo Thông báo số 6/TB-UBND.\n").text
    assert [(c.number, c.relation) for c in cites(text)] == [
        ("4/QĐ-UBND", "basis"), ("5/UBND-VP", "implements"), ("6/TB-UBND", "reference")]


def test_citations_relation_preamble_list_under_can_cu_colon_without_sections():
    text = normalize_text(
        "ỦY BAN NHÂN DÂN\nPHƯỜNG B\nSố: 22/KH-UBND\nKẾ HOẠCH\nTổng vệ sinh môi trường\nCăn cứ:\n"
        "- Kế hoạch số 8/KH-UBND ngày 1/1/2024 của UBND quận;\n- Hướng dẫn số 9/HD-TNMT của Phòng Tài nguyên "
        "và Môi trường.\nUBND phường xây dựng kế hoạch như sau:\n- Tổ chức theo Thông báo số 10/TB-UBND.\n").text
    assert [(c.number, c.relation) for c in cites(text)] == [
        ("8/KH-UBND", "basis"), ("9/HD-TNMT", "basis"), ("10/TB-UBND", "reference")]


def test_citations_relation_practical_basis_section_is_reference():
    text = normalize_text(
        "ỦY BAN NHÂN DÂN\nXÃ C\nSố: 23/KH-UBND\nKẾ HOẠCH\nChuyển đổi số\nI. CƠ SỞ XÂY DỰNG KẾ HOẠCH\n"
        "1. Cơ sở pháp lý\n- Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ.\n"
        "2. Cơ sở thực tiễn\n- Theo Báo cáo số 11/BC-UBND ngày 5/1/2024 của UBND xã.\nII. MỤC TIÊU\n"
        "1. Mục tiêu chung\n").text
    assert [(c.number, c.relation, c.section) for c in cites(text)] == [
        ("749/QĐ-TTg", "basis", "I.1"), ("11/BC-UBND", "reference", "I.2")]


def test_citations_dedupe_first_mention_strongest_relation():
    preamble = "Căn cứ Kế hoạch số 7/KH-UBND của UBND tỉnh;"
    body = ("Thực hiện Kế hoạch số 7/KH-UBND ngày 1/2/2024 của UBND tỉnh Lạng Sơn. "
            "Tiếp tục theo Kế hoạch số 7/KH-UBND.")
    text = build(body, preamble=preamble)
    cs = cites(text)
    assert len(cs) == 1
    c = cs[0]
    assert c.text == "Kế hoạch số 7/KH-UBND của UBND tỉnh"
    assert (c.date, c.issuer, c.relation, c.section) == ("2024-02-01", "Ủy ban nhân dân tỉnh Lạng Sơn", "basis", None)
    assert len(c.mentions) == 3
    assert all(text[m.start:m.end] == m.text for m in c.mentions)


def test_citations_dedupe_reference_then_basis_keeps_basis():
    # A body mention comes after the preamble, but a title mention can precede a "Căn cứ" one.
    text = build(title="Thực hiện Quyết định số 9/QĐ-UBND", preamble="Căn cứ Quyết định số 9/QĐ-UBND ngày 1/3/2024.")
    (c,) = cites(text)
    assert (c.relation, c.date, c.text) == ("basis", "2024-03-01", "Quyết định số 9/QĐ-UBND")


def test_citations_same_number_under_two_types_are_two_entries():
    cs = cites(build("Theo Nghị quyết số 12-NQ/TU và Chương trình số 12-NQ/TU của Tỉnh ủy."))
    assert [(c.doc_type, c.number) for c in cs] == [("Nghị quyết", "12-NQ/TU"), ("Chương trình", "12-NQ/TU")]


def test_citations_case_variants_of_number_are_one_document():
    cs = cites(build(title="TRIỂN KHAI CHỈ THỊ SỐ 27/CT-TTG",
                     body="Theo Chỉ thị số 27/CT-TTg ngày 15/8/2024 của Thủ tướng Chính phủ."))
    assert len(cs) == 1 and cs[0].number == "27/CT-TTG" and cs[0].date == "2024-08-15"


# ----------------------------------------------------------------------------- warnings and spans
def test_citations_warn_year_mismatch():
    cs = cites(build("Theo Nghị định số 27/2022/NĐ-CP ngày 19/4/2023 của Chính phủ; Nghị định số 38/2023/NĐ-CP "
                     "ngày 24/6/2023."))
    issues = citation_issues(cs)
    assert [i.code for i in issues] == ["citation_year_mismatch"]
    assert "27/2022/NĐ-CP" in issues[0].message


def test_citations_component_sets_doc_fields():
    from pipeline.document import analyze_text

    res = analyze_text(build("Theo Nghị định số 27/2022/NĐ-CP ngày 19/4/2023 của Chính phủ."))
    assert [c.number for c in res.citations] == ["27/2022/NĐ-CP"]
    assert "citation_year_mismatch" in {w.code for w in res.warnings}


def test_citations_spans_registered_on_doc():
    from pipeline import nlp as nlp_mod
    from pipeline.document import make_doc
    from pipeline.records import RawDocument

    doc = nlp_mod.load()(make_doc(RawDocument("<t>", "txt", "0" * 64, build("Theo Quyết định số 5/QĐ-UBND."))))
    assert [s.label_ for s in doc.spans["citations"]] == ["Quyết định"]
    # the span starts at the type word; its end snaps to a token boundary
    assert doc.spans["citations"][0].text.startswith("Quyết định số 5/QĐ-UBND")
    assert doc.spans["citations"][0].start_char == doc._.citations[0].start


ALL_SENTENCES = [
    "Căn cứ Luật số 45/2019/QH14; Nghị quyết số 12-NQ/TU ngày 09/6/2022 của Ban Chấp hành Đảng bộ tỉnh.",
    "Theo các Quyết định số 318/QĐ-TTg và 319/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ.",
    "Theo Quyết định của Thủ tướng Chính phủ số 263/QĐ-TTg ngày 22/02/2022.",
    "Theo Quyết định số 263 / QĐ - TTg ngày 22 / 02 / 2022 của Thủ tướng Chính phủ.",
]


@pytest.mark.parametrize("sentence", ALL_SENTENCES)
def test_citations_offsets_index_text(sentence):
    text = build(sentence)
    for c in cites(text):
        assert text[c.start:c.end] == c.text
        for m in c.mentions:
            assert text[m.start:m.end] == m.text


def test_citations_offsets_index_corpus_text(corpus_results):
    for res in corpus_results.values():
        for c in res.citations:
            assert res.text[c.start:c.end] == c.text
            assert all(res.text[m.start:m.end] == m.text for m in c.mentions)


# ----------------------------------------------------------------------------- whole documents
def test_citations_synthetic_province_plan_matches_expected():
    from pipeline.document import analyze_text

    res = analyze_text((CIT_DATA / "health_province.txt").read_text(encoding="utf-8"))
    want = json.loads((CIT_DATA / "health_province.expected.json").read_text(encoding="utf-8"))
    got = [{k: getattr(c, k) for k in want[0]} for c in res.citations]
    assert got == want


@pytest.mark.parametrize("stem", STEMS)
def test_citations_match_gold(stem, corpus_results):
    res = corpus_results[stem]
    key = lambda d, n: (fold(d), re.sub(r"\s+", "", fold(n)))  # noqa: E731
    want = {key(g["doc_type"], g["number"]): g for g in gold(stem)["citations"]}
    got = {key(c.doc_type, c.number): c for c in res.citations}
    assert set(got) == set(want)
    for k, g in want.items():
        assert (got[k].date, got[k].relation) == (g["date"], g["relation"]), k
        assert fold(got[k].issuer) == fold(g["issuer"]), k


# ----------------------------------------------------------------------------- helpers and data files
@pytest.mark.parametrize("symbol, body", [
    ("QĐ-TTg", "Thủ tướng Chính phủ"), ("NĐ-CP", "Chính phủ"), ("NQ/TU", "Tỉnh ủy"),
    ("NQ/TW", "Ban Chấp hành Trung ương"), ("NQ-HĐND", "Hội đồng nhân dân"), ("QĐ-UBND", "Ủy ban nhân dân"),
    ("TT-BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn"), ("QH14", "Quốc hội"), ("UBND-NN", "Ủy ban nhân dân"),
    ("CT-TTG", "Thủ tướng Chính phủ"), ("KH-BCĐ389", "Ban Chỉ đạo"), ("KH-XYZ", None),
])
def test_citations_decode_issuing_body(symbol, body):
    assert decode_issuing_body(symbol) == body


def test_citations_number_parser_trims_non_code_words():
    text = "12/KH-UBND - Kế hoạch"
    n = parse_number(text, 0)
    assert n is not None and n.number == "12/KH-UBND"


class _UniqueKeyLoader(yaml.SafeLoader):
    pass


def _no_duplicates(loader, node, deep=False):
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    dup = {k for k in keys if keys.count(k) > 1}
    assert not dup, f"duplicate keys {dup} at line {node.start_mark.line + 1}"
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


@pytest.mark.parametrize("name", ["doc_types.yml", "issuer_codes.yml"])
def test_citations_lexicon_loads_with_unique_keys(name):
    data = yaml.load(model_path("lexicons", name).read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    assert isinstance(data, dict) and data


def test_citations_doc_type_forms_resolve_to_their_type():
    spec = yaml.safe_load(model_path("lexicons", "doc_types.yml").read_text(encoding="utf-8"))
    lex = lexicon()
    seen = {}
    for name, d in spec.items():
        assert name in d["forms"], f"{name} must be one of its own forms"
        for form in d["forms"]:
            assert seen.setdefault(fold(form), name) == name, f"form {form} under two types"
            for variant in (form, form.upper(), form.lower()):
                m = lex.type_re.fullmatch(variant)
                assert m and lex.form_type[fold(m.group())] == name, variant
        for code in d.get("codes") or ():
            assert agrees(lex.types[name], f"{code}-UBND"), (name, code)


def test_citations_issuer_codes_resolve_to_themselves():
    spec = yaml.safe_load(model_path("lexicons", "issuer_codes.yml").read_text(encoding="utf-8"))
    for code, body in spec["codes"].items():
        assert decode_issuing_body(f"QĐ-{code}") == body, code
        assert expand_issuer(body) == body, body
    for abbr, full in spec["abbreviations"].items():
        assert expand_issuer(abbr) == expand_issuer(full), abbr
    for body in spec["bodies"]:
        assert expand_issuer(body) == body


def test_citations_patterns_load_with_unique_ids():
    rows = load_jsonl("patterns", "citations.jsonl")
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    kinds = {r["kind"] for r in rows}
    assert {"fragment", "number", "connector", "date", "cue", "near", "heading", "header", "issuer_stop"} <= kinds
    for r in rows:
        if "pattern" in r:
            re.compile(re.sub(r"\{([A-Za-z_][\w.]*)\}", "x", r["pattern"]))
        if r["kind"] == "issuer_stop":
            assert r["phrase"] == r["phrase"].lower() and r["case"] in ("any", "lower")
    assert lexicon().numbers.keys() >= {"party", "state", "short", "bare"}
