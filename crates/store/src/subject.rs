//! Data-subject requests (UU 27/2022): everything held about one NIP, and
//! its erasure. A NIP names an ASN in the roster (`asn`), their training
//! (`peserta`), the ratings of their work (`kinerja`), their answers to
//! reaction questionnaires (`reaksi`) and the survey tokens issued to them
//! (`token_survei`, without the token's hash). Citizens' answers carry no
//! NIP and are not part of it.

use std::collections::BTreeMap;

use serde::Serialize;
use sqlx::{Column, Row};

use crate::{Result, Store};

/// One cell as it is held.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

/// The rows of one table about the subject, each as column → value.
pub type Rows = Vec<BTreeMap<String, Cell>>;

/// The tables, with the statements that read and erase a NIP's rows, in an
/// order the foreign keys allow erasing in.
const TABLES: &[(&str, &str, &str)] = &[
    (
        "reaksi",
        "SELECT p.kode AS program, r.* FROM reaksi r JOIN program p ON p.id = r.program_id WHERE r.nip = $1 ORDER BY r.id",
        "DELETE FROM reaksi WHERE nip = $1",
    ),
    (
        "kinerja",
        "SELECT p.kode AS program, k.* FROM kinerja k JOIN program p ON p.id = k.program_id WHERE k.nip = $1 ORDER BY k.id",
        "DELETE FROM kinerja WHERE nip = $1",
    ),
    (
        "peserta",
        "SELECT p.kode AS program, s.* FROM peserta s JOIN program p ON p.id = s.program_id WHERE s.nip = $1 ORDER BY s.pelatihan",
        "DELETE FROM peserta WHERE nip = $1",
    ),
    (
        "token_survei",
        "SELECT p.kode AS program, t.instrumen, t.nip, t.pelatihan, t.penilai, t.dibuat, t.dipakai
         FROM token_survei t JOIN program p ON p.id = t.program_id WHERE t.nip = $1 ORDER BY t.dibuat",
        "DELETE FROM token_survei WHERE nip = $1",
    ),
    (
        "asn",
        "SELECT p.kode AS program, a.* FROM asn a JOIN program p ON p.id = a.program_id WHERE a.nip = $1 ORDER BY p.kode",
        "DELETE FROM asn WHERE nip = $1",
    ),
];

fn cell(r: &sqlx::any::AnyRow, i: usize) -> Cell {
    if let Ok(v) = r.try_get::<Option<i64>, _>(i) {
        return v.map_or(Cell::Null, Cell::Int);
    }
    if let Ok(v) = r.try_get::<Option<f64>, _>(i) {
        return v.map_or(Cell::Null, Cell::Real);
    }
    match r.try_get::<Option<String>, _>(i) {
        Ok(Some(s)) => Cell::Text(s),
        _ => Cell::Null,
    }
}

impl Store {
    /// Everything held about `nip`, by table (tables without a row left out).
    pub async fn subject_data(&self, nip: &str) -> Result<BTreeMap<String, Rows>> {
        let mut out = BTreeMap::new();
        for (table, select, _) in TABLES {
            let rows = sqlx::query(*select).bind(nip).fetch_all(&self.pool).await?;
            if rows.is_empty() {
                continue;
            }
            let rows: Rows = rows
                .iter()
                .map(|r| {
                    r.columns()
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c.name() != "program_id" && c.name() != "import_seq")
                        .map(|(i, c)| (c.name().to_string(), cell(r, i)))
                        .collect()
                })
                .collect();
            out.insert(table.to_string(), rows);
        }
        Ok(out)
    }

    /// Erases every row about `nip` in one transaction and returns how many
    /// went from each table. The programmes it touched get a new data
    /// version (their evaluations are computed again without the person);
    /// the erasure is in the audit log, in the same transaction, by `by`
    /// (`None`: the command line) and under [`digest`], not the NIP. On
    /// SQLite the file is rebuilt afterwards (`VACUUM`), so the erased rows
    /// do not linger in free pages.
    pub async fn forget_subject(
        &self,
        nip: &str,
        by: Option<&crate::User>,
    ) -> Result<BTreeMap<String, u64>> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "UPDATE program SET import_seq = import_seq + 1
             WHERE id IN (SELECT program_id FROM asn WHERE nip = $1)",
        )
        .bind(nip)
        .execute(&mut *tx)
        .await?;
        let mut gone = BTreeMap::new();
        for (table, _, delete) in TABLES {
            let n = sqlx::query(*delete).bind(nip).execute(&mut *tx).await?;
            gone.insert(table.to_string(), n.rows_affected());
        }
        let total: u64 = gone.values().sum();
        let entry = crate::accounts::AuditEntry::new(
            by,
            "hapus_subjek_data",
            &format!("nip-sha256:{}", digest(nip)),
            Some(&format!("{total} baris")),
            None,
        );
        self.audit_in(&mut tx, entry).await?;
        tx.commit().await?;
        if self.dialect == crate::Dialect::Sqlite {
            // Deleted rows stay readable in SQLite's free pages and in the
            // write-ahead log until rewritten: rebuild the file and fold
            // the log, so the erasure holds on disk too. In this process's
            // writer queue, so a busy server's answers wait for it instead
            // of making it fail.
            let _turn = self.writer.clone().lock_owned().await;
            sqlx::query("VACUUM").execute(&self.pool).await?;
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.pool)
                .await?;
        }
        Ok(gone)
    }
}

/// How the audit log names a subject whose data were erased: the first 16
/// hex digits of SHA-256 of the NIP (the NIP itself would outlive the
/// erasure there).
pub fn digest(nip: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(nip.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Everything held about `nip` ([`Store::subject_data`]) as the JSON document
/// handed to the person who asked: the NIP, the legal basis, the rows by
/// table.
pub fn export_document(nip: &str, data: &BTreeMap<String, Rows>) -> String {
    let body = serde_json::json!({
        "nip": nip,
        "dasar": "UU 27/2022 tentang Pelindungan Data Pribadi: hak akses subjek data",
        "data": data,
    });
    serde_json::to_string_pretty(&body).unwrap_or_default()
}
