"""Reference baselines to compare the extractors against (same output shape as OUTPUT.md items)."""
from __future__ import annotations


def dateparser_baseline(text: str) -> list[dict]:
    """Every date `dateparser` finds, line by line, as a deadline of kind "date".

    This is the off-the-shelf answer to issue #5: `search_dates(..., languages=["vi"])` on
    each line of the normalized text. Offsets are located in the line, so
    `text[start:end] == item["text"]` holds like for the pipeline's own records.
    """
    from dateparser.search import search_dates

    out: list[dict] = []
    pos = 0
    for line in text.split("\n"):
        found = None
        if line.strip():
            try:
                found = search_dates(line, languages=["vi"])
            except Exception:  # dateparser raises on odd inputs; a baseline skips the line
                found = None
        cursor = 0
        for frag, when in found or []:
            i = line.find(frag, cursor)
            if i < 0:
                i = line.find(frag)
            if i < 0:
                continue
            cursor = i + len(frag)
            out.append({"text": frag, "kind": "date", "value": when.date().isoformat(),
                        "start": pos + i, "end": pos + i + len(frag), "section": None, "rule": "dateparser"})
        pos += len(line) + 1
    return out
