//! Word numbering: every logical list of the resolution becomes one
//! `w:num` over its own `w:abstractNum`, whose levels carry the label
//! patterns of the list and of the lists nested in it.
//!
//! Word then numbers the paragraphs itself: a clause or item added in Word
//! renumbers the rest, and labels are never typed as text.

use crate::model::{Counter, LabelPattern};
use crate::style::{Locale, Style};

use super::xml::{NS_W, PPR_ORDER, Prop, RPR_ORDER, Xml};

/// Word lists have nine levels, `w:ilvl` 0 to 8.
pub const LEVELS: usize = 9;

/// The id of a `w:num`, as paragraphs refer to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumId(pub u32);

/// One level of a list: its label and where the label and text sit.
#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    /// The label pattern.
    pub pattern: LabelPattern,
    /// The number of the first item.
    pub start: u32,
    /// Indent of the text, in twips, from the start margin.
    pub left: i64,
    /// How far the label hangs before the text, in twips.
    pub hanging: i64,
}

/// The paragraph style a list's first level is linked to, if any (the
/// operative clauses' list is linked to "Operative Clause").
type StyleLink = Option<&'static str>;

struct Abstract {
    levels: [Option<Level>; LEVELS],
    style_link: StyleLink,
    /// Indent of the text the list belongs to, in twips.
    base: i64,
}

/// The lists of one document.
#[derive(Default)]
pub struct Numbering {
    lists: Vec<Abstract>,
}

/// How a pattern's counter is written by Word (`ST_NumberFormat`).
pub fn number_format(counter: Counter) -> &'static str {
    match counter {
        Counter::Decimal => "decimal",
        Counter::LowerAlpha => "lowerLetter",
        Counter::UpperAlpha => "upperLetter",
        Counter::LowerRoman => "lowerRoman",
        Counter::UpperRoman => "upperRoman",
        Counter::ArabicAbjad => "arabicAbjad",
        Counter::ArabicAlpha => "arabicAlpha",
        // Word calls the Arabic-Indic digits "Hindi numbers".
        Counter::ArabicIndic => "hindiNumbers",
        Counter::None => "bullet",
    }
}

/// Whether Word can produce the labels of `pattern` itself: `%` would be
/// read as a level reference in `w:lvlText`.
pub fn representable(pattern: &LabelPattern) -> bool {
    !pattern.prefix.contains('%') && !pattern.suffix.contains('%')
}

/// Where the label and text of list level `level` sit, for a list in text
/// indented by `base` twips: each level is indented by the style's list
/// indent, and the label hangs in the label width.
pub fn level_indent(style: &Style, base: i64, level: usize) -> (i64, i64) {
    let indent = style.lists.indent.twips();
    let label = style.lists.label_width.twips();
    (base + indent * (level as i64 + 1) + label, label)
}

impl Numbering {
    /// No lists yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts a logical list in text indented by `base` twips, linked to a
    /// paragraph style if `style_link` is given; returns its `w:num` id.
    pub fn new_list(&mut self, base: i64, style_link: StyleLink) -> NumId {
        self.lists.push(Abstract {
            levels: Default::default(),
            style_link,
            base,
        });
        NumId(self.lists.len() as u32)
    }

    /// Gives level `level` of list `num` its definition. Returns `false`
    /// when the level already has a different one (two nested lists at one
    /// depth with different patterns), in which case the caller starts a
    /// new logical list.
    pub fn define(&mut self, num: NumId, level: usize, def: Level) -> bool {
        let slot = &mut self.lists[num.0 as usize - 1].levels[level];
        match slot {
            Some(existing) => *existing == def,
            None => {
                *slot = Some(def);
                true
            }
        }
    }

    /// `word/numbering.xml`. Levels no list used get the locale's default
    /// patterns, so that a user who indents an item in Word gets a
    /// sensible label.
    pub fn to_xml(&self, style: &Style, locale: &Locale, seed: &str) -> Vec<u8> {
        let mut xml = Xml::new();
        xml.start("w:numbering", &[("xmlns:w", NS_W)]);
        for (index, list) in self.lists.iter().enumerate() {
            let id = index.to_string();
            xml.start("w:abstractNum", &[("w:abstractNumId", &id)]);
            // nsid identifies a list when it is pasted into another
            // document; derived from the reference, never random.
            xml.empty("w:nsid", &[("w:val", &nsid(seed, index))]);
            xml.empty("w:multiLevelType", &[("w:val", "multilevel")]);
            for level in 0..LEVELS {
                let def = list.levels[level].clone().unwrap_or_else(|| {
                    let (left, hanging) = level_indent(style, list.base, level);
                    Level {
                        pattern: locale.list_pattern(level),
                        start: 1,
                        left,
                        hanging,
                    }
                });
                let link = if level == 0 { list.style_link } else { None };
                write_level(&mut xml, level, &def, link, &style.fonts.body);
            }
            xml.end("w:abstractNum");
        }
        for index in 0..self.lists.len() {
            let num = (index + 1).to_string();
            xml.start("w:num", &[("w:numId", &num)]);
            xml.empty("w:abstractNumId", &[("w:val", &index.to_string())]);
            xml.end("w:num");
        }
        xml.end("w:numbering");
        xml.finish()
    }
}

fn write_level(xml: &mut Xml, level: usize, def: &Level, link: StyleLink, font: &str) {
    let ilvl = level.to_string();
    xml.start("w:lvl", &[("w:ilvl", &ilvl)]);
    xml.empty("w:start", &[("w:val", &def.start.to_string())]);
    xml.empty("w:numFmt", &[("w:val", number_format(def.pattern.counter))]);
    if let Some(style) = link {
        xml.empty("w:pStyle", &[("w:val", style)]);
    }
    let text = if def.pattern.counter == Counter::None {
        def.pattern.suffix.clone()
    } else {
        format!("{}%{}{}", def.pattern.prefix, level + 1, def.pattern.suffix)
    };
    xml.empty("w:lvlText", &[("w:val", &text)]);
    xml.empty("w:lvlJc", &[("w:val", "left")]);
    xml.props(
        "w:pPr",
        PPR_ORDER,
        vec![Prop::new(
            "w:ind",
            &[
                ("w:left", &def.left.to_string()),
                ("w:hanging", &def.hanging.to_string()),
            ],
        )],
    );
    // Bullets, digits and the punctuation around them are drawn from the
    // body font, which has the dashes and brackets the locales use (the
    // Arabic font has no brackets); Arabic letters keep the Arabic font.
    let arabic_letters = matches!(
        def.pattern.counter,
        Counter::ArabicAbjad | Counter::ArabicAlpha
    );
    if !arabic_letters {
        xml.props(
            "w:rPr",
            RPR_ORDER,
            vec![Prop::new(
                "w:rFonts",
                &[
                    ("w:ascii", font),
                    ("w:hAnsi", font),
                    ("w:cs", font),
                    ("w:hint", "default"),
                ],
            )],
        );
    }
    xml.end("w:lvl");
}

/// Eight hex digits from `seed` and `index`.
fn nsid(seed: &str, index: usize) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in seed.bytes().chain(index.to_le_bytes()) {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    format!("{hash:08X}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_map_to_word_number_formats() {
        assert_eq!(number_format(Counter::ArabicAbjad), "arabicAbjad");
        assert_eq!(number_format(Counter::LowerAlpha), "lowerLetter");
        assert_eq!(number_format(Counter::None), "bullet");
    }

    #[test]
    fn levels_are_written_with_their_pattern() {
        let style = Style::builtin();
        let locale = style.locale(&crate::model::Language("fr".into()));
        let mut numbering = Numbering::new();
        let num = numbering.new_list(0, None);
        let def = Level {
            pattern: LabelPattern::parse("(a)").unwrap(),
            start: 1,
            left: 907,
            hanging: 454,
        };
        assert!(numbering.define(num, 0, def.clone()));
        assert!(numbering.define(num, 0, def.clone()));
        assert!(!numbering.define(num, 0, Level { start: 3, ..def }));
        let xml = String::from_utf8(numbering.to_xml(&style, locale, "X")).unwrap();
        assert!(
            xml.contains(r#"<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%1)"/>"#),
            "{xml}"
        );
        assert_eq!(xml.matches("<w:num ").count(), 1);
        assert_eq!(xml.matches("<w:lvl ").count(), LEVELS);
    }
}
