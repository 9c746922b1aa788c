//! Typst's errors and warnings as respub diagnostics.
//!
//! Typst reports problems in the template (a span in `official.typ`) or in
//! the document as a whole (no span). The user sees them with the place in
//! the template they come from; spans in respub diagnostics point into the
//! source file, so Typst locations go into the message instead.

use typst::diag::{Severity, SourceDiagnostic};
use typst::syntax::{DiagSpanKind, Source};

use crate::diag::Diagnostic;

/// Converts Typst diagnostics; `template` locates spans in the template.
pub fn convert(
    diags: &[SourceDiagnostic],
    template: &Source,
    template_name: &str,
) -> Vec<Diagnostic> {
    diags
        .iter()
        .map(|d| one(d, template, template_name))
        .collect()
}

fn one(diag: &SourceDiagnostic, template: &Source, template_name: &str) -> Diagnostic {
    let message = diag.message.trim();
    let unknown_font = message.starts_with("unknown font family");
    let error = diag.severity == Severity::Error || unknown_font;
    let place = location(diag, template, template_name);
    let text = match (&place, error) {
        (Some(place), true) => format!("the PDF cannot be made: {message} ({place})"),
        (None, true) => format!("the PDF cannot be made: {message}"),
        (Some(place), false) => format!("PDF: {message} ({place})"),
        (None, false) => format!("PDF: {message}"),
    };
    let mut out = if error {
        Diagnostic::error(text)
    } else {
        Diagnostic::warning(text)
    };
    for hint in &diag.hints {
        out = out.with_hint(hint.v.to_string());
    }
    if unknown_font {
        out = out.with_hint(
            "every font family the template names must be provided by a file in the style's `fonts.files`; \
             respub never uses system fonts",
        );
    }
    out
}

/// `template official.typ:12:5`, when the diagnostic points into the
/// template.
fn location(diag: &SourceDiagnostic, template: &Source, template_name: &str) -> Option<String> {
    let range = match diag.span.get() {
        DiagSpanKind::Detached => return None,
        DiagSpanKind::Number { id, num, sub_range } if id == template.id() => {
            template.range(num, sub_range)?
        }
        DiagSpanKind::Range { id, range } if id == template.id() => range,
        DiagSpanKind::Number { .. } | DiagSpanKind::Range { .. } => return None,
    };
    let (line, column) = template.lines().byte_to_line_column(range.start)?;
    Some(format!(
        "template {template_name}:{}:{}",
        line + 1,
        column + 1
    ))
}
