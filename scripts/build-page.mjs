// Trunk pre_build hook: builds the page's wasm module in chunks, which trunk's own Rust pipeline
// (cargo, then wasm-bindgen, then wasm-opt) cannot do.
// 1. cargo builds `sxsh_widget` with the `split` feature, linked with `--emit-relocs` (the
//    splitter needs the relocations; `cargo rustc` gives the flag to this binary only, so the
//    dependencies stay shared with the other builds, and the PDF worker, which wasm-opt cannot
//    optimise with relocations in it, does not get them).
// 2. `wasm-split-cli` moves each split point and the code only it reaches into a chunk:
//    `ui::app::screen` (every screen after the welcome screen) and `ui::content::install_checklist`
//    (the checklist's reader and rules), plus a chunk for what only they share; it writes the
//    loader the main module imports.
// 3. `wasm-bindgen --keep-lld-exports` makes the main module's glue (the chunks import the main
//    module's memory and function table, so those exports must stay).
// 4. In a release build `wasm-opt -Oz` shrinks each module.
// 5. Every file gets the same content hash in its name (the glue and the loader import each
//    other, so one hash over all of them) and goes into trunk's staging folder, where
//    scripts/embed-entry.mjs finds the glue and the main module.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('build-page.mjs runs as a trunk pre_build hook (TRUNK_STAGING_DIR unset)');
const release = process.env.TRUNK_PROFILE === 'release';
const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });

run('cargo', ['rustc', '--locked', '--target', 'wasm32-unknown-unknown', '--bin', 'sxsh_widget',
  '--features', 'split', ...(release ? ['--release'] : []), '--', '-C', 'link-arg=--emit-relocs']);
const target = process.env.CARGO_TARGET_DIR ?? 'target';
const linked = join(target, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'sxsh_widget.wasm');

const work = mkdtempSync(join(tmpdir(), 'sxsh-page-'));
try {
  const split = join(work, 'split');
  const glue = join(work, 'glue');
  run('wasm-split-cli', [linked, split, '--out-name', 'sxsh_widget', '--target', 'web']);
  run('wasm-bindgen', ['--keep-lld-exports', '--target', 'web', '--no-typescript', '--out-dir', glue,
    join(split, 'sxsh_widget.wasm')]);
  const chunks = readdirSync(split).filter((f) => f.endsWith('.wasm') && f !== 'sxsh_widget.wasm');
  if (chunks.length < 2) throw new Error(`wasm-split-cli made ${chunks.length} chunk(s): are \`ui::app::screen\` and \`ui::content::install_checklist\` still split points?`);
  const modules = [[join(glue, 'sxsh_widget_bg.wasm'), 'sxsh_widget_bg'], ...chunks.map((c) => [join(split, c), c.slice(0, -5)])];
  if (release) {
    for (const [path] of modules) {
      run('wasm-opt', ['-Oz', '--strip-debug', '--strip-producers', '--enable-bulk-memory',
        '--enable-nontrapping-float-to-int', '--enable-reference-types', '--enable-sign-ext',
        '--enable-mutable-globals', '--enable-multivalue', path, '-o', path]);
    }
  }
  let glueJs = readFileSync(join(glue, 'sxsh_widget.js'), 'utf8');
  let loaderJs = readFileSync(join(split, '__wasm_split.js'), 'utf8');
  const hash = createHash('sha256');
  for (const [path] of modules) hash.update(readFileSync(path));
  hash.update(glueJs).update(loaderJs);
  const h = hash.digest('hex').slice(0, 16);

  const names = { glue: `sxsh_widget-${h}.js`, loader: `sxsh_split-${h}.js` };
  const replaceOnce = (text, from, to, what) => {
    if (!text.includes(from)) throw new Error(`${what}: ${from} not found`);
    return text.replaceAll(from, to);
  };
  // Only the module paths change: the glue's import object keeps the key the wasm imports by.
  glueJs = replaceOnce(glueJs, 'from "./__wasm_split.js"', `from ${JSON.stringify(`./${names.loader}`)}`, 'the glue');
  loaderJs = replaceOnce(loaderJs, 'from "./sxsh_widget.js"', `from ${JSON.stringify(`./${names.glue}`)}`, 'the loader');
  for (const [path, stem] of modules) {
    const name = stem === 'sxsh_widget_bg' ? `sxsh_widget-${h}_bg.wasm` : `${stem}-${h}.wasm`;
    if (stem !== 'sxsh_widget_bg') loaderJs = replaceOnce(loaderJs, `"./${stem}.wasm"`, JSON.stringify(`./${name}`), 'the loader');
    writeFileSync(join(staging, name), readFileSync(path));
  }
  writeFileSync(join(staging, names.glue), glueJs);
  writeFileSync(join(staging, names.loader), loaderJs);
  console.log(`build-page: ${names.glue}, sxsh_widget-${h}_bg.wasm, ${names.loader}, ${chunks.length} chunk(s)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
