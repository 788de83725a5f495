import pytest

from pipeline.normalize import fold, normalize_text


@pytest.mark.parametrize("raw, expected", [
    ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
    ("hoà bình, thuỷ lợi, khoẻ mạnh", "hòa bình, thủy lợi, khỏe mạnh"),
    ("Quý IV/2024 và quý I", "Quý IV/2024 và quý I"),  # "qu" is a consonant: never moved
    ("HOÀ", "HÒA"),
    ("hoàn thành", "hoàn thành"),  # closed syllable: already written one way only
])
def test_normalize_tone_marks_one_placement(raw, expected):
    assert normalize_text(raw).text == expected


def test_normalize_nfd_to_nfc_keeps_source_offsets():
    import unicodedata

    raw = unicodedata.normalize("NFD", "Nông thôn mới\r\nxã Tân Liên")
    mt = normalize_text(raw)
    assert mt.text == "Nông thôn mới xã Tân Liên"
    assert len(mt.src) == len(mt.text)
    # "T" of "Tân" maps back to the same character in the source
    i = mt.text.index("Tân")
    assert raw[mt.src[i]] == "T"


@pytest.mark.parametrize("raw, expected", [
    ("Tổ chức Lễ phát động nông thôn\n\nmới năm 2024 quy mô cấp huyện.", "Tổ chức Lễ phát động nông thôn mới năm 2024 quy mô cấp huyện."),
    ("Căn cứ Nghị định số 27/2022/NĐ-CP của Chính phủ Quy\nđịnh cơ chế quản lý;", "Căn cứ Nghị định số 27/2022/NĐ-CP của Chính phủ Quy định cơ chế quản lý;"),
    ("phân bổ nguồn vốn thực hiện các nội dung của Chương trình\nMTQG xây dựng nông thôn mới", "phân bổ nguồn vốn thực hiện các nội dung của Chương trình MTQG xây dựng nông thôn mới"),
])
def test_normalize_joins_wrapped_lines(raw, expected):
    assert normalize_text(raw).text == expected


@pytest.mark.parametrize("raw", [
    "1. Mục đích\nPhát huy sức mạnh tổng hợp.",
    # regression: a numbered heading swallowed the next paragraph that opens with an acronym
    "4. Dự án 5: Hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo\nUBND các xã, thị trấn có trách nhiệm rà soát.",
    "- Đại biểu cấp tỉnh;\n- Đại biểu cấp huyện;",
    "ỦY BAN NHÂN DÂN\nHUYỆN YÊN THẾ",
    "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích",
    "Thời gian hoàn thành trước ngày 15/4/2024.\nBáo cáo kết quả gửi UBND huyện.",
])
def test_normalize_keeps_real_line_breaks(raw):
    assert normalize_text(raw).text == raw


@pytest.mark.parametrize("raw, expected", [
    ("- *Đại biểu cấp tỉnh:* Mời đại diện", "- Đại biểu cấp tỉnh: Mời đại diện"),
    ("**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"),
    ("- + Thường trực Huyện ủy;", "+ Thường trực Huyện ủy;"),
    ("* **Phối hợp:** UB MTTQ xã", "* Phối hợp: UB MTTQ xã"),
    ("Số:         /KH-UBND", "Số: /KH-UBND"),
    ("a\u00a0b\tc\u200bd", "a b cd"),
])
def test_normalize_drops_markdown_and_collapses_spaces(raw, expected):
    assert normalize_text(raw).text == expected


def test_normalize_pdf_mode_joins_lines_that_reach_the_margin():
    para = "Căn cứ Quyết định số 263/QĐ-TTg ngày 22/02/2022 của Thủ tướng Chính phủ phê"
    raw = "\n".join([para, "duyệt Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn", "Bộ tiêu chí quốc gia về xã nông thôn mới;", "1. Mục đích", "2"])
    text = normalize_text(raw, pdf=True).text
    assert "phê duyệt Chương trình" in text
    assert "giai đoạn Bộ tiêu chí" in text
    assert text.endswith("\n1. Mục đích")  # the lone page number "2" is gone


@pytest.mark.parametrize("a, b", [("Uỷ ban", "ủy ban"), ("  HOÀ  Bình ", "hòa bình")])
def test_fold_case_tone_and_space(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("raw, expected", [
    # regression: a title line at full width swallowed the first "Căn cứ" line (Word PDF)
    ("xây dựng nông thôn mới trên địa bàn huyện năm 2024 xây dựng nông thôn mới\nCăn cứ Nghị định số 27/2022/NĐ-CP;",
     "xây dựng nông thôn mới trên địa bàn huyện năm 2024 xây dựng nông thôn mới\nCăn cứ Nghị định số 27/2022/NĐ-CP;"),
    # regression: "của UBND\ntỉnh" was left split because the line ended in capitals
    ("Căn cứ Kế hoạch số 03/KH-UBND ngày 11/01/2024 của UBND\ntỉnh về thực hiện",
     "Căn cứ Kế hoạch số 03/KH-UBND ngày 11/01/2024 của UBND tỉnh về thực hiện"),
    # regression: a capitalised heading split over two lines
    ("IV. ĐỐI TƯỢNG, TIÊU CHÍ THI ĐUA, HÌNH THỨC VÀ TIÊU\nCHUẨN KHEN THƯỞNG", "IV. ĐỐI TƯỢNG, TIÊU CHÍ THI ĐUA, HÌNH THỨC VÀ TIÊU CHUẨN KHEN THƯỞNG"),
    # regression: a quoted criterion name "4.3 ..." after an opening quote is not a section
    ("Thực hiện nội dung NTM kiểu mẫu “\n4.3 Lĩnh vực văn hóa”", "Thực hiện nội dung NTM kiểu mẫu “ 4.3 Lĩnh vực văn hóa”"),
])
def test_normalize_pdf_wrap_regressions(raw, expected):
    assert normalize_text(raw, pdf=True).text == expected


@pytest.mark.parametrize("opener", ["Phối hợp với", "Chủ trì, phối hợp", "Tham mưu UBND", "Báo cáo kết quả", "Đề nghị"])
def test_normalize_pdf_duty_opener_starts_a_line(opener):
    """regression: a full-width heading swallowed the next duty ("Thành đoàn Pleiku Phối hợp ...")."""
    head = "5. Đề nghị Liên đoàn Lao động thành phố, Thành đoàn Pleiku và các hội đoàn thể"
    raw = "\n".join([head, f"{opener} các cơ quan triển khai thực hiện tốt nhiệm vụ được giao trong năm", "xong."])
    assert normalize_text(raw, pdf=True).text.split("\n")[0] == head

