//! In-process figures: reading the seed, and rendering it in each format,
//! for the first document of a process and in steady state.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use respub::render::{Document, Format, RenderOptions};
use respub::source::{self, SourceFile};
use respub::style::Style;

const SEED: &str = "sources/GA-2017-86-RES-06.fr.xml";

fn pipeline(c: &mut Criterion) {
    let file = SourceFile::open(Path::new(SEED)).expect("the seed source");
    let options = RenderOptions::default();

    // The first document pays for loading the styles and its fonts; time it
    // once, before criterion warms everything up.
    let started = Instant::now();
    let styles = Style::builtins();
    let style = styles.into_iter().next().expect("the official style");
    eprintln!("first document: style {:>8.2} ms", ms(started));
    let t = Instant::now();
    let res = source::read(&file).expect("the seed reads").output;
    eprintln!("first document: read  {:>8.2} ms", ms(t));
    let doc = Document {
        resolution: &res,
        source: &file,
    };
    for format in Format::DEFAULT {
        let t = Instant::now();
        format
            .writer()
            .render(doc, &style, &options)
            .expect("the seed renders");
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
    for format in Format::DEFAULT {
        c.bench_function(&format!("render seed {format}"), |b| {
            b.iter(|| {
                format
                    .writer()
                    .render(black_box(doc), &style, &options)
                    .unwrap()
            })
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
