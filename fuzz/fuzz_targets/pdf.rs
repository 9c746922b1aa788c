//! Arbitrary bytes through the reader table and every writer, the PDF
//! included (slow: a Typst layout per input).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    respub_fuzz::read_any(data, respub_fuzz::ALL);
});
