//! Arbitrary bytes to the plain-text reader, as a `.txt` file named on
//! the command line is read; what it reads is built.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    respub_fuzz::read_with("plain text", data, respub_fuzz::QUICK);
});
