import json
import subprocess
import sys

TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]


def run(args, stdin=b""):
    return subprocess.run([sys.executable, "-m", "docverify"] + args, input=stdin, capture_output=True)


def test_json_and_exit_codes():
    p = run(["mrz", "--json", "--today", "2010-01-01"] + TD3)
    assert p.returncode == 1
    assert json.loads(p.stdout)["mrz"]["fields"]["surname"] == "ERIKSSON"
    p = run(["mrz", "--today", "2010-01-01", "--profile", "trainer"], ("\n".join(TD3) + "\n").encode())
    assert p.returncode == 0 and b"Verdict: SUSPECT (specimen)" in p.stdout


def test_unusable_input_exits_2():
    p = run(["mrz", TD3[0], TD3[1][:-1]])
    assert p.returncode == 2 and b"line 2 has 43 characters" in p.stderr


def test_version():
    p = run(["--version"])
    assert p.returncode == 0 and p.stdout.startswith(b"docverify ")


def test_make_mrz():
    p = run(["make-mrz", "--format", "TD2", "--document-code", "ID", "--issuing-state", "AUT",
             "--document-number", "P1234567", "--birth-date", "1971-01-31", "--surname", "Größer",
             "--given-names", "Ádám", "--nationality", "AUT", "--sex", "M", "--expiry-date", "2029-03-01"])
    assert p.returncode == 0 and p.stdout.startswith(b"IDAUTGROESSER<<ADAM<")
