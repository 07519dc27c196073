//! Parquet export of the merged events (feature `parquet`), for pandas, R, DuckDB and Spark.

use crate::{Result, Store, StoreError};
use arrow::array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow::datatypes::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use std::sync::Arc;

/// Rows per record batch: bounds memory whatever the store's size.
const BATCH_ROWS: usize = 65_536;

fn schema() -> Arc<Schema> {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    let int = |name: &str| Field::new(name, DataType::Int64, false);
    Arc::new(Schema::new(vec![
        int("id"),
        text("date", false),
        text("source_code", false),
        text("target_code", false),
        text("cameo", false),
        text("cameo_root", false),
        text("plover", true),
        Field::new("goldstein", DataType::Float64, false),
        int("quad_class"),
        text("location", false),
        int("num_mentions"),
        int("num_sources"),
        int("num_articles"),
    ]))
}

#[derive(Default)]
struct Columns {
    id: Vec<i64>,
    date: Vec<String>,
    source_code: Vec<String>,
    target_code: Vec<String>,
    cameo: Vec<String>,
    cameo_root: Vec<String>,
    plover: Vec<Option<String>>,
    goldstein: Vec<f64>,
    quad_class: Vec<i64>,
    location: Vec<String>,
    num_mentions: Vec<i64>,
    num_sources: Vec<i64>,
    num_articles: Vec<i64>,
}

impl Columns {
    fn into_batch(self, schema: Arc<Schema>) -> Result<RecordBatch> {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(Int64Array::from(self.id)),
            Arc::new(StringArray::from(self.date)),
            Arc::new(StringArray::from(self.source_code)),
            Arc::new(StringArray::from(self.target_code)),
            Arc::new(StringArray::from(self.cameo)),
            Arc::new(StringArray::from(self.cameo_root)),
            Arc::new(StringArray::from(self.plover)),
            Arc::new(Float64Array::from(self.goldstein)),
            Arc::new(Int64Array::from(self.quad_class)),
            Arc::new(StringArray::from(self.location)),
            Arc::new(Int64Array::from(self.num_mentions)),
            Arc::new(Int64Array::from(self.num_sources)),
            Arc::new(Int64Array::from(self.num_articles)),
        ];
        RecordBatch::try_new(schema, columns).map_err(|e| StoreError::Export(e.to_string()))
    }
}

impl Store {
    /// Write the merged events as one Parquet file; returns the number of rows.
    pub fn export_parquet(&self, out: impl std::io::Write + Send) -> Result<usize> {
        let schema = schema();
        let mut writer = ArrowWriter::try_new(out, schema.clone(), None).map_err(|e| StoreError::Export(e.to_string()))?;
        let mut stmt = self.conn.prepare(
            "SELECT id, date, source_code, target_code, cameo, cameo_root, plover, goldstein, quad_class, location,
                    num_mentions, num_sources, num_articles FROM events ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut cols = Columns::default();
        let mut total = 0;
        while let Some(r) = rows.next()? {
            cols.id.push(r.get(0)?);
            cols.date.push(r.get(1)?);
            cols.source_code.push(r.get(2)?);
            cols.target_code.push(r.get(3)?);
            cols.cameo.push(r.get(4)?);
            cols.cameo_root.push(r.get(5)?);
            cols.plover.push(r.get(6)?);
            cols.goldstein.push(r.get(7)?);
            cols.quad_class.push(r.get(8)?);
            cols.location.push(r.get(9)?);
            cols.num_mentions.push(r.get(10)?);
            cols.num_sources.push(r.get(11)?);
            cols.num_articles.push(r.get(12)?);
            total += 1;
            if cols.id.len() == BATCH_ROWS {
                let batch = std::mem::take(&mut cols).into_batch(schema.clone())?;
                writer.write(&batch).map_err(|e| StoreError::Export(e.to_string()))?;
            }
        }
        if !cols.id.is_empty() {
            let batch = cols.into_batch(schema)?;
            writer.write(&batch).map_err(|e| StoreError::Export(e.to_string()))?;
        }
        writer.close().map_err(|e| StoreError::Export(e.to_string()))?;
        Ok(total)
    }
}
