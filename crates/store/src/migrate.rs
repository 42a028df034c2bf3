//! Versioned schema migrations, embedded in the binary.
//!
//! Each migration runs once, inside a transaction, and is recorded in
//! `schema_migrations`. Versions form one sequence for every backend; a
//! backend whose dialect differs gets its own folder with the same versions.

use sqlx::AnyPool;

use crate::{Dialect, Result, StoreError};

struct Migration {
    version: i64,
    description: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

/// The newest schema version this binary knows.
pub(crate) const LATEST: i64 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// Every version, with its SQL for each backend (the same tables, types and
/// constraints; `migrations/postgres` differs only where the dialect does).
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        description: "inti: program, instansi, asn, pelatihan, peserta, skm, layanan, anggaran, indikator",
        sqlite: include_str!("../migrations/sqlite/0001_inti.sql"),
        postgres: include_str!("../migrations/postgres/0001_inti.sql"),
    },
    Migration {
        version: 2,
        description: "kirkpatrick: kinerja (tingkat 3), reaksi dan reaksi_item (tingkat 1)",
        sqlite: include_str!("../migrations/sqlite/0002_kirkpatrick.sql"),
        postgres: include_str!("../migrations/postgres/0002_kirkpatrick.sql"),
    },
    Migration {
        version: 3,
        description: "akun: pengguna, sesi, gagal_masuk, audit",
        sqlite: include_str!("../migrations/sqlite/0003_akun.sql"),
        postgres: include_str!("../migrations/postgres/0003_akun.sql"),
    },
    Migration {
        version: 4,
        description: "token_api: token untuk integrasi",
        sqlite: include_str!("../migrations/sqlite/0004_token_api.sql"),
        postgres: include_str!("../migrations/postgres/0004_token_api.sql"),
    },
    Migration {
        version: 5,
        description: "survei: uuid dan sumber kiriman SKM",
        sqlite: include_str!("../migrations/sqlite/0005_survei.sql"),
        postgres: include_str!("../migrations/postgres/0005_survei.sql"),
    },
    Migration {
        version: 6,
        description: "tautan_formulir: tautan pendek dan kode QR per instrumen dan instansi",
        sqlite: include_str!("../migrations/sqlite/0006_tautan.sql"),
        postgres: include_str!("../migrations/postgres/0006_tautan.sql"),
    },
    Migration {
        version: 7,
        description: "token_survei: survei ASN dengan token sekali pakai (reaksi, kinerja, nonpeserta)",
        sqlite: include_str!("../migrations/sqlite/0007_token_survei.sql"),
        postgres: include_str!("../migrations/postgres/0007_token_survei.sql"),
    },
    Migration {
        version: 8,
        description: "instrumen: instrumen program per versi; jawaban formulir lain",
        sqlite: include_str!("../migrations/sqlite/0008_instrumen.sql"),
        postgres: include_str!("../migrations/postgres/0008_instrumen.sql"),
    },
    Migration {
        version: 9,
        description: "kualitatif: wawancara, buku_kode, kutipan_kode",
        sqlite: include_str!("../migrations/sqlite/0009_kualitatif.sql"),
        postgres: include_str!("../migrations/postgres/0009_kualitatif.sql"),
    },
    Migration {
        version: 10,
        description: "dokumen: dokumen yang dianalisis, dengan teksnya",
        sqlite: include_str!("../migrations/sqlite/0010_dokumen.sql"),
        postgres: include_str!("../migrations/postgres/0010_dokumen.sql"),
    },
    Migration {
        version: 11,
        description: "koding: kutipan dari wawancara atau dokumen, jawaban atas saran kode, leksikon per program",
        sqlite: include_str!("../migrations/sqlite/0011_koding.sql"),
        postgres: include_str!("../migrations/postgres/0011_koding.sql"),
    },
    Migration {
        version: 12,
        description: "laporan: pengaturan laporan per program (tim, SK, penandatangan, logo), keputusan atas rekomendasi",
        sqlite: include_str!("../migrations/sqlite/0012_laporan.sql"),
        postgres: include_str!("../migrations/postgres/0012_laporan.sql"),
    },
    Migration {
        version: 13,
        description: "bersama: unggahan antara pemeriksaan dan penyimpanan, batas kiriman formulir per alamat",
        sqlite: include_str!("../migrations/sqlite/0013_bersama.sql"),
        postgres: include_str!("../migrations/postgres/0013_bersama.sql"),
    },
    Migration {
        version: 14,
        description: "indeks agregat: indeks yang memuat semua kolom angka SKM dan antrean per instansi dan fase",
        sqlite: include_str!("../migrations/sqlite/0014_indeks_agregat.sql"),
        postgres: include_str!("../migrations/postgres/0014_indeks_agregat.sql"),
    },
    Migration {
        version: 15,
        description: "audit berantai: setiap entri menyimpan hash entri sebelumnya dan hash-nya sendiri",
        sqlite: include_str!("../migrations/sqlite/0015_audit_berantai.sql"),
        postgres: include_str!("../migrations/postgres/0015_audit_berantai.sql"),
    },
    Migration {
        version: 16,
        description: "retensi: kapan teks bebas sebuah kiriman dikosongkan",
        sqlite: include_str!("../migrations/sqlite/0016_retensi.sql"),
        postgres: include_str!("../migrations/postgres/0016_retensi.sql"),
    },
    Migration {
        version: 17,
        description: "zona waktu program: WIB, WITA atau WIT",
        sqlite: include_str!("../migrations/sqlite/0017_zona_waktu.sql"),
        postgres: include_str!("../migrations/postgres/0017_zona_waktu.sql"),
    },
    Migration {
        version: 18,
        description: "unggahan dalam bagian 1 MiB (uploads in parts)",
        sqlite: include_str!("../migrations/sqlite/0018_unggahan_bagian.sql"),
        postgres: include_str!("../migrations/postgres/0018_unggahan_bagian.sql"),
    },
    Migration {
        version: 19,
        description: "tiket belum selesai: indeks parsial untuk evaluasi terkelompok",
        sqlite: include_str!("../migrations/sqlite/0019_tiket_belum_selesai.sql"),
        postgres: include_str!("../migrations/postgres/0019_tiket_belum_selesai.sql"),
    },
    Migration {
        version: 20,
        description: "perangkat ODK: sandi perangkat (hash Digest) dan nonce OpenRosa",
        sqlite: include_str!("../migrations/sqlite/0020_perangkat_odk.sql"),
        postgres: include_str!("../migrations/postgres/0020_perangkat_odk.sql"),
    },
    Migration {
        version: 21,
        description: "periode: jenis periode program, indikator_periode dan anggaran_periode",
        sqlite: include_str!("../migrations/sqlite/0021_periode.sql"),
        postgres: include_str!("../migrations/postgres/0021_periode.sql"),
    },
    Migration {
        version: 22,
        description: "wilayah: provinsi, kabupaten/kota, kecamatan; wilayah instansi dan akun",
        sqlite: include_str!("../migrations/sqlite/0022_wilayah.sql"),
        postgres: include_str!("../migrations/postgres/0022_wilayah.sql"),
    },
    Migration {
        version: 23,
        description: "keputusan_samaran: keputusan evaluator atas samaran dalam kutipan",
        sqlite: include_str!("../migrations/sqlite/0023_samaran.sql"),
        postgres: include_str!("../migrations/postgres/0023_samaran.sql"),
    },
    Migration {
        version: 24,
        description: "tinjauan: status tinjauan jawaban SKM dan kiriman ASN; hitung_belum_ditinjau per program",
        sqlite: include_str!("../migrations/sqlite/0024_tinjauan.sql"),
        postgres: include_str!("../migrations/postgres/0024_tinjauan.sql"),
    },
    Migration {
        version: 25,
        description: "persetujuan: angka unit per periode diajukan, disetujui kecamatan dan kota, dibekukan per versi",
        sqlite: include_str!("../migrations/sqlite/0025_persetujuan.sql"),
        postgres: include_str!("../migrations/postgres/0025_persetujuan.sql"),
    },
    Migration {
        version: 26,
        description: "batas_lapor_hari: tenggat laporan periode per program",
        sqlite: include_str!("../migrations/sqlite/0026_batas_lapor.sql"),
        postgres: include_str!("../migrations/postgres/0026_batas_lapor.sql"),
    },
    Migration {
        version: 27,
        description: "publikasi_skm, tindak_lanjut: halaman publik hasil SKM per unit",
        sqlite: include_str!("../migrations/sqlite/0027_publikasi.sql"),
        postgres: include_str!("../migrations/postgres/0027_publikasi.sql"),
    },
];

/// Brings the schema up to date. On PostgreSQL an advisory lock makes
/// several servers starting at once migrate one after the other.
pub(crate) async fn run(pool: &AnyPool, dialect: Dialect) -> Result<()> {
    let mut conn = pool.acquire().await?;
    if dialect == Dialect::Postgres {
        sqlx::query("SELECT pg_advisory_lock(7271)")
            .execute(&mut *conn)
            .await?;
    }
    let result = migrate(&mut conn, dialect).await;
    if dialect == Dialect::Postgres {
        sqlx::query("SELECT pg_advisory_unlock(7271)")
            .execute(&mut *conn)
            .await?;
    }
    result
}

async fn migrate(conn: &mut sqlx::AnyConnection, dialect: Dialect) -> Result<()> {
    sqlx::raw_sql(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version BIGINT PRIMARY KEY,
            description TEXT NOT NULL,
            applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
        )",
    )
    .execute(&mut *conn)
    .await?;
    let applied: Vec<(i64,)> = sqlx::query_as("SELECT version FROM schema_migrations")
        .fetch_all(&mut *conn)
        .await?;
    for m in MIGRATIONS {
        if applied.iter().any(|a| a.0 == m.version) {
            continue;
        }
        let wrap = |source| StoreError::Migrate {
            version: m.version,
            source,
        };
        let sql = match dialect {
            Dialect::Sqlite => m.sqlite,
            Dialect::Postgres => m.postgres,
        };
        let mut tx = sqlx::Connection::begin(&mut *conn).await.map_err(wrap)?;
        sqlx::raw_sql(sql).execute(&mut *tx).await.map_err(wrap)?;
        sqlx::query("INSERT INTO schema_migrations (version, description) VALUES ($1, $2)")
            .bind(m.version)
            .bind(m.description)
            .execute(&mut *tx)
            .await
            .map_err(wrap)?;
        tx.commit().await.map_err(wrap)?;
    }
    if let Some(newest) = applied.iter().map(|a| a.0).max()
        && newest > MIGRATIONS.last().map(|m| m.version).unwrap_or(0)
    {
        return Err(StoreError::Invalid(format!(
            "basis data memakai skema versi {newest}, lebih baru dari program ini; perbarui monev (the database is newer than this monev)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_version_has_both_dialects_in_one_sequence() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version, i as i64 + 1);
            assert!(!m.sqlite.trim().is_empty() && !m.postgres.trim().is_empty());
            // The PostgreSQL folder uses its own types, never SQLite's.
            for word in [" INTEGER", " REAL", " BLOB", "AUTOINCREMENT"] {
                assert!(!m.postgres.contains(word), "{} has{word}", m.version);
            }
        }
    }
}
