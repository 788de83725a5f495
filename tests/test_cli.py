import json

import pytest
from click.testing import CliRunner

from conftest import CORPUS, DATA
from pipeline.cli import main


@pytest.fixture()
def runner():
    return CliRunner()


def test_cli_extract_prints_output_contract(runner):
    r = runner.invoke(main, ["extract", str(CORPUS / "001_1800fe00ed64c203.txt"), "--format", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    assert doc["schema"] == "kehoach/1"
    assert set(doc) >= {"document", "sections", "citations", "deadlines", "targets", "assignments", "warnings"}
    d = doc["document"]
    assert d["issuer"] == "Ủy ban nhân dân huyện Yên Thế" and d["format"] == "txt" and len(d["id"]) == 16
    for s in doc["sections"]:
        assert d["text"][s["start"]:s["end"]].startswith(s["number"])


def test_cli_extract_table_is_readable(runner):
    r = runner.invoke(main, ["extract", str(CORPUS / "002_cd34b25107f38c27.txt"), "--format", "table"])
    assert r.exit_code == 0 and "Hạ Lang" in r.output and "VI.7" in r.output


@pytest.mark.parametrize("name, reason", [
    ("empty.txt", "empty file"), ("scanned.pdf", "no text layer (scanned PDF?)"),
    ("corrupt.docx", "corrupt DOCX"), ("encrypted.pdf", "encrypted PDF"), ("binary.txt", "binary file"),
])
def test_cli_extract_bad_file_one_line_error(runner, name, reason):
    r = runner.invoke(main, ["extract", str(DATA / "ingest" / name)])
    assert r.exit_code != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and reason in lines[0]


def test_cli_run_summary(runner, tmp_path):
    r = runner.invoke(main, ["run", str(CORPUS / "000_4a6c61b1b3161ceb.txt"), str(DATA / "ingest" / "empty.txt"),
                             "--out", str(tmp_path), "--quiet"])
    assert r.exit_code == 0
    assert "1 processed" in r.stdout and "1 failed" in r.stdout
    assert "empty.txt: empty file" in r.stderr


def test_cli_every_command_has_help_with_example(runner):
    for name, cmd in main.commands.items():
        r = runner.invoke(main, [name, "--help"])
        assert r.exit_code == 0 and "Example:" in r.output, name
