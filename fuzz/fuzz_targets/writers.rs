//! Arbitrary models, as no reader makes them, through `render::prepare`
//! and every writer but the PDF.
#![no_main]
use respub::model::Resolution;

libfuzzer_sys::fuzz_target!(|res: Resolution| {
    let file = respub_fuzz::source(b"");
    respub_fuzz::build(&file, &res, respub_fuzz::QUICK, false);
});
