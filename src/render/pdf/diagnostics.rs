//! Typst's errors and warnings as respub diagnostics.
//!
//! Typst reports problems in the template files (a span in `official.typ`
//! or in a file it imports, such as `lib/blocks.typ`) or in the document
//! as a whole (no span). The user sees them with the place in the template
//! they come from; spans in respub diagnostics point into the source file,
//! so Typst locations go into the message instead.

use typst::diag::{Severity, SourceDiagnostic};
use typst::syntax::{DiagSpanKind, FileId, Source};

use crate::diag::Diagnostic;

/// Converts Typst diagnostics; `file` gives the template file a span
/// points into, when it is one.
pub fn convert(
    diags: &[SourceDiagnostic],
    file: &dyn Fn(FileId) -> Option<Source>,
) -> Vec<Diagnostic> {
    diags.iter().map(|d| one(d, file)).collect()
}

fn one(diag: &SourceDiagnostic, file: &dyn Fn(FileId) -> Option<Source>) -> Diagnostic {
    let message = diag.message.trim();
    let unknown_font = message.starts_with("unknown font family");
    let error = diag.severity == Severity::Error || unknown_font;
    let place = location(diag, file);
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

/// `template official.typ:12:5`, when the diagnostic points into a
/// template file; the path is the file's in the style's folder.
fn location(diag: &SourceDiagnostic, file: &dyn Fn(FileId) -> Option<Source>) -> Option<String> {
    let (source, range) = match diag.span.get() {
        DiagSpanKind::Detached => return None,
        DiagSpanKind::Number { id, num, sub_range } => {
            let source = file(id)?;
            let range = source.range(num, sub_range)?;
            (source, range)
        }
        DiagSpanKind::Range { id, range } => (file(id)?, range),
    };
    let (line, column) = source.lines().byte_to_line_column(range.start)?;
    let name = source.id().get().vpath().get_without_slash().to_string();
    Some(format!("template {name}:{}:{}", line + 1, column + 1))
}
