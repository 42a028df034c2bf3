//! Retention of raw free text (UU 27/2022, data minimisation): after a set
//! period the words people typed are emptied — the "other reason" of
//! non-participants and the answers to free-text questions of uploaded
//! instruments — while every count, score and choice stays, so the
//! aggregates and the evaluation do not move.

use std::collections::HashMap;

use crate::{Result, Store};

/// Answers read and rewritten per transaction.
const RETENTION_BATCH: i64 = 500;

/// What a purge emptied.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    /// "Other reason" texts of non-participants.
    pub alasan_lain: u64,
    /// Free-text answers removed from questionnaires of uploaded instruments.
    pub jawaban_teks: u64,
}

/// One retention pass over every programme ([`Store::apply_retention`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RetentionPass {
    /// Text submitted before this moment (UTC, `YYYY-MM-DD HH:MM:SS`) was emptied.
    pub cutoff: String,
    /// Per programme code, what was emptied.
    pub programs: Vec<(String, Purged)>,
}

impl Store {
    /// Empties free text older than `days` days in every programme
    /// (`monev retensi --hari N`, and daily under `serve --retensi-hari N`):
    /// the text questions are those of each instrument's newest version. A
    /// programme where something was emptied gets an audit entry.
    pub async fn apply_retention(&self, days: u32) -> Result<RetentionPass> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let cutoff =
            monev_domain::Timestamp::from_seconds(now - i64::from(days) * 86_400).to_string();
        let mut pass = RetentionPass {
            cutoff: cutoff.clone(),
            programs: Vec::new(),
        };
        for program in self.program_codes().await? {
            let mut text: HashMap<String, Vec<String>> = HashMap::new();
            for held in self.instruments(&program).await? {
                let Ok(i) = serde_json::from_str::<monev_survey::Instrument>(&held.definisi) else {
                    continue;
                };
                let fields = text.entry(held.kode.clone()).or_default();
                for (q, _) in i.questions() {
                    if q.kind == monev_survey::Kind::Text && !fields.contains(&q.name) {
                        fields.push(q.name.clone());
                    }
                }
            }
            let purged = self.purge_free_text(&program, &cutoff, &text).await?;
            if purged.alasan_lain + purged.jawaban_teks > 0 {
                self.audit(
                    None,
                    "retensi_teks",
                    &format!("program:{program}"),
                    None,
                    Some(&format!(
                        "sebelum {cutoff}: {} alasan lain, {} jawaban teks",
                        purged.alasan_lain, purged.jawaban_teks
                    )),
                )
                .await?;
            }
            pass.programs.push((program, purged));
        }
        Ok(pass)
    }

    /// Empties the free text of `program` submitted before `before`
    /// (`YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`). `text_questions` names, per
    /// instrument code,
    /// the questions whose answers are free text ([`Store::apply_retention`]
    /// reads them from the instruments). Transactions of
    /// [`RETENTION_BATCH`] answers; an answer already seen by an earlier
    /// purge is not read again.
    pub async fn purge_free_text(
        &self,
        program: &str,
        before: &str,
        text_questions: &HashMap<String, Vec<String>>,
    ) -> Result<Purged> {
        let mut tx = self.begin_write().await?;
        let alasan_lain = sqlx::query(
            "UPDATE alasan_nonpeserta SET alasan_lain = NULL
             WHERE alasan_lain IS NOT NULL
               AND kiriman_id IN (SELECT k.id FROM kiriman k JOIN program p ON p.id = k.program_id
                                  WHERE k.waktu < $1 AND p.kode = $2)",
        )
        .bind(before)
        .bind(program)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let mut purged = Purged {
            alasan_lain,
            jawaban_teks: 0,
        };
        tx.commit().await?;
        // Answers not purged before, a batch per transaction so public
        // forms wait at most one batch for the writer; each answer is read
        // once in its life (`teks_diretensi` marks it, emptied or not).
        let stamp = crate::accounts::utc_now();
        loop {
            let mut tx = self.begin_write().await?;
            let held: Vec<(i64, String, String)> = sqlx::query_as(
                "SELECT k.id, k.instrumen, k.jawaban FROM kiriman k JOIN program p ON p.id = k.program_id
                 WHERE k.waktu < $1 AND p.kode = $2 AND k.jawaban IS NOT NULL
                   AND k.teks_diretensi IS NULL
                 ORDER BY k.id LIMIT $3",
            )
            .bind(before)
            .bind(program)
            .bind(RETENTION_BATCH)
            .fetch_all(&mut *tx)
            .await?;
            let Some(&(last, _, _)) = held.last() else {
                break;
            };
            let full = held.len() as i64 == RETENTION_BATCH;
            for (id, instrumen, jawaban) in held {
                let Some(fields) = text_questions.get(&instrumen) else {
                    continue;
                };
                let Ok(serde_json::Value::Object(mut answers)) = serde_json::from_str(&jawaban)
                else {
                    continue;
                };
                let before_len = answers.len();
                answers.retain(|k, _| !fields.contains(k));
                let removed = (before_len - answers.len()) as u64;
                if removed == 0 {
                    continue;
                }
                sqlx::query("UPDATE kiriman SET jawaban = $1 WHERE id = $2")
                    .bind(serde_json::Value::Object(answers).to_string())
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                purged.jawaban_teks += removed;
            }
            // The batch is exactly the matching answers up to `last`.
            sqlx::query(
                "UPDATE kiriman SET teks_diretensi = $1
                 WHERE id <= $2 AND waktu < $3 AND jawaban IS NOT NULL AND teks_diretensi IS NULL
                   AND program_id = (SELECT id FROM program WHERE kode = $4)",
            )
            .bind(&stamp)
            .bind(last)
            .bind(before)
            .bind(program)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            if !full {
                break;
            }
        }
        Ok(purged)
    }
}
