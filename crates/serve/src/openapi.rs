//! The OpenAPI 3.1 description of `/v1`, written by hand next to the handlers and
//! checked against real responses by the tests (`tests/api.rs`).

use axum::Json;
use serde_json::{json, Value};

fn param(name: &str, description: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description, "schema": schema})
}

fn error_responses() -> Value {
    json!({
        "400": {"description": "Bad request", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
        "500": {"description": "Server error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    })
}

fn ok(schema: &str, mut others: Value) -> Value {
    if let Value::Object(map) = &mut others {
        map.insert(
            "200".into(),
            json!({"description": "OK", "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}}),
        );
    }
    others
}

/// The document itself (also used by the tests).
pub fn spec() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {"title": "detente API", "version": env!("CARGO_PKG_VERSION"),
                 "description": "Coded news events (CAMEO and PLOVER) with their evidence. Offsets count Unicode characters of the article text."},
        "paths": paths(),
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": schemas()
        }
    })
}

/// The endpoints of `/v1`: their parameters, bodies and responses.
fn paths() -> Value {
    let str_ = json!({"type": "string"});
    let date = json!({"type": "string", "format": "date"});
    let paging = [
        param("limit", "Rows per page (1-500, default 50).", json!({"type": "integer"})),
        param("offset", "Rows to skip.", json!({"type": "integer"})),
    ];
    json!({
        "/v1/code": {"post": {
            "summary": "Code posted text without storing it",
            "requestBody": {"required": true, "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/CodeRequest"}},
                "text/plain": {"schema": {"type": "string"}}}},
            "responses": ok("Article", error_responses())}},
        "/v1/articles": {"post": {
            "summary": "Code and store articles (JSON object, array, or JSON Lines); needs the bearer token",
            "security": [{"bearer": []}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"oneOf": [
                {"$ref": "#/components/schemas/CodeRequest"}, {"type": "array", "items": {"$ref": "#/components/schemas/CodeRequest"}}]}}}},
            "responses": ok("IngestReport", json!({
                "207": {"description": "Some articles failed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IngestReport"}}}},
                "400": {"description": "Bad request", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "401": {"description": "Missing or wrong token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "403": {"description": "Read-only server", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "413": {"description": "Body too large"}}))}},
        "/v1/articles/{id}": {"get": {
            "summary": "A stored article with all its layers",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
            "responses": ok("StoredArticle", json!({"404": {"description": "No such article", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}))}},
        "/v1/events": {"get": {
            "summary": "Merged events with their first evidence, newest first",
            "parameters": [
                param("dyad", "Two actors A:B (USA:CHN, or USAGOV:CHNMIL).", str_.clone()),
                param("directed", "Only events from A to B.", json!({"type": "boolean"})),
                param("actor", "Actor code prefix on either side.", str_.clone()),
                param("root", "CAMEO root or code prefix (04, 042).", str_.clone()),
                param("cameo", "CAMEO code prefix (same as root).", str_.clone()),
                param("plover", "PLOVER event type.", str_.clone()),
                param("since", "First date.", date.clone()), param("until", "Last date.", date.clone()),
                param("q", "Words in the reporting articles.", str_.clone()),
                param("cursor", "Start after this point: the `next` value of the previous page (cheap at any depth, unlike `offset`).", str_.clone()),
                paging[0].clone(), paging[1].clone()],
            "responses": ok("EventPage", error_responses())}},
        "/v1/trend": {"get": {
            "summary": "A dyad's cooperation and conflict per period",
            "parameters": [
                {"name": "dyad", "in": "query", "required": true, "schema": str_.clone(), "description": "A:B"},
                param("by", "day, week (ISO) or month; default week.", json!({"type": "string", "enum": ["day", "week", "month"]})),
                param("directed", "Only events from A to B.", json!({"type": "boolean"})),
                param("since", "First date.", date.clone()), param("until", "Last date.", date)],
            "responses": ok("Trend", error_responses())}},
        "/v1/actors": {"get": {
            "summary": "Actor codes in the store, most frequent first",
            "parameters": [param("q", "Code prefix.", str_.clone()), paging[0].clone()],
            "responses": ok("ActorList", error_responses())}},
        "/v1/quotes": {"get": {
            "summary": "Quotes by speaker and/or words",
            "parameters": [param("speaker", "Words in the speaker's name, description or title.", str_.clone()),
                           param("q", "Words in the quote.", str_), paging[0].clone(), paging[1].clone()],
            "responses": ok("QuotePage", error_responses())}}
    })
}

/// The schemas the endpoints refer to.
fn schemas() -> Value {
    json!({
        "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
        "CodeRequest": {"type": "object", "required": ["text"], "properties": {
            "text": {"type": "string"}, "title": {"type": "string"}, "published": {"type": "string", "format": "date"},
            "source": {"type": "string"}, "url": {"type": "string"}, "id": {"type": "string"}}},
        "Article": {"type": "object", "description": "The output contract of `detente code` (docs/OUTPUT.md).",
            "required": ["id", "title", "published", "source", "url", "text", "sentences", "actors", "times", "quotes", "events"],
            "properties": {"id": {}, "title": {}, "published": {}, "source": {}, "url": {}, "text": {"type": "string"},
                "headline": {}, "paragraphs": {"type": "array"}, "sentences": {"type": "array"}, "actors": {"type": "array"},
                "times": {"type": "array"}, "quotes": {"type": "array"}, "events": {"type": "array"}, "warnings": {"type": "array"}}},
        "StoredArticle": {"type": "object", "required": ["id", "article"], "properties": {"id": {"type": "integer"}, "article": {"$ref": "#/components/schemas/Article"}}},
        "IngestReport": {"type": "object", "required": ["added", "replaced", "duplicates", "mentions", "errors"], "properties": {
            "added": {"type": "integer"}, "replaced": {"type": "integer"}, "duplicates": {"type": "integer"},
            "mentions": {"type": "integer"}, "errors": {"type": "array"}}},
        "Event": {"type": "object", "required": ["id", "date", "source_code", "target_code", "cameo", "cameo_root", "cameo_name", "plover",
                "goldstein", "quad_class", "location", "num_mentions", "num_sources", "num_articles", "article_id", "sentence", "trigger",
                "sentence_start", "sentence_end", "trigger_start", "trigger_end", "source_name", "target_name", "source_span", "target_span"],
            "properties": {"id": {"type": "integer"}, "date": {"type": "string"}, "source_code": {"type": "string"}, "target_code": {"type": "string"},
                "cameo": {"type": "string"}, "cameo_root": {"type": "string"}, "cameo_name": {}, "plover": {}, "goldstein": {"type": "number"},
                "quad_class": {"type": "integer"}, "location": {"type": "string"}, "num_mentions": {"type": "integer"},
                "num_sources": {"type": "integer"}, "num_articles": {"type": "integer"}, "article_id": {}, "sentence": {}, "trigger": {},
                "sentence_start": {}, "sentence_end": {}, "trigger_start": {}, "trigger_end": {}, "source_name": {}, "target_name": {},
                "source_span": {"description": "[start, end] in the article text"}, "target_span": {}}},
        "EventPage": {"type": "object", "required": ["events", "limit", "offset", "next"], "properties": {
            "events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}, "limit": {"type": "integer"}, "offset": {"type": "integer"},
            "next": {"type": ["string", "null"], "description": "Pass as `cursor` for the next page; null on the last page."}}},
        "TrendRow": {"type": "object", "required": ["period", "events", "quad", "goldstein_sum", "goldstein_mean", "cooperative_share", "mentions"],
            "properties": {"period": {"type": "string"}, "events": {"type": "integer"},
                "quad": {"type": "array", "items": {"type": "integer"}, "description": "verbal coop, material coop, verbal conflict, material conflict"},
                "goldstein_sum": {"type": "number"}, "goldstein_mean": {"type": "number"}, "cooperative_share": {"type": "number"}, "mentions": {"type": "integer"}}},
        "Trend": {"type": "object", "required": ["dyad", "by", "directed", "periods"], "properties": {
            "dyad": {"type": "string"}, "by": {"type": "string"}, "directed": {"type": "boolean"},
            "periods": {"type": "array", "items": {"$ref": "#/components/schemas/TrendRow"}}}},
        "Actor": {"type": "object", "required": ["code", "name", "kind", "articles", "mentions"], "properties": {
            "code": {"type": "string"}, "name": {"type": "string"}, "kind": {"type": "string"}, "articles": {"type": "integer"}, "mentions": {"type": "integer"}}},
        "ActorList": {"type": "object", "required": ["actors"], "properties": {"actors": {"type": "array", "items": {"$ref": "#/components/schemas/Actor"}}}},
        "Quote": {"type": "object", "required": ["article_id", "title", "published", "text", "direct", "speaker_name", "speaker_code", "speaker_text", "via"],
            "properties": {"article_id": {"type": "integer"}, "title": {}, "published": {}, "text": {"type": "string"}, "direct": {"type": "boolean"},
                "speaker_name": {}, "speaker_code": {}, "speaker_text": {}, "via": {}}},
        "QuotePage": {"type": "object", "required": ["quotes", "limit", "offset"], "properties": {
            "quotes": {"type": "array", "items": {"$ref": "#/components/schemas/Quote"}}, "limit": {"type": "integer"}, "offset": {"type": "integer"}}}
    })
}

pub async fn document() -> Json<Value> {
    Json(spec())
}
