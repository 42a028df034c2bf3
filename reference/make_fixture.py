"""Builds the reference packages under crates/cli/tests/fixtures/ from a demo package.

    monev demo --out /tmp/d && python3 reference/make_fixture.py /tmp/d/paket

Rows are thinned deterministically (every k-th) so the fixtures stay small.
Two spellings of the same data are written:
  paket-koma/        ',' delimited, decimal point, ISO dates: the reference input
  paket-titikkoma/   ';' delimited as Indonesian Excel writes: UTF-8 BOM, CRLF,
                     decimal comma with thousands dots, DD/MM/YYYY dates,
                     upper-case headers and an extra column
Both must evaluate to the same figures (tests/it/reference.rs).
"""
import csv
import os
import sys

src = sys.argv[1]
root = os.path.join(os.path.dirname(__file__), "..", "crates", "cli", "tests", "fixtures")
thin = {"skm": 4, "layanan": 12, "kinerja": 2}


def read(name):
    with open(os.path.join(src, name + ".csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    head, body = rows[0], rows[1:]
    k = thin.get(name, 1)
    return head, body[::k]


def id_number(s):
    """1234567.5 -> 1.234.567,5"""
    if s == "":
        return s
    neg = s.startswith("-")
    s = s.lstrip("-")
    if "." in s:
        i, f = s.split(".")
    else:
        i, f = s, None
    groups = []
    while len(i) > 3:
        groups.insert(0, i[-3:])
        i = i[:-3]
    groups.insert(0, i)
    out = ".".join(groups) + ("," + f if f else "")
    return ("-" if neg else "") + out


def id_date(s):
    if len(s) >= 10 and s[4] == "-" and s[7] == "-":
        y, m, d = s[:10].split("-")
        return f"{d}/{m}/{y}" + s[10:]
    return s


TABLES = ["program", "instansi", "asn", "pelatihan", "peserta", "skm", "layanan", "anggaran", "indikator",
          "kinerja", "reaksi_item", "reaksi"]

NUMERIC = {"pagu_anggaran", "target_partisipasi_persen", "jp", "biaya_per_peserta", "kehadiran_persen", "pre_test",
           "post_test", "pagu", "realisasi", "baseline", "target"}

for variant in ["paket-koma", "paket-titikkoma"]:
    out = os.path.join(root, variant)
    os.makedirs(out, exist_ok=True)
    for name in TABLES:
        head, body = read(name)
        path = os.path.join(out, name + ".csv")
        if variant == "paket-koma":
            with open(path, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(head)
                w.writerows(body)
        else:
            with open(path, "w", newline="", encoding="utf-8-sig") as f:
                w = csv.writer(f, delimiter=";", lineterminator="\r\n")
                w.writerow([h.upper() for h in head] + ["Keterangan"])
                for row in body:
                    cells = []
                    for h, v in zip(head, row):
                        if h in NUMERIC:
                            v = id_number(v)
                        elif h.startswith("tanggal") or h.startswith("waktu") or h in ("mulai", "selesai"):
                            v = id_date(v)
                        cells.append(v)
                    w.writerow(cells + ["catatan bebas; diabaikan"])
print("wrote", root)

# paket.xlsx: the same data as paket-koma, one sheet per table, with typed
# cells as Excel keeps them (numbers as numbers, dates and times as dates,
# NIPs as text).
import datetime

from openpyxl import Workbook

wb = Workbook()
wb.remove(wb.active)
for name in TABLES:
    head, body = read(name)
    ws = wb.create_sheet(name)
    ws.append(head)
    for row in body:
        cells = []
        for h, v in zip(head, row):
            if v == "":
                cells.append(None)
            elif h == "nip":
                cells.append(v)
            elif h in NUMERIC or h in ("skor", "usia") or (h[:1] in "ru" and h[1:].isdigit()):
                cells.append(float(v) if "." in v else int(v))
            elif h.startswith("waktu"):
                cells.append(datetime.datetime.fromisoformat(v))
            elif h.startswith("tanggal") or h in ("mulai", "selesai"):
                cells.append(datetime.date.fromisoformat(v))
            else:
                cells.append(v)
        ws.append(cells)
wb.save(os.path.join(root, "paket.xlsx"))
