//! Section 3: the design, the sources with their counts, each analysis
//! that was computed (with its n and assumptions), the instruments'
//! reliability.

use monev_domain::Lang;
use monev_domain::format::{date_long, number};

use super::R;
use crate::doc::{Block, Cell, Inline, Item, Table, bold, text};

/// A list item that opens with its name in bold.
fn lead(name: &str, rest: impl Into<String>) -> Item {
    Item::runs(vec![bold(name), text(rest)])
}

pub(super) fn metodologi(r: &mut R<'_>) {
    let e = r.e;
    let j = &e.jumlah;
    let n_pairs: usize = e.pembelajaran.per_pelatihan.iter().map(|m| m.n).sum();
    let exact = e
        .pembelajaran
        .per_pelatihan
        .iter()
        .any(|m| m.wilcoxon_metode == monev_stats::WilcoxonMethod::Exact);
    let approx = e
        .pembelajaran
        .per_pelatihan
        .iter()
        .any(|m| m.wilcoxon_metode == monev_stats::WilcoxonMethod::Approx);
    let wil_method = match (exact, approx, r.lang) {
        (true, true, Lang::Id) => {
            "eksak untuk n ≤ 50 tanpa selisih nol, aproksimasi normal dengan koreksi ties selainnya"
        }
        (true, true, Lang::En) => {
            "exact for n ≤ 50 with no zero difference, normal approximation with tie correction otherwise"
        }
        (true, false, Lang::Id) => "distribusi eksak",
        (true, false, Lang::En) => "exact distribution",
        (_, _, Lang::Id) => "aproksimasi normal dengan koreksi ties (selisih nol dibuang)",
        (_, _, Lang::En) => "normal approximation with tie correction (zero differences dropped)",
    };
    let bobot = if (e.skm.bobot - 1.0 / 9.0).abs() < 1e-12 {
        "1/9".to_string()
    } else {
        r.n(e.skm.bobot, 2)
    };
    r.h2("metodologi", "Metodologi", "Methodology");
    let design = match r.lang {
        Lang::Id => format!(
            "Evaluasi memakai desain kuasi-eksperimen: {} unit intervensi yang ASN-nya mengikuti pelatihan dibandingkan dengan {} unit pembanding, sebelum dan sesudah tanggal intervensi {}. Evaluasi mengikuti model empat tingkat Kirkpatrick: reaksi dan partisipasi, pembelajaran (pre/post-test), perilaku kerja, dan hasil layanan (kepuasan masyarakat dan waktu tunggu).",
            r.n(j.instansi_intervensi as f64, 0),
            r.n(j.instansi_pembanding as f64, 0),
            date_long(e.program.tanggal_intervensi, r.lang)
        ),
        Lang::En => format!(
            "The evaluation uses a quasi-experimental design: {} intervention units whose ASN were trained are compared with {} comparison units, before and after the intervention date of {}. It follows Kirkpatrick's four levels: reaction and participation, learning (pre/post tests), behaviour at work, and service results (citizen satisfaction and waiting time).",
            r.n(j.instansi_intervensi as f64, 0),
            r.n(j.instansi_pembanding as f64, 0),
            date_long(e.program.tanggal_intervensi, r.lang)
        ),
    };
    r.text(design);
    let q = &e.kualitatif;
    if q.wawancara > 0 {
        let groups: Vec<String> = q
            .per_kelompok
            .iter()
            .map(|g| {
                let (id, en) = g.kelompok.label();
                let n = g.n.map_or("< 5".to_string(), |n| r.n(n as f64, 0));
                format!("{} {n}", r.t(id, en))
            })
            .collect();
        let agreement = if q.kappa_rata.is_finite() {
            match r.lang {
                Lang::Id => format!(
                    " Kesepakatan antarpengkode per kode (ada/tidaknya kode dalam tiap wawancara): κ Cohen rata-rata {}, α Krippendorff rata-rata {}.",
                    r.n(q.kappa_rata, 2),
                    r.n(q.alpha_rata, 2)
                ),
                Lang::En => format!(
                    " Agreement between coders per code (presence of the code in each interview): mean Cohen's κ {}, mean Krippendorff's α {}.",
                    r.n(q.kappa_rata, 2),
                    r.n(q.alpha_rata, 2)
                ),
            }
        } else {
            String::new()
        };
        let text = match r.lang {
            Lang::Id => format!(
                "Wawancara: {} transkrip ({}), dikodekan oleh {} pengkode menjadi {} segmen menurut buku kode dari pertanyaan evaluasi.{agreement} Kutipan disamarkan (nama, NIP, NIK, nomor telepon, alamat) dan hanya diberi atribusi kelompok; kelompok dengan kurang dari lima responden tidak dirinci.",
                r.n(q.wawancara as f64, 0),
                groups.join(", "),
                r.n(q.pengkode.len() as f64, 0),
                r.n(q.segmen as f64, 0),
            ),
            Lang::En => format!(
                "Interviews: {} transcripts ({}), coded by {} coders into {} segments with a codebook drawn from the evaluation questions.{agreement} Quotes are de-identified (names, NIP, NIK, phone numbers, addresses) and attributed by group only; groups of fewer than five respondents are not broken down.",
                r.n(q.wawancara as f64, 0),
                groups.join(", "),
                r.n(q.pengkode.len() as f64, 0),
                r.n(q.segmen as f64, 0),
            ),
        };
        r.text(text);
    }
    if q.dokumen > 0 {
        let kinds: Vec<String> = q
            .dokumen_per_jenis
            .iter()
            .map(|(j, n)| format!("{} {}", r.jenis_dokumen(j), r.n(*n as f64, 0)))
            .collect();
        let text = match r.lang {
            Lang::Id => format!(
                "Analisis dokumen: {} dokumen ({}), teksnya diambil dari berkas aslinya; dokumen hasil pindaian tanpa lapisan teks tidak diikutkan. {} dokumen dikodekan dengan buku kode yang sama dengan wawancara.",
                r.n(q.dokumen as f64, 0),
                kinds.join(", "),
                r.n(q.dokumen_dikodekan as f64, 0)
            ),
            Lang::En => format!(
                "Document analysis: {} documents ({}), their text taken from the original files; scans without a text layer were not included. {} documents were coded with the same codebook as the interviews.",
                r.n(q.dokumen as f64, 0),
                kinds.join(", "),
                r.n(q.dokumen_dikodekan as f64, 0)
            ),
        };
        r.text(text);
    }
    let (h1, h2, h3) = (
        r.t("Sumber data", "Data source"),
        r.t("Isi", "Content"),
        r.t("Jumlah", "Count"),
    );
    let rows = [
        (
            r.t("Daftar ASN", "ASN roster"),
            r.t(
                "NIP tervalidasi, instansi, jabatan",
                "validated NIP, unit, position",
            ),
            j.asn,
        ),
        (
            r.t("Kepesertaan pelatihan", "Training participation"),
            r.t(
                "kehadiran, pre-test, post-test",
                "attendance, pre-test, post-test",
            ),
            j.peserta_baris,
        ),
        (
            r.t("Pasangan pre/post-test lengkap", "Complete pre/post pairs"),
            r.t("dasar uji pembelajaran", "basis of the learning tests"),
            n_pairs,
        ),
        (
            r.t(
                "Survei Kepuasan Masyarakat",
                "Citizen satisfaction survey (SKM)",
            ),
            r.t(
                "9 unsur PermenPANRB 14/2017, responden anonim",
                "9 elements of PermenPANRB 14/2017, anonymous respondents",
            ),
            j.skm,
        ),
        (
            r.t("Log antrean layanan", "Service queue log"),
            r.t(
                "waktu datang, dipanggil, selesai",
                "arrival, called, finished",
            ),
            j.layanan,
        ),
        (
            r.t("Modul pelatihan", "Training modules"),
            r.t("JP dan biaya per peserta", "JP and cost per participant"),
            j.pelatihan,
        ),
        (
            r.t("Kuesioner reaksi", "Reaction questionnaires"),
            r.t(
                "tanggapan peserta atas tiap modul (Kirkpatrick 1)",
                "participants' view of each module (Kirkpatrick 1)",
            ),
            j.reaksi,
        ),
        (
            r.t("Penilaian kinerja", "Performance ratings"),
            r.t(
                "oleh atasan, rekan dan diri sendiri (Kirkpatrick 3)",
                "by supervisors, peers and self (Kirkpatrick 3)",
            ),
            j.kinerja,
        ),
    ];
    let mut t = Table::default();
    t.head
        .push(vec![Cell::th(h1), Cell::th(h2), Cell::th_num(h3)]);
    for (a, b, c) in rows.iter().filter(|x| x.2 > 0) {
        t.body.push(vec![Cell::text(*a), Cell::text(*b), r.int(*c)]);
    }
    r.table(t);

    // Only what was computed, each with its n.
    let alpha = r.n(e.config.alpha, 2);
    let id = r.lang == Lang::Id;
    let lang = r.lang;
    let n = |v: usize| number(v as f64, 0, lang);
    let mut items: Vec<Item> = Vec::new();
    let modules = e
        .pembelajaran
        .per_pelatihan
        .iter()
        .filter(|m| m.n >= 2)
        .count();
    if modules > 0 {
        items.push(if id {
            lead("Uji-t berpasangan", format!(" atas selisih post − pre di {} modul (n = {} pasangan nilai), p dua sisi dari distribusi t dengan df = n − 1, interval kepercayaan 95%; asumsi: selisih kira-kira berdistribusi normal dan antar-peserta independen. Taraf nyata α = {alpha}; p dari semua modul disesuaikan dengan metode Holm, dan hanya p Holm di bawah α yang disebut bermakna.", n(modules), n(n_pairs)))
        } else {
            lead("Paired t-test", format!(" on post − pre differences in {} modules (n = {} pairs of scores), two-sided p from the t distribution with df = n − 1, 95% confidence interval; assumptions: differences roughly normal and participants independent. Significance level α = {alpha}; the modules' p-values are Holm-adjusted, and only a Holm p below α is called significant.", n(modules), n(n_pairs)))
        });
        items.push(if id {
            lead("Uji peringkat bertanda Wilcoxon", format!(" pada pasangan yang sama, sebagai pembanding tanpa asumsi normalitas ({wil_method}); bila kedua uji tidak sepakat, hasilnya ditandai rapuh."))
        } else {
            lead("Wilcoxon signed-rank test", format!(" on the same pairs, as a check free of the normality assumption ({wil_method}); where the two tests disagree the result is marked fragile."))
        });
        let dz = |before: &str| Inline::Bold(vec![text(before), Inline::Sub("z".into())]);
        items.push(Item::runs(if id {
            vec![
                dz("Ukuran efek Cohen d"),
                text(" = rata-rata selisih / simpangan baku selisih, dengan interval 95% (pendekatan normal); 0,2 kecil, 0,5 sedang, 0,8 besar. "),
                bold("N-gain Hake"),
                text(" per peserta = (post − pre) / (100 − pre), dirata-ratakan per modul; tinggi ≥ 0,7, sedang 0,3–0,7, rendah < 0,3."),
            ]
        } else {
            vec![
                dz("Cohen's d"),
                text(" = mean difference / SD of the differences, with a 95% interval (normal approximation); 0.2 small, 0.5 medium, 0.8 large. "),
                bold("Hake's N-gain"),
                text(" per participant = (post − pre) / (100 − pre), averaged per module; high ≥ 0.7, medium 0.3–0.7, low < 0.3."),
            ]
        }));
    }
    if j.reaksi > 0 {
        items.push(if id {
            lead("Reaksi (Kirkpatrick 1)", format!(": rata-rata skor 1–5 per modul dari {} kuesioner, dan persentase peserta yang rata-rata jawabannya atas butir relevansi ≥ 4 (modul di bawah {}% dianggap kurang relevan).", n(j.reaksi), r.n(e.config.relevan_min_persen, 0)))
        } else {
            lead("Reaction (Kirkpatrick 1)", format!(": mean 1–5 score per module from {} questionnaires, and the share of participants whose mean answer to the relevance items is 4 or more (modules below {}% are taken as not relevant enough).", n(j.reaksi), r.n(e.config.relevan_min_persen, 0)))
        });
    }
    let rated: usize = e.kinerja.per_aspek.iter().map(|a| a.uji.n).sum();
    if rated > 0 {
        items.push(if id {
            lead("Perilaku kerja (Kirkpatrick 3)", format!(": per aspek, selisih-dalam-selisih skor penilaian atasan dan rekan (n = {} penilaian) antara ASN peserta dan bukan peserta, sebelum dan sesudah intervensi, dengan galat baku per instansi seperti di bawah; p disesuaikan Holm atas semua aspek. {} penilaian diri tidak dipakai karena mengukur persepsi diri, bukan perilaku.", n(rated), n(e.kinerja.diri_dikecualikan)))
        } else {
            lead("Behaviour at work (Kirkpatrick 3)", format!(": per aspect, the difference-in-differences of supervisor and peer ratings (n = {} ratings) between participating and non-participating ASN, before and after the intervention, with unit-clustered errors as below; p Holm-adjusted over the aspects. {} self-ratings are left out: they measure self-image, not behaviour.", n(rated), n(e.kinerja.diri_dikecualikan)))
        });
    }
    if j.skm > 0 {
        items.push(if id {
            lead("IKM", format!(" menurut PermenPANRB No. 14 Tahun 2017 dari {} kuesioner: NRR per unsur = jumlah nilai / jumlah jawaban terisi; IKM = Σ NRR × bobot {bobot}, dikonversi × 25; mutu A ≥ 88,31, B ≥ 76,61, C ≥ 65,00, D di bawahnya. Perubahannya diuji dengan selisih-dalam-selisih indeks per responden (rata-rata unsur yang dijawab × 25).", n(j.skm)))
        } else {
            lead("IKM", format!(" per PermenPANRB No. 14/2017 from {} questionnaires: NRR per element = sum of answers / number of non-blank answers; IKM = Σ NRR × weight {bobot}, converted × 25; grade A ≥ 88.31, B ≥ 76.61, C ≥ 65.00, D below. Its change is tested by a difference-in-differences of the per-respondent index (mean of the answered elements × 25).", n(j.skm)))
        });
    }
    if j.layanan > 0 {
        items.push(if id {
            lead("Waktu tunggu", format!(" = waktu dipanggil − waktu datang (menit) dari {} tiket antrean; rata-rata, median dan persentil ke-90 per instansi dan fase.", n(j.layanan)))
        } else {
            lead("Waiting time", format!(" = called − arrival (minutes) from {} queue tickets; mean, median and 90th percentile per unit and phase.", n(j.layanan)))
        });
    }
    if j.layanan > 0 || j.skm > 0 || rated > 0 {
        items.push(lead(r.t(
            "Selisih-dalam-selisih",
            "Differences-in-differences",
        ), r.t(
            " diestimasi dengan regresi pada data per pengamatan, y = β₀ + β₁·kelompok + β₂·sesudah + β₃·kelompok×sesudah, dengan galat baku dikelompokkan per instansi (CR1, distribusi t dengan G − 1 df); bila instansi kurang dari 30, interval dan p diambil dari wild cluster bootstrap dengan bobot Webb (seed tetap, dapat diulang). Asumsinya: tanpa program, kedua kelompok akan berubah sejajar (tren paralel).",
            " are estimated by a regression on observation-level data, y = β₀ + β₁·group + β₂·after + β₃·group×after, with standard errors clustered by unit (CR1, t distribution with G − 1 df); with fewer than 30 units the interval and p come from the wild cluster bootstrap with Webb weights (fixed seed, reproducible). The assumption: without the programme both groups would have changed in parallel (parallel trends).",
        )));
    }
    if !e.instrumen.is_empty() {
        items.push(if id {
            lead("Reliabilitas dan validitas instrumen", format!(": Cronbach α (reliabel bila ≥ {}) dan korelasi butir–total terkoreksi dibandingkan dengan r-tabel pada α = 0,05, df = n − 2.", r.n(e.config.alpha_reliabel, 2)))
        } else {
            lead("Instrument reliability and validity", format!(": Cronbach's α (reliable at ≥ {}) and corrected item–total correlations against the critical r at α = 0.05, df = n − 2.", r.n(e.config.alpha_reliabel, 2)))
        });
    }
    let h = r.t("Analisis yang dipakai", "Analyses used");
    r.heading(3, "", h, false);
    r.push(Block::List {
        ordered: false,
        class: None,
        items,
    });

    if !e.instrumen.is_empty() {
        let cap = r.t(
            "Reliabilitas dan validitas instrumen",
            "Instrument reliability and validity",
        );
        let mut t = Table::captioned(cap);
        t.head.push(vec![
            Cell::th(r.t("Instrumen", "Instrument")),
            Cell::th_num("n"),
            Cell::th_num(r.t("Butir", "Items")),
            Cell::th_num("Cronbach α"),
            Cell::th_num(format!("r-{}", r.t("tabel", "critical"))),
            Cell::th(r.t("Butir tidak valid", "Invalid items")),
        ]);
        for i in &e.instrumen {
            let invalid: Vec<String> = i
                .item
                .iter()
                .filter(|x| !x.valid)
                .map(|x| format!("{} (r = {})", x.item, r.n(x.r_item_total_terkoreksi, 2)))
                .collect();
            let flag = if i.reliabel {
                ""
            } else {
                r.t(" — kurang reliabel", " — not reliable")
            };
            let name = match i.instrumen {
                "skm" => r.t(
                    "Survei Kepuasan Masyarakat (9 unsur)",
                    "Citizen satisfaction survey (SKM, 9 unsur)",
                ),
                "reaksi" => r.t(
                    "Kuesioner reaksi peserta pelatihan",
                    "Participants' reaction questionnaire",
                ),
                _ => i.nama,
            };
            let alpha = if flag.is_empty() {
                r.fig(i.cronbach_alpha, 3)
            } else {
                Cell::num_text(format!("{}{flag}", r.n(i.cronbach_alpha, 3)))
            };
            t.body.push(vec![
                Cell::text(name),
                r.int(i.n),
                r.int(i.k),
                alpha,
                r.fig(i.r_tabel, 3),
                Cell::text(if invalid.is_empty() {
                    "–".to_string()
                } else {
                    invalid.join(", ")
                }),
            ]);
        }
        r.table(t);
    }
    if q.wawancara == 0 && q.dokumen == 0 {
        let note = r.t(
            "Data wawancara dan dokumen belum dimasukkan ke monev untuk evaluasi ini; temuan di bawah bersandar pada data kuantitatif yang tercantum di atas.",
            "Interview and document evidence has not yet been entered into monev for this evaluation; the findings below rest on the quantitative data listed above.",
        );
        r.note(note);
    }
}
