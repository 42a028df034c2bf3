"""Builds KoboToolbox and ODK Central exports of a form built from monev's
built-in SKM instrument, from the reference package's skm.csv:

    python3 reference/make_kobo_fixture.py

Writes crates/cli/tests/fixtures/kobo/:
  skm-kobo.csv     Kobo CSV export: ';' delimited, every field quoted, CRLF,
                   XML names with group paths (profil/usia, penilaian/u1),
                   metadata (_id, _uuid, _submission_time, _validation_status),
                   three resubmitted duplicates and two "Not Approved" rows
  skm-kobo.xlsx    Kobo XLSX export of the same submissions with label headers
                   and label values ("Sangat sesuai", "Perempuan")
  skm-odk.csv      ODK Central CSV: ',' delimited, '-' group separator,
                   SubmissionDate, meta-instanceID, KEY, ReviewState (two rejected)
  skm-expected.csv the submissions that must be kept, as a plain SKM file for
                   `monev skm`
Only rows with all nine unsur answered are used (the form requires them).
"""
import csv
import os
import uuid

import openpyxl

here = os.path.dirname(__file__)
src = os.path.join(here, "..", "crates", "cli", "tests", "fixtures", "paket-koma", "skm.csv")
out = os.path.join(here, "..", "crates", "cli", "tests", "fixtures", "kobo")
os.makedirs(out, exist_ok=True)

# Labels of the built-in instrument (crates/survey/src/builtin.rs).
ANSWERS = {
    "u1": ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
    "u2": ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"],
    "u3": ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"],
    "u4": ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"],
    "u5": ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
    "u6": ["Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"],
    "u7": ["Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"],
    "u8": ["Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"],
    "u9": ["Buruk", "Cukup", "Baik", "Sangat baik"],
}
QUESTION = {
    "u1": "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
    "u2": "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    "u3": "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    "u4": "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    "u5": "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
    "u6": "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
    "u7": "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
    "u8": "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
    "u9": "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
}
SEX = {"L": "Laki-laki", "P": "Perempuan"}
UNSUR = [f"u{i}" for i in range(1, 10)]

with open(src, newline="", encoding="utf-8") as f:
    rows = [r for r in csv.DictReader(f) if all(r[u] for u in UNSUR)][:240]

rng_ns = uuid.UUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8")
subs = []
for i, r in enumerate(rows):
    subs.append(dict(r, _uuid=str(uuid.uuid5(rng_ns, f"skm-{i}")), _id=str(1000 + i),
                     time=f"{r['tanggal']}T{8 + i % 8:02d}:{i % 60:02d}:{(7 * i) % 60:02d}", status=""))
# Two rejected by the reviewer; three sent twice (same uuid, later _id).
subs[5]["status"] = "rejected"
subs[17]["status"] = "rejected"
export = list(subs)
for k in (3, 40, 41):
    export.append(dict(subs[k], _id=str(5000 + k)))
kept = [s for s in subs if s["status"] != "rejected"]

kobo_head = (["start", "end", "profil/jenis_kelamin", "profil/usia", "profil/pendidikan",
              "profil/pekerjaan", "layanan/instansi", "layanan/jenis_layanan"]
             + [f"penilaian/{u}" for u in UNSUR]
             + ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
                "_submitted_by", "__version__", "_tags", "_index"])
with open(os.path.join(out, "skm-kobo.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writerow(kobo_head)
    for n, s in enumerate(export, 1):
        status = "Not Approved" if s["status"] == "rejected" else ("Approved" if n % 3 == 0 else "")
        w.writerow([s["time"] + ".000+08:00", s["time"] + ".000+08:00", s["jenis_kelamin"], s["usia"],
                    s["pendidikan"], s["pekerjaan"], s["instansi"], s["jenis_layanan"]]
                   + [s[u] for u in UNSUR]
                   + [s["_id"], s["_uuid"], s["time"], status, "", "submitted_via_web", "",
                      "vQ7xY2", "", str(n)])

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "SKM Kecamatan Ampenan"
ws.append(["start", "end", "Jenis kelamin", "Usia (tahun)", "Pendidikan terakhir", "Pekerjaan utama",
           "instansi", "Jenis layanan yang Saudara terima"]
          + [QUESTION[u] for u in UNSUR]
          + ["_id", "_uuid", "_submission_time", "_validation_status", "_index"])
for n, s in enumerate(export, 1):
    status = "validation_status_not_approved" if s["status"] == "rejected" else ""
    ws.append([s["time"], s["time"], SEX.get(s["jenis_kelamin"], ""), int(s["usia"]) if s["usia"] else None,
               s["pendidikan"], s["pekerjaan"], s["instansi"], s["jenis_layanan"]]
              + [ANSWERS[u][int(s[u]) - 1] for u in UNSUR]
              + [int(s["_id"]), s["_uuid"], s["time"], status, n])
wb.save(os.path.join(out, "skm-kobo.xlsx"))

odk_head = (["SubmissionDate", "profil-jenis_kelamin", "profil-usia", "profil-pendidikan", "profil-pekerjaan",
             "layanan-instansi", "layanan-jenis_layanan"]
            + [f"penilaian-{u}" for u in UNSUR]
            + ["meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent",
               "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion"])
with open(os.path.join(out, "skm-odk.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(odk_head)
    for s in export:
        w.writerow([s["time"] + ".123Z", s["jenis_kelamin"], s["usia"], s["pendidikan"], s["pekerjaan"],
                    s["instansi"], s["jenis_layanan"]]
                   + [s[u] for u in UNSUR]
                   + ["uuid:" + s["_uuid"], "uuid:" + s["_uuid"], "7", "enumerator-1", "0", "0", "",
                      s["status"], "collect:abc", "0", "2025010101"])

with open(os.path.join(out, "skm-expected.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["instansi", "tanggal"] + UNSUR)
    for s in kept:
        w.writerow([s["instansi"], s["tanggal"]] + [s[u] for u in UNSUR])
print(f"{len(export)} exported, {len(kept)} kept")
