//! The Typst world of one document: the template and the template files
//! it imports, its data, the emblem, the source file to attach and the
//! style's fonts.
//!
//! The style's folder is the root of the world: the template is
//! `/official.typ` and imports `lib/respub.typ` as written. Every `.typ`
//! file of that folder can be imported (for the built-in styles, those
//! compiled into the binary); nothing outside it is ever read, a symbolic
//! link out of it included, and nothing is downloaded. Any other path the
//! template asks for is refused. Fonts come only from the style, so the
//! same input gives the same PDF on every machine.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::render::time::UtcTime;
use crate::style::{FileBytes, Style, StyleFiles};

/// Virtual path of the template's data.
pub const DATA_PATH: &str = "/data.json";

/// Virtual path of the source file's bytes, for the attachment.
pub const SOURCE_PATH: &str = "/source.xml";

/// Virtual path of the emblem named `path` in the style.
pub fn emblem_path(path: &str) -> String {
    format!("/style/{}", path.trim_start_matches("./"))
}

/// The standard library, the same for every document: the template gets
/// its data from a file, not from `sys.inputs`.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// What a style contributes to every world: parsed fonts and templates.
pub struct StyleAssets {
    /// The style's fonts, indexed as the book lists them.
    fonts: Vec<Font>,
    /// Metadata of the fonts.
    book: LazyHash<FontBook>,
    /// The template.
    template: Source,
    /// Where the other template files are read from.
    files: StyleFiles,
    /// The other template files read so far, by id; `None` for a path
    /// that is not one.
    imported: Mutex<HashMap<FileId, FileResult<Source>>>,
    /// The emblem, under its virtual path.
    emblem: Option<(FileId, Bytes)>,
    /// The style data the assets were made from, kept to recognise the
    /// style (and so that its addresses cannot be reused by another).
    key: StyleKey,
}

/// What tells one style's assets from another's: the folder its files come
/// from and the files it names.
struct StyleKey {
    dir: Option<PathBuf>,
    files: Vec<FileBytes>,
}

/// Styles whose assets were prepared, most recently used last. Parsing
/// fonts is costly, and a build renders many documents in one style.
static ASSETS: Mutex<Vec<Arc<StyleAssets>>> = Mutex::new(Vec::new());

/// How many styles' assets are kept.
const KEPT_STYLES: usize = 4;

impl StyleAssets {
    /// The assets of `style`, prepared once and shared between threads.
    pub fn of(style: &Style) -> Result<Arc<StyleAssets>, String> {
        let key = style_key(style);
        let mut cache = ASSETS.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(at) = cache.iter().position(|a| a.key.same(&key)) {
            let assets = cache.remove(at);
            cache.push(assets.clone());
            return Ok(assets);
        }
        let assets = Arc::new(StyleAssets::load(style, key)?);
        if cache.len() >= KEPT_STYLES {
            cache.remove(0);
        }
        cache.push(assets.clone());
        Ok(assets)
    }

    fn load(style: &Style, key: StyleKey) -> Result<StyleAssets, String> {
        let mut fonts = Vec::new();
        for file in &style.fonts.files {
            let before = fonts.len();
            fonts.extend(Font::iter(Bytes::new(file.data.clone())));
            if fonts.len() == before {
                return Err(format!(
                    "the font file `{}` cannot be read by the PDF writer",
                    file.path
                ));
            }
        }
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        let text = std::str::from_utf8(&style.template.data)
            .map_err(|_| format!("the template `{}` is not UTF-8 text", style.template.path))?;
        let template = Source::new(file_id(&template_path(&style.template.path)), text.into());
        let emblem = style
            .emblem
            .as_ref()
            .map(|e| (file_id(&emblem_path(&e.path)), Bytes::new(e.data.clone())));
        Ok(StyleAssets {
            fonts,
            book,
            template,
            files: style.files.clone(),
            imported: Mutex::new(HashMap::new()),
            emblem,
            key,
        })
    }

    /// The template file `id`: the template itself or a `.typ` file of the
    /// style's folder, read once.
    pub fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.template.id() {
            return Ok(self.template.clone());
        }
        let mut imported = self.imported.lock().unwrap_or_else(|e| e.into_inner());
        imported
            .entry(id)
            .or_insert_with(|| self.read_source(id))
            .clone()
    }

    fn read_source(&self, id: FileId) -> FileResult<Source> {
        let rooted = id.get();
        let rel = rooted.vpath().get_without_slash();
        if rooted.root() != &VirtualRoot::Project || !rel.ends_with(".typ") {
            return Err(FileError::AccessDenied);
        }
        let bytes = self.files.read_asset(rel).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => FileError::NotFound(rel.into()),
            _ => FileError::AccessDenied,
        })?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.into()))
    }

    /// The template file `id`, if the world has read it: for locating
    /// diagnostics in it.
    pub fn loaded(&self, id: FileId) -> Option<Source> {
        if id == self.template.id() {
            return Some(self.template.clone());
        }
        let imported = self.imported.lock().unwrap_or_else(|e| e.into_inner());
        imported.get(&id).and_then(|s| s.as_ref().ok()).cloned()
    }
}

fn style_key(style: &Style) -> StyleKey {
    let mut files = vec![style.template.data.clone()];
    files.extend(style.emblem.iter().map(|e| e.data.clone()));
    files.extend(style.fonts.files.iter().map(|f| f.data.clone()));
    StyleKey {
        dir: style.files.dir().map(|d| d.to_path_buf()),
        files,
    }
}

impl StyleKey {
    fn same(&self, other: &StyleKey) -> bool {
        let (a, b) = (&self.files, &other.files);
        self.dir == other.dir
            && a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| x.same(y) || x[..] == y[..])
    }
}

/// The template's virtual path: its path in the style's folder, which is
/// the root of the world, so that it imports the style's other files by
/// their paths and `/data.json` resolves the same whatever folder the
/// style uses.
fn template_path(path: &str) -> String {
    format!("/{}", path.trim_start_matches("./").replace('\\', "/"))
}

fn file_id(path: &str) -> FileId {
    // Paths here are built by this module and always valid; a style path
    // that Typst would not accept falls back to a fixed name.
    let vpath = VirtualPath::new(path)
        .unwrap_or_else(|_| VirtualPath::new("/asset").expect("a valid path"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// The world of one document.
pub struct DocumentWorld {
    assets: Arc<StyleAssets>,
    data: (FileId, Bytes),
    source: (FileId, Bytes),
    today: Option<Datetime>,
}

impl DocumentWorld {
    /// A world for the template of `assets` with the given data and source
    /// bytes; `today()` answers `timestamp` (seconds since the epoch).
    pub fn new(assets: Arc<StyleAssets>, data: Vec<u8>, source: Vec<u8>, timestamp: i64) -> Self {
        DocumentWorld {
            assets,
            data: (file_id(DATA_PATH), Bytes::new(data)),
            source: (file_id(SOURCE_PATH), Bytes::new(source)),
            today: UtcTime::from_unix(timestamp)
                .and_then(|d| Datetime::from_ymd(d.year, d.month, d.day)),
        }
    }
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.assets.book
    }

    fn main(&self) -> FileId {
        self.assets.template.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.assets.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        for (known, bytes) in [
            Some(&self.data),
            Some(&self.source),
            self.assets.emblem.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            if *known == id {
                return Ok(bytes.clone());
            }
        }
        self.assets.source(id).map(Bytes::from_string)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.assets.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}
