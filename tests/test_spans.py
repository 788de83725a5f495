"""Every record's span indexes the normalized text exactly (OUTPUT.md)."""
import pytest

from conftest import STEMS


@pytest.mark.parametrize("stem", STEMS)
def test_spans_every_record_indexes_the_text(corpus_results, stem):
    res = corpus_results[stem]
    for group in (res.citations, res.deadlines, res.targets, res.assignments):
        for r in group:
            assert res.text[r.start:r.end] == r.text, r
    for s in res.sections:
        assert res.text[s.heading_start:s.heading_end] == s.heading
        assert s.start < s.end <= len(res.text)
