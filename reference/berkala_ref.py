"""Time series of the monitoring report, computed with pandas, scipy and
statsmodels from the package crates/cli/tests/fixtures/paket-koma,
independently of monev's code (crates/eval/src/berkala.rs, monitoring.rs,
crates/stats/src/run.rs):

    pip install -r reference/requirements.txt
    python3 reference/berkala_ref.py > crates/cli/tests/fixtures/berkala.json

For the period 2025-T3 (triwulan) and the one before:
- IKM per unit and for the programme (all units' questionnaires together),
  PermenPANRB 14/2017: NRR per unsur over the answers given, IKM = mean NRR
  x 25; withheld under 5 questionnaires. Respondent score = 25 x mean of the
  answers they gave; 95% interval IKM +- z(0.975) * sd(ddof=1) / sqrt(m), m
  the questionnaires with an answer.
- The change between the periods: d +- z * sqrt(se1^2 + se2^2), two-sided
  normal p, Holm across units (statsmodels multipletests).
- Waiting time per unit and period: median and mean of called - arrived, in
  minutes, by the arrival date.
- Weekly median wait (weeks from Monday) from the programme's start to the
  period's end, and the run-chart rules of Provost & Murray: a shift is 6+
  points in a row on one side of the median (points on it skipped); a trend
  is 5+ points in a row going one way (repeated values skipped); applied
  with at least 10 points off the median.
The output is committed, so `cargo test` needs no Python.
"""
import json
import math
import os

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests

HERE = os.path.dirname(__file__)
PKG = os.path.join(HERE, "..", "crates", "cli", "tests", "fixtures", "paket-koma")
PERIODE, SEBELUMNYA = "2025-T3", "2025-T2"
Z = stats.norm.ppf(0.975)
U = [f"u{k}" for k in range(1, 10)]

program = pd.read_csv(os.path.join(PKG, "program.csv"))
mulai = pd.Timestamp(program.mulai[0])
instansi = pd.read_csv(os.path.join(PKG, "instansi.csv"))
skm = pd.read_csv(os.path.join(PKG, "skm.csv"))
skm["tanggal"] = pd.to_datetime(skm.tanggal)
skm["periode"] = skm.tanggal.dt.year.astype(str) + "-T" + skm.tanggal.dt.quarter.astype(str)
lay = pd.read_csv(os.path.join(PKG, "layanan.csv"))
lay["datang"] = pd.to_datetime(lay.waktu_datang)
lay["tunggu"] = (pd.to_datetime(lay.waktu_dipanggil) - lay.datang).dt.total_seconds().clip(lower=0) / 60
lay["periode"] = lay.datang.dt.year.astype(str) + "-T" + lay.datang.dt.quarter.astype(str)
lay["minggu"] = (lay.datang.dt.normalize() - pd.to_timedelta(lay.datang.dt.weekday, unit="D"))


def opt(v):
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def ikm(rows):
    n = len(rows)
    out = {"n": n, "ikm": None, "selang_95": None, "galat_baku": None}
    if n < 5:
        return out
    nrr = rows[U].mean()  # NaN answers left out per unsur
    value = float(nrr.mean() * 25)
    scores = rows[U].mean(axis=1).dropna() * 25
    se = scores.std(ddof=1) / math.sqrt(len(scores))
    out.update(ikm=value, galat_baku=float(se), selang_95=[value - Z * se, value + Z * se])
    return out


def waits(rows):
    t = rows.tunggu
    return {
        "n": len(t),
        "median_menit": opt(t.median()) if len(t) else None,
        "rata_menit": opt(t.mean()) if len(t) else None,
    }


units = sorted(set(instansi.kode) | set(skm.instansi) | set(lay.instansi))
ikm_rows = []
for u in [None] + units:
    s = skm if u is None else skm[skm.instansi == u]
    now, before = ikm(s[s.periode == PERIODE]), ikm(s[s.periode == SEBELUMNYA])
    d = ci = p = None
    if now["ikm"] is not None and before["ikm"] is not None:
        d = now["ikm"] - before["ikm"]
        se = math.sqrt(now["galat_baku"] ** 2 + before["galat_baku"] ** 2)
        ci = [d - Z * se, d + Z * se]
        p = float(2 * stats.norm.sf(abs(d / se)))
    ikm_rows.append({"instansi": u, "sekarang": now, "sebelumnya": before,
                     "selisih": d, "selang_selisih_95": ci, "p": p})
ps = [(i, r["p"]) for i, r in enumerate(ikm_rows) if r["instansi"] is not None and r["p"] is not None]
adjusted = multipletests([p for _, p in ps], method="holm")[1] if ps else []
for (i, _), a in zip(ps, adjusted):
    ikm_rows[i]["p_holm"] = float(a)
ikm_rows[0]["p_holm"] = ikm_rows[0]["p"]
for r in ikm_rows:
    r.setdefault("p_holm", None)

tunggu_rows = []
for u in [None] + units:
    t = lay if u is None else lay[lay.instansi == u]
    tunggu_rows.append({"instansi": u, "sekarang": waits(t[t.periode == PERIODE]),
                        "sebelumnya": waits(t[t.periode == SEBELUMNYA])})

deret = []
for q in ["2025-T1", "2025-T2", "2025-T3"]:
    r = ikm(skm[skm.periode == q])
    r["periode"] = q
    deret.append(r)


def shifts(values, centre):
    out, run = [], None  # (side, first, last, points)
    for i, v in enumerate(values):
        if v == centre:
            continue
        side = v > centre
        if run and run[0] == side:
            run = (side, run[1], i, run[3] + 1)
        else:
            if run and run[3] >= 6:
                out.append(run)
            run = (side, i, i, 1)
    if run and run[3] >= 6:
        out.append(run)
    return [{"aturan": "shift", "dari": a, "sampai": b, "titik": n, "naik": s} for s, a, b, n in out]


def trends(values):
    pts = []
    for i, v in enumerate(values):
        if pts and pts[-1][1] == v:
            continue
        pts.append((i, v))
    out = []
    k = 0
    while k + 1 < len(pts):
        up = pts[k + 1][1] > pts[k][1]
        e = k + 1
        while e + 1 < len(pts) and (pts[e + 1][1] > pts[e][1]) == up:
            e += 1
        if e - k + 1 >= 5:
            out.append({"aturan": "trend", "dari": pts[k][0], "sampai": pts[e][0], "titik": e - k + 1, "naik": up})
        k = e
    return out


end = pd.Timestamp("2025-09-30")


def run_chart(rows):
    rows = rows[(rows.datang.dt.normalize() >= mulai) & (rows.datang.dt.normalize() <= end)]
    weekly = rows.groupby("minggu").tunggu.agg(["median", "size"]).sort_index()
    values = list(weekly["median"])
    med = float(np.median(values)) if values else None
    useful = sum(1 for v in values if v != med)
    signals = []
    if med is not None and useful >= 10:
        signals = shifts(values, med) + trends(values)
    weeks = [w.strftime("%Y-%m-%d") for w in weekly.index]
    for s in signals:
        s["dari"], s["sampai"] = weeks[s["dari"]], weeks[s["sampai"]]
    signals.sort(key=lambda s: (s["dari"], 0 if s["aturan"] == "shift" else 1))
    return {"minggu": [{"mulai": w, "n": int(n), "median_menit": float(m)}
                       for w, m, n in zip(weeks, weekly["median"], weekly["size"])],
            "median": med, "diterapkan": med is not None and useful >= 10, "sinyal": signals}


run_units = {}
for u in units:
    r = run_chart(lay[lay.instansi == u])
    if any(s["sampai"] >= "2025-07-01" for s in r["sinyal"]):
        run_units[u] = r

# Participation at the end of each quarter: intervention units' ASN whose
# first module started by then (Wilson interval, statsmodels).
from statsmodels.stats.proportion import proportion_confint

asn = pd.read_csv(os.path.join(PKG, "asn.csv"), dtype={"nip": str})
peserta = pd.read_csv(os.path.join(PKG, "peserta.csv"), dtype={"nip": str})
roster = asn[asn.instansi.isin(set(instansi[instansi.kelompok == "intervensi"].kode))]
first = peserta.assign(t=pd.to_datetime(peserta.tanggal_mulai)).groupby("nip").t.min()
partisipasi = []
for q, end in [("2025-T1", "2025-03-31"), ("2025-T2", "2025-06-30"), ("2025-T3", "2025-09-30")]:
    took = int(roster.nip.map(first).le(pd.Timestamp(end)).sum())
    lo, hi = proportion_confint(took, len(roster), alpha=0.05, method="wilson")
    partisipasi.append({"periode": q, "asn": len(roster), "peserta": took,
                        "persen": took / len(roster) * 100, "selang_95": [lo * 100, hi * 100]})

print(json.dumps({"periode": PERIODE, "ikm": ikm_rows, "tunggu": tunggu_rows, "deret_ikm": deret,
                  "deret_partisipasi": partisipasi,
                  "run_tunggu": run_chart(lay), "run_tunggu_unit": run_units}, indent=1))
