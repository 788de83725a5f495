"""`kehoach obligations`: each query form finds its body, and only its body."""
import pytest
from click.testing import CliRunner

from conftest import CORPUS
from pipeline.batch import run_batch
from pipeline.cli import main
from pipeline.search import query_key, search_obligations
from pipeline.store import read_table


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    out = tmp_path_factory.mktemp("search")
    run_batch(sorted(CORPUS.glob("*.txt")), out)
    return out


@pytest.fixture(scope="module")
def tables(db):
    return read_table(db, "assignments"), read_table(db, "documents")


@pytest.mark.parametrize("query, agency", [
    ("phong nn&ptnt", "Phòng Nông nghiệp và Phát triển nông thôn"),  # lower-case abbreviation, no accents
    ("Phòng Nông nghiệp", "Phòng Nông nghiệp và Phát triển nông thôn"),  # a prefix of the name
    ("VP điều phối", "Văn phòng Điều phối nông thôn mới huyện"),  # abbreviation + accents
    ("van phong dieu phoi ntm", "Văn phòng Điều phối nông thôn mới huyện"),  # no accents at all
    ("UBND xã Tân Liên", "Ủy ban nhân dân xã Tân Liên"),
    ("Phòng Tài chính - Kế hoạch", "Phòng Tài chính - Kế hoạch"),
    ("phong tai chinh ke hoach", "Phòng Tài chính - Kế hoạch"),
])
def test_search_finds_only_its_body(tables, query, agency):
    hits = search_obligations(*tables, agency=query)
    assert len(hits) and set(hits["agency"]) == {agency}


def test_search_does_not_confuse_similar_departments(tables):
    hits = search_obligations(*tables, agency="Phòng Tài nguyên và Môi trường")
    assert "Phòng Nông nghiệp và Phát triển nông thôn" not in set(hits["agency"])


@pytest.mark.parametrize("query", ["phong nn&ptnt", "nn&ptnt"])
def test_search_query_key_expands_lowercase_abbreviations(query):
    assert "nong nghiep va phat trien nong thon" in query_key(query)


def test_search_filters_role_locality_and_due_date(tables):
    hits = search_obligations(*tables, agency="UBND xã Tân Liên", role="lead", locality="cao loc")
    assert len(hits) and set(hits["role"]) == {"lead"} and set(hits["locality"]) == {"Cao Lộc"}
    hits = search_obligations(*tables, agency="Phòng Nội vụ", due_before=__import__("datetime").date(2024, 12, 31))
    assert all(str(d) <= "2024-12-31" for d in hits["due_date"])


def test_cli_obligations_json(db):
    r = CliRunner().invoke(main, ["obligations", "--agency", "VP điều phối", "--role", "cooperate", "--db", str(db),
                                  "--format", "json"])
    assert r.exit_code == 0, r.output
    import json

    rows = json.loads(r.output)
    assert rows and all(x["role"] == "cooperate" and x["section"] for x in rows)


def test_cli_obligations_missing_db_is_one_line_error(tmp_path):
    r = CliRunner().invoke(main, ["obligations", "--agency", "x", "--db", str(tmp_path / "none")])
    assert r.exit_code == 1 and "no database" in r.stderr and len(r.stderr.strip().splitlines()) == 1
