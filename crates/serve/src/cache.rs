//! A small cache of read responses (`/v1/events`, `/v1/trend`), keyed on the endpoint
//! and its normalised query, least recently used out. Every entry records the store's
//! write generation (SQLite's `data_version`, which changes whenever any connection,
//! in this process or another, commits); an entry from an older generation is a miss,
//! so an ingest invalidates everything at once and no stale answer is served.

use crate::api::ApiError;
use axum::body::Bytes;
use detente_store::Store;
use hashlink::LruCache;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

pub struct ResponseCache {
    entries: Mutex<LruCache<String, (i64, Bytes)>>,
    /// A connection kept only to read the write generation.
    watch: Mutex<Store>,
    hits: AtomicU64,
    misses: AtomicU64,
}

/// Hits and misses since start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    pub hits: u64,
    pub misses: u64,
}

impl ResponseCache {
    pub fn new(watch: Store, capacity: usize) -> Self {
        ResponseCache {
            entries: Mutex::new(LruCache::new(capacity.max(1))),
            watch: Mutex::new(watch),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// The key of a request: its path and its query parameters in sorted order.
    pub fn key(path: &str, query: Option<&str>) -> String {
        let mut params: Vec<&str> = query.unwrap_or("").split('&').filter(|p| !p.is_empty()).collect();
        params.sort_unstable();
        format!("{path}?{}", params.join("&"))
    }

    fn generation(&self) -> Result<i64, ApiError> {
        let watch = self
            .watch
            .lock()
            .map_err(|_| ApiError::internal("the cache's store connection is poisoned"))?;
        Ok(watch.data_version()?)
    }

    /// The cached body for `key` if it is from the current generation, or the body
    /// `make` computes (then kept). Returns the body and whether it was a hit.
    pub async fn get_or_make<F>(&self, key: String, make: F) -> Result<(Bytes, bool), ApiError>
    where
        F: std::future::Future<Output = Result<Bytes, ApiError>>,
    {
        let generation = self.generation()?;
        let cached = self
            .entries
            .lock()
            .ok()
            .and_then(|mut e| e.get(&key).filter(|(g, _)| *g == generation).map(|(_, body)| body.clone()));
        if let Some(body) = cached {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return Ok((body, true));
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let body = make.await?;
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(key, (generation, body.clone()));
        }
        Ok((body, false))
    }

    pub fn stats(&self) -> CacheStats {
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_parameter_order() {
        assert_eq!(
            ResponseCache::key("/v1/trend", Some("dyad=USA:CHN&by=week")),
            ResponseCache::key("/v1/trend", Some("by=week&dyad=USA:CHN&"))
        );
        assert_ne!(
            ResponseCache::key("/v1/trend", Some("dyad=USA:CHN")),
            ResponseCache::key("/v1/events", Some("dyad=USA:CHN"))
        );
    }
}
