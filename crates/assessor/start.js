// Starts the assessor's app (crates/assessor): the page /staff/assessments/{receipt} loads this
// module; the app mounts into #sxsh-assessor and reads its settings from the element.
import init from './sxsh_assessor.js';

init({ module_or_path: new URL('sxsh_assessor_bg.wasm', import.meta.url) });
