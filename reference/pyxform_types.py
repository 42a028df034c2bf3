"""Every question type pyxform accepts, and whether pyxform accepts it:

    pip install pyxform==4.5.0 && python3 reference/pyxform_types.py

Writes crates/survey/tests/fixtures/pyxform_types.json from pyxform's own
tables (pyxform/question_type_dictionary.py QUESTION_TYPE_DICT and
pyxform/aliases.py `_type_alias_map`, `select`, `osm`; BSD-2-Clause,
Copyright (c) 2012 New York University and contributors): each type name,
and each select/rank/osm command followed by a list name (and the or_other
suffixes), is put in a one-question form with a choice list and converted
by pyxform. `tests/it/pyxform_types.rs` checks that monev imports or names as
left out every type pyxform accepts.
"""
import json
import os

import pyxform
from pyxform import aliases
from pyxform.question_type_dictionary import QUESTION_TYPE_DICT
from pyxform.xls2xform import convert

here = os.path.dirname(__file__)
out = os.path.join(here, "..", "crates", "survey", "tests", "fixtures", "pyxform_types.json")


def verdict(question_type: str, parameters: str = "") -> str:
    md = f"""
| survey |
| | type | name | label | parameters |
| | {question_type} | q1 | Q | {parameters} |
| choices |
| | list_name | name | label |
| | daftar | a | A |
"""
    try:
        convert(xlsform=md, file_type=".md")
        return "ok"
    except Exception as e:  # pyxform's own refusal
        return "error: " + str(e).splitlines()[0][:200]


types = sorted(set(QUESTION_TYPE_DICT) | set(aliases._type_alias_map))
rows = [{"type": t, "pyxform": verdict(t)} for t in types]
# Commands that take a list name (a file name for the from-file ones).
for command in sorted(set(aliases.select) | set(aliases.osm)):
    target = "berkas.csv" if "file" in command else "daftar"
    rows.append({"type": f"{command} {target}", "pyxform": verdict(f"{command} {target}")})
    if command in ("select_one", "select one", "select_multiple", "select one from"):
        for other in ("or_other", "or specify other"):
            t = f"{command} {target} {other}"
            rows.append({"type": t, "pyxform": verdict(t)})
# range parameters: good ones, a typo, a non-number.
ranges = [
    {"type": "range", "parameters": p, "pyxform": verdict("range", p)}
    for p in ["", "start=1 end=5 step=1", "start=0;end=10;step=2", "tart=1", "start=a", "step=0.5 start=0 end=1"]
]
with open(out, "w", encoding="utf-8") as f:
    json.dump(
        {"pyxform": pyxform.__version__, "types": rows, "range": ranges},
        f,
        ensure_ascii=False,
        indent=1,
    )
    f.write("\n")
print(out, len(rows), "types")
