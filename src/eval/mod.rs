//! `detente eval ...`: scorers that run detente on the field's benchmarks (data read
//! from `../shared/data/` by default, or a path given by the user) and print figures.

mod actors;
mod events;
mod extract;
mod quotes;
mod timex;

use anyhow::Result;
use clap::Subcommand;

#[derive(Subcommand)]
pub enum EvalCommand {
    /// TempEval-3 task A: temporal expression spans, types and values (TimeML input).
    Timex(timex::Args),
    /// PolNeAR: attribution (quote content, source, cue) detection.
    Quotes(quotes::Args),
    /// Event coding on the peers' validation suites (PLOVER GSR, PETRARCH, TABARI).
    Events(events::Args),
    /// Article extraction benchmark: our HTML reader against the gold article bodies.
    Extract(extract::Args),
    /// Actor codes against the expected source and target codes of validation records.
    Actors(actors::Args),
}

pub fn run(cmd: EvalCommand) -> Result<bool> {
    match cmd {
        EvalCommand::Timex(a) => timex::run(a),
        EvalCommand::Quotes(a) => quotes::run(a),
        EvalCommand::Events(a) => events::run(a),
        EvalCommand::Extract(a) => extract::run(a),
        EvalCommand::Actors(a) => actors::run(a),
    }
}
