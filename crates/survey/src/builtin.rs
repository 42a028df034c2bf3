//! Built-in instruments, copied and edited per programme.
//!
//! The SKM questionnaire follows PermenPANRB 14/2017: nine unsur, each
//! answered 1–4 with the regulation's sample labels, plus the respondent
//! profile the regulation reports. Unsur are named `u1`…`u9` by their code,
//! never by position (the widely copied sample swaps 8 and 9).

use std::collections::BTreeMap;

use crate::{Choice, Instrument, Item, Kind, Labels, Purpose, Question};

/// An unsur's question: (code, question id, question en, answers id, answers en).
type UnsurQuestion = (
    &'static str,
    &'static str,
    &'static str,
    [&'static str; 4],
    [&'static str; 4],
);

const SKM_UNSUR: [UnsurQuestion; 9] = [
    (
        "u1",
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        "How well do the service requirements fit the service?",
        ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
        ["Not suitable", "Less suitable", "Suitable", "Very suitable"],
    ),
    (
        "u2",
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        "How easy is the service procedure in this unit?",
        ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"],
        ["Not easy", "Less easy", "Easy", "Very easy"],
    ),
    (
        "u3",
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        "How fast was the service delivered?",
        ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"],
        ["Not fast", "Less fast", "Fast", "Very fast"],
    ),
    (
        "u4",
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        "How fair is the cost or tariff of the service?",
        ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"],
        ["Very expensive", "Fairly expensive", "Cheap", "Free"],
    ),
    (
        "u5",
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
        "How well does the service product match the service standard?",
        ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
        ["Not suitable", "Less suitable", "Suitable", "Very suitable"],
    ),
    (
        "u6",
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        "How competent were the staff?",
        [
            "Tidak kompeten",
            "Kurang kompeten",
            "Kompeten",
            "Sangat kompeten",
        ],
        [
            "Not competent",
            "Less competent",
            "Competent",
            "Very competent",
        ],
    ),
    (
        "u7",
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
        "How polite and friendly were the staff?",
        [
            "Tidak sopan dan ramah",
            "Kurang sopan dan ramah",
            "Sopan dan ramah",
            "Sangat sopan dan ramah",
        ],
        [
            "Not polite and friendly",
            "Less polite and friendly",
            "Polite and friendly",
            "Very polite and friendly",
        ],
    ),
    (
        "u8",
        "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        "How are users' complaints handled?",
        [
            "Tidak ada",
            "Ada tetapi tidak berfungsi",
            "Berfungsi kurang maksimal",
            "Dikelola dengan baik",
        ],
        [
            "None",
            "Exists but does not work",
            "Works, not fully",
            "Well managed",
        ],
    ),
    (
        "u9",
        "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        "How good are the facilities?",
        ["Buruk", "Cukup", "Baik", "Sangat baik"],
        ["Poor", "Fair", "Good", "Very good"],
    ),
];

/// The SKM questionnaire (PermenPANRB 14/2017). The unit (`instansi`) is a
/// question so that exports from Kobo or ODK carry it; a public form fills
/// it from its link.
pub fn skm() -> Instrument {
    let mut choices = BTreeMap::new();
    let list = |items: &[(&str, &str, &str)]| -> Vec<Choice> {
        items
            .iter()
            .map(|(n, id, en)| Choice::new(n, Labels::id_en(id, en)))
            .collect()
    };
    choices.insert(
        "jenis_kelamin".to_string(),
        list(&[("L", "Laki-laki", "Male"), ("P", "Perempuan", "Female")]),
    );
    choices.insert(
        "pendidikan".to_string(),
        list(&[
            ("SD", "SD ke bawah", "Primary or less"),
            ("SMP", "SMP", "Junior secondary"),
            ("SMA", "SMA/SMK", "Senior secondary"),
            ("D1–D4", "D1–D4", "Diploma"),
            ("S1", "S1", "Bachelor"),
            ("S2", "S2", "Master"),
            ("S3", "S3", "Doctorate"),
        ]),
    );
    choices.insert(
        "pekerjaan".to_string(),
        list(&[
            ("PNS", "PNS", "Civil servant"),
            ("TNI", "TNI", "Military"),
            ("POLRI", "POLRI", "Police"),
            ("Swasta", "Pegawai swasta", "Private employee"),
            ("Wirausaha", "Wirausaha", "Self-employed"),
            ("Lainnya", "Lainnya", "Other"),
        ]),
    );
    let mut items = vec![
        // Carried by a public form's link (hidden there); asked in forms
        // exported to Kobo or ODK.
        Item::Question(
            Question::new(
                "instansi",
                Kind::Text,
                Labels::id_en("Kode unit layanan", "Service unit code"),
            )
            .required(),
        ),
        Item::Question(Question::new(
            "jenis_layanan",
            Kind::Text,
            Labels::id_en(
                "Jenis layanan yang Saudara terima",
                "The service you received",
            ),
        )),
        Item::Question(
            Question::new(
                "jenis_kelamin",
                Kind::SelectOne {
                    list: "jenis_kelamin".into(),
                },
                Labels::id_en("Jenis kelamin", "Sex"),
            )
            .required(),
        ),
        Item::Question({
            let mut q = Question::new(
                "usia",
                Kind::Integer,
                Labels::id_en("Usia (tahun)", "Age (years)"),
            );
            q.constraint = crate::expr::parse(". >= 15 and . <= 100").ok();
            q.constraint_message = Labels::id_en("Usia 15–100 tahun.", "Age 15–100 years.");
            q
        }),
        Item::Question(Question::new(
            "pendidikan",
            Kind::SelectOne {
                list: "pendidikan".into(),
            },
            Labels::id_en("Pendidikan terakhir", "Highest education"),
        )),
        Item::Question(Question::new(
            "pekerjaan",
            Kind::SelectOne {
                list: "pekerjaan".into(),
            },
            Labels::id_en("Pekerjaan utama", "Main occupation"),
        )),
    ];
    for (code, q_id, q_en, a_id, a_en) in SKM_UNSUR {
        let list_name = format!("skala_{code}");
        choices.insert(
            list_name.clone(),
            (0..4)
                .map(|i| Choice::new(&(i + 1).to_string(), Labels::id_en(a_id[i], a_en[i])))
                .collect(),
        );
        let mut q = Question::new(
            code,
            Kind::SelectOne { list: list_name },
            Labels::id_en(q_id, q_en),
        )
        .required();
        q.appearance = "likert".into();
        items.push(Item::Question(q));
    }
    Instrument {
        kode: "skm".into(),
        judul: Labels::id_en("Survei Kepuasan Masyarakat", "Public Satisfaction Survey"),
        versi: "PermenPANRB-14-2017".into(),
        bahasa_utama: "id".into(),
        purpose: Purpose::Skm,
        items,
        choices,
        peta: BTreeMap::new(),
    }
}

/// A 1–5 agreement scale, shared by the ASN questionnaires.
fn agreement(choices: &mut BTreeMap<String, Vec<Choice>>) -> String {
    let name = "setuju_5".to_string();
    choices.insert(
        name.clone(),
        [
            ("1", "Sangat tidak setuju", "Strongly disagree"),
            ("2", "Tidak setuju", "Disagree"),
            ("3", "Ragu-ragu", "Neutral"),
            ("4", "Setuju", "Agree"),
            ("5", "Sangat setuju", "Strongly agree"),
        ]
        .iter()
        .map(|(n, id, en)| Choice::new(n, Labels::id_en(id, en)))
        .collect(),
    );
    name
}

/// The reaction items when a programme has none of its own (the demo's and
/// the seed evaluation's): code, statement in Indonesian and English.
pub const REAKSI_BAKU: [(&str, &str, &str); 6] = [
    (
        "r1",
        "Materi pelatihan relevan dengan tugas sehari-hari",
        "The training is relevant to my daily tasks",
    ),
    (
        "r2",
        "Materi mudah dipahami",
        "The material was easy to understand",
    ),
    (
        "r3",
        "Narasumber menguasai materi dan menjawab pertanyaan dengan jelas",
        "The trainer knew the subject and answered clearly",
    ),
    (
        "r4",
        "Metode pelatihan melibatkan peserta secara aktif",
        "The method involved participants actively",
    ),
    (
        "r5",
        "Ruang, konsumsi dan sarana pelatihan memadai",
        "Room, catering and facilities were adequate",
    ),
    (
        "r6",
        "Saya dapat menerapkan materi ini dalam pekerjaan",
        "I can apply this in my work",
    ),
];

/// Kirkpatrick level 1: the participant's reaction to one module, one 1–5
/// item per reaction item of the programme (`(kode, statement)`); the
/// module and the respondent come from the one-time token.
pub fn reaksi(items: &[(String, String)]) -> Instrument {
    let mut choices = BTreeMap::new();
    let scale = agreement(&mut choices);
    let baku: Vec<(String, String)>;
    let items = if items.is_empty() {
        baku = REAKSI_BAKU
            .iter()
            .map(|(k, id, _)| (k.to_string(), id.to_string()))
            .collect();
        &baku
    } else {
        items
    };
    let mut list = vec![Item::Question(Question::new(
        "pengantar",
        Kind::Note,
        Labels::id_en(
            "Nyatakan seberapa setuju Anda dengan setiap pernyataan tentang pelatihan yang baru Anda ikuti.",
            "Say how far you agree with each statement about the training you have just attended.",
        ),
    ))];
    for (kode, nama) in items {
        let en = REAKSI_BAKU
            .iter()
            .find(|(k, id, _)| *k == kode && *id == nama)
            .map_or(nama.as_str(), |(_, _, en)| en);
        let mut q = Question::new(
            kode,
            Kind::SelectOne {
                list: scale.clone(),
            },
            Labels::id_en(nama, en),
        )
        .required();
        q.appearance = "likert".into();
        list.push(Item::Question(q));
    }
    list.push(Item::Question(Question::new(
        "saran",
        Kind::Text,
        Labels::id_en("Saran untuk pelatihan ini", "Suggestions for this training"),
    )));
    Instrument {
        kode: "reaksi".into(),
        judul: Labels::id_en("Umpan balik pelatihan", "Training feedback"),
        versi: "monev-1".into(),
        bahasa_utama: "id".into(),
        purpose: Purpose::Other,
        items: list,
        choices,
        peta: BTreeMap::new(),
    }
}

/// Kirkpatrick level 3: an atasan's or rekan's rating of one ASN's work
/// behaviour, one 1–5 item per aspect (`(kode, description)`). The ASN
/// rated and the rater's role come from the token.
pub fn kinerja(aspects: &[(String, String)]) -> Instrument {
    let mut choices = BTreeMap::new();
    choices.insert(
        "skor_5".to_string(),
        [
            ("1", "Sangat kurang", "Very poor"),
            ("2", "Kurang", "Poor"),
            ("3", "Cukup", "Fair"),
            ("4", "Baik", "Good"),
            ("5", "Sangat baik", "Very good"),
        ]
        .iter()
        .map(|(n, id, en)| Choice::new(n, Labels::id_en(id, en)))
        .collect(),
    );
    let mut items = vec![Item::Question(Question::new(
        "pengantar",
        Kind::Note,
        Labels::id_en(
            "Nilailah perilaku kerja ASN ini dalam tiga bulan terakhir, berdasarkan yang Anda lihat sendiri.",
            "Rate this ASN's work behaviour over the last three months, from what you have seen yourself.",
        ),
    ))];
    for (kode, nama) in aspects {
        let mut q = Question::new(
            kode,
            Kind::SelectOne {
                list: "skor_5".into(),
            },
            Labels::one("", nama),
        )
        .required();
        q.appearance = "likert".into();
        items.push(Item::Question(q));
    }
    Instrument {
        kode: "kinerja".into(),
        judul: Labels::id_en("Penilaian perilaku kerja", "Work behaviour rating"),
        versi: "monev-1".into(),
        bahasa_utama: "id".into(),
        purpose: Purpose::Other,
        items,
        choices,
        peta: BTreeMap::new(),
    }
}

/// Reasons an ASN did not take part, for the participation constraint.
pub use monev_domain::ALASAN_NONPESERTA as ALASAN;

/// A short survey of ASN who did not take part. Its answers are kept apart
/// from the respondent's identity: the token only stops a second answer.
pub fn nonpeserta() -> Instrument {
    let mut choices = BTreeMap::new();
    choices.insert(
        "alasan".to_string(),
        ALASAN
            .iter()
            .map(|(n, id, en)| Choice::new(n, Labels::id_en(id, en)))
            .collect(),
    );
    choices.insert(
        "minat".to_string(),
        [
            ("ya", "Ya", "Yes"),
            ("mungkin", "Mungkin", "Maybe"),
            ("tidak", "Tidak", "No"),
        ]
        .iter()
        .map(|(n, id, en)| Choice::new(n, Labels::id_en(id, en)))
        .collect(),
    );
    let mut lain = Question::new(
        "alasan_lain",
        Kind::Text,
        Labels::id_en("Alasan lain", "Other reason"),
    );
    lain.relevant = crate::expr::parse("selected(${alasan}, 'lainnya')").ok();
    Instrument {
        kode: "nonpeserta".into(),
        judul: Labels::id_en(
            "Survei ASN yang belum mengikuti pelatihan",
            "Survey of ASN who have not attended the training",
        ),
        versi: "monev-1".into(),
        bahasa_utama: "id".into(),
        purpose: Purpose::Other,
        items: vec![
            Item::Question(
                Question::new(
                    "alasan",
                    Kind::SelectMultiple {
                        list: "alasan".into(),
                    },
                    Labels::id_en(
                        "Mengapa Anda belum mengikuti pelatihan program ini? (boleh lebih dari satu)",
                        "Why have you not attended the programme's training? (you may pick several)",
                    ),
                )
                .required(),
            ),
            Item::Question(lain),
            Item::Question(Question::new(
                "minat",
                Kind::SelectOne {
                    list: "minat".into(),
                },
                Labels::id_en(
                    "Bersediakah Anda mengikuti pelatihan tahap berikutnya?",
                    "Would you attend the next round of training?",
                ),
            )),
            Item::Question(Question::new(
                "saran",
                Kind::Text,
                Labels::id_en(
                    "Apa yang akan membuat Anda dapat ikut?",
                    "What would make it possible for you to attend?",
                ),
            )),
        ],
        choices,
        peta: BTreeMap::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Target;
    use std::collections::HashMap;

    #[test]
    fn skm_maps_every_unsur_by_code() {
        let i = skm();
        let targets: Vec<Target> = i.mapping().iter().map(|(_, t)| *t).collect();
        for u in 1..=9 {
            assert!(targets.contains(&Target::Unsur(u)), "U{u}");
        }
        // U8 is complaints handling, U9 facilities (the sample swaps them).
        assert!(
            i.question("u8")
                .unwrap()
                .label
                .get("id")
                .unwrap()
                .contains("pengaduan")
        );
        assert!(
            i.question("u9")
                .unwrap()
                .label
                .get("id")
                .unwrap()
                .contains("sarana")
        );
        assert_eq!(i.choices["skala_u4"][3].label.get("id"), Some("Gratis"));
    }

    #[test]
    fn a_submission_is_checked() {
        let i = skm();
        let mut a: HashMap<String, String> = (1..=9)
            .map(|u| (format!("u{u}"), "3".to_string()))
            .collect();
        a.insert("jenis_kelamin".into(), "P".into());
        assert!(
            i.check(&a, "2026-11-29", "id").is_err(),
            "instansi is required"
        );
        a.insert("instansi".into(), "KEL-AMS".into());
        assert!(i.check(&a, "2026-11-29", "id").is_ok());
        a.insert("usia".into(), "7".into());
        a.insert("u3".into(), "5".into());
        a.remove("u9");
        let problems = i.check(&a, "2026-11-29", "id").unwrap_err();
        let named: Vec<&str> = problems.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(named, ["usia", "u3", "u9"], "{problems:?}");
    }
}
