// Builds the browser scripts the collector serves from their readable source:
//   shared/Collect/Snippet/src/{snippet,shopify}.js  →  shared/Collect/Snippet/dist/{snippet,shopify}.js
// with esbuild (bundled into one function, minified), and prints each one's size raw and gzipped.
//
//   node scripts/build-snippet.mjs          (also: npm run build:snippet)
//   node scripts/build-snippet.mjs --check  writes nothing; fails when dist/ is not the build of the current source
//
// scripts/run.sh and scripts/test.sh run it before building; shared/Pipeline.csproj runs it from `dotnet build`
// when dist/ is missing or older than the source. A file whose bytes did not change is not rewritten, so an
// unchanged snippet does not make dotnet recompile the assembly that embeds it.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const snippetDir = join(root, 'shared', 'Collect', 'Snippet');
const outDir = join(snippetDir, 'dist');

// s.js must stay within 2 KB gzipped. SnippetResourcesTests enforces it on the embedded file; the build only says so,
// so an over-budget snippet can still be run and tested while it is trimmed.
const budgets = { 'snippet.js': 2048 };

const check = process.argv.includes('--check');
if (!check) mkdirSync(outDir, { recursive: true });
let failed = false;
for (const name of ['snippet.js', 'shopify.js']) {
  const result = await build({
    entryPoints: [join(snippetDir, 'src', name)],
    bundle: true,
    format: 'iife',
    minify: true,
    // The syntax browsers have had since 2017 (Safari 11, Chrome 58): newer syntax in the source is rewritten.
    target: 'es2017',
    charset: 'utf8',
    legalComments: 'none',
    write: false,
  });
  const bytes = Buffer.from(result.outputFiles[0].contents);
  const file = join(outDir, name);
  let previous;
  try { previous = readFileSync(file); } catch { previous = null; }
  const stale = !previous || !previous.equals(bytes);
  if (check) {
    console.log(`==> ${relative(root, file)}: ${stale ? 'STALE: run node scripts/build-snippet.mjs' : 'up to date'}`);
    failed ||= stale;
    continue;
  }
  if (stale) {
    // Through a temporary file, so a build running at the same time never embeds half a script.
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, bytes);
    renameSync(temporary, file);
  }
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  const budget = budgets[name];
  const verdict = budget ? (gzipped <= budget ? ` (budget ${budget})` : ` OVER THE ${budget}-BYTE BUDGET`) : '';
  console.log(`==> ${relative(root, file)}: ${bytes.length} bytes, ${gzipped} gzipped${verdict}`);
}
if (failed) process.exitCode = 1;
