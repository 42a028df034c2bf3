//! Every route declared once: path, method, access rule, handler, body
//! limit and navigation entry. The router ([`crate::router`]), the access
//! check, the navigation of every page, the OpenAPI document and the
//! authorization tests all read this table; there is no other place a route
//! is named.
//!
//! A route is made by one of three constructors, and the types keep the
//! rules: [`Route::get`] serves a page, file or API answer (GET, and HEAD
//! for it); [`Route::change`] is a signed-in role's POST and takes only a
//! handler whose body extractor checks the CSRF token ([`crate::csrf`]), so
//! a state-changing route without the check does not compile;
//! [`Route::open`] is a POST anyone may send (sign-in, citizens' forms,
//! one-time-token questionnaires), which no session can be ridden to.

use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::routing::{MethodRouter, get, post};
use monev_store::Role;

use crate::csrf::Guarded;
use crate::{
    App, asn_survey, auth, banding, data, forms, hasil, imports, instruments, kelengkapan, kobo,
    kualitatif, monitoring, odata, openrosa, pages, perangkat, persetujuan, qda, review, subject,
    tinjauan, users, wilayah,
};

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Signed-in users with one of these roles.
    Roles(&'static [Role]),
    /// A collecting device (ODK Collect, KoboCollect) of an account with
    /// one of these roles: HTTP Digest with the account's device password,
    /// or Basic over TLS (`crate::openrosa`); sessions and API tokens do
    /// not count.
    Device(&'static [Role]),
}

/// One route: method, path (axum syntax), rule, whether it shows one
/// instansi's data (`{kode}` in the path), which operators may only see for
/// their own instansi, whether its body's CSRF token is checked, and its
/// navigation entry.
#[derive(Debug, Clone, Copy)]
pub struct RouteSpec {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
    pub scoped: bool,
    /// Open to an account limited to a region (`pengguna.wilayah`): the
    /// handler keeps it to its region, or shows nothing of the programme's
    /// data (signing out, the account's own API tokens). Every other
    /// route answers such an account 403.
    pub regional: bool,
    pub csrf: bool,
    pub nav: Option<Nav>,
}

impl RouteSpec {
    fn of(method: &'static str, path: &'static str, access: Access) -> RouteSpec {
        RouteSpec {
            method,
            path,
            access,
            scoped: false,
            regional: false,
            csrf: false,
            nav: None,
        }
    }

    /// Whether `role` may use the route (signed in).
    pub fn allows(&self, role: Role) -> bool {
        match self.access {
            Access::Public => true,
            Access::Roles(roles) | Access::Device(roles) => roles.contains(&role),
        }
    }
}

const ALL: &[Role] = &Role::ALL;
const READERS: &[Role] = &[Role::Admin, Role::Evaluator, Role::Pimpinan];
/// Roles that import data. An operator's import is limited to their own
/// instansi's tables and rows (`monev_store::SCOPED_TABLES`).
const IMPORTERS: &[Role] = &[Role::Admin, Role::Evaluator, Role::Operator];
const ADMIN: &[Role] = &[Role::Admin];
/// Roles that act for the whole programme (ASN survey tokens name people
/// across every instansi).
const IMPORTERS_PROGRAMME: &[Role] = &[Role::Admin, Role::Evaluator];
/// Roles that read interview transcripts and code them (transcripts name
/// people and units).
const QUALITATIVE: &[Role] = &[Role::Admin, Role::Evaluator];
/// Who decides what the final report says: its recommendations and its
/// cover and signature block.
const REPORT_EDITORS: &[Role] = &[Role::Admin, Role::Evaluator];
/// Who hands out the public forms: their links and QR posters (an
/// enumerator runs surveys in the field; an operator for their own unit).
/// The raw answers stay with ROSTER.
const FIELD: &[Role] = &[
    Role::Admin,
    Role::Evaluator,
    Role::Operator,
    Role::Enumerator,
];
/// Who reviews submissions (approves, marks, rejects answers) and decides
/// whether answers not yet approved count.
const REVIEWERS: &[Role] = &[Role::Admin, Role::Evaluator];
/// Who sees where the units' figures stand in their approval.
const APPROVAL_READERS: &[Role] = &[Role::Admin, Role::Evaluator, Role::Operator, Role::Pimpinan];
/// Roles that need ASN personal data (names, NIP).
const ROSTER: &[Role] = &[Role::Admin, Role::Evaluator, Role::Operator];

/// A navigation entry: the page's name in the menu, in both languages. The
/// menu lists, in table order, the entries whose route the user's role may
/// open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Nav {
    pub id: &'static str,
    pub en: &'static str,
}

/// A route of the table: what is known of it ([`RouteSpec`]) and its
/// handler. Only the constructors make one.
pub(crate) struct Route {
    spec: RouteSpec,
    handler: MethodRouter<App>,
}

impl Route {
    fn new(spec: RouteSpec, handler: MethodRouter<App>) -> Route {
        Route { spec, handler }
    }

    /// A page, a file or an API answer (GET; HEAD is the same without the
    /// body).
    fn get<H: Handler<T, App>, T: 'static>(path: &'static str, access: Access, h: H) -> Route {
        Route::new(RouteSpec::of("GET", path, access), get(h))
    }

    /// A signed-in role's state-changing form: the handler's last argument
    /// checks the CSRF token (`Checked<T>` or `CheckedMultipart`).
    fn change<H: Handler<T, App>, T: Guarded + 'static>(
        path: &'static str,
        roles: &'static [Role],
        h: H,
    ) -> Route {
        let mut spec = RouteSpec::of("POST", path, Access::Roles(roles));
        spec.csrf = true;
        Route::new(spec, post(h))
    }

    /// A POST anyone may send: it carries its own key (the sign-in form's
    /// double-submit token, a form link, a one-time token).
    fn open<H: Handler<T, App>, T: 'static>(path: &'static str, h: H) -> Route {
        Route::new(RouteSpec::of("POST", path, Access::Public), post(h))
    }

    /// A device's request (OpenRosa, `crate::openrosa`): GET (and HEAD).
    fn device_get<H: Handler<T, App>, T: 'static>(
        path: &'static str,
        roles: &'static [Role],
        h: H,
    ) -> Route {
        Route::new(RouteSpec::of("GET", path, Access::Device(roles)), get(h))
    }

    /// A device's submission: no session, so no CSRF token to check; the
    /// handler requires the `X-OpenRosa-Version` header, which a browser
    /// cannot be made to send cross-site.
    fn device_post<H: Handler<T, App>, T: 'static>(
        path: &'static str,
        roles: &'static [Role],
        h: H,
    ) -> Route {
        Route::new(RouteSpec::of("POST", path, Access::Device(roles)), post(h))
    }

    /// Shows one instansi's data (`{kode}`): an operator only their own.
    fn scoped(mut self) -> Route {
        self.spec.scoped = true;
        self
    }

    /// Open to an account limited to a region (see [`RouteSpec::regional`]).
    fn regional(mut self) -> Route {
        self.spec.regional = true;
        self
    }

    /// The largest body accepted (uploads); axum's default is 2 MB.
    fn limit(mut self, bytes: usize) -> Route {
        self.handler = self.handler.layer(DefaultBodyLimit::max(bytes));
        self
    }

    /// An entry in the navigation.
    fn nav(mut self, id: &'static str, en: &'static str) -> Route {
        self.spec.nav = Some(Nav { id, en });
        self
    }

    pub(crate) fn into_parts(self) -> (RouteSpec, MethodRouter<App>) {
        (self.spec, self.handler)
    }
}

/// Every route of the application, in the order of the navigation.
#[rustfmt::skip]
pub(crate) fn routes() -> Vec<Route> {
    vec![
        // The server, its files and the session
        Route::get("/healthz", Access::Public, pages::healthz),
        Route::get("/static/monev.css", Access::Public, pages::stylesheet),
        Route::get("/masuk", Access::Public, pages::login_form),
        Route::open("/masuk", pages::login),
        Route::change("/keluar", ALL, pages::logout).regional(),
        Route::get("/static/kualitatif.js", Access::Public, kualitatif::script),
        // Dashboard
        Route::get("/", Access::Roles(ALL), pages::dashboard).nav("Dasbor", "Dashboard").regional(),
        // Regions: every level's figures, drilled down
        Route::get("/wilayah", Access::Roles(READERS), wilayah::page).nav("Wilayah", "Regions").regional(),
        Route::get("/wilayah/{kode}", Access::Roles(READERS), wilayah::page_of).regional(),
        // Programmes side by side
        Route::get("/banding", Access::Roles(READERS), banding::page).nav("Banding", "Compare"),
        // The programme and its report settings
        Route::get("/program", Access::Roles(ALL), data::programme_page).nav("Program", "Programme"),
        Route::get("/program/laporan", Access::Roles(REPORT_EDITORS), review::settings_page),
        Route::change("/program/laporan", REPORT_EDITORS, review::save_settings),
        Route::change("/program/laporan/logo", REPORT_EDITORS, review::save_logo).limit(review::MAX_UPLOAD_BYTES),
        // Training modules
        Route::get("/pelatihan", Access::Roles(ALL), data::modules).nav("Modul", "Modules"),
        // Participation
        Route::get("/peserta", Access::Roles(ROSTER), data::participation).nav("Kepesertaan", "Participation"),
        // The report
        Route::get("/laporan", Access::Roles(READERS), pages::report).nav("Laporan", "Report"),
        Route::get("/laporan/evaluasi.json", Access::Roles(READERS), pages::report_json),
        Route::get("/laporan/laporan.docx", Access::Roles(READERS), pages::report_docx),
        Route::get("/laporan/laporan.pdf", Access::Roles(READERS), pages::report_pdf),
        Route::get("/laporan/lampiran.xlsx", Access::Roles(READERS), pages::report_xlsx),
        // The monitoring report of a period
        Route::get("/monitoring", Access::Roles(READERS), monitoring::page).nav("Monitoring", "Monitoring"),
        Route::get("/monitoring/monitoring.json", Access::Roles(READERS), monitoring::report_json),
        Route::get("/monitoring/laporan.docx", Access::Roles(READERS), monitoring::report_docx),
        Route::get("/monitoring/laporan.pdf", Access::Roles(READERS), monitoring::report_pdf),
        Route::get("/monitoring/laporan.xlsx", Access::Roles(READERS), monitoring::report_xlsx),
        // ASN personal data
        Route::get("/asn", Access::Roles(ROSTER), pages::roster).nav("Data ASN", "ASN roster"),
        Route::get("/instansi/{kode}/asn", Access::Roles(ROSTER), pages::roster_of).scoped(),
        // Public forms: links, posters, answers, exports, Kobo/ODK imports
        Route::get("/formulir", Access::Roles(FIELD), forms::list).nav("Formulir", "Forms"),
        Route::get("/formulir/skm.csv", Access::Roles(ROSTER), forms::export_csv),
        Route::get("/formulir/skm.xlsx", Access::Roles(ROSTER), forms::export_xlsx),
        Route::get("/formulir/kobo", Access::Roles(IMPORTERS_PROGRAMME), kobo::form),
        Route::change("/formulir/kobo", IMPORTERS_PROGRAMME, kobo::check).limit(imports::MAX_UPLOAD_BYTES),
        Route::change("/formulir/kobo/periksa", IMPORTERS_PROGRAMME, kobo::recheck),
        Route::change("/formulir/kobo/simpan", IMPORTERS_PROGRAMME, kobo::commit),
        Route::get("/f/{kode}", Access::Public, forms::show),
        Route::open("/f/{kode}", forms::submit),
        Route::get("/f/{kode}/terima-kasih", Access::Public, forms::thanks),
        Route::get("/f/{kode}/qr.svg", Access::Public, forms::qr_svg),
        Route::get("/f/{kode}/qr.png", Access::Public, forms::qr_png),
        Route::get("/f/{kode}/poster", Access::Public, forms::poster),
        // A unit's published SKM results, for everyone
        Route::get("/hasil/{program}/{kode}", Access::Public, hasil::page),
        Route::get("/hasil/{program}/{kode}/poster", Access::Public, hasil::poster),
        // Collecting offline: the device page, and the OpenRosa server ODK
        // Collect and KoboCollect speak to (`…/odk` is the server address)
        Route::get("/perangkat", Access::Roles(FIELD), perangkat::page).nav("Perangkat ODK", "ODK devices"),
        Route::change("/perangkat", FIELD, perangkat::new_password),
        Route::change("/pengguna/{id}/perangkat", ADMIN, perangkat::configure),
        Route::device_get("/odk/formList", FIELD, openrosa::form_list),
        Route::device_get("/odk/formXml/{kode}", FIELD, openrosa::form_xml),
        Route::device_get("/odk/submission", FIELD, openrosa::submission_probe),
        Route::device_post("/odk/submission", FIELD, openrosa::submit).limit(openrosa::MAX_SUBMISSION_BYTES),
        // Review of submissions: approved, has issues, rejected
        Route::get("/tinjauan", Access::Roles(REVIEWERS), tinjauan::page).nav("Tinjauan", "Review"),
        Route::change("/tinjauan", REVIEWERS, tinjauan::review),
        Route::change("/tinjauan/pengaturan", REVIEWERS, tinjauan::save_setting),
        // Approval of each unit's figures per period: submitted, approved
        // by the kecamatan, then the kota; frozen per version
        Route::get("/persetujuan", Access::Roles(APPROVAL_READERS), persetujuan::page).nav("Persetujuan", "Approval").regional(),
        Route::change("/persetujuan/{kode}/ajukan", IMPORTERS, persetujuan::submit).scoped().regional(),
        Route::change("/persetujuan/{kode}/setujui", REVIEWERS, persetujuan::approve).scoped().regional(),
        Route::change("/persetujuan/{kode}/kembalikan", REVIEWERS, persetujuan::send_back).scoped().regional(),
        Route::change("/persetujuan/{kode}/terbitkan", IMPORTERS, persetujuan::publish).scoped().regional(),
        Route::change("/persetujuan/{kode}/tarik", IMPORTERS, persetujuan::unpublish).scoped().regional(),
        Route::change("/persetujuan/{kode}/tindak-lanjut", IMPORTERS, persetujuan::follow_up).scoped().regional(),
        // Completeness and timeliness per period, and the reminder list
        Route::get("/kelengkapan", Access::Roles(APPROVAL_READERS), kelengkapan::page).nav("Kelengkapan", "Completeness").regional(),
        Route::get("/kelengkapan/pengingat.csv", Access::Roles(REVIEWERS), kelengkapan::reminders).regional(),
        Route::change("/kelengkapan/batas", IMPORTERS_PROGRAMME, kelengkapan::save_due),
        // Imports
        Route::get("/impor", Access::Roles(IMPORTERS), imports::form).nav("Impor", "Import"),
        Route::change("/impor", IMPORTERS, imports::check).limit(imports::MAX_UPLOAD_BYTES),
        Route::change("/impor/simpan", IMPORTERS, imports::commit),
        // Instruments (XLSForm)
        Route::get("/instrumen", Access::Roles(IMPORTERS_PROGRAMME), instruments::list).nav("Instrumen", "Instruments"),
        Route::change("/instrumen", IMPORTERS_PROGRAMME, instruments::upload).limit(16 * 1024 * 1024),
        Route::get("/instrumen/{kode}", Access::Roles(IMPORTERS_PROGRAMME), instruments::detail),
        Route::change("/instrumen/{kode}/peta", IMPORTERS_PROGRAMME, instruments::save_mapping),
        Route::get("/instrumen/{kode}/xlsform.xlsx", Access::Roles(IMPORTERS_PROGRAMME), instruments::xlsform),
        Route::get("/instrumen/{kode}/jawaban.csv", Access::Roles(IMPORTERS_PROGRAMME), instruments::answers_csv),
        Route::get("/instrumen/{kode}/jawaban.xlsx", Access::Roles(IMPORTERS_PROGRAMME), instruments::answers_xlsx),
        // ASN questionnaires with one-time tokens
        Route::get("/survei-asn", Access::Roles(IMPORTERS_PROGRAMME), asn_survey::overview).nav("Survei ASN", "ASN surveys"),
        Route::change("/survei-asn", IMPORTERS_PROGRAMME, asn_survey::make),
        Route::get("/t/{token}", Access::Public, asn_survey::show),
        Route::open("/t/{token}", asn_survey::submit),
        // Qualitative coding
        Route::get("/kualitatif", Access::Roles(QUALITATIVE), kualitatif::overview).nav("Kualitatif", "Qualitative"),
        Route::get("/kualitatif/kasus.csv", Access::Roles(IMPORTERS_PROGRAMME), data::cases_csv),
        Route::change("/kualitatif/kode", QUALITATIVE, kualitatif::add_code),
        Route::get("/kualitatif/proyek.qdpx", Access::Roles(QUALITATIVE), qda::export_project),
        Route::change("/kualitatif/proyek.qdpx", QUALITATIVE, qda::import_project).limit(qda::MAX_UPLOAD_BYTES),
        Route::get("/kualitatif/buku-kode.qdc", Access::Roles(QUALITATIVE), qda::export_codebook),
        Route::change("/kualitatif/buku-kode.qdc", QUALITATIVE, qda::import_codebook).limit(qda::MAX_UPLOAD_BYTES),
        Route::get("/kualitatif/samaran", Access::Roles(QUALITATIVE), kualitatif::masks_page),
        Route::change("/kualitatif/samaran", QUALITATIVE, kualitatif::decide_mask),
        Route::change("/kualitatif/samaran/hapus", QUALITATIVE, kualitatif::undo_mask),
        Route::get("/kualitatif/leksikon", Access::Roles(QUALITATIVE), kualitatif::lexicon_page),
        Route::change("/kualitatif/leksikon", QUALITATIVE, kualitatif::save_lexicon),
        Route::change("/kualitatif/wawancara", QUALITATIVE, kualitatif::upload_interview).limit(kualitatif::MAX_UPLOAD_BYTES),
        Route::change("/kualitatif/dokumen", QUALITATIVE, kualitatif::upload_document).limit(kualitatif::MAX_UPLOAD_BYTES),
        Route::get("/kualitatif/{jenis}/{kode}", Access::Roles(QUALITATIVE), kualitatif::show),
        Route::change("/kualitatif/{jenis}/{kode}/kutipan", QUALITATIVE, kualitatif::add_segment),
        Route::change("/kualitatif/{jenis}/{kode}/kutipan/{id}/hapus", QUALITATIVE, kualitatif::remove_segment),
        Route::change("/kualitatif/{jenis}/{kode}/saran", QUALITATIVE, kualitatif::answer),
        // Recommendations
        Route::get("/rekomendasi", Access::Roles(REPORT_EDITORS), review::overview).nav("Rekomendasi", "Recommendations"),
        Route::change("/rekomendasi/{kode}", REPORT_EDITORS, review::decide),
        // Accounts
        Route::get("/pengguna", Access::Roles(ADMIN), users::list).nav("Pengguna", "Users"),
        Route::change("/pengguna", ADMIN, users::create),
        Route::change("/pengguna/{id}/sandi", ADMIN, users::reset_password),
        Route::change("/pengguna/{id}/aktif", ADMIN, users::set_active),
        // Audit log
        Route::get("/audit", Access::Roles(ADMIN), pages::audit).nav("Log audit", "Audit log"),
        // Data subjects (UU 27/2022)
        Route::get("/subjek", Access::Roles(ADMIN), subject::form).nav("Subjek data", "Data subjects"),
        Route::change("/subjek", ADMIN, subject::act),
        // API tokens
        Route::get("/token", Access::Roles(ALL), users::tokens).nav("Token API", "API tokens").regional(),
        Route::change("/token/{id}/hapus", ALL, users::revoke_token).regional(),
        // The JSON API
        Route::get("/api/openapi.json", Access::Public, openapi),
        Route::get("/api/v1/evaluasi", Access::Roles(READERS), pages::api_evaluation),
        Route::get("/api/v1/pemantauan", Access::Roles(READERS), monitoring::api),
        Route::get("/api/v1/monitoring", Access::Roles(READERS), monitoring::api_period),
        Route::get("/api/v1/kelengkapan", Access::Roles(APPROVAL_READERS), kelengkapan::api).regional(),
        Route::get("/api/v1/banding", Access::Roles(READERS), banding::api),
        Route::get("/api/v1/wilayah", Access::Roles(READERS), wilayah::api).regional(),
        Route::get("/api/v1/wilayah/{kode}", Access::Roles(READERS), wilayah::api_of).regional(),
        // The OData v4 feed for Excel and Power BI (each set's roles in odata::SETS)
        Route::get("/api/odata", Access::Roles(APPROVAL_READERS), odata::service),
        Route::get("/api/odata/$metadata", Access::Roles(APPROVAL_READERS), odata::metadata_document),
        Route::get("/api/odata/{set}", Access::Roles(APPROVAL_READERS), odata::collection),
        Route::get("/api/v1/instansi/{kode}/asn", Access::Roles(ROSTER), pages::api_roster_of).scoped(),
    ]
}

/// What the table says of every route (for the access check, the menu, the
/// OpenAPI document and the tests).
pub static ROUTES: std::sync::LazyLock<Vec<RouteSpec>> =
    std::sync::LazyLock::new(|| routes().iter().map(|r| r.spec).collect());

/// The OpenAPI 3.1 description of the JSON API, built from [`ROUTES`] so
/// that it cannot drift from what is served.
pub fn openapi_document() -> serde_json::Value {
    use serde_json::json;
    let mut paths = serde_json::Map::new();
    for spec in ROUTES.iter().filter(|r| r.path.starts_with("/api/v1/")) {
        let roles: Vec<&str> = match spec.access {
            Access::Public => vec![],
            Access::Roles(r) | Access::Device(r) => r.iter().map(|x| x.code()).collect(),
        };
        let mut params = vec![
            json!({"name": "program", "in": "query", "required": false, "schema": {"type": "string"},
            "description": "Kode program; the only programme when omitted."}),
        ];
        if spec.path.contains("{kode}") {
            params.push(json!({"name": "kode", "in": "path", "required": true, "schema": {"type": "string"},
                "description": "Kode instansi. Operators may only ask for their own (404 otherwise)."}));
        }
        let op = json!({
            "summary": spec.path,
            "parameters": params,
            "x-monev-roles": roles,
            "security": [{"bearer": []}, {"cookie": []}],
            "responses": {
                "200": {"description": "OK", "content": {"application/json": {}}},
                "401": {"description": "No session or token"},
                "403": {"description": "The role may not use this route"},
                "404": {"description": "No such programme or instansi, or another instansi's data"}
            }
        });
        paths.insert(
            spec.path.to_string(),
            json!({ spec.method.to_lowercase(): op }),
        );
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "monev API", "version": env!("CARGO_PKG_VERSION"),
            "description": "Monitoring dan evaluasi program peningkatan kualitas ASN. evaluasi.json follows crates/report/schema/evaluasi.schema.json."},
        "components": {"securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer", "description": "monev user token NAMA"},
            "cookie": {"type": "apiKey", "in": "cookie", "name": auth::SESSION_COOKIE}
        }},
        "paths": paths
    })
}

pub(crate) async fn openapi() -> axum::Json<serde_json::Value> {
    axum::Json(openapi_document())
}
