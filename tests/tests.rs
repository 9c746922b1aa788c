//! The integration tests, in one binary so they link once.

mod epub;
mod source;
mod util;
