//! A fixed set of reader threads, each with its own read-only store connection (SQLite
//! in WAL mode lets them read side by side, and while an ingest writes), fed from one
//! first-come-first-served queue. A request puts its query on the queue and awaits the
//! answer without holding an async worker; a reader that finishes a query takes the
//! next one at once, without going to sleep, so under load a query costs no thread
//! hand-off but the answer's wake-up. No more queries run at once than there are
//! readers, each connection keeps its prepared statements, and the oldest query is
//! always served first (no request is starved behind later ones).

use crate::api::ApiError;
use crate::ServeError;
use detente_store::Store;
use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use tokio::sync::oneshot;

/// A query waiting for a reader; it sends its own answer.
type Job = Box<dyn FnOnce(&Store) + Send>;

#[derive(Default)]
struct Queue {
    jobs: VecDeque<Job>,
    /// Readers waiting for a job (only then does a new job need a wake-up call).
    sleeping: usize,
    closed: bool,
}

#[derive(Default)]
struct Shared {
    queue: Mutex<Queue>,
    ready: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Queue> {
        // a job runs outside the lock, so a poisoned lock only means a panic in the
        // queue's own few lines: its state is still whole
        self.queue.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The next job, oldest first; `None` once the pool is closed and drained.
    fn next(&self) -> Option<Job> {
        let mut queue = self.lock();
        loop {
            if let Some(job) = queue.jobs.pop_front() {
                return Some(job);
            }
            if queue.closed {
                return None;
            }
            queue.sleeping += 1;
            queue = self.ready.wait(queue).unwrap_or_else(|poisoned| poisoned.into_inner());
            queue.sleeping -= 1;
        }
    }
}

pub struct Pool {
    shared: Arc<Shared>,
    size: usize,
}

impl Pool {
    /// Open `size` read-only connections to the store at `path`, each on its own thread.
    pub fn open(path: &Path, size: usize) -> Result<Pool, ServeError> {
        let size = size.max(1);
        let stores = (0..size).map(|_| Store::open_read_only(path)).collect::<Result<Vec<_>, _>>()?;
        let shared = Arc::new(Shared::default());
        for (n, store) in stores.into_iter().enumerate() {
            let shared = shared.clone();
            std::thread::Builder::new()
                .name(format!("detente-reader-{n}"))
                .spawn(move || read_loop(&shared, &store))?;
        }
        Ok(Pool { shared, size })
    }

    pub fn size(&self) -> usize {
        self.size
    }

    /// Run `f` on the next free reader's connection, after the queries queued before it.
    /// It is queued when `run` is called (not when the answer is first awaited).
    pub fn run<T, E>(
        &self,
        f: impl FnOnce(&Store) -> std::result::Result<T, E> + Send + 'static,
    ) -> impl std::future::Future<Output = std::result::Result<T, ApiError>> + Send + 'static
    where
        T: Send + 'static,
        E: Send + 'static,
        ApiError: From<E>,
    {
        let (answer, answered) = oneshot::channel();
        let job: Job = Box::new(move |store| {
            // a client that left no longer waits: skip its query
            if !answer.is_closed() {
                let _ = answer.send(f(store));
            }
        });
        let mut queue = self.shared.lock();
        let open = !queue.closed;
        if open {
            queue.jobs.push_back(job);
            if queue.sleeping > 0 {
                self.shared.ready.notify_one();
            }
        }
        drop(queue);
        async move {
            if !open {
                return Err(ApiError::internal("the store readers are closed"));
            }
            // the sender is dropped unanswered only if the query panicked
            let result = answered.await.map_err(|_| ApiError::internal("the query failed"))?;
            Ok(result?)
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        self.shared.ready.notify_all();
    }
}

/// A reader's life: take the oldest job, run it, repeat until the pool closes. A query
/// that panics loses its answer (its request gets an error), not the reader.
fn read_loop(shared: &Shared, store: &Store) {
    while let Some(job) = shared.next() {
        let _ = catch_unwind(AssertUnwindSafe(|| job(store)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_store::StoreError;

    fn pool(readers: usize) -> (tempfile::TempDir, Pool) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        drop(Store::open(&path).unwrap());
        let pool = Pool::open(&path, readers).unwrap();
        (dir, pool)
    }

    async fn all<T>(futures: Vec<impl std::future::Future<Output = std::result::Result<T, ApiError>>>) -> Vec<T> {
        let mut out = Vec::new();
        for f in futures {
            match f.await {
                Ok(v) => out.push(v),
                Err(e) => panic!("{}", e.message()),
            }
        }
        out
    }

    #[tokio::test]
    async fn answers_every_query_and_survives_a_panicking_one() {
        let (_dir, pool) = pool(2);
        let runs: Vec<_> = (0..20).map(|i| pool.run(move |s| s.counts().map(|c| c.events + i))).collect();
        assert_eq!(all(runs).await, (0..20).collect::<Vec<_>>());
        let failed = pool.run(|_| -> std::result::Result<(), StoreError> { panic!("a query bug") }).await;
        assert!(failed.is_err());
        // both readers still answer
        let runs: Vec<_> = (0..4).map(|i| pool.run(move |_| Ok::<_, StoreError>(i))).collect();
        assert_eq!(all(runs).await, vec![0, 1, 2, 3]);
    }

    #[tokio::test]
    async fn queries_are_served_first_come_first_served() {
        let (_dir, pool) = pool(1);
        // the one reader is held until all the queries below are queued
        let (release, held) = std::sync::mpsc::channel::<()>();
        let first = pool.run(move |_| held.recv().map_err(|e| StoreError::Query(e.to_string())));
        let order = Arc::new(Mutex::new(Vec::new()));
        let runs: Vec<_> = (0..10)
            .map(|i| {
                let order = order.clone();
                pool.run(move |_| {
                    order.lock().unwrap().push(i);
                    Ok::<_, StoreError>(())
                })
            })
            .collect();
        release.send(()).unwrap();
        first.await.unwrap_or_else(|e| panic!("{}", e.message()));
        all(runs).await;
        assert_eq!(*order.lock().unwrap(), (0..10).collect::<Vec<_>>());
    }

    #[tokio::test]
    async fn a_query_whose_client_left_is_skipped() {
        let (_dir, pool) = pool(1);
        let (release, held) = std::sync::mpsc::channel::<()>();
        let first = pool.run(move |_| held.recv().map_err(|e| StoreError::Query(e.to_string())));
        let ran = Arc::new(Mutex::new(false));
        let flag = ran.clone();
        drop(pool.run(move |_| {
            *flag.lock().unwrap() = true;
            Ok::<_, StoreError>(())
        }));
        release.send(()).unwrap();
        first.await.unwrap_or_else(|e| panic!("{}", e.message()));
        // a later query has run, so the abandoned one was taken off the queue before it
        pool.run(|_| Ok::<_, StoreError>(()))
            .await
            .unwrap_or_else(|e| panic!("{}", e.message()));
        assert!(!*ran.lock().unwrap());
    }
}
