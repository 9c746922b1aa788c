//! Word list numbering (`numbering.xml`): the labels Word shows before
//! numbered paragraphs, computed as Word computes them.
//!
//! A paragraph names a list instance (`w:num`) and a level; the instance
//! names an abstract definition whose levels give each label's counter,
//! start and text (`%1.`, `(%2)`), and may override a level's start or
//! definition, which is how Word restarts a list. Instances of one
//! abstract definition share their counters unless an override restarts
//! them, and a level's counter starts again when a shallower level moves
//! on.

use std::collections::{HashMap, HashSet};

use crate::model::{Counter, LabelPattern};
use crate::source::tree::Element;

use super::body::w_attr;

/// Word lists have nine levels.
const LEVELS: usize = 9;

/// Where a paragraph is in a Word list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumRef {
    /// The list instance (`w:numId`).
    pub num_id: String,
    /// The level (`w:ilvl`), when given.
    pub level: Option<u8>,
    /// The paragraph's style id: a level linked to the style applies
    /// when the paragraph gives no level.
    pub style: Option<String>,
}

/// A numbered paragraph's label, as Word shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbered {
    /// The label's text: `3.`, `(b)`, `•`; empty for a level numbered
    /// `none`.
    pub label: String,
    /// The level, from 0.
    pub level: u8,
    /// The counter's value.
    pub value: u32,
    /// The label's pattern, when the level's text holds its own counter
    /// once and nothing else varies.
    pub pattern: Option<LabelPattern>,
    /// The logical list: the abstract definition the instance uses.
    pub list: String,
}

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    style: Option<String>,
    legal: bool,
}

#[derive(Debug, Clone, Default)]
struct Abstract {
    levels: Vec<Option<Level>>,
    style_link: Option<String>,
    num_style_link: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    /// Level → the start it restarts at, and a definition replacing the
    /// abstract one.
    overrides: HashMap<u8, (Option<u32>, Option<Level>)>,
}

/// The list definitions of a document.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Abstract>,
    nums: HashMap<String, Num>,
}

fn level(el: &Element) -> Level {
    let val = |name: &str| el.child(name).and_then(|c| w_attr(c, "val"));
    Level {
        start: val("start").and_then(|v| v.parse().ok()).unwrap_or(0),
        format: val("numFmt").unwrap_or("decimal").to_string(),
        text: val("lvlText").unwrap_or_default().to_string(),
        style: val("pStyle").map(String::from),
        legal: el
            .child("isLgl")
            .is_some_and(|e| w_attr(e, "val").is_none_or(|v| !matches!(v, "0" | "false"))),
    }
}

impl Numbering {
    /// Reads `numbering.xml`.
    pub fn read(root: Option<&Element>) -> Numbering {
        let mut out = Numbering::default();
        let Some(root) = root else {
            return out;
        };
        for el in root.elements() {
            match el.name.as_str() {
                "abstractNum" => {
                    let Some(id) = w_attr(el, "abstractNumId") else {
                        continue;
                    };
                    let mut def = Abstract {
                        levels: vec![None; LEVELS],
                        style_link: el
                            .child("styleLink")
                            .and_then(|e| w_attr(e, "val"))
                            .map(String::from),
                        num_style_link: el
                            .child("numStyleLink")
                            .and_then(|e| w_attr(e, "val"))
                            .map(String::from),
                    };
                    for lvl in el.elements().filter(|e| e.name == "lvl") {
                        let at: usize = w_attr(lvl, "ilvl")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0);
                        if at < LEVELS {
                            def.levels[at] = Some(level(lvl));
                        }
                    }
                    out.abstracts.insert(id.to_string(), def);
                }
                "num" => {
                    let Some(id) = w_attr(el, "numId") else {
                        continue;
                    };
                    let abstract_id = el
                        .child("abstractNumId")
                        .and_then(|e| w_attr(e, "val"))
                        .unwrap_or_default()
                        .to_string();
                    let mut num = Num {
                        abstract_id,
                        overrides: HashMap::new(),
                    };
                    for o in el.elements().filter(|e| e.name == "lvlOverride") {
                        let Some(at) = w_attr(o, "ilvl").and_then(|v| v.parse::<u8>().ok()) else {
                            continue;
                        };
                        let start = o
                            .child("startOverride")
                            .and_then(|e| w_attr(e, "val"))
                            .and_then(|v| v.parse().ok());
                        let def = o.child("lvl").map(level);
                        num.overrides.insert(at, (start, def));
                    }
                    out.nums.insert(id.to_string(), num);
                }
                _ => {}
            }
        }
        out
    }

    /// The abstract definition instance `num` numbers with, following a
    /// numbering style's link to the definition that carries its levels.
    fn abstract_of(&self, num: &Num) -> Option<(&str, &Abstract)> {
        let (id, def) = self.abstracts.get_key_value(&num.abstract_id)?;
        if let Some(link) = &def.num_style_link {
            if let Some((id, def)) = self
                .abstracts
                .iter()
                .find(|(_, a)| a.style_link.as_deref() == Some(link.as_str()))
            {
                return Some((id.as_str(), def));
            }
        }
        Some((id.as_str(), def))
    }

    /// Counters at the start of the document.
    pub fn counters(&self) -> Counters<'_> {
        Counters {
            numbering: self,
            values: HashMap::new(),
            used: HashSet::new(),
        }
    }
}

/// The counters of every list, as the document is read in order.
pub struct Counters<'a> {
    numbering: &'a Numbering,
    /// Per abstract definition, each level's last value (`None`: not
    /// started, or started again).
    values: HashMap<String, [Option<u32>; LEVELS]>,
    /// The instances seen, whose start overrides have applied.
    used: HashSet<String>,
}

impl Counters<'_> {
    /// The label of the next paragraph numbered `at`.
    pub fn next(&mut self, at: &NumRef) -> Option<Numbered> {
        let num = self.numbering.nums.get(&at.num_id)?;
        let (list, def) = self.numbering.abstract_of(num)?;
        let level_of = |l: usize| -> Option<Level> {
            num.overrides
                .get(&(l as u8))
                .and_then(|(_, d)| d.clone())
                .or_else(|| def.levels.get(l).cloned().flatten())
        };
        let lvl = match at.level {
            Some(l) => usize::from(l).min(LEVELS - 1),
            None => def
                .levels
                .iter()
                .position(|l| {
                    l.as_ref()
                        .is_some_and(|l| l.style.is_some() && l.style == at.style)
                })
                .unwrap_or(0),
        };
        let this = level_of(lvl)?;
        let values = self
            .values
            .entry(list.to_string())
            .or_insert([None; LEVELS]);
        if self.used.insert(at.num_id.clone()) {
            for (&l, (start, _)) in &num.overrides {
                if let (Some(start), Some(slot)) = (start, values.get_mut(usize::from(l))) {
                    *slot = Some(start.saturating_sub(1));
                }
            }
        }
        let value = match values[lvl] {
            Some(v) => v + 1,
            None => this.start,
        };
        values[lvl] = Some(value);
        for deeper in values.iter_mut().skip(lvl + 1) {
            *deeper = None;
        }
        let snapshot = *values;
        let label = expand(&this.text, |n| {
            let l = usize::from(n);
            let def = level_of(l)?;
            let v = if l == lvl {
                value
            } else {
                snapshot[l].unwrap_or(def.start)
            };
            let format = if this.legal && l != lvl {
                "decimal"
            } else {
                def.format.as_str()
            };
            Some(format_number(format, v))
        });
        let pattern = pattern_of(&this, lvl);
        Some(Numbered {
            label: if this.format == "none" && !this.text.contains('%') {
                String::new()
            } else {
                bullet(&label)
            },
            level: lvl as u8,
            value,
            pattern,
            list: list.to_string(),
        })
    }
}

/// `text` with each `%n` replaced by what `value(n - 1)` gives.
fn expand(text: &str, value: impl Fn(u8) -> Option<String>) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%' {
            if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                chars.next();
                if (1..=9).contains(&d) {
                    out.push_str(&value(d as u8 - 1).unwrap_or_default());
                }
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// The counter Word's `ST_NumberFormat` value `format` writes.
fn counter(format: &str) -> Option<Counter> {
    Some(match format {
        "decimal" => Counter::Decimal,
        "lowerLetter" => Counter::LowerAlpha,
        "upperLetter" => Counter::UpperAlpha,
        "lowerRoman" => Counter::LowerRoman,
        "upperRoman" => Counter::UpperRoman,
        "arabicAbjad" => Counter::ArabicAbjad,
        "arabicAlpha" => Counter::ArabicAlpha,
        "hindiNumbers" => Counter::ArabicIndic,
        _ => return None,
    })
}

/// `value` written in `format`.
fn format_number(format: &str, value: u32) -> String {
    match (format, counter(format)) {
        (_, Some(c)) => c.format(value),
        ("decimalZero", _) => format!("{value:02}"),
        ("none" | "bullet", _) => String::new(),
        _ => value.to_string(),
    }
}

/// The label's pattern when level `lvl`'s text holds only its own counter.
fn pattern_of(level: &Level, lvl: usize) -> Option<LabelPattern> {
    if level.format == "bullet" {
        return Some(LabelPattern {
            prefix: String::new(),
            counter: Counter::None,
            suffix: bullet(&level.text),
        });
    }
    let counter = counter(&level.format)?;
    let own = format!("%{}", lvl + 1);
    let at = level.text.find(&own)?;
    let (prefix, suffix) = (&level.text[..at], &level.text[at + own.len()..]);
    if prefix.contains('%') || suffix.contains('%') {
        return None;
    }
    Some(LabelPattern {
        prefix: prefix.to_string(),
        counter,
        suffix: suffix.to_string(),
    })
}

/// A bullet of a symbol font (a private-use character) as the bullet it
/// shows.
fn bullet(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{F0A7}' => '▪',
            '\u{E000}'..='\u{F8FF}' => '•',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::tree::{Root, parse};

    fn numbering(xml: &str) -> Numbering {
        let text = format!(
            r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{xml}</w:numbering>"#
        );
        let root = Root {
            name: "numbering",
            hint: "",
        };
        let (el, _) = parse(&text, 0, root).unwrap();
        Numbering::read(Some(&el))
    }

    fn at(num: &str, level: u8) -> NumRef {
        NumRef {
            num_id: num.into(),
            level: Some(level),
            style: None,
        }
    }

    const TWO_LEVELS: &str = r#"<w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%3)"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/>
        <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#;

    #[test]
    fn levels_count_and_restart_as_in_word() {
        let n = numbering(TWO_LEVELS);
        let mut c = n.counters();
        let labels: Vec<String> = [
            at("1", 0),
            at("1", 1),
            at("1", 1),
            at("1", 2),
            at("1", 0),
            at("1", 1),
        ]
        .iter()
        .map(|a| c.next(a).unwrap().label)
        .collect();
        assert_eq!(labels, ["1.", "(a)", "(b)", "i)", "2.", "(a)"]);
        // The same list continues in another instance…
        assert_eq!(c.next(&at("1", 0)).unwrap().label, "3.");
        // …unless the instance restarts it.
        assert_eq!(c.next(&at("2", 0)).unwrap().label, "1.");
        assert_eq!(c.next(&at("2", 0)).unwrap().label, "2.");
    }

    #[test]
    fn patterns_come_from_the_level_text() {
        let n = numbering(TWO_LEVELS);
        let first = n.counters().next(&at("1", 1)).unwrap();
        assert_eq!(first.pattern, LabelPattern::parse("(a)"));
        assert_eq!(first.label, "(a)");
    }

    #[test]
    fn bullets_of_symbol_fonts_are_bullets() {
        let n = numbering(
            r#"<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl></w:abstractNum>
            <w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num>"#,
        );
        assert_eq!(n.counters().next(&at("7", 0)).unwrap().label, "•");
    }
}
