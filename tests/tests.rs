//! The integration tests, in one binary so they link once.

mod ace;
mod akn;
mod cli;
mod consistency;
mod docx;
mod epub;
mod pdf;
mod source;
mod util;
