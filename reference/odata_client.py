"""Reads monev's OData v4 feed with python-odata (a third-party OData v4
client, MIT): reflects the entity sets from $metadata, reads each set whole
(following @odata.nextLink), and runs a filter, a $select and a $top/$skip
page. Prints what it read as JSON for crates/web/tests/it/odata.rs.

    python3 reference/odata_client.py http://127.0.0.1:8080/api/odata TOKEN
"""
import json
import sys

from requests.auth import HTTPBasicAuth
from odata import ODataService

url, token = sys.argv[1], sys.argv[2]
# As Excel and Power BI sign in: Basic, the API token as the password.
svc = ODataService(url, auth=HTTPBasicAuth("excel", token),
                   reflect_entities=True, quiet_progress=True)
out = {"sets": {}}
for name in sorted(svc.entities):
    E = svc.entities[name]
    try:
        rows = [dict(e.__odata__.data) for e in svc.query(E)]
        out["sets"][name] = {"n": len(rows), "rows": rows}
    except Exception as e:  # a set this role may not read
        out["sets"][name] = {"error": str(e)}

def rows_of(query):
    return [dict(e.__odata__.data) for e in query]


def attempt(name, read):
    try:
        out[name] = read()
    except Exception as e:  # a set this role may not read
        out[name] = {"error": str(e)}


A = svc.entities["AngkaUnit"]
attempt("filter_instansi", lambda: rows_of(svc.query(A).filter(A.Instansi == "KEL-AMS")))
attempt("filter_small", lambda: rows_of(svc.query(A).filter("SkmN lt 5 and SkmN gt 0")))
attempt("select", lambda: list(svc.query(A).select(A.Instansi, A.Ikm)))
J = svc.entities["JawabanSkm"]
attempt("page", lambda: rows_of(svc.query(J).order_by(J.Id.asc()).limit(10).offset(20)))
print(json.dumps(out))
