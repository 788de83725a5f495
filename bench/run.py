"""Benchmark: the pipeline against the libraries it is built on, in one process and one run.

    .venv/bin/python bench/run.py [--docs 500] [--pdf-pages 2000] [--plumber-pages 120]

It builds its own larger corpus by repeating and varying the samples (place names, numbers,
dates shifted), so figures are stable, and writes a Markdown table to bench/RESULTS.md.
Figures are ratios against baselines measured in the same process, so they mean the same
on a faster or slower machine. Bare pdfplumber is ~50x slower than pypdfium2 here, so it is
timed on a subset of the same PDF pages (--plumber-pages) and reported per page.
"""
from __future__ import annotations

import argparse
import platform
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import nlp as nlp_mod  # noqa: E402
from pipeline.document import to_result  # noqa: E402
from pipeline.ingest import ingest  # noqa: E402
from pipeline.normalize import normalize  # noqa: E402
from pipeline.segment import segment  # noqa: E402
from pipeline.store import Store  # noqa: E402

PLACES = ["Tân Liên", "Hải Yến", "Cao Ngạn", "Đồng Lạc", "Phú Xuân", "Tam Hiệp", "Bình Minh", "Thạch Đà", "Nà Tền", "Yên Thế"]


def vary(text: str, rnd: random.Random) -> str:
    """A plausible other plan: other places, other counts, other days."""
    for p in PLACES[:6]:
        text = text.replace(p, rnd.choice(PLACES))
    text = re.sub(r"\b(\d{1,2})/(\d{1,2})/(20\d\d)\b", lambda m: f"{rnd.randint(1, 28)}/{m.group(2)}/{m.group(3)}", text)
    text = re.sub(r"\b0(\d) (thôn|xã|sản phẩm)", lambda m: f"0{rnd.randint(1, 9)} {m.group(2)}", text)
    return text


def make_corpus(work: Path, n_txt: int, n_pdf_pages: int, n_docx: int, seed: int = 7) -> dict[str, list[Path]]:
    import docx
    import pypdfium2 as pdfium

    rnd = random.Random(seed)
    samples = sorted((ROOT / "corpus").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in samples]
    out: dict[str, list[Path]] = {"txt": [], "docx": [], "pdf": []}
    (work / "txt").mkdir(parents=True)
    for i in range(n_txt):
        p = work / "txt" / f"plan_{i:04d}.txt"
        p.write_text(vary(texts[i % len(texts)], rnd), encoding="utf-8")
        out["txt"].append(p)
    (work / "docx").mkdir()
    for i in range(n_docx):
        d = docx.Document()
        for line in vary(texts[i % len(texts)], rnd).splitlines():
            if line.strip():
                d.add_paragraph(line.strip())
        p = work / "docx" / f"plan_{i:04d}.docx"
        d.save(p)
        out["docx"].append(p)
    # Multi-plan PDFs assembled from the sample PDFs' pages (no LibreOffice needed here).
    (work / "pdf").mkdir()
    sources = [pdfium.PdfDocument(p) for p in sorted((ROOT / "corpus").glob("*.pdf"))]
    pages, i = 0, 0
    while pages < n_pdf_pages:
        new = pdfium.PdfDocument.new()
        for src in rnd.sample(sources, k=min(3, len(sources))):
            new.import_pages(src)
        p = work / "pdf" / f"bundle_{i:03d}.pdf"
        new.save(p)
        pages += len(new)
        out["pdf"].append(p)
        i += 1
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_pipeline(paths: list[Path], stages: dict[str, float]):
    nlp = nlp_mod.load()
    results = []
    for path in paths:
        t = time.perf_counter()
        raw = ingest(path)
        t1 = time.perf_counter()
        norm = normalize(raw)
        t2 = time.perf_counter()
        layout = segment(norm.text)
        t3 = time.perf_counter()
        doc = nlp.make_doc(norm.text)
        doc._.raw, doc._.normalized, doc._.layout, doc._.warnings = raw, norm, layout, list(layout.warnings)
        t4 = time.perf_counter()
        stages["ingest"] += t1 - t
        stages["normalize"] += t2 - t1
        stages["segment"] += t3 - t2
        stages["tokenize"] += t4 - t3
        for name, proc in nlp.pipeline:
            s = time.perf_counter()
            doc = proc(doc)
            stages[name.replace("kehoach_", "extract:")] += time.perf_counter() - s
        results.append(to_result(doc))
    return results


def timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t


def bare_pypdfium2(paths):
    import pypdfium2 as pdfium

    n = 0
    for p in paths:
        d = pdfium.PdfDocument(p)
        for i in range(len(d)):
            d[i].get_textpage().get_text_range()
            n += 1
    return n


def bare_pdfplumber(paths, max_pages):
    import pdfplumber

    n = 0
    for p in paths:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                if n >= max_pages:
                    return n
                page.extract_text()
                n += 1
    return n


def bare_docx(paths):
    import docx

    for p in paths:
        d = docx.Document(p)
        "\n".join(par.text for par in d.paragraphs)
    return len(paths)


def bare_read_txt(paths):
    return sum(len(p.read_text(encoding="utf-8")) for p in paths)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=500, help="varied .txt plans")
    ap.add_argument("--docx", type=int, default=100, help="varied .docx plans")
    ap.add_argument("--pdf-pages", type=int, default=2000)
    ap.add_argument("--plumber-pages", type=int, default=120)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="kehoach-bench-"))
    try:
        t0 = time.perf_counter()
        corpus = make_corpus(work, args.docs, args.pdf_pages, args.docx)
        t_make = time.perf_counter() - t0
        nlp_mod.load()
        rows = []
        stages: dict[str, float] = defaultdict(float)

        mb = sum(p.stat().st_size for p in corpus["txt"]) / 1e6
        _, t_read = timed(bare_read_txt, corpus["txt"])
        res_txt, t_txt = timed(run_pipeline, corpus["txt"], stages)
        rows.append(("txt", "bare read + UTF-8 decode", len(corpus["txt"]), "docs", t_read, None))
        rows.append(("txt", "kehoach pipeline", len(corpus["txt"]), "docs", t_txt, t_read))

        n_docx, t_bdocx = timed(bare_docx, corpus["docx"])
        res_docx, t_docx = timed(run_pipeline, corpus["docx"], stages)
        rows.append(("docx", "bare python-docx paragraphs", n_docx, "docs", t_bdocx, None))
        rows.append(("docx", "kehoach pipeline", len(corpus["docx"]), "docs", t_docx, t_bdocx))

        n_pages, t_pdfium = timed(bare_pypdfium2, corpus["pdf"])
        n_plumb, t_plumb = timed(bare_pdfplumber, corpus["pdf"], args.plumber_pages)
        res_pdf, t_pdf = timed(run_pipeline, corpus["pdf"], stages)
        rows.append(("pdf", "bare pypdfium2 text", n_pages, "pages", t_pdfium, None))
        rows.append(("pdf", f"bare pdfplumber text (first {n_plumb} pages)", n_plumb, "pages", t_plumb, None))
        rows.append(("pdf", "kehoach pipeline", n_pages, "pages", t_pdf, t_pdfium))

        store_dir = work / "out"
        t = time.perf_counter()
        store = Store(store_dir)
        for r in res_txt + res_docx + res_pdf:
            store.add(r)
        store.save()
        stages["store (sqlite+parquet+csv+xlsx)"] += time.perf_counter() - t

        plumber_rate = n_plumb / t_plumb
        lines = [
            "# Benchmark results",
            "",
            f"`python bench/run.py` on {platform.machine()}, Python {platform.python_version()}, "
            f"{__import__('os').cpu_count()} cores; one process, one run. Corpus made in {t_make:.1f} s from the "
            f"samples: {len(corpus['txt'])} .txt plans ({mb:.1f} MB), {len(corpus['docx'])} .docx plans, "
            f"{len(corpus['pdf'])} .pdf bundles ({n_pages} pages).",
            "",
            "| format | what | items | time (s) | rate | vs baseline |",
            "|---|---|---:|---:|---:|---|",
        ]
        for fmt, what, n, unit, secs, base in rows:
            rate = f"{n / secs:,.1f} {unit}/s"
            if fmt == "txt" and what.startswith("kehoach"):
                rate += f" ({mb / secs:.2f} MB/s)"
            vs = ""
            if base:
                vs = f"{secs / base:.1f}× the time of the bare baseline"
            if fmt == "pdf" and what.startswith("kehoach"):
                vs += f"; {(n / secs) / plumber_rate:.1f}× the pages/s of bare pdfplumber"
            if "pdfplumber" in what:
                vs = f"pypdfium2 is {(n_pages / t_pdfium) / plumber_rate:.0f}× faster per page"
            lines.append(f"| {fmt} | {what} | {n} | {secs:.2f} | {rate} | {vs} |")
        total = sum(stages.values())
        lines += ["", "Time per stage over all documents above:", "", "| stage | seconds | share |", "|---|---:|---:|"]
        for name, secs in sorted(stages.items(), key=lambda kv: -kv[1]):
            lines.append(f"| {name} | {secs:.2f} | {100 * secs / total:.1f}% |")
        lines += ["", f"Peak RSS: {peak_rss_mb():.0f} MB.", ""]
        args.out.write_text("\n".join(lines), encoding="utf-8")
        print("\n".join(lines))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
