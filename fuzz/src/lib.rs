//! What every fuzz target shares: the pipeline as `respub check` and
//! `respub build` run it, and the assertions on what it produces.
//!
//! The promise under test: a source that `check` calls clean builds in
//! every format, and every output is what its format says it is. So a
//! target reads its input, prepares the model in the style `build` would
//! choose for it and, when preparing reports no error, runs every writer
//! asked for and asserts that
//!
//! - nothing panics;
//! - every writer returns `Ok`;
//! - the AKN output, and every XML part of the EPUB and of the DOCX, is
//!   well-formed XML with only characters XML allows;
//! - every error of reading and preparing a source points at a place in
//!   that source, as `file:line:column`.
//!
//! A target per reader is one call of [`read_with`]. With
//! `RESPUB_FUZZ_STATS` set, a target says how far its inputs go (see
//! [`stats`]).

use std::io::Read;
use std::sync::OnceLock;

use respub::diag::Diagnostic;
use respub::model::Resolution;
use respub::render::{Format, prepare};
use respub::source::{self, READERS, SourceFile};
use respub::style::{self, Style};

/// The formats every target writes: all but the PDF, whose layout costs
/// milliseconds per page and has a target of its own.
pub const QUICK: &[Format] = &[Format::Text, Format::Akn, Format::Epub, Format::Docx];

/// Every format.
pub const ALL: &[Format] = &Format::ALL;

/// The built-in styles, loaded once, in the order `build` chooses from.
pub fn styles() -> &'static [Style] {
    static STYLES: OnceLock<Vec<Style>> = OnceLock::new();
    STYLES.get_or_init(Style::builtins)
}

/// A source file of `bytes`, named `fuzz.xml`: what the XML readers and
/// the reader table see.
pub fn source(bytes: &[u8]) -> SourceFile {
    SourceFile::new("fuzz.xml", bytes)
}

/// Reads `bytes` with the reader named `name` in [`READERS`] (as a file
/// it recognised would be read) and, when it reads, prepares and writes
/// `formats`.
pub fn read_with(name: &str, bytes: &[u8], formats: &[Format]) {
    let reader = READERS
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no reader is named {name}"));
    // Named with the reader's first extension, as a file it reads is:
    // the text reader takes a language from a name such as `x.fr.txt`,
    // and this one gives none.
    let file = SourceFile::new(format!("fuzz.{}", reader.extensions[0]), bytes);
    stats::note(stats::Stage::Input);
    let _ = (reader.recognises)(&file);
    let _ = file.text();
    match (reader.read)(&file) {
        Ok(read) => {
            stats::note(stats::Stage::Read);
            build(&file, &read.output, formats, true)
        }
        Err(errors) => assert_located(&errors, &file, "reading"),
    }
}

/// Reads `bytes` as `check` and `build` do, through the reader table
/// ([`source::read`]), and when it reads, prepares and writes `formats`.
pub fn read_any(bytes: &[u8], formats: &[Format]) {
    let file = source(bytes);
    stats::note(stats::Stage::Input);
    let _ = file.text();
    match source::read(&file) {
        Ok(read) => {
            stats::note(stats::Stage::Read);
            build(&file, &read.output, formats, true)
        }
        Err(errors) => assert_located(&errors, &file, "reading"),
    }
}

/// Prepares and writes an arbitrary model, as no reader makes it: what
/// the writers target does with each input.
pub fn build_model(res: &Resolution) {
    stats::note(stats::Stage::Input);
    stats::note(stats::Stage::Read);
    build(&source(b""), res, QUICK, false);
}

/// Prepares `res`, read from `file`, in the style `build` chooses for
/// it, dated as `build` dates it, and when preparing reports no error,
/// writes every format of `formats` and checks each output. `located`:
/// whether the errors of preparing must point into `file`, as they must
/// for a model a reader made (a model made by the fuzzer has spans of
/// its own choosing, or none).
pub fn build(file: &SourceFile, res: &Resolution, formats: &[Format], located: bool) {
    let style = style::choose(styles(), &res.meta);
    let when = respub::build::timestamp(res, None);
    let doc = match prepare(res, file, style, when) {
        Ok(doc) => {
            stats::note(stats::Stage::Prepared);
            doc.output
        }
        Err(errors) => {
            assert!(
                errors.iter().any(Diagnostic::is_error),
                "preparing failed without an error: {errors:?}"
            );
            if located {
                assert_located(&errors, file, "preparing");
            }
            return;
        }
    };
    let mut complete = true;
    for &format in formats {
        let Some(written) = render(format, &doc) else {
            complete = false;
            continue;
        };
        let written = written.unwrap_or_else(|errors| {
            panic!("preparing was clean but the {format} writer failed: {errors:#?}")
        });
        check_output(format, &written.output);
    }
    if complete {
        stats::note(stats::Stage::Written);
    }
}

/// How far the inputs of a process go: read, prepared without an error,
/// written in every format. libFuzzer's coverage does not tell whether
/// the inputs reach the writers, and a target whose inputs all stop at
/// preparing asserts nothing about them. Counted only when
/// `RESPUB_FUZZ_STATS` is set, to the number of inputs between two
/// printings of the counts on standard error (not a number: 100). To count
/// a corpus exactly, run the target over it with `-runs=0` and
/// `RESPUB_FUZZ_STATS=1`: the last line is the whole corpus but its last
/// input.
pub mod stats {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A stage an input reached.
    #[derive(Debug, Clone, Copy)]
    pub enum Stage {
        /// Given to a reader, or decoded into a model.
        Input,
        /// Read without an error (every model is).
        Read,
        /// Prepared without an error: `check` would call it clean.
        Prepared,
        /// Written in every format asked for.
        Written,
    }

    static COUNTS: [AtomicUsize; 4] = [const { AtomicUsize::new(0) }; 4];

    /// Counts an input that reached `stage`, and prints the counts of the
    /// inputs before it when one starts and the period has passed.
    pub fn note(stage: Stage) {
        static EVERY: OnceLock<Option<usize>> = OnceLock::new();
        let every = EVERY.get_or_init(|| {
            let value = std::env::var("RESPUB_FUZZ_STATS").ok()?;
            Some(value.parse().ok().filter(|&n| n > 0).unwrap_or(100))
        });
        let Some(every) = *every else {
            return;
        };
        let n = COUNTS[stage as usize].fetch_add(1, Ordering::Relaxed) + 1;
        // Printed when an input starts, so that the counts of those
        // before it are complete.
        if matches!(stage, Stage::Input) && n > 1 && (n - 1) % every == 0 {
            let [input, read, prepared, written] =
                COUNTS.each_ref().map(|c| c.load(Ordering::Relaxed));
            eprintln!(
                "respub-fuzz stats: {} inputs, {read} read, {prepared} prepared clean, {written} written",
                input - 1
            );
        }
    }
}

/// Panics of dependencies that only debug assertions raise, with the
/// fallback their release builds take instead: not failures of respub.
/// The targets are built with debug assertions everywhere, so that an
/// overflow in respub panics; these would otherwise stop every run.
const DEBUG_ONLY_PANICS: &[(&str, &str)] = &[
    // Typst's bounded line breaker retries unbounded in release builds
    // (typst-layout 0.15, inline/linebreak.rs); the French S/RES/2751
    // fixture reaches it.
    ("typst-layout", "bounded inline layout is incomplete"),
];

/// Whether a panic is one of [`DEBUG_ONLY_PANICS`].
fn debug_only(info: &std::panic::PanicHookInfo<'_>) -> bool {
    let message = info
        .payload()
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| info.payload().downcast_ref::<String>().map(String::as_str));
    let file = info.location().map_or("", |l| l.file());
    DEBUG_ONLY_PANICS
        .iter()
        .any(|(krate, text)| file.contains(krate) && message == Some(text))
}

/// Runs the `format` writer on `doc`; `None` when it stopped at one of
/// [`DEBUG_ONLY_PANICS`]. Any other panic aborts, as libFuzzer's hook
/// makes every panic do.
fn render(
    format: Format,
    doc: &respub::render::Prepared<'_>,
) -> Option<respub::diag::DiagResult<respub::diag::Warned<Vec<u8>>>> {
    static HOOK: OnceLock<()> = OnceLock::new();
    HOOK.get_or_init(|| {
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !debug_only(info) {
                fuzzer_hook(info);
            }
        }));
    });
    let run = std::panic::AssertUnwindSafe(|| format.writer().render(doc));
    std::panic::catch_unwind(run).ok()
}

/// Asserts that every error in `diagnostics` points at a place inside
/// `file`, so that the message names its line and column.
pub fn assert_located(diagnostics: &[Diagnostic], file: &SourceFile, stage: &str) {
    assert!(
        diagnostics.iter().any(Diagnostic::is_error),
        "{stage} failed without an error: {diagnostics:#?}"
    );
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        let span = d
            .span
            .unwrap_or_else(|| panic!("an error of {stage} has no place in the source: {d:#?}"));
        assert!(
            span.start <= span.end && span.end <= file.bytes.len(),
            "an error of {stage} points outside the source ({} bytes): {d:#?}",
            file.bytes.len()
        );
    }
}

/// Asserts that `bytes` is a well-formed output of `format`.
pub fn check_output(format: Format, bytes: &[u8]) {
    match format {
        Format::Text => {
            std::str::from_utf8(bytes).expect("the text output is UTF-8");
        }
        Format::Akn => well_formed("the AKN output", bytes),
        Format::Epub | Format::Docx => check_package(format, bytes),
        Format::Pdf => {
            assert!(bytes.starts_with(b"%PDF-"), "the PDF has no PDF header");
        }
    }
}

/// Whether a part of a package is XML, by its name.
fn is_xml_part(name: &str) -> bool {
    [".xml", ".xhtml", ".opf", ".ncx", ".rels", ".svg"]
        .iter()
        .any(|ext| name.to_ascii_lowercase().ends_with(ext))
}

/// Asserts that the EPUB or DOCX `bytes` is a ZIP whose XML parts are all
/// well-formed.
fn check_package(format: Format, bytes: &[u8]) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap_or_else(|e| panic!("the {format} is not a ZIP: {e}"));
    let mut xml_parts = 0;
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .unwrap_or_else(|e| panic!("entry {i} of the {format}: {e}"));
        let name = entry
            .name()
            .unwrap_or_else(|e| panic!("entry {i} of the {format} has no name: {e}"))
            .into_owned();
        if !is_xml_part(&name) {
            continue;
        }
        let mut part = Vec::new();
        entry
            .read_to_end(&mut part)
            .unwrap_or_else(|e| panic!("{name} of the {format} cannot be read: {e}"));
        well_formed(&format!("{name} of the {format}"), &part);
        xml_parts += 1;
    }
    assert!(xml_parts > 0, "the {format} has no XML part");
}

/// Whether `c` is a character XML 1.0 allows (production 2, `Char`).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Asserts that `bytes` (`what`, for messages) is a well-formed XML
/// document: UTF-8, one root element, every tag closed in order, unique
/// attributes, only the predefined entities and references to characters
/// XML allows, and no character XML forbids.
pub fn well_formed(what: &str, bytes: &[u8]) {
    use quick_xml::events::Event;
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what} is not UTF-8: {e}"));
    let fail = |at: u64, why: &str| -> ! {
        let at = at as usize;
        let from = text.floor_char_boundary(at.saturating_sub(120));
        let to = text.ceil_char_boundary((at + 120).min(text.len()));
        panic!(
            "{what} is not well-formed at byte {at}: {why}\n…{}…",
            &text[from..to]
        )
    };
    if let Some(at) = text.find(|c| !xml_char(c)) {
        fail(
            at as u64,
            &format!("{:?} is no XML character", &text[at..].chars().next()),
        );
    }
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_comments = true;
    let mut depth = 0usize;
    let mut roots = 0usize;
    loop {
        let at = reader.buffer_position();
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => fail(reader.error_position(), &e.to_string()),
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                if depth == 0 {
                    roots += 1;
                }
                for attr in e.attributes().with_checks(true) {
                    let attr = attr.unwrap_or_else(|e| fail(at, &e.to_string()));
                    if let Err(e) = attr.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                        fail(at, &format!("attribute value: {e}"));
                    }
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
            }
            Event::End(_) => {
                depth = depth
                    .checked_sub(1)
                    .unwrap_or_else(|| fail(at, "an end tag without a start"))
            }
            Event::Text(t) => {
                if depth == 0 && !t.xml10_content().trim().is_empty() {
                    fail(at, "text outside the root element");
                }
            }
            Event::GeneralRef(r) => {
                if depth == 0 {
                    fail(at, "a reference outside the root element");
                }
                match r.resolve_char_ref() {
                    Ok(Some(c)) if xml_char(c) => {}
                    Ok(Some(c)) => fail(at, &format!("&#{};: {c:?} is no XML character", c as u32)),
                    Ok(None) => {
                        let name = r.xml10_content();
                        if !matches!(&*name, "amp" | "lt" | "gt" | "quot" | "apos") {
                            fail(at, &format!("undeclared entity &{name};"));
                        }
                    }
                    Err(e) => fail(at, &e.to_string()),
                }
            }
            Event::CData(_) if depth == 0 => fail(at, "CDATA outside the root element"),
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        fail(
            text.len() as u64,
            &format!("{depth} elements are not closed"),
        );
    }
    if roots != 1 {
        fail(0, &format!("{roots} root elements"));
    }
}
