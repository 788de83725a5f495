"""One small frozen record per extracted item, each carrying its character span.

Offsets (`start`, `end`) index the *normalized* document text (see normalize.py):
`text[start:end] == record.text` for every record that has both. Serialization lives
in serialize.py and tables.py, so nothing here knows about JSON or pandas.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class PageSpan:
    """Characters [start, end) of a text came from page `page` (1-based)."""
    start: int
    end: int
    page: int


@dataclass(frozen=True)
class RawDocument:
    """What ingest hands on: the source text as read, before normalization."""
    source: str
    format: str  # txt | docx | pdf
    sha256: str
    text: str
    pages: tuple[PageSpan, ...] = ()
    encoding: str | None = None


@dataclass(frozen=True)
class Section:
    """A numbered part (I., 1., 1.1., Phần I, Điều 1, Mục 1)."""
    path: str
    number: str
    level: int
    heading: str
    start: int  # start of the numbered line
    end: int  # end of the section's body (start of the next sibling or ancestor)
    parent: str | None
    kind: str  # roman | arabic | phan | dieu | muc
    line_end: int = 0  # end of the heading line
    heading_start: int = 0
    heading_end: int = 0


@dataclass(frozen=True)
class ListItem:
    """A lettered item (a)) or bullet (-, +, *) inside a section."""
    marker: str
    kind: str  # letter | bullet
    depth: int  # 0 for a), 1 for -, 2 for +, ...
    start: int
    end: int
    line_end: int
    section: str | None


@dataclass(frozen=True)
class Issue:
    """A warning about the document or the extraction (not an error)."""
    code: str
    message: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class DocumentMeta:
    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    issuer: str | None = None
    level: str | None = None
    locality: str | None = None
    province: str | None = None
    issue_date: str | None = None
    title: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    recipients: tuple[str, ...] = ()
    place: str | None = None  # place in the place-date line ("Cao Lộc, ngày ...")

    @property
    def year(self) -> int | None:
        if self.issue_date and self.issue_date[:4].isdigit():
            return int(self.issue_date[:4])
        return None


@dataclass(frozen=True)
class Citation:
    text: str
    start: int
    end: int
    doc_type: str
    number: str
    date: str | None
    issuer: str | None
    relation: str  # basis | implements | reference
    section: str | None
    numeric: str | None = None
    year: int | None = None
    symbol: str | None = None
    issuing_body: str | None = None  # decoded from the symbol (QĐ-TTg → Thủ tướng Chính phủ)
    mentions: tuple[Span, ...] = ()
    rule: str = ""


@dataclass(frozen=True)
class Deadline:
    text: str
    start: int
    end: int
    kind: str  # date | month | week | quarter | half | year | recurring | continuous | relative
    value: str
    section: str | None
    task: str | None = None
    agencies: tuple[str, ...] = ()
    range_start: str | None = None
    range_end: str | None = None
    recurrence: str | None = None  # P1Y, P6M, ...
    year_inferred: bool = False
    rule: str = ""


@dataclass(frozen=True)
class Target:
    text: str
    start: int
    end: int
    indicator: str | None
    code: str | None
    value: float
    unit: str | None
    comparator: str  # >= > <= = delta+ delta-
    section: str | None
    denominator: float | None = None
    deadline: str | None = None
    rule: str = ""
    # The taxonomy entry that matched, also outside the guide's codes (health, education...):
    # `code` keeps to ANNOTATION.md's vocabulary, `domain` serves comparison across fields.
    domain: str | None = None


@dataclass(frozen=True)
class Assignment:
    agency: str
    role: str  # lead | cooperate | requested | report_to
    section: str | None
    text: str
    start: int
    end: int
    task: str | None = None
    agency_id: str | None = None
    agency_kind: str | None = None
    deadline: str | None = None
    rule: str = ""


@dataclass(frozen=True)
class ExtractionResult:
    """Everything extracted from one document."""
    raw: RawDocument
    text: str  # normalized
    meta: DocumentMeta
    sections: tuple[Section, ...] = ()
    items: tuple[ListItem, ...] = ()
    citations: tuple[Citation, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    targets: tuple[Target, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    warnings: tuple[Issue, ...] = ()
    source_offsets: tuple[int, ...] = field(default=(), repr=False)

    @property
    def doc_id(self) -> str:
        return self.raw.sha256[:16]
