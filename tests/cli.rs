//! The command line as a user runs it: discovery, output names, exit codes,
//! and outputs that a failed build leaves untouched.

use std::fs;
use std::path::Path;

use crate::util::{self, repo_path, respub, run};

const SEED: &str = "sources/GA-2017-86-RES-06.fr.xml";

/// A folder with a `sources/` tree: the seed at the top and a copy under a
/// sub-folder with spaces and parentheses in its name.
fn workspace() -> tempfile::TempDir {
    let dir = util::temp_dir();
    let deep = dir.path().join("sources/Session 86 (Beijing)");
    fs::create_dir_all(&deep).unwrap();
    fs::copy(repo_path(SEED), dir.path().join(SEED)).unwrap();
    fs::copy(repo_path(SEED), deep.join("copy (draft).fr.xml")).unwrap();
    dir
}

#[test]
fn build_mirrors_source_folders_and_names_outputs_after_sources() {
    let dir = workspace();
    let out = run(respub(dir.path()).args(["build", "--format", "txt,pdf"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    for rel in [
        "output/GA-2017-86-RES-06.fr.pdf",
        "output/GA-2017-86-RES-06.fr.txt",
        "output/Session 86 (Beijing)/copy (draft).fr.pdf",
        "output/Session 86 (Beijing)/copy (draft).fr.txt",
    ] {
        assert!(dir.path().join(rel).is_file(), "{rel} was not written");
    }
    assert!(
        out.stderr
            .contains("built 2 of 2 sources (4 files written), 0 failed"),
        "{}",
        out.stderr
    );
    let leftovers: Vec<_> = fs::read_dir(dir.path().join("output"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".respub-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files were left behind");
}

#[test]
fn a_failed_build_leaves_earlier_outputs_intact() {
    let dir = workspace();
    let first = run(respub(dir.path()).args(["build", SEED, "--format", "pdf,txt"]));
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let pdf = dir.path().join("output/GA-2017-86-RES-06.fr.pdf");
    let before = fs::read(&pdf).unwrap();

    // Break the source: the next build must fail and change nothing.
    let source = dir.path().join(SEED);
    let broken = fs::read_to_string(&source)
        .unwrap()
        .replace("</operative>", "");
    fs::write(&source, broken).unwrap();
    let second = run(respub(dir.path()).args(["build", SEED, "--format", "pdf,txt"]));
    assert_eq!(second.code, Some(1), "{}", second.stderr);
    assert!(
        second.stderr.contains("GA-2017-86-RES-06.fr.xml:"),
        "{}",
        second.stderr
    );
    assert_eq!(
        fs::read(&pdf).unwrap(),
        before,
        "the earlier PDF was changed"
    );
}

#[test]
fn check_passes_on_the_sources_and_fails_on_a_bad_file() {
    let out = run(respub(util::root()).args(["check"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stderr.contains("0 with errors"), "{}", out.stderr);

    let dir = util::temp_dir();
    fs::write(dir.path().join("bad.xml"), "<resolution").unwrap();
    let out = run(respub(dir.path()).args(["check", "bad.xml"]));
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("bad.xml:1:"), "{}", out.stderr);
}

#[test]
fn usage_errors_exit_with_2_and_help_shows_examples() {
    let dir = util::temp_dir();
    let out = run(respub(dir.path()).args(["build", "--format", "rtf"]));
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.contains("unknown format `rtf`"),
        "{}",
        out.stderr
    );

    let out = run(respub(dir.path()).args(["frobnicate"]));
    assert_eq!(out.code, Some(2));

    let out = run(respub(repo_path("").as_path())
        .args(["build", SEED])
        .env("SOURCE_DATE_EPOCH", "yesterday"));
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(out.stderr.contains("SOURCE_DATE_EPOCH"), "{}", out.stderr);

    let out = run(respub(dir.path()).args(["--help"]));
    assert_eq!(out.code, Some(0));
    assert!(
        out.stdout.contains("Examples:") && out.stdout.contains("respub build"),
        "{}",
        out.stdout
    );
}

#[test]
fn missing_inputs_are_reported_not_ignored() {
    let dir = util::temp_dir();
    let out = run(respub(dir.path()).args(["check"]));
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains("`sources` does not exist"),
        "{}",
        out.stderr
    );

    fs::create_dir(dir.path().join("sources")).unwrap();
    let out = run(respub(dir.path()).args(["build"]));
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("no sources found"), "{}", out.stderr);
}

#[test]
fn a_style_error_is_reported_with_its_position() {
    let dir = util::temp_dir();
    let style = fs::read_to_string(repo_path("styles/official.toml"))
        .unwrap()
        .replace("size = \"10.5pt\"", "size = \"10.5 furlongs\"");
    // Copy the style folder's files the style names, next to the new style.
    let styles = dir.path().join("styles");
    copy_dir(&repo_path("styles"), &styles);
    fs::write(styles.join("broken.toml"), style).unwrap();
    let out = run(respub(dir.path()).args([
        "build",
        repo_path(SEED).to_str().unwrap(),
        "--style",
        "styles/broken.toml",
    ]));
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stderr.contains("broken.toml:"), "{}", out.stderr);
    assert!(out.stderr.contains("not a length"), "{}", out.stderr);
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn characters_the_body_font_lacks_come_from_the_style_s_fallback_font() {
    assert!(
        util::has_program("pdftotext"),
        "pdftotext (poppler-utils) is required"
    );
    let dir = util::temp_dir();
    let text = fs::read_to_string(repo_path(SEED))
        .unwrap()
        .replace("2017 - 2020", "2017 − 2020 ◦");
    fs::write(dir.path().join("minus.xml"), text).unwrap();
    let out = run(respub(dir.path()).args(["build", "minus.xml", "--format", "pdf"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let pdf = dir.path().join("output/minus.pdf");
    let fonts = std::process::Command::new("pdffonts")
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&fonts.stdout).contains("LiberationSerif"));
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains('−') && text.contains('◦'), "{text}");
}

#[test]
fn a_paragraph_typst_cannot_hyphenate_is_printed_without_hyphenation() {
    let dir = util::temp_dir();
    let source = repo_path("tests/fixtures/akn/S_RES_2751-2417748F.xml");
    let out = run(respub(dir.path()).args(["build", source.to_str().unwrap(), "--format", "pdf"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stderr.contains("it was set without"), "{}", out.stderr);
    assert!(dir.path().join("output/S_RES_2751-2417748F.pdf").is_file());
}

/// The files of `dir` whose names start with `.respub-` (temporary files).
fn temporaries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".respub-"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn an_output_never_replaces_a_source() {
    let dir = util::temp_dir();
    let d4 = dir.path().join("d4");
    fs::create_dir(&d4).unwrap();
    fs::copy(repo_path(SEED), d4.join("b.xml")).unwrap();
    let akn = repo_path("tests/fixtures/akn/S_RES_2751-2417748F.xml");
    fs::copy(&akn, d4.join("b.akn.xml")).unwrap();
    let before = fs::read(d4.join("b.akn.xml")).unwrap();
    for out in ["d4", "./d4/../d4"] {
        let run = run(respub(dir.path()).args(["build", "d4", "--out", out, "--format", "akn"]));
        assert_eq!(run.code, Some(2), "{}", run.stderr);
        assert!(
            run.stderr.contains("`d4/b.xml`") && run.stderr.contains("the source `d4/b.akn.xml`"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("--out"), "{}", run.stderr);
        assert_eq!(fs::read(d4.join("b.akn.xml")).unwrap(), before);
    }

    // An output that is a link to a source, or the same file by a hard link.
    let links = dir.path().join("links");
    fs::create_dir(&links).unwrap();
    std::os::unix::fs::symlink(d4.join("b.xml"), links.join("b.txt")).unwrap();
    let run_links =
        || run(respub(dir.path()).args(["build", "d4/b.xml", "--out", "links", "--format", "txt"]));
    let out = run_links();
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.contains("the source `d4/b.xml`"),
        "{}",
        out.stderr
    );
    fs::remove_file(links.join("b.txt")).unwrap();
    fs::hard_link(d4.join("b.xml"), links.join("b.txt")).unwrap();
    let out = run_links();
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert_eq!(
        fs::read(d4.join("b.xml")).unwrap(),
        fs::read(repo_path(SEED)).unwrap()
    );
}

#[test]
fn building_into_the_source_folder_again_does_not_read_the_outputs() {
    let dir = util::temp_dir();
    let src = dir.path().join("d5");
    fs::create_dir(&src).unwrap();
    fs::copy(repo_path(SEED), src.join("b.xml")).unwrap();
    for _ in 0..2 {
        let out =
            run(respub(dir.path()).args(["build", "d5", "--out", "d5", "--format", "akn,txt"]));
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        assert!(
            out.stderr.contains("built 1 of 1 source "),
            "{}",
            out.stderr
        );
    }
    let mut names: Vec<_> = fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["b.akn.xml", "b.txt", "b.xml"]);
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(
        unsafe { libc::mkfifo(c.as_ptr(), 0o644) },
        0,
        "mkfifo failed"
    );
}

#[test]
fn a_fifo_is_skipped_in_a_folder_and_refused_when_named() {
    let dir = workspace();
    mkfifo(&dir.path().join("sources/pipe.xml"));
    for args in [&["check"][..], &["build", "--format", "txt"][..]] {
        let out = run(respub(dir.path()).args(args));
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        assert!(
            out.stderr
                .contains("warning: skipped `sources/pipe.xml`: it is a FIFO, not a file"),
            "{}",
            out.stderr
        );
    }
    let out = run(respub(dir.path()).args(["check", "sources/pipe.xml"]));
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("`sources/pipe.xml` is a FIFO, not a file"),
        "{}",
        out.stderr
    );
}

#[test]
fn outputs_and_their_folders_are_forced_to_disk() {
    assert!(util::has_program("strace"), "strace is required");
    let dir = util::temp_dir();
    let log = dir.path().join("strace.log");
    let out = run(std::process::Command::new("strace")
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args([
            "-f",
            "-e",
            "trace=fsync,fdatasync,rename,renameat,renameat2",
            "-o",
        ])
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_respub"))
        .args([
            "build",
            repo_path(SEED).to_str().unwrap(),
            "--format",
            "txt,akn",
        ]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let log = fs::read_to_string(log).unwrap();
    let calls: Vec<&str> = log
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .filter_map(|call| call.split('(').next())
        .collect();
    let syncs = |calls: &[&str]| calls.iter().filter(|c| c.contains("sync")).count();
    let first_rename = calls.iter().position(|c| c.starts_with("rename")).unwrap();
    let last_rename = calls.iter().rposition(|c| c.starts_with("rename")).unwrap();
    // Each temporary file before it is renamed, the folder after.
    assert!(syncs(&calls[..first_rename]) >= 1, "{log}");
    assert!(syncs(&calls[last_rename..]) >= 1, "{log}");
    assert!(syncs(&calls) >= 3, "{log}");
}

#[test]
fn stale_temporary_files_are_removed_and_live_ones_kept() {
    let dir = workspace();
    let output = dir.path().join("output");
    fs::create_dir(&output).unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let make = |name: &str| {
        let file = fs::File::create(output.join(name)).unwrap();
        file.set_modified(old).unwrap();
        file
    };
    make(".respub-a1B2c3.tmp");
    // Held by a live build: locked.
    let live = make(".respub-d4E5f6.tmp");
    assert_eq!(
        unsafe { libc::flock(std::os::fd::AsRawFd::as_raw_fd(&live), libc::LOCK_EX) },
        0
    );
    // Not respub's: kept whatever their age.
    make(".respub-notes.txt");
    make("draft.tmp");
    let out = run(respub(dir.path()).args(["build", SEED, "--format", "txt"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let mut left = temporaries(&output);
    left.sort();
    assert_eq!(left, [".respub-d4E5f6.tmp", ".respub-notes.txt"]);
    assert!(output.join("draft.tmp").exists());
    drop(live);
}

#[test]
fn an_interrupted_batch_stops_cleanly_with_130() {
    use std::io::BufRead;
    let dir = util::temp_dir();
    let sources = dir.path().join("sources");
    fs::create_dir(&sources).unwrap();
    for i in 0..24 {
        fs::copy(repo_path(SEED), sources.join(format!("r{i:02}.xml"))).unwrap();
    }
    let mut child = respub(dir.path())
        .args(["build", "--format", "pdf,epub"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    assert!(first.starts_with("built "), "{first}");
    let pid = i32::try_from(child.id()).unwrap();
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{first}{rest}");
    assert!(rest.contains("interrupted: "), "{rest}");
    let built = fs::read_dir(dir.path().join("output"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".pdf")
        })
        .count();
    assert!(built < 24, "every document was built: {rest}");
    assert!(temporaries(&dir.path().join("output")).is_empty());
}

#[test]
fn output_errors_exit_with_2_and_name_the_path() {
    let dir = workspace();
    fs::write(dir.path().join("a-file"), "").unwrap();
    let out = run(respub(dir.path()).args(["build", SEED, "--out", "a-file", "--format", "txt"]));
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("the output folder `a-file` is a file; name a folder with --out"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("os error"), "{}", out.stderr);

    // A mirrored sub-folder that exists as a file.
    fs::create_dir(dir.path().join("output")).unwrap();
    fs::write(dir.path().join("output/Session 86 (Beijing)"), "").unwrap();
    let out = run(respub(dir.path()).args(["build", "--format", "txt"]));
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("`output/Session 86 (Beijing)` is a file, not a folder"),
        "{}",
        out.stderr
    );
}

#[test]
fn control_characters_in_file_names_are_printed_escaped() {
    let dir = util::temp_dir();
    let sources = dir.path().join("sources");
    fs::create_dir(&sources).unwrap();
    fs::write(sources.join("a\u{1b}[31mb\nc.xml"), "<resolution").unwrap();
    for args in [
        &["--messages", "short", "check"][..],
        &["check"][..],
        &["build", "--format", "txt"][..],
    ] {
        let out = run(respub(dir.path()).args(args));
        assert_eq!(out.code, Some(1), "{}", out.stderr);
        assert!(!out.stderr.contains('\u{1b}'), "{:?}", out.stderr);
        assert!(
            out.stderr.contains("sources/a\\u{1b}[31mb\\nc.xml:1:"),
            "{}",
            out.stderr
        );
    }
    let out = run(respub(dir.path()).args(["--messages", "short", "check"]));
    let first = out.stderr.lines().next().unwrap();
    assert!(first.contains(": error: "), "{}", out.stderr);
    let out = run(respub(dir.path()).args(["check", "missing\n.xml"]));
    assert!(
        out.stderr.contains("`missing\\n.xml` does not exist"),
        "{}",
        out.stderr
    );
}

#[test]
fn style_files_cannot_leave_the_style_folder_through_a_link() {
    let dir = util::temp_dir();
    let styles = dir.path().join("styles");
    copy_dir(&repo_path("styles"), &styles);
    fs::write(
        dir.path().join("secret.svg"),
        "<svg xmlns='http://www.w3.org/2000/svg'/>",
    )
    .unwrap();
    fs::remove_file(styles.join("emblem.svg")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.svg"), styles.join("emblem.svg")).unwrap();
    let out = run(respub(dir.path()).args([
        "build",
        repo_path(SEED).to_str().unwrap(),
        "--style",
        "styles/official.toml",
        "--format",
        "txt",
    ]));
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains("cannot read the emblem `emblem.svg`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("outside the style folder"),
        "{}",
        out.stderr
    );
    // A link that stays inside the folder is followed.
    fs::remove_file(styles.join("emblem.svg")).unwrap();
    std::os::unix::fs::symlink("un-emblem.svg", styles.join("emblem.svg")).unwrap();
    let out = run(respub(dir.path()).args([
        "build",
        repo_path(SEED).to_str().unwrap(),
        "--style",
        "styles/official.toml",
        "--format",
        "txt",
    ]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
}

#[test]
fn source_date_epoch_dates_the_files_but_never_names_the_document() {
    let dir = util::temp_dir();
    let build = |epoch: Option<&str>| {
        let out_dir = format!("out-{}", epoch.unwrap_or("none"));
        let mut cmd = respub(dir.path());
        cmd.args([
            "build",
            repo_path(SEED).to_str().unwrap(),
            "--out",
            &out_dir,
        ]);
        cmd.args(["--format", "akn,epub,docx,pdf"]);
        if let Some(epoch) = epoch {
            cmd.env("SOURCE_DATE_EPOCH", epoch);
        }
        let out = run(&mut cmd);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        let path = |ext: &str| {
            dir.path()
                .join(&out_dir)
                .join(format!("GA-2017-86-RES-06.fr.{ext}"))
        };
        let akn = fs::read_to_string(path("akn.xml")).unwrap();
        let work = akn[akn.find("<FRBRWork>").unwrap()..akn.find("<FRBRManifestation>").unwrap()]
            .to_string();
        let made = akn[akn.find("<FRBRManifestation>").unwrap()..].to_string();
        let entry = |ext: &str, name: &str| {
            let mut zip = zip::ZipArchive::new(fs::File::open(path(ext)).unwrap()).unwrap();
            let text = std::io::read_to_string(zip.by_name(name).unwrap()).unwrap();
            // Every `<dc:identifier …>…</dc:identifier>`.
            let ids: Vec<&str> = text
                .match_indices("<dc:identifier")
                .map(|(at, _)| {
                    let end = text[at..].find("</dc:identifier>").unwrap();
                    &text[at..at + end]
                })
                .collect();
            assert!(!ids.is_empty(), "{name} has no dc:identifier");
            ids.join("\n")
        };
        // The trailer's `/ID[(document)(instance)]`: the instance is this
        // file, and changes with its date; the document does not.
        let pdf = fs::read(path("pdf")).unwrap();
        let at = pdf.windows(4).rposition(|w| w == b"/ID[").unwrap();
        let id = String::from_utf8_lossy(&pdf[at..]);
        let id = id[..id.find(')').unwrap()].to_string();
        (
            work,
            made,
            entry("epub", "EPUB/package.opf"),
            entry("docx", "docProps/core.xml"),
            id,
        )
    };
    let plain = build(None);
    let dated = build(Some("0"));
    assert!(plain.0.contains("/2017-09-29/6"), "{}", plain.0);
    assert_eq!(plain.0, dated.0, "the AKN work and expression changed");
    assert_ne!(
        plain.1, dated.1,
        "the manifestation is the file: it is dated"
    );
    assert_eq!(plain.2, dated.2, "the EPUB's identifier changed");
    assert_eq!(plain.3, dated.3, "the DOCX's identifier changed");
    assert_eq!(plain.4, dated.4, "the PDF's document ID changed");
}
