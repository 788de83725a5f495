"""Helpers every extractor shares: the clause, sentence and paragraph around an offset."""
from __future__ import annotations

import re
from functools import lru_cache

from underthesea import sent_tokenize

from ..normalize import VI_UPPER
from ..segment import Layout

# Beside underthesea's sentence ends, a "; " before a capital starts a new duty in plans
# ("...trong tháng 10/2024; Hoàn thiện hồ sơ ..."), and so does "... " before one.
_CLAUSE_END = re.compile(r"(?<=[;!?])\s+(?=[\"“(]?[" + VI_UPPER + r"0-9])|(?<=\.\.\.)\s+(?=[" + VI_UPPER + r"])")


def line_bounds(layout: Layout, offset: int) -> tuple[int, int]:
    ln = layout.line_at(offset)
    return ln.start, ln.end


@lru_cache(maxsize=4096)
def _cuts(line: str) -> tuple[int, ...]:
    """Offsets in `line` where a sentence starts. underthesea's punkt model knows Vietnamese
    abbreviations ("TS. Nguyễn Văn A" is one sentence); it ignores line breaks, which is why it
    is given one line (one paragraph after normalize) at a time."""
    cuts, pos = set(), 0
    for sent in sent_tokenize(line):
        at = line.find(sent, pos)
        if at < 0:
            break
        if at > 0:
            cuts.add(at)
        pos = at + len(sent)
    cuts.update(m.end() for m in _CLAUSE_END.finditer(line))
    return tuple(sorted(cuts))


def sentence_bounds(layout: Layout, offset: int) -> tuple[int, int]:
    """The sentence of the line that holds `offset`."""
    start, end = line_bounds(layout, offset)
    line = layout.text[start:end]
    s, e = start, end
    for cut in _cuts(line):
        if start + cut <= offset:
            s = start + cut
        else:
            e = start + cut
            break
    text = layout.text
    while e > s and text[e - 1] == " ":
        e -= 1
    return s, e


def sentence_at(layout: Layout, offset: int) -> str:
    s, e = sentence_bounds(layout, offset)
    return layout.text[s:e].strip()
