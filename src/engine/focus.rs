//! Moving through a filtered list with the keyboard (the home view): from the filter field,
//! Down goes to the first match; in the list, Up and Down go to the previous and next match
//! (Up from the first returns to the filter), Home and End to the first and last.

/// A key that moves the focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Home.
    Home,
    /// End.
    End,
}

impl Key {
    /// The key named by a keyboard event's `key`, if it moves the focus.
    pub fn from_name(name: &str) -> Option<Key> {
        match name {
            "ArrowUp" => Some(Key::Up),
            "ArrowDown" => Some(Key::Down),
            "Home" => Some(Key::Home),
            "End" => Some(Key::End),
            _ => None,
        }
    }
}

/// Where the focus is, or goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The filter field.
    Filter,
    /// The n-th match shown.
    Item(usize),
}

/// Where `key` moves the focus from `from`, with `items` matches shown; `None`: the key is
/// left to the browser (Home and End edit the filter's text; nothing to move to).
pub fn step(from: Focus, key: Key, items: usize) -> Option<Focus> {
    let last = items.checked_sub(1)?;
    match (from, key) {
        (Focus::Filter, Key::Down) => Some(Focus::Item(0)),
        (Focus::Filter, _) => None,
        (Focus::Item(0), Key::Up) => Some(Focus::Filter),
        (Focus::Item(i), Key::Up) => Some(Focus::Item(i.min(last + 1) - 1)),
        (Focus::Item(i), Key::Down) => Some(Focus::Item((i + 1).min(last))),
        (Focus::Item(_), Key::Home) => Some(Focus::Item(0)),
        (Focus::Item(_), Key::End) => Some(Focus::Item(last)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Focus::{Filter, Item};
    use Key::{Down, End, Home, Up};

    #[test]
    fn keys_move_through_the_matches() {
        let table: &[(Focus, Key, usize, Option<Focus>)] = &[
            (Filter, Down, 5, Some(Item(0))),
            (Filter, Up, 5, None),
            (Filter, Home, 5, None), // Home moves the caret in the field
            (Filter, Down, 0, None), // no match to go to
            (Item(0), Down, 5, Some(Item(1))),
            (Item(4), Down, 5, Some(Item(4))), // stays on the last
            (Item(0), Up, 5, Some(Filter)),
            (Item(3), Up, 5, Some(Item(2))),
            (Item(3), Home, 5, Some(Item(0))),
            (Item(1), End, 5, Some(Item(4))),
            (Item(7), Up, 3, Some(Item(2))), // the list shrank under the focus
            (Item(7), Down, 3, Some(Item(2))),
        ];
        for (from, key, items, to) in table {
            assert_eq!(
                step(*from, *key, *items),
                *to,
                "{from:?} {key:?} of {items}"
            );
        }
        assert_eq!(Key::from_name("ArrowDown"), Some(Down));
        assert_eq!(Key::from_name("Tab"), None);
    }
}
