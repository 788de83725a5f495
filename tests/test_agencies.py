"""Agency assignments: recognition, roles and canonical names on small synthetic plans."""
from __future__ import annotations

import pytest

from pipeline.extract.agencies import find_assignments
from pipeline.normalize import normalize_text
from pipeline.records import Deadline, DocumentMeta
from pipeline.segment import segment

HUYEN = DocumentMeta(level="huyện", locality="Cao Lộc", province="Lạng Sơn", issue_date="2024-04")
TINH = DocumentMeta(level="tỉnh", locality="Lạng Sơn", province="Lạng Sơn", issue_date="2025-08")
XA = DocumentMeta(level="xã", locality="Hải Yến", province="Lạng Sơn", issue_date="2024")

_HEAD = """ỦY BAN NHÂN DÂN
{unit}

Số: /KH-UBND

{place}, ngày tháng 4 năm 2024

KẾ HOẠCH

Triển khai nhiệm vụ năm 2024

Căn cứ Quyết định số 12/QĐ-UBND ngày 10/01/2024 của UBND tỉnh Lạng Sơn;

Thực hiện Kế hoạch số 05/KH-UBND của UBND tỉnh, Phòng Nội vụ phối hợp với Sở Nội vụ xây dựng Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

Nâng cao trách nhiệm của các cơ quan, đơn vị; các phòng, ban phối hợp với UBND các xã thực hiện.

II. TỔ CHỨC THỰC HIỆN

"""
_TAIL = """

Trên đây là Kế hoạch triển khai nhiệm vụ năm 2024. Yêu cầu các cơ quan, đơn vị, UBND các xã triển khai thực hiện./.

Nơi nhận:
- UBND tỉnh;
- Sở Nội vụ;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn A
"""


def plan(body: str, meta: DocumentMeta = HUYEN) -> str:
    unit = {"huyện": "HUYỆN CAO LỘC", "tỉnh": "TỈNH LẠNG SƠN", "xã": "XÃ HẢI YẾN"}[meta.level]
    return normalize_text(_HEAD.format(unit=unit, place=meta.locality) + body + _TAIL).text


def assign(body: str, meta: DocumentMeta = HUYEN, deadlines=()):
    text = plan(body, meta)
    out = find_assignments(text, segment(text), meta, list(deadlines))
    for a in out:
        assert text[a.start:a.end] == a.text, a
    return text, out


def pairs(body: str, meta: DocumentMeta = HUYEN) -> set[tuple[str, str]]:
    _, out = assign(body, meta)
    return {(a.agency.lower(), a.role) for a in out}


def _s(*items):
    return {(name.lower(), role) for name, role in items}


CASES = [
    # --- lead: Giao X / X chủ trì / X có trách nhiệm / cơ quan thường trực / do X ...
    ("giao_chu_tri_phoi_hop",
     "1. Giao Phòng Nông nghiệp và PTNT chủ trì, phối hợp với Phòng Tài chính - Kế hoạch tổ chức thực hiện.",
     HUYEN, _s(("Phòng Nông nghiệp và Phát triển nông thôn", "lead"), ("Phòng Tài chính - Kế hoạch", "cooperate"))),
    ("subject_co_trach_nhiem",
     "1. Phòng Văn hóa và Thông tin có trách nhiệm tuyên truyền Kế hoạch này.",
     HUYEN, _s(("Phòng Văn hóa và Thông tin", "lead"))),
    ("labels_chu_tri_and_phoi_hop",
     "1. Thời gian và đơn vị thực hiện\n- Đơn vị chủ trì thực hiện: Trung tâm Y tế huyện.\n"
     "- Cơ quan phối hợp: Ban Chỉ huy Quân sự huyện, Công an huyện.",
     HUYEN, _s(("Trung tâm Y tế huyện", "lead"), ("Ban Chỉ huy Quân sự huyện", "cooperate"), ("Công an huyện", "cooperate"))),
    ("co_quan_thuong_truc_and_tham_muu_gives_no_role",
     "1. Phòng Nội vụ là cơ quan thường trực, tham mưu UBND huyện tổ chức thực hiện Kế hoạch.",
     HUYEN, _s(("Phòng Nội vụ", "lead"))),
    ("do_x_bo_tri_and_huy_dong",
     "1. Kinh phí\nKinh phí thực hiện do Phòng Tài chính - Kế hoạch bố trí từ nguồn ngân sách huyện. "
     "Lực lượng thanh niên do Huyện Đoàn huy động.",
     HUYEN, _s(("Phòng Tài chính - Kế hoạch", "lead"), ("Huyện Đoàn", "lead"))),
    ("giao_cho",
     "1. Nhiệm vụ\nGiao cho UBND xã Tân Liên chuẩn bị địa điểm tổ chức.",
     HUYEN, _s(("Ủy ban nhân dân xã Tân Liên", "lead"))),
    # --- heading bodies: each bullet counts on its own
    ("heading_body_lead_and_cooperate_bullets",
     "1. Công an huyện\n- Chủ trì đảm bảo an ninh trật tự.\n- Phối hợp với UBND các xã, thị trấn tuần tra.",
     HUYEN, _s(("Công an huyện", "lead"), ("Công an huyện", "cooperate"), ("Ủy ban nhân dân các xã, thị trấn", "cooperate"))),
    ("heading_body_phoi_hop_paragraph_is_cooperate_only",
     "2. Phòng Tài nguyên và Môi trường\nPhối hợp với Văn phòng Điều phối NTM huyện chuẩn bị cơ sở vật chất; "
     "tổng hợp nhu cầu, báo cáo Trưởng Ban Chỉ đạo huyện.",
     HUYEN, _s(("Phòng Tài nguyên và Môi trường", "cooperate"), ("Văn phòng Điều phối nông thôn mới huyện", "cooperate"),
               ("Trưởng Ban Chỉ đạo huyện", "report_to"))),
    ("heading_body_second_sentence_phoi_hop",
     "1. Văn phòng HĐND và UBND huyện\n- Chuẩn bị hội trường. Phối hợp với Trung tâm Văn hóa, Thể thao và Truyền thông "
     "huyện trang trí khánh tiết.",
     HUYEN, _s(("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện", "lead"),
               ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện", "cooperate"),
               ("Trung tâm Văn hóa, Thể thao và Truyền thông huyện", "cooperate"))),
    ("heading_body_tham_muu_and_trinh_give_no_role",
     "1. Văn phòng HĐND và UBND huyện\n- Tham mưu UBND huyện ban hành quyết định kiện toàn Ban Chỉ đạo huyện.\n"
     "- Hoàn thiện hồ sơ trình UBND huyện phê duyệt.",
     HUYEN, _s(("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện", "lead"))),
    ("heading_body_huong_dan_gives_no_role_to_object",
     "1. Phòng Y tế\nHướng dẫn Trạm Y tế các xã phối hợp với Trung tâm Y tế huyện triển khai tiêm chủng.",
     HUYEN, _s(("Phòng Y tế", "lead"))),
    ("heading_sentence_with_colon_opens_task_list",
     "2. Phòng Văn hóa và Thông tin chủ trì, phối hợp với các cơ quan liên quan thực hiện các nhiệm vụ sau:\n"
     "- Tuyên truyền Kế hoạch trên hệ thống truyền thanh.\n- Phối hợp với Đài Truyền thanh huyện đưa tin.",
     HUYEN, _s(("Phòng Văn hóa và Thông tin", "lead"), ("Các cơ quan liên quan", "cooperate"),
               ("Phòng Văn hóa và Thông tin", "cooperate"), ("Đài Truyền thanh huyện", "cooperate"))),
    ("lettered_items_name_bodies",
     "1. Các phòng chuyên môn\na) Phòng Y tế:\n- Chủ trì theo dõi tình hình dịch bệnh.\n"
     "- Phối hợp với Trung tâm Y tế huyện giám sát.\nb) Hội Cựu chiến binh huyện: Vận động hội viên tham gia.",
     HUYEN, _s(("Phòng Y tế", "lead"), ("Phòng Y tế", "cooperate"), ("Trung tâm Y tế huyện", "cooperate"),
               ("Hội Cựu chiến binh huyện", "lead"))),
    ("bullet_label_body_under_heading_body_takes_its_own_tasks",
     "1. Ủy ban MTTQ và các tổ chức chính trị - xã hội xã\n"
     "- Đề nghị Ủy ban MTTQ và các tổ chức chính trị - xã hội xã phát động phong trào.\n"
     "- Đoàn TNCS Hồ Chí Minh xã: Tổ chức ra quân tình nguyện. Vận động đoàn viên tham gia.",
     XA, _s(("Ủy ban Mặt trận Tổ quốc xã", "requested"), ("Các tổ chức chính trị - xã hội xã", "requested"),
            ("Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", "lead"))),
    # --- requested
    ("de_nghi_heading_plain_bullets",
     "3. Đề nghị Ủy ban MTTQ Việt Nam huyện và các tổ chức chính trị - xã hội huyện\nTuyên truyền, vận động hội viên tham gia.",
     HUYEN, _s(("Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "requested"), ("Các tổ chức chính trị - xã hội huyện", "requested"))),
    ("de_nghi_heading_chu_tri_and_phoi_hop_bullets",
     "4. Đề nghị Liên đoàn Lao động huyện\n- Chủ trì tổ chức hội thao công nhân.\n"
     "- Phối hợp với Phòng Văn hóa và Thông tin tuyên truyền.\n- Vận động đoàn viên công đoàn tham gia.",
     HUYEN, _s(("Liên đoàn Lao động huyện", "requested"), ("Liên đoàn Lao động huyện", "lead"),
               ("Liên đoàn Lao động huyện", "cooperate"), ("Phòng Văn hóa và Thông tin", "cooperate"))),
    ("de_nghi_inline",
     "1. Nhiệm vụ\nĐề nghị Hội Nông dân huyện vận động hội viên tham gia.",
     HUYEN, _s(("Hội Nông dân huyện", "requested"))),
    ("de_nghi_subordinate_office_is_requested",
     "1. Nhiệm vụ\nĐề nghị Phòng Văn hóa và Thông tin huyện đưa tin về phong trào.",
     HUYEN, _s(("Phòng Văn hóa và Thông tin huyện", "requested"))),
    ("de_nghi_shares_level_word_across_va",
     "1. Nhiệm vụ\nĐề nghị Ủy ban Mặt trận Tổ quốc Việt Nam và đoàn thể cấp huyện, cấp xã tuyên truyền, vận động.",
     HUYEN, _s(("Ủy ban Mặt trận Tổ quốc Việt Nam cấp huyện, cấp xã", "requested"), ("Đoàn thể cấp huyện, cấp xã", "requested"))),
    ("de_nghi_count_becomes_cac",
     "1. Nhiệm vụ\nĐề nghị 100% các tổ chức CT-XH huyện, xã xây dựng kế hoạch, có sự phối hợp đồng bộ, chặt chẽ với UBND các xã.",
     HUYEN, _s(("Các tổ chức chính trị - xã hội huyện, xã", "requested"), ("Ủy ban nhân dân các xã", "cooperate"))),
    # --- report_to
    ("bao_cao_ve_qua",
     "1. Chế độ báo cáo\nUBND các xã báo cáo kết quả về UBND huyện (qua Phòng Nội vụ) trước ngày 15/12/2024.",
     HUYEN, _s(("Ủy ban nhân dân các xã", "lead"), ("Ủy ban nhân dân huyện", "report_to"), ("Phòng Nội vụ", "report_to"))),
    ("gui_ve_de_tong_hop_bao_cao",
     "1. Chế độ báo cáo\nĐịnh kỳ 6 tháng, các cơ quan, đơn vị gửi báo cáo về Văn phòng HĐND và UBND huyện để tổng hợp, "
     "báo cáo UBND tỉnh.",
     HUYEN, _s(("Các cơ quan, đơn vị", "lead"), ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện", "report_to"),
               ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện", "lead"), ("Ủy ban nhân dân tỉnh", "report_to"))),
    ("bao_cao_without_ve_and_gui_ve",
     "1. Nhiệm vụ\nPhòng Nội vụ tổng hợp, báo cáo Sở Nội vụ trước ngày 30/11/2024. "
     "Kết quả gửi về Phòng Văn hóa và Thông tin trước ngày 10 hằng tháng.",
     HUYEN, _s(("Phòng Nội vụ", "lead"), ("Sở Nội vụ", "report_to"), ("Phòng Văn hóa và Thông tin", "report_to"))),
    ("report_to_post_and_chiu_trach_nhiem_truoc_no_role",
     "1. Nhiệm vụ\nCác đơn vị báo cáo Chủ tịch UBND huyện và chịu trách nhiệm trước UBND huyện về kết quả thực hiện.",
     HUYEN, _s(("Các đơn vị", "lead"), ("Chủ tịch Ủy ban nhân dân huyện", "report_to"))),
    ("nested_parentheses_qua",
     "1. Báo cáo\nCác xã gửi báo cáo về UBND huyện (qua Văn phòng Điều phối nông thôn mới huyện (Phòng Nông nghiệp và PTNT)) "
     "trước ngày 20/11.",
     HUYEN, _s(("Các xã", "lead"), ("Ủy ban nhân dân huyện", "report_to"), ("Văn phòng Điều phối nông thôn mới huyện", "report_to"),
               ("Phòng Nông nghiệp và Phát triển nông thôn", "report_to"))),
    ("appositive_names_the_body",
     "5. Cơ quan Thường trực Hội đồng Thi đua-Khen thưởng huyện (Phòng Nội vụ) phối hợp với Văn phòng Điều phối NTM huyện "
     "tham mưu UBND huyện khen thưởng.",
     HUYEN, _s(("Phòng Nội vụ", "lead"), ("Văn phòng Điều phối nông thôn mới huyện", "cooperate"))),
    # --- no role
    ("chi_dao_object_gets_no_role",
     "1. Nhiệm vụ\nPhòng Giáo dục và Đào tạo chỉ đạo các trường học trên địa bàn thực hiện nghiêm túc.",
     HUYEN, _s(("Phòng Giáo dục và Đào tạo", "lead"))),
    ("directive_content_phoi_hop_gets_no_role",
     "1. Nhiệm vụ\nUBND huyện chỉ đạo UBND các xã phối hợp với Công an huyện rà soát.",
     HUYEN, _s(("Ủy ban nhân dân huyện", "lead"))),
    ("subject_that_cooperates_is_lead_only",
     "1. Nhiệm vụ\nPhòng Văn hóa và Thông tin chủ động phối hợp với Đài Truyền thanh huyện trong việc tổ chức thực hiện Kế hoạch.",
     HUYEN, _s(("Phòng Văn hóa và Thông tin", "lead"), ("Đài Truyền thanh huyện", "cooperate"))),
    ("guests_and_participants_not_annotated",
     "1. Thành phần tham dự\n- Lãnh đạo UBND huyện; đại diện Ban Tuyên giáo Huyện ủy.\n- Đại diện các phòng, ban, ngành huyện.",
     HUYEN, set()),
    ("emulation_subjects_not_annotated",
     "1. Đối tượng thi đua\nCác cơ quan, đơn vị trên địa bàn huyện.",
     HUYEN, set()),
    ("moi_taking_part_vs_ceremony_guest",
     "1. Nhiệm vụ\nMời Ban Chỉ huy Quân sự huyện phối hợp hỗ trợ lực lượng tham gia. "
     "Mời đại diện lãnh đạo UBND tỉnh dự Lễ phát động.",
     HUYEN, _s(("Ban Chỉ huy Quân sự huyện", "cooperate"))),
    ("doi_voi_group_is_not_an_agency",
     "1. Nhiệm vụ\n- Đối với xã Tân Liên: Thực hiện rà soát các tiêu chí, hoàn thành trong quý IV/2024.",
     HUYEN, set()),
    # --- lists: commas, semicolons, "và" — but not inside names
    ("va_inside_names_is_not_a_split",
     "1. Nhiệm vụ\nGiao Văn phòng HĐND và UBND huyện phối hợp với Sở Văn hóa, Thể thao và Du lịch và Phòng Nông nghiệp và "
     "Phát triển nông thôn thực hiện.",
     HUYEN, _s(("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện", "lead"), ("Sở Văn hóa, Thể thao và Du lịch", "cooperate"),
               ("Phòng Nông nghiệp và Phát triển nông thôn", "cooperate"))),
    ("semicolon_list",
     "1. Nhiệm vụ\nPhối hợp với Phòng Y tế; Trung tâm Y tế huyện; Bệnh viện Đa khoa huyện thực hiện.",
     HUYEN, _s(("Phòng Y tế", "cooperate"), ("Trung tâm Y tế huyện", "cooperate"), ("Bệnh viện Đa khoa huyện", "cooperate"))),
    ("semicolon_subject_list",
     "1. Nhiệm vụ\nCác cơ quan, ban ngành, đoàn thể huyện; Ủy ban Mặt trận Tổ quốc Việt Nam huyện; UBND các xã, thị trấn "
     "căn cứ chức năng, nhiệm vụ tổ chức thực hiện.",
     HUYEN, _s(("Các cơ quan, ban, ngành, đoàn thể huyện", "lead"), ("Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "lead"),
               ("Ủy ban nhân dân các xã, thị trấn", "lead"))),
    ("collective_with_qualifier",
     "1. Nhiệm vụ\nCác phòng, ban, ngành, đoàn thể huyện căn cứ chức năng, nhiệm vụ tổ chức thực hiện. "
     "Phối hợp với các cơ quan, đơn vị có liên quan kiểm tra.",
     HUYEN, _s(("Các phòng, ban, ngành, đoàn thể huyện", "lead"), ("Các cơ quan, đơn vị liên quan", "cooperate"))),
    ("subject_after_can_cu_prefix",
     "1. Nhiệm vụ\nCăn cứ Kế hoạch này, các trường học xây dựng kế hoạch. Công an xã, Ban Chỉ huy Quân sự xã đảm bảo an ninh.",
     HUYEN, _s(("Các trường học", "lead"), ("Công an xã", "lead"), ("Ban Chỉ huy Quân sự xã", "lead"))),
    ("cac_cap_cac_nganh",
     "1. Nhiệm vụ\nCác cấp, các ngành tổ chức quán triệt nội dung Kế hoạch.",
     HUYEN, _s(("Các cấp, các ngành", "lead"))),
    ("abbreviated_departments",
     "1. Nhiệm vụ\nGiao Phòng TC-KH chủ trì, phối hợp với Phòng KT&HT thẩm định dự toán.",
     HUYEN, _s(("Phòng Tài chính - Kế hoạch", "lead"), ("Phòng Kinh tế và Hạ tầng", "cooperate"))),
    ("mass_organisations",
     "1. Nhiệm vụ\nĐoàn TNCS Hồ Chí Minh huyện phối hợp với Hội LHPN huyện, Hội Nông dân huyện tổ chức ra quân.",
     HUYEN, _s(("Đoàn Thanh niên Cộng sản Hồ Chí Minh huyện", "lead"), ("Hội Liên hiệp Phụ nữ huyện", "cooperate"),
               ("Hội Nông dân huyện", "cooperate"))),
    ("party_bodies",
     "1. Nhiệm vụ\nTrung tâm Văn hóa và Truyền thông phối hợp với Ban Tuyên giáo Huyện ủy đẩy mạnh tuyên truyền. "
     "Đề nghị Đảng ủy xã lãnh đạo, chỉ đạo thực hiện.",
     HUYEN, _s(("Trung tâm Văn hóa và Truyền thông", "lead"), ("Ban Tuyên giáo Huyện ủy", "cooperate"), ("Đảng ủy xã", "requested"))),
    ("xa_hoi_is_not_a_level_word",
     "1. Nhiệm vụ\nBảo hiểm xã hội huyện phối hợp với Phòng Lao động - Thương binh và Xã hội rà soát đối tượng. "
     "Ngân hàng Chính sách xã hội huyện giải ngân vốn vay.",
     HUYEN, _s(("Bảo hiểm xã hội huyện", "lead"), ("Phòng Lao động - Thương binh và Xã hội", "cooperate"),
               ("Ngân hàng Chính sách xã hội huyện", "lead"))),
    # --- commune posts and people
    ("officer_named_with_post_is_the_post",
     "1. Tiêu chí số 5 - Trường học\n- Công chức tham mưu thực hiện: Ông Nguyễn Văn An, CC Văn hóa - Xã hội xã.\n"
     "- Phối hợp: Hội Cựu chiến binh xã, Hội Nông dân xã.",
     XA, _s(("Công chức Văn hóa - Xã hội xã", "lead"), ("Hội Cựu chiến binh xã", "cooperate"), ("Hội Nông dân xã", "cooperate"))),
    ("post_dash_codes_expand",
     "1. Tiêu chí số 15 - Hành chính công\n- Công chức tham mưu thực hiện: Bà Chu Thị B, CC Văn phòng – TK xã.\n"
     "- Phối hợp: Công chức Tư pháp – HT, Công chức Văn hoá – XH.",
     XA, _s(("Công chức Văn phòng - Thống kê xã", "lead"), ("Công chức Tư pháp - Hộ tịch", "cooperate"),
            ("Công chức Văn hóa - Xã hội", "cooperate"))),
    ("head_of_body_by_post",
     "1. Nhiệm vụ\nTrưởng Công an xã chịu trách nhiệm đảm bảo an ninh trật tự trong dịp Tết.",
     XA, _s(("Trưởng Công an xã", "lead"))),
    ("label_with_sub_items",
     "1. Đơn vị thực hiện\n- Đơn vị phối hợp:\n+ Phòng Y tế;\n+ Trung tâm Y tế huyện.",
     HUYEN, _s(("Phòng Y tế", "cooperate"), ("Trung tâm Y tế huyện", "cooperate"))),
    ("assignment_table",
     "1. Phân công\nSTT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành\n"
     "1 | Tuyên truyền | Phòng Văn hóa và Thông tin | Trung tâm Văn hóa, Thể thao và Truyền thông huyện; UBND các xã | Quý II/2024\n"
     "2 | Kiểm tra | Phòng Kinh tế và Hạ tầng | Các cơ quan liên quan | Tháng 9/2024",
     HUYEN, _s(("Phòng Văn hóa và Thông tin", "lead"), ("Trung tâm Văn hóa, Thể thao và Truyền thông huyện", "cooperate"),
               ("Ủy ban nhân dân các xã", "cooperate"), ("Phòng Kinh tế và Hạ tầng", "lead"), ("Các cơ quan liên quan", "cooperate"))),
    # --- province level and the 2025 two-level government
    ("province_departments",
     "1. Sở Y tế chủ trì, phối hợp với Sở Tài chính, Bảo hiểm xã hội tỉnh và UBND các xã, phường triển khai thực hiện.",
     TINH, _s(("Sở Y tế", "lead"), ("Sở Tài chính", "cooperate"), ("Bảo hiểm xã hội tỉnh", "cooperate"),
              ("Ủy ban nhân dân các xã, phường", "cooperate"))),
    ("province_heads_by_post",
     "1. Giám đốc các Sở, Thủ trưởng các ban, ngành tỉnh, Chủ tịch UBND các xã, phường chịu trách nhiệm trước Chủ tịch UBND "
     "tỉnh về kết quả thực hiện.",
     TINH, _s(("Giám đốc các Sở", "lead"), ("Thủ trưởng các ban, ngành tỉnh", "lead"),
              ("Chủ tịch Ủy ban nhân dân các xã, phường", "lead"))),
    ("province_label_list_with_semicolon",
     "2. Các Sở, ban, ngành tỉnh; UBND các xã, phường, đặc khu: Căn cứ chức năng, nhiệm vụ xây dựng kế hoạch cụ thể.",
     TINH, _s(("Các Sở, ban, ngành tỉnh", "lead"), ("Ủy ban nhân dân các xã, phường, đặc khu", "lead"))),
    ("post_2025_commune_offices",
     "1. Nhiệm vụ\nPhòng Kinh tế xã chủ trì, phối hợp với Trung tâm Phục vụ hành chính công xã và Văn phòng HĐND và UBND xã "
     "thực hiện.",
     XA, _s(("Phòng Kinh tế xã", "lead"), ("Trung tâm Phục vụ hành chính công xã", "cooperate"),
            ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã", "cooperate"))),
    ("proper_names_end_at_the_predicate",
     "1. Đài Phát thanh và Truyền hình tỉnh, Báo Lạng Sơn mở chuyên trang, chuyên mục tuyên truyền. "
     "Ban Quản lý dự án đầu tư xây dựng tỉnh phối hợp với UBND thành phố Lạng Sơn giải phóng mặt bằng.",
     TINH, _s(("Đài Phát thanh và Truyền hình tỉnh", "lead"), ("Báo Lạng Sơn", "lead"),
              ("Ban Quản lý dự án đầu tư xây dựng tỉnh", "lead"), ("Ủy ban nhân dân thành phố Lạng Sơn", "cooperate"))),
    ("cua_xa_and_ban_phat_trien_thon",
     "1. Tiêu chí số 11 - Nghèo đa chiều\n+ Phối hợp: Các tổ chức chính trị - xã hội, Ban giảm nghèo của xã, Ban phát triển thôn.",
     XA, _s(("Các tổ chức chính trị - xã hội", "cooperate"), ("Ban giảm nghèo xã", "cooperate"), ("Ban phát triển thôn", "cooperate"))),
    # --- names of other provinces' bodies (corpus/synthetic2): official names capitalise only the first
    #     syllable of each part and run on over lower-case words, numbers and parent bodies
    ("name_runs_over_lower_case_words_to_its_level",
     "1. Nhiệm vụ\nGiao Đội Quản lý trật tự đô thị huyện chủ trì, phối hợp với Công an huyện tháo dỡ biển quảng cáo.",
     HUYEN, _s(("Đội Quản lý trật tự đô thị huyện", "lead"), ("Công an huyện", "cooperate"))),
    ("name_runs_over_lower_case_words_to_a_capitalised_end",
     "1. Nhiệm vụ\nTrung tâm Y tế huyện báo cáo về Viện Vệ sinh dịch tễ Trung ương. "
     "Đề nghị Ban Quản lý Vườn quốc gia Tràm Chim hỗ trợ lực lượng.",
     HUYEN, _s(("Trung tâm Y tế huyện", "lead"), ("Viện Vệ sinh dịch tễ Trung ương", "report_to"),
               ("Ban Quản lý Vườn quốc gia Tràm Chim", "requested"))),
    ("name_after_a_known_field_runs_to_its_level",
     "1. Nhiệm vụ\nBan Chỉ đạo phòng, chống dịch bệnh tỉnh chủ trì, phối hợp với Ban Quản lý Dịch vụ công ích đô thị "
     "thành phố, Ủy ban nhân dân các phường, xã triển khai.",
     TINH, _s(("Ban Chỉ đạo phòng, chống dịch bệnh tỉnh", "lead"),
              ("Ban Quản lý Dịch vụ công ích đô thị thành phố", "cooperate"), ("Ủy ban nhân dân các phường, xã", "cooperate"))),
    ("lower_case_words_before_a_non_final_capital_are_the_predicate",
     "1. Nhiệm vụ\nBáo Lạng Sơn dành chuyên mục Kinh tế số đăng tin bài.",
     TINH, _s(("Báo Lạng Sơn", "lead"))),
    ("place_name_holding_a_head_word",
     "1. Nhiệm vụ\nCục Hải quan thành phố Hải Phòng phối hợp với Báo Hải Phòng, Bộ đội Biên phòng thành phố xử lý vi phạm.",
     TINH, _s(("Cục Hải quan thành phố Hải Phòng", "lead"), ("Báo Hải Phòng", "cooperate"),
              ("Bộ đội Biên phòng thành phố", "cooperate"))),
    ("numbers_in_names",
     "1. Nhiệm vụ\nBan Chỉ đạo 389 tỉnh chủ trì, phối hợp với Bộ Tư lệnh Vùng Cảnh sát biển 1 tuần tra; "
     "báo cáo Ban Chỉ đạo 389 quốc gia. Công an xã báo cáo về Ban Chỉ đạo Đề án 06 xã.",
     TINH, _s(("Ban Chỉ đạo 389 tỉnh", "lead"), ("Bộ Tư lệnh Vùng Cảnh sát biển 1", "cooperate"),
              ("Ban Chỉ đạo 389 quốc gia", "report_to"), ("Công an xã", "lead"), ("Ban Chỉ đạo Đề án 06 xã", "report_to"))),
    ("office_of_a_body_named_after_it",
     "1. Nhiệm vụ\nPhòng Cảnh sát giao thông Công an tỉnh phối hợp với Văn phòng Thường trực Ban Chỉ đạo 389 tỉnh, "
     "Phòng giao dịch Ngân hàng Chính sách xã hội huyện kiểm tra.",
     TINH, _s(("Phòng Cảnh sát giao thông Công an tỉnh", "lead"), ("Văn phòng Thường trực Ban Chỉ đạo 389 tỉnh", "cooperate"),
              ("Phòng giao dịch Ngân hàng Chính sách xã hội huyện", "cooperate"))),
    ("collective_narrowed_by_a_kind",
     "1. Nhiệm vụ\nSở Thông tin và Truyền thông phối hợp với các doanh nghiệp viễn thông, các tổ chức hội nhận ủy thác triển khai. "
     "Hiệu trưởng các trường mầm non, tiểu học, trung học cơ sở chịu trách nhiệm tổ chức.",
     TINH, _s(("Sở Thông tin và Truyền thông", "lead"), ("Các doanh nghiệp viễn thông", "cooperate"),
              ("Các tổ chức hội nhận ủy thác", "cooperate"), ("Hiệu trưởng các trường mầm non, tiểu học, trung học cơ sở", "lead"))),
    ("heading_collective_with_a_short_co_clause",
     "1. Bệnh viện Đa khoa tỉnh và các bệnh viện có phòng sinh\nThực hiện tiêm vắc xin viêm gan B liều sơ sinh.",
     TINH, _s(("Bệnh viện Đa khoa tỉnh", "lead"), ("Các bệnh viện có phòng sinh", "lead"))),
    ("members_of_a_named_body",
     "1. Các sở, ngành, đơn vị thành viên Ban Chỉ đạo 389 tỉnh, Ủy ban nhân dân các huyện căn cứ nhiệm vụ được giao "
     "xây dựng kế hoạch.",
     TINH, _s(("Các sở, ngành, đơn vị thành viên Ban Chỉ đạo 389 tỉnh", "lead"), ("Ủy ban nhân dân các huyện", "lead"))),
    ("verb_to_chuc_is_no_body",
     "1. Nhiệm vụ\nĐề nghị Ủy ban MTTQ Việt Nam xã tổ chức Hội nghị hiệp thương. Các thôn phân công thành viên hỗ trợ từng hộ.",
     XA, _s(("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "requested"), ("Các thôn", "lead"))),
    ("truong_hop_is_no_school",
     "1. Nhiệm vụ\n100% trường hợp vi phạm được phát hiện, xử lý dứt điểm.",
     XA, set()),
    ("company_name_ends_before_its_verb",
     "1. Nhiệm vụ\nCông ty Cổ phần Nước - Môi trường Bình Dương đẩy mạnh thu tiền nước qua ngân hàng.",
     TINH, _s(("Công ty Cổ phần Nước - Môi trường Bình Dương", "lead"),)),
    ("telecoms_associations_and_forest_rangers",
     "1. Nhiệm vụ\nViettel Lạng Sơn, VNPT Lạng Sơn phối hợp với Hiệp hội Doanh nghiệp tỉnh, Liên minh Hợp tác xã tỉnh, "
     "Bưu điện tỉnh hỗ trợ. Kiểm lâm địa bàn xã phối hợp với Công an xã tuần tra.",
     TINH, _s(("Viettel Lạng Sơn", "lead"), ("VNPT Lạng Sơn", "lead"), ("Hiệp hội Doanh nghiệp tỉnh", "cooperate"),
              ("Liên minh Hợp tác xã tỉnh", "cooperate"), ("Bưu điện tỉnh", "cooperate"), ("Kiểm lâm địa bàn xã", "lead"),
              ("Công an xã", "cooperate"))),
    ("directive_object_with_new_head_gets_no_role",
     "1. Đề nghị Hạt Kiểm lâm huyện\nChỉ đạo Kiểm lâm địa bàn phối hợp chặt chẽ với UBND xã trong công tác phòng cháy.",
     XA, _s(("Hạt Kiểm lâm huyện", "requested"))),
    ("dash_right_after_a_head",
     "1. Đề nghị Đài Phát thanh - Truyền hình Lạng Sơn, Báo Lạng Sơn\nPhối hợp với Sở Y tế đưa tin.",
     TINH, _s(("Đài Phát thanh - Truyền hình Lạng Sơn", "requested"), ("Báo Lạng Sơn", "requested"),
              ("Đài Phát thanh - Truyền hình Lạng Sơn", "cooperate"), ("Báo Lạng Sơn", "cooperate"), ("Sở Y tế", "cooperate"))),
    ("sent_for_totalling_with_a_time_between",
     "1. Công an xã\nTổng hợp kết quả, gửi về Văn phòng HĐND và UBND xã trước ngày 25 hằng tháng để tổng hợp, báo cáo UBND xã.",
     XA, _s(("Công an xã", "lead"), ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã", "report_to"),
            ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã", "lead"), ("Ủy ban nhân dân xã", "report_to"))),
    ("target_section_gives_no_role",
     "1. Chỉ tiêu\n- 100% khu dân cư có mô hình tự quản về bảo vệ môi trường.\n2. Phòng Nội vụ\nTheo dõi việc thực hiện.",
     HUYEN, _s(("Phòng Nội vụ", "lead"))),
    ("sibling_ministry_and_department_stay_apart",
     "1. Sở Thông tin và Truyền thông\n- Tổng hợp, báo cáo UBND tỉnh, Bộ Thông tin và Truyền thông kết quả thực hiện.",
     TINH, _s(("Sở Thông tin và Truyền thông", "lead"), ("Ủy ban nhân dân tỉnh", "report_to"),
              ("Bộ Thông tin và Truyền thông", "report_to"))),
    ("province_press_by_level_word_is_the_named_one",
     "1. Nhiệm vụ\nĐài Phát thanh và Truyền hình Lạng Sơn mở chuyên mục. Đài PT-TH tỉnh phối hợp với Sở Y tế đưa tin.",
     TINH, _s(("Đài Phát thanh và Truyền hình Lạng Sơn", "lead"), ("Sở Y tế", "cooperate"))),
    ("working_group_of_the_district",
     "1. Nhiệm vụ\nTổ công tác liên ngành của huyện tiến hành kiểm tra.",
     HUYEN, _s(("Tổ công tác liên ngành huyện", "lead"),)),
]


@pytest.mark.parametrize("body,meta,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_assignment_sentences(body, meta, expected):
    assert pairs(body, meta) == expected


def test_at_least_forty_sentences():
    assert len(CASES) >= 40


def test_closing_formula_gives_nothing():
    text, out = assign("1. Phòng Nội vụ\nTheo dõi việc thực hiện.")
    assert {(a.agency, a.role) for a in out} == {("Phòng Nội vụ", "lead")}
    closing = text.index("Trên đây")
    assert all(a.start < closing for a in out)


def test_preamble_and_purpose_give_nothing():
    text, out = assign("1. Phòng Nội vụ\nTheo dõi việc thực hiện.")
    body = text.index("II. TỔ CHỨC THỰC HIỆN")
    assert all(a.start > body for a in out)


def test_closing_dated_duty_is_kept_in_last_section():
    body = ("1. Phòng Nội vụ\nTheo dõi việc thực hiện.\n\n"
            "Định kỳ trước ngày 30 tháng 11 hằng năm, các đơn vị báo cáo UBND huyện (qua Phòng Nội vụ) kết quả thực hiện./.")
    text, out = assign(body)
    reports = {(a.agency, a.section) for a in out if a.role == "report_to"}
    assert ("Ủy ban nhân dân huyện", "II.1") in reports and ("Phòng Nội vụ", "II.1") in reports


def test_closing_difficulties_formula_is_not_a_duty():
    body = ("1. Phòng Nội vụ\nTheo dõi việc thực hiện.\n\n"
            "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan báo cáo về UBND huyện (qua Phòng Nội vụ) "
            "để xem xét, giải quyết./.")
    _, out = assign(body)
    assert not [a for a in out if a.role == "report_to"]


def test_section_is_the_innermost_numbered_section():
    body = "1. Nhiệm vụ chung\n1.1. Tuyên truyền\nPhòng Văn hóa và Thông tin chủ trì tuyên truyền."
    _, out = assign(body)
    assert [(a.agency, a.section) for a in out] == [("Phòng Văn hóa và Thông tin", "II.1.1")]


def test_one_body_one_name_within_a_document():
    body = ("1. Văn phòng Điều phối xây dựng nông thôn mới huyện\n- Tổng hợp kết quả.\n"
            "2. Phòng Tài nguyên và Môi trường\nPhối hợp với VP Điều phối NTM huyện chuẩn bị.\n"
            "3. Đề nghị Huyện Đoàn Cao Lộc\nChủ trì tổ chức ra quân.\n"
            "4. Kinh phí\nLực lượng do Huyện Đoàn huy động.")
    _, out = assign(body)
    names = {a.agency for a in out}
    assert "Văn phòng Điều phối nông thôn mới huyện" in names
    assert not any(n.startswith("VP") or "xây dựng" in n for n in names)
    assert {a.agency for a in out if "Đoàn" in a.agency} == {"Huyện Đoàn Cao Lộc"}


def test_bare_level_word_joins_the_only_named_unit():
    body = ("1. Ủy ban nhân dân xã Tân Liên\n- Chuẩn bị địa điểm.\n"
            "2. Lực lượng\nNhân dân trong xã (giao UBND xã căn cứ khối lượng công việc để huy động).")
    _, out = assign(body)
    assert {a.agency for a in out} == {"Ủy ban nhân dân xã Tân Liên"}


def test_records_carry_id_kind_task_and_rule():
    _, out = assign("1. Nhiệm vụ\nGiao Phòng Tài chính - Kế hoạch chủ trì, phối hợp với Phòng Nội vụ thẩm định dự toán.")
    lead = next(a for a in out if a.role == "lead")
    assert lead.agency_id and len(lead.agency_id) == 12
    assert lead.agency_kind == "Phòng Tài chính - Kế hoạch"
    assert lead.task.startswith("Giao Phòng Tài chính") and len(lead.task) <= 300
    assert lead.rule == "gap.giao"


def test_same_body_in_two_documents_of_one_place_shares_an_id():
    _, a = assign("1. Nhiệm vụ\nPhòng Nội vụ chủ trì thực hiện.")
    _, b = assign("1. Nhiệm vụ\nGiao Phòng Nội vụ tổng hợp.")
    _, c = assign("1. Nhiệm vụ\nPhòng Nội vụ chủ trì thực hiện.", DocumentMeta(level="huyện", locality="Yên Thế"))
    assert a[0].agency_id == b[0].agency_id != c[0].agency_id


def test_deadline_of_the_sentence_is_attached():
    text = plan("1. Nhiệm vụ\nUBND các xã hoàn thành kế hoạch trước ngày 30/4/2024.")
    at = text.index("trước ngày 30/4/2024")
    dl = Deadline("trước ngày 30/4/2024", at, at + 20, "date", "2024-04-30", "II.1")
    out = find_assignments(text, segment(text), HUYEN, [dl])
    assert [(a.agency, a.deadline) for a in out] == [("Ủy ban nhân dân các xã", "2024-04-30")]


def test_no_duplicate_records_for_one_mention():
    _, out = assign("1. Công an huyện\n- Chủ trì tuần tra. Chủ trì kiểm tra.\n- Chủ trì truy quét.")
    keys = [(a.agency, a.role, a.section, a.start) for a in out]
    assert len(keys) == len(set(keys))


def test_component_sets_assignments_and_spans():
    from pipeline import nlp as nlp_mod
    from pipeline.extract import agencies  # noqa: F401  (registers the component)

    text = plan("1. Nhiệm vụ\nGiao Phòng Nội vụ chủ trì, phối hợp với Phòng Tư pháp thực hiện.")
    nlp = nlp_mod.blank()
    nlp.add_pipe("kehoach_agencies")
    doc = nlp.make_doc(text)
    doc._.layout = segment(text)
    doc._.meta = HUYEN
    doc._.deadlines = None
    doc = nlp(doc)
    assert {(a.agency, a.role) for a in doc._.assignments} == {("Phòng Nội vụ", "lead"), ("Phòng Tư pháp", "cooperate")}
    assert sorted(s.label_ for s in doc.spans["agencies"]) == ["cooperate", "lead"]


# --- Causes found on held-out plans from other provinces, each with variants as other plans write them.
def _d(*items):
    return {(name.lower(), role) for name, role in items}


NAME_EXTENT = [
    # a capitalised syllable and a verb-like syllable make one word of the name ("Công trình")
    ("compound_syllable_company",
     "1. Nhiệm vụ\nCông ty Cổ phần Công trình đô thị Phú Quốc có trách nhiệm thu gom chất thải rắn hằng ngày.",
     TINH, _d(("Công ty Cổ phần Công trình đô thị Phú Quốc", "lead"))),
    ("compound_syllable_after_a_code",
     "1. Nhiệm vụ\nGiao Công ty TNHH MTV Công trình công cộng Vĩnh Long chủ trì vớt rác trên kênh rạch.",
     TINH, _d(("Công ty TNHH MTV Công trình công cộng Vĩnh Long", "lead"))),
    ("compound_syllable_board",
     "1. Nhiệm vụ\nBan Quản lý Công trình công cộng huyện phối hợp với UBND các xã duy tu đường giao thông.",
     HUYEN, _d(("Ban Quản lý Công trình công cộng huyện", "lead"), ("Ủy ban nhân dân các xã", "cooperate"))),
    ("compound_syllable_one_syllable_place",
     "1. Nhiệm vụ\nPhối hợp với Công ty Cổ phần Môi trường và Công trình đô thị Huế thu gom rác thải.",
     TINH, _d(("Công ty Cổ phần Môi trường và Công trình đô thị Huế", "cooperate"))),
    ("verb_after_a_place_still_ends_the_company",
     "1. Nhiệm vụ\nCông ty Cổ phần Nước sạch Bắc Giang trình UBND tỉnh phương án giá nước.",
     TINH, _d(("Công ty Cổ phần Nước sạch Bắc Giang", "lead"))),
    # a board named with the units it serves
    ("board_of_parents_of_the_schools",
     "1. Nhiệm vụ\nPhối hợp với Ban Đại diện cha mẹ học sinh các trường tuyên truyền đến phụ huynh học sinh.",
     XA, _d(("Ban Đại diện cha mẹ học sinh các trường", "cooperate"))),
    ("board_of_the_markets_in_a_table_cell",
     "1. Phân công\nSTT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian\n"
     "1 | Lấy mẫu xét nghiệm nhanh | Trung tâm Y tế huyện | Ban Quản lý các chợ | Tháng 01/2025",
     HUYEN, _d(("Trung tâm Y tế huyện", "lead"), ("Ban Quản lý các chợ", "cooperate"))),
    ("board_of_the_markets_as_subject",
     "1. Nhiệm vụ\nBan Quản lý các chợ lấy mẫu thực phẩm; phối hợp với Đội Quản lý thị trường số 1 kiểm tra.",
     HUYEN, _d(("Ban Quản lý các chợ", "lead"), ("Đội Quản lý thị trường số 1", "cooperate"))),
    ("board_of_the_tourist_sites_and_parents_of_the_classes",
     "1. Nhiệm vụ\nĐề nghị Ban đại diện cha mẹ học sinh các lớp vận động phụ huynh. "
     "Ban Quản lý các khu du lịch phối hợp với Công an huyện bảo đảm an ninh.",
     HUYEN, _d(("Ban đại diện cha mẹ học sinh các lớp", "requested"), ("Ban Quản lý các khu du lịch", "lead"),
               ("Công an huyện", "cooperate"))),
    # police departments hold verbs and "về" in their names
    ("police_department_by_qua",
     "1. Công an huyện\n- Tổng hợp, báo cáo kết quả gửi UBND huyện và Công an tỉnh Nghệ An "
     "(qua Phòng Cảnh sát điều tra tội phạm về ma túy).",
     HUYEN, _d(("Công an huyện", "lead"), ("Ủy ban nhân dân huyện", "report_to"), ("Công an tỉnh Nghệ An", "report_to"),
               ("Phòng Cảnh sát điều tra tội phạm về ma túy", "report_to"))),
    ("police_team_of_the_district",
     "1. Nhiệm vụ\nĐội Cảnh sát điều tra tội phạm về trật tự xã hội Công an huyện chủ trì truy quét tội phạm.",
     HUYEN, _d(("Đội Cảnh sát điều tra tội phạm về trật tự xã hội Công an huyện", "lead"))),
    ("police_security_departments",
     "1. Nhiệm vụ\nPhòng An ninh chính trị nội bộ phối hợp với Phòng Cảnh sát điều tra tội phạm về kinh tế và chức vụ "
     "xác minh nguồn tin.",
     TINH, _d(("Phòng An ninh chính trị nội bộ", "lead"), ("Phòng Cảnh sát điều tra tội phạm về kinh tế và chức vụ", "cooperate"))),
    # "liên ngành về <field>" inside a name
    ("interagency_board_on_food_safety",
     "1. Phòng Y tế\n- Chủ trì, phối hợp với các thành viên Ban Chỉ đạo liên ngành về ATTP huyện triển khai Kế hoạch; "
     "báo cáo UBND huyện và Ban Chỉ đạo liên ngành về ATTP tỉnh trước ngày 20/02/2025.",
     HUYEN, _d(("Phòng Y tế", "lead"), ("Các thành viên Ban Chỉ đạo liên ngành về an toàn thực phẩm huyện", "cooperate"),
               ("Ủy ban nhân dân huyện", "report_to"), ("Ban Chỉ đạo liên ngành về an toàn thực phẩm tỉnh", "report_to"))),
    ("interagency_team_of_the_district",
     "1. Nhiệm vụ\nĐoàn kiểm tra liên ngành về an toàn thực phẩm của huyện tiến hành kiểm tra các cơ sở.",
     HUYEN, _d(("Đoàn kiểm tra liên ngành về an toàn thực phẩm huyện", "lead"))),
    ("interagency_board_on_epidemics",
     "1. Nhiệm vụ\nTrạm Y tế xã báo cáo Ban Chỉ đạo liên ngành về phòng, chống dịch bệnh xã.",
     XA, _d(("Trạm Y tế xã", "lead"), ("Ban Chỉ đạo liên ngành về phòng, chống dịch bệnh xã", "report_to"))),
    # inspection and working teams
    ("inspection_team_cooperates_when_asked",
     "3. Công an huyện\nChỉ đạo Công an các xã xử lý vi phạm; phối hợp với Đoàn kiểm tra liên ngành huyện khi có yêu cầu.",
     HUYEN, _d(("Công an huyện", "lead"), ("Đoàn kiểm tra liên ngành huyện", "cooperate"))),
    ("numbered_inspection_team",
     "1. Nhiệm vụ\nĐoàn kiểm tra số 1 chủ trì kiểm tra các cơ sở kinh doanh tại chợ Đông Kinh.",
     HUYEN, _d(("Đoàn kiểm tra số 1", "lead"))),
    ("inspection_team_in_a_table",
     "1. Phân công\nSTT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian\n"
     "1 | Kiểm tra liên ngành | Đoàn kiểm tra liên ngành quận | Công an quận; Đội Quản lý thị trường số 1 | Tháng 01/2025",
     HUYEN, _d(("Đoàn kiểm tra liên ngành quận", "lead"), ("Công an quận", "cooperate"),
               ("Đội Quản lý thị trường số 1", "cooperate"))),
    ("working_team_of_the_province",
     "1. Nhiệm vụ\nTổ kiểm tra liên ngành xã phối hợp với Đoàn công tác của tỉnh rà soát hồ sơ.",
     XA, _d(("Tổ kiểm tra liên ngành xã", "lead"), ("Đoàn công tác tỉnh", "cooperate"))),
    # a region named by the places it joins
    ("tax_office_of_a_region",
     "1. Nhiệm vụ\nPhòng TC-KH chủ trì, phối hợp với Chi cục Thuế khu vực Đồng Văn - Mèo Vạc kiểm tra kê khai thuế.",
     HUYEN, _d(("Phòng Tài chính - Kế hoạch", "lead"), ("Chi cục Thuế khu vực Đồng Văn - Mèo Vạc", "cooperate"))),
    ("forest_station_of_a_region",
     "1. Nhiệm vụ\nTrạm Kiểm lâm khu vực Na Hang - Lâm Bình phối hợp với UBND các xã tuần tra rừng.",
     HUYEN, _d(("Trạm Kiểm lâm khu vực Na Hang - Lâm Bình", "lead"), ("Ủy ban nhân dân các xã", "cooperate"))),
    ("insurance_office_of_a_region",
     "1. Nhiệm vụ\nPhối hợp với Bảo hiểm xã hội khu vực Mèo Vạc - Đồng Văn, Phòng Y tế rà soát đối tượng.",
     HUYEN, _d(("Bảo hiểm xã hội khu vực Mèo Vạc - Đồng Văn", "cooperate"), ("Phòng Y tế", "cooperate"))),
    # the units of a body named right after a collective noun
    ("committees_of_the_council",
     "8. Đề nghị Thường trực HĐND huyện, các Ban HĐND huyện\nTăng cường giám sát việc thực hiện Kế hoạch.",
     HUYEN, _d(("Thường trực Hội đồng nhân dân huyện", "requested"), ("Các Ban Hội đồng nhân dân huyện", "requested"))),
    ("committees_of_the_provincial_council",
     "1. Nhiệm vụ\nSở Tư pháp phối hợp với các Ban Hội đồng nhân dân tỉnh thẩm tra dự thảo.",
     TINH, _d(("Sở Tư pháp", "lead"), ("Các Ban Hội đồng nhân dân tỉnh", "cooperate"))),
    ("committees_of_the_commune_council",
     "1. Nhiệm vụ\nĐề nghị các Ban HĐND xã giám sát việc thực hiện.",
     XA, _d(("Các Ban Hội đồng nhân dân xã", "requested"))),
]

CODES = [
    # codes a document defines for itself
    ("code_defined_in_the_purpose",
     "1. Bối cảnh\nPhát huy giá trị Công viên địa chất toàn cầu UNESCO Cao nguyên đá Đồng Văn (CVĐC).\n"
     "2. Nhiệm vụ\nPhòng KT&HT chủ trì, phối hợp với Phòng TN&MT, BQL CVĐC rà soát quy hoạch.",
     HUYEN, _d(("Phòng Kinh tế và Hạ tầng", "lead"), ("Phòng Tài nguyên và Môi trường", "cooperate"),
               ("Ban Quản lý Công viên địa chất toàn cầu UNESCO Cao nguyên đá Đồng Văn", "cooperate"))),
    ("code_defined_by_goi_tat",
     "1. Nhiệm vụ\nBan Quản lý Khu kinh tế tỉnh (sau đây gọi tắt là BQLKKT) chủ trì rà soát quy hoạch. "
     "Sở Xây dựng phối hợp với BQLKKT thẩm định.",
     TINH, _d(("Ban Quản lý Khu kinh tế tỉnh", "lead"), ("Sở Xây dựng", "lead"), ("Ban Quản lý Khu kinh tế tỉnh", "cooperate"))),
    ("code_of_a_centre",
     "1. Nhiệm vụ\nTrung tâm Phục vụ hành chính công tỉnh (TTPVHCC) tiếp nhận hồ sơ. Các sở gửi kết quả về TTPVHCC.",
     TINH, _d(("Trung tâm Phục vụ hành chính công tỉnh", "lead"), ("Các sở", "lead"),
              ("Trung tâm Phục vụ hành chính công tỉnh", "report_to"))),
    ("code_whose_name_holds_codes",
     "1. Nhiệm vụ\nVăn phòng Điều phối các Chương trình MTQG tỉnh (VPĐP) tổng hợp. Giao VPĐP theo dõi tiến độ.",
     TINH, _d(("Văn phòng Điều phối các Chương trình mục tiêu quốc gia tỉnh", "lead"))),
    # border posts and centres written with codes
    ("border_posts",
     "1. Nhiệm vụ\nCA huyện chủ trì, phối hợp với Đồn BP Lũng Cú, Đồn BP Sơn Vĩ quản lý cư trú của khách du lịch.",
     HUYEN, _d(("Công an huyện", "lead"), ("Đồn Biên phòng Lũng Cú", "cooperate"), ("Đồn Biên phòng Sơn Vĩ", "cooperate"))),
    ("border_post_of_a_border_gate",
     "1. Nhiệm vụ\nĐồn BP cửa khẩu quốc tế Nậm Cắn tăng cường kiểm soát người, phương tiện qua cửa khẩu.",
     HUYEN, _d(("Đồn Biên phòng cửa khẩu quốc tế Nậm Cắn", "lead"))),
    ("culture_centre_codes",
     "1. Nhiệm vụ\nPhòng VH&TT chủ trì, phối hợp với TTVH-TT&TT huyện tổ chức Lễ hội. "
     "TTVH-TT huyện xây dựng chuyên mục quảng bá.",
     HUYEN, _d(("Phòng Văn hóa và Thông tin", "lead"), ("Trung tâm Văn hóa, Thể thao và Truyền thông huyện", "cooperate"),
               ("Trung tâm Văn hóa - Thể thao huyện", "lead"))),
    ("vocational_centre_codes",
     "1. Nhiệm vụ\nPhòng LĐ-TB&XH phối hợp với TT GDNN-GDTX huyện mở lớp đào tạo nghề; TTGDTX huyện tuyển sinh.",
     HUYEN, _d(("Phòng Lao động - Thương binh và Xã hội", "lead"),
               ("Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện", "cooperate"),
               ("Trung tâm Giáo dục thường xuyên huyện", "lead"))),
]

HEADINGS = [
    # a heading body with a bracketed note on its standing
    ("heading_with_standing_note",
     "1. Công an huyện (Cơ quan thường trực Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào "
     "toàn dân bảo vệ an ninh Tổ quốc huyện)\n- Chủ trì tham mưu UBND huyện triển khai Kế hoạch.",
     HUYEN, _d(("Công an huyện", "lead"))),
    ("heading_with_standing_note_that_parses",
     "1. Phòng Y tế quận (Cơ quan thường trực Ban Chỉ đạo liên ngành về ATTP quận)\n- Tổng hợp kết quả thực hiện.",
     HUYEN, _d(("Phòng Y tế quận", "lead"))),
    ("heading_with_lower_case_note",
     "2. Phòng Văn hóa và Thông tin (cơ quan thường trực)\nTham mưu tổ chức các hoạt động hưởng ứng.",
     HUYEN, _d(("Phòng Văn hóa và Thông tin", "lead"))),
    ("label_with_standing_note",
     "1. Sở Y tế (Cơ quan thường trực Ban Chỉ đạo tỉnh): Chủ trì theo dõi tình hình dịch bệnh.",
     TINH, _d(("Sở Y tế", "lead"))),
    # hamlets of the south and the highlands are bodies like thôn and xóm
    ("hamlets_khom_heading",
     "6. Các khóm\n- Rà soát thanh niên trong độ tuổi, báo cáo về Ban Chỉ huy Quân sự xã.\n"
     "- Phối hợp với Công an xã quản lý công dân.",
     XA, _d(("Các khóm", "lead"), ("Các khóm", "cooperate"), ("Ban Chỉ huy Quân sự xã", "report_to"),
            ("Công an xã", "cooperate"))),
    ("hamlets_khom_subject",
     "1. Nhiệm vụ\nCác khóm phối hợp với Ban Chỉ huy Quân sự thị trấn treo băng rôn, khẩu hiệu.",
     XA, _d(("Các khóm", "lead"), ("Ban Chỉ huy Quân sự thị trấn", "cooperate"))),
    ("hamlets_ap_khom_and_soc",
     "1. Nhiệm vụ\nCác ấp, khóm tổ chức ra quân vệ sinh môi trường. Các sóc vận động đồng bào tham gia.",
     XA, _d(("Các ấp, khóm", "lead"), ("Các sóc", "lead"))),
    ("hamlets_plei",
     "1. Nhiệm vụ\nGiao các plei, buôn tổ chức họp dân triển khai Kế hoạch.",
     XA, _d(("Các plei, buôn", "lead"),)),
]

REPORTS = [
    ("report_asking_for_guidance",
     "3. Xét duyệt chính trị\nTrường hợp công dân có vấn đề về tiêu chuẩn chính trị, Công an thị trấn báo cáo xin ý "
     "kiến Công an huyện Mỹ Xuyên trước khi kết luận.",
     XA, _d(("Công an thị trấn", "lead"), ("Công an huyện Mỹ Xuyên", "report_to"))),
    ("report_asking_for_direction",
     "1. Nhiệm vụ\nPhòng Nội vụ tổng hợp, báo cáo, xin ý kiến chỉ đạo của UBND huyện.",
     HUYEN, _d(("Phòng Nội vụ", "lead"), ("Ủy ban nhân dân huyện", "report_to"))),
    ("report_by_telephone",
     "2.2. Xử lý vụ việc\nKhi xảy ra vụ việc, Hiệu trưởng nhà trường phải báo cáo bằng điện thoại cho Công an phường và "
     "Phòng Văn hóa - Xã hội phường.",
     XA, _d(("Hiệu trưởng nhà trường", "lead"), ("Công an phường", "report_to"), ("Phòng Văn hóa - Xã hội phường", "report_to"))),
    ("report_at_once",
     "1. Nhiệm vụ\nBan Chỉ huy Quân sự xã báo cáo nhanh về Ban Chỉ huy Quân sự huyện.",
     XA, _d(("Ban Chỉ huy Quân sự xã", "lead"), ("Ban Chỉ huy Quân sự huyện", "report_to"))),
    ("report_in_writing",
     "1. Nhiệm vụ\nCác thôn báo cáo bằng văn bản về UBND xã (qua Công chức Văn hóa - Xã hội).",
     XA, _d(("Các thôn", "lead"), ("Ủy ban nhân dân xã", "report_to"), ("Công chức Văn hóa - Xã hội", "report_to"))),
]

SUBJECTS = [
    ("head_of_the_school_after_a_time_clause",
     "1. Nhiệm vụ\nKhi phát hiện học sinh có dấu hiệu bị bạo lực, Hiệu trưởng nhà trường chủ động xử lý.",
     XA, _d(("Hiệu trưởng nhà trường", "lead"),)),
    ("clinics_after_a_time_clause",
     "1. Nhiệm vụ\nKhi phát hiện ca nghi ngộ độc thực phẩm, các cơ sở khám bệnh, chữa bệnh trên địa bàn báo cáo "
     "Trung tâm Y tế huyện để phối hợp xử lý.",
     HUYEN, _d(("Các cơ sở khám bệnh, chữa bệnh", "lead"), ("Trung tâm Y tế huyện", "report_to"))),
    ("heads_of_offices_during_an_event",
     "1. Nhiệm vụ\nTrong thời gian nghỉ Tết, Thủ trưởng cơ quan, đơn vị bố trí lực lượng trực.",
     HUYEN, _d(("Thủ trưởng cơ quan, đơn vị", "lead"),)),
    ("training_institutions_after_a_clause",
     "1. Nhiệm vụ\nSau khi kết thúc khóa học, các cơ sở giáo dục nghề nghiệp báo cáo Sở Lao động - Thương binh và Xã hội.",
     TINH, _d(("Các cơ sở giáo dục nghề nghiệp", "lead"), ("Sở Lao động - Thương binh và Xã hội", "report_to"))),
    # a provincial telecoms branch is a body
    ("telecoms_branch_second_in_a_list",
     "1. Nhiệm vụ\nPhòng Giáo dục và Đào tạo chủ trì, phối hợp với Trung tâm Chính trị thành phố, Viễn thông Gia Lai "
     "tổ chức tập huấn.",
     HUYEN, _d(("Phòng Giáo dục và Đào tạo", "lead"), ("Trung tâm Chính trị thành phố", "cooperate"),
               ("Viễn thông Gia Lai", "cooperate"))),
    ("telecoms_branches_as_subjects",
     "1. Nhiệm vụ\nViễn thông Lạng Sơn, Viettel Lạng Sơn bảo đảm hạ tầng mạng. "
     "Các doanh nghiệp viễn thông phối hợp với Viễn thông Cao Bằng.",
     TINH, _d(("Viễn thông Lạng Sơn", "lead"), ("Viettel Lạng Sơn", "lead"), ("Các doanh nghiệp viễn thông", "lead"),
              ("Viễn thông Cao Bằng", "cooperate"))),
    ("telecoms_branch_requested",
     "1. Nhiệm vụ\nĐề nghị Viễn thông Hà Giang, Bưu điện tỉnh hỗ trợ đường truyền tại các điểm du lịch.",
     TINH, _d(("Viễn thông Hà Giang", "requested"), ("Bưu điện tỉnh", "requested"))),
    # a collective narrowed by a "có" clause keeps it
    ("communes_with_tourist_sites",
     "1. Nhiệm vụ\nUBND các xã có điểm du lịch cộng đồng xây dựng ít nhất 01 sản phẩm du lịch đặc trưng.",
     HUYEN, _d(("Ủy ban nhân dân các xã có điểm du lịch cộng đồng", "lead"),)),
    ("schools_with_boarders",
     "1. Nhiệm vụ\nCác trường có học sinh bán trú tổ chức bữa ăn bảo đảm an toàn thực phẩm.",
     HUYEN, _d(("Các trường có học sinh bán trú", "lead"),)),
    ("co_with_an_object_is_the_predicate",
     "1. Nhiệm vụ\nUBND các xã có văn bản gửi Phòng Nội vụ. UBND các xã có trách nhiệm tổ chức thực hiện.",
     HUYEN, _d(("Ủy ban nhân dân các xã", "lead"), ("Phòng Nội vụ", "report_to"))),
]

TARGETS_ARE_NO_BODIES = [
    ("percent_of_radio_stations",
     "1. Chỉ tiêu cụ thể\n1.1. Lĩnh vực văn hóa, thông tin: 100% đài truyền thanh cấp xã xây dựng chuyên mục về bình đẳng giới.",
     TINH, set()),
    ("percent_of_schools",
     "1. Kết quả cần đạt\n- 100% các trường học tổ chức ký cam kết phòng, chống bạo lực học đường.",
     HUYEN, set()),
    ("percent_of_offices",
     "1. Cải cách hành chính\n95% cơ quan, đơn vị sử dụng văn bản điện tử trong trao đổi công việc.",
     HUYEN, set()),
    ("percent_with_a_cue_is_still_a_body",
     "1. Nhiệm vụ\nĐề nghị 100% các tổ chức CT-XH huyện, xã xây dựng kế hoạch.",
     HUYEN, _d(("Các tổ chức chính trị - xã hội huyện, xã", "requested"),)),
]

HELD_OUT_CAUSES = NAME_EXTENT + CODES + HEADINGS + REPORTS + SUBJECTS + TARGETS_ARE_NO_BODIES


@pytest.mark.parametrize("body,meta,expected", [c[1:] for c in HELD_OUT_CAUSES], ids=[c[0] for c in HELD_OUT_CAUSES])
def test_held_out_causes(body, meta, expected):
    assert pairs(body, meta) == expected


CLOSING = [
    # a dated duty in the closing paragraph gives whom it reports to, in the last numbered section
    ("dated_duty_after_the_closing_formula",
     "1. Phòng Nội vụ\nTheo dõi việc thực hiện.\n\nTrên đây là Kế hoạch quản lý chất thải rắn; UBND huyện yêu cầu các cơ "
     "quan, đơn vị nghiêm túc triển khai thực hiện. Định kỳ trước ngày 30 tháng 11 hằng năm, các đơn vị báo cáo kết quả "
     "về UBND huyện (qua Phòng Kinh tế và Hạ tầng) để tổng hợp./.",
     {("Phòng Nội vụ", "lead", "II.1"), ("Ủy ban nhân dân huyện", "report_to", "II.1"),
      ("Phòng Kinh tế và Hạ tầng", "report_to", "II.1")}),
    ("dated_duty_in_the_call_to_implement",
     "1. Phòng Nội vụ\nTheo dõi việc thực hiện.\n\nTrên đây là Kế hoạch phòng, chống sốt xuất huyết. Yêu cầu Thủ trưởng "
     "các cơ quan, đơn vị triển khai thực hiện nghiêm túc; trước ngày 25/11/2024 báo cáo tổng kết về UBND huyện "
     "(qua Trung tâm Y tế huyện)./.",
     {("Phòng Nội vụ", "lead", "II.1"), ("Ủy ban nhân dân huyện", "report_to", "II.1"),
      ("Trung tâm Y tế huyện", "report_to", "II.1")}),
    ("difficulties_with_nếu_are_the_formula",
     "1. Phòng Nội vụ\nTheo dõi việc thực hiện.\n\nNếu có khó khăn, vướng mắc, các đơn vị báo cáo về UBND huyện "
     "(qua Phòng Nội vụ) để xem xét, giải quyết./.",
     {("Phòng Nội vụ", "lead", "II.1")}),
    ("undated_call_gives_nothing",
     "1. Phòng Nội vụ\nTheo dõi việc thực hiện.\n\nTrên đây là Kế hoạch tuyển quân năm 2025. Đề nghị các ngành, đoàn thể, "
     "các khóm nghiêm túc triển khai thực hiện./.",
     {("Phòng Nội vụ", "lead", "II.1")}),
]


@pytest.mark.parametrize("body,expected", [c[1:] for c in CLOSING], ids=[c[0] for c in CLOSING])
def test_closing_paragraph_variants(body, expected):
    _, out = assign(body)
    assert {(a.agency, a.role, a.section) for a in out} == expected


SUB_ITEMS = [
    # numbered sub-items with nothing under them are the heading body's tasks, each in its own section
    ("office_with_numbered_tasks",
     "1. Phòng Văn hóa - Xã hội xã\n1.1. Là cơ quan thường trực, chủ trì tham mưu UBND xã triển khai Kế hoạch.\n"
     "1.2. Tổng hợp, báo cáo UBND xã và Sở Giáo dục và Đào tạo kết quả thực hiện.",
     XA, {("Phòng Văn hóa - Xã hội xã", "lead", "II.1.1"), ("Phòng Văn hóa - Xã hội xã", "lead", "II.1.2"),
          ("Ủy ban nhân dân xã", "report_to", "II.1.2"), ("Sở Giáo dục và Đào tạo", "report_to", "II.1.2")}),
    ("schools_with_numbered_tasks",
     "4. Các trường học trên địa bàn xã\n4.1. Xây dựng kế hoạch phòng, chống bạo lực học đường.\n"
     "4.2. Phối hợp với Công an xã tuần tra khu vực cổng trường.",
     XA, {("Các trường học", "lead", "II.4.1"), ("Các trường học", "cooperate", "II.4.2"),  # Conventions: drops "trên địa bàn"
          ("Công an xã", "cooperate", "II.4.2")}),
    ("requested_body_with_numbered_tasks",
     "3. Đề nghị Hội Liên hiệp Phụ nữ huyện\n3.1. Chủ trì tổ chức diễn đàn phụ nữ.\n3.2. Tuyên truyền, vận động hội viên.",
     HUYEN, {("Hội Liên hiệp Phụ nữ huyện", "requested", "II.3"), ("Hội Liên hiệp Phụ nữ huyện", "lead", "II.3.1")}),
    ("topic_sub_heading_with_bullets_gives_no_lead_of_its_own",
     "2. Phòng Văn hóa và Thông tin\n2.1. Công tác tuyên truyền\n- Phối hợp với Đài Truyền thanh huyện đưa tin.",
     HUYEN, {("Phòng Văn hóa và Thông tin", "cooperate", "II.2.1"), ("Đài Truyền thanh huyện", "cooperate", "II.2.1")}),
]


@pytest.mark.parametrize("body,meta,expected", [c[1:] for c in SUB_ITEMS], ids=[c[0] for c in SUB_ITEMS])
def test_numbered_sub_items_of_a_heading_body(body, meta, expected):
    _, out = assign(body, meta)
    assert {(a.agency, a.role, a.section) for a in out} == expected


# --- holdout2 causes: posts of residential groups, branch heads, narrowed collectives, activity nouns,
# funding sources and members deployed by "phân công"
HOLDOUT2_CAUSES = [
    # a post of a residential unit as a heading body
    ("to_truong_heading",
     "1. Tổ trưởng tổ dân phố\nTuyên truyền đến từng hộ gia đình.",
     XA, _d(("Tổ trưởng tổ dân phố", "lead"),)),
    ("to_truong_khu_pho_subject",
     "1. Nhiệm vụ\nTổ trưởng khu phố vận động các hộ kinh doanh ký cam kết.",
     XA, _d(("Tổ trưởng khu phố", "lead"),)),
    ("to_truong_cac_to_dan_pho",
     "1. Tổ trưởng các tổ dân phố\nNắm tình hình, báo cáo về UBND xã.",
     XA, _d(("Tổ trưởng các tổ dân phố", "lead"), ("Ủy ban nhân dân xã", "report_to"))),
    ("giao_to_truong_thon",
     "1. Nhiệm vụ\nGiao Tổ trưởng tổ dân phố lập danh sách hộ gia đình.",
     XA, _d(("Tổ trưởng tổ dân phố", "lead"),)),
    # Chi hội / Chi đoàn / Chi bộ heads
    ("chi_hoi_requested_third",
     "1. Đề nghị Ủy ban MTTQ Việt Nam xã, Hội Nông dân xã, Chi hội Nghề cá xã\nTuyên truyền vận động hội viên.",
     XA, _d(("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "requested"), ("Hội Nông dân xã", "requested"),
            ("Chi hội Nghề cá xã", "requested"))),
    ("chi_hoi_phu_nu_thon_subject",
     "1. Nhiệm vụ\nChi hội Phụ nữ thôn Nà Pàn vận động hội viên tham gia.",
     XA, _d(("Chi hội Phụ nữ thôn Nà Pàn", "lead"),)),
    ("chi_doan_heading",
     "1. Chi đoàn thôn Bản Chu\nTổ chức ra quân vệ sinh môi trường.",
     XA, _d(("Chi đoàn thôn Bản Chu", "lead"),)),
    ("chi_doan_cooperate",
     "1. Nhiệm vụ\nCông an xã chủ trì, phối hợp với Chi đoàn Thanh niên thôn Bản Chu tuần tra.",
     XA, _d(("Công an xã", "lead"), ("Chi đoàn Thanh niên thôn Bản Chu", "cooperate"))),
    ("chi_bo_giao",
     "1. Nhiệm vụ\nGiao Chi bộ thôn Bản Chu lãnh đạo thực hiện.",
     XA, _d(("Chi bộ thôn Bản Chu", "lead"),)),
    # a collective narrowed to a kind of place keeps the narrowing words
    ("truong_cac_thon_ven_bien",
     "1. Trưởng các thôn ven biển\nTuyên truyền đến ngư dân.",
     XA, _d(("Trưởng các thôn ven biển", "lead"),)),
    ("cac_xa_bien_gioi_subject",
     "1. Nhiệm vụ\nCác xã biên giới chủ trì tuần tra.",
     HUYEN, _d(("Các xã biên giới", "lead"),)),
    ("cac_thon_vung_cao_heading",
     "1. Các thôn vùng cao\nRà soát hộ nghèo.",
     XA, _d(("Các thôn vùng cao", "lead"),)),
    ("cac_xa_mien_nui_cooperate",
     "1. Nhiệm vụ\nPhòng Nội vụ chủ trì, phối hợp với các xã miền núi thực hiện.",
     HUYEN, _d(("Phòng Nội vụ", "lead"), ("Các xã miền núi", "cooperate"))),
    # "Thanh tra" listed with other activities is an activity
    ("thanh_tra_kiem_tra_heading",
     "1. Thanh tra, kiểm tra, xử lý vi phạm\nCông an xã chủ trì kiểm tra.",
     XA, _d(("Công an xã", "lead"),)),
    ("thanh_tra_va_kiem_tra_heading",
     "1. Thanh tra và kiểm tra\nKiểm tra đột xuất các cơ sở kinh doanh.",
     XA, set()),
    ("thanh_tra_giam_sat_sentence",
     "1. Nhiệm vụ\nThanh tra, giám sát việc thực hiện chính sách; Phòng Nội vụ chủ trì.",
     HUYEN, _d(("Phòng Nội vụ", "lead"),)),
    ("thanh_tra_huyen_is_a_body",
     "1. Thanh tra huyện\nThanh tra, kiểm tra việc thực hiện quy định.",
     HUYEN, _d(("Thanh tra huyện", "lead"),)),
    # a fund or budget named as a source of money is no body given a task
    ("fund_as_funding_source",
     "1. Kinh phí\nTừ nguồn ngân sách xã được giao trong dự toán hằng năm, Quỹ Phòng, chống tác hại của thuốc lá "
     "và các nguồn hợp pháp khác.",
     XA, set()),
    ("fund_natural_disaster_source",
     "1. Kinh phí\nNguồn ngân sách huyện, Quỹ Phòng, chống thiên tai và nguồn xã hội hóa.",
     HUYEN, set()),
    ("kinh_phi_tu_fund",
     "1. Kinh phí\nKinh phí từ Quỹ Khuyến học huyện, Hội Khuyến học xã vận động.",
     HUYEN, set()),
    ("funding_giao_x_still_lead",
     "1. Kinh phí\nTừ nguồn ngân sách huyện. Giao Phòng Tài chính - Kế hoạch tham mưu bố trí kinh phí.",
     HUYEN, _d(("Phòng Tài chính - Kế hoạch", "lead"),)),
    # members deployed by "phân công" get no role; a body given a task by it does
    ("phan_cong_thanh_vien_bcd",
     "1. Công tác chỉ đạo\n1.1. Phân công thành viên Ban Chỉ đạo phụ trách địa bàn; duy trì giao ban hằng tháng.",
     XA, set()),
    ("phan_cong_cac_thanh_vien_bcd",
     "1. Công tác chỉ đạo\nPhân công các thành viên Ban Chỉ đạo xã theo dõi từng thôn.",
     XA, set()),
    ("phan_cong_can_bo",
     "1. Công tác chỉ đạo\nPhân công cán bộ Công an xã phụ trách từng thôn.",
     XA, set()),
    ("phan_cong_body_is_lead",
     "1. Công tác chỉ đạo\nPhân công Công an xã chủ trì bảo đảm an ninh trật tự.",
     XA, _d(("Công an xã", "lead"),)),
]


@pytest.mark.parametrize("body,meta,expected", [c[1:] for c in HOLDOUT2_CAUSES], ids=[c[0] for c in HOLDOUT2_CAUSES])
def test_holdout2_causes(body, meta, expected):
    assert pairs(body, meta) == expected


@pytest.mark.parametrize("heading,canonical", [
    ("Các trường học trên địa bàn xã", "Các trường học"),
    ("Các doanh nghiệp trên địa bàn xã Hải Yến", "Các doanh nghiệp"),
    ("Các cơ sở giáo dục trên địa bàn xã", "Các cơ sở giáo dục"),
    ("Các hợp tác xã trên địa bàn xã", "Các hợp tác xã"),
    ("Các cơ quan, trường học trên địa bàn xã", "Các cơ quan, trường học trên địa bàn xã"),  # a list of kinds keeps it
])
def test_one_kind_collective_drops_its_area(heading, canonical):
    _, out = assign(f"1. {heading}\nTuyên truyền cho học sinh và nhân dân.", XA)
    assert [(a.agency, a.role) for a in out] == [(canonical, "lead")]


HOLDOUT3_CAUSES = [
    # a ward's area heads and area police officers
    ("truong_khu_vuc_phoi_hop",
     "1. Trưởng khu vực\nPhối hợp với Cảnh sát khu vực thông báo, vận động công dân đến làm thủ tục.",
     XA, _s(("Trưởng khu vực", "cooperate"), ("Cảnh sát khu vực", "cooperate"))),
    ("truong_khu_vuc_subject",
     "1. Nhiệm vụ\nTrưởng khu vực chủ trì họp dân, phối hợp với Công an xã rà soát nhân khẩu.",
     XA, _s(("Trưởng khu vực", "lead"), ("Công an xã", "cooperate"))),
    ("canh_sat_khu_vuc_lead",
     "1. Nhiệm vụ\nGiao Cảnh sát khu vực rà soát, lập danh sách công dân chưa làm căn cước.",
     XA, _s(("Cảnh sát khu vực", "lead"),)),
    # "Ban Chỉ đạo <level> về <field>" is one name
    ("bcd_quoc_gia_ve",
     "1. Sở Nông nghiệp và Môi trường\nChủ trì tổng hợp, báo cáo UBND tỉnh, Ban Chỉ đạo quốc gia về phòng, chống thiên tai.",
     TINH, _s(("Sở Nông nghiệp và Môi trường", "lead"), ("Ủy ban nhân dân tỉnh", "report_to"),
              ("Ban Chỉ đạo quốc gia về phòng, chống thiên tai", "report_to"))),
    ("bcd_huyen_ve",
     "1. Nhiệm vụ\nPhòng Nội vụ chủ trì, báo cáo Ban Chỉ đạo huyện về chuyển đổi số.",
     HUYEN, _s(("Phòng Nội vụ", "lead"), ("Ban Chỉ đạo huyện về chuyển đổi số", "report_to"))),
    ("bcd_tinh_ve",
     "1. Nhiệm vụ\nSở Y tế chủ trì, báo cáo Ban Chỉ đạo tỉnh về phòng, chống tác hại của thuốc lá.",
     TINH, _s(("Sở Y tế", "lead"), ("Ban Chỉ đạo tỉnh về phòng, chống tác hại của thuốc lá", "report_to"))),
]


@pytest.mark.parametrize("body,meta,expected", [c[1:] for c in HOLDOUT3_CAUSES], ids=[c[0] for c in HOLDOUT3_CAUSES])
def test_holdout3_causes(body, meta, expected):
    assert pairs(body, meta) == expected
