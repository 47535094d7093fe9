//! A calculator's figures: scenario A (the current figures) and up to three more to compare
//! with it, each a full set of texts in memory. Links and stored records write a later
//! scenario as only the inputs that differ from A, prefixed with its letter (`b.cac=15000`),
//! and its name (`b.name=Raise prices`).

use crate::engine::state::Texts;

/// The most scenarios a calculator keeps (A to D).
pub const MAX_SCENARIOS: usize = 4;

/// The scenarios' letters, A first; as link prefixes they are lower case (`b.`).
pub const LETTERS: [&str; MAX_SCENARIOS] = ["a", "b", "c", "d"];

/// One set of figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scenario {
    /// Its name, if the user gave one ("Raise prices"); otherwise its letter is shown.
    pub name: Option<String>,
    /// The texts of its fields.
    pub texts: Texts,
}

/// Every scenario of a calculator, A first (there is always an A).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    scenarios: Vec<Scenario>,
    /// Lists are computed from their valid entries only (for every scenario).
    pub skip_invalid: bool,
}

impl Default for Sheet {
    fn default() -> Self {
        Sheet::single(Texts::new(), false)
    }
}

impl Sheet {
    /// A sheet with A alone.
    pub fn single(texts: Texts, skip_invalid: bool) -> Sheet {
        Sheet {
            scenarios: vec![Scenario { name: None, texts }],
            skip_invalid,
        }
    }

    /// Every scenario, A first.
    pub fn scenarios(&self) -> &[Scenario] {
        &self.scenarios
    }

    /// Scenario A.
    pub fn base(&self) -> &Scenario {
        // A sheet is built with an A and never loses it (`remove` refuses index 0).
        self.scenarios.first().unwrap_or(&EMPTY)
    }

    /// Scenario `at` (0 is A), if there is one.
    pub fn get(&self, at: usize) -> Option<&Scenario> {
        self.scenarios.get(at)
    }

    /// Scenario `at`, to change.
    pub fn get_mut(&mut self, at: usize) -> Option<&mut Scenario> {
        self.scenarios.get_mut(at)
    }

    /// Adds a copy of scenario `from` as the next letter; `None` when there are already four.
    pub fn add_copy_of(&mut self, from: usize) -> Option<usize> {
        if self.scenarios.len() >= MAX_SCENARIOS {
            return None;
        }
        let texts = self.scenarios.get(from)?.texts.clone();
        self.scenarios.push(Scenario { name: None, texts });
        Some(self.scenarios.len() - 1)
    }

    /// Removes scenario `at` (never A); the later ones move up a letter.
    pub fn remove(&mut self, at: usize) -> bool {
        if at == 0 || at >= self.scenarios.len() {
            return false;
        }
        self.scenarios.remove(at);
        true
    }

    /// Adds a scenario read from a link or record (up to four).
    pub(crate) fn push(&mut self, scenario: Scenario) {
        if self.scenarios.len() < MAX_SCENARIOS {
            self.scenarios.push(scenario);
        }
    }
}

static EMPTY: Scenario = Scenario {
    name: None,
    texts: Texts::new(),
};

/// The letter scenario `at` is shown by: `A`, `B`…
pub fn letter(at: usize) -> String {
    LETTERS.get(at).copied().unwrap_or("?").to_ascii_uppercase()
}

/// The key `key` of scenario `at`: `cac` for A, `b.cac` for B.
pub fn prefixed(at: usize, key: &str) -> String {
    match LETTERS.get(at) {
        Some(letter) if at > 0 => format!("{letter}.{key}"),
        _ => key.to_owned(),
    }
}

/// The scenario a key belongs to and the key without its prefix: `b.cac` → (1, `cac`).
pub fn split_key(key: &str) -> (usize, &str) {
    if let Some((letter, rest)) = key.split_once('.') {
        if let Some(at) = LETTERS
            .iter()
            .position(|l| *l == letter)
            .filter(|at| *at > 0)
        {
            return (at, rest);
        }
    }
    (0, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenarios_are_added_copied_and_removed_but_a_stays() {
        let mut texts = Texts::new();
        texts.insert("cac".into(), "12000".into());
        let mut sheet = Sheet::single(texts, false);
        assert_eq!(sheet.add_copy_of(0), Some(1));
        assert_eq!(sheet.add_copy_of(1), Some(2));
        assert_eq!(sheet.add_copy_of(0), Some(3));
        assert_eq!(sheet.add_copy_of(0), None);
        assert_eq!(
            sheet.get(3).map(|s| s.texts.get("cac").cloned()),
            Some(Some("12000".into()))
        );
        assert!(!sheet.remove(0));
        assert!(sheet.remove(1));
        assert_eq!(sheet.scenarios().len(), 3);
        assert_eq!(split_key("b.cac"), (1, "cac"));
        assert_eq!(split_key("cac"), (0, "cac"));
        assert_eq!(split_key("x.cac"), (0, "x.cac"));
        assert_eq!(split_key("a.cac"), (0, "a.cac"));
        assert_eq!(prefixed(2, "name"), "c.name");
    }
}
