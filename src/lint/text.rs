//! What the rules read of a text: its paragraphs in order, the text that
//! ends a clause, its words and its opening phrase.

use crate::model::{Block, Inline, Paragraph, Span, plain_text};
use crate::source::text::words;
use crate::style::Lexicon;

/// A run of text and where its paragraph is.
#[derive(Debug, Clone)]
pub struct Text {
    /// The words, without notes.
    pub text: String,
    /// The paragraph's place in the source.
    pub span: Option<Span>,
}

impl Text {
    fn of(p: &Paragraph) -> Text {
        Text {
            text: plain_text(&p.content),
            span: p.span,
        }
    }
}

/// Every paragraph of `blocks`, in reading order: list intros, items and
/// continuations included, headings left out.
pub fn paragraphs<'a>(blocks: &'a [Block], out: &mut Vec<&'a Paragraph>) {
    for block in blocks {
        match block {
            Block::Paragraph(p) => out.push(p),
            Block::List(list) => {
                out.extend(&list.intro);
                for item in &list.items {
                    paragraphs(&item.blocks, out);
                }
                out.extend(&list.continuation);
            }
            Block::Heading(_) => {}
        }
    }
}

/// The text that ends `blocks`: the last paragraph, or the end of the last
/// list (its continuation, else its last item). `None` when they end with
/// a heading or hold no text.
pub fn final_text(blocks: &[Block]) -> Option<Text> {
    match blocks.last()? {
        Block::Paragraph(p) => Some(Text::of(p)),
        Block::List(list) => match &list.continuation {
            Some(p) => Some(Text::of(p)),
            None => final_text(&list.items.last()?.blocks),
        },
        Block::Heading(_) => None,
    }
}

/// The number of notes in `blocks`.
pub fn notes(blocks: &[Block]) -> usize {
    fn run(inlines: &[Inline]) -> usize {
        inlines
            .iter()
            .map(|i| usize::from(matches!(i, Inline::Footnote(_))) + i.children().map_or(0, run))
            .sum()
    }
    let mut found = Vec::new();
    paragraphs(blocks, &mut found);
    let headings: usize = blocks
        .iter()
        .map(|b| match b {
            Block::Heading(h) => run(&h.content),
            _ => 0,
        })
        .sum();
    found.iter().map(|p| run(&p.content)).sum::<usize>() + headings
}

/// Whether `c` belongs to a word: letters, digits and the marks Arabic
/// writes over its letters (vowel signs, tatweel).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c as u32, 0x0610..=0x061A | 0x0640 | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED)
}

/// The words of `text` with their byte offsets.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = rest.peek() {
            if is_word_char(c) {
                break;
            }
            rest.next();
        }
        let (start, _) = *rest.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = rest.peek() {
            if !is_word_char(c) {
                break;
            }
            end = i + c.len_utf8();
            rest.next();
        }
        Some((start, &text[start..end]))
    })
}

/// Whether `text` starts with `phrase`, compared without regard to case,
/// and the phrase ends at a word's end. Returns the length of `text` the
/// phrase covers.
pub fn starts_with_phrase(text: &str, phrase: &str) -> Option<usize> {
    let mut t = text.char_indices();
    for p in phrase.chars() {
        let (_, c) = t.next()?;
        if !c.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
    }
    match t.next() {
        Some((_, c)) if is_word_char(c) => None,
        Some((at, _)) => Some(at),
        None => Some(text.len()),
    }
}

/// Which part of a resolution an opening phrase belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// A participle or adjective of the preamble ("Recalling").
    Preamble,
    /// A verb of the operative part ("Decides").
    Operative,
    /// A phrase both parts use.
    Both,
}

/// The opening phrases of one language, matched as the text reader
/// matches them (longest first, without regard to case, apostrophes or
/// Arabic vowel marks).
#[derive(Debug, Default)]
pub struct Phrases {
    preamble: words::Phrases,
    operative: words::Phrases,
    empty: bool,
}

impl Phrases {
    /// The phrases of `lexicon`, hand-written and counted.
    pub fn new(lexicon: &Lexicon) -> Phrases {
        Phrases {
            preamble: words::Phrases::new(lexicon.preamble()),
            operative: words::Phrases::new(lexicon.operative()),
            empty: lexicon.preamble().next().is_none() && lexicon.operative().next().is_none(),
        }
    }

    /// Whether there are phrases at all.
    pub fn is_empty(&self) -> bool {
        self.empty
    }

    /// The longest phrase that opens `text`, as written there, and its
    /// part: a phrase both parts have as long is [`Part::Both`].
    pub fn opening<'t>(&self, text: &'t str) -> Option<(&'t str, Part)> {
        let text = text.trim_start();
        let found = match (self.preamble.match_at(text), self.operative.match_at(text)) {
            (Some(p), Some(o)) if p == o => (p, Part::Both),
            (Some(p), Some(o)) if p > o => (p, Part::Preamble),
            (Some(_), Some(o)) | (None, Some(o)) => (o, Part::Operative),
            (Some(p), None) => (p, Part::Preamble),
            (None, None) => return None,
        };
        Some((&text[..found.0], found.1))
    }

    /// Whether an operative verb follows a comma somewhere in `text`: an
    /// operative clause may open with a participial phrase and reach its
    /// verb after it ("Noting the increase in attacks, decides …").
    pub fn operative_after_comma(&self, text: &str) -> bool {
        text.char_indices()
            .filter(|&(_, c)| matches!(c, ',' | '،'))
            .any(|(at, c)| {
                let rest = text[at + c.len_utf8()..].trim_start();
                self.operative.match_at(rest).is_some()
            })
    }

    /// Whether an operative verb opens `text`.
    pub fn opens_operative(&self, text: &str) -> bool {
        self.operative.match_at(text.trim_start()).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_arabic_marks_and_split_at_apostrophes() {
        let found: Vec<_> = words("l’Assemblée, à à (1)  مجلسُ")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(found, ["l", "Assemblée", "à", "à", "1", "مجلسُ"]);
    }

    #[test]
    fn a_phrase_ends_at_a_word_end() {
        assert_eq!(starts_with_phrase("Recalling its", "recalling"), Some(9));
        assert_eq!(starts_with_phrase("Recallings", "recalling"), None);
        assert_eq!(starts_with_phrase("NOTANT", "notant"), Some(6));
    }
}
