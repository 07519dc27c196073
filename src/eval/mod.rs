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

/// `detente train ...`: models learned from the benchmarks' training compartments.
#[derive(Subcommand)]
pub enum TrainCommand {
    /// The learned attribution tagger, on PolNeAR train (write it outside the repository).
    Quotes(quotes::TrainArgs),
}

pub fn train(cmd: TrainCommand) -> Result<bool> {
    match cmd {
        TrainCommand::Quotes(a) => quotes::run_train(a),
    }
}

/// Load a quote model written by `detente train quotes`.
pub use quotes::load_tagger;

pub fn run(cmd: EvalCommand) -> Result<bool> {
    match cmd {
        EvalCommand::Timex(a) => timex::run(a),
        EvalCommand::Quotes(a) => quotes::run(a),
        EvalCommand::Events(a) => events::run(a),
        EvalCommand::Extract(a) => extract::run(a),
        EvalCommand::Actors(a) => actors::run(a),
    }
}
