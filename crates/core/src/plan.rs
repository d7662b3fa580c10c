//! The enterprise's action plan and its record of earlier assessments.
//!
//! An action is a checklist measure the enterprise adopted from its results, with who owns it,
//! when it is due, how far it is and what it saved (as the enterprise reports it). The plan is
//! kept with the draft in the browser and in the saved file; a later assessment carries it
//! forward with the answers (`export::carry_forward`, which lives with the file it reads), and
//! keeps a `Milestone` of each earlier assessment so progress shows year on year. Everything is
//! keyed by the measure's stable question id. Pure.
//!
//! - The plan changes only through `PlanEdit`s, applied by `Plan::apply`, which says whether
//!   anything changed. Adopting a measure already in the plan, or one more than `MAX_ACTIONS`,
//!   does nothing.
//! - An achieved saving is typed like every other number (`numbers::parse`, in the interface
//!   language): text that is a number sets the figure; text that is not yet one is kept verbatim
//!   in `Plan::typed` (keyed `<measure>/<figure>`) and the figure is unknown meanwhile, as
//!   `Draft::typed` does for the answers (nothing typed is lost).
//! - `adoptable` lists the results' ranked actions with the unit of each one's stream, so the
//!   widget can offer them and prefill `Achieved::unit`.
//! - `validate` names every unusable field by its path (`actions[2].owner`) in both languages;
//!   the file's import and the progress update's validation both use it.
//! - `milestone` sums one assessment up; `progress` keeps the last assessment of each year, and
//!   `chart` turns those points into the numbers of a bar chart (the widget draws it).

use crate::assessment::{Draft, Level};
use crate::checklist::{Checklist, Stream};
use crate::field_error::{FieldError, is_id};
use crate::free_text;
use crate::i18n::Lang;
use crate::numbers;
use crate::savings::{Range, Savings, savings};
use crate::scoring::score;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The most actions a plan holds (far more than the checklist's measures any factory is asked).
pub const MAX_ACTIONS: usize = 300;
/// The most earlier assessments a file keeps.
pub const MAX_MILESTONES: usize = 50;

/// How far an action is, as the enterprise says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Adopted, not started.
    #[default]
    Planned,
    InProgress,
    Done,
    /// Given up.
    Dropped,
}

impl ActionStatus {
    /// Every status, in the order the choices are shown.
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Planned,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ];

    /// The stable id used in files, progress updates and form values.
    pub fn id(self) -> &'static str {
        match self {
            ActionStatus::Planned => "planned",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }
}

/// What an action saved a year, as the enterprise reports it (self-reported, never verified in
/// the browser). Each figure may be unknown.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Achieved {
    /// VND saved a year.
    pub vnd: Option<f64>,
    /// The quantity saved a year, in `unit`.
    pub quantity: Option<f64>,
    /// The unit of `quantity`: the measure's stream's unit (kWh, m³, t, TOE).
    pub unit: String,
    /// Tonnes of CO2 avoided a year.
    pub tco2: Option<f64>,
}

impl Achieved {
    /// Whether nothing is reported.
    pub fn is_empty(&self) -> bool {
        self.vnd.is_none() && self.quantity.is_none() && self.tco2.is_none()
    }
}

/// One adopted measure.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Action {
    /// The checklist question whose measure this is.
    pub measure: String,
    /// The day it was adopted, `YYYY-MM-DD`.
    pub adopted_on: String,
    /// Who is responsible (a name or a post), free text (`free_text::NAME`).
    pub owner: String,
    /// The target day, `YYYY-MM-DD`; empty when not set.
    pub due: String,
    pub status: ActionStatus,
    /// The day the status was last changed, `YYYY-MM-DD`.
    pub status_on: String,
    #[serde(skip_serializing_if = "Achieved::is_empty")]
    pub achieved: Achieved,
}

/// The enterprise's action plan, in the order the actions were adopted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Plan {
    pub actions: Vec<Action>,
    /// Text typed into an achieved-saving field that is not (yet) a number, by
    /// `<measure>/<figure>` (`energy.lighting.led/vnd`): kept exactly as typed, the figure
    /// unknown meanwhile. Read it with `typed_text`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub typed: BTreeMap<String, String>,
}

/// One figure of an achieved saving.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// VND a year.
    Vnd,
    /// The quantity a year, in the action's unit.
    Quantity,
    /// Tonnes of CO2 a year.
    Tco2,
}

impl Figure {
    /// Every figure, in the order the fields are shown.
    pub const ALL: [Figure; 3] = [Figure::Vnd, Figure::Quantity, Figure::Tco2];

    /// The stable id used in field paths (`actions[2].achieved.vnd`) and `Plan::typed` keys.
    pub fn id(self) -> &'static str {
        match self {
            Figure::Vnd => "vnd",
            Figure::Quantity => "quantity",
            Figure::Tco2 => "tco2",
        }
    }

    /// The figure's value in `achieved`.
    pub fn of(self, achieved: &Achieved) -> Option<f64> {
        match self {
            Figure::Vnd => achieved.vnd,
            Figure::Quantity => achieved.quantity,
            Figure::Tco2 => achieved.tco2,
        }
    }

    fn slot(self, achieved: &mut Achieved) -> &mut Option<f64> {
        match self {
            Figure::Vnd => &mut achieved.vnd,
            Figure::Quantity => &mut achieved.quantity,
            Figure::Tco2 => &mut achieved.tco2,
        }
    }

    /// The field's label, as the plan's form and its errors name it.
    fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Figure::Vnd, Lang::Vi) => "Số tiền tiết kiệm được (đồng/năm)",
            (Figure::Vnd, Lang::En) => "Money saved (VND a year)",
            (Figure::Quantity, Lang::Vi) => "Lượng tiết kiệm được mỗi năm",
            (Figure::Quantity, Lang::En) => "Quantity saved a year",
            (Figure::Tco2, Lang::Vi) => "Lượng CO2 giảm được (tấn/năm)",
            (Figure::Tco2, Lang::En) => "CO2 avoided (tonnes a year)",
        }
    }
}

/// The key of a figure's typed text in `Plan::typed`: `<measure>/<figure>` (a measure id never
/// holds a `/`).
fn typed_key(measure: &str, figure: Figure) -> String {
    format!("{measure}/{}", figure.id())
}

/// Every change the plan can take, in one closed list. Dates are `YYYY-MM-DD`, from the caller's
/// clock (the core has none).
#[derive(Clone, Debug, PartialEq)]
pub enum PlanEdit {
    /// Adopts a measure from the results, planned from `today`; `unit` prefills its achieved
    /// quantity's unit (`Adoptable::unit`).
    Adopt { measure: String, unit: String, today: String },
    /// Who is responsible.
    SetOwner { measure: String, owner: String },
    /// The target day, `YYYY-MM-DD` as a date input gives it; empty clears it.
    SetDue { measure: String, due: String },
    /// How far it is; a new status is dated `today`.
    SetStatus { measure: String, status: ActionStatus, today: String },
    /// Text typed into an achieved-saving field, read in the interface language.
    SetAchieved { measure: String, figure: Figure, text: String, lang: Lang },
    /// Takes the measure out of the plan, with anything typed for it.
    Remove { measure: String },
}

/// Sets `slot` to `value`; whether it changed.
fn set<T: PartialEq>(slot: &mut T, value: T) -> bool {
    let changed = *slot != value;
    *slot = value;
    changed
}

impl Plan {
    /// Whether nothing has been adopted.
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }

    /// Whether the plan holds nothing at all, not even typed text (a file leaves it out).
    pub fn is_blank(&self) -> bool {
        self.actions.is_empty() && self.typed.is_empty()
    }

    /// The action for a measure, if adopted.
    pub fn action(&self, measure: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.measure == measure)
    }

    fn action_mut(&mut self, measure: &str) -> Option<&mut Action> {
        self.actions.iter_mut().find(|a| a.measure == measure)
    }

    /// The text typed into an achieved-saving field that is not (yet) a number, if any.
    pub fn typed_text(&self, measure: &str, figure: Figure) -> Option<&str> {
        self.typed.get(&typed_key(measure, figure)).map(String::as_str)
    }

    /// How many actions are done.
    pub fn done(&self) -> usize {
        self.actions.iter().filter(|a| a.status == ActionStatus::Done).count()
    }

    /// Applies one edit; whether the plan changed. An edit of a measure not in the plan changes
    /// nothing.
    pub fn apply(&mut self, edit: PlanEdit) -> bool {
        match edit {
            PlanEdit::Adopt { measure, unit, today } => {
                if self.action(&measure).is_some() || self.actions.len() >= MAX_ACTIONS {
                    return false;
                }
                self.actions.push(Action {
                    measure,
                    adopted_on: today.clone(),
                    status_on: today,
                    achieved: Achieved { unit, ..Achieved::default() },
                    ..Action::default()
                });
                true
            }
            PlanEdit::SetOwner { measure, owner } => {
                self.action_mut(&measure).is_some_and(|a| set(&mut a.owner, owner))
            }
            PlanEdit::SetDue { measure, due } => {
                self.action_mut(&measure).is_some_and(|a| set(&mut a.due, due))
            }
            PlanEdit::SetStatus { measure, status, today } => {
                self.action_mut(&measure).is_some_and(|a| {
                    let changed = set(&mut a.status, status);
                    if changed {
                        a.status_on = today;
                    }
                    changed
                })
            }
            PlanEdit::SetAchieved { measure, figure, text, lang } => {
                let key = typed_key(&measure, figure);
                let Some(action) = self.action_mut(&measure) else { return false };
                let (value, typed) = match numbers::parse(&text, lang) {
                    Ok(value) => (value, None),
                    Err(_) => (None, Some(text)),
                };
                let number_changed = set(figure.slot(&mut action.achieved), value);
                let text_changed = match typed {
                    Some(text) => self.typed.insert(key, text.clone()) != Some(text),
                    None => self.typed.remove(&key).is_some(),
                };
                number_changed || text_changed
            }
            PlanEdit::Remove { measure } => {
                let before = self.actions.len();
                self.actions.retain(|a| a.measure != measure);
                let prefix = format!("{measure}/");
                self.typed.retain(|key, _| !key.starts_with(&prefix));
                self.actions.len() != before
            }
        }
    }
}

/// A ranked action of the results that a plan can adopt.
#[derive(Clone, Debug, PartialEq)]
pub struct Adoptable {
    /// The question id, which becomes `Action::measure`.
    pub measure: String,
    /// The answer that made it an action: not yet or partly.
    pub level: Level,
    /// The stream it saves on; `None` for a practice without a saving figure.
    pub stream: Option<Stream>,
    /// The unit its saved quantity is reported in (`kWh`, `m³`, `t`; `TOE` for fuel, whose
    /// fuels each have their own unit); empty for a practice.
    pub unit: String,
    /// The money it stands for a year, when the stream's cost is known.
    pub vnd: Option<Range>,
}

/// The unit an action on `stream` reports its saved quantity in: the content's unit of the
/// stream, except fuel, reported in TOE (each fuel has its own unit, TOE adds them up).
pub fn stream_unit(checklist: &Checklist, stream: Stream) -> String {
    match stream {
        Stream::Fuel => "TOE".to_owned(),
        other => checklist.stream_info(other).map(|s| s.unit.clone()).unwrap_or_default(),
    }
}

/// The results' ranked actions a plan can adopt, in the results' order (measures by value for
/// money, then practices), each with its stream's unit.
pub fn adoptable(checklist: &Checklist, draft: &Draft) -> Vec<Adoptable> {
    adoptable_from(checklist, &savings(checklist, draft))
}

/// `adoptable` from savings already computed (the results screen has them).
pub fn adoptable_from(checklist: &Checklist, savings: &Savings) -> Vec<Adoptable> {
    savings
        .actions
        .iter()
        .map(|a| {
            let stream = a.saving.as_ref().map(|s| s.stream);
            Adoptable {
                measure: a.question.clone(),
                level: a.level,
                stream,
                unit: stream.map(|s| stream_unit(checklist, s)).unwrap_or_default(),
                vnd: a.saving.as_ref().and_then(|s| s.vnd),
            }
        })
        .collect()
}

/// One error, in both languages.
fn error(field: String, vi: &str, en: &str) -> FieldError {
    FieldError { field, vi: vi.to_owned(), en: en.to_owned() }
}

/// The error of a text that breaks its rule, the field labelled `(vi, en)`.
fn text_error(field: String, label: (&str, &str), problem: free_text::Problem) -> FieldError {
    FieldError {
        field,
        vi: problem.message(label.0, Lang::Vi),
        en: problem.message(label.1, Lang::En),
    }
}

/// Whether a figure is one a user could have typed: finite, at least 0, at most `numbers::MAX`.
fn is_typable(value: f64) -> bool {
    value.is_finite() && (0.0..=numbers::MAX).contains(&value)
}

/// Checks every field of the plan; an empty list means it can be kept, saved and sent. Paths
/// name the action by its place (`actions[2].owner`, `actions[0].achieved.vnd`):
///
/// - at most `MAX_ACTIONS` actions (`actions`);
/// - each measure a plain id (`request::MAX_ID` rules), adopted once, and, with the checklist
///   its ids refer to, one of its questions (pass `None` where that checklist is not at hand, as
///   the file's import does);
/// - the adoption and status days real calendar days `YYYY-MM-DD`; the target day empty or one;
/// - the owner held to `free_text::NAME`, the unit to `free_text::UNIT`;
/// - each achieved figure finite, at least 0 and at most `numbers::MAX`;
/// - each typed text held to `free_text::TYPED_NUMBER` and kept for an adopted measure's figure
///   (`typed`). Text not yet a number is not an error here: it is kept, as typed.
pub fn validate(checklist: Option<&Checklist>, plan: &Plan) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if plan.actions.len() > MAX_ACTIONS {
        errors.push(error(
            "actions".into(),
            &format!("Kế hoạch có quá nhiều biện pháp (tối đa {MAX_ACTIONS})"),
            &format!("The plan holds too many actions (at most {MAX_ACTIONS})"),
        ));
    }
    let mut seen = BTreeSet::new();
    for (i, a) in plan.actions.iter().enumerate() {
        let path = |field: &str| format!("actions[{i}].{field}");
        if !is_id(&a.measure) {
            errors.push(error(
                path("measure"),
                "Mã biện pháp không hợp lệ",
                "The measure's id is not valid",
            ));
        } else if !seen.insert(a.measure.as_str()) {
            errors.push(error(
                path("measure"),
                "Biện pháp này đã có trong kế hoạch",
                "This measure is already in the plan",
            ));
        } else if let Some(list) = checklist
            && list.question(&a.measure).is_none()
        {
            errors.push(FieldError {
                field: path("measure"),
                vi: format!("Biện pháp không có trong bảng kiểm phiên bản {}", list.version),
                en: format!("The measure is not in checklist version {}", list.version),
            });
        }
        if crate::dates::calendar_day(&a.adopted_on).is_none() {
            errors.push(error(
                path("adopted_on"),
                "Ngày đưa vào kế hoạch không hợp lệ (cần dạng 2026-11-28)",
                "The day the action was adopted is not valid (it must read like 2026-11-28)",
            ));
        }
        if let Some(problem) = free_text::check(free_text::NAME, &a.owner) {
            errors.push(text_error(path("owner"), ("Người phụ trách", "Owner"), problem));
        }
        if !a.due.is_empty() && crate::dates::calendar_day(&a.due).is_none() {
            errors.push(error(
                path("due"),
                "Ngày hoàn thành dự kiến không phải một ngày có thật (cần dạng 2026-11-28)",
                "The target date is not a real day (it must read like 2026-11-28)",
            ));
        }
        if crate::dates::calendar_day(&a.status_on).is_none() {
            errors.push(error(
                path("status_on"),
                "Ngày cập nhật tình trạng không hợp lệ (cần dạng 2026-11-28)",
                "The day the status was set is not valid (it must read like 2026-11-28)",
            ));
        }
        for figure in Figure::ALL {
            if figure.of(&a.achieved).is_some_and(|v| !is_typable(v)) {
                let (vi, en) = (figure.label(Lang::Vi), figure.label(Lang::En));
                errors.push(FieldError {
                    field: path(&format!("achieved.{}", figure.id())),
                    vi: format!("{vi} phải là số từ 0 đến 1.000.000.000.000.000"),
                    en: format!("{en} must be a number from 0 to 1,000,000,000,000,000"),
                });
            }
        }
        if let Some(problem) = free_text::check(free_text::UNIT, &a.achieved.unit) {
            errors.push(text_error(path("achieved.unit"), ("Đơn vị", "Unit"), problem));
        }
    }
    for (key, text) in &plan.typed {
        let place = key.split_once('/').and_then(|(measure, figure)| {
            let i = plan.actions.iter().position(|a| a.measure == measure)?;
            Some((i, Figure::ALL.into_iter().find(|f| f.id() == figure)?))
        });
        let Some((i, figure)) = place else {
            errors.push(error(
                "typed".into(),
                "Có số đã nhập cho một biện pháp không có trong kế hoạch",
                "A number was typed for a measure that is not in the plan",
            ));
            continue;
        };
        if let Some(problem) = free_text::check(free_text::TYPED_NUMBER, text) {
            let field = format!("actions[{i}].achieved.{}", figure.id());
            errors.push(text_error(
                field,
                (figure.label(Lang::Vi), figure.label(Lang::En)),
                problem,
            ));
        }
    }
    errors
}

/// An earlier assessment as the progress chart needs it: when, with which checklist, its score,
/// the savings it identified, and how far its plan was when the next assessment began.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Milestone {
    /// The day of the assessment, `YYYY-MM-DD`: the day in Vietnam its file was last saved
    /// (when the next one began, if that is unknown).
    pub assessed_on: String,
    /// The checklist version it was scored with.
    pub checklist_version: String,
    /// The overall score, 0–100; `None` when nothing was answered.
    pub score_percent: Option<f64>,
    /// The savings identified, VND a year.
    pub savings_vnd: Range,
    /// The actions in the plan then, and how many of them were done.
    pub actions: u32,
    pub actions_done: u32,
}

/// The milestone of an assessment: its draft scored with `checklist` (`scoring::score`), the
/// savings it identified (`savings::savings`, `total_vnd`), and its plan's actions and those done,
/// on `assessed_on` (`YYYY-MM-DD`).
pub fn milestone(
    checklist: &Checklist,
    draft: &Draft,
    plan: &Plan,
    assessed_on: &str,
) -> Milestone {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Milestone {
        assessed_on: assessed_on.to_owned(),
        checklist_version: checklist.version.clone(),
        score_percent: score(checklist, draft).overall.percent(),
        savings_vnd: savings(checklist, draft).total_vnd,
        actions: count(plan.actions.len()),
        actions_done: count(plan.done()),
    }
}

/// `history` with `latest` appended, the oldest dropped beyond `MAX_MILESTONES`.
pub fn appended(history: &[Milestone], latest: Milestone) -> Vec<Milestone> {
    let keep = history.len().saturating_sub(MAX_MILESTONES - 1);
    history[keep..].iter().cloned().chain([latest]).collect()
}

/// Checks the earlier assessments a file keeps: at most `MAX_MILESTONES` (`history`), each dated
/// with a real calendar day, its checklist version empty or a plain id, its score within 0–100,
/// its savings finite, at least 0, at most `numbers::MAX` and low ≤ high, and no more actions
/// done than it had.
pub fn validate_history(history: &[Milestone]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if history.len() > MAX_MILESTONES {
        errors.push(error(
            "history".into(),
            &format!("Tệp có quá nhiều lần đánh giá trước (tối đa {MAX_MILESTONES})"),
            &format!("The file holds too many earlier assessments (at most {MAX_MILESTONES})"),
        ));
    }
    for (i, m) in history.iter().enumerate() {
        let path = |field: &str| format!("history[{i}].{field}");
        if crate::dates::calendar_day(&m.assessed_on).is_none() {
            errors.push(error(
                path("assessed_on"),
                "Ngày của lần đánh giá trước không hợp lệ (cần dạng 2026-11-28)",
                "The day of an earlier assessment is not valid (it must read like 2026-11-28)",
            ));
        }
        if !m.checklist_version.is_empty() && !is_id(&m.checklist_version) {
            errors.push(error(
                path("checklist_version"),
                "Phiên bản bảng kiểm của lần đánh giá trước không hợp lệ",
                "The checklist version of an earlier assessment is not valid",
            ));
        }
        if m.score_percent.is_some_and(|p| !(p.is_finite() && (0.0..=100.0).contains(&p))) {
            errors.push(error(
                path("score_percent"),
                "Điểm của lần đánh giá trước phải từ 0 đến 100",
                "The score of an earlier assessment must be from 0 to 100",
            ));
        }
        let Range { low, high } = m.savings_vnd;
        if !(is_typable(low) && is_typable(high) && low <= high) {
            errors.push(error(
                path("savings_vnd"),
                "Tiết kiệm tiềm năng của lần đánh giá trước không hợp lệ",
                "The savings identified by an earlier assessment are not valid",
            ));
        }
        if m.actions_done > m.actions {
            errors.push(error(
                path("actions_done"),
                "Số biện pháp đã hoàn thành lớn hơn số biện pháp trong kế hoạch",
                "More actions are done than the plan held",
            ));
        }
    }
    errors
}

/// One year of the progress chart: the last assessment of that year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearPoint {
    pub year: i64,
    /// The day of that assessment, `YYYY-MM-DD`.
    pub assessed_on: String,
    pub score_percent: Option<f64>,
    /// The savings identified, VND a year.
    pub savings_vnd: Range,
    pub actions: u32,
    pub actions_done: u32,
}

/// The year-on-year points: the earlier assessments and the `current` one (its milestone as of
/// today), one point per year, the last assessment of each year (by day; on the same day, the
/// later in the list, `current` last), oldest year first. A milestone without a readable day is
/// left out.
pub fn progress(history: &[Milestone], current: Milestone) -> Vec<YearPoint> {
    let mut dated: Vec<(i64, Milestone)> = history
        .iter()
        .cloned()
        .chain([current])
        .filter_map(|m| Some((crate::dates::calendar_day(&m.assessed_on)?, m)))
        .collect();
    // Stable: assessments of one day keep their order, so the later one wins its year.
    dated.sort_by_key(|(day, _)| *day);
    let mut years: BTreeMap<i64, YearPoint> = BTreeMap::new();
    for (day, m) in dated {
        let year = day / 10_000;
        years.insert(
            year,
            YearPoint {
                year,
                assessed_on: m.assessed_on,
                score_percent: m.score_percent,
                savings_vnd: m.savings_vnd,
                actions: m.actions,
                actions_done: m.actions_done,
            },
        );
    }
    years.into_values().collect()
}

/// What a progress chart shows, one bar per year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Series {
    /// The score, 0–100.
    Score,
    /// The savings identified, VND a year: a bar to the high end, with the low end marked.
    Savings,
    /// The actions done.
    ActionsDone,
}

/// One year's bar, in the chart's own coordinates (origin top left, y down).
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub year: i64,
    pub x: f64,
    pub width: f64,
    /// The top of the bar; its bottom is the chart's height.
    pub y: f64,
    pub height: f64,
    /// For savings, where the low end of the range falls.
    pub low_y: Option<f64>,
    /// The value drawn (for savings the high end); `None` for a year without it (no bar).
    pub value: Option<f64>,
}

/// A line across the chart at a round value.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub value: f64,
    pub y: f64,
}

/// The geometry of a bar chart of `width` × `height`, as numbers the widget writes into SVG
/// attributes; the value axis runs from 0 at the bottom to `max` at the top.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    pub max: f64,
    /// 0, half of `max`, `max` (a quarter apart for the score).
    pub ticks: Vec<Tick>,
    pub bars: Vec<Bar>,
}

/// The smallest round number at least `value`: 1, 2 or 5 times a power of ten, or for a count
/// 2, 4, 6, 8 or 10 times one (so half of it is a whole number too); 1 (2 for a count) when
/// `value` is 0 or less.
fn round_up(value: f64, count: bool) -> f64 {
    let steps: &[f64] = if count { &[2.0, 4.0, 6.0, 8.0, 10.0] } else { &[1.0, 2.0, 5.0, 10.0] };
    if !(value.is_finite() && value > 0.0) {
        return steps[0];
    }
    let mut power = 10f64.powi(value.log10().floor() as i32);
    if count && power < 1.0 {
        power = 1.0;
    }
    steps.iter().map(|s| s * power).find(|v| *v >= value).unwrap_or(10.0 * power)
}

/// The bars of one series over the years, each year a slot of equal width with its bar in the
/// middle three fifths.
pub fn chart(points: &[YearPoint], series: Series, width: f64, height: f64) -> Chart {
    let value = |p: &YearPoint| match series {
        Series::Score => p.score_percent,
        Series::Savings => Some(p.savings_vnd.high),
        Series::ActionsDone => Some(f64::from(p.actions_done)),
    };
    let largest = points.iter().filter_map(value).fold(0.0, f64::max);
    let max = match series {
        Series::Score => 100.0,
        Series::Savings => round_up(largest, false),
        Series::ActionsDone => round_up(largest, true),
    };
    let y_of = |v: f64| height - v.clamp(0.0, max) / max * height;
    let fractions: &[f64] =
        if series == Series::Score { &[0.0, 0.25, 0.5, 0.75, 1.0] } else { &[0.0, 0.5, 1.0] };
    let ticks = fractions.iter().map(|f| Tick { value: f * max, y: y_of(f * max) }).collect();
    let slot = width / points.len().max(1) as f64;
    let bars = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let v = value(p);
            let y = v.map_or(height, y_of);
            Bar {
                year: p.year,
                x: i as f64 * slot + slot / 5.0,
                width: slot * 3.0 / 5.0,
                y,
                height: height - y,
                low_y: (series == Series::Savings).then(|| y_of(p.savings_vnd.low)),
                value: v,
            }
        })
        .collect();
    Chart { width, height, max, ticks, bars }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: &str = "2026-12-02";

    fn adopt(plan: &mut Plan, measure: &str) -> bool {
        plan.apply(PlanEdit::Adopt {
            measure: measure.into(),
            unit: "kWh".into(),
            today: DAY.into(),
        })
    }

    #[test]
    fn adopting_plans_a_measure_from_today_and_adopting_it_again_does_nothing() {
        let mut plan = Plan::default();
        assert!(adopt(&mut plan, "energy.lighting.led"));
        let expected = Action {
            measure: "energy.lighting.led".into(),
            adopted_on: DAY.into(),
            owner: String::new(),
            due: String::new(),
            status: ActionStatus::Planned,
            status_on: DAY.into(),
            achieved: Achieved { unit: "kWh".into(), ..Achieved::default() },
        };
        assert_eq!(plan.actions, vec![expected.clone()]);
        let before = plan.clone();
        assert!(!adopt(&mut plan, "energy.lighting.led"));
        assert_eq!(plan, before);
    }
}
