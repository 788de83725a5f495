"""The canonical agency registry and the abbreviation lexicon behind it."""
from __future__ import annotations

import re

import pytest
import yaml
from rapidfuzz import fuzz

from pipeline import registry as R
from pipeline.records import DocumentMeta
from pipeline.resources import model_path

HUYEN = DocumentMeta(level="huyện", locality="Cao Lộc", province="Lạng Sơn")
TINH = DocumentMeta(level="tỉnh", locality="Lạng Sơn", province="Lạng Sơn")


# ---------------------------------------------------------------- the lexicons

def test_abbreviation_lexicon_loads_with_unique_keys():
    raw = model_path("lexicons", "abbreviations.yml").read_text(encoding="utf-8")
    keys = re.findall(r"^([^#\s][^:\n]*):", raw, re.M)
    assert len(keys) == len(set(keys)) > 100
    assert len(R.load_lexicon("abbreviations.yml")) == len(keys)


def test_lexicon_loader_rejects_duplicate_keys(tmp_path, monkeypatch):
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "dup.yml").write_text("UBND: Ủy ban nhân dân\nUBND: Ủy ban\n", encoding="utf-8")
    monkeypatch.setattr(R, "model_path", lambda *parts: tmp_path.joinpath(*parts))
    with pytest.raises(ValueError, match="duplicate key 'UBND'"):
        R.load_lexicon("dup.yml")
    assert yaml.safe_load("a: 1\na: 2\n") == {"a": 2}  # what the plain loader would have let through


def test_agency_kinds_lexicon_has_unique_known_bodies():
    raw = model_path("lexicons", "agency_kinds.yml").read_text(encoding="utf-8")
    section = raw.split("known_bodies:", 1)[1]
    names = re.findall(r"^  ([^\s#][^:\n]*):", section, re.M)
    assert len(names) == len(set(names)) == len(R.known_bodies())


def _context_for(a: R.Abbreviation) -> tuple[str, str]:
    """A phrase where the abbreviation must expand, and the expansion expected in it."""
    if a.dash_only:
        return f"Công chức Tư pháp - {a.key}", a.full
    if a.preceded_by is not None:
        return f"Đồn {a.key} Lũng Cú", a.full
    if a.before is not None:
        follow = {"Trung tâm": " Văn hóa huyện", "Thường trực": " Huyện ủy", "Tài chính": " huyện", "Y tế": " huyện",
                  "thành phố": " Lạng Sơn", "thị xã": " Sơn Tây"}[a.full]
        return f"{a.key}{follow}", a.full
    return f"Ban {a.key} huyện", a.full


@pytest.mark.parametrize("abbr", R.abbreviations(), ids=lambda a: f"{a.key}->{a.full}")
def test_every_abbreviation_expands_where_it_is_unambiguous(abbr):
    phrase, full = _context_for(abbr)
    assert full in R.expand(phrase)


def test_ambiguous_abbreviations_expand_only_in_context():
    assert R.expand("TT Huyện ủy") == "Thường trực Huyện ủy"
    assert R.expand("TT Văn hóa huyện") == "Trung tâm Văn hóa huyện"
    assert R.expand("TT khác") == "TT khác"
    assert R.expand("Công chức Tư pháp – HT") == "Công chức Tư pháp – Hộ tịch"
    assert R.expand("mã HT") == "mã HT"
    assert R.expand("Kho bạc NN") == "Kho bạc NN"


def test_abbreviation_variants_with_va_and_spaces():
    for written in ("Phòng NN&PTNT", "Phòng NN và PTNT", "Phòng NN & PTNT", "Phòng Nông nghiệp và PTNT"):
        assert R.expand(written) == "Phòng Nông nghiệp và Phát triển nông thôn"
    assert R.expand("Ủy ban MTTQ VN huyện") == "Ủy ban Mặt trận Tổ quốc Việt Nam huyện"
    assert R.expand("UBMTTQVN huyện") == "Ủy ban Mặt trận Tổ quốc Việt Nam huyện"


def test_expansion_maps_back_to_the_source():
    text = "Giao Phòng NN&PTNT chủ trì"
    out, starts, ends = R.expand_mapped(text)
    i = out.index("Nông")
    j = out.index("thôn") + len("thôn")
    assert text[starts[i]:ends[j - 1]] == "NN&PTNT"


# ---------------------------------------------------------------- the registry

KNOWN = [(name, alias) for name, aliases in R.known_bodies() for alias in aliases]


@pytest.mark.parametrize("name,alias", KNOWN, ids=[f"{a}" for _, a in KNOWN])
def test_every_alias_resolves_to_its_own_body_only(name, alias):
    reg = R.seeded_registry()
    own = reg.match(name)
    found = reg.candidates(alias)
    assert [e for e, _ in found] == [own]


def test_seeded_registry_has_one_entry_per_known_body():
    assert len(R.seeded_registry()) == len(R.known_bodies())


def test_fuzzy_score_alone_confuses_departments_but_the_registry_does_not():
    assert fuzz.WRatio("Phòng NN&PTNT", "Phòng Nông nghiệp và Phát triển nông thôn") == pytest.approx(85.5, abs=0.1)
    assert fuzz.WRatio("Phòng NN&PTNT", "Phòng Tài nguyên và Môi trường") == pytest.approx(85.5, abs=0.1)
    reg = R.AgencyRegistry()
    nn = reg.resolve("Phòng Nông nghiệp và Phát triển nông thôn", meta=HUYEN)
    tn = reg.resolve("Phòng Tài nguyên và Môi trường", meta=HUYEN)
    assert nn is not tn
    assert reg.resolve("Phòng NN&PTNT", meta=HUYEN) is nn
    assert reg.resolve("Phòng TN&MT", meta=HUYEN) is tn


def test_communes_with_close_names_stay_apart():
    assert fuzz.WRatio("UBND xã Tân Liên", "UBND xã Tân Thành") < 85  # close, and the place must agree exactly
    reg = R.AgencyRegistry()
    a = reg.resolve("UBND xã Tân Liên")
    b = reg.resolve("UBND xã Tân Thành")
    assert a is not b and (a.locality, b.locality) == ("Tân Liên", "Tân Thành")
    assert reg.resolve("Ủy ban nhân dân xã Tân Liên") is a


def test_same_kind_in_two_places_is_two_bodies_of_one_kind():
    reg = R.AgencyRegistry()
    cao_loc = reg.resolve("Phòng Tài chính - Kế hoạch", meta=HUYEN)
    yen_the = reg.resolve("Phòng Tài chính - Kế hoạch", meta=DocumentMeta(level="huyện", locality="Yên Thế"))
    assert cao_loc is not yen_the
    assert cao_loc.kind == yen_the.kind == "Phòng Tài chính - Kế hoạch"
    assert (cao_loc.level, cao_loc.locality) == ("huyện", "Cao Lộc")


def test_spelling_slips_merge_at_the_shipped_threshold():
    reg = R.AgencyRegistry()
    e = reg.resolve("Phòng Tài nguyên và Môi trường", meta=HUYEN)
    assert reg.resolve("Phòng Tài nguyên và Môi truờng", meta=HUYEN) is e
    assert reg.resolve("Phòng Tài chính-Kế hoạch", meta=HUYEN) is not e
    assert reg.resolve("Sở Ngoại vụ") is not reg.resolve("Sở Nội vụ")


def test_level_and_place_from_the_document_when_the_name_says_only_huyen():
    reg = R.AgencyRegistry()
    e = reg.resolve("UBND huyện", meta=HUYEN)
    assert (e.kind, e.level, e.locality) == ("Ủy ban nhân dân", "huyện", "Cao Lộc")
    assert reg.resolve("Ủy ban nhân dân huyện Cao Lộc", meta=HUYEN) is e
    s = reg.resolve("Sở Y tế", meta=HUYEN)
    assert (s.level, s.locality) == ("tỉnh", "Lạng Sơn")
    assert reg.resolve("UBND huyện", level="huyện", locality="Cao Lộc").agency_id == e.agency_id


def test_agency_id_is_stable_and_short():
    a = R.AgencyRegistry().resolve("Phòng Nội vụ", meta=HUYEN)
    b = R.AgencyRegistry().resolve("Phòng NV", meta=HUYEN)
    assert a.agency_id == b.agency_id and re.fullmatch(r"[0-9a-f]{12}", a.agency_id)
    assert a.agency_id == R.agency_id("Phòng Nội vụ", "huyện", "Cao Lộc")


def test_entries_keep_their_aliases():
    reg = R.AgencyRegistry()
    reg.resolve("Phòng NN&PTNT", meta=HUYEN)
    reg.resolve("Phòng Nông nghiệp và PTNT", meta=HUYEN)
    (entry,) = reg.entries()
    assert {"Phòng NN&PTNT", "Phòng Nông nghiệp và PTNT", "Phòng Nông nghiệp và Phát triển nông thôn"} <= set(entry.aliases)


# ---------------------------------------------------------------- names

@pytest.mark.parametrize("mention,canonical", [
    ("Văn phòng HĐND&UBND huyện", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"),
    ("Đề nghị 100% các tổ chức CT-XH huyện, xã", "Các tổ chức chính trị - xã hội huyện, xã"),
    ("15 xóm", "Các xóm"),
    ("Giao UBND xã Tân Liên", "Ủy ban nhân dân xã Tân Liên"),
    ("các cơ quan, đơn vị có liên quan", "Các cơ quan, đơn vị liên quan"),
    ("Ban chỉ đạo thực hiện các Chương trình MTQG huyện", "Ban Chỉ đạo các Chương trình mục tiêu quốc gia huyện"),
    ("Văn phòng điều phối xây dựng NTM huyện", "Văn phòng Điều phối nông thôn mới huyện"),
    ("Ông Hoàng Văn Vãn, CC địa chính – NN- XD - MT xã Hải Yến",
     "Công chức địa chính - Nông nghiệp - xây dựng - Môi trường xã Hải Yến"),
    ("ông Phạm Thái Dũng Công chức Văn hóa – xã hội", "Công chức Văn hóa - xã hội"),
    ("các tổ chức chính trị, xã hội xã", "Các tổ chức chính trị - xã hội xã"),
    ("các phòng, ban ngành, đoàn thể huyện", "Các phòng, ban, ngành, đoàn thể huyện"),
    ("UBND các xã trên địa bàn huyện", "Ủy ban nhân dân các xã"),
    ("Ban giảm nghèo của xã", "Ban giảm nghèo xã"),
    ("Đoàn TNCS Hồ Chí Minh xã", "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã"),
    ("TT. Huyện ủy", "Thường trực Huyện ủy"),
    ("Uỷ ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),
    # a province's military command is a Bộ, whatever the abbreviation says
    ("BCH QS tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
    ("Đài PT-TH tỉnh", "Đài Phát thanh - Truyền hình tỉnh"),
    ("Trung tâm GDNN-GDTX huyện", "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện"),
    # a bare "trên địa bàn" is dropped; with its level word it says where ("... trên địa bàn xã")
    ("các doanh nghiệp viễn thông trên địa bàn", "Các doanh nghiệp viễn thông"),
    ("các cơ quan, trường học trên địa bàn xã", "Các cơ quan, trường học trên địa bàn xã"),
])
def test_canonical_name(mention, canonical):
    assert R.canonical_name(mention) == canonical


def test_search_key_is_accent_insensitive_and_expanded():
    assert R.search_key("Phòng NN&PTNT") == R.search_key("phong nong nghiep va phat trien nong thon")
    assert R.search_key("UBND huyện Cao Lộc") == "uy ban nhan dan huyen cao loc"
    assert R.search_key("Uỷ ban MTTQ") == R.search_key("Ủy ban Mặt trận Tổ quốc")


def test_kind_level_and_place_of_a_name():
    assert R.describe("Ủy ban nhân dân xã Tân Liên") == ("Ủy ban nhân dân", "xã", "Tân Liên")
    assert R.describe("Phòng Nông nghiệp và Phát triển nông thôn", HUYEN) == (
        "Phòng Nông nghiệp và Phát triển nông thôn", "huyện", "Cao Lộc")
    assert R.describe("Huyện Đoàn Cao Lộc") == ("Huyện Đoàn", "huyện", "Cao Lộc")
    assert R.describe("Bảo hiểm xã hội huyện", HUYEN) == ("Bảo hiểm xã hội", "huyện", "Cao Lộc")
    assert R.describe("Hợp tác xã Tân Tiến")[1] != "xã"


# ---------------------------------------------------------------- one name per body in a document

def test_unify_names_prefers_the_fullest_form_with_the_place():
    names = ["Văn phòng Điều phối nông thôn mới", "Văn phòng Điều phối nông thôn mới huyện",
             "Huyện Đoàn", "Huyện Đoàn Cao Lộc", "Ngành liên quan", "Các ngành liên quan",
             "Mặt trận Tổ quốc Việt Nam huyện", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện"]
    got = R.unify_names(names, HUYEN)
    assert got["Văn phòng Điều phối nông thôn mới"] == "Văn phòng Điều phối nông thôn mới huyện"
    assert got["Huyện Đoàn"] == "Huyện Đoàn Cao Lộc"
    assert got["Ngành liên quan"] == "Các ngành liên quan"
    assert got["Mặt trận Tổ quốc Việt Nam huyện"] == "Ủy ban Mặt trận Tổ quốc Việt Nam huyện"


def test_unify_names_keeps_different_bodies_apart():
    names = ["Ủy ban nhân dân các xã", "Ủy ban nhân dân xã Tân Liên", "Ủy ban nhân dân xã Tân Thành",
             "Ủy ban nhân dân xã", "Phòng Nội vụ", "Phòng Ngoại vụ"]
    got = R.unify_names(names, HUYEN)
    assert len(set(got.values())) == 6  # "xã" alone has two candidates, so it stays as written


def test_unify_names_joins_a_bare_level_word_to_the_only_named_unit():
    got = R.unify_names(["Ủy ban nhân dân xã", "Ủy ban nhân dân xã Tân Liên"], HUYEN)
    assert got["Ủy ban nhân dân xã"] == "Ủy ban nhân dân xã Tân Liên"
    # in a commune's own plan "UBND xã" is the issuer, not a neighbour
    xa = DocumentMeta(level="xã", locality="Cao Ngạn")
    assert R.unify_names(["Ủy ban nhân dân xã", "Ủy ban nhân dân xã Tân Liên"], xa)["Ủy ban nhân dân xã"] == "Ủy ban nhân dân xã"


def test_unify_names_reads_codes_as_the_words_they_abbreviate():
    got = R.unify_names(["Công chức Tư pháp - HT", "Công chức Tư pháp - Hộ tịch"], HUYEN)
    assert got["Công chức Tư pháp - HT"] == "Công chức Tư pháp - Hộ tịch"


def test_unify_names_keeps_a_ministry_and_its_department_apart():
    names = ["Sở Thông tin và Truyền thông", "Bộ Thông tin và Truyền thông", "Sở Công Thương", "Bộ Công Thương"]
    got = R.unify_names(names, TINH)
    assert len(set(got.values())) == 4


def test_unify_names_reads_the_documents_level_word_as_its_place():
    bac_lieu = DocumentMeta(level="tỉnh", locality="Bạc Liêu", province="Bạc Liêu")
    got = R.unify_names(["Đài Phát thanh - Truyền hình tỉnh", "Đài Phát thanh và Truyền hình Bạc Liêu"], bac_lieu)
    assert got["Đài Phát thanh - Truyền hình tỉnh"] == "Đài Phát thanh và Truyền hình Bạc Liêu"
    # another place's body is not the document's
    got = R.unify_names(["Đài Phát thanh - Truyền hình tỉnh", "Đài Phát thanh và Truyền hình Cà Mau"], bac_lieu)
    assert got["Đài Phát thanh - Truyền hình tỉnh"] == "Đài Phát thanh - Truyền hình tỉnh"


def test_unify_names_joins_a_short_name_to_the_only_fuller_one():
    names = ["Văn phòng Thường trực", "Văn phòng Thường trực Ban Chỉ đạo 389 thành phố", "Ban Chỉ đạo 389 quốc gia"]
    got = R.unify_names(names, TINH)
    assert got["Văn phòng Thường trực"] == "Văn phòng Thường trực Ban Chỉ đạo 389 thành phố"
    # two fuller names: no guess
    got = R.unify_names(["Ban Quản lý", "Ban Quản lý chợ", "Ban Quản lý dự án"], TINH)
    assert got["Ban Quản lý"] == "Ban Quản lý"


# ---------------------------------------------------------------- held-out causes, with variants

@pytest.mark.parametrize("text,code,name", [
    ("Phát huy giá trị di sản Công viên địa chất toàn cầu UNESCO Cao nguyên đá Đồng Văn (CVĐC), các di tích.",
     "CVĐC", "Công viên địa chất toàn cầu UNESCO Cao nguyên đá Đồng Văn"),
    ("Ban Quản lý Khu kinh tế tỉnh (sau đây gọi tắt là BQLKKT) chủ trì.", "BQLKKT", "Ban Quản lý Khu kinh tế tỉnh"),
    ("giao Trung tâm Phục vụ hành chính công tỉnh (viết tắt là TTPVHCC) tiếp nhận", "TTPVHCC",
     "Trung tâm Phục vụ hành chính công tỉnh"),
    ("Văn phòng Điều phối các Chương trình MTQG tỉnh (VPĐP) tổng hợp", "VPĐP",
     "Văn phòng Điều phối các Chương trình mục tiêu quốc gia tỉnh"),
    ("Hội đồng phối hợp phổ biến, giáo dục pháp luật huyện (HĐPH) họp", "HĐPH",
     "Hội đồng phối hợp phổ biến, giáo dục pháp luật huyện"),
])
def test_a_document_defines_its_own_codes(text, code, name):
    own = R.document_abbreviations(text)
    assert own.full == {code: name}
    assert R.expand(f"phối hợp với {code} thực hiện", own) == f"phối hợp với {name} thực hiện"
    # where it is defined, the bracketed code restates the name and stays as written
    assert f"({code})" in R.expand(text, own) or "tắt là " + code in R.expand(text, own)


@pytest.mark.parametrize("text", [
    "Ủy ban nhân dân tỉnh (UBND) chỉ đạo",  # a code of the lexicon keeps its meaning
    "tổ chức hội nghị trực tuyến (HNTT) toàn quốc",  # the initials do not spell it from a capitalised word
    "Giao Phòng Nội vụ tổ chức thi đua (PNV) hằng năm",  # nor in order, without long gaps
    "Kế hoạch số 12/KH-UBND (KHUB) của tỉnh",  # a document number is no name
    "Trung tâm Y tế (TT) huyện",  # two letters are too few
])
def test_codes_that_are_not_learnt(text):
    assert not R.document_abbreviations(text)


@pytest.mark.parametrize("mention,canonical", [
    ("Đồn BP Lũng Cú", "Đồn Biên phòng Lũng Cú"),
    ("Đồn BP cửa khẩu quốc tế Nậm Cắn", "Đồn Biên phòng cửa khẩu quốc tế Nậm Cắn"),
    ("TTVH-TT&TT huyện", "Trung tâm Văn hóa, Thể thao và Truyền thông huyện"),
    ("TT VH-TT&TT huyện", "Trung tâm Văn hóa, Thể thao và Truyền thông huyện"),
    ("TT GDNN-GDTX huyện", "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện"),
    ("TTGDTX huyện", "Trung tâm Giáo dục thường xuyên huyện"),
])
def test_codes_of_border_posts_and_centres(mention, canonical):
    assert R.canonical_name(mention) == canonical


def test_bp_is_biên_phòng_only_after_the_head_it_qualifies():
    assert R.expand("BP tỉnh") == "BP tỉnh"
    assert R.expand("Bộ đội BP tỉnh") == "Bộ đội Biên phòng tỉnh"


XA_HK = DocumentMeta(level="xã", locality="Hoàn Kiếm", province="Hà Nội")


@pytest.mark.parametrize("names,name,expected", [
    (["Các trường học", "Các trường học trên địa bàn phường"], "Các trường học trên địa bàn phường", "Các trường học"),
    (["Các doanh nghiệp", "Các doanh nghiệp đóng trên địa bàn xã"], "Các doanh nghiệp đóng trên địa bàn xã",
     "Các doanh nghiệp"),
    (["Các hợp tác xã", "Các hợp tác xã trên địa bàn huyện"], "Các hợp tác xã trên địa bàn huyện", "Các hợp tác xã"),
    # named only with the qualifier, the collective keeps it
    (["Các cơ quan, trường học trên địa bàn xã"], "Các cơ quan, trường học trên địa bàn xã",
     "Các cơ quan, trường học trên địa bàn xã"),
])
def test_a_collective_named_once_without_its_area_is_that_name(names, name, expected):
    assert R.unify_names(names, XA_HK)[name] == expected


@pytest.mark.parametrize("short,narrowed", [
    ("Ủy ban nhân dân các xã", "Ủy ban nhân dân các xã có điểm du lịch cộng đồng"),
    ("Các trường", "Các trường có học sinh bán trú"),
    ("Các bệnh viện", "Các bệnh viện có phòng sinh"),
])
def test_a_collective_narrowed_by_a_co_clause_is_another_body(short, narrowed):
    got = R.unify_names([short, narrowed], HUYEN)
    assert got[short] == short and got[narrowed] == narrowed


@pytest.mark.parametrize("collective,one", [("Các khóm", "Khóm"), ("Các ấp", "Ấp"), ("Các sóc", "Sóc"), ("Các plei", "Plei")])
def test_hamlets_of_every_region_are_level_words(collective, one):
    assert R.variant_key(collective) != R.variant_key(one)
    assert R.split_place(f"Ủy ban nhân dân {one.lower()} Tân Hòa")[1] == one.lower()
