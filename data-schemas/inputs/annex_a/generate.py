#!/usr/bin/env python3
"""Generates data-schemas/tables/silver/annex_a_*.yaml and data-schemas/rules/annex_a_*.yaml from
lists.yaml (the single source). Run from the repository root after editing lists.yaml;
AnnexAReaderTest.generatedSchemasAreCurrent fails when the generated files are out of date."""
import yaml

SILVER = {"child_id": "string", "family_id": "string", "code": "string", "date": "date", "int": "int",
          "string": "string", "birth_month": "date", "postcode_district": "string",
          "worker": "string"}
PARSED = {"date", "int", "birth_month"}

def q(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'

spec = yaml.safe_load(open("data-schemas/inputs/annex_a/lists.yaml"))
for l in spec["lists"]:
    if not l.get("silver_table"):
        continue
    t = l["silver_table"]
    cols = [("la_code", "string", False, "DfE LA number (from the la=<code>/ folder or --la)")]
    for c in l["columns"]:
        if c["type"] == "drop":
            continue
        name = "person_id" if c["type"] == "child_id" else c["name"]
        desc = f"{c['headers'][0]}"
        if c["type"] == "child_id":
            desc = "keyed pseudonym of Child Unique ID (csc_pseudonym(la, id)); never the identifier itself"
        elif c["type"] == "worker":
            desc = f"keyed pseudonym of {c['headers'][0]} (csc_pseudonym(la, 'worker|' + the name, case and spacing ignored)); never the name itself"
        elif c["type"] == "code":
            desc += f" (code of {c['codelist']})"
        elif c["type"] == "birth_month":
            desc += " (first day of the month only)"
        elif c["type"] == "postcode_district":
            desc += " (outward part only)"
        cols.append((name, SILVER[c["type"]], not (c.get("required") and name in l["keys"]), desc))
    cols += [("collection_year", "int", False, "reporting year (year ending 31 March) containing the workbook's latest date"),
             ("source_file_sha256", "string", False, "SHA-256 of the workbook the row came from (bronze lineage)"),
             ("_row_hash", "string", False, "hash of the row's values; MERGE rewrites a row only when it changes")]
    with open(f"data-schemas/tables/silver/{t}.yaml", "w") as f:
        f.write("# generated from data-schemas/inputs/annex_a/lists.yaml by data-schemas/inputs/annex_a/generate.py\n")
        f.write(f"table: {t}\nlayer: silver\ndescription: {q('Ofsted Annex A list ' + str(l['list']) + ' (' + l['name'] + '), one row per ' + l['name'] + ' item as listed')}\n")
        f.write(f"keys: [{', '.join(l['keys'])}]\ncolumns:\n")
        for n, ty, nullable, d in cols:
            f.write(f"  - {{name: {n}, type: {q(ty)}, nullable: {'true' if nullable else 'false'}, description: {q(d)}}}\n")
    rules = []
    for c in l["columns"]:
        name = "person_id" if c["type"] == "child_id" else c["name"]
        if c["type"] in PARSED:
            rules.append({"id": f"AA{l['list']}-PARSE-{c['name']}", "message": f"{c['headers'][0]}: not a readable {'date' if c['type'] != 'int' else 'number'}",
                          "parsed": {"column": name, "source": c["name"]}})
        if c["type"] == "code":
            rules.append({"id": f"AA{l['list']}-CODE-{c['name']}", "message": f"{c['headers'][0]}: not a recognised code of {c['codelist']}",
                          "parsed": {"column": name, "source": c["name"]}})
    for c in l["columns"]:
        if c.get("required"):
            name = "person_id" if c["type"] == "child_id" else c["name"]
            rules.append({"id": f"AA{l['list']}-REQ-{c['name']}", "message": f"{c['headers'][0]} is required", "required": name})
    for ch in l.get("checks") or []:
        rules.append({"id": ch["id"], "message": ch["message"], "check": f"{ch['end']} < {ch['start']}"})
    with open(f"data-schemas/rules/{t}.yaml", "w") as f:
        f.write("# generated from data-schemas/inputs/annex_a/lists.yaml by data-schemas/inputs/annex_a/generate.py\n")
        yaml.safe_dump({"table": t, "rules": rules}, f, sort_keys=False, width=200, allow_unicode=True)
