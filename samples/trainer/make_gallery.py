#!/usr/bin/python3
"""A trainer's gallery: genuine and forged documents side by side, with what was forged
where outlined on each image.

usage: python3 samples/trainer/make_gallery.py OUT_DIR [--format TD3] [--seed 1]
Open OUT_DIR/index.html in a browser. Later issues add docverify's findings beside each.
"""
import argparse
import html
import json
import pathlib

import docverify

FORGERIES = ["none", "mrz_recomputed", "mrz_unrecomputed", "viz_rewritten", "mrz_wrong_font", "mrz_wrong_pitch",
             "grey_copy", "expired", "specimen", "photo_swap", "copy_move", "screen_recapture", "colour_copy",
             "ir_transparent_ink", "uv_bright_paper"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--format", default="TD3")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dpi", type=float, default=150)
    args = ap.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cards = []
    for forgery in FORGERIES:
        s = docverify.make_specimen(args.format, index=0, seed=args.seed, dpi=args.dpi, forgery=forgery)
        truth = s.ground_truth
        image = out / f"{forgery}.png"
        image.write_bytes(s.png)
        (out / f"{forgery}.json").write_text(json.dumps(truth, indent=2, ensure_ascii=False), encoding="utf-8")
        report = docverify.parse_mrz("\n".join(truth["mrz_lines"]), today=truth["reference_date"], profile="trainer")
        quad = truth["document_quad"]
        width, height = quad[2][0] + 1, quad[2][1] + 1
        boxes = "".join(
            f'<div class="box" title="{html.escape(r["what"])}" style="left:{100 * r["box"][0] / width:.2f}%;'
            f'top:{100 * r["box"][1] / height:.2f}%;width:{100 * r["box"][2] / width:.2f}%;'
            f'height:{100 * r["box"][3] / height:.2f}%"></div>'
            for r in truth["forgery"]["regions"])
        cards.append(f"""
<figure>
  <div class="page"><img src="{image.name}" alt="{forgery}">{boxes}</div>
  <figcaption><b>{html.escape(forgery)}</b>: {html.escape(truth["forgery"]["description"] or "genuine document")}<br>
  MRZ alone: valid={report.mrz.valid}, verdict <i>{report.verdict.status}</i>
  {"".join(f"<br><small>{html.escape(r)}</small>" for r in report.verdict.reasons[:3])}</figcaption>
</figure>""")
    (out / "index.html").write_text(f"""<!doctype html>
<meta charset="utf-8"><title>docverify trainer gallery</title>
<style>
body {{ font-family: sans-serif; margin: 2em; }}
figure {{ display: inline-block; width: 46%; margin: 1%; vertical-align: top; }}
.page {{ position: relative; }} .page img {{ width: 100%; display: block; }}
.box {{ position: absolute; border: 3px solid #e00; box-sizing: border-box; }}
</style>
<h1>Genuine and forged {html.escape(args.format)} documents (all fictitious)</h1>
<p>Red boxes: where the forgery changed the document. "MRZ alone" is what docverify finds from the
MRZ text; image checks arrive in later releases.</p>
{"".join(cards)}
""", encoding="utf-8")
    print(f"gallery: {out / 'index.html'} ({len(cards)} documents)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
