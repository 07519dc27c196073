//! `detente eval actors` (scaffold: to be written).

use anyhow::{bail, Result};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The benchmark data (a default under ../shared/data/ is used when omitted).
    pub path: Option<PathBuf>,
}

pub fn run(_args: Args) -> Result<bool> {
    bail!("`detente eval actors` is not written yet")
}
