//! Every endpoint through the real router (no network): results, the token rule, bad
//! requests, and that responses carry what /v1/openapi.json promises.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use detente_serve::{router, AppState};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use std::sync::Arc;
use tower::ServiceExt;

const ARTICLES: &str = concat!(
    r#"{"id":"a","url":"https://one.example/a","source":"One","published":"2024-03-07","title":"Russia attacks Ukraine","text":"Russia attacked Ukraine on Tuesday. \"We will respond,\" the Ukrainian president said."}"#,
    "\n",
    r#"{"id":"b","url":"https://two.example/b","source":"Two","published":"2024-04-02","text":"France praised Germany. Germany criticized France on Monday."}"#,
    "\n"
);

fn state(token: Option<&str>) -> (tempfile::TempDir, Arc<AppState>) {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::open(dir.path().join("t.db"), token.map(String::from)).unwrap();
    (dir, state)
}

async fn call(state: &Arc<AppState>, request: Request<Body>) -> (StatusCode, Value) {
    let response = router(state.clone()).oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

fn post(uri: &str, token: Option<&str>, body: &str) -> Request<Body> {
    let mut r = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    r.body(Body::from(body.to_string())).unwrap()
}

async fn loaded() -> (tempfile::TempDir, Arc<AppState>) {
    let (dir, s) = state(Some("secret"));
    let (status, body) = call(&s, post("/v1/articles", Some("secret"), ARTICLES)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["added"], 2);
    (dir, s)
}

/// Every key the OpenAPI schema marks required is in `value`.
fn conforms(spec: &Value, schema: &str, value: &Value) {
    let s = &spec["components"]["schemas"][schema];
    for key in s["required"].as_array().unwrap() {
        let key = key.as_str().unwrap();
        assert!(value.get(key).is_some(), "{schema} response lacks `{key}`: {value}");
    }
}

#[tokio::test]
async fn token_rule() {
    let (_d, read_only) = state(None);
    assert_eq!(
        call(&read_only, post("/v1/articles", Some("x"), ARTICLES)).await.0,
        StatusCode::FORBIDDEN
    );
    let (_d2, s) = state(Some("secret"));
    assert_eq!(call(&s, post("/v1/articles", None, ARTICLES)).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        call(&s, post("/v1/articles", Some("wrong"), ARTICLES)).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, body) = call(&s, post("/v1/articles", Some("secret"), ARTICLES)).await;
    assert_eq!((status, body["added"].clone()), (StatusCode::OK, json!(2)));
    let (_, again) = call(&s, post("/v1/articles", Some("secret"), ARTICLES)).await;
    assert_eq!(again["duplicates"], 2);
}

#[tokio::test]
async fn responses_match_the_openapi_document() {
    let (_d, s) = loaded().await;
    let (status, spec) = call(&s, get("/v1/openapi.json")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(spec["openapi"], "3.1.0");
    for path in [
        "/v1/code",
        "/v1/articles",
        "/v1/articles/{id}",
        "/v1/events",
        "/v1/trend",
        "/v1/actors",
        "/v1/quotes",
    ] {
        assert!(spec["paths"].get(path).is_some(), "{path} undocumented");
    }
    let (_, events) = call(&s, get("/v1/events?dyad=RUS:UKR")).await;
    conforms(&spec, "EventPage", &events);
    assert!(!events["events"].as_array().unwrap().is_empty());
    conforms(&spec, "Event", &events["events"][0]);
    assert_eq!(events["events"][0]["cameo"], "180");
    let (_, trend) = call(&s, get("/v1/trend?dyad=FRA:DEU&by=month")).await;
    conforms(&spec, "Trend", &trend);
    conforms(&spec, "TrendRow", &trend["periods"][0]);
    assert_eq!(trend["periods"][0]["events"], 2);
    let (_, actors) = call(&s, get("/v1/actors?q=RUS")).await;
    conforms(&spec, "ActorList", &actors);
    conforms(&spec, "Actor", &actors["actors"][0]);
    let (_, quotes) = call(&s, get("/v1/quotes?speaker=president")).await;
    conforms(&spec, "QuotePage", &quotes);
    conforms(&spec, "Quote", &quotes["quotes"][0]);
    let (_, article) = call(&s, get("/v1/articles/1")).await;
    conforms(&spec, "StoredArticle", &article);
    conforms(&spec, "Article", &article["article"]);
    let (_, coded) = call(
        &s,
        post("/v1/code", None, r#"{"text":"Japan praised India.","published":"2024-01-02"}"#),
    )
    .await;
    conforms(&spec, "Article", &coded);
    assert_eq!(coded["events"][0]["cameo"], "051");
}

#[tokio::test]
async fn code_accepts_plain_text_and_stores_nothing() {
    let (_d, s) = state(None);
    let request = Request::post("/v1/code")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from("Russia attacked Ukraine."))
        .unwrap();
    let (status, body) = call(&s, request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["events"][0]["cameo"], "180");
    let (_, events) = call(&s, get("/v1/events")).await;
    assert!(events["events"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn bad_requests_get_clear_json_errors() {
    let (_d, s) = loaded().await;
    for (uri, status) in [
        ("/v1/events?since=yesterday", StatusCode::BAD_REQUEST),
        ("/v1/events?limit=100000", StatusCode::BAD_REQUEST),
        ("/v1/events?dyad=USA", StatusCode::BAD_REQUEST),
        ("/v1/events?root=x'%20OR%201=1", StatusCode::BAD_REQUEST),
        ("/v1/trend", StatusCode::BAD_REQUEST),
        ("/v1/trend?dyad=USA:CHN&by=year", StatusCode::BAD_REQUEST),
        ("/v1/articles/999", StatusCode::NOT_FOUND),
        ("/v1/articles/abc", StatusCode::BAD_REQUEST),
        ("/v1/nothing", StatusCode::NOT_FOUND),
    ] {
        let (got, body) = call(&s, get(uri)).await;
        assert_eq!(got, status, "{uri}: {body}");
        assert!(body["error"].as_str().is_some_and(|m| !m.is_empty()), "{uri}: {body}");
    }
    let (status, _) = call(&s, post("/v1/code", None, "{not json")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, body) = call(&s, post("/v1/articles", Some("secret"), "{\"title\":\"no text\"}")).await;
    assert_eq!(status, StatusCode::MULTI_STATUS, "{body}");
    // SQL in a search term is just words.
    let (status, body) = call(&s, get("/v1/quotes?q=%22%29%3B%20DROP%20TABLE%20quotes%3B")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, still) = call(&s, get("/v1/quotes")).await;
    assert!(!still["quotes"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let (_d, s) = state(Some("secret"));
    let huge = format!("{{\"text\":\"{}\"}}", "a".repeat(detente_serve::MAX_BODY_BYTES + 10));
    let (status, _) = call(&s, post("/v1/articles", Some("secret"), &huge)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn dashboard_and_assets_are_served_with_a_strict_policy() {
    let (_d, s) = state(None);
    let response = router(s.clone()).oneshot(get("/")).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let csp = response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("script-src 'self'"));
    for asset in ["/assets/app.js", "/assets/style.css", "/assets/chart.umd.min.js"] {
        assert_eq!(
            router(s.clone()).oneshot(get(asset)).await.unwrap().status(),
            StatusCode::OK,
            "{asset}"
        );
    }
}

#[tokio::test]
async fn event_pages_follow_the_cursor() {
    let (_d, s) = loaded().await;
    let (_, all) = call(&s, get("/v1/events?limit=500")).await;
    let all: Vec<Value> = all["events"].as_array().unwrap().iter().map(|e| e["id"].clone()).collect();
    assert!(all.len() >= 3, "{all:?}");
    let mut walked = Vec::new();
    let mut uri = "/v1/events?limit=2".to_string();
    loop {
        let (status, page) = call(&s, get(&uri)).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        walked.extend(page["events"].as_array().unwrap().iter().map(|e| e["id"].clone()));
        match page["next"].as_str() {
            Some(next) => uri = format!("/v1/events?limit=2&cursor={next}"),
            None => break,
        }
    }
    assert_eq!(walked, all);
    let (status, body) = call(&s, get("/v1/events?cursor=2024-01-01")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["error"].as_str().unwrap().contains("cursor"));
}

#[tokio::test]
async fn cached_answers_are_dropped_by_an_ingest() {
    let (_d, s) = loaded().await;
    let uri = "/v1/trend?dyad=RUS:UKR&by=month";
    let response = router(s.clone()).oneshot(get(uri)).await.unwrap();
    assert_eq!(response.headers()["x-cache"], "miss");
    let (_, first) = call(&s, get("/v1/trend?by=month&dyad=RUS:UKR")).await;
    let response = router(s.clone()).oneshot(get(uri)).await.unwrap();
    assert_eq!(response.headers()["x-cache"], "hit");
    let stats = s.cache_stats();
    assert_eq!((stats.hits, stats.misses), (2, 1));
    // a new report of the same attack from another outlet: one more mention
    let more = r#"{"id":"c","url":"https://three.example/c","source":"Three","published":"2024-03-07","text":"Russia attacked Ukraine on Tuesday, a third outlet said."}"#;
    let (status, body) = call(&s, post("/v1/articles", Some("secret"), more)).await;
    assert_eq!((status, body["added"].as_i64()), (StatusCode::OK, Some(1)), "{body}");
    let response = router(s.clone()).oneshot(get(uri)).await.unwrap();
    assert_eq!(response.headers()["x-cache"], "miss");
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let after: Value = serde_json::from_slice(&bytes).unwrap();
    let mentions = |v: &Value| v["periods"][0]["mentions"].as_i64().unwrap();
    assert_eq!(mentions(&after), mentions(&first) + 1, "{first} {after}");
}
