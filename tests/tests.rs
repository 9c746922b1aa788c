//! Integration tests, in one binary.

mod docx;
