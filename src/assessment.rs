//! The user's work in progress: the answers given so far, keyed by stable question id.
//!
//! Every change goes through `Answers::apply(Edit)`, so all the ways the answers can change sit
//! in one `match`. Pure: no I/O, no web APIs.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How far a practice or measure is in place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    NotYet,
    Partly,
    Done,
    NotApplicable,
}

impl Level {
    /// Every level, in the order the choices are shown.
    pub const ALL: [Level; 4] = [Level::Done, Level::Partly, Level::NotYet, Level::NotApplicable];

    /// The stable id used in saved drafts, exports and form values.
    pub fn id(self) -> &'static str {
        match self {
            Level::Done => "done",
            Level::Partly => "partly",
            Level::NotYet => "not_yet",
            Level::NotApplicable => "not_applicable",
        }
    }
}

/// One answer: a level, or a number for numeric questions.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Level(Level),
    Number(f64),
}

/// A change to the answers.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Sets or replaces the answer to a question.
    Answer(String, Answer),
    /// Removes the answer to a question.
    Clear(String),
}

/// Answers by question id. Ids the checklist no longer has are kept but ignored by scoring.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Answers(pub BTreeMap<String, Answer>);

impl Answers {
    /// The answer to a question, if there is one.
    pub fn get(&self, id: &str) -> Option<Answer> {
        self.0.get(id).copied()
    }

    /// Applies one edit.
    pub fn apply(&mut self, edit: Edit) {
        match edit {
            Edit::Answer(id, answer) => {
                self.0.insert(id, answer);
            }
            Edit::Clear(id) => {
                self.0.remove(&id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_can_be_replaced_and_cleared() {
        let mut answers = Answers::default();
        answers.apply(Edit::Answer("energy.x".into(), Answer::Level(Level::NotYet)));
        answers.apply(Edit::Answer("energy.x".into(), Answer::Level(Level::Done)));
        assert_eq!(answers.get("energy.x"), Some(Answer::Level(Level::Done)));
        answers.apply(Edit::Clear("energy.x".into()));
        assert_eq!(answers.get("energy.x"), None);
    }
}
