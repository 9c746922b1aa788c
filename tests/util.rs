//! Helpers shared by the integration tests: paths in the repository,
//! temporary folders, and running the real `respub` binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A path relative to the repository root.
pub fn repo_path(rel: &str) -> PathBuf {
    root().join(rel)
}

/// A fresh temporary folder, deleted when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("respub-test-")
        .tempdir()
        .expect("cannot create a temporary folder")
}

/// A respub command run from `cwd`, without colours.
pub fn respub(cwd: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_respub"));
    cmd.current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH");
    cmd
}

/// How long a single run may take before the test calls it a hang. Far
/// above any normal run, even on a loaded machine.
const HANG: Duration = Duration::from_secs(120);

/// The result of a run.
#[derive(Debug)]
pub struct Run {
    /// The exit code (`None` if killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs `cmd` to completion, failing the test if it hangs.
pub fn run(cmd: &mut Command) -> Run {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start respub");
    let started = Instant::now();
    // Read the pipes on threads so a chatty child cannot block on them.
    let stdout = child.stdout.take().map(|mut s| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = std::io::Read::read_to_end(&mut s, &mut buf);
            buf
        })
    });
    let stderr = child.stderr.take().map(|mut s| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = std::io::Read::read_to_end(&mut s, &mut buf);
            buf
        })
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("cannot wait for respub") {
            break status;
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            panic!("respub did not finish within {HANG:?}: {cmd:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let collect = |h: Option<std::thread::JoinHandle<Vec<u8>>>| {
        h.map(|h| String::from_utf8_lossy(&h.join().unwrap_or_default()).into_owned())
            .unwrap_or_default()
    };
    Run {
        code: status.code(),
        stdout: collect(stdout),
        stderr: collect(stderr),
    }
}

/// Whether `program` can be found on the `PATH`.
pub fn has_program(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}

/// Models written in code: text, a paragraph, and the seed's metadata for
/// tests to start from and change what they need.
pub mod model {
    use respub::model::{
        Date, Inline, Language, Meta, Organisation, Paragraph, Reference, ResolutionNumber,
        Session, Status, StatusKind,
    };

    /// A run of plain text.
    pub fn text(t: &str) -> Inline {
        Inline::Text(t.into())
    }

    /// A paragraph of `content`.
    pub fn para(content: Vec<Inline>) -> Paragraph {
        Paragraph {
            content,
            span: None,
        }
    }

    /// The metadata of the seed, GA-2017-86-RES-06 in French, adopted in
    /// Beijing on 29 September 2017.
    pub fn seed_meta() -> Meta {
        Meta {
            reference: Reference("GA-2017-86-RES-06".into()),
            number: ResolutionNumber("6".into()),
            language: Language("fr".into()),
            organisation: Organisation {
                name: "O.I.P.C.-INTERPOL".into(),
                short: Some("INTERPOL".into()),
            },
            body: Some("Assemblée générale".into()),
            session: Some(Session {
                number: Some("86".into()),
                place: Some("Beijing".into()),
                country: Some("Chine".into()),
                start: Date::new(2017, 9, 26),
                end: Date::new(2017, 9, 29),
                name: None,
            }),
            subject: Some(Paragraph::text(
                "Prise de position sur la sécurité mondiale",
            )),
            status: Status {
                kind: StatusKind::Adopted,
                date: Date::new(2017, 9, 29),
            },
            keywords: vec!["sécurité mondiale".into()],
            ..Meta::default()
        }
    }
}

/// The plain text of a model in `style`, as the text writer prints it.
pub fn text_of(res: &respub::model::Resolution, style: &respub::style::Style) -> String {
    let source = respub::source::SourceFile::new("model.xml", Vec::new());
    let text = respub::render::render(respub::render::Format::Text, res, &source, style, 0)
        .unwrap_or_else(|e| panic!("the text writer failed: {e:?}"));
    String::from_utf8(text.output).expect("text output is UTF-8")
}

/// Copies the built-in style folder (`styles/`, with its templates, fonts
/// and locales) to `dest`, for tests that change a style on disk.
pub fn style_copy(dest: &Path) -> PathBuf {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            let target = to.join(path.file_name().unwrap());
            if path.is_dir() {
                copy(&path, &target);
            } else {
                std::fs::copy(&path, &target).unwrap();
            }
        }
    }
    copy(&repo_path("styles"), dest);
    dest.to_path_buf()
}
