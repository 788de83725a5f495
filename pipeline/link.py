"""Tie deadlines and obligations together: who is due when.

A deadline's agencies are the lead and cooperating bodies of the same list item (bullet or
lettered item) or sentence; failing that, of its numbered section. An assignment's deadline
is the deadline of the same item or sentence; failing that, the section's only deadline.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.language import Language

from .extract.common import sentence_bounds
from .records import Assignment, Deadline
from .segment import Layout

_ACTING = ("lead", "cooperate", "requested")


def _unit(layout: Layout, offset: int) -> tuple[int, int]:
    item = layout.item_at(offset)
    if item is not None:
        return item.start, item.end
    return sentence_bounds(layout, offset)


def link(layout: Layout, deadlines: list[Deadline], assignments: list[Assignment]) -> tuple[list[Deadline], list[Assignment]]:
    by_section: dict[str | None, list[Assignment]] = {}
    for a in assignments:
        if a.role in _ACTING:
            by_section.setdefault(a.section, []).append(a)
    dl_by_section: dict[str | None, list[Deadline]] = {}
    for d in deadlines:
        dl_by_section.setdefault(d.section, []).append(d)

    linked_deadlines = []
    for d in deadlines:
        if d.agencies:
            linked_deadlines.append(d)
            continue
        s, e = _unit(layout, d.start)
        in_section = by_section.get(d.section, [])
        near = [a for a in in_section if s <= a.start < e]
        if not any(a.role == "lead" for a in near):
            # A bullet under a heading body ("1. Trung tâm Y tế huyện") is that body's duty.
            sec = layout.section_at(d.start)
            heading = [a for a in in_section if a.role == "lead" and sec and sec.start <= a.start < sec.line_end]
            near = heading + near if heading or near else [a for a in in_section if a.role == "lead"]
        names = tuple(dict.fromkeys(a.agency for a in sorted(near, key=lambda a: (a.role != "lead", a.start))))
        linked_deadlines.append(replace(d, agencies=names))

    linked_assignments = []
    for a in assignments:
        if a.deadline or a.role not in _ACTING:
            linked_assignments.append(a)
            continue
        s, e = _unit(layout, a.start)
        same = [d for d in dl_by_section.get(a.section, []) if s <= d.start < e]
        if not same and len(dl_by_section.get(a.section, [])) == 1 and a.section is not None:
            same = dl_by_section[a.section]
        linked_assignments.append(replace(a, deadline=same[0].value) if same else a)
    return linked_deadlines, linked_assignments


@Language.component("kehoach_link")
def link_component(doc):
    doc._.deadlines, doc._.assignments = link(doc._.layout, list(doc._.deadlines or []), list(doc._.assignments or []))
    return doc
