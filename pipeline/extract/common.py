"""Helpers every extractor shares: the clause, sentence and paragraph around an offset."""
from __future__ import annotations

import re

from ..normalize import VI_UPPER
from ..segment import Layout

# A sentence ends at ". " / "; " / "! " / "? " followed by an upper-case letter, a bullet or a quote.
_SENT_END = re.compile(r"(?<=[.;!?])\s+(?=[\"“(]?[" + VI_UPPER + r"0-9])|(?<=\.\.\.)\s+")


def line_bounds(layout: Layout, offset: int) -> tuple[int, int]:
    ln = layout.line_at(offset)
    return ln.start, ln.end


def sentence_bounds(layout: Layout, offset: int) -> tuple[int, int]:
    """The sentence of the line that holds `offset` (a line is a paragraph after normalize)."""
    start, end = line_bounds(layout, offset)
    line = layout.text[start:end]
    s, e = start, end
    for m in _SENT_END.finditer(line):
        cut = start + m.start()
        if cut <= offset:
            s = start + m.end()
        else:
            e = cut
            break
    return s, e


def sentence_at(layout: Layout, offset: int) -> str:
    s, e = sentence_bounds(layout, offset)
    return layout.text[s:e].strip()
