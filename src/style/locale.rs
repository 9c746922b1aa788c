//! Locale data: what respub knows of one language, and the words and marks
//! a style prints around the text of a resolution in it.
//!
//! Every language fact lives in a locale file (`styles/locales/fr.toml`):
//! its direction and script, the tags other formats know it by, its
//! labels, quotation marks, apostrophe and spacing rules. Adding a language
//! is adding a file; no code names a language.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::model::{Date, Direction, LabelPattern, StatusKind};

/// What a style prints in one language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Locale {
    /// Primary language subtag (`fr`).
    pub language: String,
    /// The language's name in itself ("Français").
    pub name: String,
    /// Writing direction.
    #[serde(deserialize_with = "direction")]
    pub direction: Direction,
    /// The script the language is written in (`latin`, `arabic`): the key
    /// of the style's font for it under `[fonts.scripts]`; a script the
    /// style gives no font is set in the body font.
    pub script: String,
    /// The tag Word's proofing tools expect for a bare language tag, with
    /// the region whose conventions the organisations follow (`fr-FR`).
    pub word_language: String,
    /// The ISO 639-2/T code of the language, as Akoma Ntoso writes it
    /// (`fra`).
    #[serde(rename = "iso639-2")]
    pub iso639_2: String,
    /// Other ISO 639-2 codes that name the language (bibliographic `fre`).
    #[serde(default, rename = "iso639-2-aliases")]
    pub iso639_2_aliases: Vec<String>,
    /// Printed labels.
    pub labels: Labels,
    /// Quotation marks.
    pub quotes: Quotes,
    /// Apostrophe and spacing rules.
    #[serde(default)]
    pub typography: Typography,
    /// Default label patterns of list levels, outermost first.
    #[serde(deserialize_with = "patterns")]
    pub list_patterns: Vec<LabelPattern>,
    /// How ordinal numbers are written ("40th").
    #[serde(default)]
    pub ordinals: Ordinals,
    /// Whether page numbers are written in Arabic-Indic digits.
    #[serde(default)]
    pub arabic_indic_digits: bool,
    /// Names of the months, January first.
    #[serde(deserialize_with = "months")]
    pub months: Vec<String>,
    /// How a date is written: "{day} {month} {year}".
    pub date: String,
    /// How the language drafts clauses, for `respub lint`.
    #[serde(default)]
    pub drafting: super::Drafting,
    /// The words of a redline, for `respub compare`.
    #[serde(default)]
    pub redline: Option<RedlineLabels>,
}

/// The words of a redline: its summary of changes, and what assistive
/// technology says of inserted and deleted text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RedlineLabels {
    /// The summary line: "Changes from the previous version: {changes}."
    pub summary: String,
    /// The summary line of two versions that do not differ.
    pub no_changes: String,
    /// "{n} clauses inserted".
    pub inserted: Plural,
    /// "{n} clauses deleted".
    pub deleted: Plural,
    /// "{n} clauses changed".
    pub changed: Plural,
    /// "{n} clauses moved".
    pub moved: Plural,
    /// Between the counts of the summary: ", ".
    pub separator: String,
    /// Said of inserted text: "inserted".
    pub inserted_text: String,
    /// Said of deleted text: "deleted".
    pub deleted_text: String,
}

/// A phrase with a count, `{n}`, in the forms the language gives one and
/// more than one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Plural {
    /// The form for 1.
    pub one: String,
    /// The form for other counts.
    pub other: String,
}

impl Plural {
    /// The phrase for `n`.
    pub fn of(&self, n: usize) -> String {
        let form = if n == 1 { &self.one } else { &self.other };
        form.replace("{n}", &n.to_string())
    }
}

impl RedlineLabels {
    /// The summary line for these counts of inserted, deleted, changed and
    /// moved parts; only counts above zero are named.
    pub fn summary_of(&self, counts: [usize; 4]) -> String {
        let phrases = [&self.inserted, &self.deleted, &self.changed, &self.moved];
        let named: Vec<String> = counts
            .iter()
            .zip(phrases)
            .filter(|(n, _)| **n > 0)
            .map(|(n, p)| p.of(*n))
            .collect();
        if named.is_empty() {
            self.no_changes.clone()
        } else {
            self.summary
                .replace("{changes}", &named.join(&self.separator))
        }
    }
}

/// Labels. `{number}`, `{page}` and `{pages}` are replaced where shown.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Labels {
    /// The title: "Résolution N° {number}".
    pub title: String,
    /// Before the subject line: "Objet :".
    pub subject: String,
    /// Page numbering in the footer: "page {page} / {pages}".
    pub page: String,
    /// Default label of an annex without one: "Annexe".
    pub annex: String,
    /// Heading of the notes section in reflowable formats.
    pub notes: String,
    /// Heading of the table of contents.
    pub contents: String,
    /// Name of the preamble, for navigation.
    pub preamble: String,
    /// Name of the operative part, for navigation.
    pub operative: String,
    /// Text of the link from a note back to its anchor.
    pub back_to_text: String,
    /// Description of the document for assistive technology; `{title}` is
    /// replaced by the title.
    pub summary: String,
    /// The distribution line: "Distr. : {distribution}".
    pub distribution: String,
    /// "Adoptée".
    pub status_adopted: String,
    /// "Non adoptée".
    pub status_not_adopted: String,
    /// "Projet".
    pub status_draft: String,
    /// "Retirée".
    pub status_withdrawn: String,
    /// Alternative text of the emblem: "Emblème de {organisation}".
    pub emblem: String,
    /// Alternative text of the emblem of a document that names no
    /// organisation: "Emblème".
    pub emblem_alone: String,
    /// The agenda item line: "Agenda item {item}". Printed by styles that
    /// show the session (`title.session`).
    #[serde(default)]
    pub agenda_item: Option<String>,
    /// The adoption line of the title block: "Resolution adopted by the
    /// {body} on {date}". Printed by styles that show it
    /// (`title.adopted-by`), usually set in the style's `[labels.LANG]`.
    #[serde(default)]
    pub adopted_by: Option<String>,
    /// The committee line of a resolution adopted on a committee's report:
    /// "[on the report of the {committee} ({document})]".
    #[serde(default)]
    pub committee_report: Option<String>,
    /// The committee line of a draft adopted without reference to a
    /// committee: "[without reference to a Main Committee ({document})]".
    #[serde(default)]
    pub committee_none: Option<String>,
    /// The meeting that closes the text, over the date: "{meeting} plenary
    /// meeting", `{meeting}` being the ordinal of the meeting's number.
    #[serde(default)]
    pub meeting: Option<String>,
}

impl Labels {
    /// The label of a status.
    pub fn status(&self, kind: StatusKind) -> &str {
        match kind {
            StatusKind::Adopted => &self.status_adopted,
            StatusKind::NotAdopted => &self.status_not_adopted,
            StatusKind::Draft => &self.status_draft,
            StatusKind::Withdrawn => &self.status_withdrawn,
        }
    }

    /// The title for resolution `number`.
    pub fn title_for(&self, number: &str) -> String {
        self.title.replace("{number}", number)
    }

    /// The page label for page `page` of `pages`.
    pub fn page_of(&self, page: &str, pages: &str) -> String {
        self.page.replace("{page}", page).replace("{pages}", pages)
    }

    /// The alternative text of the emblem of `organisation`.
    pub fn emblem_for(&self, organisation: &str) -> String {
        if organisation.trim().is_empty() {
            self.emblem_alone.clone()
        } else {
            self.emblem.replace("{organisation}", organisation.trim())
        }
    }
}

/// How the language writes an ordinal number ("40th", "40e", "40ª"):
/// `{n}` in a form stands for the number.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Ordinals {
    /// The form of numbers no other rule names: "{n}th".
    pub default: String,
    /// The forms of numbers that end in these digits, the longest ending
    /// winning: `{ "1" = "{n}st", "11" = "{n}th" }`.
    #[serde(default)]
    pub endings: BTreeMap<String, String>,
    /// The forms of these numbers exactly: `{ "1" = "{n}re" }`.
    #[serde(default)]
    pub numbers: BTreeMap<String, String>,
}

impl Default for Ordinals {
    fn default() -> Self {
        Ordinals {
            default: "{n}".into(),
            endings: BTreeMap::new(),
            numbers: BTreeMap::new(),
        }
    }
}

impl Ordinals {
    /// The ordinal of the number `n` ("40" → "40th"). Text that is not a
    /// number is returned as it is.
    pub fn of(&self, n: &str) -> String {
        let n = n.trim();
        if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit()) {
            return n.to_string();
        }
        let form = self.numbers.get(n).or_else(|| {
            self.endings
                .iter()
                .filter(|(ending, _)| n.ends_with(ending.as_str()))
                .max_by_key(|(ending, _)| ending.len())
                .map(|(_, form)| form)
        });
        form.unwrap_or(&self.default).replace("{n}", n)
    }
}

/// How the language spaces its punctuation and writes its apostrophe.
/// Rules only ever change spaces and the apostrophe, never a word.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Typography {
    /// What a typed `'` after a letter becomes (`’`); unset, it stays.
    pub apostrophe: Option<char>,
    /// The space the language puts before a mark (`;` → narrow).
    #[serde(default)]
    pub space_before: BTreeMap<char, Space>,
    /// The space the language puts after a mark (`«` → narrow, `¿` → none).
    #[serde(default)]
    pub space_after: BTreeMap<char, Space>,
    /// Whether a space the rules call for is inserted where none was
    /// typed (`mot;` → `mot ;`). Never between two letters or digits, so
    /// times (`10:55`) and ratios stay as written.
    #[serde(default)]
    pub insert_missing: bool,
    /// Abbreviations kept on the line of the number that follows them,
    /// with a no-break space (`N° 16`, `No. 6`).
    #[serde(default)]
    pub bind_to_number: Vec<String>,
}

/// A space a typographic rule calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Space {
    /// U+202F, the narrow no-break space.
    Narrow,
    /// U+00A0, the no-break space.
    NoBreak,
    /// No space at all.
    None,
}

impl Space {
    /// The character of the space, if it is one.
    pub fn char(self) -> Option<char> {
        match self {
            Space::Narrow => Some('\u{202f}'),
            Space::NoBreak => Some('\u{a0}'),
            Space::None => None,
        }
    }
}

/// A piece of a page label: text, the page number or the page count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageLabelPart<'a> {
    /// Printed as is.
    Text(&'a str),
    /// The current page (`{page}`).
    Page,
    /// The number of pages (`{pages}`).
    Pages,
}

/// Splits a page label such as "page {page} / {pages}" around its
/// placeholders, for writers that print live page numbers. A brace that
/// opens no placeholder is text, ending a piece of its own.
pub fn page_label_parts(label: &str) -> Vec<PageLabelPart<'_>> {
    let mut parts = Vec::new();
    let mut rest = label;
    while let Some(at) = rest.find('{') {
        // `{pages}` first: `{page}` is its prefix.
        let (part, len) = if rest[at..].starts_with("{pages}") {
            (PageLabelPart::Pages, "{pages}".len())
        } else if rest[at..].starts_with("{page}") {
            (PageLabelPart::Page, "{page}".len())
        } else {
            parts.push(PageLabelPart::Text(&rest[..=at]));
            rest = &rest[at + 1..];
            continue;
        };
        if at > 0 {
            parts.push(PageLabelPart::Text(&rest[..at]));
        }
        parts.push(part);
        rest = &rest[at + len..];
    }
    if !rest.is_empty() {
        parts.push(PageLabelPart::Text(rest));
    }
    parts
}

/// Quotation marks, with the spaces the language puts inside them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Quotes {
    /// Opening mark of a quotation: "«\u{202F}".
    pub open: String,
    /// Closing mark: "\u{202F}»".
    pub close: String,
    /// Opening mark of a quotation inside a quotation.
    pub inner_open: String,
    /// Closing mark of a quotation inside a quotation.
    pub inner_close: String,
}

impl Locale {
    /// Parses a locale file, with a style's label overrides merged in.
    pub fn parse(bytes: &[u8], overrides: Option<&toml::Table>) -> Result<Locale, String> {
        let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
        let mut table: toml::Table = toml::from_str(text).map_err(|e| e.message().to_string())?;
        if let Some(overrides) = overrides {
            let labels = table
                .entry("labels")
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            if let toml::Value::Table(labels) = labels {
                for (k, v) in overrides {
                    labels.insert(k.clone(), v.clone());
                }
            }
        }
        Locale::deserialize(toml::Value::Table(table)).map_err(|e| e.message().to_string())
    }

    /// A date written the way the language writes it ("10 janvier 2024").
    pub fn format_date(&self, date: Date) -> String {
        let month = self
            .months
            .get(usize::from(date.month()) - 1)
            .map_or("", String::as_str);
        self.date
            .replace("{day}", &date.day().to_string())
            .replace("{month}", month)
            .replace("{year}", &date.year().to_string())
    }

    /// The default pattern of list level `depth` (0 for the outermost).
    pub fn list_pattern(&self, depth: usize) -> LabelPattern {
        self.list_patterns
            .get(depth)
            .or(self.list_patterns.last())
            .cloned()
            .unwrap_or_default()
    }
}

fn direction<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Direction, D::Error> {
    match String::deserialize(d)?.as_str() {
        "ltr" => Ok(Direction::Ltr),
        "rtl" => Ok(Direction::Rtl),
        other => Err(serde::de::Error::custom(format!(
            "direction `{other}` must be `ltr` or `rtl`"
        ))),
    }
}

fn months<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let months = Vec::<String>::deserialize(d)?;
    if months.len() != 12 {
        return Err(serde::de::Error::custom(format!(
            "`months` lists {} names; it needs 12",
            months.len()
        )));
    }
    Ok(months)
}

fn patterns<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<LabelPattern>, D::Error> {
    Vec::<String>::deserialize(d)?
        .iter()
        .map(|s| {
            LabelPattern::parse(s).ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "`{s}` is not a label pattern such as `1.` or `(a)`"
                ))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_follow_the_longest_ending() {
        let toml = r#"
            default = "{n}th"
            endings = { "1" = "{n}st", "2" = "{n}nd", "3" = "{n}rd", "11" = "{n}th", "12" = "{n}th", "13" = "{n}th" }
        "#;
        let en: Ordinals = toml::from_str(toml).unwrap();
        let got: Vec<String> = [
            "1", "2", "3", "4", "11", "12", "21", "40", "111", "112", "123", "x",
        ]
        .iter()
        .map(|n| en.of(n))
        .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "21st", "40th", "111th", "112th",
                "123rd", "x"
            ]
        );
        let fr: Ordinals =
            toml::from_str("default = \"{n}e\"\nnumbers = { \"1\" = \"{n}re\" }").unwrap();
        assert_eq!(
            (fr.of("1"), fr.of("21"), fr.of("40")),
            ("1re".into(), "21e".into(), "40e".into())
        );
    }
}
