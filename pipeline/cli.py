"""`kehoach`: a thin command line over the library. Each command parses its options and
calls one library function; output formats come from one decorator."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

FORMATS = ("table", "csv", "json")


def output_format(default: str = "table"):
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True,
                        help="table for people, csv for spreadsheets, json for programs")


def emit(df, fmt: str) -> None:
    """Print a DataFrame in the chosen format."""
    if fmt == "json":
        click.echo(df.to_json(orient="records", force_ascii=False, indent=1, date_format="iso"))
    elif fmt == "csv":
        click.echo(df.to_csv(index=False), nl=False)
    elif df.empty:
        click.echo("(no rows)")
    else:
        import pandas as pd

        with pd.option_context("display.max_rows", 500, "display.max_columns", 20, "display.width", 200,
                               "display.max_colwidth", 60):
            click.echo(df.to_string(index=False))


def fail(message: str) -> None:
    click.echo(f"kehoach: {message}", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kehoach")
def main():
    """Turn Vietnamese plan documents (Kế hoạch) into tables to search, audit and compare."""


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
@click.option("--no-text", is_flag=True, help="leave the normalized text out of the JSON")
def extract(file: Path, fmt: str, no_text: bool):
    """Extract one document and print it (OUTPUT.md JSON, or a readable summary).

    Example: kehoach extract corpus/000_4a6c61b1b3161ceb.txt --format json
    """
    from .document import extract_file
    from .ingest import IngestError
    from .serialize import to_dict

    try:
        res = extract_file(file)
    except IngestError as err:
        fail(str(err))
    if fmt == "json":
        click.echo(json.dumps(to_dict(res, include_text=not no_text), ensure_ascii=False, indent=2))
        return
    m = res.meta
    click.echo(f"{m.doc_type or '?'} {m.number or '(số trống)'} — {m.issuer or '?'} ({m.level or '?'}, "
               f"{m.province or '?'}), {m.issue_date or '?'}")
    click.echo(f"  {m.title or ''}")
    click.echo(f"  ký: {m.signer_title or '?'} {m.signer or '?'}")
    for s in res.sections:
        click.echo(f"{'  ' * s.level}{s.path:<10} {s.heading}")
    click.echo(f"{len(res.citations)} citations, {len(res.deadlines)} deadlines, {len(res.targets)} targets, "
               f"{len(res.assignments)} assignments, {len(res.warnings)} warnings")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("outputs"), show_default=True)
@click.option("--quiet", is_flag=True, help="no progress bar")
def run(paths, out: Path, quiet: bool):
    """Process files or folder trees into the tables in OUT (SQLite, Parquet, CSV, XLSX).

    Unchanged files (same sha256) are skipped, changed ones replaced; bad files are listed
    in the errors table and the batch goes on.

    Example: kehoach run corpus/ --out outputs/
    """
    from .batch import run_batch

    summary = run_batch(paths, out, progress=not quiet)
    for source, reason in summary.failed:
        click.echo(f"error: {source}: {reason}", err=True)
    click.echo(f"kehoach: {summary.line()} → {out}")


def db_option():
    return click.option("--db", "db", type=click.Path(path_type=Path), default=Path("outputs"), show_default=True,
                        help="the output folder of `kehoach run` (or its kehoach.sqlite)")


def read_tables(db: Path, *names: str):
    from .store import read_table

    try:
        return [read_table(db, n) for n in names]
    except FileNotFoundError as err:
        fail(str(err))


@main.command()
@click.option("--agency", required=True, help="the body to search for; accents, case and abbreviations do not matter")
@click.option("--role", type=click.Choice(["lead", "cooperate", "requested", "report_to"]))
@click.option("--due-before", type=click.DateTime(formats=["%Y-%m-%d"]), help="only obligations due on or before this day")
@click.option("--locality", help="only plans of this place (e.g. Cao Lộc)")
@click.option("--limit", type=int, default=200, show_default=True)
@db_option()
@output_format()
def obligations(agency: str, role, due_before, locality, limit: int, db: Path, fmt: str):
    """What a body must do, across every stored plan, with deadline and source section.

    Example: kehoach obligations --agency "phong nn&ptnt" --role lead --due-before 2024-12-31
    """
    from .search import search_obligations

    assignments, documents = read_tables(db, "assignments", "documents")
    emit(search_obligations(assignments, documents, agency, role, due_before.date() if due_before else None,
                            locality, limit=limit), fmt)


@main.command()
@click.option("--cited", metavar="NUMBER", help="list the plans that cite this document number (e.g. 263/QĐ-TTg)")
@db_option()
@output_format()
def citations(cited: str | None, db: Path, fmt: str):
    """Which plans cite what: the most cited documents, or the plans citing one number.

    Example: kehoach citations --cited 263/QĐ-TTg --db outputs/
    """
    from .citation_graph import citing, most_cited

    cits, docs = read_tables(db, "citations", "documents")
    emit(citing(cits, docs, cited) if cited else most_cited(cits, docs), fmt)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@db_option()
@output_format()
@click.option("--strict", is_flag=True, help="exit with status 2 when any error-level finding exists")
def audit(paths, db: Path, fmt: str, strict: bool):
    """Audit deadline consistency: rules R1–R10 (README), each finding with its evidence.

    With PATHS the documents are extracted in memory; without, the tables in --db are audited
    and the findings are stored there as the `findings` table.

    Example: kehoach audit --db outputs/ --strict
    """
    from .audit import audit as run_audit
    from .audit import store_findings

    if paths:
        from .document import extract_many
        from .ingest import discover
        from .store import with_derived
        from .tables import frames

        files, _ = discover(paths)
        results = []
        for path, res in extract_many(files):
            if isinstance(res, Exception):
                click.echo(f"error: {res}", err=True)
            else:
                results.append(res)
        findings = run_audit(with_derived(frames(results)))
    else:
        from .store import Store, open_db

        try:
            open_db(db).close()
        except FileNotFoundError as err:
            fail(str(err))
        findings = run_audit(Store(db).frames())
        store_findings(db, findings)
    emit(findings, fmt)
    if strict and (findings["severity"] == "error").any():
        sys.exit(2)


@main.command()
@click.option("--code", "codes", multiple=True, metavar="CODE", help="indicator code(s) to keep (repeatable)")
@click.option("--level", type=click.Choice(["tỉnh", "thành phố", "huyện", "xã"]), help="only places of this level")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("outputs/compare.xlsx"),
              show_default=True, help="the workbook; charts go beside it (<name>_charts/*.png, <name>.html)")
@db_option()
@output_format()
def compare(codes, level, out: Path, db: Path, fmt: str):
    """Compare places side by side: targets by indicator, obligations by agency kind, deadlines
    by quarter and the central decisions each place cites.

    Example: kehoach compare --code ntm_villages --code criteria_per_commune --out outputs/compare.xlsx
    """
    from .compare import write_all
    from .store import Store, open_db

    try:
        open_db(db).close()
    except FileNotFoundError as err:
        fail(str(err))
    views = write_all(Store(db).frames(), out, list(codes) or None, level)
    emit(views["wide"], fmt)
    click.echo(f"kehoach: wrote {out}, {out.with_suffix('.html')} and charts in {out.parent / (out.stem + '_charts')}", err=True)


@main.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("docs_dir", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--per-doc", is_flag=True, help="also print each document's figures")
@click.option("--diff", is_flag=True, help="list every missed and spurious item with its text and section")
@click.option("--baselines", is_flag=True, help="also score dateparser (deadlines) and underthesea NER (agencies)")
@click.option("--save", "save_dir", type=click.Path(file_okay=False, path_type=Path),
              help="write each prediction as <stem>.json here (for shared/eval/score.py)")
def eval_cmd(gold_dir: Path, docs_dir: Path | None, fmt: str, per_doc: bool, diff: bool, baselines: bool, save_dir):
    """Score the pipeline against gold annotations (ANNOTATION.md): P/R/F1 per category,
    value accuracies and metadata accuracy, micro-averaged over documents.

    DOCS_DIR defaults to the parent of GOLD_DIR (corpus/gold → corpus).

    Example: kehoach eval corpus/gold --per-doc --diff
    """
    from .eval_report import run_eval

    click.echo(run_eval(gold_dir, docs_dir or gold_dir.parent, fmt=fmt, per_doc=per_doc, diff=diff,
                        baselines=baselines, save_dir=save_dir))


if __name__ == "__main__":
    main()
