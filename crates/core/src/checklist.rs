//! The questionnaire as data: areas, techniques, sectors, questions, measures, defaults, sources.
//!
//! The content is edited as TOML in `content/` and merged into JSON by `build.rs`: compiled into
//! native builds, and a separate file (`CONTENT_FILE`) the browser fetches after the first
//! screen. This module holds the types it deserialises into and `active()`, the checklist in use. Ids are stable
//! strings: drafts, reports and submissions refer to questions by id, never by position.
//! `validate` (in `checklist/validate.rs`) checks the content rules, and `check_glossary`
//! (`checklist/glossary.rs`) that every text uses the glossary's terms in both languages. Pure: no
//! I/O, no web APIs.

pub mod glossary;
mod language;
pub mod learn;
mod notes;
pub mod profile_part;
mod stream;
mod validate;

use crate::i18n::{Bilingual, Lang};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

pub use glossary::{Glossary, check_glossary};
use language::Copies;
pub use language::{language_file, one_language};
pub use notes::{NOTES_SCHEMA, Notes, QuestionNotes, ShareNotes, notes_file};
pub use stream::Stream;
pub use validate::{ContentProblem, validate};

/// The schema tag the checklist data must carry; a change of shape bumps it.
pub const SCHEMA: &str = "sxsh-checklist/2";

/// The whole checklist: vocabularies, defaults, sources and questions, in display order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Checklist {
    pub schema: String,
    /// Content version, `YYYY.MM.N`; recorded in every draft and report.
    pub version: String,
    /// The date (`YYYY-MM-DD`) the content's references were last checked: a target or norm
    /// whose period ended before it may not be compared with (`validate`).
    #[serde(default)]
    pub as_of: String,
    pub title_vi: String,
    pub title_en: String,
    /// Set in a file that carries one language's texts only (`one_language`); absent in the
    /// bilingual content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Lang>,
    /// Set when the notes (sources, learn pages, estimate notes: `notes::Notes`) were taken out
    /// into a file of their own (the shipped content in the browser); absent in a whole checklist.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub notes_apart: bool,
    pub scoring: ScoringRules,
    pub areas: Vec<Area>,
    pub topics: Vec<Topic>,
    pub techniques: Vec<Technique>,
    pub sectors: Vec<Sector>,
    pub equipment: Vec<Equipment>,
    pub streams: Vec<StreamInfo>,
    /// What each stream is used for (`content/end_uses.toml`); measures act on one end use.
    #[serde(default)]
    pub end_uses: Vec<EndUse>,
    /// Default splits of each stream over its end uses, per sector (`default` for the rest).
    #[serde(default)]
    pub end_use_shares: Vec<EndUseShares>,
    pub cost_classes: Vec<CostClass>,
    pub electricity: Electricity,
    pub fuels: Vec<Fuel>,
    pub water: Water,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub learn: Vec<learn::LearnSection>,
    #[serde(default)]
    pub techniques_learn: Vec<learn::TechniqueLearn>,
    #[serde(default)]
    pub support: Vec<learn::Support>,
    #[serde(default)]
    pub key_energy_user: Option<learn::KeyEnergyUserRule>,
    #[serde(default)]
    pub targets: Vec<Target>,
    #[serde(default)]
    pub norms: Vec<Norm>,
    #[serde(default)]
    pub questions: Vec<Question>,
}

/// A national saving target to compare the factory's potential with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub id: String,
    pub vi: String,
    pub en: String,
    pub low_pct: f64,
    pub high_pct: f64,
    pub sources: Vec<String>,
    /// The period the target applies (`YYYY-MM-DD`); `valid_to` absent means no end is set.
    #[serde(default)]
    pub valid_from: Option<String>,
    #[serde(default)]
    pub valid_to: Option<String>,
}

/// What a sector norm measures per unit of output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NormMetric {
    /// Electricity at 3.6 MJ/kWh plus fuels at their energy content, MJ per unit of output.
    EnergyMj,
    /// Electricity only, kWh per unit of output.
    ElectricityKwh,
    /// Electricity at 3.6 MJ/kWh plus fuels, MJ per unit of *equivalent* product (the output
    /// converted by the norm's own product coefficients, which the enterprise enters as output).
    EnergyMjEquivalent,
}

/// Whether a norm is the law's or a best practice shown for orientation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NormKind {
    /// A ministry's norm (a circular): the legal reference.
    #[default]
    National,
    /// An international best practice: not binding, shown apart from the national norm.
    BestPractice,
}

/// A specific-energy-consumption norm for a sector and size class.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Norm {
    pub id: String,
    pub sector: String,
    pub vi: String,
    pub en: String,
    pub metric: NormMetric,
    /// The output unit the norm is stated per (the profile's unit must match exactly).
    pub output_unit: String,
    /// The size class: annual output in [output_min, output_max).
    pub output_min: f64,
    pub output_max: f64,
    /// The norm's value; absent when the current value could not be retrieved, and then
    /// `missing_vi`/`missing_en` say so and nothing is compared.
    #[serde(default)]
    pub value: Option<f64>,
    #[serde(default)]
    pub kind: NormKind,
    #[serde(default)]
    pub missing_vi: Option<String>,
    #[serde(default)]
    pub missing_en: Option<String>,
    pub sources: Vec<String>,
    /// The period the value applies (`YYYY-MM-DD`); `valid_to` absent means no end is set.
    #[serde(default)]
    pub valid_from: Option<String>,
    #[serde(default)]
    pub valid_to: Option<String>,
}

/// How answers turn into points and missed savings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScoringRules {
    /// Share of the points that "partly" earns (and so, 1 − this, the share of saving missed).
    pub partly_credit: f64,
    pub partly_note_vi: String,
    pub partly_note_en: String,
}

macro_rules! labelled {
    ($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        pub struct $name {
            pub id: String,
            pub vi: String,
            pub en: String,
            $($(#[$fdoc])* pub $field: $ty,)*
        }
        impl Bilingual for $name {
            fn vi(&self) -> &str { &self.vi }
            fn en(&self) -> &str { &self.en }
        }
    };
}

labelled!(
    /// A resource area; the questionnaire has one step per area.
    Area {}
);
labelled!(
    /// A group of questions inside an area (lighting, compressed air, ...).
    Topic {
        /// The area this topic belongs to.
        area: String,
    }
);
labelled!(
    /// One of the eight cleaner-production techniques.
    Technique {}
);
labelled!(
    /// An industrial sector; sector modules apply to one or more sectors.
    Sector {}
);
labelled!(
    /// A kind of equipment whose presence makes questions applicable, or a stage or process of a
    /// sector (spinning, brewing...): then `sectors` names them, the profile offers it only to a
    /// plant of those sectors, and a plant that ticks none of its sector's stages has them all
    /// (`Profile::has`).
    Equipment {
        /// The sectors this is a stage of; empty for equipment any plant may have.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        sectors: Vec<String>,
    }
);
labelled!(
    /// What the content says of a resource stream (`Stream`): its names and unit.
    StreamInfo {
        /// Display unit of the stream's quantity.
        unit: String,
    }
);
labelled!(
    /// What part of a stream is used for (lighting, compressed air, boiler feed water...). Its id
    /// is `<stream>.<name>`.
    EndUse {
        /// The stream's id.
        stream: String,
        /// The end use exists only where the factory has one of these; empty means always.
        #[serde(default)]
        equipment: Vec<String>,
    }
);
labelled!(
    /// The investment class of a measure.
    CostClass {}
);
labelled!(
    /// An EVN voltage level with its manufacturing tariff (VND/kWh, excl. VAT).
    VoltageLevel {
        off_peak: f64,
        normal: f64,
        peak: f64,
    }
);

/// Electricity conversion factors and tariff.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Electricity {
    pub toe_per_kwh: f64,
    pub toe_sources: Vec<String>,
    pub co2_t_per_mwh: f64,
    pub co2_year: u16,
    pub co2_sources: Vec<String>,
    pub tariff_note_vi: String,
    pub tariff_note_en: String,
    pub tariff_year: u16,
    pub tariff_sources: Vec<String>,
    pub voltage_levels: Vec<VoltageLevel>,
}

/// A fuel with its unit, energy and CO2 content and a default price.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fuel {
    pub id: String,
    pub vi: String,
    pub en: String,
    pub unit: String,
    pub toe_per_unit: f64,
    pub mj_per_unit: f64,
    pub co2_t_per_unit: f64,
    /// The default price and its year; absent when no current sourced price was found, and then
    /// `price_note_vi`/`price_note_en` ask for the factory's own price and say why.
    #[serde(default)]
    pub price_vnd_per_unit: Option<f64>,
    #[serde(default)]
    pub price_year: Option<u16>,
    #[serde(default)]
    pub price_note_vi: Option<String>,
    #[serde(default)]
    pub price_note_en: Option<String>,
    pub factor_sources: Vec<String>,
    pub price_sources: Vec<String>,
}

/// A default split of one stream over its end uses, for one sector (or `default`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EndUseShares {
    /// A sector id, or `default` for every sector without a split of its own.
    pub sector: String,
    pub stream: String,
    /// Percent of the stream per end-use id; sums to 100.
    pub pct: BTreeMap<String, f64>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// How the split was made where it is the team's estimate.
    #[serde(default)]
    pub estimate_vi: Option<String>,
    #[serde(default)]
    pub estimate_en: Option<String>,
}

/// The sector id of the split used for sectors without one of their own.
pub const DEFAULT_SHARES: &str = "default";

/// Water price hints (no Huế tariff was found, so there is no default price).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Water {
    pub comparator_vnd_per_m3: f64,
    pub comparator_note_vi: String,
    pub comparator_note_en: String,
    pub comparator_sources: Vec<String>,
}

/// A cited source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub url: String,
    /// P primary, S secondary, V vendor, D our derivation.
    pub quality: String,
    #[serde(default)]
    pub kind: SourceKind,
    /// For a legal instrument: in force from (`YYYY-MM-DD`), and until, if it has ended.
    #[serde(default)]
    pub valid_from: Option<String>,
    #[serde(default)]
    pub valid_to: Option<String>,
    /// The source that replaced it, if one did.
    #[serde(default)]
    pub replaced_by: Option<String>,
}

/// What kind of source a source is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A publication, a data set, a web page.
    #[default]
    Reference,
    /// A law, decree, circular or decision: it has a period of validity.
    Law,
}

/// One checklist question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// Permanent id, such as `energy.compressed_air.leaks`.
    pub id: String,
    pub area: String,
    pub topic: String,
    pub technique: String,
    /// 1 minor, 2 major, 3 critical.
    pub weight: u8,
    pub text_vi: String,
    pub text_en: String,
    pub help_vi: String,
    pub help_en: String,
    /// Only for these sectors; empty means every sector.
    #[serde(default)]
    pub sectors: Vec<String>,
    /// Only when the factory has at least one of these; empty means always.
    #[serde(default)]
    pub equipment: Vec<String>,
    pub sources: Vec<String>,
    /// The end use a question without a measure is about (a number to compare, a practice whose
    /// saving another question carries); a question with a measure names it there instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_use: Option<String>,
    /// Questions whose saving this one already includes: when this one applies, theirs is not
    /// counted again.
    #[serde(default)]
    pub supersedes: Vec<String>,
    #[serde(default)]
    pub measure: Option<Measure>,
    /// Present when the honest answer is a number rather than done / partly / not yet.
    #[serde(default)]
    pub number: Option<NumberSpec>,
}

macro_rules! bilingual_fields {
    ($($t:ty),*) => {
        $(impl Bilingual for $t {
            fn vi(&self) -> &str { &self.vi }
            fn en(&self) -> &str { &self.en }
        })*
    };
}
bilingual_fields!(Fuel, Target, Norm);

impl Bilingual for Question {
    fn vi(&self) -> &str {
        &self.text_vi
    }
    fn en(&self) -> &str {
        &self.text_en
    }
}

/// How a measure saves.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    /// It uses less of the end use's stream.
    #[default]
    Efficiency,
    /// It replaces part of the end use's fuel with `switch_to`: the same energy, another cost
    /// and CO2. Never counted as energy saved.
    FuelSwitch,
}

/// The saving a question's "not yet" leaves on the table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    /// The end use it acts on (`<stream>.<name>`); its stream is the end use's.
    pub end_use: String,
    /// Low and high saving in percent of that end use (for a fuel switch: the share of the end
    /// use's fuel switched).
    pub saving_pct: [f64; 2],
    #[serde(default)]
    pub kind: MeasureKind,
    /// For a fuel switch: the fuel id switched to.
    #[serde(default)]
    pub switch_to: Option<String>,
    pub cost: String,
    /// Typical payback, low and high, in years.
    pub payback_years: [f64; 2],
    pub sources: Vec<String>,
    /// How the range was derived, when it is our estimate rather than a quoted figure.
    #[serde(default)]
    pub estimate_vi: Option<String>,
    #[serde(default)]
    pub estimate_en: Option<String>,
}

/// Which way a numeric answer is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Higher,
    Lower,
}

/// A question answered with a number, mapped onto done / partly / not yet by thresholds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NumberSpec {
    pub unit_vi: String,
    pub unit_en: String,
    pub min: f64,
    pub max: f64,
    pub better: Better,
    pub done_at: f64,
    pub partly_at: f64,
}

impl Checklist {
    /// Parses checklist JSON (the built-in one, or one a host page supplies).
    pub fn from_json(json: &str) -> Result<Checklist, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The question with this id, if the checklist has it.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The area with this id.
    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.id == id)
    }

    /// The fuel with this id.
    pub fn fuel(&self, id: &str) -> Option<&Fuel> {
        self.fuels.iter().find(|f| f.id == id)
    }

    /// What the content says of a stream.
    pub fn stream_info(&self, stream: Stream) -> Option<&StreamInfo> {
        self.streams.iter().find(|s| s.id == stream.id())
    }

    /// The end use with this id.
    pub fn end_use(&self, id: &str) -> Option<&EndUse> {
        self.end_uses.iter().find(|e| e.id == id)
    }

    /// The end use a question is about: its measure's, else its own `end_use`.
    pub fn question_end_use(&self, question: &Question) -> Option<&EndUse> {
        let id = question.measure.as_ref().map(|m| &m.end_use).or(question.end_use.as_ref())?;
        self.end_use(id)
    }

    /// The stages (equipment with `sectors`) of `sector`, in the content's order.
    pub fn stages_of<'a, 's>(
        &'a self,
        sector: &'s str,
    ) -> impl Iterator<Item = &'a Equipment> + use<'a, 's> {
        self.equipment.iter().filter(move |e| e.sectors.iter().any(|s| s == sector))
    }

    /// The stream a measure acts on, through its end use.
    pub fn measure_stream(&self, measure: &Measure) -> Option<Stream> {
        Stream::from_id(&self.end_use(&measure.end_use)?.stream)
    }

    /// The default split of `stream` for `sector` (its own, else the `default` one).
    pub fn default_shares(&self, sector: Option<&str>, stream: Stream) -> Option<&EndUseShares> {
        let of = |s: &str| {
            self.end_use_shares.iter().find(|set| set.sector == s && set.stream == stream.id())
        };
        sector.and_then(of).or_else(|| of(DEFAULT_SHARES))
    }
}

/// The file name the shipped content has beside the widget's other files (`build.rs` derives it
/// from the content, so an edit gets a new name). The browser build fetches it; see
/// `ui::content`.
pub const CONTENT_FILE: &str = env!("SXSH_CONTENT_FILE");

/// The shipped content as JSON, as `build.rs` merged it from `content/`.
pub const SHIPPED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/checklist.json"));

/// The checklist installed in this process: in the browser, the one fetched after the first
/// screen; natively, a host-supplied one in tests.
static INSTALLED: OnceLock<Checklist> = OnceLock::new();

/// The other language's copy, when the first one installed carries one language only.
static OTHER_LANGUAGE: OnceLock<Checklist> = OnceLock::new();

/// The first checklist and the other language's copy with their notes put back, once they came.
static FIRST_WHOLE: OnceLock<Checklist> = OnceLock::new();
static OTHER_WHOLE: OnceLock<Checklist> = OnceLock::new();

/// Whether the user reads English (`prefer`): which one-language copy `loaded` hands out.
static PREFER_EN: AtomicBool = AtomicBool::new(false);

/// The checklist in use, if there is one yet. Natively the shipped content is always there;
/// in the browser nothing is until `install` (the widget's first screen does not need it). Of
/// two one-language copies, the one in the preferred language (`prefer`).
pub fn loaded() -> Option<&'static Checklist> {
    let preferred = if PREFER_EN.load(Ordering::Relaxed) { Lang::En } else { Lang::Vi };
    installed().map(|copies| copies.for_reader(preferred))
}

/// What is installed: the first checklist, and the other language's copy if it came.
fn installed() -> Option<Copies<'static>> {
    let first = FIRST_WHOLE.get().or(INSTALLED.get()).or_else(shipped)?;
    Some(Copies { first, other: OTHER_WHOLE.get().or(OTHER_LANGUAGE.get()) })
}

/// Sets the language the user reads, for `loaded`'s choice between one-language copies.
pub fn prefer(lang: Lang) {
    PREFER_EN.store(lang == Lang::En, Ordering::Relaxed);
}

/// Whether the checklist in use lacks `lang`'s texts: a one-language copy of the other language
/// is loaded, and `lang`'s copy is not.
pub fn lacks(lang: Lang) -> bool {
    installed().is_some_and(|copies| copies.lacks(lang))
}

/// The checklist in use, for code that runs only once it is loaded: every screen after the
/// welcome screen is behind `ui::content`'s gate, and the service and tests have it natively.
pub fn active() -> &'static Checklist {
    loaded().expect("the checklist is loaded before any screen that uses it (ui::content)")
}

/// The checklist as far as it is known: the loaded one, or until it loads, the compiled-in part
/// the profile step needs (`profile_part`: no questions). For the profile step and the step
/// list, which the browser shows before the checklist file arrives.
pub fn current() -> &'static Checklist {
    loaded().unwrap_or_else(profile_part::builtin)
}

/// The checklist the profile step offers its choices from: a loaded one with both languages (a
/// host's), else the compiled-in part, which is the shipped content's in both languages (the
/// browser loads the shipped content in one language only).
pub fn profile_choices() -> &'static Checklist {
    loaded().filter(|list| list.language.is_none()).unwrap_or_else(profile_part::builtin)
}

/// Makes `checklist` the one in use if it passes `validate`; otherwise returns its problems
/// and the previous state stays. Only the first successful install counts.
pub fn install(checklist: Checklist) -> Result<(), Vec<ContentProblem>> {
    let problems = validate(&checklist);
    if !problems.is_empty() {
        return Err(problems);
    }
    install_validated(checklist);
    Ok(())
}

/// Makes a checklist that is known to pass `validate` the one in use without checking it again:
/// one that has just been checked, or the shipped content (`sxsh_content` refused to write it
/// unless it passed, and its name is its hash; checking costs a long task on a slow phone). Only
/// the first install counts, except that a one-language copy of the other language completes a
/// one-language first one (`loaded` then picks by `prefer`).
pub fn install_validated(checklist: Checklist) {
    // A one-language copy of the other language completes the first one installed.
    if let Some(first) = INSTALLED.get() {
        if (Copies { first, other: None }).completed_by(&checklist) {
            _ = OTHER_LANGUAGE.set(checklist);
        }
        return;
    }
    _ = INSTALLED.set(checklist);
}

/// Whether the checklist `lang`'s reader gets still lacks its notes (they are in a file of their
/// own that has not been put back: `install_notes`).
pub fn lacks_notes(lang: Lang) -> bool {
    installed().is_some_and(|copies| copies.for_reader(lang).notes_apart)
}

/// Puts `notes` back into the installed copy they belong to (same version and language, notes
/// apart); says whether one took them. Natively nothing is apart.
pub fn install_notes(notes: &Notes) -> bool {
    let complete = |base: Option<&Checklist>, slot: &OnceLock<Checklist>| {
        let Some(base) = base.filter(|_| slot.get().is_none()) else { return false };
        let mut whole = base.clone();
        whole.put_notes(notes) && slot.set(whole).is_ok()
    };
    complete(INSTALLED.get(), &FIRST_WHOLE) || complete(OTHER_LANGUAGE.get(), &OTHER_WHOLE)
}

/// The shipped checklist, parsed once. `build.rs` guarantees it parses, and `tests/checklist.rs`
/// that it passes `validate`. Not in the browser build: there it is a separate file, fetched.
#[cfg(not(target_arch = "wasm32"))]
fn shipped() -> Option<&'static Checklist> {
    static SHIPPED: OnceLock<Checklist> = OnceLock::new();
    Some(SHIPPED.get_or_init(|| {
        Checklist::from_json(SHIPPED_JSON)
            .expect("the shipped checklist matches the Checklist type (checked by tests)")
    }))
}

/// In the browser the shipped checklist is fetched and `install`ed, never compiled in.
#[cfg(target_arch = "wasm32")]
fn shipped() -> Option<&'static Checklist> {
    None
}
