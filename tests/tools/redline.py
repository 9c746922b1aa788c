"""Opens DOCX files in LibreOffice through its UNO API and prints, as JSON,
what each says once its tracked changes are accepted or rejected: the
tracked changes it had (type, author, date), the text of its paragraphs
(table cells included) and of its footnotes.

    /usr/bin/python3 tests/tools/redline.py PROFILE_DIR MODE:FILE.docx ...

MODE is `accept` (accept every change), `reject` (reject every change) or
`keep` (leave them). One LibreOffice, started headless with its own user
profile in PROFILE_DIR, reads every file in turn, and saves each as it is
then (in PROFILE_DIR) to read the text of the saved file. Needs Debian's
python3-uno (scripts/install-test-deps installs it).
"""
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(profile):
    pipe = "respub-redline-%d" % os.getpid()
    office = subprocess.Popen(
        [
            "soffice",
            "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.time() + 120
    while True:
        try:
            ctx = resolver.resolve(
                "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe
            )
            return office, ctx
        except Exception:
            if office.poll() is not None or time.time() > deadline:
                office.kill()
                raise SystemExit("LibreOffice did not start (soffice --accept)")
            time.sleep(0.3)


def texts(doc):
    paragraphs = []
    enum = doc.getText().createEnumeration()
    while enum.hasMoreElements():
        element = enum.nextElement()
        if element.supportsService("com.sun.star.text.TextTable"):
            for name in element.getCellNames():
                paragraphs.append(element.getCellByName(name).getString())
        else:
            paragraphs.append(element.getString())
    notes = doc.getFootnotes()
    footnotes = [notes.getByIndex(i).getString() for i in range(notes.getCount())]
    return paragraphs, footnotes


def redlines(doc):
    out = []
    enum = doc.getRedlines().createEnumeration()
    while enum.hasMoreElements():
        r = enum.nextElement()
        when = r.getPropertyValue("RedlineDateTime")
        out.append(
            {
                "type": r.getPropertyValue("RedlineType"),
                "author": r.getPropertyValue("RedlineAuthor"),
                "date": "%04d-%02d-%02d" % (when.Year, when.Month, when.Day),
            }
        )
    return out


def main():
    profile = sys.argv[1]
    jobs = [arg.split(":", 1) for arg in sys.argv[2:]]
    office, ctx = connect(profile)
    results = []
    try:
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", ctx
        )
        for mode, path in jobs:
            url = uno.systemPathToFileUrl(os.path.abspath(path))
            doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
            if doc is None:
                raise SystemExit("LibreOffice could not open " + path)
            tracked = redlines(doc)
            frame = doc.getCurrentController().getFrame()
            if mode == "accept":
                dispatcher.executeDispatch(frame, ".uno:AcceptAllTrackedChanges", "", 0, ())
            elif mode == "reject":
                dispatcher.executeDispatch(frame, ".uno:RejectAllTrackedChanges", "", 0, ())
            elif mode != "keep":
                raise SystemExit("unknown mode " + mode)
            # Read what a saved file holds: LibreOffice finishes removing a
            # rejected footnote's text only when the document is saved.
            saved = os.path.join(profile, "saved-%d.odt" % len(results))
            doc.storeToURL(
                uno.systemPathToFileUrl(saved), (prop("FilterName", "writer8"),)
            )
            doc.close(True)
            doc = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(saved), "_blank", 0, (prop("Hidden", True),)
            )
            paragraphs, footnotes = texts(doc)
            results.append(
                {
                    "file": path,
                    "mode": mode,
                    "redlines": tracked,
                    "left": len(redlines(doc)),
                    "paragraphs": paragraphs,
                    "footnotes": footnotes,
                }
            )
            doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
