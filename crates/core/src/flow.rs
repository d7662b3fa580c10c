//! The questionnaire's steps and progress, derived from the checklist and the draft.
//!
//! Welcome → company profile → one step per area → the sector module (when the chosen sector
//! has one) → review → results. The screens reached from the results (learn, the request, the
//! action plan, progress year on year and the progress update) are steps too, outside that order.
//! Progress counts only the questions that apply to this factory, so it stays right when the
//! profile hides or shows questions. Pure.

use crate::assessment::Draft;
use crate::checklist::{Checklist, Question};
use crate::scoring::{applicable_questions, level_of};

/// One step of the questionnaire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    Welcome,
    Profile,
    /// The general questions of one area, by index into `checklist.areas`.
    Area(usize),
    /// The module of the chosen sector.
    Sector,
    Review,
    Results,
    /// The learn pages; not part of the questionnaire's order.
    Learn,
    /// The request for a rapid assessment, from the results; not part of the questionnaire.
    Request,
    /// "Check what will be sent", after the request form.
    RequestCheck,
    /// The enterprise's action plan, from the results; not part of the questionnaire.
    Plan,
    /// Progress year on year, and "start this year's assessment from the previous one".
    Progress,
    /// The progress update to the Department, from the plan.
    ProgressUpdate,
    /// "Check what will be sent", after the progress update form.
    ProgressCheck,
}

/// The steps of this draft, in order.
pub fn steps(checklist: &Checklist, draft: &Draft) -> Vec<Step> {
    let mut steps = vec![Step::Welcome, Step::Profile];
    steps.extend((0..checklist.areas.len()).map(Step::Area));
    if !questions_of(checklist, draft, Step::Sector).is_empty() {
        steps.push(Step::Sector);
    }
    steps.extend([Step::Review, Step::Results]);
    steps
}

/// The step after `step` (the last step stays where it is).
pub fn next(checklist: &Checklist, draft: &Draft, step: Step) -> Step {
    let all = steps(checklist, draft);
    let at = all.iter().position(|s| *s == step).unwrap_or(0);
    all.get(at + 1).copied().unwrap_or(step)
}

/// The step before `step` (the first step stays where it is).
pub fn previous(checklist: &Checklist, draft: &Draft, step: Step) -> Step {
    let all = steps(checklist, draft);
    let at = all.iter().position(|s| *s == step).unwrap_or(0);
    all.get(at.saturating_sub(1)).copied().unwrap_or(step)
}

/// The questions shown on a step, in checklist order: only those that apply to this factory.
pub fn questions_of<'c>(checklist: &'c Checklist, draft: &Draft, step: Step) -> Vec<&'c Question> {
    applicable_questions(checklist, draft)
        .into_iter()
        .filter(|q| match step {
            Step::Area(i) => {
                q.sectors.is_empty() && checklist.areas.get(i).is_some_and(|a| a.id == q.area)
            }
            Step::Sector => !q.sectors.is_empty(),
            _ => false,
        })
        .collect()
}

/// How many of the applicable questions have a valid answer (not applicable counts as an answer).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub answered: usize,
    pub total: usize,
}

/// Progress over every question that applies to this factory.
pub fn progress(checklist: &Checklist, draft: &Draft) -> Progress {
    let applicable = applicable_questions(checklist, draft);
    let answered = applicable.iter().filter(|q| level_of(q, draft).is_some()).count();
    Progress { answered, total: applicable.len() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{Answer, Edit, Level};
    use crate::checklist;

    #[test]
    fn the_sector_module_is_a_step_only_when_the_sector_has_one() {
        let list = checklist::active();
        let mut draft = Draft::new(list);
        assert!(!steps(list, &draft).contains(&Step::Sector));
        draft.apply(Edit::SetSector(Some("textile".into())));
        let all = steps(list, &draft);
        assert_eq!(all[0], Step::Welcome);
        assert_eq!(all[all.len() - 3], Step::Sector);
        assert_eq!(next(list, &draft, Step::Area(list.areas.len() - 1)), Step::Sector);
        draft.apply(Edit::SetSector(Some("other".into())));
        assert!(!steps(list, &draft).contains(&Step::Sector));
    }

    #[test]
    fn progress_counts_only_questions_that_apply() {
        let list = checklist::active();
        let mut draft = Draft::new(list);
        let without_boiler = progress(list, &draft).total;
        draft.apply(Edit::SetEquipment("boiler".into(), true));
        let with_boiler = progress(list, &draft);
        assert!(with_boiler.total > without_boiler);
        let boiler_q =
            list.questions.iter().find(|q| q.equipment == ["boiler"]).expect("a boiler question");
        draft.apply(Edit::Answer(boiler_q.id.clone(), Answer::Level(Level::Done)));
        assert_eq!(progress(list, &draft).answered, 1);
        draft.apply(Edit::SetEquipment("boiler".into(), false));
        assert_eq!(progress(list, &draft), super::Progress { answered: 0, total: without_boiler });
    }

    #[test]
    fn every_applicable_question_is_shown_on_exactly_one_step() {
        let list = checklist::active();
        let mut draft = Draft::new(list);
        draft.apply(Edit::SetSector(Some("mechanical".into())));
        for e in &list.equipment {
            draft.apply(Edit::SetEquipment(e.id.clone(), true));
        }
        let all = steps(list, &draft);
        for q in crate::scoring::applicable_questions(list, &draft) {
            let shown = all
                .iter()
                .filter(|s| questions_of(list, &draft, **s).iter().any(|x| x.id == q.id))
                .count();
            assert_eq!(shown, 1, "{}", q.id);
        }
    }
}
