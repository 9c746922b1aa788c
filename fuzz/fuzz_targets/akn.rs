//! Arbitrary bytes to the Akoma Ntoso reader; what it reads is built.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    respub_fuzz::read_with("Akoma Ntoso", data, respub_fuzz::QUICK);
});
