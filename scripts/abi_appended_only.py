#!/usr/bin/python3
"""The versioned option structs may only grow at the end (docs/api-stability.md).

abidiff is told to ignore their growth (abi/suppressions.abignore), which would also hide
a field changed in the middle; this check restores that: every member of the baseline's
struct must still be there, with the same name, offset and type, in the same order.
usage: abi_appended_only.py BASELINE.abi CURRENT.abi STRUCT..."""
import sys
import xml.etree.ElementTree as ET


def load(path):
    root = ET.parse(path).getroot()
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}

    def type_name(tid, depth=0):
        e = by_id.get(tid)
        if e is None or depth > 20:
            return "?"
        tag, name = e.tag, e.get("name")
        if tag == "pointer-type-def":
            return type_name(e.get("type-id"), depth + 1) + "*"
        if tag == "qualified-type-def":
            return ("const " if e.get("const") == "yes" else "") + type_name(e.get("type-id"), depth + 1)
        if tag == "typedef-decl":
            return name + "=" + type_name(e.get("type-id"), depth + 1)
        if tag == "class-decl":
            return name  # a pointed-to versioned struct may grow on its own
        return f"{name}/{e.get('size-in-bits')}"

    structs = {}
    for c in root.iter("class-decl"):
        if c.get("is-declaration-only") == "yes" or not c.get("name"):
            continue
        members = [(v.get("name"), m.get("layout-offset-in-bits"), type_name(v.get("type-id")))
                   for m in c.findall("data-member") for v in m.findall("var-decl")]
        structs.setdefault(c.get("name"), members)
    return structs


def main():
    old, new = load(sys.argv[1]), load(sys.argv[2])
    status = 0
    for name in sys.argv[3:]:
        if name not in old:
            continue  # new struct: nothing to keep
        if name not in new:
            print(f"abi: struct {name} is gone", file=sys.stderr)
            status = 1
            continue
        before, after = old[name], new[name]
        if after[: len(before)] != before:
            print(f"abi: struct {name} changed other than at its end:\n  was {before}\n  now {after}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
