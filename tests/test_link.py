"""Deadlines know who is due; obligations know when."""
import pytest

from pipeline.document import analyze_text

PLAN = """ỦY BAN NHÂN DÂN
HUYỆN VĂN LÃNG
Số: 15/KH-UBND
Văn Lãng, ngày 10 tháng 4 năm 2024
KẾ HOẠCH
Phòng, chống dịch sốt xuất huyết năm 2024
I. TỔ CHỨC THỰC HIỆN
1. Trung tâm Y tế huyện
- Chủ trì, phối hợp với Phòng Y tế tổ chức chiến dịch diệt lăng quăng, hoàn thành trước ngày 30/6/2024.
- Tổng hợp kết quả, báo cáo UBND huyện trong tháng 12/2024.
2. Phòng Giáo dục và Đào tạo
Chỉ đạo các trường học tuyên truyền phòng dịch thường xuyên.
Nơi nhận:
- UBND tỉnh;
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Hoàng Văn Nam
"""


@pytest.fixture(scope="module")
def res():
    return analyze_text(PLAN)


@pytest.mark.parametrize("deadline_text, agencies", [
    ("hoàn thành trước ngày 30/6/2024", ("Trung tâm Y tế huyện", "Phòng Y tế")),
    ("trong tháng 12/2024", ("Trung tâm Y tế huyện",)),
    ("thường xuyên", ("Phòng Giáo dục và Đào tạo",)),
])
def test_link_deadline_gets_the_bodies_of_its_item(res, deadline_text, agencies):
    d = next(d for d in res.deadlines if d.text == deadline_text)
    assert d.agencies[: len(agencies)] == agencies


def test_link_obligation_gets_the_deadline_of_its_bullet(res):
    coop = [a for a in res.assignments if a.agency == "Phòng Y tế" and a.role == "cooperate"]
    assert coop and coop[0].deadline == "2024-06-30"
