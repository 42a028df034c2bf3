"""The regional roll-up, computed with pandas and scipy from the two packages
under crates/cli/tests/fixtures/wilayah/ (Kecamatan Ampenan and Kecamatan
Sekarbela of Kota Mataram), independently of monev's code
(crates/eval/src/wilayah.rs):

    pip install -r reference/requirements.txt
    python3 reference/wilayah_ref.py > crates/cli/tests/fixtures/wilayah.json

For the period 2025-T3, every level (all regions, the province, the kota,
each kecamatan) and every unit: SKM questionnaires dated in the period and
their IKM from the raw answers of every unit under the level together
(PermenPANRB 14/2017: NRR per unsur over the answers given, IKM = mean NRR x
25; withheld under 5 questionnaires), its 95% interval IKM +- z(0.975) *
sd(scores, ddof=1) / sqrt(m) (score = 25 x a respondent's mean answer, m the
questionnaires with an answer), and the tickets that arrived in the period
with their median and mean wait in minutes.
The output is committed, so `cargo test` needs no Python.
"""
import json
import math
import os

import pandas as pd
from scipy import stats

HERE = os.path.dirname(__file__)
ROOT = os.path.join(HERE, "..", "crates", "cli", "tests", "fixtures", "wilayah")
Z = stats.norm.ppf(0.975)
U = [f"u{k}" for k in range(1, 10)]
START, END = pd.Timestamp("2025-07-01"), pd.Timestamp("2025-09-30")

skm, lay, units, regions = [], [], [], {}
for name in sorted(os.listdir(ROOT)):
    d = os.path.join(ROOT, name)
    program = pd.read_csv(os.path.join(d, "program.csv")).kode[0]
    i = pd.read_csv(os.path.join(d, "instansi.csv"))
    i["program"] = program
    units.append(i)
    for _, w in pd.read_csv(os.path.join(d, "wilayah.csv"), keep_default_na=False).iterrows():
        regions[w.kode] = (w.tingkat, w.induk)
    s = pd.read_csv(os.path.join(d, "skm.csv"))
    s["program"] = program
    skm.append(s)
    t = pd.read_csv(os.path.join(d, "layanan.csv"))
    t["program"] = program
    lay.append(t)
units = pd.concat(units)
skm = pd.concat(skm)
skm["tanggal"] = pd.to_datetime(skm.tanggal)
skm = skm[(skm.tanggal >= START) & (skm.tanggal <= END)]
lay = pd.concat(lay)
lay["datang"] = pd.to_datetime(lay.waktu_datang)
lay = lay[(lay.datang.dt.normalize() >= START) & (lay.datang.dt.normalize() <= END)]
lay["tunggu"] = (pd.to_datetime(lay.waktu_dipanggil) - lay.datang).dt.total_seconds().clip(lower=0) / 60


def above(kode):
    out = []
    while kode:
        out.append(kode)
        kode = regions[kode][1]
    return out


units["levels"] = units.wilayah.map(lambda w: [""] + above(w))


def figures(s, t, n_units):
    out = {"instansi": n_units, "skm": len(s), "ikm": None, "selang_95": None,
           "tiket": len(t), "tunggu_median_menit": None, "tunggu_rata_menit": None}
    if len(s) >= 5:
        ikm = float(s[U].mean().mean() * 25)
        scores = s[U].mean(axis=1).dropna() * 25
        se = scores.std(ddof=1) / math.sqrt(len(scores))
        out.update(ikm=ikm, selang_95=[ikm - Z * se, ikm + Z * se])
    if len(t):
        out.update(tunggu_median_menit=float(t.tunggu.median()), tunggu_rata_menit=float(t.tunggu.mean()))
    return out


key = lambda df: list(zip(df.program, df.instansi))
levels = {}
for level in [""] + sorted(regions):
    members = units[units.levels.map(lambda l: level in l)]
    pairs = set(zip(members.program, members.kode))
    s = skm[[p in pairs for p in key(skm)]]
    t = lay[[p in pairs for p in key(lay)]]
    levels[level] = figures(s, t, len(members))
per_unit = {}
for _, u in units.iterrows():
    s = skm[(skm.program == u.program) & (skm.instansi == u.kode)]
    t = lay[(lay.program == u.program) & (lay.instansi == u.kode)]
    per_unit[f"{u.program}/{u.kode}"] = figures(s, t, 1)

# Programmes side by side (crates/eval/src/banding.rs): IKM and mean wait in
# the period with normal intervals, participation of the intervention units'
# ASN with Wilson's interval; differences b - a by z tests (two-proportion
# with the pooled p for participation), Holm across every comparison.
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

programmes = []
for name in sorted(os.listdir(ROOT)):
    d = os.path.join(ROOT, name)
    kode = pd.read_csv(os.path.join(d, "program.csv")).kode[0]
    inst = pd.read_csv(os.path.join(d, "instansi.csv"))
    asn = pd.read_csv(os.path.join(d, "asn.csv"), dtype={"nip": str})
    peserta = pd.read_csv(os.path.join(d, "peserta.csv"), dtype={"nip": str})
    iv = set(inst[inst.kelompok == "intervensi"].kode)
    a = asn[asn.instansi.isin(iv)]
    x, n = int(a.nip.isin(set(peserta.nip)).sum()), len(a)
    s_ = skm[skm.program == kode]
    t_ = lay[lay.program == kode]
    ikm = float(s_[U].mean().mean() * 25)
    scores = s_[U].mean(axis=1).dropna() * 25
    se_ikm = scores.std(ddof=1) / math.sqrt(len(scores))
    mean_w = float(t_.tunggu.mean())
    se_w = t_.tunggu.std(ddof=1) / math.sqrt(len(t_))
    lo, hi = proportion_confint(x, n, alpha=0.05, method="wilson")
    programmes.append({"kode": kode, "skm": len(s_), "ikm": ikm, "selang_ikm_95": [ikm - Z * se_ikm, ikm + Z * se_ikm],
                       "tiket": len(t_), "tunggu_rata_menit": mean_w,
                       "selang_tunggu_95": [mean_w - Z * se_w, mean_w + Z * se_w],
                       "asn_intervensi": n, "peserta": x, "partisipasi_persen": x / n * 100,
                       "selang_partisipasi_95": [lo * 100, hi * 100],
                       "_se": {"ikm": se_ikm, "tunggu_rata_menit": se_w}, "_xn": (x, n)})
diffs = []
for i, a in enumerate(programmes):
    for b in programmes[i + 1:]:
        for m in ["ikm", "tunggu_rata_menit"]:
            d = b[m] - a[m]
            se = math.sqrt(a["_se"][m] ** 2 + b["_se"][m] ** 2)
            diffs.append({"ukuran": m, "a": a["kode"], "b": b["kode"], "selisih": d,
                          "selang_95": [d - Z * se, d + Z * se], "p": float(2 * stats.norm.sf(abs(d / se)))})
        (xa, na), (xb, nb) = a["_xn"], b["_xn"]
        pa, pb = xa / na, xb / nb
        pooled = (xa + xb) / (na + nb)
        se0 = math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
        se = math.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)
        d = pb - pa
        diffs.append({"ukuran": "partisipasi_persen", "a": a["kode"], "b": b["kode"], "selisih": d * 100,
                      "selang_95": [(d - Z * se) * 100, (d + Z * se) * 100],
                      "p": float(2 * stats.norm.sf(abs(d / se0)))})
holm = multipletests([d["p"] for d in diffs], method="holm")[1]
for d, h in zip(diffs, holm):
    d["p_holm"] = float(h)
    d["bermakna"] = bool(h < 0.05)
for p in programmes:
    del p["_se"], p["_xn"]

print(json.dumps({"periode": "2025-T3", "wilayah": levels, "instansi": per_unit,
                  "banding": {"program": programmes, "selisih": diffs}}, indent=1))
