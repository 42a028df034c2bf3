"""Builds crates/cli/tests/fixtures/wilayah/ from the demo's two packages.

    monev demo --out /tmp/d && python3 reference/make_wilayah_fixture.py /tmp/d

Two programmes of Kota Mataram (Kecamatan Ampenan, Kecamatan Sekarbela),
each with its regions, units, roster, training and participants, and
thinned SKM answers and queue tickets (every 4th and every 12th row): what the regional roll-up reads.
"""
import csv
import os
import sys

src = sys.argv[1]
root = os.path.join(os.path.dirname(__file__), "..", "crates", "cli", "tests", "fixtures", "wilayah")
thin = {"skm": 4, "layanan": 12}
for name, folder in [("ampenan", "paket"), ("sekarbela", "paket-sekarbela")]:
    out = os.path.join(root, name)
    os.makedirs(out, exist_ok=True)
    for table in ["program", "wilayah", "instansi", "asn", "pelatihan", "peserta", "skm", "layanan"]:
        with open(os.path.join(src, folder, table + ".csv"), newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        body = rows[1:][:: thin.get(table, 1)]
        with open(os.path.join(out, table + ".csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(rows[0])
            w.writerows(body)
