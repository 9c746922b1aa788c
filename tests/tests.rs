//! The integration tests, in one binary so they link once.

mod ace;
mod agreement;
mod akn;
mod cli;
mod compare;
mod consistency;
mod docx;
mod epub;
mod fuzz;
mod import;
mod lint;
mod packaging;
mod page_parity;
mod pdf;
mod source;
mod styles;
mod text;
mod util;
mod word;
