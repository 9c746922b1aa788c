//! The integration tests, in one binary so they link once.

mod agreement;
mod akn;
mod cli;
mod consistency;
mod docx;
mod epub;
mod import;
mod packaging;
mod pdf;
mod source;
mod styles;
mod text;
mod util;
