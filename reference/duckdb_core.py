"""The core aggregates of a monev package, computed by DuckDB: what an analyst
would write to get the headline figures without monev (issue 19's yardstick).

    python3 reference/duckdb_core.py PAKET > core.json

Per instansi and phase (before / on and after the intervention date):
- SKM: questionnaires, NRR per unsur (mean of the answers given), IKM with
  equal weights (25 x mean NRR), as PermenPANRB 14/2017;
- queue tickets: count, mean, median and sample variance of the waiting time
  (arrival to called) in minutes.

Only these: no regressions, bootstrap, reliability, findings or report, so
it is a lower bound on what monev computes. DuckDB reads the CSV files in
parallel on every core.
"""

import json
import sys

import duckdb


def main(pkg: str) -> None:
    con = duckdb.connect()
    (ti,) = con.execute(
        "SELECT CAST(tanggal_intervensi AS DATE) FROM read_csv(?, header = true, all_varchar = true)",
        [f"{pkg}/program.csv"],
    ).fetchone()
    unsur = [f"u{k}" for k in range(1, 10)]
    skm_types = {"instansi": "VARCHAR", "tanggal": "DATE", **{u: "INTEGER" for u in unsur}}
    nrr = ", ".join(f"avg({u}) AS nrr{u[1:]}" for u in unsur)
    skm = con.execute(
        f"""SELECT instansi, tanggal >= ? AS sesudah, count(*) AS n, {nrr}
            FROM read_csv(?, header = true, columns = ?, ignore_errors = false, null_padding = true)
            GROUP BY ALL ORDER BY ALL""",
        [ti, f"{pkg}/skm.csv", {**skm_types, "jenis_kelamin": "VARCHAR", "usia": "VARCHAR",
                                "pendidikan": "VARCHAR", "pekerjaan": "VARCHAR",
                                "jenis_layanan": "VARCHAR"}],
    ).fetchall()
    tickets = con.execute(
        """WITH t AS (
             SELECT instansi, waktu_datang,
                    (epoch(waktu_dipanggil) - epoch(waktu_datang)) / 60.0 AS menit
             FROM read_csv(?, header = true, columns = {'instansi': 'VARCHAR',
                  'jenis_layanan': 'VARCHAR', 'waktu_datang': 'TIMESTAMP',
                  'waktu_dipanggil': 'TIMESTAMP', 'waktu_selesai': 'TIMESTAMP'}))
           SELECT instansi, CAST(waktu_datang AS DATE) >= ? AS sesudah, count(*) AS n,
                  avg(menit), median(menit), var_samp(menit)
           FROM t GROUP BY ALL ORDER BY ALL""",
        [f"{pkg}/layanan.csv", ti],
    ).fetchall()
    out = {
        "skm": [
            {
                "instansi": r[0],
                "fase": "sesudah" if r[1] else "sebelum",
                "n": r[2],
                "nrr": list(r[3:12]),
                "ikm": 25.0 * sum(r[3:12]) / 9.0,
            }
            for r in skm
        ],
        "layanan": [
            {
                "instansi": r[0],
                "fase": "sesudah" if r[1] else "sebelum",
                "n": r[2],
                "rata_menit": r[3],
                "median_menit": r[4],
                "varians_menit": r[5],
            }
            for r in tickets
        ],
    }
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
