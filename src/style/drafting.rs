//! The drafting conventions of one language, as `respub lint` checks them:
//! how clauses and list items end, how a text refers to its own
//! paragraphs, which words may stand twice in a row and which marks pair.
//!
//! They are the `[drafting]` table of a locale file
//! (`styles/locales/fr.toml`); a locale without one gives the rules that
//! need them nothing to check. The opening phrases the rules also need are
//! the lexicon's (`styles/locales/lexicon/`), shared with the text reader.

use serde::Deserialize;

/// What `respub lint` knows of how a language drafts resolutions.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Drafting {
    /// The marks that end a preamble clause (`,`).
    #[serde(default)]
    pub preamble_end: Vec<String>,
    /// The marks that end an operative clause other than the last (`;`).
    #[serde(default)]
    pub operative_end: Vec<String>,
    /// The marks that end the last operative clause (`.`).
    #[serde(default)]
    pub last_end: Vec<String>,
    /// The marks that end a clause whose text goes on in the paragraphs
    /// after it (`:` before a list the source keeps as paragraphs).
    #[serde(default)]
    pub intro_end: Vec<String>,
    /// Words that may follow the mark of a list item but the last, before
    /// the last item: "and" in "(b) …; and".
    #[serde(default)]
    pub list_joiners: Vec<String>,
    /// Marks a text may close with after its final mark: quotation marks
    /// and brackets of a quotation that ends the clause.
    #[serde(default)]
    pub closers: Vec<String>,
    /// Words that name paragraphs of a text before their numbers
    /// ("paragraph", "paragraphs", "subparagraph").
    #[serde(default)]
    pub paragraph_words: Vec<String>,
    /// Letters that may be joined to the front of a paragraph word (the
    /// Arabic conjunctions and prepositions: و, ب, ل).
    #[serde(default)]
    pub word_prefixes: Vec<String>,
    /// Words between the numbers of one reference ("and", "to", ",").
    #[serde(default)]
    pub number_joiners: Vec<String>,
    /// What after the numbers says the paragraphs are this text's
    /// ("above", "below", "of the present resolution").
    #[serde(default)]
    pub here: Vec<String>,
    /// What after the numbers says they are another document's ("of").
    #[serde(default)]
    pub elsewhere: Vec<String>,
    /// Words that name another document; a paragraph named after one of
    /// them in the same clause, without `here`, may be that document's
    /// ("resolution", "report", "annex").
    #[serde(default)]
    pub documents: Vec<String>,
    /// Words that may stand twice in a row ("had had", "nous nous").
    #[serde(default)]
    pub may_repeat: Vec<String>,
    /// Words that name an annex in a heading ("Annex", "المرفق"): an
    /// annex the Akoma Ntoso reader finds in a main body opens with one.
    #[serde(default)]
    pub annex_words: Vec<String>,
    /// Marks that open and close in pairs, each written opening mark then
    /// closing mark: `"()"`, `"«»"`.
    #[serde(default)]
    pub pairs: Vec<String>,
}

impl Drafting {
    /// The pairs of marks, as (opening, closing) characters; an entry that
    /// is not two characters is left out.
    pub fn pair_chars(&self) -> Vec<(char, char)> {
        self.pairs
            .iter()
            .filter_map(|p| {
                let mut chars = p.chars();
                match (chars.next(), chars.next(), chars.next()) {
                    (Some(open), Some(close), None) => Some((open, close)),
                    _ => None,
                }
            })
            .collect()
    }
}
