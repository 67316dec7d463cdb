#!/usr/bin/env python3
"""Generates the silver table schemas, rule files and blank templates of the local trackers from
data-schemas/inputs/local/<tracker>.yaml (the single source). Run from the repository root after
editing a tracker schema; TrackerIngestTest.generatedSpecsAreCurrent fails when the generated files are out of date."""
import glob, os, yaml

SILVER_TYPE = {"child_id": "string", "family_id": "string", "string": "string", "code": "string",
               "date": "date", "datetime": "timestamp", "int": "int", "double": "double", "boolean": "boolean"}
PARSED = {"date", "datetime", "int", "double", "boolean"}

def q(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'

for path in sorted(glob.glob("data-schemas/inputs/local/*.yaml")):
    spec = yaml.safe_load(open(path))
    t, silver = spec["tracker"], spec["silver_table"]
    cols = [("la_code", "string", False, "DfE LA number (the file's la column, else the la=<code>/ folder, else --la)")]
    for c in spec["columns"]:
        name = "person_id" if c["type"] == "child_id" else c["name"]
        desc = c["description"]
        if c["type"] == "child_id":
            desc = "keyed pseudonym of child_id (csc_pseudonym(la, child_id)); never the identifier itself"
        elif c["type"] == "family_id":
            desc = "keyed pseudonym of " + c["name"] + " (csc_pseudonym(la, value))"
        cols.append((name, SILVER_TYPE[c["type"]], not (c.get("required") and name in spec["keys"]), desc))
    cols += [("collection_year", "int", False, "reporting year (year ending 31 March) containing the file's latest date; a later file wins"),
             ("source_file_sha256", "string", False, "SHA-256 of the file the row came from (bronze lineage)"),
             ("_row_hash", "string", False, "hash of the row's values; MERGE rewrites a row only when it changes")]
    with open(f"data-schemas/tables/silver/{silver}.yaml", "w") as f:
        f.write(f"# generated from data-schemas/inputs/local/{t}.yaml by data-schemas/inputs/local/generate.py\n")
        f.write(f"table: {silver}\nlayer: silver\ndescription: {q('Local tracker ' + t + ': ' + spec['description'])}\n")
        f.write(f"keys: [{', '.join(spec['keys'])}]\ncolumns:\n")
        for n, ty, nullable, d in cols:
            f.write(f"  - {{name: {n}, type: {q(ty)}, nullable: {'true' if nullable else 'false'}, description: {q(d)}}}\n")
    rules = []
    for c in spec["columns"]:
        name = "person_id" if c["type"] == "child_id" else c["name"]
        if c["type"] in PARSED:
            rules.append({"id": f"TRK-PARSE-{c['name']}", "message": f"{c['name']} could not be read as a {c['type']}",
                          "parsed": {"column": name, "source": c["name"]}})
    for c in spec["columns"]:
        name = "person_id" if c["type"] == "child_id" else c["name"]
        if c.get("required"):
            rules.append({"id": f"TRK-REQ-{c['name']}", "message": f"{c['name']} is required", "required": name})
    for c in spec["columns"]:
        if c["type"] == "code":
            rules.append({"id": f"TRK-CODE-{c['name']}", "message": f"{c['name']} is not a code of {c['codelist']}",
                          "codelist": {"column": c["name"], "list": c["codelist"]}})
    for ch in spec.get("checks") or []:
        expr = ch.get("expr") or f"{ch['end']} < {ch['start']}"
        rules.append({"id": ch["id"], "message": ch["message"], "check": expr})
    with open(f"data-schemas/rules/{silver}.yaml", "w") as f:
        f.write(f"# generated from data-schemas/inputs/local/{t}.yaml by data-schemas/inputs/local/generate.py\n")
        yaml.safe_dump({"table": silver, "rules": rules}, f, sort_keys=False, width=200)
    with open(f"data-schemas/templates/local/{t}.csv", "w") as f:
        f.write(",".join(c["name"] for c in spec["columns"]) + "\n")
