//! Any bytes as a WARC stream: every record is an article, a skip or an error, the
//! reader always ends, and it never panics.
#![no_main]

use detente_ingest::warc::WarcArticles;
use detente_ingest::Stats;
use libfuzzer_sys::fuzz_target;
use std::io::{BufReader, Cursor};
use std::rc::Rc;

fuzz_target!(|data: &[u8]| {
    let reader = Box::new(BufReader::new(Cursor::new(data.to_vec())));
    let records = WarcArticles::new(reader, "fuzz.warc".into(), Rc::new(Stats::default()));
    // Each result consumes at least one header line, so this bound is never reached
    // unless the reader loops.
    assert!(records.take(data.len() + 2).count() <= data.len() + 1);
});
