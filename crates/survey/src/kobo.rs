//! Submissions exported from KoboToolbox or ODK Central, matched to an
//! instrument's questions with no manual mapping where names allow.
//!
//! Headers are XML names or labels, with group paths (`group/question` in
//! Kobo, `group-question` in ODK Central); select_multiple comes as a summary
//! column (space-separated) and/or one 0/1 column per choice; values are
//! choice names or labels. Metadata columns give the submission's identity
//! (`_uuid`, `meta/instanceID`, `KEY`), time (`_submission_time`,
//! `SubmissionDate`) and review state (`_validation_status`, `ReviewState`):
//! duplicates are dropped, rejected submissions excluded, both counted.

use std::collections::{HashMap, HashSet};

use monev_domain::{Date, Gender, Likert4, SkmResponse, ZonaWaktu};

use crate::{Instrument, Kind, Target};

/// Where an export came from, guessed from its metadata columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Kobo,
    OdkCentral,
    Plain,
}

/// What a column of the export is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// A question's answer (select_multiple: its summary column).
    Answer(String),
    /// One choice of a select_multiple, as 0/1.
    Choice(String, String),
    Uuid,
    SubmittedAt,
    Review,
    /// Known metadata monev does not need.
    Meta,
    /// Matches nothing: reported, ignored.
    Unknown,
}

/// A problem at a line and column of the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub line: u64,
    pub column: String,
    pub value: String,
    pub reason: String,
}

/// One accepted submission.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    pub line: u64,
    pub uuid: Option<String>,
    /// `YYYY-MM-DD` of submission, when the export has it.
    pub tanggal: Option<String>,
    pub answers: HashMap<String, String>,
    /// The review the source gave it: approved, or has issues (Kobo's
    /// On Hold, ODK Central's hasIssues); `None` when not reviewed there
    /// (or edited, which asks for a new review). Rejected ones are not
    /// submissions (`Mapped::rejected`).
    pub review: Option<monev_domain::StatusTinjauan>,
}

#[derive(Debug, Clone, Default)]
pub struct Mapped {
    pub submissions: Vec<Submission>,
    /// Header → what it was read as (for the user to review).
    pub columns: Vec<(String, Column)>,
    pub duplicates: usize,
    pub rejected: usize,
    pub problems: Vec<RowProblem>,
}

/// A review state as KoboToolbox (`_validation_status`: its label or its
/// uid, `validation_status_approved`, `…_not_approved`, `…_on_hold`) or ODK
/// Central (`ReviewState`: `approved`, `hasIssues`, `rejected`, `edited`)
/// exports it. Anything else, and `edited`, is not yet reviewed.
pub fn review_state(v: &str) -> Option<monev_domain::StatusTinjauan> {
    use monev_domain::StatusTinjauan as S;
    let s = v.to_lowercase().replace([' ', '_', '-'], "");
    let s = s.trim_start_matches("validationstatus");
    if s.contains("notapproved") || s == "rejected" {
        Some(S::Ditolak)
    } else if s == "approved" {
        Some(S::Disetujui)
    } else if s == "onhold" || s == "hasissues" {
        Some(S::Bermasalah)
    } else {
        None
    }
}

fn norm(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn meta(h: &str) -> Option<Column> {
    let last = h.rsplit(['/', '-']).next().unwrap_or(h);
    Some(match h {
        "_uuid" | "meta/instanceID" | "meta-instanceID" | "instanceID" | "KEY" => Column::Uuid,
        "_submission_time" | "SubmissionDate" => Column::SubmittedAt,
        "_validation_status" | "ReviewState" => Column::Review,
        "_id"
        | "_index"
        | "_status"
        | "_submitted_by"
        | "__version__"
        | "_version_"
        | "_tags"
        | "_notes"
        | "_sumber"
        | "_attachments"
        | "_geolocation"
        | "_parent_index"
        | "_parent_table_name"
        | "_xform_id_string"
        | "SubmitterID"
        | "SubmitterName"
        | "AttachmentsPresent"
        | "AttachmentsExpected"
        | "Status"
        | "DeviceID"
        | "Edits"
        | "FormVersion"
        | "start"
        | "end"
        | "today"
        | "deviceid"
        | "username"
        | "audit"
        | "meta/deprecatedID"
        | "meta/instanceName"
        | "meta/rootUuid"
        | "formhub/uuid" => Column::Meta,
        _ if last == "instanceID" => Column::Uuid,
        _ => return None,
    })
}

impl Instrument {
    /// How each header of an export maps to this instrument.
    pub fn read_header(&self, header: &[String]) -> Vec<Column> {
        let questions = self.questions();
        let by_name: HashMap<&str, &crate::Question> = questions
            .iter()
            .map(|(q, _)| (q.name.as_str(), *q))
            .collect();
        let by_label: HashMap<String, &crate::Question> = questions
            .iter()
            .flat_map(|(q, _)| q.label.0.iter().map(move |(_, t)| (norm(t), *q)))
            .collect();
        let choice_of = |q: &crate::Question, rest: &str| -> Option<String> {
            let list = self.choices.get(q.kind.list()?)?;
            list.iter()
                .find(|c| c.name == rest || c.label.0.iter().any(|(_, t)| norm(t) == norm(rest)))
                .map(|c| c.name.clone())
        };
        header
            .iter()
            .map(|raw| {
                let h = raw.trim();
                if let Some(m) = meta(h) {
                    return m;
                }
                // Every suffix after a '/' or '-' (group paths), longest first.
                let mut cuts = vec![0];
                cuts.extend(
                    h.char_indices()
                        .filter(|(_, c)| *c == '/' || *c == '-')
                        .map(|(i, _)| i + 1),
                );
                for &cut in &cuts {
                    let tail = &h[cut..];
                    if let Some(q) = by_name.get(tail) {
                        return Column::Answer(q.name.clone());
                    }
                }
                // A select_multiple's 0/1 column: `q/choice`, `q.choice`, `q-choice`.
                for (q, _) in &questions {
                    if !matches!(q.kind, Kind::SelectMultiple { .. }) {
                        continue;
                    }
                    for &cut in &cuts {
                        let tail = &h[cut..];
                        for sep in ['/', '.', '-'] {
                            if let Some(rest) = tail.strip_prefix(&format!("{}{sep}", q.name))
                                && let Some(c) = choice_of(q, rest)
                            {
                                return Column::Choice(q.name.clone(), c);
                            }
                        }
                    }
                }
                // Label headers (Kobo's "labels" export), with or without group labels.
                let n = norm(h);
                if let Some(q) = by_label.get(&n) {
                    return Column::Answer(q.name.clone());
                }
                if let Some((head, rest)) = n.rsplit_once('/') {
                    if let Some(q) = by_label.get(&norm(rest)) {
                        return Column::Answer(q.name.clone());
                    }
                    // "Question label/Choice label"
                    let head_q = by_label.get(&norm(head)).or_else(|| {
                        head.rsplit_once('/')
                            .and_then(|(_, h2)| by_label.get(&norm(h2)))
                    });
                    if let Some(q) = head_q
                        && matches!(q.kind, Kind::SelectMultiple { .. })
                        && let Some(c) = choice_of(q, rest)
                    {
                        return Column::Choice(q.name.clone(), c);
                    }
                }
                Column::Unknown
            })
            .collect()
    }

    /// [`Instrument::read_header`] with some columns mapped by hand:
    /// `(header, question)`, or `(header, "-")` to ignore one.
    pub fn read_header_mapped(
        &self,
        header: &[String],
        by_hand: &[(String, String)],
    ) -> Vec<Column> {
        let mut columns = self.read_header(header);
        for (h, c) in header.iter().zip(columns.iter_mut()) {
            if let Some((_, q)) = by_hand.iter().find(|(k, _)| k.trim() == h.trim()) {
                *c = if q == "-" {
                    Column::Meta
                } else if self.question(q).is_some() {
                    Column::Answer(q.clone())
                } else {
                    Column::Unknown
                };
            }
        }
        columns
    }

    /// A select_multiple's summary cell as choice names. Choice names are
    /// single words, but a "labels" export joins labels that contain spaces
    /// ("Datang ke loket Situs web") with spaces too: when every word is not
    /// a name, labels are matched from the left, longest first. A word that
    /// is neither is kept, for `check` to refuse.
    fn choices_value(&self, q: &crate::Question, v: &str) -> String {
        let Some(list) = q.kind.list().and_then(|l| self.choices.get(l)) else {
            return v.to_string();
        };
        let words: Vec<&str> = v.split_whitespace().collect();
        if words.iter().all(|w| list.iter().any(|c| c.name == *w)) {
            return words.join(" ");
        }
        let mut labels: Vec<(Vec<String>, &str)> = list
            .iter()
            .flat_map(|c| {
                c.label.0.iter().map(move |(_, t)| {
                    (
                        norm(t).split(' ').map(str::to_string).collect(),
                        c.name.as_str(),
                    )
                })
            })
            .collect();
        labels.sort_by_key(|(l, _)| std::cmp::Reverse(l.len()));
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if let Some((l, name)) = labels
                .iter()
                .find(|(l, _)| !l.is_empty() && lower[i..].starts_with(l))
            {
                out.push((*name).to_string());
                i += l.len();
            } else {
                out.push(self.choice_value(q, words[i]));
                i += 1;
            }
        }
        out.join(" ")
    }

    /// A value as a choice name: the name itself, or a label in any language.
    fn choice_value(&self, q: &crate::Question, v: &str) -> String {
        let Some(list) = q.kind.list().and_then(|l| self.choices.get(l)) else {
            return v.to_string();
        };
        if list.iter().any(|c| c.name == v) {
            return v.to_string();
        }
        list.iter()
            .find(|c| c.label.0.iter().any(|(_, t)| norm(t) == norm(v)))
            .map_or_else(|| v.to_string(), |c| c.name.clone())
    }

    /// Reads an export's rows (`(line, cells)`), checking each submission
    /// against the instrument. `today` is used when the export carries no
    /// submission time.
    pub fn read_export(
        &self,
        header: &[String],
        rows: impl IntoIterator<Item = (u64, Vec<String>)>,
        today: &str,
    ) -> Mapped {
        self.read_export_mapped(header, rows, today, ZonaWaktu::Wita, &[])
    }

    /// As [`Instrument::read_export`], with columns mapped by hand first:
    /// `(header, question)`, or `(header, "-")` to ignore a column.
    pub fn read_export_mapped(
        &self,
        header: &[String],
        rows: impl IntoIterator<Item = (u64, Vec<String>)>,
        today: &str,
        zona: ZonaWaktu,
        by_hand: &[(String, String)],
    ) -> Mapped {
        let columns = self.read_header_mapped(header, by_hand);
        // A select_multiple read from its 0/1 columns when every choice has
        // one (unambiguous, even with multi-word labels), else from its
        // summary column.
        let full_choices: HashSet<&str> = self
            .questions()
            .into_iter()
            .filter_map(|(q, _)| {
                let list = self.choices.get(q.kind.list()?)?;
                matches!(q.kind, Kind::SelectMultiple { .. }).then_some(())?;
                list.iter()
                    .all(|c| columns.contains(&Column::Choice(q.name.clone(), c.name.clone())))
                    .then_some(q.name.as_str())
            })
            .collect();
        let has_summary: HashSet<&str> = columns
            .iter()
            .filter_map(|c| match c {
                Column::Answer(q) if !full_choices.contains(q.as_str()) => Some(q.as_str()),
                _ => None,
            })
            .collect();
        let mut out = Mapped {
            columns: header
                .iter()
                .cloned()
                .zip(columns.iter().cloned())
                .collect(),
            ..Mapped::default()
        };
        // An export none of whose columns is a question of the instrument:
        // said once, with what was found and what was expected, instead of
        // a "required" for every question of every row.
        if !columns
            .iter()
            .any(|c| matches!(c, Column::Answer(_) | Column::Choice(..)))
        {
            let expected: Vec<String> = self
                .questions()
                .iter()
                .filter(|(q, _)| q.kind != Kind::Note)
                .map(|(q, _)| q.name.clone())
                .collect();
            out.problems.push(RowProblem {
                line: 1,
                column: String::new(),
                value: header.join(", "),
                reason: format!(
                    "tidak ada kolom yang cocok dengan pertanyaan instrumen {} (no column matches a question); pertanyaan yang diharapkan (expected): {}",
                    self.kode,
                    expected.join(", ")
                ),
            });
            return out;
        }
        let mut seen: HashSet<String> = HashSet::new();
        for (line, cells) in rows {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            // A row cut short (a broken export, a hand edit): said once,
            // not as a "required" for each missing answer.
            if cells.len() < header.len() {
                out.problems.push(RowProblem {
                    line,
                    column: String::new(),
                    value: String::new(),
                    reason: format!(
                        "baris ini hanya punya {} kolom, judulnya {} (the row has {} fields, the header {})",
                        cells.len(),
                        header.len(),
                        cells.len(),
                        header.len()
                    ),
                });
                continue;
            }
            let mut answers: HashMap<String, String> = HashMap::new();
            // Each answer's cell as it was, for error messages.
            let mut raw_of: HashMap<String, String> = HashMap::new();
            let mut uuid = None;
            let mut tanggal = None;
            let mut rejected = false;
            let mut review = None;
            let mut unreadable = false;
            let mut column_of: HashMap<String, String> = HashMap::new();
            for (i, col) in columns.iter().enumerate() {
                let v = cells.get(i).map_or("", |s| s.trim());
                match col {
                    Column::Uuid if !v.is_empty() => {
                        uuid = Some(monev_domain::normalize_uuid(v));
                    }
                    Column::SubmittedAt if !v.is_empty() => match Date::of_submission(v, zona) {
                        Ok(d) => tanggal = Some(d.to_string()),
                        Err(e) => {
                            out.problems.push(RowProblem {
                                line,
                                column: header[i].clone(),
                                value: cells[i].clone(),
                                reason: e.to_string(),
                            });
                            unreadable = true;
                        }
                    },
                    Column::Review => {
                        review = review_state(v);
                        rejected = review == Some(monev_domain::StatusTinjauan::Ditolak);
                        if rejected {
                            review = None;
                        }
                    }
                    Column::Answer(q) if !v.is_empty() && has_summary.contains(q.as_str()) => {
                        let value = match self.question(q) {
                            Some(question)
                                if matches!(question.kind, Kind::SelectMultiple { .. }) =>
                            {
                                self.choices_value(question, v)
                            }
                            Some(question) => self.choice_value(question, v),
                            None => v.to_string(),
                        };
                        answers.insert(q.clone(), value);
                        raw_of.insert(q.clone(), cells[i].clone());
                        column_of.insert(q.clone(), header[i].clone());
                    }
                    Column::Choice(q, c)
                        if !has_summary.contains(q.as_str())
                            && (v == "1" || v == "1.0" || v.eq_ignore_ascii_case("true")) =>
                    {
                        let e = answers.entry(q.clone()).or_default();
                        if !e.is_empty() {
                            e.push(' ');
                        }
                        e.push_str(c);
                        column_of
                            .entry(q.clone())
                            .or_insert_with(|| header[i].clone());
                    }
                    _ => {}
                }
            }
            if unreadable {
                continue;
            }
            if rejected {
                out.rejected += 1;
                continue;
            }
            if let Some(u) = &uuid
                && !seen.insert(u.clone())
            {
                out.duplicates += 1;
                continue;
            }
            let tanggal = tanggal
                .or_else(|| answers.get("tanggal").cloned())
                .or_else(|| Some(today.to_string()));
            match self.check(&answers, today, "id") {
                Ok(clean) => out.submissions.push(Submission {
                    line,
                    uuid,
                    tanggal,
                    answers: clean,
                    review,
                }),
                Err(problems) => {
                    for (q, reason) in problems {
                        out.problems.push(RowProblem {
                            line,
                            column: column_of.get(&q).cloned().unwrap_or_else(|| q.clone()),
                            value: raw_of
                                .get(&q)
                                .or_else(|| answers.get(&q))
                                .cloned()
                                .unwrap_or_default(),
                            reason,
                        });
                    }
                }
            }
        }
        out
    }
}

/// The SKM response a submission gives, by the instrument's mapping.
/// `instansi` is used when the form does not ask for it. None when none of
/// the nine unsur is answered: such a questionnaire is no respondent of the
/// SKM (a form of another kind imported with `--instansi`) and must not
/// count in n.
pub fn skm_response(
    instrument: &Instrument,
    s: &Submission,
    instansi: Option<&str>,
) -> Result<Option<SkmResponse>, String> {
    let mut r = SkmResponse {
        instansi: instansi.unwrap_or_default().to_string(),
        tanggal: Date::parse(s.tanggal.as_deref().unwrap_or(""))
            .map_err(|e| format!("tanggal kiriman: {e}"))?,
        jawaban: [None; 9],
        jenis_kelamin: None,
        usia: None,
        pendidikan: None,
        pekerjaan: None,
        jenis_layanan: None,
    };
    for (q, target) in instrument.mapping() {
        let Some(v) = s.answers.get(&q.name) else {
            continue;
        };
        match target {
            Target::Unsur(u) => {
                r.jawaban[usize::from(u) - 1] =
                    Likert4::parse_opt(v).map_err(|e| format!("{}: {e}", q.name))?;
            }
            Target::Instansi => r.instansi = v.clone(),
            Target::Tanggal => {
                r.tanggal = Date::parse(v).map_err(|e| format!("{}: {e}", q.name))?;
            }
            Target::JenisKelamin => r.jenis_kelamin = Gender::parse(v).ok(),
            Target::Usia => r.usia = v.parse().ok(),
            Target::Pendidikan => r.pendidikan = Some(v.clone()),
            Target::Pekerjaan => r.pekerjaan = Some(v.clone()),
            Target::JenisLayanan => r.jenis_layanan = Some(v.clone()),
        }
    }
    if r.jawaban.iter().all(Option::is_none) {
        return Ok(None);
    }
    if r.instansi.is_empty() {
        return Err("instansi tidak diketahui: formulir tidak menanyakannya; sebutkan --instansi (unknown unit)".into());
    }
    Ok(Some(r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Choice, Item, Labels, Question};
    use std::collections::BTreeMap;

    fn form() -> Instrument {
        let mut choices = BTreeMap::new();
        choices.insert(
            "saluran".to_string(),
            vec![
                Choice::new("wa", Labels::id_en("WhatsApp", "WhatsApp")),
                Choice::new("loket", Labels::id_en("Datang ke loket", "At the counter")),
                Choice::new("web", Labels::id_en("Situs web", "Website")),
            ],
        );
        Instrument {
            kode: "f".into(),
            judul: Labels::one("", "F"),
            versi: "1".into(),
            bahasa_utama: "id".into(),
            purpose: crate::Purpose::Other,
            items: vec![Item::Question(Question::new(
                "saluran",
                Kind::SelectMultiple {
                    list: "saluran".into(),
                },
                Labels::id_en("Saluran informasi", "Channels"),
            ))],
            choices,
            peta: BTreeMap::new(),
        }
    }

    fn h(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn select_multiple_as_summary_as_zero_one_columns_and_as_labels() {
        let f = form();
        // Kobo: the summary column and its 0/1 columns, XML names.
        let header = h(&[
            "grup/saluran",
            "grup/saluran/wa",
            "grup/saluran/loket",
            "grup/saluran/web",
            "_uuid",
        ]);
        let m = f.read_export(
            &header,
            [(2, h(&["wa web", "1", "0", "1", "a"]))],
            "2026-11-29",
        );
        assert_eq!(
            m.columns[1].1,
            Column::Choice("saluran".into(), "wa".into())
        );
        assert_eq!(m.submissions[0].answers["saluran"], "wa web");
        // Only the 0/1 columns (ODK style `-`).
        let header = h(&[
            "grup-saluran-wa",
            "grup-saluran-loket",
            "grup-saluran-web",
            "KEY",
        ]);
        let m = f.read_export(&header, [(2, h(&["0", "1", "1", "uuid:b"]))], "2026-11-29");
        assert_eq!(m.submissions[0].answers["saluran"], "loket web");
        assert_eq!(m.submissions[0].uuid.as_deref(), Some("b"));
        // Kobo's label export: label headers and label values.
        let header = h(&[
            "Saluran informasi",
            "Saluran informasi/Datang ke loket",
            "_uuid",
        ]);
        let m = f.read_export(
            &header,
            [(2, h(&["WhatsApp Situs web", "", "c"]))],
            "2026-11-29",
        );
        assert_eq!(m.columns[0].1, Column::Answer("saluran".into()));
        assert_eq!(
            m.columns[1].1,
            Column::Choice("saluran".into(), "loket".into())
        );
        // Multi-word labels joined with spaces: matched longest first.
        assert!(m.problems.is_empty(), "{:?}", m.problems);
        assert_eq!(m.submissions[0].answers["saluran"], "wa web");
        // A word that is no label nor name is refused, quoted as it was.
        let m = f.read_export(
            &header,
            [(2, h(&["WhatsApp  Situs  lain", "", "c2"]))],
            "2026-11-29",
        );
        assert_eq!(m.problems.len(), 1, "{:?}", m.problems);
        assert_eq!(m.problems[0].line, 2);
        assert_eq!(m.problems[0].value, "WhatsApp  Situs  lain");
        // With every 0/1 column, those decide.
        let header = h(&[
            "Saluran informasi",
            "Saluran informasi/WhatsApp",
            "Saluran informasi/Datang ke loket",
            "Saluran informasi/Situs web",
            "_uuid",
        ]);
        let m = f.read_export(
            &header,
            [(2, h(&["WhatsApp Situs web", "1", "0", "1", "d"]))],
            "2026-11-29",
        );
        assert!(m.problems.is_empty(), "{:?}", m.problems);
        assert_eq!(m.submissions[0].answers["saluran"], "wa web");
    }

    #[test]
    fn review_states_of_kobo_and_odk_central() {
        use monev_domain::StatusTinjauan as S;
        for (v, want) in [
            ("Approved", Some(S::Disetujui)),
            ("validation_status_approved", Some(S::Disetujui)),
            ("Not Approved", Some(S::Ditolak)),
            ("validation_status_not_approved", Some(S::Ditolak)),
            ("On Hold", Some(S::Bermasalah)),
            ("validation_status_on_hold", Some(S::Bermasalah)),
            ("approved", Some(S::Disetujui)),
            ("hasIssues", Some(S::Bermasalah)),
            ("rejected", Some(S::Ditolak)),
            ("edited", None),
            ("", None),
        ] {
            assert_eq!(review_state(v), want, "{v}");
        }
    }

    #[test]
    fn a_bad_submission_time_is_located_and_times_are_dated_in_wita() {
        let f = form();
        let header = h(&["saluran", "_submission_time", "_uuid"]);
        let m = f.read_export(
            &header,
            [
                (2, h(&["wa", "2025-03-04T16:30:00", "a"])),
                (3, h(&["wa", "kemarin sore", "b"])),
                (4, h(&["wa", "2025-03-0é", "c"])),
            ],
            "2026-11-29",
        );
        // 16.30 UTC is past midnight in Mataram.
        assert_eq!(m.submissions.len(), 1);
        assert_eq!(m.submissions[0].tanggal.as_deref(), Some("2025-03-05"));
        assert_eq!(m.problems.len(), 2, "{:?}", m.problems);
        assert_eq!(
            (
                m.problems[0].line,
                m.problems[0].column.as_str(),
                m.problems[0].value.as_str()
            ),
            (3, "_submission_time", "kemarin sore")
        );
        assert!(
            m.problems[0].reason.contains("waktu kiriman"),
            "{:?}",
            m.problems[0]
        );
        assert_eq!(m.problems[1].line, 4);
    }

    #[test]
    fn a_short_row_is_reported_once_and_an_unmatched_export_once() {
        let mut f = form();
        f.items.push(Item::Question(
            Question::new("nama", Kind::Text, Labels::one("", "Nama")).required(),
        ));
        let header = h(&["saluran", "nama", "_uuid"]);
        let m = f.read_export(
            &header,
            [(2, h(&["wa"])), (3, h(&["web", "Sari", "x"]))],
            "2026-11-29",
        );
        assert_eq!(m.problems.len(), 1, "{:?}", m.problems);
        assert_eq!(m.problems[0].line, 2);
        assert!(
            m.problems[0].reason.contains("1 kolom, judulnya 3"),
            "{:?}",
            m.problems[0]
        );
        assert_eq!(m.submissions.len(), 1);
        // No column is a question: one sentence naming what was found and
        // what was expected, however many rows.
        let header = h(&["kolom_a", "kolom_b", "_uuid"]);
        let rows = (2..200).map(|l| (l, h(&["1", "2", "u"])));
        let m = f.read_export(&header, rows, "2026-11-29");
        assert_eq!(m.problems.len(), 1, "{:?}", m.problems);
        assert!(
            m.problems[0].value.contains("kolom_a, kolom_b"),
            "{:?}",
            m.problems[0]
        );
        assert!(
            m.problems[0].reason.contains("saluran, nama"),
            "{:?}",
            m.problems[0]
        );
        assert!(m.submissions.is_empty());
    }

    #[test]
    fn a_form_without_unsur_answers_is_no_skm_respondent() {
        let f = form();
        let m = f.read_export(
            &h(&["saluran", "_uuid"]),
            [(2, h(&["wa", "a"]))],
            "2026-11-29",
        );
        assert_eq!(skm_response(&f, &m.submissions[0], Some("A")), Ok(None));
    }
}
