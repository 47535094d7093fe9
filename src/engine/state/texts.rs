//! The texts in one set of a calculator's fields.

/// The texts in a calculator's fields, by input id, in id order. A calculator has a dozen
/// inputs at most, so this is a small sorted vector: no tree or sort routine in the wasm.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Texts {
    pairs: Vec<(String, String)>,
}

impl Texts {
    /// No texts.
    pub const fn new() -> Self {
        Texts { pairs: Vec::new() }
    }

    /// The text of input `id`.
    pub fn get(&self, id: &str) -> Option<&String> {
        self.pairs.iter().find(|(k, _)| k == id).map(|(_, v)| v)
    }

    /// Sets the text of input `id`, replacing any earlier one.
    pub fn insert(&mut self, id: String, text: String) {
        match self.pairs.binary_search_by(|(k, _)| k.cmp(&id)) {
            Ok(at) => {
                if let Some(pair) = self.pairs.get_mut(at) {
                    pair.1 = text;
                }
            }
            Err(at) => self.pairs.insert(at, (id, text)),
        }
    }

    /// Whether there are no texts.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Every (id, text), in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.pairs.iter().map(|(k, v)| (k, v))
    }

    /// Every text, in id order.
    pub fn values(&self) -> impl Iterator<Item = &String> {
        self.pairs.iter().map(|(_, v)| v)
    }
}

impl Extend<(String, String)> for Texts {
    fn extend<I: IntoIterator<Item = (String, String)>>(&mut self, pairs: I) {
        for (id, text) in pairs {
            self.insert(id, text);
        }
    }
}

impl FromIterator<(String, String)> for Texts {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(pairs: I) -> Self {
        let mut texts = Texts::new();
        texts.extend(pairs);
        texts
    }
}

impl IntoIterator for Texts {
    type Item = (String, String);
    type IntoIter = std::vec::IntoIter<(String, String)>;

    fn into_iter(self) -> Self::IntoIter {
        self.pairs.into_iter()
    }
}
