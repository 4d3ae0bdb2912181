#!/usr/bin/python3
"""A trainer's gallery: the forgery kit run through `docverify.verify`, genuine and forged
documents side by side, each with what was forged where, what docverify detected and what
it missed, and a full report per document.

usage: python3 samples/trainer/make_gallery.py OUT_DIR [--format TD3] [--seed 1] [--dpi 300]
                                               [--capture scan|kiosk|phone] [--no-viz]
Open OUT_DIR/index.html in a browser. Per document OUT_DIR/NAME.html is docverify's own
report (the annotated page, heat maps, every check with its measurement and threshold,
what could not be checked) and NAME_checked.png the annotated page. Every document is
fictitious; the kiosk capture adds the infrared and ultraviolet frames a reader takes.
"""
import argparse
import html
import json
import pathlib
import sys
import tempfile

import docverify
import docverify.specimen

# The forgeries a single visible-light image cannot show (docs/checks.md): the kiosk's IR/UV
# frames reveal the last two; recomputed check digits with a consistent visual zone need
# the chip or a seal.
KIOSK_ONLY = {"ir_transparent_ink", "uv_bright_paper"}


def card(out: pathlib.Path, name: str, forgery: str, truth: dict, report, image_name: str) -> str:
    verdict = report.mrz_report.verdict if report.mrz_report is not None else None
    status = verdict.status if verdict is not None else "not_done"
    forged = forgery != "none"
    caught = status in ("suspect", "error")
    if not report.found:
        outcome, colour = "no MRZ found: nothing judged", "#888"
    elif forged:
        outcome, colour = ("detected", "#2a2") if caught else ("MISSED", "#d22")
    else:
        outcome, colour = ("genuine: passed" if status == "ok" else f"genuine: {status} (a false alarm, or checks not done)",
                           "#2a2" if status == "ok" else "#d80")
    fired = [c for c in (report.mrz_report.checks if report.mrz_report is not None else []) if c.status in ("warning", "error")]
    not_done = [c for c in (report.mrz_report.checks if report.mrz_report is not None else []) if c.status == "not_done"]
    fired_html = "".join(f"<li><code>{html.escape(c.id)}</code> {c.status}: {html.escape(c.message)}</li>" for c in fired)
    return f"""
<figure>
  <a href="{name}.html"><img src="{name}_checked.png" alt="{html.escape(forgery)}"></a>
  <figcaption><b>{html.escape(forgery)}</b>: {html.escape(truth["forgery"]["description"] or "genuine document")}<br>
  <span class="outcome" style="background:{colour}">{outcome}</span> verdict <i>{status}</i>;
  forged areas (ground truth): {html.escape(", ".join(r["what"] for r in truth["forgery"]["regions"]) or "none")}
  <ul>{fired_html or "<li>no check flagged</li>"}</ul>
  <small>{len(not_done)} checks not done (listed in the <a href="{name}.html">report</a>); source image
  <a href="{image_name}">{image_name}</a></small></figcaption>
</figure>"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--format", default="TD3")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--capture", default="scan", choices=["scan", "kiosk", "phone"])
    ap.add_argument("--no-viz", action="store_true", help="skip the Tesseract read of the visual zone (faster)")
    ap.add_argument("--today", default="2026-12-01")
    ap.add_argument("--dpi", type=float, default=300, help="scan resolution (the print checks need 250 dpi)")
    args = ap.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cards, rows = [], []
    for forgery in docverify.specimen.FORGERIES:
        if forgery in KIOSK_ONLY and args.capture != "kiosk":
            continue
        with tempfile.TemporaryDirectory() as tmp:
            docverify.write_specimens(tmp, format=args.format, seed=args.seed, dpi=args.dpi, forgery=forgery,
                                      capture=args.capture)
            page = next(p for p in sorted(pathlib.Path(tmp).iterdir())
                        if p.suffix in (".png", ".jpg") and not p.stem.endswith(("_ir", "_uv")))
            truth = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
            ir, uv = page.with_name(page.stem + "_ir.png"), page.with_name(page.stem + "_uv.png")
            name = f"{forgery}"
            image_name = name + page.suffix
            (out / image_name).write_bytes(page.read_bytes())
            report = docverify.verify(page, today=args.today, profile="trainer", visual_zone=not args.no_viz,
                                      infrared=ir if ir.exists() else None, ultraviolet=uv if uv.exists() else None,
                                      html=out / f"{name}.html", annotate=out / f"{name}_checked.png")
        (out / f"{name}.json").write_text(json.dumps(report.json, indent=2, ensure_ascii=False), encoding="utf-8")
        cards.append(card(out, name, forgery, truth, report, image_name))
        status = report.mrz_report.verdict.status if report.mrz_report is not None else "not_done"
        rows.append((forgery, status, forgery == "none" or status in ("suspect", "error")))
        print(f"{forgery:20s} {status}", file=sys.stderr)
    detected = sum(1 for f, _, ok in rows if f != "none" and ok)
    table = "".join(f"<tr><td>{html.escape(f)}</td><td>{s}</td><td>{'yes' if ok else 'NO'}</td></tr>" for f, s, ok in rows)
    (out / "index.html").write_text(f"""<!doctype html>
<meta charset="utf-8"><title>docverify trainer gallery</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; }}
figure {{ display: inline-block; width: 46%; margin: 1%; vertical-align: top; }}
figure img {{ width: 100%; display: block; border: 1px solid #ccc; }}
.outcome {{ color: #fff; padding: 0 .4em; border-radius: 3px; }}
table {{ border-collapse: collapse; }} td, th {{ border-bottom: 1px solid #ddd; padding: .2em .8em; }}
</style>
<h1>Genuine and forged {html.escape(args.format)} documents, {html.escape(args.capture)} capture (all fictitious)</h1>
<p>Each page as docverify saw it: numbered boxes mark the checks that flagged (red error, orange warning),
colour washes the heat maps of flagged forensic checks. Click a page for its full report. Detected
{detected} of {len(rows) - 1} forgeries; a missed one shows what a single {html.escape(args.capture)} image cannot
reveal with this version's checks (see docs/checks.md and benchmarks/README.md for rates over many documents).</p>
<table><tr><th>forgery</th><th>verdict</th><th>as expected</th></tr>{table}</table>
{"".join(cards)}
""", encoding="utf-8")
    print(f"gallery: {out / 'index.html'} ({len(cards)} documents, {detected} of {len(rows) - 1} forgeries detected)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
