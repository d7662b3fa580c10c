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

    /// Whether there is nothing to write: no figure and no unit (a file leaves it out; the unit
    /// prefilled on adoption is kept even before a figure is reported).
    pub fn is_blank(&self) -> bool {
        self.is_empty() && self.unit.is_empty()
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
    #[serde(skip_serializing_if = "Achieved::is_blank")]
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
    let mut errors = validate_actions(checklist, &plan.actions);
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
            let label = (figure.label(Lang::Vi), figure.label(Lang::En));
            errors.push(text_error(field, label, problem));
        }
    }
    errors
}

/// `validate`'s checks of the actions alone (a progress update carries actions without a plan's
/// typed text): every rule but the last, with the same paths.
pub fn validate_actions(checklist: Option<&Checklist>, actions: &[Action]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if actions.len() > MAX_ACTIONS {
        errors.push(error(
            "actions".into(),
            &format!("Kế hoạch có quá nhiều biện pháp (tối đa {MAX_ACTIONS})"),
            &format!("The plan holds too many actions (at most {MAX_ACTIONS})"),
        ));
    }
    let mut seen = BTreeSet::new();
    for (i, a) in actions.iter().enumerate() {
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
    let decade = 10f64.powi(value.log10().floor() as i32);
    // A count starts a decade lower (10 is 10 × 1, not 1 × 10), and never below 1.
    let start = if count { (decade / 10.0).max(1.0) } else { decade };
    [start, start * 10.0]
        .into_iter()
        .flat_map(|power| steps.iter().map(move |s| s * power))
        .find(|v| *v >= value)
        .unwrap_or(value)
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
pub(crate) mod tests {
    //! Every edit, every validation error, and the milestone, progress and chart of a small
    //! checklist built here, so each figure is worked by hand.
    use super::*;
    use crate::assessment::Answer;
    use crate::checklist::{EndUse, EndUseShares, Measure, MeasureKind, Question, StreamInfo};

    const DAY: &str = "2026-12-02";

    fn adopt(plan: &mut Plan, measure: &str) -> bool {
        plan.apply(PlanEdit::Adopt {
            measure: measure.into(),
            unit: "kWh".into(),
            today: DAY.into(),
        })
    }

    /// A plan of `led` and `policy`, adopted on `DAY`.
    fn two() -> Plan {
        let mut plan = Plan::default();
        adopt(&mut plan, "led");
        adopt(&mut plan, "policy");
        plan
    }

    fn achieved(plan: &mut Plan, measure: &str, figure: Figure, text: &str, lang: Lang) -> bool {
        plan.apply(PlanEdit::SetAchieved {
            measure: measure.into(),
            figure,
            text: text.into(),
            lang,
        })
    }

    fn question(id: &str, weight: u8, measure: Option<Measure>) -> Question {
        Question {
            id: id.into(),
            area: "energy".into(),
            topic: "t".into(),
            technique: "t".into(),
            weight,
            text_vi: id.into(),
            text_en: id.into(),
            help_vi: String::new(),
            help_en: String::new(),
            sectors: Vec::new(),
            equipment: Vec::new(),
            sources: Vec::new(),
            end_use: None,
            supersedes: Vec::new(),
            measure,
            number: None,
        }
    }

    fn measure(end_use: &str, pct: [f64; 2]) -> Option<Measure> {
        Some(Measure {
            end_use: end_use.into(),
            saving_pct: pct,
            kind: MeasureKind::Efficiency,
            switch_to: None,
            cost: "low".into(),
            payback_years: [0.0, 1.0],
            sources: Vec::new(),
            estimate_vi: None,
            estimate_en: None,
        })
    }

    /// Electricity (kWh) all lighting; fuel all steam; water (m³) all process. `led` saves
    /// 50–60 % of lighting, `traps` 10–20 % of steam, `reuse` 20–40 % of process water (weight 2
    /// each); `policy` is a practice of weight 3. Partly earns half the points.
    pub(crate) fn checklist() -> Checklist {
        let info = |id: &str, unit: &str| StreamInfo {
            id: id.into(),
            vi: id.into(),
            en: id.into(),
            unit: unit.into(),
        };
        let end_use = |id: &str| EndUse {
            id: id.into(),
            vi: id.into(),
            en: id.into(),
            stream: id.split('.').next().unwrap_or_default().into(),
            equipment: Vec::new(),
        };
        let shares = |stream: &str, end_use: &str| EndUseShares {
            sector: "default".into(),
            stream: stream.into(),
            pct: [(end_use.to_owned(), 100.0)].into_iter().collect(),
            sources: Vec::new(),
            estimate_vi: None,
            estimate_en: None,
        };
        Checklist {
            version: "2026.12.9".into(),
            scoring: crate::checklist::ScoringRules { partly_credit: 0.5, ..Default::default() },
            streams: vec![info("electricity", "kWh"), info("fuel", "fuel"), info("water", "m³")],
            end_uses: vec![
                end_use("electricity.lighting"),
                end_use("fuel.steam"),
                end_use("water.process"),
            ],
            end_use_shares: vec![
                shares("electricity", "electricity.lighting"),
                shares("fuel", "fuel.steam"),
                shares("water", "water.process"),
            ],
            questions: vec![
                question("led", 2, measure("electricity.lighting", [50.0, 60.0])),
                question("traps", 2, measure("fuel.steam", [10.0, 20.0])),
                question("reuse", 2, measure("water.process", [20.0, 40.0])),
                question("policy", 3, None),
            ],
            ..Checklist::default()
        }
    }

    /// Electricity 2,000,000,000 ₫ a year; led not yet, reuse partly, traps done, policy not yet.
    pub(crate) fn draft() -> Draft {
        let mut draft = Draft::default();
        for (id, level) in [
            ("led", Level::NotYet),
            ("reuse", Level::Partly),
            ("traps", Level::Done),
            ("policy", Level::NotYet),
        ] {
            draft.answers.0.insert(id.into(), Answer::Level(level));
        }
        draft.profile.electricity.cost_vnd = Some(2_000_000_000.0);
        draft
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
        assert_eq!(plan.actions, vec![expected]);
        let before = plan.clone();
        assert!(!adopt(&mut plan, "energy.lighting.led"));
        assert_eq!(plan, before);
    }

    #[test]
    fn a_plan_takes_max_actions_and_not_one_more() {
        let mut plan = Plan::default();
        for i in 0..MAX_ACTIONS {
            assert!(adopt(&mut plan, &format!("m{i}")));
        }
        assert!(!adopt(&mut plan, "one.more"));
        assert_eq!(plan.actions.len(), MAX_ACTIONS);
        assert!(plan.action("one.more").is_none());
        // Removing one makes room again.
        assert!(plan.apply(PlanEdit::Remove { measure: "m0".into() }));
        assert!(adopt(&mut plan, "one.more"));
    }

    #[test]
    fn owner_and_due_change_only_an_adopted_action_and_say_whether_they_changed() {
        let mut plan = two();
        let owner = |m: &str, o: &str| PlanEdit::SetOwner { measure: m.into(), owner: o.into() };
        assert!(plan.apply(owner("led", "Trưởng ca điện")));
        assert_eq!(plan.action("led").map(|a| a.owner.as_str()), Some("Trưởng ca điện"));
        assert_eq!(plan.action("policy").map(|a| a.owner.as_str()), Some(""));
        assert!(!plan.apply(owner("led", "Trưởng ca điện")));
        assert!(!plan.apply(owner("absent", "x")));
        let due = |m: &str, d: &str| PlanEdit::SetDue { measure: m.into(), due: d.into() };
        assert!(plan.apply(due("policy", "2027-06-30")));
        assert_eq!(plan.action("policy").map(|a| a.due.as_str()), Some("2027-06-30"));
        assert_eq!(plan.action("led").map(|a| a.due.as_str()), Some(""));
        assert!(!plan.apply(due("policy", "2027-06-30")));
        assert!(plan.apply(due("policy", "")));
        assert_eq!(plan.action("policy").map(|a| a.due.as_str()), Some(""));
        assert!(!plan.apply(due("absent", "2027-06-30")));
        assert_eq!(plan.actions.len(), 2);
    }

    #[test]
    fn a_new_status_is_dated_and_the_same_status_again_keeps_its_date() {
        let mut plan = two();
        let status = |s, today: &str| PlanEdit::SetStatus {
            measure: "led".into(),
            status: s,
            today: today.into(),
        };
        assert!(plan.apply(status(ActionStatus::InProgress, "2027-01-10")));
        let led = plan.action("led").cloned().unwrap_or_default();
        assert_eq!((led.status, led.status_on.as_str()), (ActionStatus::InProgress, "2027-01-10"));
        assert!(!plan.apply(status(ActionStatus::InProgress, "2027-02-01")));
        assert_eq!(plan.action("led").map(|a| a.status_on.as_str()), Some("2027-01-10"));
        assert!(plan.apply(status(ActionStatus::Done, "2027-03-01")));
        assert_eq!(plan.done(), 1);
        assert_eq!(plan.action("policy").map(|a| a.status), Some(ActionStatus::Planned));
        assert!(!plan.apply(PlanEdit::SetStatus {
            measure: "absent".into(),
            status: ActionStatus::Done,
            today: DAY.into(),
        }));
        assert_eq!(plan.done(), 1);
    }

    #[test]
    fn an_achieved_figure_is_read_in_the_interface_language_and_text_not_yet_a_number_is_kept() {
        let mut plan = two();
        // 1.500.000 is one and a half million in Vietnamese.
        assert!(achieved(&mut plan, "led", Figure::Vnd, "1.500.000", Lang::Vi));
        assert_eq!(plan.action("led").and_then(|a| a.achieved.vnd), Some(1_500_000.0));
        assert!(!achieved(&mut plan, "led", Figure::Vnd, "1.500.000", Lang::Vi));
        // "1.5" is ambiguous in Vietnamese: kept as typed, the figure unknown meanwhile.
        assert!(achieved(&mut plan, "led", Figure::Vnd, "1.5", Lang::Vi));
        assert_eq!(plan.action("led").and_then(|a| a.achieved.vnd), None);
        assert_eq!(plan.typed_text("led", Figure::Vnd), Some("1.5"));
        assert_eq!(plan.typed.get("led/vnd").map(String::as_str), Some("1.5"));
        assert!(!achieved(&mut plan, "led", Figure::Vnd, "1.5", Lang::Vi));
        assert!(achieved(&mut plan, "led", Figure::Vnd, "1.5x", Lang::Vi));
        assert_eq!(plan.typed_text("led", Figure::Vnd), Some("1.5x"));
        // In English 12,500.5 is a number; the other figures are untouched.
        assert!(achieved(&mut plan, "led", Figure::Quantity, "12,500.5", Lang::En));
        assert!(achieved(&mut plan, "led", Figure::Tco2, "7,25", Lang::Vi));
        let led = plan.action("led").cloned().unwrap_or_default();
        assert_eq!(
            (led.achieved.vnd, led.achieved.quantity, led.achieved.tco2),
            (None, Some(12_500.5), Some(7.25))
        );
        assert_eq!(plan.typed_text("led", Figure::Quantity), None);
        // A number typed over the text clears it; an emptied field is unknown again.
        assert!(achieved(&mut plan, "led", Figure::Vnd, "2.000", Lang::Vi));
        assert_eq!(plan.typed_text("led", Figure::Vnd), None);
        assert!(plan.typed.is_empty());
        assert!(achieved(&mut plan, "led", Figure::Tco2, "", Lang::Vi));
        assert_eq!(plan.action("led").and_then(|a| a.achieved.tco2), None);
        assert!(!achieved(&mut plan, "led", Figure::Tco2, "", Lang::Vi));
        // Text for a measure not in the plan is not kept anywhere.
        assert!(!achieved(&mut plan, "absent", Figure::Vnd, "1.5", Lang::Vi));
        assert!(plan.typed.is_empty());
        assert_eq!(plan.action("policy").map(|a| a.achieved.is_empty()), Some(true));
    }

    #[test]
    fn removing_an_action_takes_its_typed_text_and_nothing_else() {
        let mut plan = two();
        adopt(&mut plan, "led2");
        achieved(&mut plan, "led", Figure::Vnd, "1.5", Lang::Vi);
        achieved(&mut plan, "led", Figure::Tco2, "x", Lang::Vi);
        achieved(&mut plan, "led2", Figure::Vnd, "2.5", Lang::Vi);
        assert!(plan.apply(PlanEdit::Remove { measure: "led".into() }));
        let left: Vec<&str> = plan.actions.iter().map(|a| a.measure.as_str()).collect();
        assert_eq!(left, ["policy", "led2"]);
        assert_eq!(plan.typed.keys().collect::<Vec<_>>(), ["led2/vnd"]);
        assert!(!plan.apply(PlanEdit::Remove { measure: "led".into() }));
        assert_eq!(plan.actions.len(), 2);
        assert!(!plan.is_blank());
        plan.apply(PlanEdit::Remove { measure: "policy".into() });
        plan.apply(PlanEdit::Remove { measure: "led2".into() });
        assert!(plan.is_empty() && plan.is_blank());
    }

    #[test]
    fn a_plan_is_blank_only_without_actions_and_typed_text() {
        assert!(!two().is_empty() && !two().is_blank());
        let mut plan = Plan::default();
        assert!(plan.is_empty() && plan.is_blank());
        plan.typed.insert("led/vnd".into(), "x".into());
        assert!(plan.is_empty() && !plan.is_blank());
        // A unit alone is nothing reported, but it is kept.
        let unit = Achieved { unit: "kWh".into(), ..Achieved::default() };
        assert!(unit.is_empty() && !unit.is_blank());
        for figure in Figure::ALL {
            let mut one = Achieved::default();
            *figure.slot(&mut one) = Some(0.0);
            assert!(!one.is_empty() && !one.is_blank(), "{figure:?}");
        }
        assert!(Achieved::default().is_blank());
    }

    #[test]
    fn adoptable_actions_are_the_results_ranked_actions_with_their_streams_unit() {
        let list = checklist();
        let found = adoptable(&list, &draft());
        // led: 50–60 % of all electricity, 2e9 ₫ → 1.0e9–1.2e9 ₫. reuse (partly): half of
        // 20–40 % of water, no cost given → no money, ranked after led. traps is done. The
        // practice policy comes last, without a stream.
        let summary: Vec<(&str, Level, Option<Stream>, &str)> = found
            .iter()
            .map(|a| (a.measure.as_str(), a.level, a.stream, a.unit.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                ("led", Level::NotYet, Some(Stream::Electricity), "kWh"),
                ("reuse", Level::Partly, Some(Stream::Water), "m³"),
                ("policy", Level::NotYet, None, ""),
            ]
        );
        assert_eq!(found[0].vnd, Some(Range { low: 1.0e9, high: 1.2e9 }));
        assert_eq!(found[1].vnd, None);
        assert_eq!(adoptable_from(&list, &savings(&list, &draft())), found);
        // Fuel is reported in TOE (each fuel has its own unit); a stream the content lacks has
        // no unit.
        assert_eq!(stream_unit(&list, Stream::Fuel), "TOE");
        assert_eq!(stream_unit(&list, Stream::Water), "m³");
        assert_eq!(stream_unit(&list, Stream::Waste), "");
        let mut fuel = draft();
        fuel.answers.0.insert("traps".into(), Answer::Level(Level::NotYet));
        let traps = adoptable(&list, &fuel).into_iter().find(|a| a.measure == "traps");
        assert_eq!(traps.map(|a| (a.stream, a.unit)), Some((Some(Stream::Fuel), "TOE".into())));
    }

    /// A plan every field of which is valid: `led` in progress with everything filled in.
    fn valid() -> Plan {
        let mut plan = two();
        plan.apply(PlanEdit::SetOwner { measure: "led".into(), owner: "Phó giám đốc".into() });
        plan.apply(PlanEdit::SetDue { measure: "led".into(), due: "2028-02-29".into() });
        for (figure, text) in [(Figure::Vnd, "0"), (Figure::Quantity, "1.000"), (Figure::Tco2, "")]
        {
            achieved(&mut plan, "led", figure, text, Lang::Vi);
        }
        achieved(&mut plan, "policy", Figure::Vnd, "1.5", Lang::Vi);
        if let Some(a) = plan.actions.get_mut(0) {
            a.achieved.tco2 = Some(numbers::MAX);
        }
        plan
    }

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_valid_plan_has_no_error_with_or_without_the_checklist() {
        assert_eq!(validate(None, &valid()), []);
        assert_eq!(validate(Some(&checklist()), &valid()), []);
        assert_eq!(validate(None, &Plan::default()), []);
    }

    #[test]
    fn a_plan_over_max_actions_is_named_once() {
        let mut plan = Plan::default();
        for i in 0..MAX_ACTIONS {
            adopt(&mut plan, &format!("m{i}"));
        }
        assert_eq!(validate(None, &plan), []);
        let mut extra = plan.actions[0].clone();
        extra.measure = "m300".into();
        plan.actions.push(extra);
        let errors = validate(None, &plan);
        assert_eq!(fields(&errors), ["actions"]);
        assert_eq!(errors[0].vi, "Kế hoạch có quá nhiều biện pháp (tối đa 300)");
        assert_eq!(errors[0].en, "The plan holds too many actions (at most 300)");
    }

    #[test]
    fn each_measure_is_a_plain_id_adopted_once_and_a_question_of_the_checklist_given() {
        let mut plan = valid();
        plan.typed.clear();
        plan.actions[1].measure = "a b".into();
        let errors = validate(None, &plan);
        assert_eq!(fields(&errors), ["actions[1].measure"]);
        assert_eq!(errors[0].vi, "Mã biện pháp không hợp lệ");
        assert_eq!(errors[0].en, "The measure's id is not valid");
        plan.actions[1].measure = "x".repeat(crate::field_error::MAX_ID + 1);
        assert_eq!(fields(&validate(None, &plan)), ["actions[1].measure"]);
        plan.actions[1].measure = "led".into();
        let errors = validate(None, &plan);
        assert_eq!(fields(&errors), ["actions[1].measure"]);
        assert_eq!(errors[0].vi, "Biện pháp này đã có trong kế hoạch");
        assert_eq!(errors[0].en, "This measure is already in the plan");
        plan.actions[1].measure = "retired".into();
        assert_eq!(validate(None, &plan), []);
        let errors = validate(Some(&checklist()), &plan);
        assert_eq!(fields(&errors), ["actions[1].measure"]);
        assert_eq!(errors[0].vi, "Biện pháp không có trong bảng kiểm phiên bản 2026.12.9");
        assert_eq!(errors[0].en, "The measure is not in checklist version 2026.12.9");
    }

    #[test]
    fn every_day_is_a_real_calendar_day_and_only_the_target_may_be_empty() {
        let mut plan = valid();
        plan.actions[0].adopted_on = "2026-02-30".into();
        plan.actions[0].due = "2027-13-01".into();
        plan.actions[0].status_on = String::new();
        plan.actions[1].adopted_on = String::new();
        plan.actions[1].due = "01/12/2026".into();
        plan.actions[1].status_on = "2026-12-02T08:00:00Z".into();
        let errors = validate(None, &plan);
        assert_eq!(
            fields(&errors),
            [
                "actions[0].adopted_on",
                "actions[0].due",
                "actions[0].status_on",
                "actions[1].adopted_on",
                "actions[1].due",
                "actions[1].status_on",
            ]
        );
        assert_eq!(errors[0].vi, "Ngày đưa vào kế hoạch không hợp lệ (cần dạng 2026-11-28)");
        assert_eq!(
            errors[1].en,
            "The target date is not a real day (it must read like 2026-11-28)"
        );
        assert_eq!(
            errors[2].en,
            "The day the status was set is not valid (it must read like 2026-11-28)"
        );
        plan.actions[1].due = String::new();
        assert!(!fields(&validate(None, &plan)).contains(&"actions[1].due"));
    }

    #[test]
    fn the_owner_and_the_unit_are_held_to_their_free_text_rules() {
        let mut plan = valid();
        plan.actions[0].owner = "ệ".repeat(free_text::NAME.max_chars);
        plan.actions[0].achieved.unit = "ệ".repeat(free_text::UNIT.max_chars);
        assert_eq!(validate(None, &plan), []);
        plan.actions[0].owner.push('a');
        plan.actions[1].owner = "Tổ\ntrưởng".into();
        plan.actions[1].achieved.unit = "m³\u{202E}".into();
        let errors = validate(None, &plan);
        assert_eq!(
            fields(&errors),
            ["actions[0].owner", "actions[1].owner", "actions[1].achieved.unit"]
        );
        assert_eq!(errors[0].vi, "Người phụ trách quá dài: tối đa 200 ký tự (hiện có 201 ký tự)");
        assert_eq!(errors[0].en, "Owner is too long: 200 characters at most (201 now)");
        assert!(errors[1].en.starts_with("Owner must be on one line"), "{}", errors[1].en);
        assert!(errors[2].vi.starts_with("Đơn vị chứa ký tự đảo chiều"), "{}", errors[2].vi);
        plan.actions[1].owner.clear();
        plan.actions[1].achieved.unit = "x".repeat(free_text::UNIT.max_chars + 1);
        assert_eq!(
            fields(&validate(None, &plan)),
            ["actions[0].owner", "actions[1].achieved.unit"]
        );
    }

    #[test]
    fn achieved_figures_are_finite_and_between_0_and_numbers_max() {
        let mut plan = valid();
        plan.actions[1].achieved = Achieved {
            vnd: Some(-1.0),
            quantity: Some(f64::NAN),
            unit: String::new(),
            tco2: Some(numbers::MAX * 2.0),
        };
        plan.actions[0].achieved.vnd = Some(f64::INFINITY);
        let errors = validate(None, &plan);
        assert_eq!(
            fields(&errors),
            [
                "actions[0].achieved.vnd",
                "actions[1].achieved.vnd",
                "actions[1].achieved.quantity",
                "actions[1].achieved.tco2",
            ]
        );
        assert_eq!(
            errors[0].vi,
            "Số tiền tiết kiệm được (đồng/năm) phải là số từ 0 đến 1.000.000.000.000.000"
        );
        assert_eq!(
            errors[2].en,
            "Quantity saved a year must be a number from 0 to 1,000,000,000,000,000"
        );
        assert_eq!(
            errors[3].en,
            "CO2 avoided (tonnes a year) must be a number from 0 to 1,000,000,000,000,000"
        );
        assert!(errors[3].vi.starts_with("Lượng CO2 giảm được (tấn/năm) phải"));
        assert!(errors[1].en.starts_with("Money saved (VND a year) must"));
    }

    #[test]
    fn actions_alone_are_checked_as_in_a_plan_without_its_typed_text() {
        let mut plan = valid();
        plan.actions[0].owner = "x".repeat(free_text::NAME.max_chars + 1);
        plan.actions[1].measure = "led".into();
        plan.typed.insert("absent/vnd".into(), "1".into());
        let alone = validate_actions(Some(&checklist()), &plan.actions);
        assert_eq!(fields(&alone), ["actions[0].owner", "actions[1].measure"]);
        let whole = validate(Some(&checklist()), &plan);
        assert_eq!(fields(&whole), ["actions[0].owner", "actions[1].measure", "typed", "typed"]);
        assert_eq!(whole[..2], alone[..]);
    }

    #[test]
    fn typed_text_belongs_to_an_adopted_measures_figure_and_is_held_to_its_rule() {
        let mut plan = valid();
        plan.typed.insert("led/vnd".into(), "9".repeat(free_text::TYPED_NUMBER.max_chars));
        assert_eq!(validate(None, &plan), []);
        plan.typed.insert("led/vnd".into(), "9".repeat(free_text::TYPED_NUMBER.max_chars + 1));
        plan.typed.insert("policy/tco2".into(), "1\n2".into());
        let errors = validate(None, &plan);
        assert_eq!(fields(&errors), ["actions[0].achieved.vnd", "actions[1].achieved.tco2"]);
        assert!(errors[0].vi.starts_with("Số tiền tiết kiệm được (đồng/năm) quá dài"));
        assert!(errors[1].en.starts_with("CO2 avoided (tonnes a year) must be on one line"));
        let mut plan = valid();
        for key in ["absent/vnd", "led/kwh", "led", "/vnd"] {
            plan.typed.insert(key.into(), "1".into());
        }
        let errors = validate(None, &plan);
        assert_eq!(fields(&errors), ["typed"; 4]);
        assert_eq!(errors[0].vi, "Có số đã nhập cho một biện pháp không có trong kế hoạch");
        assert_eq!(errors[0].en, "A number was typed for a measure that is not in the plan");
    }

    fn milestone_on(day: &str, score: Option<f64>, done: u32) -> Milestone {
        Milestone {
            assessed_on: day.into(),
            checklist_version: "2026.12.9".into(),
            score_percent: score,
            savings_vnd: Range { low: 1.0, high: 2.0 },
            actions: 3,
            actions_done: done,
        }
    }

    #[test]
    fn a_milestone_sums_an_assessment_up_by_hand() {
        let list = checklist();
        let mut plan = two();
        adopt(&mut plan, "reuse");
        plan.apply(PlanEdit::SetStatus {
            measure: "policy".into(),
            status: ActionStatus::Done,
            today: DAY.into(),
        });
        plan.apply(PlanEdit::SetStatus {
            measure: "reuse".into(),
            status: ActionStatus::Dropped,
            today: DAY.into(),
        });
        let m = milestone(&list, &draft(), &plan, "2026-11-30");
        // Points: led 2 × 0, reuse 2 × 0.5, traps 2 × 1, policy 3 × 0 = 3 of 9 → 33.3 %.
        // Savings: led 1.0e9–1.2e9 ₫ (electricity only has a cost). 3 actions, 1 done.
        assert_eq!(
            m,
            Milestone {
                assessed_on: "2026-11-30".into(),
                checklist_version: "2026.12.9".into(),
                score_percent: Some(3.0 / 9.0 * 100.0),
                savings_vnd: Range { low: 1.0e9, high: 1.2e9 },
                actions: 3,
                actions_done: 1,
            }
        );
        // Nothing answered: no score, no saving, no action.
        let empty = milestone(&list, &Draft::default(), &Plan::default(), "2026-11-30");
        assert_eq!(
            (empty.score_percent, empty.savings_vnd, empty.actions, empty.actions_done),
            (None, Range::default(), 0, 0)
        );
    }

    #[test]
    fn the_history_keeps_the_latest_max_milestones() {
        let history: Vec<Milestone> = (0..MAX_MILESTONES as u32)
            .map(|i| milestone_on(&format!("{}-01-01", 2000 + i), None, 0))
            .collect();
        let short = appended(&history[..2], milestone_on("2099-01-01", None, 1));
        let days: Vec<&str> = short.iter().map(|m| m.assessed_on.as_str()).collect();
        assert_eq!(days, ["2000-01-01", "2001-01-01", "2099-01-01"]);
        let full = appended(&history, milestone_on("2099-01-01", None, 1));
        assert_eq!(full.len(), MAX_MILESTONES);
        assert_eq!(full[0].assessed_on, "2001-01-01", "the oldest is dropped");
        assert_eq!(full[MAX_MILESTONES - 1].assessed_on, "2099-01-01");
        assert_eq!(appended(&[], milestone_on("2099-01-01", None, 1)).len(), 1);
    }

    #[test]
    fn a_history_is_checked_field_by_field() {
        let good = vec![
            milestone_on("2025-11-30", Some(100.0), 3),
            milestone_on("2026-02-28", Some(0.0), 0),
        ];
        assert_eq!(validate_history(&good), []);
        let mut bad = good.clone();
        bad[0].assessed_on = "2025-02-29".into();
        bad[0].checklist_version = "a b".into();
        bad[0].score_percent = Some(100.5);
        bad[1].savings_vnd = Range { low: 3.0, high: 2.0 };
        bad[1].actions_done = 4;
        let errors = validate_history(&bad);
        assert_eq!(
            fields(&errors),
            [
                "history[0].assessed_on",
                "history[0].checklist_version",
                "history[0].score_percent",
                "history[1].savings_vnd",
                "history[1].actions_done",
            ]
        );
        assert_eq!(errors[2].en, "The score of an earlier assessment must be from 0 to 100");
        assert_eq!(errors[4].vi, "Số biện pháp đã hoàn thành lớn hơn số biện pháp trong kế hoạch");
        let mut odd = good.clone();
        odd[0].checklist_version = String::new();
        odd[0].score_percent = Some(-0.1);
        odd[1].score_percent = Some(f64::NAN);
        odd[1].savings_vnd = Range { low: -1.0, high: 2.0 };
        assert_eq!(
            fields(&validate_history(&odd)),
            ["history[0].score_percent", "history[1].score_percent", "history[1].savings_vnd"]
        );
        odd[1].savings_vnd = Range { low: 0.0, high: f64::INFINITY };
        odd[0].score_percent = None;
        odd[1].score_percent = None;
        assert_eq!(fields(&validate_history(&odd)), ["history[1].savings_vnd"]);
        let many = vec![milestone_on("2025-11-30", None, 0); MAX_MILESTONES + 1];
        let errors = validate_history(&many);
        assert_eq!(fields(&errors), ["history"]);
        assert_eq!(errors[0].en, "The file holds too many earlier assessments (at most 50)");
        assert_eq!(validate_history(&many[1..]), []);
    }

    #[test]
    fn progress_has_one_point_a_year_the_last_assessment_of_that_year() {
        let history = vec![
            milestone_on("2025-03-01", Some(40.0), 0),
            milestone_on("2024-12-31", Some(30.0), 0),
            milestone_on("2025-11-30", Some(55.0), 1),
            milestone_on("not a day", Some(99.0), 3),
            milestone_on("2026-06-01", Some(60.0), 2),
        ];
        let current = milestone_on("2026-06-01", Some(70.0), 3);
        let points = progress(&history, current);
        let summary: Vec<(i64, &str, Option<f64>, u32)> = points
            .iter()
            .map(|p| (p.year, p.assessed_on.as_str(), p.score_percent, p.actions_done))
            .collect();
        // 2024: its only one; 2025: 30/11 beats 01/03 although listed later; 2026: the current
        // assessment, the same day as the last milestone but after it; the undated one is left
        // out.
        assert_eq!(
            summary,
            [
                (2024, "2024-12-31", Some(30.0), 0),
                (2025, "2025-11-30", Some(55.0), 1),
                (2026, "2026-06-01", Some(70.0), 3),
            ]
        );
        assert_eq!(points[1].savings_vnd, Range { low: 1.0, high: 2.0 });
        assert_eq!(points[1].actions, 3);
        assert_eq!(progress(&[], milestone_on("x", None, 0)), []);
    }

    fn point(year: i64, score: Option<f64>, low: f64, high: f64, done: u32) -> YearPoint {
        YearPoint {
            year,
            assessed_on: format!("{year}-06-01"),
            score_percent: score,
            savings_vnd: Range { low, high },
            actions: done,
            actions_done: done,
        }
    }

    #[test]
    fn a_score_chart_runs_0_to_100_with_a_bar_per_year() {
        let points = [point(2025, Some(40.0), 0.0, 0.0, 0), point(2026, None, 0.0, 0.0, 0)];
        let chart = chart(&points, Series::Score, 200.0, 100.0);
        assert_eq!((chart.width, chart.height, chart.max), (200.0, 100.0, 100.0));
        let ticks: Vec<(f64, f64)> = chart.ticks.iter().map(|t| (t.value, t.y)).collect();
        assert_eq!(ticks, [(0.0, 100.0), (25.0, 75.0), (50.0, 50.0), (75.0, 25.0), (100.0, 0.0)]);
        // Two slots of 100: each bar 60 wide, 20 in; 40 % of 100 high is 40 from the bottom.
        assert_eq!(
            chart.bars[0],
            Bar {
                year: 2025,
                x: 20.0,
                width: 60.0,
                y: 60.0,
                height: 40.0,
                low_y: None,
                value: Some(40.0)
            }
        );
        // No score that year: no bar.
        assert_eq!(
            chart.bars[1],
            Bar {
                year: 2026,
                x: 120.0,
                width: 60.0,
                y: 100.0,
                height: 0.0,
                low_y: None,
                value: None
            }
        );
    }

    #[test]
    fn a_savings_chart_rounds_its_top_up_and_marks_the_low_end() {
        // Highest 1.2e9 → top 2e9; 2025: 0.5e9–1.0e9, 2026: 0.6e9–1.2e9, on a 100 high chart.
        let points = [point(2025, None, 0.5e9, 1.0e9, 0), point(2026, None, 0.6e9, 1.2e9, 0)];
        let chart = chart(&points, Series::Savings, 100.0, 100.0);
        assert_eq!(chart.max, 2.0e9);
        let ticks: Vec<(f64, f64)> = chart.ticks.iter().map(|t| (t.value, t.y)).collect();
        assert_eq!(ticks, [(0.0, 100.0), (1.0e9, 50.0), (2.0e9, 0.0)]);
        type Shape = (f64, f64, f64, Option<f64>, Option<f64>);
        let bars: Vec<Shape> =
            chart.bars.iter().map(|b| (b.x, b.y, b.height, b.low_y, b.value)).collect();
        assert_eq!(
            bars,
            [
                (10.0, 50.0, 50.0, Some(75.0), Some(1.0e9)),
                (60.0, 40.0, 60.0, Some(70.0), Some(1.2e9))
            ]
        );
        assert_eq!(chart.bars[1].width, 30.0);
    }

    #[test]
    fn an_actions_chart_counts_in_whole_numbers_so_its_middle_tick_is_one() {
        // Highest 3 done → top 4 (middle 2); 0 done → top 2 (middle 1); 7 → 8; 11 → 20.
        let chart_of = |done: u32| {
            chart(&[point(2026, None, 0.0, 0.0, done)], Series::ActionsDone, 10.0, 40.0)
        };
        let c = chart_of(3);
        assert_eq!(c.max, 4.0);
        assert_eq!(c.ticks.iter().map(|t| t.value).collect::<Vec<_>>(), [0.0, 2.0, 4.0]);
        assert_eq!((c.bars[0].y, c.bars[0].height, c.bars[0].value), (10.0, 30.0, Some(3.0)));
        assert_eq!(c.bars[0].low_y, None);
        assert_eq!(chart_of(0).max, 2.0);
        assert_eq!(chart_of(1).max, 2.0);
        assert_eq!(chart_of(2).max, 2.0);
        assert_eq!(chart_of(7).max, 8.0);
        assert_eq!(chart_of(10).max, 10.0);
        assert_eq!(chart_of(11).max, 20.0);
        assert_eq!(chart_of(101).max, 200.0);
        // An empty chart has its axis and no bar.
        let empty = chart(&[], Series::ActionsDone, 10.0, 40.0);
        assert_eq!((empty.max, empty.bars.len(), empty.ticks.len()), (2.0, 0, 3));
    }

    #[test]
    fn round_tops_are_1_2_or_5_times_a_power_of_ten() {
        let cases = [
            (0.0, 1.0),
            (-5.0, 1.0),
            (f64::NAN, 1.0),
            (0.3, 0.5),
            (1.0, 1.0),
            (1.01, 2.0),
            (2.0, 2.0),
            (3.0, 5.0),
            (5.5, 10.0),
            (10.0, 10.0),
            (999.0, 1000.0),
            (1.2e9, 2.0e9),
        ];
        for (value, top) in cases {
            assert_eq!(round_up(value, false), top, "{value}");
        }
        assert_eq!(round_up(0.4, true), 2.0);
        assert_eq!(round_up(f64::INFINITY, true), 2.0);
        assert_eq!(round_up(5.0, true), 6.0);
        assert_eq!(round_up(9.0, true), 10.0);
        assert_eq!(round_up(35.0, true), 40.0);
    }

    #[test]
    fn ids_and_labels_are_the_released_strings() {
        let ids: Vec<&str> = Figure::ALL.iter().map(|f| f.id()).collect();
        assert_eq!(ids, ["vnd", "quantity", "tco2"]);
        for f in Figure::ALL {
            assert_eq!(serde_json::to_string(&f).unwrap_or_default(), format!("\"{}\"", f.id()));
            assert_ne!(f.label(Lang::Vi), f.label(Lang::En));
        }
        let statuses: Vec<&str> = ActionStatus::ALL.iter().map(|s| s.id()).collect();
        assert_eq!(statuses, ["planned", "in_progress", "done", "dropped"]);
        for s in ActionStatus::ALL {
            assert_eq!(serde_json::to_string(&s).unwrap_or_default(), format!("\"{}\"", s.id()));
        }
    }
}
