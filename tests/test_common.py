import pytest

from pipeline.extract.common import sentence_at
from pipeline.normalize import normalize_text
from pipeline.segment import segment

LINE = ("Đảm bảo hoàn thành thẩm tra huyện trong tháng 10/2024; Hoàn thiện hồ sơ trình UBND tỉnh trong tháng 11/2024. "
        "TS. Nguyễn Văn An báo cáo kết quả trước ngày 15/12/2024. Các xã tổ chức học tập kinh nghiệm.")


@pytest.mark.parametrize("needle, sentence", [
    ("tháng 10/2024", "Đảm bảo hoàn thành thẩm tra huyện trong tháng 10/2024;"),
    ("tháng 11/2024", "Hoàn thiện hồ sơ trình UBND tỉnh trong tháng 11/2024."),
    # underthesea knows "TS." does not end a sentence
    ("15/12/2024", "TS. Nguyễn Văn An báo cáo kết quả trước ngày 15/12/2024."),
    ("học tập", "Các xã tổ chức học tập kinh nghiệm."),
])
def test_common_sentence_around_an_offset(needle, sentence):
    text = normalize_text("I. NHIỆM VỤ\n" + LINE).text
    assert sentence_at(segment(text), text.index(needle)) == sentence
