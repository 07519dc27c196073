//! Load test (run with `cargo bench -p detente-serve`): serves a synthetic store of a
//! million event mentions (skewed like real data, `detente_store::synthetic`) on
//! 127.0.0.1 and drives `/v1/events` and `/v1/trend` with 200 concurrent keep-alive
//! connections for a bounded time each, then prints, per endpoint, requests per
//! second, latency percentiles, errors, and the load average of the machine. Loopback
//! only; it stops by itself.
//!
//! Requests are a mix drawn at random like an analyst's traffic, not one URL repeated:
//! dyads and actors drawn with the data's own skew (so big dyads come up often), CAMEO
//! roots, date windows, day/week/month trends, and one request in four on `/v1/events`
//! fetches the next page of the connection's previous query through its cursor. The
//! share of distinct URLs is printed.
//!
//! Each endpoint runs twice: with the response cache (the default server; its hit rate
//! is printed) and with the cache off, where every request is a query.
//!
//! Env: DETENTE_LOAD_EVENTS (default 1000000), DETENTE_LOAD_SECONDS (default 10 per
//! endpoint, after a 2 s warm-up), DETENTE_LOAD_CONNECTIONS (default 200),
//! DETENTE_LOAD_READERS (read connections; default one per core plus one),
//! DETENTE_SYNTHETIC_DB (keep the store between runs), DETENTE_LOAD_ONLY (`events` or
//! `trend`: drive one endpoint only).

use detente_store::synthetic::{CODES, COUNTRIES};
use std::collections::HashSet;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// CPU time (user + system) used so far by the whole process (`thread == false`) or by
/// the calling thread, from /proc; `None` where there is no /proc.
fn cpu_seconds(thread: bool) -> Option<f64> {
    let stat = std::fs::read_to_string(if thread { "/proc/thread-self/stat" } else { "/proc/self/stat" }).ok()?;
    // the fields after the command name (which is in parentheses and may hold spaces)
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// The `p` quantile of sorted latencies, in milliseconds.
fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let n = sorted.len();
    sorted
        .get(((n as f64 * p) as usize).min(n.saturating_sub(1)))
        .map_or(f64::NAN, |d| d.as_secs_f64() * 1e3)
}

/// A small deterministic generator, one per connection.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }

    /// A country drawn with the synthetic store's Zipf weights.
    fn country(&mut self) -> &'static str {
        let total: u64 = (1..=COUNTRIES.len() as u64).map(|r| 1_000_000 / r).sum();
        let mut x = self.below(total);
        for (rank, c) in COUNTRIES.iter().enumerate() {
            let w = 1_000_000 / (rank as u64 + 1);
            if x < w {
                return c;
            }
            x -= w;
        }
        COUNTRIES[0]
    }

    fn actor(&mut self) -> String {
        let sector = ["", "", "GOV", "MIL"][self.below(4) as usize];
        format!("{}{sector}", self.country())
    }

    /// `&since=..&until=..`: a window of 1 to 12 months somewhere in the six years.
    fn window(&mut self) -> String {
        let start = chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default() + chrono::Duration::days(self.below(2000) as i64);
        let end = start + chrono::Duration::days(30 * (1 + self.below(12)) as i64);
        format!("&since={}&until={}", start.format("%Y-%m-%d"), end.format("%Y-%m-%d"))
    }
}

/// What one connection asks next on `/v1/events`; `previous` is its last query and that page's `next`.
fn events_request(rng: &mut Rng, previous: &Option<(String, String)>) -> String {
    if let (Some((query, next)), 0) = (previous, rng.below(4)) {
        return format!("/v1/events?{query}&cursor={next}");
    }
    let mut query = match rng.below(100) {
        0..40 => {
            let mut q = format!("dyad={}:{}", rng.country(), rng.country());
            if rng.below(4) == 0 {
                q.push_str("&directed=true");
            }
            if rng.below(5) == 0 {
                q.push_str(&format!("&root={}", &CODES[rng.below(CODES.len() as u64) as usize].0[..2]));
            }
            q
        }
        40..65 => format!("actor={}", rng.actor()),
        65..80 => format!("root={}", &CODES[rng.below(CODES.len() as u64) as usize].0[..2]),
        _ => String::new(),
    };
    if query.is_empty() || rng.below(10) < 3 {
        query.push_str(&rng.window());
    }
    format!("/v1/events?{}&limit=50", query.trim_start_matches('&'))
}

fn trend_request(rng: &mut Rng) -> String {
    let by = ["week", "week", "week", "week", "week", "month", "month", "month", "month", "day"][rng.below(10) as usize];
    let mut url = format!("/v1/trend?dyad={}:{}&by={by}", rng.country(), rng.country());
    if rng.below(4) == 0 {
        url.push_str("&directed=true");
    }
    // a daily series is read over a window (six years of days is no chart)
    if by == "day" || rng.below(10) < 3 {
        url.push_str(&rng.window());
    }
    url
}

/// `line` starts with `prefix`, ignoring ASCII case.
fn starts_with_ignore_case(line: &str, prefix: &str) -> bool {
    line.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// One GET on a keep-alive connection, its body read into `body` (a buffer the
/// connection reuses, so the client shares the cores as lightly as it can): the
/// status and whether the response came from the cache.
async fn get(stream: &mut BufReader<TcpStream>, path: &str, body: &mut Vec<u8>) -> std::io::Result<(u16, bool)> {
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n");
    stream.get_mut().write_all(request.as_bytes()).await?;
    let mut line = String::new();
    stream.read_line(&mut line).await?;
    let status: u16 = line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut length = 0usize;
    let mut hit = false;
    loop {
        line.clear();
        if stream.read_line(&mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if line == "\r\n" {
            break;
        }
        if starts_with_ignore_case(&line, "content-length:") {
            length = line["content-length:".len()..].trim().parse().unwrap_or(0);
        }
        hit |= starts_with_ignore_case(&line, "x-cache: hit");
    }
    body.clear();
    body.resize(length, 0);
    stream.read_exact(body).await?;
    Ok((status, hit))
}

/// The `next` cursor of an events page, found without parsing the whole page.
fn next_cursor(body: &[u8]) -> Option<String> {
    // `next` is the page's last field
    let tail = &body[body.len().saturating_sub(200)..];
    let text = std::str::from_utf8(tail).ok()?;
    let at = text.rfind("\"next\":\"")? + 8;
    let end = text[at..].find('"')?;
    Some(text[at..at + end].to_string())
}

#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    /// The latencies of the responses that came from the cache (also in `latencies`).
    hit_latencies: Vec<Duration>,
    errors: usize,
    bytes: usize,
    hits: usize,
    urls: Vec<String>,
}

/// Drive one endpoint with `connections` connections until `deadline`.
async fn drive(addr: SocketAddr, endpoint: &'static str, connections: usize, deadline: Instant) -> Tally {
    let mut tasks = Vec::new();
    for c in 0..connections {
        tasks.push(tokio::spawn(async move {
            let mut tally = Tally::default();
            let mut rng = Rng(0x9E3779B97F4A7C15 ^ ((c as u64 + 1) * 0x2545F4914F6CDD1D) ^ endpoint.len() as u64);
            let mut previous: Option<(String, String)> = None;
            let mut stream = None;
            let mut body = Vec::new();
            while Instant::now() < deadline {
                let url = if endpoint == "events" {
                    events_request(&mut rng, &previous)
                } else {
                    trend_request(&mut rng)
                };
                if stream.is_none() {
                    stream = TcpStream::connect(addr).await.ok().map(BufReader::new);
                }
                let Some(s) = stream.as_mut() else {
                    tally.errors += 1;
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                };
                let t = Instant::now();
                match get(s, &url, &mut body).await {
                    Ok((200, hit)) => {
                        let latency = t.elapsed();
                        tally.latencies.push(latency);
                        if hit {
                            tally.hit_latencies.push(latency);
                        }
                        tally.bytes += body.len();
                        tally.hits += usize::from(hit);
                        let query = url
                            .split_once('?')
                            .map(|(_, q)| q.split("&cursor=").next().unwrap_or(q).to_string());
                        previous = query.zip(next_cursor(&body));
                    }
                    _ => {
                        tally.errors += 1;
                        stream = None;
                    }
                }
                tally.urls.push(url);
            }
            tally
        }));
    }
    let mut all = Tally::default();
    for task in tasks {
        if let Ok(t) = task.await {
            all.latencies.extend(t.latencies);
            all.hit_latencies.extend(t.hit_latencies);
            all.errors += t.errors;
            all.bytes += t.bytes;
            all.hits += t.hits;
            all.urls.extend(t.urls);
        }
    }
    all
}

fn main() {
    let events = env("DETENTE_LOAD_EVENTS", 1_000_000);
    let seconds = env("DETENTE_LOAD_SECONDS", 10) as u64;
    let connections = env("DETENTE_LOAD_CONNECTIONS", 200);
    let readers = env("DETENTE_LOAD_READERS", detente_serve::default_readers());
    let dir = tempfile::tempdir().expect("temp dir");
    let db = std::env::var("DETENTE_SYNTHETIC_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| dir.path().join("load.db"));
    if !db.exists() {
        let t = Instant::now();
        drop(detente_store::synthetic::fill(&db, events).expect("synthetic store"));
        println!("synthetic store: {events} mentions built in {:.1} s", t.elapsed().as_secs_f64());
    }
    let server = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("server runtime");
    let counts = detente_store::Store::open_read_only(&db).and_then(|s| s.counts()).expect("counts");
    let addrs = start_servers(&server, &db, readers);
    println!(
        "load test: {} events ({} mentions), {connections} connections, {readers} read connections, {} cores, {seconds} s per run after a 2 s warm-up",
        counts.events,
        counts.mentions,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    // The client runs on its own thread and runtime, as an outside tool would.
    let client = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    client.block_on(async move {
        let only = std::env::var("DETENTE_LOAD_ONLY").unwrap_or_default();
        for endpoint in ["events", "trend"].into_iter().filter(|e| only.is_empty() || only == *e) {
            for &(cache_entries, addr) in &addrs {
                measure(addr, endpoint, cache_entries, connections, seconds).await;
            }
        }
    });
    drop(server);
}

/// Two servers on the same store: the default one (with the response cache) and one
/// without; (cache entries, address) of each.
fn start_servers(server: &tokio::runtime::Runtime, db: &std::path::Path, readers: usize) -> Vec<(usize, SocketAddr)> {
    let mut addrs = Vec::new();
    for cache_entries in [detente_serve::ServeOptions::default().cache_entries, 0] {
        let options = detente_serve::ServeOptions { readers, cache_entries };
        let state = detente_serve::AppState::open_with(db.to_path_buf(), None, options).expect("state");
        let listener = server.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("bind");
        addrs.push((cache_entries, listener.local_addr().expect("addr")));
        server.spawn(async move { axum::serve(listener, detente_serve::router(state)).await });
    }
    addrs
}

/// One endpoint on one server: a 2 s warm-up, then `seconds` measured and reported.
async fn measure(addr: SocketAddr, endpoint: &'static str, cache_entries: usize, connections: usize, seconds: u64) {
    drive(addr, endpoint, connections, Instant::now() + Duration::from_secs(2)).await;
    let load_before = load_average();
    let cpu_before = cpu_seconds(false).zip(cpu_seconds(true));
    let started = Instant::now();
    let mut t = drive(addr, endpoint, connections, started + Duration::from_secs(seconds)).await;
    let elapsed = started.elapsed().as_secs_f64();
    let cpu_after = cpu_seconds(false).zip(cpu_seconds(true));
    t.latencies.sort();
    t.hit_latencies.sort();
    let n = t.latencies.len();
    let pct = |p: f64| percentile(&t.latencies, p);
    let distinct = t.urls.iter().collect::<HashSet<_>>().len();
    let cache = if cache_entries > 0 {
        format!(
            "cache on ({cache_entries} entries), hit rate {:.0}%",
            100.0 * t.hits as f64 / n.max(1) as f64
        )
    } else {
        "cache off".to_string()
    };
    // CPU per request counts less on how busy the machine is than latency does
    let cpu = match (cpu_before, cpu_after) {
        (Some((all0, client0)), Some((all1, client1))) => format!(
            "; CPU per request {:.0} us, of which client {:.0} us",
            (all1 - all0) * 1e6 / n.max(1) as f64,
            (client1 - client0) * 1e6 / n.max(1) as f64
        ),
        _ => String::new(),
    };
    println!(
        "/v1/{endpoint}, {cache}: {n} requests in {elapsed:.1} s = {:.0} req/s; latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {} errors; {:.1} KB per response; {:.0}% distinct URLs; load average {load_before} before, {} after",
        n as f64 / elapsed,
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(1.0),
        t.errors,
        t.bytes as f64 / n.max(1) as f64 / 1e3,
        100.0 * distinct as f64 / t.urls.len().max(1) as f64,
        load_average()
    );
    println!("  {}", cpu.trim_start_matches("; "));
    if cache_entries > 0 {
        // hits and misses apart: the mix's percentiles blend two populations
        let misses = misses(&t);
        println!(
            "  hits p50 {:.1} / p99 {:.1} ms; misses p50 {:.1} / p99 {:.1} ms",
            percentile(&t.hit_latencies, 0.5),
            percentile(&t.hit_latencies, 0.99),
            percentile(&misses, 0.5),
            percentile(&misses, 0.99)
        );
    }
}

/// The latencies of the cache misses: all latencies less the hits' (both sorted).
fn misses(t: &Tally) -> Vec<Duration> {
    let mut hits = t.hit_latencies.iter().peekable();
    let mut misses = Vec::with_capacity(t.latencies.len() - t.hit_latencies.len());
    for l in &t.latencies {
        if hits.peek() == Some(&l) {
            hits.next();
        } else {
            misses.push(*l);
        }
    }
    misses
}
