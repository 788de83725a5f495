"""Each audit rule on a small synthetic plan with the inconsistency planted, and on the same
plan with it fixed (no finding)."""
import pytest

from pipeline.audit import audit, plan_horizon
from pipeline.document import analyze_text
from pipeline.store import with_derived
from pipeline.tables import frames

HEAD = """ỦY BAN NHÂN DÂN
HUYỆN VĂN LÃNG
Số: {number}/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Văn Lãng, ngày {day} tháng {month} năm 2024
KẾ HOẠCH
{title}
"""
SIGN = """Nơi nhận:
- UBND tỉnh;
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Hoàng Văn Nam
"""


def plan(body: str, *, number="15", day="10", month="4", title="Phòng, chống dịch bệnh năm 2024") -> str:
    return HEAD.format(number=number, day=day, month=month, title=title) + body.strip() + "\n" + SIGN


def findings(*texts):
    results = [analyze_text(t, source=f"plan{i}.txt") for i, t in enumerate(texts)]
    return audit(with_derived(frames(results)))


def rules(*texts) -> list[str]:
    return list(findings(*texts)["rule"])


CASES = {
    "R1": ("""I. NHIỆM VỤ
1. Trung tâm Y tế huyện chủ trì tổ chức tiêm chủng, hoàn thành trước ngày {d}.""",
           {"d": "15/3/2024"}, {"d": "15/5/2024"}),
    "R2": ("""I. NHIỆM VỤ
1. Phòng Y tế chủ trì tổng kết công tác phòng dịch, hoàn thành trong quý {q}.""",
           {"q": "I/2025"}, {"q": "IV/2024"}),
    "R3": ("""I. NHIỆM VỤ
1. Tổ chức chiến dịch vệ sinh môi trường, hoàn thành trước ngày 30/6/2024.
1.1. Phun hóa chất khử khuẩn tại các xã, hoàn thành trước ngày {d}.""",
           {"d": "31/7/2024"}, {"d": "15/6/2024"}),
    "R4": ("""I. TỔ CHỨC THỰC HIỆN
1. Chế độ báo cáo
Các xã báo cáo kết quả gửi về Phòng Y tế trước ngày {a}; Phòng Y tế tổng hợp, báo cáo UBND huyện trước ngày {b}.""",
           {"a": "20/11/2024", "b": "10/11/2024"}, {"a": "10/11/2024", "b": "20/11/2024"}),
    "R7": ("""I. NHIỆM VỤ
1. Trung tâm Y tế huyện chủ trì giám sát ca bệnh, báo cáo trước ngày {d}.""",
           {"d": "31/4/2024"}, {"d": "30/4/2024"}),
    "R10": ("""I. MỤC TIÊU
1. Đến hết năm 2024, toàn huyện có 02/13 xã đạt chuẩn an toàn thực phẩm, đạt {p}% tổng số xã.""",
            {"p": "25"}, {"p": "15,4"}),
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_audit_rule_fires_on_planted_inconsistency(rule):
    body, bad, _ = CASES[rule]
    assert rule in rules(plan(body.format(**bad)))


@pytest.mark.parametrize("rule", sorted(CASES))
def test_audit_rule_silent_when_fixed(rule):
    body, _, good = CASES[rule]
    assert rule not in rules(plan(body.format(**good)))


def test_audit_r5_same_duty_restated_with_another_date():
    body = """I. NHIỆM VỤ
1. Phòng Y tế tổng hợp kết quả chiến dịch, báo cáo UBND huyện trước ngày 15/6/2024.
II. TỔ CHỨC THỰC HIỆN
1. Phòng Y tế tổng hợp kết quả chiến dịch, báo cáo UBND huyện trước ngày {d}."""
    assert "R5" in rules(plan(body.format(d="30/6/2024")))
    assert "R5" not in rules(plan(body.format(d="15/6/2024")))


def test_audit_r5_parallel_duties_of_different_communes_are_not_flagged():
    body = """I. NHIỆM VỤ
1. Các xã phấn đấu đạt chuẩn
- Đối với xã Đồng Lạc: Đảm bảo hoàn thành thẩm tra huyện trong tháng 10/2024.
- Đối với xã An Thượng: Đảm bảo hoàn thành thẩm tra huyện trong tháng 11/2024."""
    assert "R5" not in rules(plan(body))


def test_audit_r8_lead_without_deadline_and_deadline_without_body():
    no_deadline = plan("""I. TỔ CHỨC THỰC HIỆN
1. Phòng Y tế chủ trì kiểm tra công tác phòng dịch tại các xã.""")
    found = findings(no_deadline)
    assert "Phòng Y tế" in " ".join(found[found["rule"] == "R8"]["message_en"])
    dated = plan("""I. TỔ CHỨC THỰC HIỆN
1. Phòng Y tế chủ trì kiểm tra công tác phòng dịch tại các xã, hoàn thành trước ngày 30/6/2024.""")
    assert "R8" not in rules(dated)
    orphan = plan("""I. NHIỆM VỤ
1. Công tác kiểm tra phòng dịch được tổ chức xong trước ngày 30/6/2024.""")
    found = findings(orphan)
    assert list(found[found["rule"] == "R8"]["message_en"]) == ['Deadline "xong trước ngày 30/6/2024" has no responsible body.']


def test_audit_cli_strict_exits_nonzero_on_errors(tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import main

    body, bad, good = CASES["R10"]
    for name, values, code in (("bad", bad, 2), ("good", good, 0)):
        f = tmp_path / f"{name}.txt"
        f.write_text(plan(body.format(**values)), encoding="utf-8")
        r = CliRunner().invoke(main, ["audit", str(f), "--strict", "--format", "csv"])
        assert r.exit_code == code, (name, r.output)


def test_audit_cli_stores_findings_in_the_database(tmp_path):
    from click.testing import CliRunner

    from pipeline.batch import run_batch
    from pipeline.cli import main
    from pipeline.store import read_table

    src = tmp_path / "in"
    src.mkdir()
    body, bad, _ = CASES["R1"]
    (src / "p.txt").write_text(plan(body.format(**bad)), encoding="utf-8")
    run_batch([src], tmp_path / "out")
    r = CliRunner().invoke(main, ["audit", "--db", str(tmp_path / "out")])
    assert r.exit_code == 0
    assert "R1" in set(read_table(tmp_path / "out", "findings")["rule"])
    assert (tmp_path / "out" / "csv" / "findings.csv").exists()


def test_audit_r9_numbering_anomaly():
    bad = plan("""I. MỤC TIÊU
1. Giảm số ca mắc.
I. NHIỆM VỤ
1. Tiêm chủng.
3. Truyền thông.""")
    good = plan("""I. MỤC TIÊU
1. Giảm số ca mắc.
II. NHIỆM VỤ
1. Tiêm chủng.
2. Truyền thông.""")
    found = findings(bad)
    assert sorted(found[found["rule"] == "R9"]["message_en"].str.split(":").str[0]) == [
        "Section number repeated", "Section number skipped before 3 (Truyền thông)"]
    assert "R9" not in rules(good)


def test_audit_r7_blank_number_and_misspelled_quarter():
    body = """I. NHIỆM VỤ
1. Phòng Y tế chủ trì rà soát, xong trong {q} I/2024."""
    assert {"R7"} <= set(rules(plan(body.format(q="Qúy"), number=" ")))
    found = findings(plan(body.format(q="Quý")))
    assert "R7" not in list(found["rule"])


def test_audit_r6_lower_plan_later_than_higher():
    district = plan("""I. TỔ CHỨC THỰC HIỆN
1. UBND các xã tổ chức tổng vệ sinh môi trường, hoàn thành trước ngày 15/6/2024.""", number="103", day="13", month="3")
    commune = """ỦY BAN NHÂN DÂN
XÃ HOÀNG VĂN THỤ
Số: 21/KH-UBND
Hoàng Văn Thụ, ngày 20 tháng 3 năm 2024
KẾ HOẠCH
Phòng, chống dịch bệnh năm 2024
Thực hiện Kế hoạch số 103/KH-UBND ngày 13/3/2024 của UBND huyện Văn Lãng;
I. TỔ CHỨC THỰC HIỆN
1. Các thôn tổ chức tổng vệ sinh môi trường, hoàn thành trước ngày {d}.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lý Văn Hòa
"""
    assert "R6" in rules(district, commune.format(d="30/6/2024"))
    assert "R6" not in rules(district, commune.format(d="10/6/2024"))


@pytest.mark.parametrize("title, issue, horizon", [
    ("Thực hiện Phong trào thi đua giai đoạn 2021 - 2025", "2022-10", 2025),
    ("Xây dựng nông thôn mới năm 2024", "2024-01", 2024),
    ("Phòng, chống thiên tai", "2023-02-03", 2023),
])
def test_audit_plan_horizon(title, issue, horizon):
    assert plan_horizon(title, issue) == horizon
