//! In-process figures: reading the seed, preparing it, and rendering it in
//! each format, for the first document of a process and in steady state.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use respub::render::{Format, prepare};
use respub::source::{self, SourceFile};
use respub::style::Style;

const SEED: &str = "sources/GA-2017-86-RES-06.fr.xml";
/// A Security Council resolution in English, built between two seeds.
const OTHER: &str = "tests/fixtures/akn/S_RES_2722-2400437E.xml";

fn pipeline(c: &mut Criterion) {
    let file = SourceFile::open(Path::new(SEED)).expect("the seed source");

    // The first document pays for loading the styles and its fonts; time it
    // once, before criterion warms everything up.
    let started = Instant::now();
    let styles = Style::builtins();
    let style = styles[0].clone();
    let styles_for_choice = styles;
    eprintln!("first document: style {:>8.2} ms", ms(started));
    let t = Instant::now();
    let res = source::read(&file).expect("the seed reads").output;
    eprintln!("first document: read  {:>8.2} ms", ms(t));
    let t = Instant::now();
    let doc = prepare(&res, &file, &style, 0)
        .expect("the seed prepares")
        .output;
    eprintln!("first document: prep  {:>8.2} ms", ms(t));
    for format in Format::DEFAULT {
        let t = Instant::now();
        format.writer().render(&doc).expect("the seed renders");
        eprintln!("first document: {format:<4}  {:>8.2} ms", ms(t));
    }
    eprintln!(
        "first document: all   {:>8.2} ms (styles, read, three formats)",
        ms(started)
    );

    c.bench_function("read seed", |b| {
        b.iter(|| source::read(black_box(&file)).unwrap())
    });
    c.bench_function("load built-in styles", |b| b.iter(Style::builtins));
    c.bench_function("prepare seed", |b| {
        b.iter(|| prepare(black_box(&res), &file, &style, 0).unwrap())
    });
    // Rendering the same document again costs Typst little: it memoises
    // every paragraph. In a batch each document is new; measure that by
    // forgetting Typst's results, then rendering another document (which
    // warms the template and fonts again) before the seed.
    let other = SourceFile::open(Path::new(OTHER)).expect("the other source");
    let other_res = source::read(&other).expect("the other source reads").output;
    let un_style = respub::style::choose(&styles_for_choice, &other_res.meta).clone();
    let other_doc = prepare(&other_res, &other, &un_style, 0)
        .expect("the other source prepares")
        .output;
    c.bench_function("render seed pdf after another document", |b| {
        b.iter_batched(
            || {
                typst::comemo::evict(0);
                Format::Pdf.writer().render(&other_doc).unwrap();
            },
            |()| Format::Pdf.writer().render(black_box(&doc)).unwrap(),
            BatchSize::PerIteration,
        )
    });
    for format in Format::DEFAULT {
        c.bench_function(&format!("render seed {format}"), |b| {
            b.iter(|| format.writer().render(black_box(&doc)).unwrap())
        });
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1e3
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = pipeline
}
criterion_main!(benches);
