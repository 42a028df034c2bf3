"""Independent reference for `monev evaluate`: the same figures, computed with
pandas and scipy from the package's CSV files, written as JSON.

    python3 reference/evaluasi_ref.py crates/cli/tests/fixtures/paket-koma \
        > crates/cli/tests/fixtures/expected.json

crates/cli/tests/it/reference.rs compares monev's evaluasi.json with it (1e-6).

With `--tolak-skm K`, every K-th SKM questionnaire of skm.csv (rows K, 2K,
… in file order) is left out, as monev leaves out answers an evaluator
rejected:

    python3 reference/evaluasi_ref.py crates/cli/tests/fixtures/paket-koma \
        --tolak-skm 5 > crates/cli/tests/fixtures/expected-ditolak.json

crates/cli/tests/it/tinjauan.rs rejects the same rows in a store and compares.
"""
import json
import sys

import numpy as np
import pandas as pd
import scipy
from scipy import stats

pkg_dir = sys.argv[1]
read = lambda n, **kw: pd.read_csv(f"{pkg_dir}/{n}.csv", dtype={"nip": str}, **kw)
program = read("program").iloc[0]
ti = pd.Timestamp(program["tanggal_intervensi"])
instansi = read("instansi")
asn = read("asn")
peserta = read("peserta")
skm = read("skm", parse_dates=["tanggal"])
if "--tolak-skm" in sys.argv:
    k = int(sys.argv[sys.argv.index("--tolak-skm") + 1])
    skm = skm[(np.arange(len(skm)) + 1) % k != 0].reset_index(drop=True)
layanan = read("layanan", parse_dates=["waktu_datang", "waktu_dipanggil"])
anggaran = read("anggaran")

out = {"generator": f"pandas {pd.__version__}, scipy {scipy.__version__}, numpy {np.__version__}"}

# Participation: distinct NIPs of each instansi's ASN with a participation row.
took = set(peserta["nip"])
rows = []
for _, i in instansi.iterrows():
    a = asn[asn["instansi"] == i["kode"]]
    n_p = int(a["nip"].isin(took).sum())
    rows.append({"instansi": i["kode"], "asn": len(a), "peserta": n_p,
                 "persen": n_p / len(a) * 100 if len(a) else None})
tot_p = int(asn["nip"].isin(took).sum())
out["partisipasi"] = {"per_instansi": rows,
                      "total": {"asn": len(asn), "peserta": tot_p, "persen": tot_p / len(asn) * 100}}

# Learning per module.
rows = []
for kode in sorted(read("pelatihan")["kode"]):
    g = peserta[(peserta["pelatihan"] == kode)].dropna(subset=["pre_test", "post_test"])
    pre, post = g["pre_test"].to_numpy(float), g["post_test"].to_numpy(float)
    t = stats.ttest_rel(post, pre)
    diff = post - pre
    w = stats.wilcoxon(post, pre)
    ok = pre < 100
    rows.append({
        "pelatihan": kode, "n": len(g), "pre_rata": pre.mean(), "post_rata": post.mean(),
        "t": float(t.statistic), "df": len(g) - 1, "p": float(t.pvalue),
        "cohen_dz": diff.mean() / diff.std(ddof=1), "wilcoxon_p": float(w.pvalue),
        "n_gain_rata": float(((post[ok] - pre[ok]) / (100 - pre[ok])).mean()),
    })
from statsmodels.stats.multitest import multipletests
holm = multipletests([r["p"] for r in rows], method="holm")[1]
holm_w = multipletests([r["wilcoxon_p"] for r in rows], method="holm")[1]
for r, h, hw in zip(rows, holm, holm_w):
    r["p_holm"], r["wilcoxon_p_holm"] = float(h), float(hw)
out["pembelajaran"] = {"per_pelatihan": rows}


# SKM: NRR per unsur over non-blank answers, IKM = mean NRR x 25 (weight 1/9).
def ikm(g):
    u = g[[f"u{k}" for k in range(1, 10)]]
    nrr = u.sum() / u.notna().sum()
    v = float(nrr.sum() / 9 * 25)
    r = round(v + 1e-9, 2)
    mutu = "A" if r >= 88.31 else "B" if r >= 76.61 else "C" if r >= 65.0 else "D"
    return {"n": len(g), "nrr": [float(x) for x in nrr], "ikm": v, "mutu": mutu}


skm["fase"] = np.where(skm["tanggal"] < ti, "sebelum", "sesudah")
rows = []
for (i, f), g in skm.groupby(["instansi", "fase"]):
    rows.append({"instansi": i, "fase": f, **ikm(g)})
import statsmodels.api as sm


def did(frame, ycol):
    """β3 of y ~ 1 + intervensi + sesudah + intervensi:sesudah with CR1 standard
    errors clustered by instansi (statsmodels). With fewer than 30 instansi
    monev takes the interval and p from a wild cluster bootstrap, which is
    checked on its own in crates/stats; here: estimate, CR1 se, cells, n."""
    f = frame.dropna(subset=[ycol])
    g = (f["kelompok"] == "intervensi").astype(float)
    t = (f["fase"] == "sesudah").astype(float)
    X = np.column_stack([np.ones(len(f)), g, t, g * t])
    r = sm.OLS(f[ycol].to_numpy(float), X).fit(cov_type="cluster", cov_kwds={"groups": f["instansi"].astype("category").cat.codes}, use_t=True)
    m = f.groupby(["kelompok", "fase"])[ycol].mean()
    return {"se": float(r.bse[3]), "n": int(len(f)), "klaster": int(f["instansi"].nunique()),
            "intervensi_sebelum": m["intervensi", "sebelum"], "intervensi_sesudah": m["intervensi", "sesudah"],
            "pembanding_sebelum": m["pembanding", "sebelum"], "pembanding_sesudah": m["pembanding", "sesudah"]}, float(r.params[3])


units = skm.merge(instansi[["kode", "kelompok"]], left_on="instansi", right_on="kode")
units["indeks"] = units[[f"u{k}" for k in range(1, 10)]].mean(axis=1) * 25
d, est = did(units, "indeks")
out["skm"] = {"per_instansi": rows, "keseluruhan": ikm(skm), "did": {"estimasi_poin": est, **d}}

# Waiting time.
layanan["tunggu"] = (layanan["waktu_dipanggil"] - layanan["waktu_datang"]).dt.total_seconds() / 60
layanan["fase"] = np.where(layanan["waktu_datang"].dt.normalize() < ti, "sebelum", "sesudah")

# SKM sample per unit after the intervention: population = queue tickets in
# that period; Krejcie & Morgan (1970) as DOMAIN.md writes it, Slovin e = 5%.
rows = []
for _, u in instansi.iterrows():
    N = int(((layanan["instansi"] == u["kode"]) & (layanan["fase"] == "sesudah")).sum())
    n = int(((skm["instansi"] == u["kode"]) & (skm["fase"] == "sesudah")).sum())
    if N == 0:
        rows.append({"instansi": u["kode"], "populasi": None, "responden": n, "cukup": None})
        continue
    km = int(np.floor(3.841 * N * 0.25 / (0.05 ** 2 * (N - 1) + 3.841 * 0.25) + 0.5))
    slovin = int(np.ceil(N / (1 + N * 0.05 ** 2) - 1e-9))
    rows.append({"instansi": u["kode"], "populasi": N, "target_krejcie_morgan": km, "target_slovin": slovin,
                 "responden": n, "persen_target": n / km * 100, "cukup": bool(n >= km)})
out["skm"]["sampel"] = rows
rows = []
for (i, f), g in layanan.groupby(["instansi", "fase"]):
    rows.append({"instansi": i, "fase": f, "n": len(g), "tunggu_rata_menit": g["tunggu"].mean(),
                 "tunggu_median_menit": g["tunggu"].median(), "tunggu_p90_menit": g["tunggu"].quantile(0.9)})
k = layanan.merge(instansi[["kode", "kelompok"]], left_on="instansi", right_on="kode")
d, est = did(k, "tunggu")
out["layanan"] = {"per_instansi": rows, "did": {"estimasi_menit": float(est), **d}}

# Kirkpatrick 3: per aspect, DiD of atasan and rekan ratings, participants
# against non-participants, clustered by the ASN's instansi.
kinerja = read("kinerja", parse_dates=["tanggal"])
kinerja = kinerja[kinerja["penilai"].isin(["atasan", "rekan"])]
kinerja = kinerja.merge(asn[["nip", "instansi"]], on="nip").merge(instansi[["kode", "kelompok"]].rename(columns={"kelompok": "unit_kelompok"}), left_on="instansi", right_on="kode")
kinerja["kelompok"] = np.where(kinerja["nip"].isin(took), "intervensi", "pembanding")
kinerja["fase"] = np.where(kinerja["tanggal"] < ti, "sebelum", "sesudah")
rows = []
for aspek, g in kinerja.groupby("aspek"):
    d, est = did(g, "skor")
    rows.append({"aspek": aspek, "estimasi": est, "se": d["se"], "n": d["n"], "klaster": d["klaster"],
                 "n_peserta": int(g[g["kelompok"] == "intervensi"]["nip"].nunique()),
                 "n_nonpeserta": int(g[g["kelompok"] == "pembanding"]["nip"].nunique())})
out["kinerja"] = {"per_aspek": rows}

# Kirkpatrick 1: reactions per module; relevance = mean of the relevance items.
items = read("reaksi_item")
reaksi = read("reaksi")
rcols = [c for c in reaksi.columns if c[:1] == "r" and c[1:].isdigit()]
relcols = [k for k in items[items["aspek"] == "relevansi"]["kode"] if k in rcols]
rows = []
for kode in sorted(reaksi["pelatihan"].unique()):
    g = reaksi[reaksi["pelatihan"] == kode]
    rel = g[relcols].mean(axis=1).dropna()
    rows.append({"pelatihan": kode, "n": len(g), "rata": float(np.nanmean(g[rcols].to_numpy(float))),
                 "relevansi_rata": float(rel.mean()), "relevansi_n": int(len(rel)),
                 "relevansi_setuju_persen": float((rel >= 4).mean() * 100)})
out["reaksi"] = {"per_pelatihan": rows}


# Instruments: Cronbach's alpha and corrected item-total r over complete rows.
def alpha(frame):
    m = frame.dropna().to_numpy(float)
    k = m.shape[1]
    return float(k / (k - 1) * (1 - m.var(axis=0, ddof=1).sum() / m.sum(axis=1).var(ddof=1))), len(m)


a_skm, n_skm = alpha(skm[[f"u{k}" for k in range(1, 10)]])
a_r, n_r = alpha(reaksi[list(items["kode"])])
out["instrumen"] = [{"instrumen": "skm", "n": n_skm, "cronbach_alpha": a_skm},
                    {"instrumen": "reaksi", "n": n_r, "cronbach_alpha": a_r}]

pagu, real = anggaran["pagu"].sum(), anggaran["realisasi"].sum()
out["anggaran"] = {"pagu": float(pagu), "realisasi": float(real), "persen_realisasi": float(real / pagu * 100)}

# Funnel plots (Spiegelhalter 2005): units compared against limits around the
# overall value at 95% and 99.8%; units with fewer than five respondents withheld.
Z = {c: stats.norm.ppf(1 - (1 - c) / 2) for c in (0.95, 0.998)}


def binom_limit(p, n, theta):
    r = stats.binom.ppf(p, n, theta)
    f, f1 = stats.binom.cdf(r, n, theta), stats.binom.cdf(r - 1, n, theta)
    alpha = (f - p) / (f - f1) if f > f1 else 0.0
    return float(min(1.0, max(0.0, (r - alpha) / n)))


def position(v, w, a):
    if v < a[0]:
        return "di_bawah998"
    if v > a[1]:
        return "di_atas998"
    if v < w[0]:
        return "di_bawah95"
    if v > w[1]:
        return "di_atas95"
    return "di_dalam"


def normal_funnel(groups, pusat, sd):
    units, held = [], 0
    for i, n, v in groups:
        if n < 5:
            held += 1
            continue
        w = [pusat - Z[0.95] * sd / np.sqrt(n), pusat + Z[0.95] * sd / np.sqrt(n)]
        a = [pusat - Z[0.998] * sd / np.sqrt(n), pusat + Z[0.998] * sd / np.sqrt(n)]
        units.append({"instansi": i, "n": n, "nilai": v, "batas_95": w, "batas_998": a, "posisi": position(v, w, a)})
    return {"metode": "normal", "pusat": pusat, "sebaran": sd, "unit": units, "ditahan": held}


after = skm[skm["fase"] == "sesudah"]
ucols = [f"u{k}" for k in range(1, 10)]
scores = after[ucols].mean(axis=1).dropna() * 25
funnel_ikm = normal_funnel(
    [(i, len(g), ikm(g)["ikm"]) for i, g in after.groupby("instansi")],
    ikm(after)["ikm"], float(scores.std(ddof=1)))
waits = layanan[layanan["fase"] == "sesudah"]
funnel_wait = normal_funnel(
    [(i, len(g), float(g["tunggu"].mean())) for i, g in waits.groupby("instansi")],
    float(waits["tunggu"].mean()), float(waits["tunggu"].std(ddof=1)))
part = [r for r in out["partisipasi"]["per_instansi"]
        if instansi.set_index("kode").loc[r["instansi"], "kelompok"] == "intervensi" and r["asn"] > 0]
theta = sum(r["peserta"] for r in part) / sum(r["asn"] for r in part)
units, held = [], 0
for r in part:
    n = r["asn"]
    if n < 5:
        held += 1
        continue
    v = r["peserta"] / n * 100
    w = [binom_limit(0.025, n, theta) * 100, binom_limit(0.975, n, theta) * 100]
    a = [binom_limit(0.001, n, theta) * 100, binom_limit(0.999, n, theta) * 100]
    units.append({"instansi": r["instansi"], "n": n, "nilai": v, "batas_95": w, "batas_998": a, "posisi": position(v, w, a)})
out["perbandingan"] = {
    "ikm": funnel_ikm,
    "waktu_tunggu": funnel_wait,
    "partisipasi": {"metode": "binomial", "pusat": theta * 100, "unit": units, "ditahan": held},
}

print(json.dumps(out, indent=1, default=lambda o: o.item() if hasattr(o, "item") else str(o)))
