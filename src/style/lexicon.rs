//! The words by which the text reader recognises the parts of a resolution
//! in one language: the opening phrases of preamble and operative clauses,
//! enacting formulas, organisations and bodies, header labels, adoption and
//! vote phrasing.
//!
//! Like every language fact they are data, in `styles/locales/lexicon/`
//! beside the locales: one file a language, written by hand above a marker
//! line and completed below it by `scripts/lexicon`, which counts the
//! phrases the UN marks in its Akoma Ntoso. Adding a language to the text
//! reader is adding a file.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::StyleFiles;

/// The folder of the lexicons, relative to a style's folder.
pub const LEXICON_FOLDER: &str = "locales/lexicon";

/// What the text reader knows of one language.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Lexicon {
    /// Primary language subtag, as in the locale file.
    pub language: String,
    /// Phrases written by hand.
    #[serde(default)]
    pub phrases: Phrases,
    /// Organisations by the name they are printed with, and their short
    /// form ("O.I.P.C.-INTERPOL" → "INTERPOL").
    #[serde(default)]
    pub organisations: BTreeMap<String, String>,
    /// Labels and words of the heading material.
    #[serde(default)]
    pub header: Header,
    /// Adoption, meeting and vote phrasing.
    #[serde(default)]
    pub closing: Closing,
    /// Phrases counted in the corpus by `scripts/lexicon`.
    #[serde(default)]
    pub corpus: Corpus,
}

/// Hand-written phrases.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Phrases {
    /// Opening phrases of preamble clauses ("SACHANT", "Recalling").
    #[serde(default)]
    pub preamble: Vec<String>,
    /// Opening phrases of operative clauses ("APPROUVE", "Decides").
    #[serde(default)]
    pub operative: Vec<String>,
    /// Enacting formulas, without their comma ("The General Assembly").
    #[serde(default)]
    pub openings: Vec<String>,
    /// Names of issuing bodies ("General Assembly").
    #[serde(default)]
    pub bodies: Vec<String>,
}

/// Words of the heading material.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Header {
    /// What comes before the number in a title line ("Resolution No.").
    #[serde(default)]
    pub titles: Vec<String>,
    /// Labels of the subject line ("Subject:").
    #[serde(default)]
    pub subjects: Vec<String>,
    /// The word after a session's ordinal ("session").
    #[serde(default)]
    pub sessions: Vec<String>,
    /// What opens an agenda line ("Agenda item").
    #[serde(default)]
    pub agenda: Vec<String>,
    /// Suffixes of ordinals in digits ("th", "ème").
    #[serde(default)]
    pub ordinal_suffixes: Vec<String>,
}

/// Adoption, meeting and vote phrasing.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Closing {
    /// What opens an adoption line ("Adopted").
    #[serde(default)]
    pub adopted: Vec<String>,
    /// What opens the line of a draft that failed ("Not adopted").
    #[serde(default)]
    pub not_adopted: Vec<String>,
    /// The word after a meeting's ordinal ("plenary meeting").
    #[serde(default)]
    pub meetings: Vec<String>,
    /// How votes in favour are written; `{n}` is the number.
    #[serde(default)]
    pub in_favour: Vec<String>,
    /// How votes against are written.
    #[serde(default)]
    pub against: Vec<String>,
    /// How abstentions are written.
    #[serde(default)]
    pub abstaining: Vec<String>,
    /// Numbers in words, from zero.
    #[serde(default)]
    pub numbers: Vec<String>,
}

/// Phrases counted in the corpus, commonest first.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Corpus {
    /// Opening phrases of preamble clauses.
    #[serde(default)]
    pub preamble: Vec<String>,
    /// Opening phrases of operative clauses.
    #[serde(default)]
    pub operative: Vec<String>,
    /// Enacting formulas.
    #[serde(default)]
    pub openings: Vec<String>,
    /// Publishing organisations.
    #[serde(default)]
    pub organisations: Vec<String>,
    /// Issuing bodies.
    #[serde(default)]
    pub bodies: Vec<String>,
}

impl Lexicon {
    /// Parses a lexicon file.
    pub fn parse(bytes: &[u8]) -> Result<Lexicon, String> {
        let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
        toml::from_str(text).map_err(|e| e.message().to_string())
    }

    /// Every preambular phrase, hand-written first.
    pub fn preamble(&self) -> impl Iterator<Item = &str> {
        self.phrases
            .preamble
            .iter()
            .chain(&self.corpus.preamble)
            .map(String::as_str)
    }

    /// Every operative phrase, hand-written first.
    pub fn operative(&self) -> impl Iterator<Item = &str> {
        self.phrases
            .operative
            .iter()
            .chain(&self.corpus.operative)
            .map(String::as_str)
    }

    /// Every enacting formula.
    pub fn openings(&self) -> impl Iterator<Item = &str> {
        self.phrases
            .openings
            .iter()
            .chain(&self.corpus.openings)
            .map(String::as_str)
    }

    /// Every body name.
    pub fn bodies(&self) -> impl Iterator<Item = &str> {
        self.phrases
            .bodies
            .iter()
            .chain(&self.corpus.bodies)
            .map(String::as_str)
    }

    /// Every organisation, with its short form when the lexicon gives one.
    pub fn organisations(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.organisations
            .iter()
            .map(|(name, short)| (name.as_str(), Some(short.as_str())))
            .chain(self.corpus.organisations.iter().map(|n| (n.as_str(), None)))
    }
}

/// The lexicons compiled into the binary (`styles/locales/lexicon/*.toml`).
/// A file that does not parse is an error of the build, caught by the
/// tests; it is left out here.
pub fn builtin_lexicons() -> Vec<Lexicon> {
    let files = StyleFiles::Builtin;
    let names = files.list(LEXICON_FOLDER, "toml").unwrap_or_default();
    names
        .iter()
        .filter_map(|name| {
            let bytes = files.read_asset(&format!("{LEXICON_FOLDER}/{name}")).ok()?;
            Lexicon::parse(&bytes).ok()
        })
        .collect()
}
