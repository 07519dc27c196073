//! Any bytes as an input file of unknown kind: the sniffer picks a reader
//! (gzip, WARC, JSON Lines, HTML, feed, text, or "binary"), which yields articles
//! or clear errors, never a panic.
#![no_main]

use detente_ingest::{read_stream_named, Defaults, Stats};
use libfuzzer_sys::fuzz_target;
use std::rc::Rc;

fuzz_target!(|data: &[u8]| {
    let reader = Box::new(std::io::Cursor::new(data.to_vec()));
    let articles = read_stream_named(reader, "fuzz".into(), None, None, Defaults::default(), Rc::new(Stats::default()));
    // a reader must end: at most one article or error per input byte, plus one
    for (seen, _) in articles.enumerate() {
        assert!(seen <= data.len());
    }
});
