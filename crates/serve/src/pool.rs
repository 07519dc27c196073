//! A fixed-size pool of read-only store connections (SQLite in WAL mode lets them read
//! side by side, and while an ingest writes). A request waits, without holding an
//! async worker and first come first served, for a free connection, then runs its
//! query on a blocking thread; so no more queries run at once than there are
//! connections, and each connection keeps its prepared statements.

use crate::api::ApiError;
use detente_store::{Result, Store};
use std::path::PathBuf;
use std::sync::Mutex;
use tokio::sync::Semaphore;

pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
    free: Semaphore,
    size: usize,
}

impl Pool {
    /// Open `size` read-only connections to the store at `path`.
    pub fn open(path: PathBuf, size: usize) -> Result<Pool> {
        let size = size.max(1);
        let idle = (0..size).map(|_| Store::open_read_only(&path)).collect::<Result<Vec<_>>>()?;
        Ok(Pool {
            path,
            idle: Mutex::new(idle),
            free: Semaphore::new(size),
            size,
        })
    }

    pub fn size(&self) -> usize {
        self.size
    }

    /// Run `f` with a connection of the pool on a blocking thread.
    pub async fn run<T, E>(&self, f: impl FnOnce(&Store) -> std::result::Result<T, E> + Send + 'static) -> std::result::Result<T, ApiError>
    where
        T: Send + 'static,
        E: Send + 'static,
        ApiError: From<E>,
    {
        let _permit = self.free.acquire().await.map_err(ApiError::internal)?;
        let idle = self.idle.lock().ok().and_then(|mut v| v.pop());
        // With a permit there is an idle connection, unless a query was abandoned
        // (its client left) or panicked and took its connection along: open another.
        let store = match idle {
            Some(store) => store,
            None => Store::open_read_only(&self.path)?,
        };
        let (store, result) = tokio::task::spawn_blocking(move || {
            let result = f(&store);
            (store, result)
        })
        .await
        .map_err(ApiError::internal)?;
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(store);
        }
        Ok(result?)
    }
}
