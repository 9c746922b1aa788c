//! `respub lint`: the house rules a drafting officer checks before a
//! resolution goes out, and the parity of its language versions.
//!
//! Lint works on the model, after a reader has accepted the source: it
//! never changes a document and never stops a build. Each rule is a
//! [`Rule`] with a name, printed as the diagnostic's code
//! (`warning[clause-punctuation]`), that a style (`[lint] allow`) or a
//! source (`<lint allow="…"/>`) can switch off. What a rule knows of a
//! language is data: the `[drafting]` table of the locale
//! ([`crate::style::Drafting`]) and the opening phrases of the lexicon
//! ([`crate::style::Lexicon`]), shared with the text reader.
//!
//! Precision matters more than recall: published resolutions must lint
//! clean, so a rule that cannot tell a defect from a correct text keeps
//! quiet.

mod clauses;
mod dates;
mod marks;
mod numbering;
mod parity;
mod references;
mod text;

use std::fmt;

use crate::diag::{Diagnostic, Severity};
use crate::model::{Resolution, Span};
use crate::style::{Drafting, Lexicon, Style};

pub use text::Phrases;

/// A drafting rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// A preamble clause ends with a comma; an operative clause with a
    /// semicolon, the last one with a full stop.
    ClausePunctuation,
    /// The items of a list, but the last, end with the same mark.
    ListPunctuation,
    /// A preamble clause opens with an operative verb.
    PreambleOperativeVerb,
    /// An operative clause opens with a participle.
    OperativeParticiple,
    /// An opening phrase the lexicon does not know (information).
    UnknownPhrase,
    /// Operative paragraph numbers that skip or repeat.
    ClauseNumbering,
    /// A lone operative paragraph that is numbered.
    LoneNumbered,
    /// List labels out of sequence.
    ListNumbering,
    /// A reference to a paragraph or sub-paragraph the text does not have.
    CrossReference,
    /// A word written twice in a row.
    RepeatedWord,
    /// A bracket or quotation mark that is never closed or closes nothing.
    Unbalanced,
    /// Dates of the metadata that contradict each other.
    Dates,
    /// Language versions of one resolution whose structure differs.
    Parity,
    /// A rule name in an `allow` list that is no rule.
    UnknownRule,
}

impl Rule {
    /// Every rule.
    pub const ALL: [Rule; 14] = [
        Rule::ClausePunctuation,
        Rule::ListPunctuation,
        Rule::PreambleOperativeVerb,
        Rule::OperativeParticiple,
        Rule::UnknownPhrase,
        Rule::ClauseNumbering,
        Rule::LoneNumbered,
        Rule::ListNumbering,
        Rule::CrossReference,
        Rule::RepeatedWord,
        Rule::Unbalanced,
        Rule::Dates,
        Rule::Parity,
        Rule::UnknownRule,
    ];

    /// The name a user writes in `allow` lists and sees in diagnostics.
    pub fn name(self) -> &'static str {
        match self {
            Rule::ClausePunctuation => "clause-punctuation",
            Rule::ListPunctuation => "list-punctuation",
            Rule::PreambleOperativeVerb => "preamble-operative-verb",
            Rule::OperativeParticiple => "operative-participle",
            Rule::UnknownPhrase => "unknown-phrase",
            Rule::ClauseNumbering => "clause-numbering",
            Rule::LoneNumbered => "lone-numbered",
            Rule::ListNumbering => "list-numbering",
            Rule::CrossReference => "cross-reference",
            Rule::RepeatedWord => "repeated-word",
            Rule::Unbalanced => "unbalanced",
            Rule::Dates => "dates",
            Rule::Parity => "parity",
            Rule::UnknownRule => "unknown-rule",
        }
    }

    /// The rule called `name`.
    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.name() == name)
    }

    /// How serious its findings are.
    pub fn severity(self) -> Severity {
        match self {
            Rule::UnknownPhrase => Severity::Note,
            _ => Severity::Warning,
        }
    }

    /// A finding of this rule.
    fn finding(self, message: impl Into<String>, span: Option<Span>) -> Diagnostic {
        let d = match self.severity() {
            Severity::Note => Diagnostic::note(message),
            Severity::Warning => Diagnostic::warning(message),
            Severity::Error => Diagnostic::error(message),
        };
        d.at(span).with_code(self.name())
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One source to lint: its model, the name it is shown by and the style
/// it is published in.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    /// The resolution.
    pub res: &'a Resolution,
    /// The path, as diagnostics name the file.
    pub name: &'a str,
    /// The style `build` would choose for it.
    pub style: &'a Style,
}

/// What the rules of one document read: the document and its language's
/// conventions.
struct Context<'a> {
    res: &'a Resolution,
    drafting: &'a Drafting,
    phrases: &'a Phrases,
}

/// The findings of every rule on every document, in the order of `docs`:
/// each document's own rules, then the parity of the documents that share
/// a reference. `lexicons` gives the opening phrases of each language.
pub fn lint(docs: &[Document<'_>], lexicons: &[Lexicon]) -> Vec<Vec<Diagnostic>> {
    use rayon::prelude::*;
    let phrases: Vec<Phrases> = lexicons.iter().map(Phrases::new).collect();
    let none = Phrases::default();
    let (mut found, headings): (Vec<Vec<Diagnostic>>, Vec<parity::Headings>) = docs
        .par_iter()
        .map(|doc| {
            let language = doc.res.meta.language.primary();
            let phrases = lexicons
                .iter()
                .position(|l| l.language == language)
                .map_or(&none, |i| &phrases[i]);
            let cx = Context {
                res: doc.res,
                drafting: &doc.style.locale(&doc.res.meta.language).drafting,
                phrases,
            };
            (one(&cx), parity::Headings::of(&cx))
        })
        .unzip();
    for (i, findings) in parity::check(docs, &headings) {
        found[i].extend(findings);
    }
    docs.iter()
        .zip(found)
        .map(|(doc, findings)| allowed(doc, findings))
        .collect()
}

/// The findings of the rules that look at one document alone.
fn one(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    clauses::check(cx, &mut out);
    numbering::check(cx, &mut out);
    references::check(cx, &mut out);
    marks::check(cx, &mut out);
    dates::check(cx, &mut out);
    out
}

/// `findings` without those of the rules the style or the source switch
/// off, with a warning for each name in their lists that is no rule.
fn allowed(doc: &Document<'_>, findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let lists = [
        (&doc.style.lint.allow, "the style"),
        (&doc.res.meta.lint_allow, "`<lint allow>`"),
    ];
    let mut off = Vec::new();
    let mut out = Vec::new();
    for (names, whose) in lists {
        for name in names {
            match Rule::from_name(name) {
                Some(rule) => off.push(rule),
                None => out.push(
                    Rule::UnknownRule
                        .finding(
                            format!(
                                "{whose} switches off `{}`, which is no rule of respub lint",
                                crate::diag::escape(name)
                            ),
                            doc.res.meta.span,
                        )
                        .with_hint(format!(
                            "the rules are: {}",
                            Rule::ALL.map(Rule::name).join(", ")
                        )),
                ),
            }
        }
    }
    out.extend(findings.into_iter().filter(|d| {
        !d.code
            .and_then(Rule::from_name)
            .is_some_and(|rule| off.contains(&rule))
    }));
    if off.contains(&Rule::UnknownRule) {
        out.retain(|d| d.code != Some(Rule::UnknownRule.name()));
    }
    out
}
