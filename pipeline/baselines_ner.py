"""A baseline for the agency extractor: underthesea's general-purpose NER.

Every ORG and LOC span that underthesea.ner finds in a line is taken as an agency with role
"lead" — there is no role grammar and no canonical name (the span as written). Scored with
the same gold as pipeline/extract/agencies.py, it shows what a generic NER gets on plans.
underthesea.ner is run per line: on a whole document it is slow and its CRF features cross
paragraph boundaries.
"""
from __future__ import annotations

from .segment import segment

_KEEP = ("ORG", "LOC")


def _spans(tagged: list[tuple]) -> list[tuple[str, str]]:
    """(label, words) of the entity spans in underthesea's (word, pos, chunk, ner) tuples."""
    out: list[tuple[str, list[str]]] = []
    cur_label, cur_words = None, []
    for row in tagged:
        word, tag = row[0], row[-1]
        if tag.startswith("B-") or (tag.startswith("I-") and cur_label != tag[2:]):
            if cur_label:
                out.append((cur_label, cur_words))
            cur_label, cur_words = tag[2:], [word]
        elif tag.startswith("I-"):
            cur_words.append(word)
        else:
            if cur_label:
                out.append((cur_label, cur_words))
            cur_label, cur_words = None, []
    if cur_label:
        out.append((cur_label, cur_words))
    return [(label, " ".join(words)) for label, words in out]


def underthesea_ner_baseline(text: str) -> list[dict]:
    """Assignments as a generic NER sees them: ORG/LOC spans per line, role "lead"."""
    from underthesea import ner

    layout = segment(text)
    out: list[dict] = []
    for ln in layout.lines:
        line = ln.text
        if not line.strip():
            continue
        try:
            tagged = ner(line)
        except Exception:  # underthesea fails on some symbol-only lines; a baseline skips them
            continue
        pos = 0
        for label, words in _spans(tagged):
            if label not in _KEEP:
                continue
            at = line.find(words, pos)
            if at < 0:
                continue
            pos = at + len(words)
            start = ln.start + at
            out.append({
                "agency": words, "role": "lead", "section": layout.path_at(start),
                "text": text[start:start + len(words)], "start": start, "end": start + len(words),
                "label": label,
            })
    return out
