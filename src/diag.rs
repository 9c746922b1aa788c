//! Diagnostics: what went wrong, where, and what to do about it.
//!
//! Diagnostics are plain data. Readers, the style loader and the writers
//! produce them; only the command line prints them, through
//! codespan-reporting, as `file:line:column` with a source excerpt.

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, DisplayStyle};

use crate::model::Span;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Something worth knowing that needs no change (`respub lint`'s
    /// information).
    Note,
    /// Something was skipped or guessed; the output is still produced.
    Warning,
    /// The input cannot be published as it is.
    Error,
}

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where, in the file the diagnostic belongs to.
    pub span: Option<Span>,
    /// A short label printed under the excerpt.
    pub label: Option<String>,
    /// What to do about it.
    pub hints: Vec<String>,
    /// The name of the rule that found it (`respub lint`'s
    /// `clause-punctuation`), printed as `warning[clause-punctuation]`.
    pub code: Option<&'static str>,
}

impl Diagnostic {
    /// An error with a message.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span: None,
            label: None,
            hints: Vec::new(),
            code: None,
        }
    }

    /// A warning with a message.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Attaches a location.
    pub fn at(mut self, span: impl Into<Option<Span>>) -> Self {
        self.span = span.into();
        self
    }

    /// Attaches a label for the excerpt.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// A note with a message.
    pub fn note(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(message)
        }
    }

    /// Names the rule that found it.
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    /// Adds a hint: what the user can do.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A value with the warnings produced while making it.
#[derive(Debug, Clone)]
pub struct Warned<T> {
    /// The value.
    pub output: T,
    /// Warnings about it.
    pub warnings: Vec<Diagnostic>,
}

/// A result that can carry many errors at once.
pub type DiagResult<T> = Result<T, Vec<Diagnostic>>;

/// The text of an input, kept for printing excerpts.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The name shown to the user (a path).
    pub name: String,
    /// The text; invalid UTF-8 is replaced so excerpts can still be shown.
    pub text: String,
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// With source excerpts and hints, as rustc prints them.
    #[default]
    Human,
    /// One line each: `file:line:column: error: message`.
    Short,
}

/// Renders diagnostics for one file to a string, in the given format, with
/// colours when `color` is set.
pub fn render(
    source: &SourceText,
    diagnostics: &[Diagnostic],
    format: Format,
    color: bool,
) -> String {
    let mut buffer = if color {
        term::termcolor::Buffer::ansi()
    } else {
        term::termcolor::Buffer::no_color()
    };
    let file = SimpleFile::new(source.name.as_str(), source.text.as_str());
    let config = Config {
        display_style: match format {
            Format::Human => DisplayStyle::Rich,
            Format::Short => DisplayStyle::Short,
        },
        ..Config::default()
    };
    for diag in diagnostics {
        // Writing to an in-memory buffer cannot fail except on a bad span,
        // which `to_codespan` has already clamped.
        match diag
            .span
            .and_then(|span| Excerpt::of_long_line(source, span))
        {
            Some((excerpt, range)) => {
                let mut cs = to_codespan(diag, source.text.len());
                cs.labels = relabel(&cs.labels, range);
                let _ = term::emit_to_write_style(&mut buffer, &config, &excerpt, &cs);
            }
            None => {
                let cs = to_codespan(diag, source.text.len());
                let _ = term::emit_to_write_style(&mut buffer, &config, &file, &cs);
            }
        }
    }
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

/// Lines longer than this (minified or hostile files) are shown as a window
/// around the span, so that one diagnostic never prints megabytes.
const LONG_LINE: usize = 240;

/// A window on one long line, standing in for the file when printing one
/// diagnostic: the excerpt is short, the location is the real one.
struct Excerpt<'a> {
    name: &'a str,
    /// `…` + part of the line + `…`.
    text: String,
    line_number: usize,
    /// The column of the first character after the leading `…`.
    first_column: usize,
    /// Byte length of the leading `…` (0 when the window starts the line).
    prefix: usize,
}

impl<'a> Excerpt<'a> {
    /// The excerpt for `span` and the span's range in it, when the line
    /// holding the span is too long to print whole.
    fn of_long_line(source: &'a SourceText, span: Span) -> Option<(Self, Range<usize>)> {
        let text = source.text.as_str();
        let start = span.start.min(text.len());
        let line_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |p| start + p);
        if line_end - line_start <= LONG_LINE {
            return None;
        }
        let mut from = start.saturating_sub(LONG_LINE / 3).max(line_start);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (from + LONG_LINE).min(line_end);
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        let ellipsis = "…";
        let prefix = if from > line_start { ellipsis } else { "" };
        let suffix = if to < line_end { ellipsis } else { "" };
        let (line, column) = line_column(text, from);
        let excerpt = Excerpt {
            name: &source.name,
            text: format!("{prefix}{}{suffix}", &text[from..to]),
            line_number: line,
            first_column: column,
            prefix: prefix.len(),
        };
        let end = span.end.clamp(start, to);
        let range = (start - from + prefix.len())..(end - from + prefix.len());
        Some((excerpt, range))
    }
}

impl<'a> codespan_reporting::files::Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), _: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(0)
    }

    fn line_number(
        &'a self,
        (): (),
        line_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.line_number + line_index)
    }

    fn column_number(
        &'a self,
        (): (),
        _: usize,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let byte_index = byte_index.clamp(self.prefix, self.text.len());
        let before = self.text.get(self.prefix..byte_index).unwrap_or_default();
        Ok(self.first_column + before.chars().count())
    }

    fn line_range(
        &'a self,
        (): (),
        line_index: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        if line_index == 0 {
            Ok(0..self.text.len())
        } else {
            Err(codespan_reporting::files::Error::LineTooLarge {
                given: line_index,
                max: 0,
            })
        }
    }
}

/// The labels of a diagnostic moved to `range` in an excerpt.
fn relabel(labels: &[Label<()>], range: Range<usize>) -> Vec<Label<()>> {
    labels
        .iter()
        .map(|label| Label {
            range: range.clone(),
            ..label.clone()
        })
        .collect()
}

fn to_codespan(diag: &Diagnostic, len: usize) -> CsDiagnostic<()> {
    let cs = match diag.severity {
        Severity::Error => CsDiagnostic::error(),
        Severity::Warning => CsDiagnostic::warning(),
        Severity::Note => CsDiagnostic::note(),
    };
    let mut cs = cs.with_message(&diag.message);
    if let Some(code) = diag.code {
        cs = cs.with_code(code);
    }
    if let Some(span) = diag.span {
        let range = clamp(span.range(), len);
        let mut label = Label::primary((), range);
        if let Some(text) = &diag.label {
            label = label.with_message(text);
        }
        cs = cs.with_labels(vec![label]);
    }
    cs.with_notes(diag.hints.iter().map(|h| format!("hint: {h}")).collect())
}

fn clamp(range: Range<usize>, len: usize) -> Range<usize> {
    let start = range.start.min(len);
    start..range.end.clamp(start, len)
}

/// `path` for printing; see [`escape`].
pub fn path(path: &std::path::Path) -> String {
    escape(&path.display().to_string())
}

/// `text` (a file name) for printing on one line: control characters are
/// escaped as `\n`, `\t`, `\r` or `\u{1b}`, and so are the invisible
/// characters that reorder a line (U+202A–U+202E, U+2066–U+2069, U+200E,
/// U+200F, U+061C), so that a file name can neither split a message nor
/// send escape sequences to the terminal.
pub fn escape(text: &str) -> String {
    let reorders = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
    if !text.chars().any(|c| c.is_control() || reorders(c)) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || reorders(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_in_file_names_are_escaped() {
        assert_eq!(escape("a\u{1b}[31mb\nc\td"), "a\\u{1b}[31mb\\nc\\td");
        assert_eq!(escape("x\u{202e}lmx.xml"), "x\\u{202e}lmx.xml");
        assert_eq!(
            escape("Session 86 (Beijing)/é.xml"),
            "Session 86 (Beijing)/é.xml"
        );
    }
}
