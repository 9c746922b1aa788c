// Runs Ace by DAISY on several EPUBs in one process, with one headless
// Chromium for all of them, and writes each book's report to
// OUT/N/report.json (N: the book's position on the command line, from 1).
//
//     node tests/tools/ace/run.js OUT BOOK.epub...
//
// Ace's own command line checks one book per process and starts a browser
// for each; this is the same check (ace-core with the Puppeteer runner, as
// ace-cli runs it), with the browser started once. The modules are looked up
// in ACE_NODE_MODULES, by default .tools/ace/node_modules, where
// scripts/install-test-deps installs them, at the versions of
// package-lock.json beside this file. Exits 0 when every book was
// checked, whatever the reports say; 1 with a message otherwise.
'use strict';

const path = require('path');

const modules =
  process.env.ACE_NODE_MODULES ||
  path.join(__dirname, '..', '..', '..', '.tools', 'ace', 'node_modules');
const need = (name) => require(path.join(modules, name));

const [out, ...books] = process.argv.slice(2);
if (!out || books.length === 0) {
  console.error('usage: node tests/tools/ace/run.js OUT BOOK.epub...');
  process.exit(1);
}

let ace, runner, logger;
try {
  ace = need('@daisy/ace-core');
  runner = need('@daisy/ace-axe-runner-puppeteer');
  logger = need('@daisy/ace-logger');
} catch (e) {
  console.error(`Ace is not installed in ${modules} (${e.message}): run scripts/install-test-deps`);
  process.exit(1);
}

// Ace starts and stops the runner around each book: start it once, stop it
// once at the end.
let launched = null;
const shared = Object.assign(Object.create(runner), {
  launch: () => (launched = launched || runner.launch()),
  close: async () => {},
});

// How many books are checked at a time; Ace itself checks up to four
// content documents of a book at a time.
const PARALLEL = Math.max(1, parseInt(process.env.ACE_PARALLEL || '2', 10));

async function main() {
  logger.initLogger({ verbose: false, silent: true });
  const failures = [];
  let next = 0;
  async function worker() {
    while (next < books.length) {
      const i = next++;
      const book = books[i];
      try {
        await ace(book, {
          cwd: process.cwd(),
          outdir: path.join(out, String(i + 1)),
          silent: true,
          jobId: '',
        }, shared);
      } catch (e) {
        failures.push(`${book}: ${e && e.message ? e.message : e}`);
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(PARALLEL, books.length) }, worker));
  } finally {
    if (launched) {
      await launched.catch(() => {});
      await runner.close().catch(() => {});
    }
  }
  if (failures.length) {
    console.error(`Ace could not check:\n${failures.join('\n')}`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(`Ace failed: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
