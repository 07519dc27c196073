//! `detente serve` and `detente demo --serve`.

use anyhow::{Context, Result};
use clap::Args;
use detente_doc::output::Article;
use detente_ingest::RawArticle;
use detente_pipeline::Pipeline;
use detente_serve::{AppState, ServeOptions};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Args)]
pub struct ServeArgs {
    /// The store to serve (created when missing).
    #[arg(long)]
    pub db: PathBuf,
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Bearer token that allows `POST /v1/articles`; without one the server is read-only.
    #[arg(long, env = "DETENTE_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Read-only store connections, i.e. queries answered at once (default: cores + 1).
    #[arg(long)]
    pub readers: Option<usize>,
    /// Responses of /v1/events and /v1/trend kept in memory (dropped by any write; 0: no cache).
    #[arg(long, default_value_t = 1024)]
    pub cache_entries: usize,
}

fn run(state: std::sync::Arc<AppState>, addr: SocketAddr) -> Result<bool> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(detente_serve::serve(state, addr, |bound| {
        eprintln!("detente: serving the dashboard at http://{bound}/ and the API at http://{bound}/v1/ (Ctrl-C stops)");
    }))?;
    Ok(true)
}

pub fn run_serve(args: ServeArgs) -> Result<bool> {
    let writable = args.token.is_some();
    let options = ServeOptions {
        readers: args.readers.unwrap_or_else(detente_serve::default_readers),
        cache_entries: args.cache_entries,
    };
    let state = AppState::open_with(args.db.clone(), args.token, options).with_context(|| format!("opening {}", args.db.display()))?;
    if !writable {
        eprintln!("detente: no --token given: the API is read-only");
    }
    run(state, args.addr)
}

/// Code the sample articles into a fresh store in a temporary folder and serve it.
pub fn serve_demo(pipeline: &Pipeline, samples: Vec<RawArticle>, addr: SocketAddr) -> Result<bool> {
    let dir = tempfile::tempdir().context("creating a temporary folder for the demo store")?;
    let db = dir.path().join("demo.db");
    let mut store = detente_store::Store::open(&db)?;
    let articles: Vec<Article> = samples.into_iter().map(|raw| Article::from_document(&pipeline.code(raw))).collect();
    let report = store.ingest_batch(&articles)?;
    drop(store);
    eprintln!(
        "detente: demo store with {} sample articles; try the dyad ARM:AZE or IND:JPN",
        report.added
    );
    let state = AppState::open(db, std::env::var("DETENTE_TOKEN").ok())?;
    run(state, addr)
}
