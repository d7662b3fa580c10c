//! The programme's open data: one row per group of enterprises (year, sector, ward, size class),
//! with the funnel's counts and the savings identified, implemented and verified, and nothing
//! that names an enterprise or a person (no company, contact, tax code or receipt).
//!
//! The suppression rule (docs/open-data.md), counting enterprises (`Case::enterprise`), not
//! requests:
//! 1. the columns `year`, `sector`, `ward` and `size_class` form a group; the groups of fewer
//!    than `MIN_GROUP` enterprises are not published as such: within each year and sector they
//!    are merged into one row whose ward is `OTHER_WARD` and size class `OTHER_SIZE`, so no
//!    published row names the ward or size of a small group;
//! 2. a row (a group or a merged row) of fewer than `MIN_GROUP` enterprises keeps its row, but
//!    every figure cell says `SUPPRESSED`;
//! 3. in a published row, a figure cell to which from 1 to `MIN_GROUP` − 1 enterprises
//!    contribute says `SUPPRESSED` too (a cell none contributes to is 0).
//!
//! Only these rows are published, never totals over them, and only for whole calendar years
//! (the service's `?year=`), so no suppressed figure can be had by subtraction.

use super::{Basis, Case, Dimension, Summary, Traced, Unit, summary};
use std::collections::{BTreeMap, BTreeSet};

/// The fewest enterprises a group may have for its figures to be published.
pub const MIN_GROUP: usize = 3;

/// What a suppressed cell says.
pub const SUPPRESSED: &str = "suppressed";

/// The ward of the row that merges a year's and sector's small groups.
pub const OTHER_WARD: &str = "khác";

/// The size class of that row.
pub const OTHER_SIZE: &str = "other";

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
    pub figures: Vec<Option<f64>>,
}

impl OpenRow {
    /// Whether every figure of the row is suppressed.
    pub fn suppressed(&self) -> bool {
        self.figures.iter().all(Option::is_none)
    }
}

/// The columns of the CSV, in order.
pub fn columns() -> Vec<String> {
    let keys = ["year", "sector", "ward", "size_class"].map(str::to_owned);
    let savings = BASES
        .iter()
        .flat_map(|b| Unit::ALL.iter().map(move |u| format!("{}_{}", b.as_str(), u.as_str())));
    keys.into_iter().chain(COUNTS.map(str::to_owned)).chain(savings).collect()
}

/// The distinct enterprises of `members`.
fn enterprises(members: &[&Case]) -> usize {
    members.iter().map(|c| c.enterprise.as_str()).collect::<BTreeSet<_>>().len()
}

/// The figures of one row, in the columns' order: all suppressed with fewer than `MIN_GROUP`
/// enterprises; else each figure, suppressed where 1 to `MIN_GROUP` − 1 enterprises contribute.
fn row_figures(members: &[&Case]) -> Vec<Option<f64>> {
    let width = COUNTS.len() + BASES.len() * Unit::ALL.len();
    if enterprises(members) < MIN_GROUP {
        return vec![None; width];
    }
    let s: Summary = summary(members.iter().copied());
    let of: BTreeMap<&str, &str> =
        members.iter().map(|c| (c.receipt.as_str(), c.enterprise.as_str())).collect();
    let cell = |t: &Traced| {
        let contributors: BTreeSet<&str> =
            t.receipts.iter().filter_map(|r| of.get(r.as_str()).copied()).collect();
        (contributors.is_empty() || contributors.len() >= MIN_GROUP).then_some(t.value)
    };
    let f = &s.funnel;
    let counts =
        [&f.enterprises, &f.contacted, &f.visited, &f.agreed, &f.implemented, &f.implementing]
            .map(cell);
    let s = &s;
    let savings = BASES
        .iter()
        .flat_map(|&b| Unit::ALL.iter().map(move |&u| s.saving(b, u)))
        .map(|t| cell(&t));
    counts.into_iter().chain(savings).collect()
}

/// The anonymised rows of `cases` (one calendar year's, or several whole years'): one per
/// group, the small groups of a year and sector merged into one row, in the order of year,
/// sector, then the groups by ward and size class, then the merged row.
pub fn open_data<'a>(cases: impl IntoIterator<Item = &'a Case>) -> Vec<OpenRow> {
    let mut groups: BTreeMap<(i32, String, String, String), Vec<&Case>> = BTreeMap::new();
    for c in cases {
        let key = (c.year, c.sector.clone(), Dimension::Ward.key(c), c.size.as_str().to_owned());
        groups.entry(key).or_default().push(c);
    }
    // (year, sector, merged?, ward, size class): the merged row last in its year and sector.
    let mut rows: BTreeMap<(i32, String, bool, String, String), Vec<&Case>> = BTreeMap::new();
    for ((year, sector, ward, size), members) in groups {
        let key = if enterprises(&members) < MIN_GROUP {
            (year, sector, true, OTHER_WARD.to_owned(), OTHER_SIZE.to_owned())
        } else {
            (year, sector, false, ward, size)
        };
        rows.entry(key).or_default().extend(members);
    }
    rows.into_iter()
        .map(|((year, sector, _, ward, size_class), members)| OpenRow {
            year,
            sector,
            ward,
            size_class,
            figures: row_figures(&members),
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
    for r in rows {
        let mut cells = vec![
            field(&r.year.to_string()),
            field(&r.sector),
            field(&r.ward),
            field(&r.size_class),
        ];
        cells.extend(r.figures.iter().map(|x| match x {
            Some(x) => field(&machine_number(*x)),
            None => field(SUPPRESSED),
        }));
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}
