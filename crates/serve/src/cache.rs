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

/// Events as an events page shows them (rendered JSON objects), by id, kept by one
/// reader for the pages it writes: the same event comes up in many different pages (its
/// dyad's, each of its actors', its CAMEO root's, the unfiltered list's), so a page reads
/// and renders only the events it lacks. Everything is dropped when the reader's
/// connection sees another write generation (`data_version`, read inside each page's
/// read snapshot), so no stale event is shown.
pub struct RenderedEvents {
    generation: Option<i64>,
    entries: Option<LruCache<i64, Box<[u8]>>>,
}

impl RenderedEvents {
    /// Keep up to `capacity` events (0: keep none).
    pub fn new(capacity: usize) -> Self {
        RenderedEvents {
            generation: None,
            entries: (capacity > 0).then(|| LruCache::new(capacity)),
        }
    }

    pub fn enabled(&self) -> bool {
        self.entries.is_some()
    }

    /// Drop every event kept if the store's generation is not the one they were rendered in.
    pub fn sync(&mut self, generation: i64) {
        if self.generation != Some(generation) {
            if let Some(entries) = &mut self.entries {
                entries.clear();
            }
            self.generation = Some(generation);
        }
    }

    pub fn get(&mut self, id: i64) -> Option<&[u8]> {
        self.entries.as_mut()?.get(&id).map(|json| &json[..])
    }

    pub fn insert(&mut self, id: i64, json: &[u8]) {
        if let Some(entries) = &mut self.entries {
            entries.insert(id, json.into());
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

    #[test]
    fn rendered_events_are_dropped_by_a_new_generation() {
        let mut events = RenderedEvents::new(2);
        events.sync(7);
        events.insert(1, b"{\"id\":1}");
        events.sync(7);
        assert_eq!(events.get(1), Some(&b"{\"id\":1}"[..]));
        events.sync(8);
        assert_eq!(events.get(1), None);
        let mut off = RenderedEvents::new(0);
        off.insert(1, b"{}");
        assert!(!off.enabled() && off.get(1).is_none());
    }
}
