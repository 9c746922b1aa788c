"""Reads what a PDF, an EPUB and a DOCX say about themselves, as their
readers see it, and prints it as JSON: the document properties, the
followable links, the emblem's alternative text and the text.

    python3 tests/tools/outputs.py FILE.pdf FILE.epub FILE.docx
"""
import json
import re
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

import pikepdf

DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
OPF = "{http://www.idpf.org/2007/opf}"
XHTML = "{http://www.w3.org/1999/xhtml}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def pdf_date(value):
    """D:20170929000000Z or D:20170929000000+00'00' -> 2017-09-29T00:00:00Z"""
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})", str(value))
    return "%s-%s-%sT%s:%s:%sZ" % m.groups() if m else str(value)


def flat(value):
    """An XMP value as text: a set or list of one value is that value."""
    if isinstance(value, (set, list, tuple)):
        return "; ".join(sorted(str(v) for v in value))
    return str(value)


def struct_alts(node, out, depth=0):
    if depth > 200 or not isinstance(node, pikepdf.Dictionary):
        return
    if node.get("/S") == "/Figure":
        out.append(str(node.get("/Alt", "")))
    kids = node.get("/K")
    if isinstance(kids, pikepdf.Array):
        for kid in kids:
            struct_alts(kid, out, depth + 1)
    elif isinstance(kids, pikepdf.Dictionary):
        struct_alts(kids, out, depth + 1)


def pdf(path):
    doc = pikepdf.open(path)
    info = doc.docinfo
    links = []
    for page in doc.pages:
        for annot in page.get("/Annots", []):
            action = annot.get("/A")
            if annot.get("/Subtype") == "/Link" and action is not None and "/URI" in action:
                links.append(str(action["/URI"]))
    alts = []
    struct_alts(doc.Root.get("/StructTreeRoot"), alts)
    meta = doc.open_metadata()
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
    return {
        "title": str(info.get("/Title", "")),
        "subject": str(info.get("/Subject", "")),
        "keywords": str(info.get("/Keywords", "")),
        "language": str(doc.Root.get("/Lang", "")),
        "created": pdf_date(info.get("/CreationDate", "")),
        "xmp_title": flat(meta.get("dc:title", "")),
        "xmp_language": flat(meta.get("dc:language", "")),
        "links": links,
        "emblem_alts": alts,
        "text": text,
    }


def epub(path):
    z = zipfile.ZipFile(path)
    opf = ET.fromstring(z.read("EPUB/package.opf"))
    md = opf.find(OPF + "metadata")
    first = lambda tag: (md.find(tag).text if md.find(tag) is not None else "")
    modified = [m.text for m in md.findall(OPF + "meta") if m.get("property") == "dcterms:modified"]
    links, alts, text = [], [], []
    for name in z.namelist():
        if name.endswith(".xhtml") and not name.endswith("nav.xhtml"):
            page = ET.fromstring(z.read(name))
            for a in page.iter(XHTML + "a"):
                href = a.get("href", "")
                if not href.startswith("#"):
                    links.append(href)
            for img in page.iter(XHTML + "img"):
                alts.append(img.get("alt", ""))
            text.append("".join(page.find(XHTML + "body").itertext()))
    return {
        "title": first(DC + "title"),
        "subject": first(DC + "description"),
        "subjects": [s.text for s in md.findall(DC + "subject")],
        "language": first(DC + "language"),
        "date": first(DC + "date"),
        "created": modified[0] if modified else "",
        "links": links,
        "emblem_alts": alts,
        "images": [n for n in z.namelist() if n.startswith("EPUB/images/")],
        "text": "\n".join(text),
    }


def docx(path):
    z = zipfile.ZipFile(path)
    core = ET.fromstring(z.read("docProps/core.xml"))
    get = lambda tag: (core.find(tag).text if core.find(tag) is not None else "")
    rels = ET.fromstring(z.read("word/_rels/document.xml.rels"))
    links = [r.get("Target") for r in rels.findall(REL + "Relationship")
             if r.get("TargetMode") == "External" and r.get("Type").endswith("/hyperlink")]
    document = ET.fromstring(z.read("word/document.xml"))
    alts = [d.get("descr", "") for d in document.iter(WP + "docPr")]
    text = "".join(t.text or "" for t in document.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
    return {
        "title": get(DC + "title"),
        "subject": get(DC + "subject"),
        "keywords": get(CP + "keywords"),
        "language": get(DC + "language"),
        "created": get(DCTERMS + "created"),
        "links": links,
        "emblem_alts": alts,
        "images": [n for n in z.namelist() if n.startswith("word/media/")],
        "text": text,
    }


if __name__ == "__main__":
    out = {}
    for path in sys.argv[1:]:
        kind = path.rsplit(".", 1)[-1]
        out[kind] = {"pdf": pdf, "epub": epub, "docx": docx}[kind](path)
    json.dump(out, sys.stdout, ensure_ascii=False)
