//! The form's fields as types: every profile field and every numeric answer, each with the text
//! id it has always had in saved drafts (`Draft::typed`), error lists and the page's element ids:
//! `company`, `electricity.kwh`, `fuel.coal_3_4.quantity`, `water.cost_vnd`, `answer:<question id>`.
//! `Field::id` writes it and `Field::parse` reads it back, each the other's inverse, so no stored
//! format changes. Pure.

use crate::checklist::Stream;
use crate::free_text::{self, Rule};
use crate::i18n::Text;
use std::fmt;

/// A free-text field of the profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProfileText {
    Company,
    Ward,
    Products,
    OutputUnit,
    MaterialsName,
}

/// A figure of the annual electricity use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ElectricityPart {
    Kwh,
    CostVnd,
    PeakPct,
    OffPeakPct,
    Co2TPerMwh,
}

/// A figure of a fuel's or another stream's annual use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UsePart {
    Quantity,
    CostVnd,
    /// A fuel's own CO2 factor (other streams have none).
    Co2TPerUnit,
}

/// A field of the company profile.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProfileField {
    Text(ProfileText),
    /// The sector choice.
    Sector,
    Employees,
    Output,
    Electricity(ElectricityPart),
    /// A fuel, by its checklist id.
    Fuel(String, UsePart),
    /// Water, materials, chemicals or waste (electricity and fuel have their own variants).
    Stream(Stream, UsePart),
    /// The factory's own figure for an end use (`end_use.<stream>.<name>`): a percentage or a
    /// sub-meter reading, scaled with the stream's other end-use figures to the whole stream.
    EndUse(String),
}

/// A field of the form: a profile field, or the number answering a numeric question.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Profile(ProfileField),
    /// The numeric answer to the question with this id.
    Answer(String),
}

impl ProfileText {
    /// Every free-text field of the profile, in the form's order.
    pub const ALL: [ProfileText; 5] = [
        ProfileText::Company,
        ProfileText::Ward,
        ProfileText::Products,
        ProfileText::OutputUnit,
        ProfileText::MaterialsName,
    ];

    /// What the field takes (`free_text`): the company is a name, the others short answers.
    pub fn rule(self) -> Rule {
        match self {
            ProfileText::Company => free_text::NAME,
            ProfileText::Ward
            | ProfileText::Products
            | ProfileText::OutputUnit
            | ProfileText::MaterialsName => free_text::SHORT,
        }
    }

    /// The field's label on the form.
    pub fn label(self) -> Text {
        match self {
            ProfileText::Company => Text::ProfileCompany,
            ProfileText::Ward => Text::ProfileWard,
            ProfileText::Products => Text::ProfileProducts,
            ProfileText::OutputUnit => Text::ProfileOutputUnit,
            ProfileText::MaterialsName => Text::ProfileMaterialsName,
        }
    }
}

const TEXT_FIELDS: [(ProfileText, &str); 5] = [
    (ProfileText::Company, "company"),
    (ProfileText::Ward, "ward"),
    (ProfileText::Products, "products"),
    (ProfileText::OutputUnit, "output_unit"),
    (ProfileText::MaterialsName, "materials_name"),
];

const ELECTRICITY_PARTS: [(ElectricityPart, &str); 5] = [
    (ElectricityPart::Kwh, "kwh"),
    (ElectricityPart::CostVnd, "cost_vnd"),
    (ElectricityPart::PeakPct, "peak_pct"),
    (ElectricityPart::OffPeakPct, "off_peak_pct"),
    (ElectricityPart::Co2TPerMwh, "co2_t_per_mwh"),
];

const USE_PARTS: [(UsePart, &str); 3] = [
    (UsePart::Quantity, "quantity"),
    (UsePart::CostVnd, "cost_vnd"),
    (UsePart::Co2TPerUnit, "co2_t_per_unit"),
];

/// The id of `value` in a table of (value, id) pairs.
fn id_in<T: PartialEq + Copy>(table: &[(T, &'static str)], value: T) -> &'static str {
    table.iter().find(|(v, _)| *v == value).map_or("", |(_, id)| id)
}

/// The value with `id` in a table of (value, id) pairs.
fn value_in<T: Copy>(table: &[(T, &'static str)], id: &str) -> Option<T> {
    table.iter().find(|(_, i)| *i == id).map(|(v, _)| *v)
}

/// The prefix of a numeric answer's id.
const ANSWER_PREFIX: &str = "answer:";

impl Field {
    /// The numeric answer to a question.
    pub fn answer(question: &str) -> Field {
        Field::Answer(question.to_owned())
    }

    /// The stable text id (see the module doc).
    pub fn id(&self) -> String {
        self.to_string()
    }

    /// Reads a text id; anything that names no field is `None`.
    pub fn parse(id: &str) -> Option<Field> {
        if let Some(question) = id.strip_prefix(ANSWER_PREFIX) {
            return Some(Field::Answer(question.to_owned()));
        }
        ProfileField::parse(id).map(Field::Profile)
    }
}

impl ProfileField {
    /// Reads a profile field's text id; anything else is `None`.
    pub fn parse(id: &str) -> Option<ProfileField> {
        let parts: Vec<&str> = id.split('.').collect();
        Some(match parts.as_slice() {
            ["sector"] => ProfileField::Sector,
            ["employees"] => ProfileField::Employees,
            ["output"] => ProfileField::Output,
            [text] => ProfileField::Text(value_in(&TEXT_FIELDS, text)?),
            ["electricity", part] => ProfileField::Electricity(value_in(&ELECTRICITY_PARTS, part)?),
            ["fuel", fuel, part] if !fuel.is_empty() => {
                ProfileField::Fuel((*fuel).to_owned(), value_in(&USE_PARTS, part)?)
            }
            ["end_use", stream, name]
                if Stream::from_id(stream).is_some()
                    && !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') =>
            {
                ProfileField::EndUse(format!("{stream}.{name}"))
            }
            [stream, part] => match Stream::from_id(stream)? {
                Stream::Electricity | Stream::Fuel => return None,
                stream => ProfileField::Stream(stream, value_in(&USE_PARTS, part)?),
            },
            _ => return None,
        })
    }
}

impl fmt::Display for ProfileField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProfileField::Text(text) => f.write_str(id_in(&TEXT_FIELDS, *text)),
            ProfileField::Sector => f.write_str("sector"),
            ProfileField::Employees => f.write_str("employees"),
            ProfileField::Output => f.write_str("output"),
            ProfileField::Electricity(part) => {
                write!(f, "electricity.{}", id_in(&ELECTRICITY_PARTS, *part))
            }
            ProfileField::Fuel(fuel, part) => write!(f, "fuel.{fuel}.{}", id_in(&USE_PARTS, *part)),
            ProfileField::Stream(stream, part) => {
                write!(f, "{}.{}", stream.id(), id_in(&USE_PARTS, *part))
            }
            ProfileField::EndUse(end_use) => write!(f, "end_use.{end_use}"),
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Profile(field) => field.fmt(f),
            Field::Answer(question) => write!(f, "{ANSWER_PREFIX}{question}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_id_of_the_released_formats_reads_back_to_itself() {
        // Every kind of id version 1 files and autosaves hold (tests/fixtures/files has them).
        let ids = [
            "company",
            "sector",
            "ward",
            "employees",
            "products",
            "output",
            "output_unit",
            "materials_name",
            "electricity.kwh",
            "electricity.cost_vnd",
            "electricity.peak_pct",
            "electricity.off_peak_pct",
            "electricity.co2_t_per_mwh",
            "fuel.coal_3_4.quantity",
            "fuel.do.cost_vnd",
            "fuel.lpg.co2_t_per_unit",
            "water.quantity",
            "water.cost_vnd",
            "materials.quantity",
            "materials.cost_vnd",
            "chemicals.quantity",
            "chemicals.cost_vnd",
            "waste.quantity",
            "waste.cost_vnd",
            "water.co2_t_per_unit",
            "fuel.coal_3_4.cost_vnd",
            "fuel.biomass.co2_t_per_unit",
            "answer:energy.compressed_air.pressure",
            "end_use.electricity.compressed_air",
            "end_use.water.boiler_feed",
        ];
        for id in ids {
            let field = Field::parse(id).unwrap_or_else(|| panic!("{id} is a field"));
            assert_eq!(field.id(), id);
        }
        assert_eq!(
            Field::parse("fuel.do.quantity"),
            Some(Field::Profile(ProfileField::Fuel("do".into(), UsePart::Quantity)))
        );
        assert_eq!(
            Field::parse("water.cost_vnd"),
            Some(Field::Profile(ProfileField::Stream(Stream::Water, UsePart::CostVnd)))
        );
    }

    #[test]
    fn ids_that_name_no_field_are_refused() {
        for id in [
            "",
            "nothing",
            "electricity",
            "electricity.quantity",
            "fuel.quantity",
            "fuel..quantity",
            "fuel.do.kwh",
            "electricity.quantity.x",
            "fuel.quantity.x",
            "water.kwh",
            "steam.quantity",
            "end_use.electricity",
            "end_use.steam.lighting",
            "end_use.electricity.",
            "end_use.electricity.Lighting",
            "end_use.electricity.lighting.x",
        ] {
            assert_eq!(Field::parse(id), None, "{id}");
        }
    }
}
