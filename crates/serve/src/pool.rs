//! A small pool of read-only store connections, used from blocking threads.

use detente_store::{Result, Store};
use std::path::PathBuf;
use std::sync::Mutex;

pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
}

impl Pool {
    pub fn new(path: PathBuf) -> Self {
        Pool {
            path,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Run `f` with a read-only connection (reused when one is idle).
    pub fn with<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let idle = self.idle.lock().ok().and_then(|mut v| v.pop());
        let store = match idle {
            Some(s) => s,
            None => Store::open_read_only(&self.path)?,
        };
        let result = f(&store);
        if let Ok(mut v) = self.idle.lock() {
            if v.len() < 16 {
                v.push(store);
            }
        }
        result
    }
}
