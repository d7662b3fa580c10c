// Trunk post-build hook: makes the build embeddable under a strict Content-Security-Policy.
// 1. Writes `sxsh-widget.js`, the widget's stable entry file. It holds the page module's bindgen
//    glue and chunk loader (scripts/build-page.mjs leaves them in the staging folder), so the
//    page asks for no other script. It loads the page module (`sxsh-widget.wasm`, which a host
//    page may preload, checked against this build's mark; else its content-hashed copy) and the
//    content-hashed CSS that sit next to it (wherever that is), and tells the widget where its
//    files are (`data-assets`), so fonts load from the same folder. It also writes
//    `sxsh-first-question-<build>.wasm`, the first question's chunks in one file, which the entry
//    asks for as soon as the page module's response begins.
// 2. Writes `sxsh-pdf-worker.js`, the PDF worker's stable script (its bindgen glue and the call
//    that loads its wasm), and gives the worker's wasm a content-hashed name (trunk names a
//    worker's files after its binary). src/pdf_worker.rs starts it from the results screen.
// index.html loads `sxsh-widget.js` itself: no inline script, which `script-src 'self'` blocks.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('embed-entry.mjs runs as a trunk post_build hook (TRUNK_STAGING_DIR unset)');
// The page module's link (`data-trunk-skip`: scripts/build-page.mjs builds it) has done its job.
const html = readFileSync(join(dir, 'index.html'), 'utf8').replace(/\s*<link data-trunk rel="rust" data-bin="sxsh_widget"[^>]*>/, '');
if (!html.includes('<script type="module" src="sxsh-widget.js"></script>')) throw new Error('index.html must load sxsh-widget.js');
writeFileSync(join(dir, 'index.html'), html);
const only = (pattern, what) => {
  const found = readdirSync(dir).filter((f) => pattern.test(f));
  if (found.length !== 1) throw new Error(`expected one ${what} in the staging folder, found ${found.length}`);
  return found[0];
};
const wasm = only(/^sxsh_widget-[0-9a-f]{16}_bg\.wasm$/, 'page module (scripts/build-page.mjs)');
only(/^sxsh-widget\.wasm$/, 'page module under its stable name (scripts/build-page.mjs)');
const build = wasm.slice('sxsh_widget-'.length, -'_bg.wasm'.length);
const base = (path) => path.split('/').pop();
const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+\.css)"/g)].map((m) => base(m[1]));

/** Reads an intermediate file of scripts/build-page.mjs and removes it from the staging folder. */
const take = (name) => {
  const text = readFileSync(join(dir, name), 'utf8');
  rmSync(join(dir, name));
  return text;
};
/** `text` with each `pattern` replaced, each required to match exactly `count` times. */
const rewrite = (text, what, ...edits) => edits.reduce((out, [pattern, to, count]) => {
  const every = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
  const found = out.match(every)?.length ?? 0;
  if (found !== count) throw new Error(`${what}: expected ${count} of ${pattern}, found ${found}`);
  return out.replace(every, to);
}, text);
const noModuleSyntaxLeft = (text, what) => {
  if (/^\s*(import|export)\b/m.test(text)) throw new Error(`${what}: an import or export is left`);
  return text;
};

// The chunk loader (wasm-split-cli) as a function's body: its import of the glue goes (the glue is
// in the same file), its exports become the object the page module imports as `__wasm_split`.
const loaderJs = take('sxsh-page-split.js');
const loads = [...loaderJs.matchAll(/^export const (__wasm_split_load_\w+)/gm)].map((m) => m[1]);
if (loads.length < 2) throw new Error(`the chunk loader exports ${loads.length} load function(s)`);
const chunkFiles = [...loaderJs.matchAll(/fetch\(new URL\("\.\/([\w-]+\.wasm)", import\.meta\.url\)\)/g)].map((m) => m[1]);
const loaderBody = noModuleSyntaxLeft(rewrite(loaderJs, 'the chunk loader',
  [/^import \{ initSync \} from "\.\/sxsh_widget\.js";\n/m, '', 1],
  [/^export const /m, 'const ', loads.length],
  // Each chunk's download goes through `early`, which hands out one started in advance.
  [/fetch\(new URL\(/, 'early(new URL(', chunkFiles.length]), 'the chunk loader');
// The first question's files: the profile's chunk and every chunk it needs (`ui::screens`).
const chunkOf = (variable) => {
  const found = loaderJs.match(new RegExp(`const ${variable} = makeLoad\\(\\(\\) => \\{\\s*const src = fetch\\(new URL\\("\\.\\/([\\w-]+\\.wasm)"`));
  if (!found) throw new Error(`the chunk loader: no file for ${variable}`);
  return found[1];
};
const profileLoad = loaderJs.match(/__wasm_split_load_sxsh_profile = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([\w-]+\.wasm)"[\s\S]*?\n\s*, \[([^\]]*)\]\)\);/);
if (!profileLoad) throw new Error('the chunk loader has no `sxsh_profile` split point (ui::screens::profile_screen)');
const firstQuestion = [profileLoad[1], ...profileLoad[2].split(',').map((v) => v.trim()).filter(Boolean).map(chunkOf)];
// Their concatenation, in this order, with each part's size.
const parts = firstQuestion.map((name) => [name, readFileSync(join(dir, name)).length]);
const bundle = `sxsh-first-question-${build}.wasm`;
writeFileSync(join(dir, bundle), Buffer.concat(firstQuestion.map((name) => readFileSync(join(dir, name)))));
// The page module's bindgen glue as a function's body: its imports of the loader become the
// loader's object, its exports go.
const glueJs = take('sxsh-page-glue.js');
const glueBody = noModuleSyntaxLeft(rewrite(glueJs, "the page module's glue",
  [/^import \* as (import\d+) from "\.\/__wasm_split\.js";?$/m, 'const $1 = wasmSplit;', loads.length],
  [/^export class /m, 'class ', (glueJs.match(/^export class /gm) ?? []).length],
  [/^export \{ initSync, __wbg_init as default \};$/m, '', 1]), "the page module's glue");
const indent = (text) => text.trimEnd().replace(/^(?=.)/gm, '  ');

const entry = `// SXSH self-assessment widget: the stable entry file to link from the host page.
// Generated by scripts/embed-entry.mjs at build time: this code, then the chunk loader
// (wasm-split-cli) and the page module's bindgen glue (wasm-bindgen) of the same build, in one
// file so that the page needs no second round of requests for scripts. It loads the files next
// to it; they have content-hashed names and may be cached forever, while this file and
// sxsh-widget.wasm are to be cached briefly (EMBEDDING.md). It defines no globals.
const here = new URL('./', import.meta.url);
const BUILD = ${JSON.stringify(build)};
/** Compiles a wasm file while it downloads (when the server labels it application/wasm). */
const respond = async (name) => {
  const response = await fetch(new URL(name, here));
  if (!response.ok) throw new Error(\`\${name}: HTTP \${response.status}\`);
  return response;
};
const compile = async (response) => ((response.headers.get('content-type') ?? '').startsWith('application/wasm')
  ? WebAssembly.compileStreaming(response)
  : WebAssembly.compile(await response.arrayBuffer()));
/** The build a compiled page module belongs to (its \`sxsh-build\` section), or ''. */
const buildOf = (module) => {
  const [mark] = WebAssembly.Module.customSections(module, 'sxsh-build');
  return mark ? new TextDecoder().decode(mark) : '';
};
// The page module's stable name lets the host page start its download with the page itself
// (<link rel="preload">, EMBEDDING.md); without that it starts here. A copy from another build
// (a cache that kept an old one) is not used: the content-hashed copy is fetched instead.
const pageResponse = respond('sxsh-widget.wasm');
const pageModule = pageResponse.then(compile)
  .then((module) => (buildOf(module) === BUILD ? module : Promise.reject(new Error(\`sxsh-widget.wasm is build \${buildOf(module) || '(none)'}, not \${BUILD}\`))))
  .catch((problem) => {
    console.warn('SXSH widget:', problem.message ?? problem, '- loading ${base(wasm)}');
    return respond(${JSON.stringify(base(wasm))}).then(compile);
  });

const host = document.getElementById('sxsh-widget');
if (host && !host.dataset.assets) host.dataset.assets = here.href;
const present = new Set([...document.querySelectorAll('link[rel=stylesheet]')].map((l) => l.href));
const styled = [];
for (const name of ${JSON.stringify(css)}) {
  const href = new URL(name, here).href;
  if (!present.has(href)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    // Settled either way: a style sheet that cannot load must not keep the widget from starting.
    styled.push(new Promise((settled) => { link.onload = link.onerror = settled; }));
    document.head.append(link);
  }
}

// The first question's code (the profile's chunk and the chunks it shares) comes in one download,
// \`${bundle}\`, their concatenation (one request instead of ${firstQuestion.length}, which a browser's six
// connections per server would take in two rounds; and better compressed together). It is asked
// for once the page module's response has begun, after the styles: on a slow line its latency
// passes while the page module's body arrives, and its body follows, so it does not slow the
// first screen; it is there when the user presses start. The chunk loader takes its parts
// (\`early\`) instead of asking for each file; should it fail, \`early\` asks for the files.
const started = new Map();
const early = (url) => {
  const part = started.get(url.href);
  started.delete(url.href);
  // Should the bundle fail, each part is asked for on its own.
  return part ? part().catch(() => fetch(url)) : fetch(url);
};
pageResponse.then(() => {
  const whole = fetch(new URL(${JSON.stringify(bundle)}, here), { priority: 'low' })
    .then((response) => (response.ok ? response.arrayBuffer() : Promise.reject(new Error(\`${bundle}: HTTP \${response.status}\`))));
  whole.catch(() => {});
  let at = 0;
  for (const [name, size] of ${JSON.stringify(parts)}) {
    const from = at;
    at += size;
    const wasm = { 'content-type': 'application/wasm' };
    started.set(new URL(name, here).href, () => whole.then((bytes) => new Response(bytes.slice(from, from + size), { headers: wasm })));
  }
}, () => {});

// The chunk loader, which fetches the later screens' code (it calls the glue's initSync).
const wasmSplit = (() => {
${indent(loaderBody)}
  return { ${loads.join(', ')} };
})();

// The page module's bindgen glue (its imports of the chunk loader are \`wasmSplit\`).
const { __wbg_init, initSync } = (() => {
${indent(glueBody)}
  return { __wbg_init, initSync };
})();

// The first screen is drawn once the styles this file added are in, so that on a fast network
// it is not drawn unstyled and then moved (the page module keeps compiling meanwhile).
await Promise.all(styled);
await __wbg_init({ module_or_path: await pageModule });
`;
writeFileSync(join(dir, 'sxsh-widget.js'), entry);

const hashed = (name) => {
  const bytes = readFileSync(join(dir, name));
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const renamed = name.replace(/^(sxsh_pdf)/, `$1-${hash}`);
  renameSync(join(dir, name), join(dir, renamed));
  return renamed;
};
// The loader is the worker's bindgen glue plus the call that loads its wasm: one request, not two.
const workerWasm = hashed('sxsh_pdf_bg.wasm');
const glue = readFileSync(join(dir, 'sxsh_pdf.js'), 'utf8');
rmSync(join(dir, 'sxsh_pdf.js'));
writeFileSync(join(dir, 'sxsh-pdf-worker.js'), `// SXSH widget: the PDF worker (src/pdf_worker.rs starts it). Generated by scripts/embed-entry.mjs:
// wasm-bindgen's glue for the sxsh_pdf module, then the call that loads its content-hashed wasm.
${glue}
wasm_bindgen({ module_or_path: ${JSON.stringify(`./${workerWasm}`)} })
  .catch((error) => self.postMessage(${JSON.stringify(`cannot load ${workerWasm}: `)} + error));
`);
console.log(`embed-entry: sxsh-widget.js (with the glue and the chunk loader) → sxsh-widget.wasm (build ${build}), ${css.length} stylesheets; sxsh-pdf-worker.js → ${workerWasm}`);
