//! The house style: one definition of how a resolution looks, read by every
//! writer.
//!
//! A style is a TOML file (`styles/official.toml`) naming its fonts, page,
//! sizes, colours and the treatment of verbs, plus the locale files of the
//! languages it publishes (`styles/locales/fr.toml` …) and the Typst
//! template for the PDF. Paths in the style are relative to its folder and
//! may not leave it. The default style is compiled into the binary, so
//! respub works from any directory.

mod drafting;
mod files;
mod length;
mod lexicon;
mod locale;
pub mod template;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diag::{Diagnostic, SourceText};
use crate::model::{Language, Meta, Span};

pub use drafting::Drafting;
pub use files::{BUILTIN_FONTS, BuiltinFile, BuiltinFont, FileBytes, StyleFiles, builtin_file};
pub use length::Length;
pub use lexicon::{Lexicon, builtin_lexicons};
pub use locale::{
    Labels, Locale, Ordinals, PageLabelPart, Plural, Quotes, RedlineLabels, Space, Typography,
    page_label_parts,
};

/// A loaded and checked house style.
#[derive(Debug, Clone)]
pub struct Style {
    /// The style's name ("official").
    pub name: String,
    /// Page size and margins.
    pub page: Page,
    /// Font families and the font files that provide them.
    pub fonts: Fonts,
    /// Body text.
    pub text: Text,
    /// Colours.
    pub colours: Colours,
    /// The title block at the top of the first page.
    pub title: Title,
    /// How the leading verbs of clauses are set.
    pub verbs: Verbs,
    /// List indents and default label patterns.
    pub lists: Lists,
    /// Running header and footer.
    pub running: Running,
    /// The adoption line after the text.
    pub adoption: Adoption,
    /// An optional emblem printed at the top of the first page.
    pub emblem: Option<Asset>,
    /// The Typst template used by the PDF writer. It may import other
    /// `.typ` files of the style's folder.
    pub template: Asset,
    /// Where the style's files come from, for the files the template
    /// imports.
    pub files: StyleFiles,
    /// Locales by primary language subtag.
    pub locales: BTreeMap<String, Locale>,
    /// The documents this style is chosen for when none is named.
    pub applies_to: AppliesTo,
    /// The drafting rules of `respub lint` this style switches off.
    pub lint: Lint,
    /// What loading the style found questionable, such as a key the
    /// template ignores, pointing into [`Style::source`].
    pub warnings: Vec<Diagnostic>,
    /// The style file as read, for showing its warnings.
    pub source: SourceText,
}

/// What `respub lint` checks in the documents of a style.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Lint {
    /// Rules, by name, that the style's documents need not follow.
    #[serde(default)]
    pub allow: Vec<String>,
}

/// Which documents a built-in style is chosen for, by their metadata.
/// Names are compared without regard to case. A style that lists both
/// bodies and organisations is chosen for a document whose body and
/// organisation are both listed: "Assemblée générale" is the General
/// Assembly of the United Nations, or of O.I.P.C.-INTERPOL.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AppliesTo {
    /// Issuing bodies ("Security Council", "Conseil de sécurité").
    #[serde(default)]
    pub bodies: Vec<String>,
    /// Organisations ("United Nations").
    #[serde(default)]
    pub organisations: Vec<String>,
}

impl AppliesTo {
    /// Whether a document with this metadata asks for the style: its
    /// body is listed, or its organisation, or both when both lists are
    /// given. A style that lists neither is never asked for.
    pub fn matches(&self, meta: &Meta) -> bool {
        let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
        let body = meta
            .body
            .as_deref()
            .is_some_and(|b| self.bodies.iter().any(|x| same(x, b)));
        let organisation = self
            .organisations
            .iter()
            .any(|x| same(x, &meta.organisation.name));
        match (self.bodies.is_empty(), self.organisations.is_empty()) {
            (true, true) => false,
            (false, true) => body,
            (true, false) => organisation,
            (false, false) => body && organisation,
        }
    }
}

/// A file that belongs to the style (template, emblem, font).
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to the style folder, as written in the style.
    pub path: String,
    /// The file's bytes.
    pub data: FileBytes,
}

/// Page geometry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Page {
    /// Page width.
    pub width: Length,
    /// Page height.
    pub height: Length,
    /// Top margin.
    pub margin_top: Length,
    /// Bottom margin.
    pub margin_bottom: Length,
    /// Margin on the side where lines start (left in Latin, right in Arabic).
    pub margin_start: Length,
    /// Margin on the side where lines end.
    pub margin_end: Length,
}

/// Fonts.
#[derive(Debug, Clone)]
pub struct Fonts {
    /// Family of the body text ("Noto Serif").
    pub body: String,
    /// Families of the scripts the body family does not set, by the
    /// script names of the locales (`arabic` → "Noto Naskh Arabic").
    pub scripts: BTreeMap<String, String>,
    /// Families for the few characters the others lack (the minus sign,
    /// white bullets …), tried in order.
    pub fallback: Vec<String>,
    /// The font files, in the order the style lists them.
    pub files: Vec<FontFile>,
}

impl Fonts {
    /// The family that sets text written in `script` (a locale's
    /// `script`): the script's own family, else the body's.
    pub fn family_for(&self, script: &str) -> &str {
        self.scripts.get(script).unwrap_or(&self.body)
    }

    /// Every family of the style in the order text looks for a glyph:
    /// the family of `script` first, then the body, the other scripts'
    /// families and the fallbacks.
    pub fn search_order(&self, script: &str) -> Vec<&str> {
        let mut order = vec![self.family_for(script)];
        let rest = std::iter::once(self.body.as_str())
            .chain(self.scripts.values().map(String::as_str))
            .chain(self.fallback.iter().map(String::as_str));
        for family in rest {
            if !order.contains(&family) {
                order.push(family);
            }
        }
        order
    }
}

/// One font file of the style.
#[derive(Debug, Clone)]
pub struct FontFile {
    /// Path relative to the style folder.
    pub path: String,
    /// Family name, read from the font itself.
    pub family: String,
    /// Whether the face is bold.
    pub bold: bool,
    /// Whether the face is italic.
    pub italic: bool,
    /// The font data.
    pub data: FileBytes,
}

/// Body text settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Text {
    /// Font size of the body.
    pub size: Length,
    /// Distance between lines, as a multiple of the font size.
    pub line_height: f64,
    /// Space between paragraphs.
    pub paragraph_spacing: Length,
    /// First-line indent of clauses.
    pub first_line_indent: Length,
    /// Whether body text is justified.
    pub justify: bool,
    /// Whether words are hyphenated by the rules of the language.
    pub hyphenate: bool,
    /// Size of footnote text.
    pub footnote_size: Length,
    /// Distance between the lines of a footnote, as a multiple of its size.
    pub footnote_line_height: f64,
}

/// What Typst's leading leaves out of a line's height: it measures from a
/// baseline to the top edge of the next line, which the templates take to
/// be 0.72 em above that line's baseline.
const TOP_EDGE: f64 = 0.72;

impl Text {
    /// The leading of body text, as a multiple of the size, that sets
    /// baselines about `line-height` times the size apart in the PDF.
    pub fn leading(&self) -> f64 {
        self.line_height - TOP_EDGE
    }

    /// The leading of footnotes, as a multiple of their size.
    pub fn footnote_leading(&self) -> f64 {
        self.footnote_line_height - TOP_EDGE
    }
}

/// Colours, as `#rrggbb`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Colours {
    /// Body text.
    pub text: Colour,
    /// Titles and rules.
    pub accent: Colour,
    /// Running header and footer.
    pub muted: Colour,
    /// In a redline, what the new version inserted (underlined too).
    #[serde(default = "Colour::inserted")]
    pub inserted: Colour,
    /// In a redline, what the new version deleted (struck through too).
    #[serde(default = "Colour::deleted")]
    pub deleted: Colour,
    /// In a redline, the change bar of a paragraph that moved.
    #[serde(default = "Colour::moved")]
    pub moved: Colour,
}

impl Colour {
    /// The colour of inserted text in a style that names none: a blue.
    fn inserted() -> Colour {
        Colour([0x1f, 0x5f, 0xa8])
    }

    /// The colour of deleted text in a style that names none: a red.
    fn deleted() -> Colour {
        Colour([0xb3, 0x26, 0x1e])
    }

    /// The colour of the bars of moved paragraphs in a style that names
    /// none: a green.
    fn moved() -> Colour {
        Colour([0x2e, 0x7d, 0x32])
    }
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub [u8; 3]);

impl Colour {
    /// `rrggbb`, without `#`, as OOXML writes it.
    pub fn hex(self) -> String {
        format!("{:02X}{:02X}{:02X}", self.0[0], self.0[1], self.0[2])
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let hex = text.strip_prefix('#').unwrap_or("");
        let bad = || {
            serde::de::Error::custom(format!(
                "`{text}` is not a colour; write it as `#rrggbb`, e.g. `#1f3a68`"
            ))
        };
        if hex.len() != 6 || !hex.is_ascii() {
            return Err(bad());
        }
        let mut rgb = [0; 3];
        for (i, c) in rgb.iter_mut().enumerate() {
            *c = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
        }
        Ok(Colour(rgb))
    }
}

/// The title block.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Title {
    /// Size of the organisation name.
    pub organisation_size: Length,
    /// Size of the title ("Résolution N° 6").
    pub size: Length,
    /// Size of the reference and subject lines.
    pub subject_size: Length,
    /// Whether the organisation name is set in capitals.
    pub organisation_uppercase: bool,
    /// Letter-spacing of the organisation name, in em (0 for none).
    pub organisation_tracking: f64,
    /// Where the reference goes: `top-end` (top right in Latin scripts) or
    /// `below-title`.
    pub reference_position: ReferencePosition,
    /// Height of the emblem in the title block.
    pub emblem_height: Length,
    /// Whether the title block shows the distribution line and the date
    /// ("Distr.: General", "10 June 2024").
    #[serde(default)]
    pub distribution: bool,
    /// Whether it shows the session's name and the agenda item
    /// ("Eightieth session", "Agenda item 89").
    #[serde(default)]
    pub session: bool,
    /// Whether it shows the locale's `adopted-by` line ("Resolution
    /// adopted by the General Assembly on 3 November 2025").
    #[serde(default)]
    pub adopted_by: bool,
    /// Whether it shows how the resolution came before the body ("[without
    /// reference to a Main Committee (A/80/L.7)]").
    #[serde(default)]
    pub committee: bool,
    /// Where the title is set: `center` (the default) or `start`.
    #[serde(default)]
    pub align: TitleAlign,
    /// The arrangement of the title block, which the template sets in the
    /// PDF and the DOCX writer follows: `official` when not given.
    #[serde(default)]
    pub layout: TitleLayout,
}

/// The arrangement of the title block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TitleLayout {
    /// The emblem, the organisation and the body over a double rule, the
    /// reference beside them or under the title, the title and the subject
    /// centred, the adoption line after the text.
    #[default]
    Official,
    /// As United Nations documents: the organisation and the symbol on one
    /// line, the emblem and the body in large type beside the distribution
    /// and the date, then the number and the adoption line; no subject
    /// line.
    UnitedNations,
    /// As United Nations General Assembly resolutions: the masthead of
    /// United Nations documents, then the session and agenda item, the
    /// adoption and committee lines and the numbered title; the adoption
    /// line (the plenary meeting and the date) after the text.
    GeneralAssembly,
}

impl TitleLayout {
    /// Whether the title block opens with the masthead of United Nations
    /// documents.
    pub fn un_masthead(self) -> bool {
        self != TitleLayout::Official
    }

    /// Whether the adoption line follows the title rather than the text.
    pub fn adoption_under_title(self) -> bool {
        self == TitleLayout::UnitedNations
    }
}

/// How the title is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TitleAlign {
    /// Centred.
    #[default]
    Center,
    /// On the side where lines start.
    Start,
}

/// Where the reference is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReferencePosition {
    /// In the top corner on the side where lines end.
    TopEnd,
    /// On its own line under the title.
    BelowTitle,
}

/// How leading verbs are set, for each part of the resolution.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Verbs {
    /// Participles of the preamble.
    pub preamble: VerbTreatment,
    /// Verbs of the operative part.
    pub operative: VerbTreatment,
}

/// One way of setting a verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VerbTreatment {
    /// As written in the source (already in capitals, say).
    AsWritten,
    /// In capitals.
    Uppercase,
    /// In small capitals.
    SmallCaps,
    /// In italics.
    Italic,
    /// In bold.
    Bold,
}

/// List layout.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Lists {
    /// Indent of each level relative to the one above.
    pub indent: Length,
    /// Width reserved for the label, which hangs in it.
    pub label_width: Length,
    /// Indent of numbered operative paragraphs' labels, when numbered.
    pub operative_label_width: Length,
}

/// Running header and footer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Running {
    /// Whether the header shows the organisation and reference on pages
    /// after the first.
    pub header: bool,
    /// Whether the footer shows the reference and the page number.
    pub footer: bool,
    /// Size of header and footer text.
    pub size: Length,
}

/// The adoption line after the text ("Adopted", "40th plenary meeting").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Adoption {
    /// The side it is set on: `start` (the default) or `end`.
    #[serde(default)]
    pub align: Side,
    /// Whether it is set in bold (the default).
    #[serde(default = "yes")]
    pub bold: bool,
}

impl Default for Adoption {
    fn default() -> Self {
        Adoption {
            align: Side::Start,
            bold: true,
        }
    }
}

fn yes() -> bool {
    true
}

/// A side of the line: where lines start (left in Latin scripts) or end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// Where lines start.
    #[default]
    Start,
    /// Where lines end.
    End,
}

/// The TOML form of a style, before its files are loaded.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct StyleToml {
    name: String,
    template: toml::Spanned<String>,
    #[serde(default = "default_locales")]
    locales: toml::Spanned<String>,
    page: Page,
    fonts: FontsToml,
    text: Text,
    colours: Colours,
    title: Title,
    verbs: Verbs,
    lists: Lists,
    running: Running,
    #[serde(default)]
    adoption: Adoption,
    emblem: Option<toml::Spanned<String>>,
    /// Per-language overrides of locale labels.
    #[serde(default)]
    labels: BTreeMap<String, toml::Spanned<toml::Table>>,
    #[serde(default)]
    applies_to: AppliesTo,
    #[serde(default)]
    lint: Lint,
}

fn default_locales() -> toml::Spanned<String> {
    toml::Spanned::new(0..0, "locales".into())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FontsToml {
    body: toml::Spanned<String>,
    #[serde(default)]
    scripts: BTreeMap<String, toml::Spanned<String>>,
    #[serde(default)]
    fallback: Vec<toml::Spanned<String>>,
    files: Vec<toml::Spanned<String>>,
}

/// Warnings for the keys of the style file `text` that its `template`
/// (with the files it imports) never reads: the PDF ignores them while the
/// EPUB and the DOCX apply them.
fn unread_keys(text: &str, files: &StyleFiles, template: &Asset) -> Vec<Diagnostic> {
    let Ok(table) = toml::de::DeTable::parse(text) else {
        return Vec::new();
    };
    let parts = template::files(files, template);
    let texts: Vec<String> = parts
        .iter()
        .map(|a| String::from_utf8_lossy(&a.data).into_owned())
        .collect();
    let reads = template::reads(&texts.iter().map(String::as_str).collect::<Vec<_>>());
    let who = if parts.len() > 1 {
        format!(
            "neither the template `{}` nor the files it imports read",
            template.path
        )
    } else {
        format!("the template `{}` never reads", template.path)
    };
    let mut warnings = Vec::new();
    for (key, path) in crate::render::pdf::TEMPLATE_KEYS {
        if template::is_read(&reads, path) {
            continue;
        }
        let Some(span) = key_span(table.get_ref(), key) else {
            continue;
        };
        warnings.push(
            Diagnostic::warning(format!(
                "{who} `{key}`: the PDF ignores it, while the EPUB and the DOCX apply it"
            ))
            .at(Span::new(span.start, span.end))
            .with_label(format!("ignored by `{}`", template.path))
            .with_hint(format!(
                "read it in the template as `d.{path}`, or remove it from the style"
            )),
        );
    }
    warnings
}

/// Where the dotted `key` (`title.size`) is written in `table`.
fn key_span(table: &toml::de::DeTable<'_>, key: &str) -> Option<std::ops::Range<usize>> {
    let (first, rest) = match key.split_once('.') {
        Some((first, rest)) => (first, Some(rest)),
        None => (key, None),
    };
    let (name, value) = table.iter().find(|(k, _)| k.get_ref().as_ref() == first)?;
    match (rest, value.get_ref()) {
        (None, _) => Some(name.span()),
        (Some(rest), toml::de::DeValue::Table(inner)) => key_span(inner, rest),
        (Some(_), _) => None,
    }
}

/// The locales compiled into the binary (`styles/locales/*.toml`), as
/// the built-in styles have them.
pub fn builtin_locales() -> Vec<Locale> {
    let files = StyleFiles::Builtin;
    let names = files.list("locales", "toml").unwrap_or_default();
    names
        .iter()
        .filter_map(|name| {
            let bytes = files.read_asset(&format!("locales/{name}")).ok()?;
            Locale::parse(&bytes, None).ok()
        })
        .collect()
}

/// The names of the styles compiled into the binary, the default first.
pub const BUILTIN_STYLES: [&str; 3] = ["official", "unsc", "unga"];

/// The style of `styles` that applies to a document: the first whose
/// `applies-to` matches its metadata, else the first of the list.
pub fn choose<'a>(styles: &'a [Style], meta: &Meta) -> &'a Style {
    styles
        .iter()
        .find(|s| s.applies_to.matches(meta))
        .unwrap_or(&styles[0])
}

/// Why a style could not be loaded: the diagnostics and the text of the
/// file they point into.
#[derive(Debug, Clone)]
pub struct StyleError {
    /// The file the diagnostics belong to.
    pub source: SourceText,
    /// What is wrong.
    pub diagnostics: Vec<Diagnostic>,
}

impl Style {
    /// The default style compiled into the binary (`styles/official.toml`).
    pub fn builtin() -> Style {
        Style::builtin_named("official").expect("the official style is built in")
    }

    /// A style compiled into the binary, by name (`official`, `unsc`,
    /// `unga`).
    pub fn builtin_named(name: &str) -> Option<Style> {
        let file = format!("{name}.toml");
        files::builtin_file(&file)?;
        Some(
            Style::load(&StyleFiles::Builtin, &file).unwrap_or_else(|e| {
                panic!("the built-in style {name} is broken: {:?}", e.diagnostics)
            }),
        )
    }

    /// Every style compiled into the binary, the default first.
    pub fn builtins() -> Vec<Style> {
        BUILTIN_STYLES
            .iter()
            .filter_map(|name| Style::builtin_named(name))
            .collect()
    }

    /// Loads the style file at `path` on disk; its assets are read from the
    /// same folder.
    pub fn from_path(path: &Path) -> Result<Style, StyleError> {
        let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Style::load(&StyleFiles::Dir(dir), &name)
    }

    /// Loads the style file `name` and its assets from `files`.
    pub fn load(files: &StyleFiles, name: &str) -> Result<Style, StyleError> {
        let display = files.display(name);
        let bytes = files.read(name).map_err(|e| StyleError {
            source: SourceText {
                name: display.clone(),
                text: String::new(),
            },
            diagnostics: vec![
                Diagnostic::error(format!("cannot read the style `{display}`: {e}")).with_hint(
                    "give --style the path of a style file such as styles/official.toml",
                ),
            ],
        })?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let source = SourceText {
            name: display,
            text,
        };
        let fail = |diagnostics| StyleError {
            source: source.clone(),
            diagnostics,
        };
        let raw: StyleToml = toml::from_str(&source.text)
            .map_err(|e| {
                let span = e.span().map(|r| Span::new(r.start, r.end));
                vec![
                    Diagnostic::error(format!("invalid style: {}", e.message().trim()))
                        .at(span)
                        .with_hint("see docs/style.md for the keys a style file takes"),
                ]
            })
            .map_err(fail)?;

        let mut errors = Vec::new();
        let mut asset = |path: &toml::Spanned<String>, what: &str| -> Option<Asset> {
            match files.read_asset(path.get_ref()) {
                Ok(data) => Some(Asset {
                    path: path.get_ref().clone(),
                    data,
                }),
                Err(e) => {
                    errors.push(
                        Diagnostic::error(format!(
                            "cannot read the {what} `{}`: {e}",
                            crate::diag::escape(path.get_ref())
                        ))
                        .at(Span::new(path.span().start, path.span().end))
                        .with_hint(
                            "paths are relative to the style file and must stay inside its folder",
                        ),
                    );
                    None
                }
            }
        };
        let template = asset(&raw.template, "template");
        let emblem = raw.emblem.as_ref().and_then(|e| asset(e, "emblem"));
        let font_assets: Vec<_> = raw
            .fonts
            .files
            .iter()
            .map(|f| (f.span(), asset(f, "font file")))
            .collect();

        let mut fonts = Vec::new();
        for (span, asset) in font_assets {
            let Some(asset) = asset else { continue };
            match files::font_face(&asset.data) {
                Some((family, bold, italic)) => fonts.push(FontFile {
                    path: asset.path,
                    family,
                    bold,
                    italic,
                    data: asset.data,
                }),
                None => errors.push(
                    Diagnostic::error(format!(
                        "`{}` is not a TrueType or OpenType font",
                        asset.path
                    ))
                    .at(Span::new(span.start, span.end)),
                ),
            }
        }
        for family in std::iter::once(&raw.fonts.body)
            .chain(raw.fonts.scripts.values())
            .chain(&raw.fonts.fallback)
        {
            if !fonts.is_empty() && !fonts.iter().any(|f| f.family == *family.get_ref()) {
                let known: Vec<_> = fonts
                    .iter()
                    .map(|f| f.family.as_str())
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect();
                errors.push(
                    Diagnostic::error(format!("no font file of the style provides the family `{}`", family.get_ref()))
                        .at(Span::new(family.span().start, family.span().end))
                        .with_hint(format!("the font files provide: {}", known.join(", ")))
                        .with_hint("add the family's files to `fonts.files`; respub never falls back to system fonts"),
                );
            }
        }

        let mut locales = BTreeMap::new();
        let locale_span = Span::new(raw.locales.span().start, raw.locales.span().end);
        let names = match files.list(raw.locales.get_ref(), "toml") {
            Ok(names) if !names.is_empty() => names,
            Ok(_) => {
                errors.push(
                    Diagnostic::error(format!(
                        "the locale folder `{}` holds no `LANG.toml` file",
                        raw.locales.get_ref()
                    ))
                    .at(locale_span)
                    .with_hint("a style needs at least one locale, such as `locales/en.toml`"),
                );
                Vec::new()
            }
            Err(e) => {
                errors.push(
                    Diagnostic::error(format!(
                        "cannot read the locale folder `{}`: {e}",
                        raw.locales.get_ref()
                    ))
                    .at(locale_span),
                );
                Vec::new()
            }
        };
        for name in &names {
            let lang = name.trim_end_matches(".toml");
            let rel = format!("{}/{name}", raw.locales.get_ref());
            match files.read_asset(&rel) {
                Ok(bytes) => {
                    let overrides = raw.labels.get(lang).map(|t| t.get_ref());
                    match Locale::parse(&bytes, overrides) {
                        Ok(locale) if locale.language != lang => errors.push(
                            Diagnostic::error(format!(
                                "the locale `{rel}` says it is `{}`; a locale file is named after its language",
                                locale.language
                            ))
                            .at(locale_span),
                        ),
                        Ok(locale) => {
                            locales.insert(lang.to_string(), locale);
                        }
                        Err(message) => errors.push(
                            Diagnostic::error(format!("invalid locale `{rel}`: {message}")).at(raw
                                .labels
                                .get(lang)
                                .map(|t| Span::new(t.span().start, t.span().end))),
                        ),
                    }
                }
                Err(e) => errors.push(
                    Diagnostic::error(format!("cannot read the locale `{rel}`: {e}"))
                        .at(locale_span),
                ),
            }
        }

        if !errors.is_empty() {
            return Err(fail(errors));
        }
        let template = template.expect("errors were returned above");
        let warnings = unread_keys(&source.text, files, &template);
        Ok(Style {
            name: raw.name,
            page: raw.page,
            fonts: Fonts {
                body: raw.fonts.body.into_inner(),
                scripts: raw
                    .fonts
                    .scripts
                    .into_iter()
                    .map(|(k, v)| (k, v.into_inner()))
                    .collect(),
                fallback: raw
                    .fonts
                    .fallback
                    .into_iter()
                    .map(toml::Spanned::into_inner)
                    .collect(),
                files: fonts,
            },
            text: raw.text,
            colours: raw.colours,
            title: raw.title,
            verbs: raw.verbs,
            lists: raw.lists,
            running: raw.running,
            adoption: raw.adoption,
            emblem,
            template,
            files: files.clone(),
            locales,
            applies_to: raw.applies_to,
            lint: raw.lint,
            warnings,
            source,
        })
    }

    /// The locale of `lang`, falling back to English for languages the style
    /// does not publish.
    pub fn locale(&self, lang: &Language) -> &Locale {
        self.locales
            .get(&lang.primary())
            .or_else(|| self.locales.get("en"))
            .or_else(|| self.locales.values().next())
            .expect("a style has at least one locale")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_style_loads_with_its_fonts() {
        let style = Style::builtin();
        assert_eq!(style.fonts.body, "Noto Serif");
        assert!(
            style
                .fonts
                .files
                .iter()
                .any(|f| f.family == "Noto Naskh Arabic")
        );
        assert!(
            style
                .fonts
                .files
                .iter()
                .any(|f| f.family == "Noto Serif" && f.bold && f.italic)
        );
        assert_eq!(
            style.locale(&Language("fr".into())).labels.status_adopted,
            "Adoptée"
        );
        assert_eq!(style.locale(&Language("de".into())).language, "en");
    }

    /// Writes the built-in style files under `dir`, the official template
    /// changed by `change`, and returns the style file's path.
    fn style_on_disk(dir: &Path, change: impl Fn(&str) -> String) -> std::path::PathBuf {
        let files = StyleFiles::Builtin;
        for (folder, ext) in [("fonts", "ttf"), ("locales", "toml"), ("lib", "typ")] {
            std::fs::create_dir_all(dir.join(folder)).unwrap();
            for name in files.list(folder, ext).unwrap() {
                let rel = format!("{folder}/{name}");
                std::fs::write(dir.join(&rel), &*files.read_asset(&rel).unwrap()).unwrap();
            }
        }
        for name in ["official.toml", "emblem.svg"] {
            std::fs::write(dir.join(name), &*files.read_asset(name).unwrap()).unwrap();
        }
        let template =
            String::from_utf8(files.read_asset("official.typ").unwrap().to_vec()).unwrap();
        std::fs::write(dir.join("official.typ"), change(&template)).unwrap();
        dir.join("official.toml")
    }

    #[test]
    fn the_builtin_templates_read_every_key_of_their_styles() {
        for style in Style::builtins() {
            assert!(
                style.warnings.is_empty(),
                "{}: {:?}",
                style.name,
                style.warnings
            );
        }
    }

    #[test]
    fn a_key_the_template_never_reads_is_a_warning_at_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let untouched = Style::from_path(&style_on_disk(dir.path(), str::to_string)).unwrap();
        assert!(untouched.warnings.is_empty(), "{:?}", untouched.warnings);

        let path = style_on_disk(dir.path(), |t| {
            let reads = ", tracking: s.organisation-tracking * 1em";
            assert!(t.contains(reads));
            t.replace(reads, "")
        });
        let style = Style::from_path(&path).unwrap();
        assert_eq!(style.warnings.len(), 1, "{:?}", style.warnings);
        let warning = &style.warnings[0];
        assert!(!warning.is_error());
        assert!(
            warning.message.contains("`official.typ`")
                && warning.message.contains("`title.organisation-tracking`")
                && warning.message.contains("PDF ignores it"),
            "{}",
            warning.message
        );
        let span = warning.span.expect("the warning points at the key");
        assert_eq!(&style.source.text[span.range()], "organisation-tracking");
        let line = style.source.text[..span.start].matches('\n').count() + 1;
        assert!(
            style
                .source
                .text
                .lines()
                .nth(line - 1)
                .unwrap()
                .starts_with("organisation-tracking"),
            "line {line}"
        );
    }

    #[test]
    fn a_security_council_document_gets_the_unsc_style() {
        let styles = Style::builtins();
        let mut meta = Meta::default();
        assert_eq!(choose(&styles, &meta).name, "official");
        meta.body = Some("Conseil de sécurité".into());
        assert_eq!(choose(&styles, &meta).name, "unsc");
        meta.body = Some("Assemblée générale".into());
        assert_eq!(choose(&styles, &meta).name, "official");
    }

    #[test]
    fn a_general_assembly_document_gets_the_unga_style_only_from_the_un() {
        let styles = Style::builtins();
        let mut meta = Meta::default();
        // The seed: the General Assembly of O.I.P.C.-INTERPOL.
        meta.organisation.name = "O.I.P.C.-INTERPOL".into();
        meta.body = Some("Assemblée générale".into());
        assert_eq!(choose(&styles, &meta).name, "official");
        for (organisation, body) in [
            ("United Nations", "General Assembly"),
            ("Nations Unies", "Assemblée générale"),
            ("Naciones Unidas", "Asamblea General"),
            ("الأمم المتحدة", "الجمعية العامة"),
            ("united nations", " general assembly "),
        ] {
            meta.organisation.name = organisation.into();
            meta.body = Some(body.into());
            assert_eq!(
                choose(&styles, &meta).name,
                "unga",
                "{organisation} / {body}"
            );
        }
        // The Security Council of the United Nations keeps its own style.
        meta.organisation.name = "United Nations".into();
        meta.body = Some("Security Council".into());
        assert_eq!(choose(&styles, &meta).name, "unsc");
        // A body alone does not make a General Assembly of the UN.
        meta.body = Some("General Assembly".into());
        meta.organisation.name = String::new();
        assert_eq!(choose(&styles, &meta).name, "official");
    }
}
