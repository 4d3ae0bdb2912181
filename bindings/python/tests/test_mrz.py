import json
import os
import subprocess

import pytest

import docverify

TD3 = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
       "L898902C36UTO7408122F1204159ZE184226B<<<<<10\n")
TD1 = ("I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\n"
       "ERIKSSON<<ANNA<MARIA<<<<<<<<<<\n")


def test_runs_against_the_installed_package():
    # The suite must exercise the wheel, not the source tree.
    assert "site-packages" in docverify.__file__ or os.environ.get("DOCVERIFY_ALLOW_SOURCE")


def test_td3_fields_and_verdict():
    r = docverify.parse_mrz(TD3, today="2010-01-01")
    assert r.mrz.format == "TD3"
    assert r.mrz.valid is True
    f = r.mrz.fields
    assert (f.document_number, f.birth_date, f.expiry_date, f.sex) == ("L898902C3", "1974-08-12", "2012-04-15", "F")
    assert (f.surname, f.given_names, f.optional_data) == ("ERIKSSON", "ANNA MARIA", "ZE184226B")
    assert [c.status for c in r.mrz.check_digits] == ["ok"] * 5
    assert "surname" in r.mrz.uncovered_fields
    assert r.verdict.status == "error" and r.verdict.specimen is True
    assert r.exit_status == 1


def test_trainer_profile_and_dates():
    import datetime
    r = docverify.parse_mrz(TD3, today=datetime.date(2010, 1, 1), profile="trainer")
    assert r.verdict.status == "suspect"
    assert r.reference_date == "2010-01-01" and r.profile == "trainer"


def test_correction_is_recorded():
    bad = TD3.replace("7408122F", "74O8122F")
    r = docverify.parse_mrz(bad, today="2010-01-01")
    assert r.mrz.valid
    assert [(c.line, c.column, c.from_, c.to, c.proven_by) for c in r.mrz.corrections] == [(2, 16, "O", "0", "birth_date")]
    assert r.mrz.lines_read[1] != r.mrz.lines[1]
    assert docverify.parse_mrz(bad, today="2010-01-01", correct=False).mrz.valid is False


def test_to_dict_is_the_cli_json():
    r = docverify.parse_mrz(TD1, today="2010-01-01")
    d = r.to_dict()
    assert d["schema"] == "docverify/1"
    assert json.loads(r.to_json()) == d
    cli = os.environ.get("DOCVERIFY_CLI")
    if not cli:
        pytest.skip("DOCVERIFY_CLI not set")
    out = subprocess.run([cli, "mrz", "--json", "--today", "2010-01-01"], input=TD1.encode(), capture_output=True)
    assert json.loads(out.stdout) == d


def test_context_reuse_and_params():
    with docverify.Context(profile="kiosk", today="2026-12-01") as ctx:
        a = ctx.parse_mrz(TD3)
        b = ctx.parse_mrz(TD3.encode())
        assert a == b
        assert ctx.get_param(4) == 2.0  # DV_PARAM_MRZ_MAX_SUBSTITUTIONS
        with pytest.raises(docverify.OutOfRangeError):
            ctx.set_param(4, 9)


def test_results_have_no_truth_value():
    r = docverify.parse_mrz(TD3, today="2010-01-01")
    for obj in (r, r.verdict, r.checks[0]):
        with pytest.raises(TypeError):
            bool(obj)


def test_text_report():
    r = docverify.parse_mrz(TD3, today="2010-01-01")
    assert "Verdict: ERROR (specimen)" in r.text


def test_build_mrz_round_trip():
    built = docverify.build_mrz("TD3", "P", "UTO", "L898902C3", "1974-08-12", "Eriksson", "Anna Maria",
                                nationality="UTO", sex="F", expiry_date="2012-04-15", optional_data="ZE184226B")
    assert built.lines == TD3.splitlines() and not built.name_truncated
    built = docverify.build_mrz("TD1", "ID", "BEL", "592123456789", "1990-02-28", "Peeters", "Jan Émile",
                                nationality="BEL", sex="M", expiry_date="2030-02-27")
    r = docverify.parse_mrz("\n".join(built.lines), today="2026-12-01")
    assert r.mrz.long_document_number and r.mrz.fields.document_number == "592123456789"
    assert r.mrz.fields.given_names == "JAN EMILE"
    with pytest.raises(docverify.InvalidArgumentError, match="birth_date"):
        docverify.build_mrz("TD3", "P", "UTO", "X1", "1974-13-01", "Doe")


def test_unknown_json_keys_are_ignored():
    from docverify.mrz import _report_from
    doc = docverify.parse_mrz(TD3, today="2010-01-01").to_dict()
    doc["mrz"]["fields"]["place_of_birth"] = "UTOPIA"  # a key a newer library might add
    doc["verdict"]["score"] = 0.5
    assert _report_from(doc, "").mrz.fields.surname == "ERIKSSON"


def test_build_refuses_nul():
    with pytest.raises(ValueError):
        docverify.build_mrz("TD3", "P", "UTO", "L898902C3\x00X", "1974-08-12", "Eriksson")


def test_invalid_utf8_name_is_a_utf8_error():
    with pytest.raises(docverify.Utf8Error):
        docverify.build_mrz("TD3", "P", "UTO", "X1", "1974-08-12", b"M\xc3")
