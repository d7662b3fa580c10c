//! Turns a draft into a CP scorecard. Pure, total: any draft, even an empty one, gets a result.
//!
//! A question counts when it applies to the factory (sector, equipment). Not applicable leaves
//! the denominator; unanswered questions are listed, never counted as zero. The score is
//! Σ(weight × credit) / Σ(weight) × 100 over the answered questions, with credit 1 for done,
//! `partly_credit` for partly and 0 for not yet.

use crate::assessment::{Draft, Level};
use crate::checklist::{Checklist, Question};
use serde::{Deserialize, Serialize};

/// Points earned and possible for one group of questions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub earned: f64,
    pub possible: f64,
    /// Questions of this group that apply to the factory and are not marked not applicable.
    pub applicable: usize,
    /// Of those, how many are answered.
    pub answered: usize,
}

impl Score {
    /// The score in percent, or `None` when nothing in the group is answered yet.
    pub fn percent(&self) -> Option<f64> {
        (self.possible > 0.0).then(|| self.earned / self.possible * 100.0)
    }

    fn add(&mut self, weight: f64, credit: Option<f64>) {
        self.applicable += 1;
        if let Some(credit) = credit {
            self.answered += 1;
            self.earned += weight * credit;
            self.possible += weight;
        }
    }
}

/// A score for one named group (an area or a technique).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupScore {
    pub id: String,
    pub score: Score,
}

/// The scorecard of a draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    pub overall: Score,
    /// In the checklist's area order.
    pub by_area: Vec<GroupScore>,
    /// In the checklist's technique order.
    pub by_technique: Vec<GroupScore>,
    /// Ids of applicable questions still without a (valid) answer, in checklist order.
    pub unanswered: Vec<String>,
    /// Ids of questions the user marked not applicable.
    pub not_applicable: Vec<String>,
}

/// The questions that apply to the draft's factory, in checklist order.
pub fn applicable_questions<'c>(checklist: &'c Checklist, draft: &Draft) -> Vec<&'c Question> {
    checklist.questions.iter().filter(|q| draft.profile.applies(checklist, q)).collect()
}

/// The level a question is answered at, if it has a valid answer.
pub fn level_of(question: &Question, draft: &Draft) -> Option<Level> {
    draft.answers.get(&question.id).and_then(|answer| answer.level(question))
}

/// Scores a draft against a checklist.
pub fn score(checklist: &Checklist, draft: &Draft) -> Scorecard {
    let group = |id: &str| GroupScore { id: id.to_owned(), score: Score::default() };
    let mut card = Scorecard {
        overall: Score::default(),
        by_area: checklist.areas.iter().map(|a| group(&a.id)).collect(),
        by_technique: checklist.techniques.iter().map(|t| group(&t.id)).collect(),
        unanswered: Vec::new(),
        not_applicable: Vec::new(),
    };
    for question in applicable_questions(checklist, draft) {
        let credit = match level_of(question, draft) {
            Some(Level::NotApplicable) => {
                card.not_applicable.push(question.id.clone());
                continue;
            }
            Some(Level::Done) => Some(1.0),
            Some(Level::Partly) => Some(checklist.scoring.partly_credit),
            Some(Level::NotYet) => Some(0.0),
            None => {
                card.unanswered.push(question.id.clone());
                None
            }
        };
        let weight = f64::from(question.weight);
        card.overall.add(weight, credit);
        for (groups, id) in
            [(&mut card.by_area, &question.area), (&mut card.by_technique, &question.technique)]
        {
            if let Some(g) = groups.iter_mut().find(|g| &g.id == id) {
                g.score.add(weight, credit);
            }
        }
    }
    card
}
