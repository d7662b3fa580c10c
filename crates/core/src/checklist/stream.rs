//! The resource streams that measures save, as a closed set: each has the stable id the content,
//! reports and saved files use (`electricity`, `fuel`, `water`, `materials`, `chemicals`,
//! `waste`). The content's `streams` list describes them (`StreamInfo`: names, unit, cap). Pure.

use serde::{Deserialize, Serialize};

/// A resource stream that measures save. Its id (`electricity`, `fuel`, `water`, `materials`,
/// `chemicals`, `waste`) is the one the content, reports and saved files use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stream {
    Electricity,
    Fuel,
    Water,
    Materials,
    Chemicals,
    Waste,
}

impl Stream {
    /// Every stream.
    pub const ALL: [Stream; 6] = [
        Stream::Electricity,
        Stream::Fuel,
        Stream::Water,
        Stream::Materials,
        Stream::Chemicals,
        Stream::Waste,
    ];

    /// The stable id.
    pub fn id(self) -> &'static str {
        match self {
            Stream::Electricity => "electricity",
            Stream::Fuel => "fuel",
            Stream::Water => "water",
            Stream::Materials => "materials",
            Stream::Chemicals => "chemicals",
            Stream::Waste => "waste",
        }
    }

    /// The stream with this id.
    pub fn from_id(id: &str) -> Option<Stream> {
        Stream::ALL.into_iter().find(|s| s.id() == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_ids_are_todays_strings() {
        for stream in Stream::ALL {
            assert_eq!(Stream::from_id(stream.id()), Some(stream));
            let json = serde_json::to_string(&stream).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", stream.id()));
        }
        assert_eq!(Stream::from_id("steam"), None);
    }
}
