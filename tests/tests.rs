//! The integration tests, in one binary so they link once.

mod epub;
mod pdf;
mod source;
mod util;
