//! `detente serve`: a JSON API under `/v1` (described by `/v1/openapi.json`) and a web
//! dashboard, both over one event store. Reads go to a fixed set of reader threads, each
//! with a read-only SQLite connection, first come first served, so queries keep working while an ingest runs;
//! writes (`POST /v1/articles`) need a bearer token and go through one writer.

mod api;
mod assets;
mod cache;

pub use cache::CacheStats;
mod openapi;
mod pool;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::routing::{get, post};
use axum::Router;
use detente_events::CameoTable;
use detente_pipeline::Pipeline;
use detente_store::Store;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The largest request body accepted (articles to ingest or code).
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("store: {0}")]
    Store(#[from] detente_store::StoreError),
    #[error("dictionaries: {0}")]
    Pipeline(#[from] detente_pipeline::PipelineError),
    #[error("CAMEO table: {0}")]
    Cameo(String),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
}

/// What the server shares between requests.
pub struct AppState {
    pub pipeline: Pipeline,
    pub cameo: CameoTable,
    pub pool: pool::Pool,
    /// Responses of `/v1/events` and `/v1/trend`, dropped by any write (`None`: off).
    pub cache: Option<cache::ResponseCache>,
    pub writer: Mutex<Store>,
    /// Bearer token for writes; `None` makes the server read-only.
    pub token: Option<String>,
}

impl AppState {
    /// Open (creating when missing) the store at `db` and load the dictionaries, with
    /// the default [`ServeOptions`].
    pub fn open(db: PathBuf, token: Option<String>) -> Result<Arc<AppState>, ServeError> {
        AppState::open_with(db, token, ServeOptions::default())
    }

    pub fn open_with(db: PathBuf, token: Option<String>, options: ServeOptions) -> Result<Arc<AppState>, ServeError> {
        // the writer opens first: it creates or migrates the store the readers open
        let writer = Store::open(&db)?;
        let cache = match options.cache_entries {
            0 => None,
            n => Some(cache::ResponseCache::new(Store::open_read_only(&db)?, n)),
        };
        Ok(Arc::new(AppState {
            pipeline: Pipeline::with_defaults()?,
            cameo: CameoTable::default_table().map_err(ServeError::Cameo)?,
            pool: pool::Pool::open(&db, options.readers)?,
            cache,
            writer: Mutex::new(writer),
            token: token.filter(|t| !t.is_empty()),
        }))
    }
}

impl AppState {
    /// Response cache hits and misses since start (zeros when the cache is off).
    pub fn cache_stats(&self) -> CacheStats {
        self.cache.as_ref().map(|c| c.stats()).unwrap_or_default()
    }
}

/// How the server answers reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServeOptions {
    /// Read-only store connections: at most this many queries run at once.
    pub readers: usize,
    /// Responses the cache keeps (0 turns it off).
    pub cache_entries: usize,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            readers: default_readers(),
            cache_entries: 1024,
        }
    }
}

/// Read connections by default: one per core and one more, so a query waiting on
/// the disk does not leave a core idle (queries are CPU-bound once the store is cached).
pub fn default_readers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get()) + 1
}

/// The whole application: API, OpenAPI document, dashboard and its assets.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/v1/openapi.json", get(openapi::document))
        .route("/v1/code", post(api::code))
        .route("/v1/articles", post(api::ingest))
        .route("/v1/articles/{id}", get(api::article))
        .route("/v1/events", get(api::events))
        .route("/v1/trend", get(api::trend))
        .route("/v1/actors", get(api::actors))
        .route("/v1/quotes", get(api::quotes))
        .route("/", get(assets::index))
        .route("/assets/{name}", get(assets::asset))
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Article text is untrusted: the dashboard only ever inserts it as text, and the
/// Content-Security-Policy forbids any script not served by us.
async fn security_headers(mut response: axum::response::Response) -> axum::response::Response {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

/// Serve until Ctrl-C. `on_ready` gets the bound address (useful with port 0).
pub async fn serve(state: Arc<AppState>, addr: SocketAddr, on_ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServeError::Bind { addr, source })?;
    on_ready(listener.local_addr()?);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
