//! Directories given as input are walked: every regular file below them, in name
//! order, hidden files and folders (`.git`, `.DS_Store`) left out.

use std::path::{Path, PathBuf};

/// A file found, or a folder that could not be listed (its path and the error).
pub type Entry = Result<PathBuf, (String, std::io::Error)>;

/// Every file under `dir`, depth first, sorted by name at each level.
pub fn files(dir: &Path) -> impl Iterator<Item = Entry> {
    let mut stack = vec![dir.to_path_buf()];
    let mut pending: Vec<Entry> = Vec::new();
    std::iter::from_fn(move || loop {
        if let Some(entry) = pending.pop() {
            return Some(entry);
        }
        let next = stack.pop()?;
        if !next.is_dir() {
            return Some(Ok(next));
        }
        match list(&next) {
            Ok(mut children) => {
                // Reverse order on the stack so the first name comes out first.
                children.sort();
                stack.extend(children.into_iter().rev());
            }
            Err(e) => pending.push(Err((next.display().to_string(), e))),
        }
    })
}

fn list(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        out.push(entry.path());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_and_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("b")).unwrap();
        std::fs::write(dir.path().join("b/x.txt"), "x").unwrap();
        std::fs::write(dir.path().join("a.txt"), "a").unwrap();
        std::fs::write(dir.path().join(".hidden"), "h").unwrap();
        let found: Vec<String> = files(dir.path())
            .map(|e| e.unwrap().strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(found, vec!["a.txt", "b/x.txt"]);
    }
}
