//! Retention of raw free text (UU 27/2022, data minimisation): after a set
//! period the words people typed are emptied — the "other reason" of
//! non-participants and the answers to free-text questions of uploaded
//! instruments — while every count, score and choice stays, so the
//! aggregates and the evaluation do not move.

use std::collections::HashMap;

use crate::{Result, Store};

/// What a purge emptied.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    /// "Other reason" texts of non-participants.
    pub alasan_lain: u64,
    /// Free-text answers removed from questionnaires of uploaded instruments.
    pub jawaban_teks: u64,
}

impl Store {
    /// Empties the free text of `program` submitted before `before`
    /// (`YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`). `text_questions` names, per
    /// instrument code,
    /// the questions whose answers are free text (the caller reads them
    /// from the instruments). One transaction.
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
        let held: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT k.id, k.instrumen, k.jawaban FROM kiriman k JOIN program p ON p.id = k.program_id
             WHERE k.waktu < $1 AND p.kode = $2 AND k.jawaban IS NOT NULL ORDER BY k.id",
        )
        .bind(before)
        .bind(program)
        .fetch_all(&mut *tx)
        .await?;
        for (id, instrumen, jawaban) in held {
            let Some(fields) = text_questions.get(&instrumen) else {
                continue;
            };
            let Ok(serde_json::Value::Object(mut answers)) = serde_json::from_str(&jawaban) else {
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
        tx.commit().await?;
        Ok(purged)
    }
}
