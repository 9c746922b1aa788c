//! The integration tests, in one binary so they link once.

mod source;
mod util;
