//! Any bytes as a learned quote-tagger model file (`--quote-model`): a model or
//! a clear error, never a panic and never a huge allocation.
#![no_main]

use detente_quotes::Tagger;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = Tagger::load(&mut &data[..]);
});
