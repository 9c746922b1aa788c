//! The respub XML reader.

use crate::diag::{DiagResult, Diagnostic, Warned};
use crate::model::Resolution;

use super::SourceFile;

/// Reads a respub XML source.
pub fn read(_file: &SourceFile) -> DiagResult<Warned<Resolution>> {
    Err(vec![Diagnostic::error(
        "the respub XML reader is being written",
    )])
}
