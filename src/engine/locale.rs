//! The number format people type and read: a decimal dot (`1,234.5`) or a decimal comma
//! (`1.234,5`). A leaf: parsing, errors and display all use it.

/// Which character separates the decimals; the other one (and spaces) may group thousands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DecimalMark {
    /// `1,234.5`
    #[default]
    Dot,
    /// `1.234,5`
    Comma,
}

impl DecimalMark {
    /// The character that separates the decimals.
    pub fn char(self) -> char {
        match self {
            DecimalMark::Dot => '.',
            DecimalMark::Comma => ',',
        }
    }

    /// The mark's short id, as kept in settings and the URL.
    pub fn id(self) -> &'static str {
        match self {
            DecimalMark::Dot => "dot",
            DecimalMark::Comma => "comma",
        }
    }

    /// The mark from its id; unknown ids give `None`.
    pub fn from_id(id: &str) -> Option<Self> {
        match id {
            "dot" => Some(DecimalMark::Dot),
            "comma" => Some(DecimalMark::Comma),
            _ => None,
        }
    }
}
