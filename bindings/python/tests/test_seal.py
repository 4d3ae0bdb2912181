"""docverify.read_seal and TrustStore: seals on generated visas signed by the generator's
test PKI, through the C API."""
import pytest

import docverify


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    d = tmp_path_factory.mktemp("pki")
    docverify.write_specimen_pki(d, today="2026-12-01")
    return d


@pytest.fixture(scope="module")
def visa():
    return docverify.make_specimen(format="MRVA", seed=9, seal=True, today="2026-12-01")


def test_trust_store_loads_the_pki_folder(pki):
    with docverify.TrustStore(pki) as store:
        assert len(store) == 20  # a CSCA and a signer for UTO and each of nine issuing states
        subjects = {c["subject"] for c in store.certificates}
        assert any("CN=Test CSCA" in s for s in subjects) and any("CN=TS" in s for s in subjects)
    with pytest.raises(docverify.DocVerifyIOError):
        docverify.TrustStore("/nonexistent/docverify-pki")
    with pytest.raises(docverify.UnusableInputError):
        docverify.TrustStore().add_bytes(b"not a certificate")


def test_sealed_visa_verifies_and_its_mrz_is_the_pages(pki, visa):
    store = docverify.TrustStore(pki)
    r = docverify.read_seal(visa.png, trust=store, today="2026-12-01")
    assert len(r.seals) == 1 and r.verdict.status == "ok"
    seal = r.seals[0]
    assert seal.kind == "icao_vds" and seal.symbology == "data_matrix" and len(seal.corners) == 4
    assert seal.signature["status"] == "ok" and seal.signature["chain"] == "ok"
    assert "brainpoolP256r1" in seal.signature["algorithm"]
    assert seal.header["signer"][2:] == "TS" and seal.header["certificate_reference"] == "5B"
    assert seal.mrz is not None and seal.mrz.valid
    truth = visa.ground_truth["seal"]
    assert seal.payload.hex().upper() == truth["payload_hex"]
    checks = {c.id: c.status for c in seal.checks}
    assert checks["seal.signature"] == "ok" and checks["seal.format"] == "ok"


def test_payload_bytes_changed_byte_and_no_trust(pki, visa):
    store = docverify.TrustStore(pki)
    payload = bytes.fromhex(visa.ground_truth["seal"]["payload_hex"])
    assert docverify.read_seal(payload=payload, trust=store).seals[0].signature["status"] == "ok"
    bad = bytearray(payload)
    bad[-3] ^= 0x01
    r = docverify.read_seal(payload=bytes(bad), trust=store)
    assert r.seals[0].signature["status"] == "error" and r.verdict.status == "error"
    cut = docverify.read_seal(payload=payload[:25], trust=store).seals[0]
    assert cut.malformed and cut.error
    # Without a trust store nothing is verified: never ok.
    r = docverify.read_seal(payload=payload)
    assert r.seals[0].signature["status"] == "not_done" and r.verdict.status == "not_done"
    with pytest.raises(TypeError):
        docverify.read_seal()
    with pytest.raises(TypeError):
        docverify.read_seal(visa.png, payload=payload)
    with pytest.raises(ValueError):
        docverify.read_seal(visa.png, symbologies=["code128"])


def test_verify_reports_the_seal_and_catches_a_forged_mrz(pki):
    store = docverify.TrustStore(pki)
    genuine = docverify.make_specimen(format="MRVA", seed=9, seal=True)
    r = docverify.verify(genuine.png, trust=store, engine="builtin", visual_zone=False, profile="trainer")
    assert len(r.seals) == 1 and r.seals[0].signature["status"] == "ok"
    checks = {c.id: c for c in r.mrz_report.checks}
    assert checks["seal.mrz_match"].status == "ok"
    forged = docverify.make_specimen(format="MRVA", seed=9, seal=True, forgery="mrz_recomputed")
    r = docverify.verify(forged.png, trust=store, engine="builtin", visual_zone=False, profile="trainer")
    checks = {c.id: c for c in r.mrz_report.checks}
    assert checks["seal.mrz_match"].status == "error" and checks["seal.mrz_match"].diagnose == "SOURCE_MISMATCH"
    assert r.mrz_report.verdict.status == "error"
    r = docverify.verify(forged.png, engine="builtin", visual_zone=False, seals=False)
    assert r.seals == [] and "seal.mrz_match" not in {c.id for c in r.mrz_report.checks}


def test_generator_refuses_a_seal_on_a_passport():
    with pytest.raises(docverify.InvalidArgumentError):
        docverify.make_specimen(format="TD3", seal=True)
