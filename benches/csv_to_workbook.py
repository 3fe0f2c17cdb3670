#!/usr/bin/env python3
"""Converts an anchor checklist CSV (gen_inputs.py in the shared anchors
folder) to a Shipshape workbook, so Shipshape renders the same items the
alternatives do.  Usage: csv_to_workbook.py IN.csv OUT.shipshape.ron"""
import csv, json, re, sys

STATUS = {"Done": "Done", "In progress": "InProgress", "Not started": "NotStarted",
          "Blocked": "InProgress", "N/A": "NotApplicable"}


def q(s):
    return json.dumps(s, ensure_ascii=False)


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def main(src, dst):
    cats = {}
    with open(src, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            cats.setdefault(row["category"], []).append(row)
    out = ["(", '    format: "shipshape-workbook",', "    version: 1,",
           f"    project: {q('Production readiness checklist')},", '    description: "",',
           '    launch: Some("2026-06-01"),', "    review: None,", "    people: [],", "    categories: ["]
    for name, rows in cats.items():
        cid = slug(name)
        out += ["        (", f"            id: {q(cid)},", f"            name: {q(name)},", "            items: ["]
        for r in rows:
            out += ["                (",
                    f"                    id: {q(cid + '.' + slug(r['id']))},",
                    f"                    title: {q(r['title'])},",
                    f"                    description: {q(r['description'])},",
                    f"                    status: {STATUS[r['status']]},",
                    f"                    owner: {q(r['owner'])},",
                    f"                    due: Some({q(r['due'])}),",
                    f"                    mitigation: (text: {q(r['mitigation'])}, accepted_by: \"\", until: None),",
                    '                    notes: "",', "                    evidence: [],", "                ),"]
        out += ["            ],", "        ),"]
    out += ["    ],", ")", ""]
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
