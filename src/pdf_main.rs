//! The PDF worker module (`sxsh_pdf`): runs in a dedicated Web Worker and turns report jobs into
//! PDF files. All of it is in `pdf_worker::serve`; see that module for the conversation.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    sxsh_widget::pdf_worker::serve();
}

/// The worker only runs in a browser; the native build exists so the workspace builds.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("sxsh_pdf runs in a browser's Web Worker: build it with `trunk build --release`");
}
