//! Any bytes as an HTML page: extraction may fail, never panic.
#![no_main]

use detente_ingest::html::{extract, Boilerplate};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static BOILERPLATE: LazyLock<Boilerplate> = LazyLock::new(Boilerplate::default_list);

fuzz_target!(|data: &[u8]| {
    let _ = extract(data, Some("https://example.com/a"), None, &BOILERPLATE);
});
