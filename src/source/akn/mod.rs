//! The Akoma Ntoso reader: AKN 3.0 documents, as the United Nations
//! publishes them (AKN4UN), to the model.
//!
//! Real files are imperfect: a part the reader does not understand is
//! reported as a warning at its line and column and skipped, never silently
//! dropped and never fatal. Only a file that is not well-formed XML, is not
//! Akoma Ntoso or is hostile (DOCTYPE, entities, absurd depth) is refused.

mod body;
mod inline;
mod labels;
mod layout;
mod meta;

use crate::akn::NAMESPACE as AKN_NS;

use crate::diag::{DiagResult, Diagnostic, Warned};
use crate::model::{Clause, Paragraph, Resolution};

use super::SourceFile;
use super::decode::decode;
use super::tree::{self, Element, Root};

/// Document types whose structure the reader knows.
const DOCUMENTS: &[&str] = &["statement", "doc", "act", "bill"];

/// What an Akoma Ntoso file is, for messages about a file that is not one.
const ROOT: Root = Root {
    name: "akomaNtoso",
    hint: "an Akoma Ntoso document is one `<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">` element",
};

/// Whether the file's root element is `akomaNtoso`, so that it should be
/// read by this reader.
pub fn recognises(file: &SourceFile) -> bool {
    super::root_element(&file.bytes).is_some_and(|name| name == "akomaNtoso")
}

/// Reads an Akoma Ntoso file.
pub fn read(file: &SourceFile) -> DiagResult<Warned<Resolution>> {
    let (text, base) = decode(&file.bytes, ROOT.hint).map_err(|d| vec![d])?;
    let (root, parse_warnings) = tree::parse(text, base, ROOT)?;
    if root.name != "akomaNtoso" {
        return Err(vec![
            Diagnostic::error(format!(
                "the root element is `{}`, not `akomaNtoso`",
                root.name
            ))
            .at(root.name_span()),
        ]);
    }
    let mut ctx = Ctx {
        warnings: parse_warnings,
        ..Ctx::default()
    };
    if !root.in_namespace(AKN_NS) {
        ctx.warn(
            &root,
            format!(
                "the root element is not in the Akoma Ntoso 3.0 namespace `{AKN_NS}`; reading it as AKN 3.0 anyway"
            ),
        );
    }
    let Some(doc) = root
        .elements()
        .find(|e| DOCUMENTS.contains(&e.name.as_str()))
    else {
        let found = root
            .elements()
            .next()
            .map_or("nothing".to_string(), |e| format!("`{}`", e.name));
        return Err(vec![
            Diagnostic::error(format!(
                "respub reads AKN `statement`, `doc`, `act` and `bill` documents; this file holds {found}"
            ))
            .at(root.span),
        ]);
    };
    for other in root.elements().filter(|e| !std::ptr::eq(*e, doc)) {
        ctx.skip(other, "is a second document in the file");
    }
    let mut resolution = ctx.document(doc);
    if resolution.meta.reference.0.trim().is_empty() && !resolution.meta.number.0.trim().is_empty()
    {
        // A real file may leave its symbol empty; a Security Council
        // resolution's symbol follows from its number.
        let number = resolution.meta.number.0.trim().to_string();
        let council = doc
            .find("FRBRuri")
            .and_then(|u| u.attr("value"))
            .is_some_and(|u| u.contains("/unsc/"));
        let symbol = if council {
            format!("S/RES/{number}")
        } else {
            number
        };
        ctx.warnings.push(
            Diagnostic::warning(format!(
                "the document has no symbol; `{symbol}` is used, from its number"
            ))
            .at(doc.child("coverPage").map_or(doc.span, |c| c.span))
            .with_hint("fill in `<docNumber refersTo=\"#symbol\">` on the cover page"),
        );
        resolution.meta.reference.0 = symbol;
    }
    if resolution.meta.reference.0.trim().is_empty() {
        // Outputs are identified by the symbol (FRBR names, titles); a
        // document without one cannot be published.
        let mut errors = vec![
            Diagnostic::error("the document has no symbol")
                .at(doc.span)
                .with_label("in this document")
                .with_hint("give it one on the cover page: `<docNumber refersTo=\"#symbol\">S/RES/2722 (2024)</docNumber>`"),
        ];
        errors.extend(ctx.warnings);
        return Err(errors);
    }
    Ok(Warned {
        output: resolution,
        warnings: ctx.warnings,
    })
}

/// What the reader has found so far besides the model.
#[derive(Debug, Default)]
struct Ctx {
    /// Warnings about skipped or guessed parts.
    warnings: Vec<Diagnostic>,
    /// Footnotes seen, to tell automatic numbers from written marks.
    notes: usize,
    /// The document's primary language (`en`), once the metadata is read.
    language: String,
    /// Preamble clauses found at the start of the main body (see
    /// [`layout`]).
    preamble_in_body: Vec<Clause>,
    /// An annex found in the main body (see [`layout`]).
    annex_in_body: Option<crate::model::Annex>,
}

impl Ctx {
    fn document(&mut self, doc: &Element) -> Resolution {
        let (meta, front) = self.meta(doc);
        self.language = meta.language.primary();
        let mut res = Resolution {
            adoption: front.adoption,
            ..Resolution::default()
        };
        let parts: Vec<&Element> = doc.elements().collect();
        let last_preamble = parts.iter().rposition(|p| p.name == "preamble");
        let mut bodies: Vec<&Element> = Vec::new();
        for (i, part) in parts.iter().copied().enumerate() {
            match part.name.as_str() {
                "meta" | "coverPage" | "preface" => {}
                // Some files interleave preamble and main body; a main body
                // that a preamble follows holds preamble clauses.
                "mainBody" | "body" if last_preamble.is_some_and(|last| i < last) => {
                    self.warn(part, "a main body before the end of the preamble is read as part of the preamble");
                    let clauses = self.main_body(&[part]).clauses;
                    res.preamble
                        .extend(clauses.into_iter().map(|c| Clause { label: None, ..c }));
                }
                "mainBody" | "body" => bodies.push(part),
                "preamble" => {
                    let (opening, clauses) = self.preamble(part);
                    if res.opening.is_none() {
                        res.opening = opening;
                    }
                    res.preamble.extend(clauses);
                }
                "conclusions" => {
                    let p = self.joined(part, false);
                    res.closing = Some(p).filter(|p: &Paragraph| !p.content.is_empty());
                }
                "attachments" => {
                    for attachment in part.elements() {
                        match attachment
                            .elements()
                            .find(|e| DOCUMENTS.contains(&e.name.as_str()))
                        {
                            Some(doc) if attachment.name == "attachment" => {
                                res.annexes.push(self.annex(doc))
                            }
                            _ => {
                                self.skip(attachment, "is not an attached document respub can read")
                            }
                        }
                    }
                }
                _ => self.skip(part, "is not read by respub"),
            }
        }
        for extra in bodies.iter().skip(1) {
            self.warn(
                extra,
                "a second main body is read as the continuation of the first",
            );
        }
        res.operative = self.main_body(&bodies);
        res.preamble.append(&mut self.preamble_in_body);
        if let Some(annex) = self.annex_in_body.take() {
            // It follows the operative part, before any attachment.
            res.annexes.insert(0, annex);
        }
        res.meta = meta;
        res
    }

    /// Reports a part that is skipped.
    fn skip(&mut self, el: &Element, why: &str) {
        let name = el.name.clone();
        self.warnings.push(
            Diagnostic::warning(format!("`<{name}>` {why}; it is skipped"))
                .at(el.span)
                .with_label("skipped"),
        );
    }

    /// Reports a guess or a loss.
    fn warn(&mut self, el: &Element, message: impl Into<String>) {
        self.warnings.push(Diagnostic::warning(message).at(el.span));
    }
}
