//! Load test (run with `cargo bench -p detente-serve`): serves a synthetic store of a
//! million events on 127.0.0.1 and drives `/v1/events` and `/v1/trend` with 200
//! concurrent keep-alive connections for a bounded time, then prints requests per
//! second and latency percentiles. Loopback only; it stops by itself.
//! Env: DETENTE_LOAD_EVENTS (default 1000000), DETENTE_LOAD_SECONDS (default 10),
//! DETENTE_LOAD_CONNECTIONS (default 200), DETENTE_SYNTHETIC_DB (keep the store).

use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// One GET on a keep-alive connection; returns the status code.
async fn get(stream: &mut BufReader<TcpStream>, path: &str) -> std::io::Result<u16> {
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n");
    stream.get_mut().write_all(request.as_bytes()).await?;
    let mut line = String::new();
    stream.read_line(&mut line).await?;
    let status: u16 = line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut length = 0usize;
    loop {
        line.clear();
        stream.read_line(&mut line).await?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).await?;
    Ok(status)
}

fn main() {
    let events = env("DETENTE_LOAD_EVENTS", 1_000_000);
    let seconds = env("DETENTE_LOAD_SECONDS", 10) as u64;
    let connections = env("DETENTE_LOAD_CONNECTIONS", 200);
    let dir = tempfile::tempdir().expect("temp dir");
    // DETENTE_SYNTHETIC_DB reuses a synthetic store between runs (built when missing).
    let db = std::env::var("DETENTE_SYNTHETIC_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| dir.path().join("load.db"));
    if !db.exists() {
        let t = Instant::now();
        drop(detente_store::synthetic::fill(&db, events).expect("synthetic store"));
        println!("synthetic store: {events} mentions in {:.1} s", t.elapsed().as_secs_f64());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async move {
        let state = detente_serve::AppState::open(db, None).expect("state");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move { axum::serve(listener, detente_serve::router(state)).await });
        const DYADS: [&str; 6] = ["USA:CHN", "RUS:UKR", "ISR:IRN", "FRA:DEU", "IND:JPN", "TUR:GBR"];
        for (name, make) in [
            ("/v1/events?dyad=..&limit=50", Box::new(|i: usize| format!("/v1/events?dyad={}&limit=50", DYADS[i % DYADS.len()])) as Box<dyn Fn(usize) -> String + Send + Sync>),
            ("/v1/trend?dyad=..&by=month", Box::new(|i: usize| format!("/v1/trend?dyad={}&by=month", DYADS[i % DYADS.len()]))),
        ] {
            let make = Arc::new(make);
            let deadline = Instant::now() + Duration::from_secs(seconds);
            let mut tasks = Vec::new();
            for c in 0..connections {
                let make = make.clone();
                tasks.push(tokio::spawn(async move {
                    let mut latencies = Vec::new();
                    let mut errors = 0usize;
                    let Ok(stream) = TcpStream::connect(addr).await else { return (latencies, 1) };
                    let mut stream = BufReader::new(stream);
                    let mut i = c;
                    while Instant::now() < deadline {
                        let t = Instant::now();
                        match get(&mut stream, &make(i)).await {
                            Ok(200) => latencies.push(t.elapsed()),
                            _ => {
                                errors += 1;
                                break;
                            }
                        }
                        i += connections;
                    }
                    (latencies, errors)
                }));
            }
            let mut all = Vec::new();
            let mut errors = 0;
            for task in tasks {
                if let Ok((l, e)) = task.await {
                    all.extend(l);
                    errors += e;
                }
            }
            all.sort();
            let pct = |p: f64| all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1))).map(|d| d.as_secs_f64() * 1e3).unwrap_or(f64::NAN);
            println!(
                "{name}: {} requests in {seconds} s = {:.0} req/s with {connections} connections; latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {errors} errors",
                all.len(),
                all.len() as f64 / seconds as f64,
                pct(0.50),
                pct(0.99),
                pct(1.0)
            );
        }
    });
}
