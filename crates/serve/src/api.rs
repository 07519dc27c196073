//! The `/v1` JSON endpoints. Every query goes through parameterised SQL in the store
//! crate; nothing here builds SQL from input.

use crate::cache::ResponseCache;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use detente_doc::output::Article;
use detente_events::CameoTable;
use detente_store::{Dyad, EventCursor, EventQuery, Period, QuoteQuery, Store, StoreError, TrendQuery, TrendRowRef};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::sync::Arc;

/// The most rows one page may hold.
pub const MAX_LIMIT: usize = 500;

/// An error as the API reports it: `{"error": "..."}` with a fitting status.
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn bad_request(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
    #[cfg(test)]
    pub(crate) fn message(&self) -> &str {
        &self.message
    }
    pub(crate) fn internal(message: impl std::fmt::Display) -> Self {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}

impl From<detente_store::StoreError> for ApiError {
    fn from(e: detente_store::StoreError) -> Self {
        match e {
            detente_store::StoreError::Query(m) => ApiError::bad_request(m),
            other => ApiError::internal(other),
        }
    }
}

type ApiResult = Result<Response, ApiError>;

/// Run blocking store work off the async threads.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, ApiError> + Send + 'static) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.map_err(ApiError::internal)?
}

fn check_date(name: &str, value: &Option<String>) -> Result<(), ApiError> {
    match value {
        Some(v) if chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_err() => {
            Err(ApiError::bad_request(format!("`{name}` must be a date YYYY-MM-DD, got {v:?}")))
        }
        _ => Ok(()),
    }
}

fn page(limit: Option<usize>) -> Result<usize, ApiError> {
    match limit {
        Some(l) if l == 0 || l > MAX_LIMIT => Err(ApiError::bad_request(format!("`limit` must be between 1 and {MAX_LIMIT}"))),
        Some(l) => Ok(l),
        None => Ok(50),
    }
}

pub async fn not_found() -> ApiError {
    ApiError {
        status: StatusCode::NOT_FOUND,
        message: "no such endpoint; see /v1/openapi.json".into(),
    }
}

#[derive(Deserialize)]
pub struct CodeRequest {
    text: String,
    title: Option<String>,
    published: Option<String>,
    source: Option<String>,
    url: Option<String>,
    id: Option<String>,
}

/// `POST /v1/code`: code posted text (JSON `{text, title?, published?, ...}` or a
/// plain-text body) and return the article as `detente code` prints it; nothing is stored.
pub async fn code(State(state): State<Arc<AppState>>, headers: HeaderMap, body: String) -> ApiResult {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let request = if is_json {
        serde_json::from_str::<CodeRequest>(&body).map_err(|e| ApiError::bad_request(format!("body: {e}")))?
    } else {
        CodeRequest {
            text: body,
            title: None,
            published: None,
            source: None,
            url: None,
            id: None,
        }
    };
    if request.text.trim().is_empty() {
        return Err(ApiError::bad_request("`text` is empty"));
    }
    let line = serde_json::to_string(&json!({
        "text": request.text, "title": request.title, "published": request.published,
        "source": request.source, "url": request.url, "id": request.id,
    }))
    .map_err(ApiError::internal)?;
    let article = blocking(move || {
        let raw = detente_ingest::parse_json_article(&line, "request").map_err(ApiError::bad_request)?;
        Ok(Article::from_document(&state.pipeline.code(raw)))
    })
    .await?;
    Ok(Json(article).into_response())
}

/// `POST /v1/articles`: code and store articles (a JSON object, a JSON array, or JSON
/// Lines). Needs `Authorization: Bearer <token>`; a server started without a token is read-only.
pub async fn ingest(State(state): State<Arc<AppState>>, headers: HeaderMap, body: String) -> ApiResult {
    let Some(token) = state.token.clone() else {
        return Err(ApiError {
            status: StatusCode::FORBIDDEN,
            message: "this server is read-only (start it with --token to accept articles)".into(),
        });
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|g| constant_time_eq(g.as_bytes(), token.as_bytes())) {
        return Err(ApiError {
            status: StatusCode::UNAUTHORIZED,
            message: "missing or wrong bearer token".into(),
        });
    }
    let lines: Vec<String> = match serde_json::from_str::<Value>(&body) {
        Ok(Value::Array(items)) => items.iter().map(|v| v.to_string()).collect(),
        Ok(v @ Value::Object(_)) => vec![v.to_string()],
        Ok(_) => return Err(ApiError::bad_request("expected a JSON object, an array of objects, or JSON Lines")),
        Err(_) => body.lines().filter(|l| !l.trim().is_empty()).map(String::from).collect(),
    };
    if lines.is_empty() {
        return Err(ApiError::bad_request("no articles in the body"));
    }
    let report = blocking(move || {
        let mut articles = Vec::new();
        let mut errors = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            match detente_ingest::parse_json_article(line, &format!("article {}", i + 1)) {
                Ok(raw) => articles.push(Article::from_document(&state.pipeline.code(raw))),
                Err(e) => errors.push(json!({"article": i + 1, "error": e})),
            }
        }
        let mut writer = state.writer.lock().map_err(|_| ApiError::internal("the store writer is poisoned"))?;
        let report = writer.ingest_batch(&articles)?;
        for (name, reason) in &report.failed {
            errors.push(json!({"article": name, "error": reason}));
        }
        Ok(json!({"added": report.added, "replaced": report.replaced, "duplicates": report.duplicates, "mentions": report.mentions, "errors": errors}))
    })
    .await?;
    let status = if report["errors"].as_array().is_some_and(|e| !e.is_empty()) {
        StatusCode::MULTI_STATUS
    } else {
        StatusCode::OK
    };
    Ok((status, Json(report)).into_response())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `GET /v1/articles/{id}`: a stored article with all its layers.
pub async fn article(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> ApiResult {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::bad_request(format!("article id must be a number, got {id:?}")))?;
    let found = state.pool.run(move |s| s.article(id)).await?;
    match found {
        Some(a) => Ok(Json(json!({"id": id, "article": a})).into_response()),
        None => Err(ApiError {
            status: StatusCode::NOT_FOUND,
            message: format!("no article {id}"),
        }),
    }
}

#[derive(Deserialize)]
pub struct EventsParams {
    dyad: Option<String>,
    #[serde(default)]
    directed: bool,
    actor: Option<String>,
    root: Option<String>,
    cameo: Option<String>,
    plover: Option<String>,
    since: Option<String>,
    until: Option<String>,
    q: Option<String>,
    limit: Option<usize>,
    #[serde(default)]
    offset: usize,
    cursor: Option<String>,
}

/// `GET /v1/events`: merged events with their first evidence, newest first.
pub async fn events(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery, Query(p): Query<EventsParams>) -> ApiResult {
    check_date("since", &p.since)?;
    check_date("until", &p.until)?;
    let limit = page(p.limit)?;
    let dyad = p.dyad.as_deref().map(|d| Dyad::parse(d, p.directed)).transpose()?;
    let code = p.cameo.or(p.root);
    if code
        .as_deref()
        .is_some_and(|c| c.is_empty() || !c.chars().all(|ch| ch.is_ascii_digit()))
    {
        return Err(ApiError::bad_request("`root` and `cameo` are CAMEO digits, e.g. 04 or 042"));
    }
    let after = p.cursor.as_deref().map(EventCursor::parse).transpose()?;
    let q = EventQuery {
        dyad,
        actor: p.actor,
        since: p.since,
        until: p.until,
        cameo: code,
        plover: p.plover,
        text: p.q,
        limit,
        offset: p.offset,
    };
    let key = ResponseCache::key("/v1/events", raw.as_deref());
    let st = state.clone();
    cached(&state, key, async move {
        let store_state = st.clone();
        // the page is written as it is read, on the reader's thread: no row is copied
        let body = st
            .pool
            .run(move |s| events_page_json(s, &store_state.cameo, &q, after.as_ref(), limit, p.offset))
            .await?;
        Ok(Bytes::from(body))
    })
    .await
}

/// An events page as JSON (`{"events":[...],"limit":..,"offset":..,"next":..}`), each
/// event copied from the store's JSON of it (a schema-5 store keeps it ready on the
/// event row) into the body as it is read, then its CAMEO name added.
fn events_page_json(
    store: &Store,
    cameo: &CameoTable,
    q: &EventQuery,
    after: Option<&EventCursor>,
    limit: usize,
    offset: usize,
) -> Result<Vec<u8>, ApiError> {
    // Sized to the response rather than one large size for all: glibc consolidates its
    // free lists on every free of 64 KiB or more (`malloc_consolidate`).
    let mut body = Vec::with_capacity(256 + 640 * limit.min(50));
    body.extend_from_slice(b"{\"events\":[");
    let next = store.events_page_json(q, after, |code, event| {
        if body.last() == Some(&b'}') {
            body.push(b',');
        }
        write_event(&mut body, event, cameo.get(code).map(|c| c.name.as_str())).map_err(|e| StoreError::Export(e.to_string()))
    })?;
    let tail = PageTail {
        limit,
        offset,
        next: next.map(|c| c.to_string()),
    };
    // the tail's own object, its opening brace replaced by the comma that follows the events
    let tail = serde_json::to_vec(&tail).map_err(ApiError::internal)?;
    body.extend_from_slice(b"],");
    body.extend_from_slice(tail.get(1..).unwrap_or_default());
    Ok(body)
}

/// One event as the API shows it: the store's JSON object of it (the members of
/// [`detente_store::EventRow`] in order), then `cameo_name`.
fn write_event(body: &mut Vec<u8>, event: &str, cameo_name: Option<&str>) -> serde_json::Result<()> {
    let members = event
        .trim()
        .strip_suffix('}')
        .ok_or_else(|| <serde_json::Error as serde::de::Error>::custom("a stored event is not a JSON object"))?;
    body.extend_from_slice(members.as_bytes());
    body.extend_from_slice(b",\"cameo_name\":");
    serde_json::to_writer(&mut *body, &cameo_name)?;
    body.push(b'}');
    Ok(())
}

/// The fields of an events page after its events.
#[derive(Serialize)]
struct PageTail {
    limit: usize,
    offset: usize,
    /// Pass as `cursor` to get the next page; `null` on the last page.
    next: Option<String>,
}

/// A JSON body from the response cache, or made by `make` (and then cached); the
/// `x-cache` header says which.
async fn cached(state: &AppState, key: String, make: impl std::future::Future<Output = Result<Bytes, ApiError>>) -> ApiResult {
    let (body, hit) = match &state.cache {
        Some(cache) => cache.get_or_make(key, make).await?,
        None => (make.await?, false),
    };
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("application/json")),
        (
            HeaderName::from_static("x-cache"),
            HeaderValue::from_static(if hit { "hit" } else { "miss" }),
        ),
    ];
    Ok((headers, body).into_response())
}

#[derive(Deserialize)]
pub struct TrendParams {
    dyad: Option<String>,
    by: Option<String>,
    #[serde(default)]
    directed: bool,
    since: Option<String>,
    until: Option<String>,
}

/// `GET /v1/trend`: a dyad's events per period by QuadClass, with Goldstein sum and mean.
pub async fn trend(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery, Query(p): Query<TrendParams>) -> ApiResult {
    let dyad_text = p
        .dyad
        .ok_or_else(|| ApiError::bad_request("`dyad` is required, e.g. dyad=USA:CHN"))?;
    check_date("since", &p.since)?;
    check_date("until", &p.until)?;
    let by = p.by.unwrap_or_else(|| "week".into());
    let q = TrendQuery {
        dyad: Dyad::parse(&dyad_text, p.directed)?,
        period: Period::parse(&by)?,
        since: p.since,
        until: p.until,
    };
    let key = ResponseCache::key("/v1/trend", raw.as_deref());
    let st = state.clone();
    cached(&state, key, async move {
        // written as it is read, on the reader's thread: no vector of rows
        let head = TrendHead {
            dyad: dyad_text,
            by,
            directed: p.directed,
        };
        let body = st.pool.run(move |s| trend_json(s, &q, &head)).await?;
        Ok(Bytes::from(body))
    })
    .await
}

/// The fields of a trend before its periods.
#[derive(Serialize)]
struct TrendHead {
    dyad: String,
    by: String,
    directed: bool,
}

/// A trend as JSON (`{"dyad":..,"by":..,"directed":..,"periods":[...]}`), each period
/// written as the store hands it out.
fn trend_json(store: &Store, q: &TrendQuery, head: &TrendHead) -> Result<Vec<u8>, ApiError> {
    let mut body = serde_json::to_vec(head).map_err(ApiError::internal)?;
    body.pop(); // the head's closing brace: the periods follow
    body.extend_from_slice(b",\"periods\":[");
    let mut first = true;
    store.trend_with(q, |row| {
        if !std::mem::take(&mut first) {
            body.push(b',');
        }
        write_period(&mut body, &row).map_err(|e| StoreError::Export(e.to_string()))
    })?;
    body.extend_from_slice(b"]}");
    Ok(body)
}

/// One period of a trend, as serde writes a [`detente_store::TrendRow`] (its member
/// names written as they are, without escaping them each time).
fn write_period(body: &mut Vec<u8>, row: &TrendRowRef) -> serde_json::Result<()> {
    body.extend_from_slice(b"{\"period\":");
    serde_json::to_writer(&mut *body, row.period)?;
    body.extend_from_slice(b",\"events\":");
    serde_json::to_writer(&mut *body, &row.events)?;
    body.extend_from_slice(b",\"quad\":");
    serde_json::to_writer(&mut *body, &row.quad)?;
    body.extend_from_slice(b",\"goldstein_sum\":");
    serde_json::to_writer(&mut *body, &row.goldstein_sum)?;
    body.extend_from_slice(b",\"goldstein_mean\":");
    serde_json::to_writer(&mut *body, &row.goldstein_mean)?;
    body.extend_from_slice(b",\"cooperative_share\":");
    serde_json::to_writer(&mut *body, &row.cooperative_share)?;
    body.extend_from_slice(b",\"mentions\":");
    serde_json::to_writer(&mut *body, &row.mentions)?;
    body.push(b'}');
    Ok(())
}

#[derive(Deserialize)]
pub struct ActorsParams {
    q: Option<String>,
    limit: Option<usize>,
}

/// `GET /v1/actors`: actor codes in the store, most frequent first.
pub async fn actors(State(state): State<Arc<AppState>>, Query(p): Query<ActorsParams>) -> ApiResult {
    let limit = page(p.limit)?;
    let rows = state.pool.run(move |s| s.actors(p.q.as_deref(), limit)).await?;
    Ok(Json(json!({"actors": rows})).into_response())
}

#[derive(Deserialize)]
pub struct QuotesParams {
    speaker: Option<String>,
    q: Option<String>,
    limit: Option<usize>,
    #[serde(default)]
    offset: usize,
}

/// `GET /v1/quotes`: quotes by speaker and/or words.
pub async fn quotes(State(state): State<Arc<AppState>>, Query(p): Query<QuotesParams>) -> ApiResult {
    let limit = page(p.limit)?;
    let q = QuoteQuery {
        speaker: p.speaker,
        text: p.q,
        limit,
        offset: p.offset,
    };
    let rows = state.pool.run(move |s| s.quotes(&q)).await?;
    Ok(Json(json!({"quotes": rows, "limit": limit, "offset": p.offset})).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_store::{Dyad, EventRow};

    /// An events page as the API wrote it before the evidence was kept as JSON: every
    /// row decoded into an [`EventRow`], then serialised with its CAMEO name.
    fn page_from_rows(store: &Store, cameo: &CameoTable, q: &EventQuery, after: Option<&EventCursor>) -> Value {
        #[derive(Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            row: &'a EventRow,
            cameo_name: Option<&'a str>,
        }
        let page = store.events_page(q, after).unwrap();
        let events: Vec<Out> = page
            .events
            .iter()
            .map(|row| Out {
                row,
                cameo_name: cameo.get(&row.cameo).map(|c| c.name.as_str()),
            })
            .collect();
        json!({"events": events, "limit": q.limit, "offset": q.offset, "next": page.next.map(|c| c.to_string())})
    }

    fn page_queries() -> [EventQuery; 3] {
        [
            EventQuery {
                limit: 50,
                ..Default::default()
            },
            EventQuery {
                dyad: Some(Dyad::parse("USA:RUS", false).unwrap()),
                limit: 7,
                ..Default::default()
            },
            EventQuery {
                actor: Some("USAGOV".into()),
                cameo: Some("04".into()),
                limit: 20,
                offset: 3,
                ..Default::default()
            },
        ]
    }

    /// Each query's first pages (through their cursors), written as the API writes them
    /// and as decoded rows, which must be equal.
    fn check_pages(store: &Store, cameo: &CameoTable) -> Vec<Value> {
        let mut pages = Vec::new();
        for q in &page_queries() {
            let mut after = None;
            for _ in 0..3 {
                let fast = events_page_json(store, cameo, q, after.as_ref(), q.limit, q.offset).unwrap_or_else(|e| panic!("{}", e.message));
                let fast: Value = serde_json::from_slice(&fast).unwrap();
                assert_eq!(fast, page_from_rows(store, cameo, q, after.as_ref()), "{q:?} after {after:?}");
                assert!(!fast["events"].as_array().unwrap().is_empty(), "{q:?}");
                let next = fast["next"].as_str().map(|n| EventCursor::parse(n).unwrap());
                pages.push(fast);
                match next {
                    Some(next) => after = Some(next),
                    None => break,
                }
            }
        }
        pages
    }

    #[test]
    fn pages_written_from_stored_evidence_equal_pages_from_decoded_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let writer = detente_store::synthetic::fill(&path, 4000).unwrap();
        let cameo = CameoTable::default_table().unwrap();
        let reader = Store::open_read_only(&path).unwrap();
        let before = check_pages(&reader, &cameo);
        // a write between two reads shows in the second
        let id = before[0]["events"][0]["id"].as_i64().unwrap();
        let mentions = before[0]["events"][0]["num_mentions"].as_i64().unwrap();
        writer
            .connection()
            .execute(
                "UPDATE events SET num_mentions = num_mentions + 100, json = json_set(json, '$.num_mentions', num_mentions + 100) WHERE id = ?1",
                [id],
            )
            .unwrap();
        let after = check_pages(&reader, &cameo);
        assert_eq!(after[0]["events"][0]["num_mentions"].as_i64(), Some(mentions + 100));
    }

    #[test]
    fn an_event_gets_its_cameo_name_and_a_malformed_one_is_refused() {
        let mut body = Vec::new();
        write_event(&mut body, r#"{"id":1,"cameo":"042","sentence":null}"#, Some("Make a visit")).unwrap();
        let event: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(event["sentence"], Value::Null);
        assert_eq!(event["cameo_name"], "Make a visit");
        assert_eq!(event.as_object().unwrap().len(), 4);
        assert!(write_event(&mut Vec::new(), "[1, 2]", None).is_err());
    }

    #[test]
    fn trends_written_by_hand_equal_serialised_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        drop(detente_store::synthetic::fill(&path, 4000).unwrap());
        let store = Store::open_read_only(&path).unwrap();
        for (dyad, directed, by, since, until) in [
            ("USA:RUS", false, "week", None, None),
            ("USA:USA", false, "month", Some("2020-02-10"), Some("2022-07-19")),
            ("RUS:USA", true, "day", Some("2021-01-01"), Some("2021-03-01")),
            ("USAGOV:RUS", false, "month", None, None),
        ] {
            let q = TrendQuery {
                dyad: Dyad::parse(dyad, directed).unwrap(),
                period: Period::parse(by).unwrap(),
                since: since.map(String::from),
                until: until.map(String::from),
            };
            let head = TrendHead {
                dyad: dyad.into(),
                by: by.into(),
                directed,
            };
            let written = trend_json(&store, &q, &head).unwrap_or_else(|e| panic!("{}", e.message));
            // as the handler serialised a trend before: the same text, byte for byte
            #[derive(Serialize)]
            struct Trend<'a> {
                dyad: &'a str,
                by: &'a str,
                directed: bool,
                periods: Vec<detente_store::TrendRow>,
            }
            let periods = store.trend(&q).unwrap();
            assert!(!periods.is_empty(), "{dyad} {by}");
            let expected = serde_json::to_vec(&Trend {
                dyad,
                by,
                directed,
                periods,
            })
            .unwrap();
            assert_eq!(
                String::from_utf8(written).unwrap(),
                String::from_utf8(expected).unwrap(),
                "{dyad} {by}"
            );
        }
    }
}
