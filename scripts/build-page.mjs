// Trunk pre_build hook: builds the page's wasm module in chunks, which trunk's own Rust pipeline
// (cargo, then wasm-bindgen, then wasm-opt) cannot do.
// 1. cargo builds `sxsh_widget` with the `split` feature, linked with `--emit-relocs` (the
//    splitter needs the relocations; `cargo rustc` gives the flag to this binary only, so the
//    dependencies stay shared with the other builds, and the PDF worker, which wasm-opt cannot
//    optimise with relocations in it, does not get them).
// 2. `wasm-split-cli` moves each split point and the code only it reaches into a chunk:
//    the three screen groups of `ui::screens` (the profile, the question pages, the closing
//    screens), `ui::content::install_checklist` (the checklist's reader and rules) and
//    `ui::keeping::keeper` (what the browser keeps), plus a chunk for each set of them that
//    shares code; it writes the loader the main module imports.
// 3. `wasm-bindgen --keep-lld-exports` makes the main module's glue (the chunks import the main
//    module's memory and function table, so those exports must stay).
// 4. In a release build `wasm-opt -Oz` shrinks each module.
// 5. One content hash over every output names the build. The chunks get it in their names (and
//    the loader the names); the main module is written twice, as `sxsh_widget-<hash>_bg.wasm`
//    and as `sxsh-widget.wasm`, a stable name a host page can preload, both carrying the hash
//    in a custom section `sxsh-build`, which the entry checks. The glue and the loader go into
//    trunk's staging folder as `sxsh-page-glue.js` and `sxsh-page-split.js`, which
//    scripts/embed-entry.mjs makes part of the entry file.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `bytes` (a wasm module) with a custom section `sxsh-build` holding `build`, appended. */
function withBuildMark(bytes, build) {
  const leb = (n) => {
    const out = [];
    do {
      out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
      n >>>= 7;
    } while (n);
    return out;
  };
  const name = Buffer.from('sxsh-build');
  const payload = Buffer.concat([Buffer.from(leb(name.length)), name, Buffer.from(build)]);
  return Buffer.concat([bytes, Buffer.from([0, ...leb(payload.length)]), payload]);
}

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
  if (chunks.length < 2) throw new Error(`wasm-split-cli made ${chunks.length} chunk(s): are the split points of \`ui::screens\`, \`ui::content\` and \`ui::keeping\` still there?`);
  const modules = [[join(glue, 'sxsh_widget_bg.wasm'), 'sxsh_widget_bg'], ...chunks.map((c) => [join(split, c), c.slice(0, -5)])];
  if (release) {
    for (const [path] of modules) {
      run('wasm-opt', ['-Oz', '--strip-debug', '--strip-producers', '--enable-bulk-memory',
        '--enable-nontrapping-float-to-int', '--enable-reference-types', '--enable-sign-ext',
        '--enable-mutable-globals', '--enable-multivalue', path, '-o', path]);
    }
  }
  const glueJs = readFileSync(join(glue, 'sxsh_widget.js'), 'utf8');
  let loaderJs = readFileSync(join(split, '__wasm_split.js'), 'utf8');
  const hash = createHash('sha256');
  for (const [path] of modules) hash.update(readFileSync(path));
  hash.update(glueJs).update(loaderJs);
  const h = hash.digest('hex').slice(0, 16);

  const replaceOnce = (text, from, to, what) => {
    if (!text.includes(from)) throw new Error(`${what}: ${from} not found`);
    return text.replaceAll(from, to);
  };
  for (const [path, stem] of modules) {
    if (stem === 'sxsh_widget_bg') {
      // The main module also goes out under a stable name, so that a host page can preload it
      // from its own HTML (EMBEDDING.md); the build mark lets the entry refuse another build's.
      const main = withBuildMark(readFileSync(path), h);
      writeFileSync(join(staging, `sxsh_widget-${h}_bg.wasm`), main);
      writeFileSync(join(staging, 'sxsh-widget.wasm'), main);
      continue;
    }
    const name = `${stem}-${h}.wasm`;
    loaderJs = replaceOnce(loaderJs, `"./${stem}.wasm"`, JSON.stringify(`./${name}`), 'the loader');
    writeFileSync(join(staging, name), readFileSync(path));
  }
  // Not served as they are: scripts/embed-entry.mjs makes them part of the entry file.
  writeFileSync(join(staging, 'sxsh-page-glue.js'), glueJs);
  writeFileSync(join(staging, 'sxsh-page-split.js'), loaderJs);
  console.log(`build-page: build ${h}: sxsh-widget.wasm (also sxsh_widget-${h}_bg.wasm), ${chunks.length} chunk(s), the glue and the chunk loader`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
