//! Mutations of the raw text, applied after a tree is written out, to exercise the loader:
//! truncation, a changed byte, a byte-order mark, an inserted character, a deleted or
//! repeated line.
//!
//! A mutation is stored as a kind and a position number rather than as the resulting text, so
//! that the minimiser can apply it again to a smaller document.

use super::rng::Rng;

/// What a raw mutation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawKind {
    /// Cuts the text at a position.
    Truncate,
    /// Changes one character: an ASCII bit flipped, or a character YAML or JSON treat specially.
    FlipByte,
    /// Inserts a byte-order mark at the start, twice at the start, or in the middle.
    ByteOrderMark,
    /// Inserts a character that YAML or JSON treat specially.
    InsertCharacter,
    /// Deletes a line.
    DeleteLine,
    /// Repeats a line.
    DuplicateLine,
}

/// One raw mutation: its kind and the numbers that place it in any text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawMutation {
    /// What it does.
    pub kind: RawKind,
    /// Where, modulo the text's length (or line count).
    pub position: u64,
    /// Which variant or character.
    pub variant: u64,
}

/// Characters with a meaning in YAML or JSON syntax, or that parsers treat specially.
const SPECIAL: &[char] = &[
    '\0', '\t', '\r', '\n', ':', '"', '\'', '{', '}', '[', ']', ',', '&', '*', '!', '%', '@', '`',
    '\\', '#', '|', '>', '-', '?', '\u{85}', '\u{2028}', '\u{feff}', '\u{7f}',
];

impl RawMutation {
    /// A random raw mutation.
    pub fn random(rng: &mut Rng) -> Self {
        let kind = *rng.pick(&[
            RawKind::Truncate,
            RawKind::FlipByte,
            RawKind::ByteOrderMark,
            RawKind::InsertCharacter,
            RawKind::DeleteLine,
            RawKind::DuplicateLine,
        ]);
        RawMutation {
            kind,
            position: rng.next_u64(),
            variant: rng.next_u64(),
        }
    }

    /// The mutated text.
    pub fn apply(&self, text: &str) -> String {
        let at = char_boundary(text, (self.position % (text.len() as u64 + 1)) as usize);
        let special = SPECIAL[(self.variant % SPECIAL.len() as u64) as usize];
        match self.kind {
            RawKind::Truncate => text[..at].to_owned(),
            RawKind::FlipByte => flip(text, at, self.variant, special),
            RawKind::ByteOrderMark => match self.variant % 3 {
                0 => format!("\u{feff}\u{feff}{text}"),
                1 => format!("{}\u{feff}{}", &text[..at], &text[at..]),
                _ => format!("\u{feff}{text}"),
            },
            RawKind::InsertCharacter => format!("{}{special}{}", &text[..at], &text[at..]),
            RawKind::DeleteLine | RawKind::DuplicateLine => self.edit_line(text),
        }
    }

    /// Deletes or repeats the line chosen by the position.
    fn edit_line(&self, text: &str) -> String {
        let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
        if lines.is_empty() {
            return text.to_owned();
        }
        let index = (self.position % lines.len() as u64) as usize;
        if self.kind == RawKind::DeleteLine {
            lines.remove(index);
        } else {
            lines.insert(index, lines[index]);
        }
        lines.concat()
    }

    /// A one-line description for a saved failure's header.
    pub fn describe(&self) -> String {
        format!(
            "{:?} (position {}, variant {})",
            self.kind, self.position, self.variant
        )
    }
}

/// Changes the character at byte `at`: flips a low bit of an ASCII character (staying ASCII,
/// since the generator takes UTF-8 text), or puts a special character in its place.
fn flip(text: &str, at: usize, variant: u64, special: char) -> String {
    let Some(current) = text[at..].chars().next() else {
        return format!("{text}{special}");
    };
    let replacement = if current.is_ascii() && variant & 1 == 0 {
        char::from((current as u8) ^ (1 << ((variant >> 1) % 7)))
    } else {
        special
    };
    format!(
        "{}{replacement}{}",
        &text[..at],
        &text[at + current.len_utf8()..]
    )
}

/// The largest character boundary at or before `index`.
fn char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}
