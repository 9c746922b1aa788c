//! Arbitrary bytes to the respub XML reader; what it reads is built.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    respub_fuzz::read_with("respub XML", data, respub_fuzz::QUICK);
});
