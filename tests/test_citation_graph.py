import pytest
from click.testing import CliRunner

from conftest import DATA
from pipeline.batch import run_batch
from pipeline.cli import main
from pipeline.store import read_table


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    out = tmp_path_factory.mktemp("graph")
    run_batch([DATA / "graph"], out)
    return out


def test_citation_graph_links_commune_plan_to_district_plan(db):
    links = read_table(db, "citation_links")
    docs = read_table(db, "documents").set_index("doc_id")
    assert len(links) == 1
    link = links.iloc[0]
    assert link["cited_number"] == "103/KH-UBND" and link["relation"] == "implements"
    assert docs.loc[link["doc_id"], "issuer"] == "Ủy ban nhân dân xã Tân Liên"
    assert docs.loc[link["target_doc_id"], "issuer"] == "Ủy ban nhân dân huyện Cao Lộc"


def test_citation_graph_no_link_when_year_disagrees():
    import pandas as pd

    from pipeline.citation_graph import citation_links

    cits = pd.DataFrame([{"doc_id": "a", "doc_type": "Kế hoạch", "number": "103/KH-UBND", "date": "2023-03-13",
                          "year": 2023, "issuer": "Ủy ban nhân dân huyện", "relation": "implements", "section": None}])
    docs = pd.DataFrame([{"doc_id": "b", "doc_type": "Kế hoạch", "number": "103/KH-UBND", "issue_date": "2024-03-13",
                          "issuer": "Ủy ban nhân dân huyện Cao Lộc", "source": "b.txt"}])
    assert citation_links(cits, docs).empty
    cits.loc[0, ["date", "year"]] = ["2024-03-13", 2024]
    assert len(citation_links(cits, docs)) == 1
    cits.loc[0, "issuer"] = "Ủy ban nhân dân huyện Văn Lãng"
    assert citation_links(cits, docs).empty


def test_cli_citations_most_cited_and_cited_by(db):
    r = CliRunner().invoke(main, ["citations", "--db", str(db), "--format", "csv"])
    assert r.exit_code == 0, r.output
    first = r.output.splitlines()[1]
    assert "263/QĐ-TTg" in first and ",2," in first  # cited by both plans
    r = CliRunner().invoke(main, ["citations", "--cited", "103/KH-UBND", "--db", str(db)])
    assert r.exit_code == 0 and "xa_tanlien.txt" in r.output
