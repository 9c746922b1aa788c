//! Identification of the document: `meta`, `coverPage` and `preface`.
//!
//! AKN4UN spreads what the model keeps in [`Meta`] over several places: the
//! language in the FRBR expression, the symbol, body, distribution and
//! adoption line on the cover page, the outcome and related documents in
//! the workflow, the vote in the analysis, the subject in the title
//! keyword (or the preface of a draft). respub's own output adds a
//! `proprietary` block for what AKN has no place for (session details, the
//! agenda item, the committee, the meeting and related documents with
//! their relation), read first when present.

use crate::diag::Diagnostic;
use crate::model::{
    Committee, Date, Meta, Paragraph, Reference, RelatedDocument, ResolutionNumber, Session, Span,
    Status, StatusKind, Tally, Vote,
};

use super::Ctx;
use super::tree::Element;

use crate::akn::{PROPRIETARY_SOURCE, RESPUB_NS, language_of_code as language};

/// What the cover page and preface give besides [`Meta`].
#[derive(Debug, Default)]
pub(super) struct Front {
    /// The adoption line.
    pub adoption: Option<Paragraph>,
}

impl Ctx {
    /// Reads the metadata of `doc` (a `statement` or other document type).
    pub(super) fn meta(&mut self, doc: &Element) -> (Meta, Front) {
        let mut meta = Meta {
            span: doc.child("meta").map(|m| m.span),
            ..Meta::default()
        };
        let mut front = Front::default();
        let mut title_keyword = None;
        let mut proprietary = None;
        let mut meeting_record = None;
        if let Some(m) = doc.child("meta") {
            if let Some(lang) = m
                .find("FRBRExpression")
                .and_then(|e| e.find("FRBRlanguage"))
            {
                meta.language = language(lang.attr("language").unwrap_or("en"));
            }
            let mut keywords = Vec::new();
            m.find_all("keyword", &mut keywords);
            for k in keywords {
                let shown = k
                    .attr("showAs")
                    .or(k.attr("value"))
                    .unwrap_or("")
                    .trim()
                    .to_string();
                match k.attr("refersTo").map(|r| r.trim_start_matches('#')) {
                    Some("title") => title_keyword = Some(shown),
                    Some(_) => {}
                    None if !shown.is_empty() && !meta.keywords.contains(&shown) => {
                        meta.keywords.push(shown)
                    }
                    None => {}
                }
            }
            if let Some(workflow) = m.child("workflow") {
                for step in workflow.elements().filter(|s| s.name == "step") {
                    let date = step
                        .attr("date")
                        .and_then(Date::parse_iso)
                        .filter(|d| d.year() > 1);
                    let symbol = step.attr("as").map(str::trim).filter(|s| !s.is_empty());
                    let kind = match step.attr("outcome").unwrap_or("") {
                        "adopted" | "adoptedRecordedVote" => Some(StatusKind::Adopted),
                        "notAdopted" | "veto" | "Veto" => Some(StatusKind::NotAdopted),
                        "withdrawn" => Some(StatusKind::Withdrawn),
                        "draftResolution" | "draft" => {
                            if let Some(symbol) = symbol {
                                meta.related.push(RelatedDocument {
                                    reference: Reference(symbol.to_string()),
                                    relation: Some("draft".into()),
                                    ..RelatedDocument::default()
                                });
                            }
                            None
                        }
                        _ => None,
                    };
                    if let Some(kind) = kind {
                        meta.status = Status { kind, date };
                        meeting_record = symbol.map(str::to_string);
                    }
                }
            }
            if let Some(voting) = m.find("voting") {
                meta.vote = Some(vote(voting));
            }
            proprietary = m
                .elements()
                .find(|p| p.name == "proprietary" && p.attr("source") == Some(PROPRIETARY_SOURCE));
            if let Some(org) = m.find("references").and_then(|r| {
                r.elements()
                    .find(|e| e.name == "TLCOrganization" && e.attr("eId") == Some("publisher"))
            }) {
                meta.organisation.short = org.attr("showAs").map(str::to_string);
            }
        }
        if let Some(record) = &meeting_record {
            meta.related.push(RelatedDocument {
                reference: Reference(record.clone()),
                relation: Some("meeting-record".into()),
                ..RelatedDocument::default()
            });
        }
        if doc.attr("name") == Some("resolution") && meta.status.kind == StatusKind::Draft {
            meta.status.kind = StatusKind::Adopted;
        }
        let mut number = None;
        let mut meeting = None;
        if let Some(cover) = doc.child("coverPage") {
            self.cover_page(cover, &mut meta, &mut front, &mut number, &mut meeting);
        }
        if let Some(preface) = doc.child("preface") {
            for p in preface.elements() {
                match p.find("docTitle") {
                    Some(title) if meta.subject.is_none() => {
                        meta.subject = Some(Paragraph {
                            content: self.inlines(title, false),
                            span: Some(title.span),
                        })
                    }
                    _ => self.skip(p, "is not read in the preface"),
                }
            }
        }
        if let (None, Some(title)) = (&meta.subject, title_keyword) {
            // "Security Council resolution 2722 (2024) [on attacks by …]"
            let subject = match (title.find('['), title.rfind(']')) {
                (Some(a), Some(b)) if a < b => title[a + 1..b].trim().to_string(),
                _ => title,
            };
            if !subject.is_empty() {
                meta.subject = Some(Paragraph::text(subject));
            }
        }
        if let Some((written, span)) = &number
            && let (Some(in_reference), Some(in_title)) = (
                meta.reference.resolution_number(),
                ResolutionNumber(written.clone()).value(),
            )
            && in_reference != in_title
        {
            // A slip of the file (S/RES/2754 titled "2574"), which a respub
            // source may not hold: said here, where it can be corrected.
            self.warnings.push(
                Diagnostic::warning(format!(
                    "the title's number {in_title} contradicts the symbol `{}`, which says {in_reference}",
                    meta.reference
                ))
                .at(*span)
                .with_label(format!("number {in_title}"))
                .with_hint("correct the `docNumber` of the title or the symbol"),
            );
        }
        meta.number = ResolutionNumber(match number {
            Some((n, _)) => n,
            None => match meta.reference.resolution_number() {
                Some(_) => {
                    let upper = meta.reference.0.to_ascii_uppercase();
                    let at = upper.rfind("RES").unwrap_or(0) + 3;
                    meta.reference.0[at..]
                        .trim_start_matches(['/', '-', ' '])
                        .to_string()
                }
                None => meta.reference.0.clone(),
            },
        });
        match proprietary {
            Some(p) => self.proprietary(p, &mut meta),
            None => {
                let number = meeting.or_else(|| {
                    meeting_record
                        .as_deref()
                        .and_then(|r| r.rsplit('.').next())
                        .map(|n| n.chars().filter(char::is_ascii_digit).collect::<String>())
                        .filter(|n| !n.is_empty())
                });
                if let Some(number) = number {
                    meta.session = Some(Session {
                        number: Some(number),
                        ..Session::default()
                    });
                }
            }
        }
        (meta, front)
    }

    fn cover_page(
        &mut self,
        cover: &Element,
        meta: &mut Meta,
        front: &mut Front,
        number: &mut Option<(String, Span)>,
        meeting: &mut Option<String>,
    ) {
        let mut stack = vec![cover];
        while let Some(el) = stack.pop() {
            for child in el.elements().collect::<Vec<_>>().into_iter().rev() {
                let refers = child.attr("refersTo").unwrap_or("").trim_start_matches('#');
                match (child.name.as_str(), refers) {
                    ("docAuthority", "publisher") => meta.organisation.name = child.clean_text(),
                    ("docAuthority", "issuingBody") => meta.body = Some(child.clean_text()),
                    ("docNumber", "symbol") => meta.reference = Reference(child.clean_text()),
                    ("docStatus", _) => {
                        let text = child.clean_text();
                        let rest = crate::akn::distribution_of(&text);
                        meta.distribution = Some(rest.to_string()).filter(|d| !d.is_empty());
                    }
                    ("docTitle", "resolutionNumber") => {
                        let written = match child.find("docNumber") {
                            Some(n) => n.clean_text(),
                            None => {
                                let text = child.clean_text();
                                match text.find(|c: char| c.is_ascii_digit()) {
                                    Some(at) => text[at..].to_string(),
                                    None => text,
                                }
                            }
                        };
                        // Some UN files leave the title empty: the number
                        // then comes from the symbol.
                        if !written.is_empty() {
                            *number = Some((written, child.span));
                        }
                    }
                    ("docTitle", "adoption") => {
                        if let Some(m) = child
                            .find("inline")
                            .filter(|i| i.attr("name") == Some("adoptionMeeting"))
                        {
                            let digits: String = m
                                .attr("title")
                                .unwrap_or_default()
                                .chars()
                                .filter(char::is_ascii_digit)
                                .collect();
                            *meeting = Some(digits).filter(|d| !d.is_empty());
                        }
                        // UN drafts keep an empty adoption line on the
                        // cover page, to be filled in when adopted.
                        let content = self.inlines(child, false);
                        if !content.is_empty() {
                            front.adoption = Some(Paragraph {
                                content,
                                span: Some(child.span),
                            });
                        }
                    }
                    ("docDate" | "img" | "docTitle" | "docNumber" | "docAuthority", _) => {}
                    ("p" | "span" | "container" | "block", _) => stack.push(child),
                    _ => self.skip(child, "is not read on the cover page"),
                }
            }
        }
    }

    fn proprietary(&mut self, p: &Element, meta: &mut Meta) {
        meta.related.clear();
        for e in p.elements().filter(|e| e.in_namespace(RESPUB_NS)) {
            let text = |name: &str| e.attr(name).map(str::to_string);
            let date = |name: &str| e.attr(name).and_then(Date::parse_iso);
            match e.name.as_str() {
                "session" => {
                    meta.session = Some(Session {
                        number: text("number"),
                        place: text("place"),
                        country: text("country"),
                        start: date("start"),
                        end: date("end"),
                        name: text("name"),
                    })
                }
                "agenda-item" => meta.agenda_item = text("item"),
                "committee" => {
                    meta.committee = Some(Committee {
                        name: text("name"),
                        document: text("document"),
                    })
                }
                "meeting" => meta.meeting = text("number"),
                "related" => meta.related.push(RelatedDocument {
                    reference: Reference(text("reference").unwrap_or_default()),
                    relation: text("relation"),
                    title: text("title"),
                    href: text("href"),
                }),
                "status" => {
                    if let Some(kind) = e.attr("kind").and_then(StatusKind::from_keyword) {
                        meta.status.kind = kind;
                    }
                }
                _ => self.skip(e, "is not a respub metadata element"),
            }
        }
    }
}

fn vote(voting: &Element) -> Vote {
    let mut vote = Vote::default();
    for count in voting.elements().filter(|c| c.name == "count") {
        let mut names = Vec::new();
        count.find_all("organization", &mut names);
        let tally = Tally {
            count: count
                .attr("value")
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0),
            members: names.iter().map(|n| n.clean_text()).collect(),
        };
        match count.attr("refersTo").unwrap_or("").trim_start_matches('#') {
            "inFavour" => vote.in_favour = tally,
            "against" => vote.against = tally,
            "abstaining" | "abstention" | "abstentions" => vote.abstaining = tally,
            _ => {}
        }
    }
    vote
}
