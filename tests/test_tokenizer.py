import pytest

from pipeline.nlp import blank


@pytest.fixture(scope="module")
def nlp():
    return blank()


@pytest.mark.parametrize("text, tokens", [
    ("Quyết định số 263/QĐ-TTg ngày 22/02/2022.", ["Quyết", "định", "số", "263/QĐ-TTg", "ngày", "22/02/2022", "."]),
    ("chủ trì, phối hợp", ["chủ", "trì", ",", "phối", "hợp"]),
    ("giảm còn 2,29%;", ["giảm", "còn", "2,29%", ";"]),
    ("Nghị định 27/2022/NĐ-CP,", ["Nghị", "định", "27/2022/NĐ-CP", ","]),
    ("Nghị quyết 12-NQ/TU", ["Nghị", "quyết", "12-NQ/TU"]),
    ("Phòng NN&PTNT (qua VP)", ["Phòng", "NN&PTNT", "(", "qua", "VP", ")"]),
    ("đạt 1.500 hộ", ["đạt", "1.500", "hộ"]),
    # regression: a sentence-final period stuck to the symbol ("5/QĐ-UBND.")
    ("theo Quyết định số 5/QĐ-UBND.", ["theo", "Quyết", "định", "số", "5/QĐ-UBND", "."]),
])
def test_tokenizer_keeps_numbers_and_symbols_whole(nlp, text, tokens):
    assert [t.text for t in nlp(text)] == tokens


@pytest.mark.parametrize("text", [
    "", " ", "\n\n", "Uỷ ban  nhân dân\t", "“Cả nước chung sức”./.", "a)  b) -- + * ", "1.1.1.", "%%%//--",
])
def test_tokenizer_round_trips_naughty_strings(nlp, text):
    assert nlp(text).text_with_ws == text
