//! The programme's open data: one row per group of enterprises (year, sector, ward, size class),
//! with the funnel's counts and the savings identified, implemented and verified, and nothing
//! that names an enterprise or a person (no company, contact, tax code or receipt).
//!
//! The suppression rule (docs/open-data.md): the columns `year`, `sector`, `ward` and
//! `size_class` form a group; a group of fewer than `MIN_GROUP` enterprises keeps its row, but
//! every figure cell says `SUPPRESSED` instead of a number. Only these finest groups are
//! published, never totals over them, so no suppressed figure can be had by subtraction.

use super::{Basis, Case, Dimension, Summary, Unit, summary};
use std::collections::BTreeMap;

/// The fewest enterprises a group may have for its figures to be published.
pub const MIN_GROUP: usize = 3;

/// What a suppressed cell says.
pub const SUPPRESSED: &str = "suppressed";

/// The savings published, in this order, each in every unit of `Unit::ALL`.
pub const BASES: [Basis; 4] =
    [Basis::Identified, Basis::Implemented, Basis::SelfReported, Basis::Verified];

/// The counts published, in this order.
pub const COUNTS: [&str; 6] = [
    "enterprises",
    "contacted",
    "visited",
    "opportunities_agreed",
    "opportunities_implemented",
    "enterprises_implementing",
];

/// One group's row.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenRow {
    pub year: i32,
    pub sector: String,
    pub ward: String,
    pub size_class: String,
    /// The counts (`COUNTS`) then the savings (`BASES` × `Unit::ALL`); `None`: suppressed.
    pub figures: Option<Vec<f64>>,
}

/// The columns of the CSV, in order.
pub fn columns() -> Vec<String> {
    let keys = ["year", "sector", "ward", "size_class"].map(str::to_owned);
    let savings = BASES
        .iter()
        .flat_map(|b| Unit::ALL.iter().map(move |u| format!("{}_{}", b.as_str(), u.as_str())));
    keys.into_iter().chain(COUNTS.map(str::to_owned)).chain(savings).collect()
}

/// The figures of one group, in the columns' order.
fn row_figures(s: &Summary) -> Vec<f64> {
    let f = &s.funnel;
    let counts =
        [&f.requests, &f.contacted, &f.visited, &f.agreed, &f.implemented, &f.implementing]
            .map(|t| t.value);
    let savings = BASES.iter().flat_map(|&b| Unit::ALL.iter().map(move |&u| s.saving(b, u).value));
    counts.into_iter().chain(savings).collect()
}

/// The anonymised rows of `cases`, one per group, in the order of year, sector, ward, size class.
pub fn open_data<'a>(cases: impl IntoIterator<Item = &'a Case>) -> Vec<OpenRow> {
    let mut groups: BTreeMap<(i32, String, String, String), Vec<&Case>> = BTreeMap::new();
    for c in cases {
        let key = (c.year, c.sector.clone(), Dimension::Ward.key(c), c.size.as_str().to_owned());
        groups.entry(key).or_default().push(c);
    }
    groups
        .into_iter()
        .map(|((year, sector, ward, size_class), members)| OpenRow {
            year,
            sector,
            ward,
            size_class,
            figures: (members.len() >= MIN_GROUP)
                .then(|| row_figures(&summary(members.iter().copied()))),
        })
        .collect()
}

/// A number as the CSV writes it: a dot for decimals, at most 6 of them, no thousands marks.
pub fn machine_number(x: f64) -> String {
    let text = format!("{:.6}", x);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".into() } else { text.into() }
}

/// The rows as CSV (UTF-8 with a byte-order mark for Excel, CRLF lines, every cell quoted).
pub fn to_csv(rows: &[OpenRow]) -> String {
    use crate::report::csv::{BOM, field};
    let mut out = String::from(BOM);
    let head: Vec<String> = columns().iter().map(|c| field(c)).collect();
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    let width = columns().len() - 4;
    for r in rows {
        let mut cells = vec![
            field(&r.year.to_string()),
            field(&r.sector),
            field(&r.ward),
            field(&r.size_class),
        ];
        match &r.figures {
            Some(figures) => cells.extend(figures.iter().map(|x| field(&machine_number(*x)))),
            None => cells.extend((0..width).map(|_| field(SUPPRESSED))),
        }
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}
