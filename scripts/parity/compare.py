#!/usr/bin/env python3
"""Compare koho's ja.* findings with textlint's preset-ja-technical-writing.

Both tools' JSON output over the same corpus is reduced to the set of
(file, line) pairs each rule flags. Per rule we report line agreement (share of
corpus lines on which both tools agree: both flag or both stay quiet), the
flagged-line overlap (lines both flag / lines either flags: the stricter
number, since most lines are quiet), and the findings only one of them has,
so each disagreement can be read.

Usage: compare.py textlint.json koho.json corpus_dir [--markdown OUT]
"""
import json
import os
import sys

# textlint rule (without the preset prefix) -> koho rule id
MAPPING = {
    "sentence-length": "ja.sentence-length",
    "max-comma": "ja.max-comma",
    "max-ten": "ja.max-ten",
    "max-kanji-continuous-len": "ja.max-kanji-run",
    "arabic-kanji-numbers": "ja.arabic-kanji-numbers",
    "no-mix-dearu-desumasu": "ja.no-mix-dearu-desumasu",
    "ja-no-mixed-period": "ja.no-mixed-period",
    "no-double-negative-ja": "ja.no-double-negative",
    "no-dropping-the-ra": "ja.no-dropping-ra",
    "no-doubled-conjunctive-particle-ga": "ja.no-doubled-ga",
    "no-doubled-conjunction": "ja.no-doubled-conjunction",
    "no-doubled-joshi": "ja.no-doubled-joshi",
    "no-nfd": "ja.no-nfd",
    "no-invalid-control-character": "ja.no-control-char",
    "no-zero-width-spaces": "ja.no-zero-width",
    "no-exclamation-question-mark": "ja.no-exclamation",
    "no-hankaku-kana": "ja.no-hankaku-kana",
    "ja-no-weak-phrase": "ja.no-weak-phrase",
    "ja-no-successive-word": "ja.no-successive-word",
    "ja-no-abusage": "ja.no-abusage",
    "ja-no-redundant-expression": "ja.no-redundant-expression",
    "ja-unnatural-alphabet": "ja.unnatural-alphabet",
    "no-unmatched-pair": "ja.no-unmatched-pair",
}


def short(rule_id):
    rule_id = rule_id.split("/")[-1]
    return rule_id.replace("@textlint-rule/", "")


def main():
    args = sys.argv[1:]
    out_md = None
    if "--markdown" in args:
        i = args.index("--markdown")
        out_md = args[i + 1]
        del args[i : i + 2]
    tl_path, koho_path, corpus = args
    textlint = json.load(open(tl_path, encoding="utf-8"))
    koho = json.load(open(koho_path, encoding="utf-8"))

    lines_total = 0
    for name in sorted(os.listdir(corpus)):
        if name.endswith(".md"):
            with open(os.path.join(corpus, name), encoding="utf-8") as f:
                lines_total += sum(1 for line in f if line.strip())

    tl = {k: set() for k in MAPPING.values()}
    for f in textlint:
        base = os.path.basename(f["filePath"])
        for m in f["messages"]:
            rid = MAPPING.get(short(m["ruleId"]))
            if rid:
                tl[rid].add((base, m["line"]))
    ko = {k: set() for k in MAPPING.values()}
    for f in koho["files"]:
        base = os.path.basename(f["path"])
        for d in f["diagnostics"]:
            if d["rule"] in ko:
                ko[d["rule"]].add((base, d["line"]))

    rows = []
    details = []
    for rid in sorted(MAPPING.values()):
        both = tl[rid] & ko[rid]
        only_tl = sorted(tl[rid] - ko[rid])
        only_ko = sorted(ko[rid] - tl[rid])
        agree = 1.0 - (len(only_tl) + len(only_ko)) / max(lines_total, 1)
        flagged = len(both) + len(only_tl) + len(only_ko)
        jaccard = len(both) / flagged if flagged else None
        rows.append((rid, len(tl[rid]), len(ko[rid]), len(both), len(only_tl), len(only_ko), agree, jaccard))
        for f, line in only_tl:
            details.append(f"- {rid}: textlint only at {f}:{line}")
        for f, line in only_ko:
            details.append(f"- {rid}: koho only at {f}:{line}")

    header = (
        "| koho rule | textlint | koho | both | textlint only | koho only | line agreement | flagged-line overlap |\n"
        "|---|---|---|---|---|---|---|---|"
    )
    table = "\n".join(
        f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {r[5]} | {r[6]*100:.1f} % | "
        + ("–" if r[7] is None else f"{r[7]*100:.0f} %")
        + " |"
        for r in rows
    )
    overall = sum(r[6] for r in rows) / len(rows)
    text = (
        f"Corpus: {lines_total} non-empty lines in `{corpus}`.\n\n{header}\n{table}\n\n"
        f"Mean agreement over rules: {overall*100:.1f} %. Lowest: "
        f"{min(r[6] for r in rows)*100:.1f} %.\n\nDisagreements (line granularity):\n\n"
        + ("\n".join(details) if details else "(none)")
        + "\n"
    )
    print(text)
    if out_md:
        with open(out_md, "w", encoding="utf-8") as f:
            f.write(text)
    below = [r[0] for r in rows if r[6] < 0.95]
    if below:
        print("below 95 %:", ", ".join(below))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
