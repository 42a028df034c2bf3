//! Versioned schema migrations, embedded in the binary.
//!
//! Each migration runs once, inside a transaction, and is recorded in
//! `schema_migrations`. Versions form one sequence for every backend; a
//! backend whose dialect differs gets its own folder with the same versions.

use sqlx::AnyPool;

use crate::{Result, StoreError};

struct Migration {
    version: i64,
    description: &'static str,
    sql: &'static str,
}

const SQLITE: &[Migration] = &[
    Migration {
        version: 1,
        description: "inti: program, instansi, asn, pelatihan, peserta, skm, layanan, anggaran, indikator",
        sql: include_str!("../migrations/sqlite/0001_inti.sql"),
    },
    Migration {
        version: 2,
        description: "kirkpatrick: kinerja (tingkat 3), reaksi dan reaksi_item (tingkat 1)",
        sql: include_str!("../migrations/sqlite/0002_kirkpatrick.sql"),
    },
    Migration {
        version: 3,
        description: "akun: pengguna, sesi, gagal_masuk, audit",
        sql: include_str!("../migrations/sqlite/0003_akun.sql"),
    },
    Migration {
        version: 4,
        description: "token_api: token untuk integrasi",
        sql: include_str!("../migrations/sqlite/0004_token_api.sql"),
    },
    Migration {
        version: 5,
        description: "survei: uuid dan sumber kiriman SKM",
        sql: include_str!("../migrations/sqlite/0005_survei.sql"),
    },
    Migration {
        version: 6,
        description: "tautan_formulir: tautan pendek dan kode QR per instrumen dan instansi",
        sql: include_str!("../migrations/sqlite/0006_tautan.sql"),
    },
    Migration {
        version: 7,
        description: "token_survei: survei ASN dengan token sekali pakai (reaksi, kinerja, nonpeserta)",
        sql: include_str!("../migrations/sqlite/0007_token_survei.sql"),
    },
    Migration {
        version: 8,
        description: "instrumen: instrumen program per versi; jawaban formulir lain",
        sql: include_str!("../migrations/sqlite/0008_instrumen.sql"),
    },
    Migration {
        version: 9,
        description: "kualitatif: wawancara, buku_kode, kutipan_kode",
        sql: include_str!("../migrations/sqlite/0009_kualitatif.sql"),
    },
    Migration {
        version: 10,
        description: "dokumen: dokumen yang dianalisis, dengan teksnya",
        sql: include_str!("../migrations/sqlite/0010_dokumen.sql"),
    },
    Migration {
        version: 11,
        description: "koding: kutipan dari wawancara atau dokumen, jawaban atas saran kode, leksikon per program",
        sql: include_str!("../migrations/sqlite/0011_koding.sql"),
    },
    Migration {
        version: 12,
        description: "laporan: pengaturan laporan per program (tim, SK, penandatangan, logo), keputusan atas rekomendasi",
        sql: include_str!("../migrations/sqlite/0012_laporan.sql"),
    },
];

pub(crate) async fn run(pool: &AnyPool) -> Result<()> {
    sqlx::raw_sql(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            description TEXT NOT NULL,
            applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
        )",
    )
    .execute(pool)
    .await?;
    let applied: Vec<(i64,)> = sqlx::query_as("SELECT version FROM schema_migrations")
        .fetch_all(pool)
        .await?;
    for m in SQLITE {
        if applied.iter().any(|a| a.0 == m.version) {
            continue;
        }
        let wrap = |source| StoreError::Migrate {
            version: m.version,
            source,
        };
        let mut tx = pool.begin().await.map_err(wrap)?;
        sqlx::raw_sql(m.sql).execute(&mut *tx).await.map_err(wrap)?;
        sqlx::query("INSERT INTO schema_migrations (version, description) VALUES ($1, $2)")
            .bind(m.version)
            .bind(m.description)
            .execute(&mut *tx)
            .await
            .map_err(wrap)?;
        tx.commit().await.map_err(wrap)?;
    }
    if let Some(newest) = applied.iter().map(|a| a.0).max()
        && newest > SQLITE.last().map(|m| m.version).unwrap_or(0)
    {
        return Err(StoreError::Invalid(format!(
            "basis data memakai skema versi {newest}, lebih baru dari program ini; perbarui monev (the database is newer than this monev)"
        )));
    }
    Ok(())
}
