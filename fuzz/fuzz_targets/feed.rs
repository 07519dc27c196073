//! Any bytes as an RSS/Atom feed: items or a clear error, never a panic.
#![no_main]

use detente_ingest::feed::parse_feed;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(items) = parse_feed(data, "fuzz") {
        for item in items.into_iter().flatten() {
            assert!(!item.body.is_empty() || item.meta.title.is_some());
        }
    }
});
