//! Any text as a user's dictionary file, in every format detente reads: PETRARCH/TABARI
//! verb, actor and agent files, our verb patterns, quote cues, the CAMEO table and the
//! boilerplate list. Each parser gives a dictionary or an error naming the line, never
//! a panic.
#![no_main]

use detente_actors::ActorDictionary;
use detente_events::{petrarch, CameoTable, VerbDictionary};
use detente_ingest::html::Boilerplate;
use detente_quotes::CueLexicon;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = petrarch::read_verbs(&text);
    let _ = ActorDictionary::from_petrarch(&text, "");
    let _ = ActorDictionary::from_petrarch("", &text);
    let _ = VerbDictionary::parse(&text);
    let _ = CueLexicon::parse(&text);
    let _ = CameoTable::parse(&text);
    let _ = Boilerplate::parse(&text);
});
