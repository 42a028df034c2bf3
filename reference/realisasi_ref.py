"""Realisation against plan per reporting period, computed with pandas from
the package crates/cli/tests/fixtures/paket-triwulan, independently of
monev's code (crates/eval/src/capaian.rs):

    pip install -r reference/requirements.txt
    python3 reference/realisasi_ref.py > crates/cli/tests/fixtures/realisasi.json

capaian = realisasi / rencana x 100; for an indicator where lower is better
(arah turun) (2 x rencana - realisasi) / rencana x 100 (PermenPANRB 6/2022);
deviasi = realisasi - rencana; early warning: capaian >= 90 sesuai_rencana,
>= 75 tertinggal, below jauh_tertinggal, nothing reported belum_dilaporkan
(a zero plan, capaian undefined, counts as on track); a budget line takes the
worse of its money and physical status. Every budget line is expected each
period for the programme; every (indicator, unit) ever reported is expected
each period. status_sebelumnya is the same row's status the period before,
none when that period ended before the programme began.
The output is committed, so `cargo test` needs no Python.
"""
import json
import math
import os

import numpy as np
import pandas as pd

HERE = os.path.dirname(__file__)
PKG = os.path.join(HERE, "..", "crates", "cli", "tests", "fixtures", "paket-triwulan")
ORDER = ["sesuai_rencana", "tertinggal", "jauh_tertinggal"]


def read(name):
    return pd.read_csv(os.path.join(PKG, name), dtype={"instansi": str}, keep_default_na=True)


anggaran = read("anggaran.csv")
indikator = read("indikator.csv")
ap = read("anggaran_periode.csv")
ip = read("indikator_periode.csv")
for df in (ap, ip):
    df["instansi"] = df["instansi"].where(df["instansi"].notna(), None)


def status(c):
    if c is None:
        return "belum_dilaporkan"
    if math.isnan(c) or c >= 90:
        return "sesuai_rencana"
    if c >= 75:
        return "tertinggal"
    return "jauh_tertinggal"


def opt(v):
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def previous(p):
    year, q = int(p[:4]), int(p[-1])
    return f"{year - 1}-T4" if q == 1 else f"{year}-T{q - 1}"


def budget(p):
    rows = ap[ap["periode"] == p].copy()
    for col in ["rencana_keuangan", "realisasi_keuangan", "rencana_fisik_persen", "realisasi_fisik_persen"]:
        rows[col] = rows[col].astype(float)
    rows["deviasi_keuangan"] = rows["realisasi_keuangan"] - rows["rencana_keuangan"]
    rows["deviasi_fisik"] = rows["realisasi_fisik_persen"] - rows["rencana_fisik_persen"]
    with np.errstate(divide="ignore", invalid="ignore"):
        rows["capaian_keuangan_persen"] = np.where(
            rows["rencana_keuangan"] == 0, np.nan, rows["realisasi_keuangan"] / rows["rencana_keuangan"] * 100
        )
        rows["capaian_fisik_persen"] = np.where(
            rows["rencana_fisik_persen"] == 0, np.nan, rows["realisasi_fisik_persen"] / rows["rencana_fisik_persen"] * 100
        )
    out = []
    for _, r in rows.iterrows():
        statuses = []
        for real, cap in [("realisasi_keuangan", "capaian_keuangan_persen"), ("realisasi_fisik_persen", "capaian_fisik_persen")]:
            if not math.isnan(r[real]):
                statuses.append(status(float(r[cap])))
        worst = max(statuses, key=ORDER.index) if statuses else "belum_dilaporkan"
        reported = lambda col: not math.isnan(r[col])
        out.append({
            "kegiatan": r["kegiatan"],
            "instansi": r["instansi"],
            "rencana_keuangan": float(r["rencana_keuangan"]),
            "realisasi_keuangan": opt(r["realisasi_keuangan"]),
            "deviasi_keuangan": opt(r["deviasi_keuangan"]),
            "capaian_keuangan_persen": opt(r["capaian_keuangan_persen"]) if reported("realisasi_keuangan") else None,
            "rencana_fisik_persen": float(r["rencana_fisik_persen"]),
            "realisasi_fisik_persen": opt(r["realisasi_fisik_persen"]),
            "deviasi_fisik": opt(r["deviasi_fisik"]),
            "capaian_fisik_persen": opt(r["capaian_fisik_persen"]) if reported("realisasi_fisik_persen") else None,
            "status": worst,
        })
    for k in anggaran["kegiatan"]:
        if not any(o["kegiatan"] == k and o["instansi"] is None for o in out):
            out.append({"kegiatan": k, "instansi": None, "rencana_keuangan": None, "realisasi_keuangan": None,
                        "deviasi_keuangan": None, "capaian_keuangan_persen": None, "rencana_fisik_persen": None,
                        "realisasi_fisik_persen": None, "deviasi_fisik": None, "capaian_fisik_persen": None,
                        "status": "belum_dilaporkan"})
    return out


def indicators(p):
    arah = dict(zip(indikator["kode"], indikator["arah"]))
    rows = ip[ip["periode"] == p]
    out = []
    for _, r in rows.iterrows():
        target, real = float(r["target"]), float(r["realisasi"])
        if math.isnan(real):
            cap = None
        elif target == 0:
            cap = float("nan")
        elif arah[r["indikator"]] == "naik":
            cap = real / target * 100
        else:
            cap = (2 * target - real) / target * 100
        out.append({
            "indikator": r["indikator"],
            "instansi": r["instansi"],
            "target": target,
            "realisasi": opt(real),
            "deviasi": None if math.isnan(real) else real - target,
            "capaian_persen": opt(cap) if cap is not None else None,
            "status": status(cap),
        })
    pairs = ip[["indikator", "instansi"]].drop_duplicates()
    for _, pr in pairs.iterrows():
        if not any(o["indikator"] == pr["indikator"] and o["instansi"] == pr["instansi"] for o in out):
            out.append({"indikator": pr["indikator"], "instansi": pr["instansi"], "target": None, "realisasi": None,
                        "deviasi": None, "capaian_persen": None, "status": "belum_dilaporkan"})
    return out


def key_b(o):
    return (o["kegiatan"], o["instansi"])


def key_i(o):
    return (o["indikator"], o["instansi"])


program = read("program.csv").iloc[0]
start = pd.Timestamp(program["mulai"])


def ends(p):
    year, q = int(p[:4]), int(p[-1])
    return pd.Timestamp(year, 3 * q, 1) + pd.offsets.MonthEnd(0)


result = {}
for p in ["2025-T1", "2025-T2", "2025-T3", "2025-T4"]:
    began = ends(previous(p)) >= start
    now_b = budget(p)
    before_b = {key_b(o): o["status"] for o in budget(previous(p))} if began else {}
    now_i = indicators(p)
    before_i = {key_i(o): o["status"] for o in indicators(previous(p))} if began else {}
    for o in now_b:
        o["status_sebelumnya"] = before_b.get(key_b(o))
    for o in now_i:
        o["status_sebelumnya"] = before_i.get(key_i(o))
    result[p] = {"sebelumnya": previous(p), "anggaran": now_b, "indikator": now_i}

print(json.dumps(result, indent=1, ensure_ascii=False))
