import pytest
from hypothesis import given, settings, strategies as st

import docverify
from docverify.errors import error_for


def test_unusable_input_is_a_value_error_with_position():
    with pytest.raises(docverify.UnusableInputError) as e:
        docverify.parse_mrz("P<UTO\nABC")
    assert isinstance(e.value, ValueError) and isinstance(e.value, docverify.DocVerifyError)
    assert e.value.status == -6
    assert "line 1" in str(e.value)


@pytest.mark.parametrize("text", ["", "\x00\x01", "A" * (10 * 1024 * 1024), "P<UTO\u00abERIKSSON"])
def test_bad_input_raises_never_crashes(text):
    with pytest.raises(docverify.UnusableInputError):
        docverify.parse_mrz(text)


def test_bad_arguments():
    with pytest.raises(ValueError):
        docverify.parse_mrz("x", profile="airport")
    with pytest.raises(ValueError):
        docverify.parse_mrz("x", today="2023-02-30")
    with pytest.raises(TypeError):
        docverify.parse_mrz("x", today=20230101)


def test_status_mapping():
    assert isinstance(error_for(-2, "m"), MemoryError)
    assert isinstance(error_for(-7, "m"), LookupError)
    assert isinstance(error_for(-9, "m"), OSError)
    assert type(error_for(-99, "m")) is docverify.InternalError


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_report_or_a_docverify_error(text):
    try:
        r = docverify.parse_mrz(text, today="2026-12-01")
    except docverify.DocVerifyError:
        return
    assert r.verdict.status in {"ok", "suspect", "error", "not_done"}
