//! The enterprise's action plan and its record of earlier assessments.
//!
//! An action is a checklist measure the enterprise adopted from its results, with who owns it,
//! when it is due, how far it is and what it saved (as the enterprise reports it). The plan is
//! kept with the draft in the browser and in the saved file; a later assessment carries it
//! forward with the answers, and keeps a `Milestone` of each earlier assessment so progress shows
//! year on year. Everything is keyed by the measure's stable question id. Pure.

use crate::savings::Range;
use serde::{Deserialize, Serialize};

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
}

impl Plan {
    /// Whether nothing has been adopted.
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }

    /// The action for a measure, if adopted.
    pub fn action(&self, measure: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.measure == measure)
    }
}

/// An earlier assessment as the progress chart needs it: when, with which checklist, its score,
/// the savings it identified, and how far its plan was when the next assessment began.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Milestone {
    /// The day the assessment was closed (the next one began), `YYYY-MM-DD`.
    pub assessed_on: String,
    pub checklist_version: String,
    /// The overall score, 0–100; `None` when nothing was answered.
    pub score_percent: Option<f64>,
    /// The savings identified, VND a year.
    pub savings_vnd: Range,
    /// The actions in the plan then, and how many of them were done.
    pub actions: u32,
    pub actions_done: u32,
}
