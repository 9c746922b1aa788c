//! What a template reads of its data, found by parsing it.
//!
//! The PDF writer hands the template one dictionary (`/data.json`, see
//! `src/render/pdf/data.rs`); the EPUB and DOCX writers read the style
//! directly. A style key the template never reads is applied by the EPUB
//! and the DOCX and silently ignored by the PDF, so loading a style warns
//! about it. The template and the files it imports are parsed with Typst's
//! own parser, and every field access on the data dictionary — `d.head.date`,
//! or `s.title-size` where `s` is bound to `d.style` — counts as a read. A
//! binding passed around whole (`f(s)`) counts as reading all of it, so the
//! check errs on the side of silence.

use std::collections::{BTreeMap, BTreeSet};

use typst::syntax::ast::{self, Expr};
use typst::syntax::{LinkedNode, SyntaxKind, SyntaxNode};

use super::{Asset, StyleFiles};

/// The virtual path of the template's data.
const DATA: &str = "/data.json";

/// The template and every file it imports by a literal path, transitively,
/// each once: the main template first. Paths are relative to the style's
/// folder; files that cannot be read are left out (Typst reports them when
/// the template is compiled).
pub fn files(style: &StyleFiles, main: &Asset) -> Vec<Asset> {
    let mut found = vec![main.clone()];
    let mut next = 0;
    while next < found.len() {
        let text = String::from_utf8_lossy(&found[next].data).into_owned();
        let dir = match found[next].path.rsplit_once('/') {
            Some((dir, _)) => dir.to_string(),
            None => String::new(),
        };
        next += 1;
        for import in imports(&typst::syntax::parse(&text)) {
            let Some(rel) = resolve(&dir, &import) else {
                continue;
            };
            if found.iter().any(|a| a.path == rel) {
                continue;
            }
            if let Ok(data) = style.read_asset(&rel) {
                found.push(Asset { path: rel, data });
            }
        }
    }
    found
}

/// The paths the files import: `lib/respub.typ`, `/lib/data.typ`.
fn imports(root: &SyntaxNode) -> Vec<String> {
    let mut out = Vec::new();
    visit(root, &mut |node| {
        let source = if let Some(import) = node.cast::<ast::ModuleImport>() {
            import.source()
        } else if let Some(include) = node.cast::<ast::ModuleInclude>() {
            include.source()
        } else {
            return;
        };
        if let Expr::Str(path) = source {
            out.push(path.get().to_string());
        }
    });
    out
}

/// `path` as imported from a file in folder `dir`, relative to the style's
/// folder; `None` for a package or a path that leaves the folder.
fn resolve(dir: &str, path: &str) -> Option<String> {
    if path.starts_with('@') {
        return None;
    }
    let joined = match path.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None if dir.is_empty() => path.to_string(),
        None => format!("{dir}/{path}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Every data path the `texts` read: `style.title-size`, `head.date`,
/// `emblem`. A path read whole stands for everything below it.
pub fn reads(texts: &[&str]) -> BTreeSet<String> {
    let roots: Vec<SyntaxNode> = texts.iter().map(|t| typst::syntax::parse(t)).collect();
    // The names bound to a part of the data (`d` → the root, `s` →
    // `style`), across the files: a file imports them from another.
    let mut aliases: BTreeMap<String, String> = BTreeMap::new();
    loop {
        let before = aliases.len();
        for root in &roots {
            visit(root, &mut |node| {
                let Some(binding) = node.cast::<ast::LetBinding>() else {
                    return;
                };
                let ast::LetBindingKind::Normal(ast::Pattern::Normal(Expr::Ident(name))) =
                    binding.kind()
                else {
                    return;
                };
                if let Some(path) = binding.init().and_then(|e| data_path(e, &aliases)) {
                    aliases.entry(name.get().to_string()).or_insert(path);
                }
            });
        }
        if aliases.len() == before {
            break;
        }
    }
    let mut reads = BTreeSet::new();
    for root in &roots {
        walk_linked(&LinkedNode::new(root), &aliases, &mut reads);
    }
    reads
}

/// Records the reads under `node`.
fn walk_linked(
    node: &LinkedNode<'_>,
    aliases: &BTreeMap<String, String>,
    reads: &mut BTreeSet<String>,
) {
    if let Some(access) = node.cast::<ast::FieldAccess>() {
        // In `d.head.date` only the whole chain is a read: `d.head` is
        // its target, not a read of all of the head.
        // `#let s = d.style` binds an alias, whose uses are the reads.
        if is_field_target(node) || node.parent_kind() == Some(SyntaxKind::LetBinding) {
        } else if let Some(path) = data_path(Expr::FieldAccess(access), aliases) {
            // `s.at("title-size")` reads `style.title-size`.
            let at = access.field().get() == "at";
            let key = node
                .parent()
                .and_then(|p| p.cast::<ast::FuncCall>())
                .filter(|_| at)
                .and_then(|call| call.args().items().next())
                .and_then(|arg| match arg {
                    ast::Arg::Pos(Expr::Str(key)) => Some(key.get().to_string()),
                    _ => None,
                });
            match (key, path.rsplit_once('.')) {
                (Some(key), Some((target, _))) => {
                    reads.insert(join(target, &key));
                }
                _ => {
                    reads.insert(path);
                }
            }
        }
    } else if let Some(ident) = node.cast::<ast::Ident>() {
        // A name of the data used other than through a field: passed to a
        // function, say. Everything under it may be read.
        if let Some(path) = aliases.get(ident.get().as_str()) {
            // Not a use: the target or the name of a field access (read
            // above), the name a binding, a parameter or a named argument
            // introduces, or an imported name.
            let named = matches!(node.parent_kind(), Some(SyntaxKind::Named))
                && node.prev_sibling().is_none();
            let not_a_use = named
                || is_field_target(node)
                || matches!(
                    node.parent_kind(),
                    Some(SyntaxKind::LetBinding | SyntaxKind::Params)
                )
                || ancestors(node).any(|p| p.kind() == SyntaxKind::ModuleImport);
            if !not_a_use {
                reads.insert(path.clone());
            }
        }
    }
    for child in node.children() {
        walk_linked(&child, aliases, reads);
    }
}

/// The data path `expr` stands for, if it is a part of the data:
/// `json("/data.json")` is the root (`""`), `d.style` is `style`.
fn data_path(expr: Expr<'_>, aliases: &BTreeMap<String, String>) -> Option<String> {
    match expr {
        Expr::Ident(ident) => aliases.get(ident.get().as_str()).cloned(),
        Expr::FieldAccess(access) => {
            let target = data_path(access.target(), aliases)?;
            Some(join(&target, access.field().get()))
        }
        Expr::Parenthesized(p) => data_path(p.expr(), aliases),
        Expr::FuncCall(call) => {
            let Expr::Ident(callee) = call.callee() else {
                return None;
            };
            let first = call.args().items().next();
            match (callee.get().as_str(), first) {
                ("json", Some(ast::Arg::Pos(Expr::Str(path)))) if path.get() == DATA => {
                    Some(String::new())
                }
                _ => None,
            }
        }
        _ => None,
    }
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}

/// Whether `reads` covers `path`: it, something under it, or something
/// above it (read whole).
pub fn is_read(reads: &BTreeSet<String>, path: &str) -> bool {
    reads.iter().any(|r| {
        r == path
            || r.is_empty()
            || path.starts_with(&format!("{r}."))
            || r.starts_with(&format!("{path}."))
    })
}

/// Whether `node`, perhaps in parentheses, is the target of a field
/// access: `s` in `s.size` or `(s).size`, `d.head` in `d.head.date`.
fn is_field_target(node: &LinkedNode<'_>) -> bool {
    let mut inner = node.clone();
    while let Some(parent) = inner.parent() {
        match parent.kind() {
            SyntaxKind::Parenthesized => inner = parent.clone(),
            SyntaxKind::FieldAccess => {
                return parent
                    .children()
                    .next()
                    .is_some_and(|target| target.range() == inner.range());
            }
            _ => return false,
        }
    }
    false
}

fn ancestors<'a>(node: &'a LinkedNode<'a>) -> impl Iterator<Item = &'a LinkedNode<'a>> {
    std::iter::successors(node.parent(), |p| p.parent())
}

fn visit(node: &SyntaxNode, f: &mut impl FnMut(&SyntaxNode)) {
    f(node);
    for child in node.children() {
        visit(child, f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_accesses_on_the_data_are_reads() {
        let lib = "#let d = json(\"/data.json\")\n#let s = d.style\n#let pt(x) = x * 1pt\n";
        let page = "#import \"data.typ\": d, s\n#let a = text(size: pt(s.title-size), d.head.date)\n\
                    #let b = s.at(\"running-size\")\n#let c = (s).justify\n#c\n";
        let reads = reads(&[lib, page]);
        for path in [
            "style.title-size",
            "head.date",
            "style.running-size",
            "style.justify",
        ] {
            assert!(is_read(&reads, path), "{path} not found in {reads:?}");
        }
        assert!(!is_read(&reads, "style.organisation-tracking"), "{reads:?}");
        // The import of `s` and the binding of `s` are not reads of all of
        // the style.
        assert!(!reads.contains("style"), "{reads:?}");
    }

    #[test]
    fn the_builtin_templates_never_read_the_data_whole() {
        for name in ["official.typ", "unsc.typ", "unga.typ"] {
            let main = Asset {
                path: name.into(),
                data: StyleFiles::Builtin.read_asset(name).unwrap(),
            };
            let files = files(&StyleFiles::Builtin, &main);
            let texts: Vec<String> = files
                .iter()
                .map(|a| String::from_utf8_lossy(&a.data).into_owned())
                .collect();
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            let reads = reads(&texts);
            assert!(
                !reads.contains("") && !reads.contains("style") && !reads.contains("head"),
                "{name}: {reads:?}"
            );
        }
    }

    #[test]
    fn a_binding_passed_whole_reads_everything_under_it() {
        let text = "#let s = json(\"/data.json\").style\n#let f(x) = x.size\n#f(s)\n";
        let reads = reads(&[text]);
        assert!(is_read(&reads, "style.organisation-tracking"), "{reads:?}");
        assert!(!is_read(&reads, "head.date"), "{reads:?}");
    }

    #[test]
    fn imports_resolve_inside_the_folder() {
        assert_eq!(
            resolve("", "lib/respub.typ").as_deref(),
            Some("lib/respub.typ")
        );
        assert_eq!(resolve("lib", "data.typ").as_deref(), Some("lib/data.typ"));
        assert_eq!(resolve("lib", "../unsc.typ").as_deref(), Some("unsc.typ"));
        assert_eq!(resolve("lib", "/lib/un.typ").as_deref(), Some("lib/un.typ"));
        assert_eq!(resolve("", "../outside.typ"), None);
        assert_eq!(resolve("", "@preview/x:1.0.0"), None);
    }

    #[test]
    fn the_builtin_templates_import_the_library() {
        let main = Asset {
            path: "unsc.typ".into(),
            data: StyleFiles::Builtin.read_asset("unsc.typ").unwrap(),
        };
        let paths: Vec<String> = files(&StyleFiles::Builtin, &main)
            .into_iter()
            .map(|a| a.path)
            .collect();
        for part in ["unsc.typ", "lib/respub.typ", "lib/data.typ", "lib/un.typ"] {
            assert!(paths.iter().any(|p| p == part), "{paths:?}");
        }
    }
}
