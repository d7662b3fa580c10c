//! Triage: what the staff list ranks requests by, as the plan says to favour enterprises: the
//! recomputed saving potential (VND, TOE, tCO2 a year, the midpoints of `savings::savings`), key
//! energy users (`savings::annual_toe` at or above the checklist's threshold) and sectors with a
//! high risk of pollution (a sourced list in `content/triage.toml`), with the points the
//! Department gives each (its policy choice, in the same file). The reasons are shown in words
//! beside each rank. Possible duplicates of one enterprise share a tax code or, without one, a
//! normalised company name (`company_key`).
//!
//! The factors are computed when a request is stored (`record`, called by the intake) and, for
//! requests stored before, when the service starts (`prepare`); the points and the pollution risk
//! are recomputed for every request when the triage file changes (its digest is kept in
//! `triage_policy`).

use super::store::Triage;
use super::words::words;
use crate::db;
use rusqlite::{Connection, TransactionBehavior, params};
use serde::Deserialize;
use std::path::Path;
use std::sync::OnceLock;
use sxsh_core::assessment::Draft;
use sxsh_core::checklist::Checklist;
use sxsh_core::i18n::{Lang, fill};
use sxsh_core::numbers::format;
use sxsh_core::request::Contact;
use sxsh_core::savings::{Savings, annual_toe, savings};

/// The triage file, compiled in.
const TRIAGE_TOML: &str = include_str!("../../../content/triage.toml");
/// Requests triaged per transaction when the service starts.
const BATCH: usize = 500;

/// The Department's triage file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub version: String,
    pub points: Points,
    pub source: Source,
    #[serde(default)]
    pub pollution_risk: Vec<RiskSector>,
}

/// The points of each factor (the Department's policy choice).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Points {
    pub policy_note_vi: String,
    pub policy_note_en: String,
    pub key_energy_user: i64,
    pub pollution_risk: i64,
    /// By the potential in VND a year.
    pub vnd_bands: Vec<Band>,
    /// By the potential in TOE a year.
    pub toe_bands: Vec<Band>,
    /// By the potential in tonnes of CO2 a year.
    pub tco2_bands: Vec<Band>,
}

/// Points from a saving potential on (in the unit of its list).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub from: f64,
    pub points: i64,
}

/// The band a potential reaches (the highest whose `from` it is at or above).
fn band(bands: &[Band], potential: f64) -> Option<&Band> {
    bands.iter().rev().find(|b| potential >= b.from)
}

/// A request's recomputed saving potential a year (the midpoints).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Potential {
    pub vnd: f64,
    pub toe: f64,
    pub tco2: f64,
}

/// The legal source of the pollution-risk list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub short_vi: String,
    pub short_en: String,
    pub title: String,
    pub url: String,
    pub valid_from: String,
    pub amended_by: String,
}

/// A checklist sector whose production the source lists, with the item quoted.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskSector {
    pub sector: String,
    pub item: String,
    pub text: String,
    #[serde(default)]
    pub note: String,
}

impl Policy {
    /// Reads and checks a triage file against the checklist: every problem with its place.
    pub fn parse(text: &str, checklist: &Checklist) -> Result<Policy, Vec<String>> {
        let policy: Policy = toml::from_str(text).map_err(|e| vec![format!("triage.toml: {e}")])?;
        let mut problems = Vec::new();
        let lists = [
            ("vnd_bands", &policy.points.vnd_bands),
            ("toe_bands", &policy.points.toe_bands),
            ("tco2_bands", &policy.points.tco2_bands),
        ];
        for (name, bands) in lists {
            match bands.first() {
                Some(first) if first.from == 0.0 => {}
                _ => problems.push(format!(
                    "triage.toml [[points.{name}]]: the first band starts at from = 0"
                )),
            }
            for (n, pair) in bands.windows(2).enumerate() {
                if pair[1].from <= pair[0].from || !pair[1].from.is_finite() {
                    problems.push(format!(
                        "triage.toml [[points.{name}]] band {}: from must be above the band before",
                        n + 2
                    ));
                }
            }
            for (n, b) in bands.iter().enumerate() {
                if b.points < 0 {
                    problems.push(format!(
                        "triage.toml [[points.{name}]] band {}: points are 0 or more",
                        n + 1
                    ));
                }
            }
        }
        let negative = [
            ("key_energy_user", policy.points.key_energy_user),
            ("pollution_risk", policy.points.pollution_risk),
        ]
        .into_iter()
        .filter(|(_, p)| *p < 0)
        .map(|(name, _)| format!("triage.toml [points] {name}: points are 0 or more"));
        problems.extend(negative);
        for (n, risk) in policy.pollution_risk.iter().enumerate() {
            let place = format!("triage.toml [[pollution_risk]] {} ({})", n + 1, risk.sector);
            if !checklist.sectors.iter().any(|s| s.id == risk.sector) {
                problems.push(format!("{place}: no checklist sector has this id"));
            }
            if risk.item.trim().is_empty() || risk.text.trim().is_empty() {
                problems.push(format!("{place}: quote the source's item and its text"));
            }
            if policy.pollution_risk[..n].iter().any(|r| r.sector == risk.sector) {
                problems.push(format!("{place}: listed twice"));
            }
        }
        if sxsh_core::dates::calendar_day(&policy.source.valid_from).is_none() {
            problems.push("triage.toml [source] valid_from: a date YYYY-MM-DD".into());
        }
        for (name, value) in [
            ("short_vi", &policy.source.short_vi),
            ("short_en", &policy.source.short_en),
            ("title", &policy.source.title),
            ("url", &policy.source.url),
            ("policy_note_vi", &policy.points.policy_note_vi),
            ("policy_note_en", &policy.points.policy_note_en),
        ] {
            if value.trim().is_empty() {
                problems.push(format!("triage.toml: {name} is empty"));
            }
        }
        if problems.is_empty() { Ok(policy) } else { Err(problems) }
    }

    /// The points of a request's factors: those of the band its potential reaches in each unit,
    /// and of each factor it has.
    pub fn points(&self, potential: Potential, key_energy_user: bool, pollution_risk: bool) -> i64 {
        let p = &self.points;
        [
            (&p.vnd_bands, potential.vnd),
            (&p.toe_bands, potential.toe),
            (&p.tco2_bands, potential.tco2),
        ]
        .into_iter()
        .filter_map(|(bands, value)| band(bands, value))
        .map(|b| b.points)
        .sum::<i64>()
            + if key_energy_user { self.points.key_energy_user } else { 0 }
            + if pollution_risk { self.points.pollution_risk } else { 0 }
    }

    /// Whether the sector is listed with a high risk of pollution.
    pub fn risky(&self, sector: Option<&str>) -> bool {
        sector.is_some_and(|s| self.pollution_risk.iter().any(|r| r.sector == s))
    }

    /// The source's short name, in `lang`.
    pub fn short_source(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.source.short_vi,
            Lang::En => &self.source.short_en,
        }
    }

    /// The note that the points are the Department's policy choice, in `lang`.
    pub fn policy_note(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.points.policy_note_vi,
            Lang::En => &self.points.policy_note_en,
        }
    }
}

/// The compiled-in triage file, read and checked once.
pub fn policy() -> Result<&'static Policy, String> {
    static POLICY: OnceLock<Result<Policy, String>> = OnceLock::new();
    POLICY
        .get_or_init(|| {
            Policy::parse(TRIAGE_TOML, sxsh_core::checklist::active()).map_err(|p| p.join("\n"))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// What triage computes from one request.
#[derive(Clone, Debug, PartialEq)]
pub struct Factors {
    pub tax_code: String,
    pub company_key: String,
    pub potential_vnd: f64,
    pub potential_toe: f64,
    pub potential_tco2: f64,
    pub annual_toe: Option<f64>,
    pub key_energy_user: bool,
}

/// The words noise in company names: legal forms, which say nothing about which enterprise it is.
const NOISE: [&str; 9] = [
    "công ty",
    "cổ phần",
    "trách nhiệm hữu hạn",
    "tnhh",
    "một thành viên",
    "mtv",
    "cty",
    "cp",
    "doanh nghiệp tư nhân",
];

/// A company's name as duplicates are found: NFC (Vietnamese letters composed, as
/// `sxsh_core`'s PDF text does), lower case, without the legal-form words, punctuation as
/// spaces, single spaces.
pub fn company_key(name: &str) -> String {
    let lower = sxsh_core::report::pdf::nfc(name).to_lowercase();
    let spaced: String = lower.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    let mut words = format!(" {} ", spaced.split_whitespace().collect::<Vec<_>>().join(" "));
    for noise in NOISE {
        let noise = format!(" {noise} ");
        while let Some(at) = words.find(&noise) {
            words.replace_range(at..at + noise.len(), " ");
        }
    }
    words.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The factors of a request from its company's name as stored, its answers, their savings
/// (`savings::savings` of the same draft, which the intake has already computed) and its
/// contact.
pub fn factors(
    company: &str,
    checklist: &Checklist,
    draft: &Draft,
    saved: &Savings,
    contact: &Contact,
) -> Factors {
    let annual = annual_toe(checklist, &draft.profile).filter(|t| t.is_finite() && *t >= 0.0);
    let threshold = checklist.key_energy_user.as_ref().map(|rule| rule.threshold_toe);
    let finite = |x: f64| if x.is_finite() { x.max(0.0) } else { 0.0 };
    Factors {
        tax_code: super::store::tax_code(contact),
        company_key: company_key(company),
        potential_vnd: finite(saved.total_vnd.mid()),
        potential_toe: finite(saved.total_toe.mid()),
        potential_tco2: finite(saved.total_co2_t.mid()),
        annual_toe: annual,
        key_energy_user: matches!((annual, threshold), (Some(t), Some(limit)) if t >= limit),
    }
}

/// Stores a request's factors and points (the intake calls this once the request is stored).
pub fn record(conn: &Connection, receipt: &str, factors: &Factors) -> Result<(), String> {
    let policy = policy()?;
    let sector: Option<String> = conn
        .query_row("SELECT sector FROM requests WHERE receipt = ?1", [receipt], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    store(conn, Target::Receipt(receipt), factors, policy, sector.as_deref())
        .map_err(|e| e.to_string())
}

/// Which row `store` writes.
enum Target<'a> {
    Receipt(&'a str),
    Id(i64),
}

fn store(
    conn: &Connection,
    target: Target<'_>,
    f: &Factors,
    policy: &Policy,
    sector: Option<&str>,
) -> rusqlite::Result<()> {
    let risky = policy.risky(sector);
    let potential =
        Potential { vnd: f.potential_vnd, toe: f.potential_toe, tco2: f.potential_tco2 };
    let points = policy.points(potential, f.key_energy_user, risky);
    let (column, key) = match target {
        Target::Receipt(r) => ("receipt", rusqlite::types::Value::Text(r.to_owned())),
        Target::Id(id) => ("id", rusqlite::types::Value::Integer(id)),
    };
    conn.execute(
        &format!(
            "UPDATE requests SET tax_code = ?1, company_key = ?2, potential_vnd = ?3,
                potential_toe = ?4, potential_tco2 = ?5, annual_toe = ?6, key_energy_user = ?7,
                pollution_risk = ?8, triage_points = ?9, triaged_at = ?10
             WHERE {column} = ?11"
        ),
        params![
            f.tax_code,
            f.company_key,
            f.potential_vnd,
            f.potential_toe,
            f.potential_tco2,
            f.annual_toe,
            f.key_energy_user,
            risky,
            points,
            db::utc_now().1,
            key
        ],
    )?;
    Ok(())
}

/// The digest of the triage file the stored points follow.
fn digest() -> String {
    db::sha256_hex(TRIAGE_TOML.as_bytes())
}

/// What `prepare` did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Prepared {
    /// Requests stored before triage, now triaged.
    pub triaged: usize,
    /// Requests whose points were recomputed for a changed triage file.
    pub rescored: usize,
}

/// When the service starts: checks the triage file, triages the requests stored before triage
/// existed (or whose triage was interrupted), and recomputes every request's points when the
/// file has changed since they were computed.
pub fn prepare(database: &Path) -> Result<Prepared, String> {
    let policy = policy()?;
    let mut conn = db::open(database).map_err(|e| format!("{}: {e}", database.display()))?;
    let checklist = sxsh_core::checklist::active();
    let mut done = Prepared::default();
    loop {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| e.to_string())?;
        let rows: Vec<(i64, String, Option<String>, String, String)> = {
            let mut statement = tx
                .prepare(
                    "SELECT id, company, sector, contact_json, assessment_json FROM requests
                     WHERE triaged_at IS NULL LIMIT ?1",
                )
                .map_err(|e| e.to_string())?;
            statement
                .query_map([BATCH as i64], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })
                .and_then(Iterator::collect)
                .map_err(|e| e.to_string())?
        };
        if rows.is_empty() {
            break;
        }
        for (id, company, sector, contact, assessment) in rows {
            // A stored request whose JSON no longer reads is triaged as having no potential,
            // so it still takes its place on the list.
            let contact: Contact = serde_json::from_str(&contact).unwrap_or_default();
            let draft = serde_json::from_str::<sxsh_core::export::AssessmentFile>(&assessment)
                .map(|file| file.draft)
                .unwrap_or_else(|_| Draft::new(checklist));
            let f = factors(&company, checklist, &draft, &savings(checklist, &draft), &contact);
            store(&tx, Target::Id(id), &f, policy, sector.as_deref()).map_err(|e| e.to_string())?;
            done.triaged += 1;
        }
        tx.commit().map_err(|e| e.to_string())?;
    }
    let stored: Option<String> =
        conn.query_row("SELECT digest FROM triage_policy WHERE id = 1", [], |r| r.get(0)).ok();
    if stored.as_deref() != Some(digest().as_str()) {
        done.rescored = rescore(&mut conn, policy).map_err(|e| e.to_string())?;
    }
    Ok(done)
}

/// Recomputes every request's pollution risk and points under `policy` from the stored factors
/// (no JSON is read), and records the file's digest.
fn rescore(conn: &mut Connection, policy: &Policy) -> rusqlite::Result<usize> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let rows: Vec<(i64, Option<String>, Potential, bool)> = {
        let mut statement = tx.prepare(
            "SELECT id, sector, potential_vnd, potential_toe, potential_tco2, key_energy_user
             FROM requests",
        )?;
        statement
            .query_map([], |r| {
                let potential = Potential { vnd: r.get(2)?, toe: r.get(3)?, tco2: r.get(4)? };
                Ok((r.get(0)?, r.get(1)?, potential, r.get(5)?))
            })?
            .collect::<Result<_, _>>()?
    };
    {
        let mut update = tx
            .prepare("UPDATE requests SET pollution_risk = ?1, triage_points = ?2 WHERE id = ?3")?;
        for (id, sector, potential, key) in &rows {
            let risky = policy.risky(sector.as_deref());
            update.execute(params![risky, policy.points(*potential, *key, risky), id])?;
        }
    }
    tx.execute(
        "INSERT INTO triage_policy (id, digest) VALUES (1, ?1)
         ON CONFLICT (id) DO UPDATE SET digest = excluded.digest",
        [digest()],
    )?;
    tx.commit()?;
    Ok(rows.len())
}

/// A sum of money as a person reads it on the list: "1,2 tỷ đồng", "350 triệu đồng".
pub fn money(vnd: f64, lang: Lang) -> String {
    let w = words(lang);
    let (template, value, decimals) = if vnd >= 1e9 {
        (w.vnd_billion, vnd / 1e9, 1)
    } else if vnd >= 1e6 {
        (w.vnd_million, vnd / 1e6, 0)
    } else {
        (w.vnd_units, vnd, 0)
    };
    fill(template, &[("n", &format(value, lang, decimals))])
}

/// A quantity to two significant figures or so: one decimal under 10, none above.
fn about(value: f64, lang: Lang) -> String {
    format(value, lang, if value < 10.0 { 1 } else { 0 })
}

/// Why a request ranks where it does, in words: its saving potential, the TOE and tCO2 bands it
/// reaches (with their points), whether it is a key
/// energy user, whether its sector is on the pollution-risk list (with the list's source).
pub(super) fn reasons(t: &Triage, lang: Lang) -> Vec<String> {
    let w = words(lang);
    let mut reasons = Vec::new();
    if t.potential_vnd > 0.0 || t.potential_toe > 0.0 {
        reasons.push(fill(
            w.reason_potential,
            &[
                ("vnd", &money(t.potential_vnd, lang)),
                ("toe", &about(t.potential_toe, lang)),
                ("co2", &about(t.potential_tco2, lang)),
            ],
        ));
    }
    if let Ok(policy) = policy() {
        let bands = [
            (&policy.points.toe_bands, t.potential_toe, w.reason_toe_band),
            (&policy.points.tco2_bands, t.potential_tco2, w.reason_tco2_band),
        ];
        for (bands, potential, template) in bands {
            if let Some(b) = band(bands, potential).filter(|b| b.points > 0) {
                let (from, points) = (format(b.from, lang, 0), format(b.points as f64, lang, 0));
                reasons.push(fill(template, &[("from", &from), ("points", &points)]));
            }
        }
    }
    if t.key_energy_user {
        let threshold = sxsh_core::checklist::active()
            .key_energy_user
            .as_ref()
            .map_or(String::new(), |rule| format(rule.threshold_toe, lang, 0));
        reasons.push(fill(w.reason_key_user, &[("threshold", &threshold)]));
    }
    if t.pollution_risk {
        let source = policy().map_or("", |p| p.short_source(lang));
        reasons.push(fill(w.reason_pollution, &[("source", source)]));
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_triage_file_reads_and_names_only_checklist_sectors() {
        let policy = policy().expect("content/triage.toml is valid");
        assert!(policy.risky(Some("textile")));
        assert!(!policy.risky(Some("other")) && !policy.risky(None));
    }

    #[test]
    fn a_bad_triage_file_is_refused_with_its_places() {
        let bad = TRIAGE_TOML
            .replace("sector = \"textile\"", "sector = \"tannery\"")
            .replace("from = 500_000_000", "from = 50_000_000")
            .replace("from = 1_000       # 1.000", "from = 100       # 1.000")
            .replace("from = 50          # 50 TOE/năm\npoints = 5", "from = 50\npoints = -5");
        let problems = Policy::parse(&bad, sxsh_core::checklist::active()).expect_err("refused");
        assert!(
            problems.iter().any(|p| p.contains("(tannery): no checklist sector")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("[[points.vnd_bands]] band 3: from must be above")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("[[points.tco2_bands]] band 3: from must be above the band")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("[[points.toe_bands]] band 2: points are 0 or more")),
            "{problems:?}"
        );
    }

    #[test]
    fn points_add_the_highest_band_reached_and_each_factor() {
        let policy = policy().expect("valid");
        let vnd = |vnd| Potential { vnd, ..Potential::default() };
        assert_eq!(policy.points(vnd(0.0), false, false), 0);
        assert_eq!(policy.points(vnd(99_999_999.0), false, false), 0);
        assert_eq!(policy.points(vnd(100_000_000.0), false, false), 10);
        assert_eq!(policy.points(vnd(1_200_000_000.0), true, true), 35 + 30 + 20);
        assert_eq!(policy.points(vnd(9e12), false, false), 50);
        // TOE and tCO2 earn their own bands' points, beside the VND band's.
        let all = Potential { vnd: 1_200_000_000.0, toe: 60.0, tco2: 1_500.0 };
        assert_eq!(policy.points(all, false, false), 35 + 5 + 10);
        assert_eq!(policy.points(Potential { toe: 49.9, tco2: 199.0, ..all }, false, false), 35);
    }

    #[test]
    fn the_toe_and_tco2_bands_reached_are_reasons_with_their_points() {
        let triage = Triage { potential_toe: 350.0, potential_tco2: 250.0, ..Triage::default() };
        let vi = reasons(&triage, Lang::Vi);
        assert!(
            vi.contains(&"Tiết kiệm năng lượng từ 300 TOE/năm trở lên (+10 điểm)".to_owned()),
            "{vi:?}"
        );
        assert!(
            vi.contains(&"Giảm phát thải từ 200 tấn CO2/năm trở lên (+5 điểm)".to_owned()),
            "{vi:?}"
        );
        let en = reasons(&Triage { potential_toe: 10.0, ..triage }, Lang::En);
        assert!(
            !en.iter().any(|r| r.contains("TOE a year or more")),
            "below the first band: {en:?}"
        );
        assert!(en.contains(&"Emissions cut by 200 t CO2 a year or more (+5 points)".to_owned()));
    }

    #[test]
    fn company_names_lose_their_legal_form_and_spacing() {
        assert_eq!(company_key("Công ty TNHH Dệt  Phú Bài"), "dệt phú bài");
        assert_eq!(company_key("CÔNG TY CỔ PHẦN DỆT PHÚ BÀI"), "dệt phú bài");
        // Decomposed (a combining mark after the letter) reads as composed.
        assert_eq!(
            company_key("Công ty De\u{0323}\u{0302}t Phu\u{0301} Ba\u{0300}i"),
            "dệt phú bài"
        );
        assert_eq!(company_key("Dệt Phú Bài, Công ty TNHH MTV"), "dệt phú bài");
        assert_eq!(company_key("Công ty"), "");
        assert_ne!(company_key("Công ty Dệt Huế"), company_key("Công ty Dệt Phú Bài"));
    }

    #[test]
    fn the_reasons_read_in_words_with_their_figures() {
        let t = Triage {
            points: 85,
            potential_vnd: 1_234_000_000.0,
            potential_toe: 151.0,
            potential_tco2: 423.4,
            key_energy_user: true,
            pollution_risk: true,
        };
        assert_eq!(
            reasons(&t, Lang::Vi),
            [
                "Tiềm năng tiết kiệm ~1,2 tỷ đồng/năm (~151 TOE, ~423 tấn CO2)",
                "Tiết kiệm năng lượng từ 50 TOE/năm trở lên (+5 điểm)",
                "Giảm phát thải từ 200 tấn CO2/năm trở lên (+5 điểm)",
                "Cơ sở sử dụng năng lượng trọng điểm (≥ 1.000 TOE/năm)",
                "Ngành thuộc danh mục có nguy cơ gây ô nhiễm môi trường (Phụ lục II NĐ 08/2022)",
            ]
        );
        assert_eq!(
            reasons(&t, Lang::En)[0],
            "Saving potential ~1.2 billion VND a year (~151 TOE, ~423 t CO2)"
        );
        assert_eq!(money(350_400_000.0, Lang::Vi), "350 triệu đồng");
        assert_eq!(money(90_000.0, Lang::En), "90,000 VND");
        assert!(reasons(&Triage::default(), Lang::Vi).is_empty());
    }
}
