//! Arbitrary models, as no reader makes them, through `render::prepare`
//! and every writer but the PDF.
#![no_main]
use respub::model::Resolution;

libfuzzer_sys::fuzz_target!(|res: Resolution| {
    respub_fuzz::build_model(&res);
});
