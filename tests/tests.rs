//! The integration tests, in one binary so they link once.

mod akn;
mod cli;
mod consistency;
mod docx;
mod epub;
mod import;
mod pdf;
mod source;
mod util;
