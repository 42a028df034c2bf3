//! Reading a programme back for the evaluation.

use futures_util::TryStreamExt;
use monev_domain::{
    AlasanNonpeserta, Anggaran, Arah, Asn, AspekReaksi, Date, Gender, Indikator, Instansi,
    Kelompok, KelompokResponden, Kinerja, KodeKualitatif, Kutipan, Layanan, Likert4, Likert5, Nip,
    Pelatihan, Penilai, Peserta, Program, ProgramData, Reaksi, ReaksiItem, SkmResponse, Sumber,
    Timestamp, Wawancara,
};
use sqlx::Row;

use crate::{Result, Store, StoreError};

fn corrupt(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(format!(
        "data tersimpan rusak di {what} (stored data is corrupt): {e}"
    ))
}

fn date(s: &str) -> Result<Date> {
    Date::parse(s).map_err(|e| corrupt("tanggal", e))
}

fn opt_date(s: Option<String>) -> Result<Option<Date>> {
    s.map(|s| date(&s)).transpose()
}

impl Store {
    /// Loads everything the evaluation reads about programme `kode`.
    pub async fn load_program(&self, kode: &str) -> Result<ProgramData> {
        self.load(kode, true).await
    }

    /// [`Store::load_program`] without the rows of the two large tables
    /// (`skm` and `layanan` empty): the evaluation reads them grouped, from
    /// [`Store::skm_eval_cells`] and [`Store::waits`].
    pub async fn load_program_without_rows(&self, kode: &str) -> Result<ProgramData> {
        self.load(kode, false).await
    }

    async fn load(&self, kode: &str, large: bool) -> Result<ProgramData> {
        let pool = &self.pool;
        let p = sqlx::query(
            "SELECT id, kode, nama, wilayah, mulai, selesai, tanggal_intervensi, pagu_anggaran,
                    target_partisipasi_persen, evaluator, zona_waktu, periode FROM program WHERE kode = $1",
        )
        .bind(kode)
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| StoreError::NoSuchProgram(kode.to_string()))?;
        let id: i64 = p.try_get("id")?;
        let program = Program {
            kode: p.try_get("kode")?,
            nama: p.try_get("nama")?,
            wilayah: p.try_get("wilayah")?,
            mulai: date(&p.try_get::<String, _>("mulai")?)?,
            selesai: date(&p.try_get::<String, _>("selesai")?)?,
            tanggal_intervensi: date(&p.try_get::<String, _>("tanggal_intervensi")?)?,
            pagu_anggaran: p.try_get("pagu_anggaran")?,
            target_partisipasi_persen: p.try_get("target_partisipasi_persen")?,
            evaluator: p.try_get("evaluator")?,
            zona_waktu: monev_domain::ZonaWaktu::parse(&p.try_get::<String, _>("zona_waktu")?)
                .unwrap_or_default(),
            periode: monev_domain::JenisPeriode::parse(&p.try_get::<String, _>("periode")?)
                .map_err(|e| corrupt("program", e))?,
            laporan: crate::report::load_settings(pool, id).await?,
        };

        let mut instansi = Vec::new();
        for r in sqlx::query(
            "SELECT kode, nama, jenis, kelompok, wilayah FROM instansi WHERE program_id = $1 ORDER BY kode",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        {
            instansi.push(Instansi {
                kode: r.try_get("kode")?,
                nama: r.try_get("nama")?,
                jenis: r.try_get("jenis")?,
                kelompok: Kelompok::parse(&r.try_get::<String, _>("kelompok")?)
                    .map_err(|e| corrupt("instansi", e))?,
                wilayah: r.try_get("wilayah")?,
            });
        }
        // The regions its units stand in and those above them.
        let mut wilayah = Vec::new();
        if instansi.iter().any(|i| i.wilayah.is_some()) {
            for r in sqlx::query("SELECT kode, nama, tingkat, induk FROM wilayah ORDER BY kode")
                .fetch_all(pool)
                .await?
            {
                wilayah.push(monev_domain::Wilayah {
                    kode: r.try_get("kode")?,
                    nama: r.try_get("nama")?,
                    tingkat: monev_domain::Tingkat::parse(&r.try_get::<String, _>("tingkat")?)
                        .map_err(|e| corrupt("wilayah", e))?,
                    induk: r.try_get("induk")?,
                });
            }
            let mut keep: std::collections::HashSet<String> = std::collections::HashSet::new();
            for i in &instansi {
                if let Some(w) = &i.wilayah {
                    for a in monev_domain::wilayah::ancestors(&wilayah, w) {
                        keep.insert(a.kode.clone());
                    }
                }
            }
            wilayah.retain(|w| keep.contains(&w.kode));
        }

        let mut asn = Vec::new();
        for r in sqlx::query(
            "SELECT nip, nama, instansi, jabatan, golongan, pendidikan, jenis_kelamin FROM asn WHERE program_id = $1 ORDER BY nip",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        {
            asn.push(Asn {
                nip: Nip::parse(&r.try_get::<String, _>("nip")?).map_err(|e| corrupt("asn.nip", e))?,
                nama: r.try_get("nama")?,
                instansi: r.try_get("instansi")?,
                jabatan: r.try_get("jabatan")?,
                golongan: r.try_get("golongan")?,
                pendidikan: r.try_get("pendidikan")?,
                jenis_kelamin: Gender::parse(&r.try_get::<String, _>("jenis_kelamin")?).map_err(|e| corrupt("asn", e))?,
            });
        }

        let mut pelatihan = Vec::new();
        for r in sqlx::query("SELECT kode, nama, bidang, jp, biaya_per_peserta FROM pelatihan WHERE program_id = $1 ORDER BY kode")
            .bind(id)
            .fetch_all(pool)
            .await?
        {
            pelatihan.push(Pelatihan {
                kode: r.try_get("kode")?,
                nama: r.try_get("nama")?,
                bidang: r.try_get("bidang")?,
                jp: r.try_get("jp")?,
                biaya_per_peserta: r.try_get("biaya_per_peserta")?,
            });
        }

        let mut peserta = Vec::new();
        for r in sqlx::query(
            "SELECT nip, pelatihan, tanggal_mulai, tanggal_selesai, kehadiran_persen, pre_test, post_test
             FROM peserta WHERE program_id = $1 ORDER BY pelatihan, nip",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        {
            peserta.push(Peserta {
                nip: Nip::parse(&r.try_get::<String, _>("nip")?).map_err(|e| corrupt("peserta.nip", e))?,
                pelatihan: r.try_get("pelatihan")?,
                tanggal_mulai: opt_date(r.try_get("tanggal_mulai")?)?,
                tanggal_selesai: opt_date(r.try_get("tanggal_selesai")?)?,
                kehadiran_persen: r.try_get("kehadiran_persen")?,
                pre_test: r.try_get("pre_test")?,
                post_test: r.try_get("post_test")?,
            });
        }

        // The two large tables are streamed row by row, not collected as rows first.
        let mut skm = Vec::new();
        let mut layanan = Vec::new();
        if large {
            let mut rows = sqlx::query(
            "SELECT s.instansi, s.tanggal, s.u1, s.u2, s.u3, s.u4, s.u5, s.u6, s.u7, s.u8, s.u9, s.jenis_kelamin,
                    s.usia, s.pendidikan, s.pekerjaan, s.jenis_layanan
             FROM skm s JOIN program p ON p.id = s.program_id
             WHERE s.program_id = $1
               AND (s.tinjauan = 'disetujui' OR (p.hitung_belum_ditinjau = 1 AND s.tinjauan <> 'ditolak'))
             ORDER BY s.id",
        )
        .bind(id)
        .fetch(pool);
            while let Some(r) = rows.try_next().await? {
                let mut jawaban = [None; 9];
                for (k, j) in jawaban.iter_mut().enumerate() {
                    let v: Option<i64> = r.try_get(2 + k)?;
                    *j = v.and_then(|v| Likert4::new(v as u8));
                }
                skm.push(SkmResponse {
                    instansi: r.try_get("instansi")?,
                    tanggal: date(&r.try_get::<String, _>("tanggal")?)?,
                    jawaban,
                    jenis_kelamin: r
                        .try_get::<Option<String>, _>("jenis_kelamin")?
                        .and_then(|g| Gender::parse(&g).ok()),
                    usia: r.try_get::<Option<i64>, _>("usia")?.map(|v| v as u32),
                    pendidikan: r.try_get("pendidikan")?,
                    pekerjaan: r.try_get("pekerjaan")?,
                    jenis_layanan: r.try_get("jenis_layanan")?,
                });
            }

            drop(rows);
            let mut texts = monev_domain::Interner::default();
            let mut rows = sqlx::query(
                "SELECT instansi, jenis_layanan, waktu_datang, waktu_dipanggil, waktu_selesai
             FROM layanan WHERE program_id = $1 ORDER BY id",
            )
            .bind(id)
            .fetch(pool);
            while let Some(r) = rows.try_next().await? {
                layanan.push(Layanan {
                    instansi: texts.get(r.try_get::<&str, _>("instansi")?),
                    jenis_layanan: texts.get(r.try_get::<&str, _>("jenis_layanan")?),
                    waktu_datang: Timestamp::from_seconds(r.try_get("waktu_datang")?),
                    waktu_dipanggil: Timestamp::from_seconds(r.try_get("waktu_dipanggil")?),
                    waktu_selesai: r
                        .try_get::<Option<i64>, _>("waktu_selesai")?
                        .map(Timestamp::from_seconds),
                });
            }
        }
        let mut anggaran = Vec::new();
        for r in sqlx::query(
            "SELECT kegiatan, pagu, realisasi FROM anggaran WHERE program_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        {
            anggaran.push(Anggaran {
                kegiatan: r.try_get("kegiatan")?,
                pagu: r.try_get("pagu")?,
                realisasi: r.try_get("realisasi")?,
            });
        }

        let mut indikator = Vec::new();
        for r in sqlx::query(
            "SELECT kode, nama, ukuran, baseline, target, arah, realisasi FROM indikator WHERE program_id = $1 ORDER BY kode",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        {
            indikator.push(Indikator {
                kode: r.try_get("kode")?,
                nama: r.try_get("nama")?,
                ukuran: r.try_get("ukuran")?,
                baseline: r.try_get("baseline")?,
                target: r.try_get("target")?,
                arah: Arah::parse(&r.try_get::<String, _>("arah")?).map_err(|e| corrupt("indikator", e))?,
                realisasi: r.try_get("realisasi")?,
            });
        }

        let periode = |r: &sqlx::any::AnyRow, table: &str| -> Result<monev_domain::Periode> {
            monev_domain::Periode::parse(&r.try_get::<String, _>("periode")?)
                .map_err(|e| corrupt(table, e))
        };
        let unit = |s: String| (!s.is_empty()).then_some(s);
        let mut indikator_periode = Vec::new();
        for r in sqlx::query(
            "SELECT indikator, periode, instansi, target, realisasi FROM indikator_periode
             WHERE program_id = $1 ORDER BY indikator, periode, instansi",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        {
            indikator_periode.push(monev_domain::IndikatorPeriode {
                indikator: r.try_get("indikator")?,
                periode: periode(&r, "indikator_periode")?,
                instansi: unit(r.try_get("instansi")?),
                target: r.try_get("target")?,
                realisasi: r.try_get("realisasi")?,
            });
        }
        let mut anggaran_periode = Vec::new();
        for r in sqlx::query(
            "SELECT kegiatan, periode, instansi, rencana_keuangan, realisasi_keuangan,
                    rencana_fisik_persen, realisasi_fisik_persen FROM anggaran_periode
             WHERE program_id = $1 ORDER BY kegiatan, periode, instansi",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        {
            anggaran_periode.push(monev_domain::AnggaranPeriode {
                kegiatan: r.try_get("kegiatan")?,
                periode: periode(&r, "anggaran_periode")?,
                instansi: unit(r.try_get("instansi")?),
                rencana_keuangan: r.try_get("rencana_keuangan")?,
                realisasi_keuangan: r.try_get("realisasi_keuangan")?,
                rencana_fisik_persen: r.try_get("rencana_fisik_persen")?,
                realisasi_fisik_persen: r.try_get("realisasi_fisik_persen")?,
            });
        }

        let mut kinerja = Vec::new();
        for r in sqlx::query(
            "SELECT nip, tanggal, penilai, aspek, skor FROM kinerja x WHERE program_id = $1 AND (x.kiriman_id IS NULL OR EXISTS (SELECT 1 FROM kiriman k JOIN program p ON p.id = k.program_id
                 WHERE k.id = x.kiriman_id
                   AND (k.tinjauan = 'disetujui' OR (p.hitung_belum_ditinjau = 1 AND k.tinjauan <> 'ditolak'))))
             ORDER BY id",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        {
            kinerja.push(Kinerja {
                nip: Nip::parse(&r.try_get::<String, _>("nip")?).map_err(|e| corrupt("kinerja.nip", e))?,
                tanggal: date(&r.try_get::<String, _>("tanggal")?)?,
                penilai: Penilai::parse(&r.try_get::<String, _>("penilai")?).map_err(|e| corrupt("kinerja", e))?,
                aspek: r.try_get("aspek")?,
                skor: Likert5::new(r.try_get::<i64, _>("skor")? as u8).ok_or_else(|| corrupt("kinerja.skor", "1–5"))?,
            });
        }

        let mut reaksi_item = Vec::new();
        for r in sqlx::query(
            "SELECT kode, nama, aspek FROM reaksi_item WHERE program_id = $1 ORDER BY length(kode), kode",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        {
            reaksi_item.push(ReaksiItem {
                kode: r.try_get("kode")?,
                nama: r.try_get("nama")?,
                aspek: AspekReaksi::parse(&r.try_get::<String, _>("aspek")?).map_err(|e| corrupt("reaksi_item", e))?,
            });
        }

        let mut reaksi: Vec<Reaksi> = Vec::new();
        let mut last = None;
        for r in sqlx::query(
            "SELECT responden, nip, pelatihan, tanggal, item, skor FROM reaksi x WHERE program_id = $1 AND (x.kiriman_id IS NULL OR EXISTS (SELECT 1 FROM kiriman k JOIN program p ON p.id = k.program_id
                 WHERE k.id = x.kiriman_id
                   AND (k.tinjauan = 'disetujui' OR (p.hitung_belum_ditinjau = 1 AND k.tinjauan <> 'ditolak'))))
             ORDER BY responden, id",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        {
            let responden: i64 = r.try_get("responden")?;
            let skor = (
                r.try_get::<String, _>("item")?,
                Likert5::new(r.try_get::<i64, _>("skor")? as u8).ok_or_else(|| corrupt("reaksi.skor", "1–5"))?,
            );
            if last == Some(responden) {
                if let Some(x) = reaksi.last_mut() {
                    x.skor.push(skor);
                }
                continue;
            }
            last = Some(responden);
            reaksi.push(Reaksi {
                nip: Nip::parse(&r.try_get::<String, _>("nip")?).map_err(|e| corrupt("reaksi.nip", e))?,
                pelatihan: r.try_get("pelatihan")?,
                tanggal: opt_date(r.try_get("tanggal")?)?,
                skor: vec![skor],
            });
        }

        let nonpeserta = sqlx::query_as::<_, (String, String, Option<String>)>(
            "SELECT instansi, alasan, minat FROM alasan_nonpeserta x WHERE program_id = $1 AND (x.kiriman_id IS NULL OR EXISTS (SELECT 1 FROM kiriman k JOIN program p ON p.id = k.program_id
                 WHERE k.id = x.kiriman_id
                   AND (k.tinjauan = 'disetujui' OR (p.hitung_belum_ditinjau = 1 AND k.tinjauan <> 'ditolak'))))
             ORDER BY id",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|(instansi, alasan, minat)| AlasanNonpeserta {
            instansi,
            alasan: alasan.split_whitespace().map(str::to_string).collect(),
            minat,
        })
        .collect();
        let mut wawancara = Vec::new();
        for r in sqlx::query(
            "SELECT kode, tanggal, pewawancara, kelompok, instansi, persetujuan, transkrip
             FROM wawancara WHERE program_id = $1 ORDER BY kode",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        {
            wawancara.push(Wawancara {
                kode: r.try_get("kode")?,
                tanggal: date(&r.try_get::<String, _>("tanggal")?)?,
                pewawancara: r.try_get("pewawancara")?,
                kelompok: KelompokResponden::parse(&r.try_get::<String, _>("kelompok")?)
                    .map_err(|e| corrupt("wawancara.kelompok", e))?,
                instansi: r.try_get("instansi")?,
                persetujuan: r.try_get::<i64, _>("persetujuan")? != 0,
                transkrip: r.try_get("transkrip")?,
            });
        }
        let kode_kualitatif = sqlx::query_as::<_, (String, String, String)>(
            "SELECT kode, nama, definisi FROM buku_kode WHERE program_id = $1 ORDER BY kode",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|(kode, nama, definisi)| KodeKualitatif {
            kode,
            nama,
            definisi,
        })
        .collect();
        type Row = (
            Option<String>,
            Option<String>,
            i64,
            i64,
            String,
            String,
            Option<String>,
        );
        let kutipan = sqlx::query_as::<_, Row>(
            "SELECT wawancara, dokumen, mulai, selesai, kode, pengkode, memo FROM kutipan_kode
             WHERE program_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(
            |(wawancara, dokumen, mulai, selesai, kode, pengkode, memo)| {
                let sumber = match (wawancara, dokumen) {
                    (Some(w), _) => Sumber::Wawancara(w),
                    (None, d) => Sumber::Dokumen(d.unwrap_or_default()),
                };
                Kutipan {
                    sumber,
                    mulai: mulai.max(0) as usize,
                    selesai: selesai.max(0) as usize,
                    kode,
                    pengkode,
                    memo,
                }
            },
        )
        .collect();
        let dokumen = sqlx::query_as::<_, (String, String, String, String)>(
            "SELECT kode, judul, jenis, teks FROM dokumen WHERE program_id = $1 ORDER BY kode",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|(kode, judul, jenis, teks)| monev_domain::Dokumen {
            kode,
            judul,
            jenis,
            teks,
        })
        .collect();
        Ok(ProgramData {
            program,
            instansi,
            wilayah,
            asn,
            pelatihan,
            peserta,
            skm,
            layanan,
            anggaran,
            indikator,
            indikator_periode,
            anggaran_periode,
            kinerja,
            reaksi_item,
            reaksi,
            nonpeserta,
            wawancara,
            kode_kualitatif,
            kutipan,
            dokumen,
            keputusan_rekomendasi: crate::report::load_decisions(pool, id).await?,
            samaran: crate::kualitatif::load_masks(pool, id).await?,
            tinjauan: Some(crate::tinjauan::summary(pool, id).await?),
            persetujuan: Some(crate::persetujuan::load_approvals(pool, id).await?),
            batas_lapor_hari: {
                let (d,): (Option<i64>,) =
                    sqlx::query_as("SELECT batas_lapor_hari FROM program WHERE id = $1")
                        .bind(id)
                        .fetch_one(pool)
                        .await?;
                d.and_then(|d| u32::try_from(d).ok())
            },
        })
    }
}
