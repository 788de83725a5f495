"""Cross-place comparison: what each district or commune commits to, side by side.

Views built from the store's tables:
- `long`: one row per (place, indicator) with value, comparator, unit, year, source and section;
- `wide`: places × indicators, the cell a readable "≥ 16 tiêu chí/xã (2025)";
- `obligations`: obligations per place by agency kind; `deadlines`: deadlines per place by quarter;
- `central`: central decisions (Thủ tướng, Chính phủ, Bộ, Trung ương) each place cites.
Written as one XLSX (a sheet per view, Vietnamese headers, number formats), a PNG chart per
indicator and one HTML page that shows the charts and the wide table.
"""
from __future__ import annotations

import base64
import html
import io
import re
from pathlib import Path

import pandas as pd

from .resources import load_yaml

COMPARATOR_SIGN = {">=": "≥", ">": ">", "<=": "≤", "=": "=", "delta+": "+", "delta-": "−"}
CENTRAL = re.compile(r"Thủ tướng|Chính phủ|Quốc hội|Trung ương|Bộ |Ban Chấp hành Trung ương|Bộ Chính trị|Ban Bí thư", re.I)
HEADERS_VI = {
    "place": "Địa phương", "level": "Cấp", "province": "Tỉnh", "code": "Mã chỉ tiêu", "indicator": "Chỉ tiêu",
    "value": "Giá trị", "denominator": "Mẫu số", "unit": "Đơn vị", "comparator": "So sánh", "year": "Năm",
    "source": "Văn bản", "section": "Mục", "text": "Nguyên văn", "agency_kind": "Loại cơ quan", "n": "Số lượng",
    "quarter": "Quý", "doc_type": "Loại văn bản", "number": "Số hiệu", "issuer": "Cơ quan ban hành",
}


def indicator_names() -> dict[str, str]:
    try:
        data = load_yaml("lexicons", "indicators.yml")
    except FileNotFoundError:
        return {}
    items = data.get("codes", data.get("indicators", data)) if isinstance(data, dict) else data
    if isinstance(items, dict):
        return {code: (v.get("name") if isinstance(v, dict) else str(v)) for code, v in items.items()}
    return {it["code"]: it.get("name", it["code"]) for it in items if isinstance(it, dict) and "code" in it}


def _place(documents: pd.DataFrame) -> pd.DataFrame:
    d = documents.copy()
    d["place"] = d.apply(lambda r: f"{r['level'] or ''} {r['locality'] or r['source']}".strip(), axis=1)
    return d[["doc_id", "place", "level", "locality", "province", "source", "issue_date"]]


def _year(row) -> str | None:
    if isinstance(row.get("deadline"), str) and re.match(r"\d{4}", row["deadline"]):
        return row["deadline"][:4]
    return str(row["issue_date"])[:4] if isinstance(row.get("issue_date"), str) else None


def long_view(frames: dict[str, pd.DataFrame], codes=None, level=None) -> pd.DataFrame:
    t, docs = frames["targets"], frames["documents"]
    cols = ["place", "level", "province", "code", "indicator", "value", "denominator", "unit", "comparator", "year",
            "source", "section", "text"]
    if t.empty or docs.empty:
        return pd.DataFrame(columns=cols)
    t = t.copy()
    if "domain" in t:
        t["code"] = t["code"].fillna(t["domain"])  # fields beyond the guide's codes compare too
    t = t.dropna(subset=["code"]).merge(_place(docs), on="doc_id")
    if codes:
        t = t[t["code"].isin(codes)]
    if level:
        t = t[t["level"] == level]
    t = t.copy()
    t["year"] = t.apply(_year, axis=1)
    return t[cols].sort_values(["code", "place", "year"]).reset_index(drop=True)


def cell(row) -> str:
    v = row["value"]
    num = f"{v:g}".replace(".", ",") if isinstance(v, float) else str(v)
    if pd.notna(row.get("denominator")) and row.get("denominator"):
        num += f"/{row['denominator']:g}"
    unit = row["unit"] if isinstance(row["unit"], str) else ""
    sign = COMPARATOR_SIGN.get(row["comparator"], "")
    text = f"{sign} {num}{'' if unit == '%' else ' '}{unit}".strip()
    return f"{text} ({row['year']})" if row.get("year") else text


def wide_view(long: pd.DataFrame) -> pd.DataFrame:
    if long.empty:
        return pd.DataFrame()
    first = long.groupby(["place", "code"], sort=False).first().reset_index()
    first["cell"] = first.apply(cell, axis=1)
    wide = first.pivot(index="place", columns="code", values="cell")
    return wide.reset_index().rename_axis(None, axis=1)


def obligations_view(frames) -> pd.DataFrame:
    a, docs = frames["assignments"], frames["documents"]
    if a.empty:
        return pd.DataFrame(columns=["place", "agency_kind", "n"])
    a = a.merge(_place(docs), on="doc_id")
    a["agency_kind"] = a["agency_kind"].fillna(a["agency"])
    return a.groupby(["place", "agency_kind"]).size().rename("n").reset_index().sort_values(["place", "n"], ascending=[True, False])


def deadlines_view(frames) -> pd.DataFrame:
    d, docs = frames["deadlines"], frames["documents"]
    if d.empty:
        return pd.DataFrame(columns=["place", "quarter", "n"])
    d = d.merge(_place(docs), on="doc_id")

    def quarter(v):
        if isinstance(v, str) and re.match(r"\d{4}-\d{2}-\d{2}", v):
            return f"{v[:4]}-Q{(int(v[5:7]) - 1) // 3 + 1}"
        if hasattr(v, "month"):
            return f"{v.year}-Q{(v.month - 1) // 3 + 1}"
        return "không xác định"

    d["quarter"] = d["due_date"].map(quarter)
    return d.groupby(["place", "quarter"]).size().rename("n").reset_index()


def central_view(frames) -> pd.DataFrame:
    c, docs = frames["citations"], frames["documents"]
    cols = ["place", "doc_type", "number", "issuer"]
    if c.empty:
        return pd.DataFrame(columns=cols)
    c = c.merge(_place(docs), on="doc_id")
    who = c["issuing_body"].fillna("") + " " + c["issuer"].fillna("")
    c = c[who.str.contains(CENTRAL)]
    return c[cols].drop_duplicates().sort_values(["place", "doc_type", "number"]).reset_index(drop=True)


def build(frames: dict[str, pd.DataFrame], codes=None, level=None) -> dict[str, pd.DataFrame]:
    long = long_view(frames, codes, level)
    return {"wide": wide_view(long), "long": long, "obligations": obligations_view(frames),
            "deadlines": deadlines_view(frames), "central": central_view(frames)}


SHEETS = {"wide": "So sánh chỉ tiêu", "long": "Chi tiết chỉ tiêu", "obligations": "Nhiệm vụ theo cơ quan",
          "deadlines": "Thời hạn theo quý", "central": "Văn bản trung ương"}


def write_xlsx(views: dict[str, pd.DataFrame], path: Path) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    names = indicator_names()
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        for key, df in views.items():
            out = df.rename(columns={c: HEADERS_VI.get(c, names.get(c, c)) for c in df.columns})
            out.to_excel(xw, sheet_name=SHEETS[key], index=False)
            ws = xw.sheets[SHEETS[key]]
            ws.freeze_panes = "B2" if key == "wide" else "A2"
            if len(out.columns):
                ws.auto_filter.ref = f"A1:{get_column_letter(len(out.columns))}{max(1, len(out) + 1)}"
            for cell_ in ws[1]:
                cell_.font = Font(bold=True)
                cell_.alignment = Alignment(wrap_text=True, vertical="top")
            for i, col in enumerate(df.columns, 1):
                letter = get_column_letter(i)
                ws.column_dimensions[letter].width = 40 if col in ("text", "indicator") or key == "wide" and i > 1 else 22
                if col == "value":
                    for c in ws[letter][1:]:
                        c.number_format = "#,##0.##"
                elif col in ("n", "denominator"):
                    for c in ws[letter][1:]:
                        c.number_format = "0"


def charts(long: pd.DataFrame, out_dir: Path) -> list[Path]:
    """One bar chart per indicator: the places' values, with the unit and comparator in the labels."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = indicator_names()
    paths = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for code, g in long.groupby("code"):
        g = g.groupby("place", sort=False).first().reset_index()
        fig, ax = plt.subplots(figsize=(max(4, 1.4 * len(g) + 2), 3.4), dpi=110)
        bars = ax.bar(g["place"], g["value"].astype(float), color="#2f6f9f")
        for bar, (_, r) in zip(bars, g.iterrows()):
            ax.annotate(cell(r), (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center", va="bottom", fontsize=8)
        units = set(g["unit"].dropna())
        unit = units.pop() if len(units) == 1 else ""  # mixed units: the bar labels carry them
        import textwrap

        ax.set_title("\n".join(textwrap.wrap(f"{names.get(code, code)} ({code})", 60)), fontsize=10)
        ax.set_ylabel(unit)
        ax.margins(y=0.2)
        ax.tick_params(axis="x", labelsize=8)
        fig.tight_layout()
        p = out_dir / f"{code}.png"
        fig.savefig(p)
        plt.close(fig)
        paths.append(p)
    return paths


def write_html(views: dict[str, pd.DataFrame], pngs: list[Path], path: Path) -> None:
    names = indicator_names()
    parts = ["<!doctype html><html lang='vi'><meta charset='utf-8'><title>So sánh chỉ tiêu giữa các địa phương</title>",
             "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
             "padding:4px 8px;font-size:13px}th{background:#eef}img{max-width:100%;margin:1em 0}</style>",
             "<h1>So sánh chỉ tiêu giữa các địa phương</h1>"]
    wide = views["wide"].rename(columns={c: names.get(c, c) for c in views["wide"].columns})
    parts.append(wide.rename(columns={"place": "Địa phương"}).to_html(index=False, na_rep="", escape=True))
    for p in pngs:
        data = base64.b64encode(p.read_bytes()).decode("ascii")
        parts.append(f"<h2>{html.escape(names.get(p.stem, p.stem))}</h2><img alt='{html.escape(p.stem)}' src='data:image/png;base64,{data}'>")
    path.write_text("\n".join(parts) + "</html>", encoding="utf-8")


def write_all(frames, out: Path, codes=None, level=None) -> dict[str, pd.DataFrame]:
    views = build(frames, codes, level)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_xlsx(views, out)
    pngs = charts(views["long"], out.parent / f"{out.stem}_charts")
    write_html(views, pngs, out.with_suffix(".html"))
    return views
