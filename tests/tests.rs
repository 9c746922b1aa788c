//! The integration tests, in one binary so they link once.

mod akn;
mod source;
mod util;
