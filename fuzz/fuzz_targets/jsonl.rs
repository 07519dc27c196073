//! Any line as a JSON Lines article: an article or a clear error, never a panic.
#![no_main]

use detente_ingest::parse_json_article;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let line = String::from_utf8_lossy(data);
    let _ = parse_json_article(&line, "fuzz");
});
