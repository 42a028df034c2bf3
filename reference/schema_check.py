"""Checks the generated JSON Schema of evaluasi.json with an independent
validator (python-jsonschema, Draft 2020-12, formats checked): the schema is
valid against its meta-schema, an evaluasi.json conforms to it, and a field
given a value outside its enum is caught.

    pip install jsonschema
    monev demo --out /tmp/demo
    python3 reference/schema_check.py /tmp/demo/laporan/evaluasi.json
"""
import json
import pathlib
import sys

import jsonschema

root = pathlib.Path(__file__).resolve().parent.parent
schema = json.loads((root / "crates/report/schema/evaluasi.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
doc = json.loads(pathlib.Path(sys.argv[1]).read_text())
errors = list(validator.iter_errors(doc))
for e in errors[:20]:
    print(e.json_path, e.message[:300])
assert not errors, f"{len(errors)} errors"
doc["skm"]["keseluruhan"]["mutu"] = "E"
assert list(validator.iter_errors(doc)), "a grade outside A–D passed"
print("ok: the schema is valid Draft 2020-12 and the document conforms")
