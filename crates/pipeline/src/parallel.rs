//! Coding many articles on every core while keeping input order and bounded memory.
//!
//! The calling thread reads the input and emits results; `threads` scoped workers code
//! articles. At most `window` articles are in flight (read but not yet emitted), so
//! memory stays bounded however large the input and however slow one article is, and
//! results are emitted in input order. Neither the input iterator nor the sink has to
//! be `Send` (a reader over standard input, a locked stdout both work).

use crate::Pipeline;
use detente_doc::Document;
use detente_ingest::RawArticle;
use std::collections::BTreeMap;
use std::sync::mpsc::channel;
use std::sync::{Arc, Mutex};

/// Code `inputs` with `threads` workers (at least one) and pass each result to `sink`
/// in input order; items that are errors (unreadable input) are passed through in
/// their place. `window` bounds the articles in flight (at least twice `threads`).
pub fn code_ordered<E, I, S>(pipeline: &Pipeline, inputs: I, threads: usize, window: usize, sink: S)
where
    I: Iterator<Item = Result<RawArticle, E>>,
    S: FnMut(Result<Document, E>),
{
    code_ordered_then(pipeline, inputs, threads, window, |doc| doc, sink);
}

/// [`code_ordered`] with a further step, `finish`, run on the worker right after
/// coding (building and serialising the output, say), so that the thread that reads
/// and emits does as little as possible and the workers share the rest.
pub fn code_ordered_then<E, I, F, T, S>(pipeline: &Pipeline, inputs: I, threads: usize, window: usize, finish: F, mut sink: S)
where
    I: Iterator<Item = Result<RawArticle, E>>,
    F: Fn(Document) -> T + Sync,
    T: Send,
    S: FnMut(Result<T, E>),
{
    let threads = threads.max(1);
    let window = window.max(threads * 2);
    // Articles travel in small batches: one hand-over (and at most one wake-up)
    // per batch rather than per article; a batch is sent as soon as the reader
    // would otherwise wait, so a slow input is never held back.
    let batch_size = (window / (threads * 4)).clamp(1, 16);
    let (work_tx, work_rx) = channel::<Vec<(u64, RawArticle)>>();
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = channel::<Vec<(u64, T)>>();
    let finish = &finish;
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            scope.spawn(move || loop {
                let next = match work_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => break,
                };
                let Ok(batch) = next else { break };
                let coded = batch.into_iter().map(|(seq, raw)| (seq, finish(pipeline.code(raw)))).collect();
                if done_tx.send(coded).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        let mut inputs = inputs;
        let mut waiting: BTreeMap<u64, Result<T, E>> = BTreeMap::new();
        let (mut next_read, mut next_emit, mut exhausted) = (0u64, 0u64, false);
        let mut batch = Vec::with_capacity(batch_size);
        loop {
            while !exhausted && next_read - next_emit < window as u64 {
                match inputs.next() {
                    Some(Ok(raw)) => {
                        batch.push((next_read, raw));
                        if batch.len() >= batch_size && work_tx.send(std::mem::take(&mut batch)).is_err() {
                            exhausted = true;
                        }
                    }
                    Some(Err(e)) => {
                        waiting.insert(next_read, Err(e));
                    }
                    None => exhausted = true,
                }
                if !exhausted {
                    next_read += 1;
                }
            }
            if !batch.is_empty() && work_tx.send(std::mem::take(&mut batch)).is_err() {
                break;
            }
            while let Some(item) = waiting.remove(&next_emit) {
                sink(item);
                next_emit += 1;
            }
            if next_emit == next_read {
                if exhausted {
                    break;
                }
                continue; // nothing in flight: read more before waiting
            }
            match done_rx.recv() {
                Ok(coded) => {
                    for (seq, result) in coded {
                        waiting.insert(seq, Ok(result));
                    }
                }
                Err(_) => break, // every worker stopped
            }
        }
        drop(work_tx); // workers see the closed channel and end
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_doc::ArticleMeta;

    fn raw(i: usize) -> Result<RawArticle, String> {
        if i % 7 == 3 {
            return Err(format!("bad {i}"));
        }
        let meta = ArticleMeta {
            id: Some(i.to_string()),
            ..Default::default()
        };
        Ok(RawArticle {
            meta,
            body: format!("Russia attacked Ukraine {i} times. France praised Germany."),
            warnings: Vec::new(),
        })
    }

    #[test]
    fn output_keeps_input_order_with_errors_in_place() {
        let pipeline = Pipeline::with_defaults().unwrap();
        for threads in [1, 2, 4] {
            let mut seen = Vec::new();
            code_ordered(&pipeline, (0..60).map(raw), threads, 4, |r| {
                seen.push(match r {
                    Ok(doc) => doc.meta.id.unwrap_or_default(),
                    Err(e) => e,
                })
            });
            let expected: Vec<String> = (0..60)
                .map(|i| if i % 7 == 3 { format!("bad {i}") } else { i.to_string() })
                .collect();
            assert_eq!(seen, expected, "threads {threads}");
        }
    }

    #[test]
    fn parallel_results_equal_sequential() {
        let pipeline = Pipeline::with_defaults().unwrap();
        let mut one = Vec::new();
        code_ordered(&pipeline, (0..20).map(raw), 1, 1, |r| one.push(r.map(|d| d.events.len())));
        let mut many = Vec::new();
        code_ordered(&pipeline, (0..20).map(raw), 3, 8, |r| many.push(r.map(|d| d.events.len())));
        assert_eq!(one, many);
    }

    #[test]
    fn finishing_step_runs_on_workers_and_keeps_order() {
        let pipeline = Pipeline::with_defaults().unwrap();
        let main = std::thread::current().id();
        for (threads, window) in [(1, 1), (2, 5), (3, 64)] {
            let mut seen = Vec::new();
            let finish = |doc: Document| (doc.meta.id.unwrap_or_default(), std::thread::current().id() != main);
            code_ordered_then(&pipeline, (0..40).map(raw), threads, window, finish, |r| seen.push(r));
            assert_eq!(seen.len(), 40);
            for (i, r) in seen.into_iter().enumerate() {
                match r {
                    Ok((id, on_worker)) => assert!(id == i.to_string() && on_worker, "{i}: {id}"),
                    Err(e) => assert_eq!(e, format!("bad {i}")),
                }
            }
        }
    }
}
