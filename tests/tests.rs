//! The integration tests, in one binary so they link once.

mod agreement;
mod akn;
mod cli;
mod consistency;
mod docx;
mod epub;
mod page_parity;
mod pdf;
mod source;
mod util;
