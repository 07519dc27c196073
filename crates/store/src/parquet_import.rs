//! Importing coded articles from Parquet (feature `parquet`): the `articles` table
//! the Spark job (`python/detente/spark.py`) or `detente.to_arrow(..., include_json=True)`
//! writes, whose `json` column holds each article's whole result (the output
//! contract). Ingested as any batch is: idempotent, merging events.

use crate::{BatchReport, Result, Store, StoreError};
use arrow::array::{Array, AsArray};
use arrow::datatypes::DataType;
use detente_doc::output::Article;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ProjectionMask;
use std::path::{Path, PathBuf};

/// The column holding each article's output JSON.
pub const JSON_COLUMN: &str = "json";

/// The Parquet files of an output directory's `articles` table: `DIR/articles/**`
/// when there is such a folder, else every `*.parquet` under `DIR` (or `DIR` itself
/// when it is a file). Sorted, so imports run in a stable order.
pub fn article_files(dir: &Path) -> Result<Vec<PathBuf>> {
    if dir.is_file() {
        return Ok(vec![dir.to_path_buf()]);
    }
    let articles = dir.join("articles");
    let root = if articles.is_dir() { articles } else { dir.to_path_buf() };
    let mut files = Vec::new();
    collect_parquet(&root, &mut files)?;
    files.sort();
    Ok(files)
}

fn collect_parquet(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // Spark's markers and checksums (_SUCCESS, .part-0.crc) are not data.
        if name.starts_with('_') || name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect_parquet(&path, files)?;
        } else if name.ends_with(".parquet") {
            files.push(path);
        }
    }
    Ok(())
}

/// Read the articles of one Parquet file, `batch` at a time, handing each batch to `sink`.
pub fn read_articles(path: &Path, batch: usize, mut sink: impl FnMut(Vec<Article>) -> Result<()>) -> Result<()> {
    let name = path.display().to_string();
    let err = |e: &dyn std::fmt::Display| StoreError::Import(format!("{name}: {e}"));
    let file = std::fs::File::open(path)?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| err(&e))?;
    if builder.schema().field_with_name(JSON_COLUMN).is_err() {
        return Err(err(&format!(
            "no `{JSON_COLUMN}` column (expected the `articles` table written by detente's Spark job)"
        )));
    }
    let mask = ProjectionMask::columns(builder.parquet_schema(), [JSON_COLUMN]);
    let reader = builder
        .with_projection(mask)
        .with_batch_size(batch.max(1))
        .build()
        .map_err(|e| err(&e))?;
    for record_batch in reader {
        let record_batch = record_batch.map_err(|e| err(&e))?;
        let column = record_batch
            .column_by_name(JSON_COLUMN)
            .ok_or_else(|| err(&"the json column vanished"))?;
        let texts: Vec<Option<&str>> = match column.data_type() {
            DataType::Utf8 => column.as_string::<i32>().iter().collect(),
            DataType::LargeUtf8 => column.as_string::<i64>().iter().collect(),
            DataType::Utf8View => column.as_string_view().iter().collect(),
            other => return Err(err(&format!("the json column is {other}, not text"))),
        };
        let mut articles = Vec::with_capacity(texts.len());
        for (row, text) in texts.into_iter().enumerate() {
            let Some(text) = text else { continue };
            let article: Article = serde_json::from_str(text).map_err(|e| err(&format!("row {row}: not a detente article: {e}")))?;
            articles.push(article);
        }
        if !articles.is_empty() {
            sink(articles)?;
        }
        debug_assert!(column.len() == record_batch.num_rows());
    }
    Ok(())
}

impl Store {
    /// Import the articles table of a Parquet output directory (see [`article_files`]),
    /// `batch` articles per transaction. Importing the same output again adds nothing.
    pub fn import_parquet(&mut self, dir: &Path, batch: usize) -> Result<BatchReport> {
        let files = article_files(dir)?;
        if files.is_empty() {
            return Err(StoreError::Import(format!("{}: no Parquet files found", dir.display())));
        }
        let mut total = BatchReport::default();
        for file in &files {
            read_articles(file, batch, |articles| {
                total.merge(&self.ingest_batch(&articles)?);
                Ok(())
            })?;
        }
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::{RecordBatch, StringArray};
    use arrow::datatypes::{Field, Schema};
    use parquet::arrow::ArrowWriter;
    use std::sync::Arc;

    fn write_articles(path: &Path, articles: &[Article]) {
        let schema = Arc::new(Schema::new(vec![
            Field::new("article_id", DataType::Utf8, true),
            Field::new(JSON_COLUMN, DataType::Utf8, true),
        ]));
        let ids: Vec<Option<String>> = articles.iter().map(|a| a.id.clone()).collect();
        let json: Vec<String> = articles.iter().map(|a| serde_json::to_string(a).unwrap()).collect();
        let batch = RecordBatch::try_new(
            schema.clone(),
            vec![Arc::new(StringArray::from(ids)), Arc::new(StringArray::from(json))],
        )
        .unwrap();
        let mut writer = ArrowWriter::try_new(std::fs::File::create(path).unwrap(), schema, None).unwrap();
        writer.write(&batch).unwrap();
        writer.close().unwrap();
    }

    fn coded(texts: &[&str]) -> Vec<Article> {
        let pipeline = detente_pipeline::Pipeline::with_defaults().unwrap();
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut a = pipeline.code_text(t, chrono::NaiveDate::from_ymd_opt(2024, 3, 5));
                a.id = Some(format!("a{i}"));
                a
            })
            .collect()
    }

    #[test]
    fn imports_the_articles_table_idempotently() {
        let dir = tempfile::tempdir().unwrap();
        let table = dir.path().join("out").join("articles");
        std::fs::create_dir_all(&table).unwrap();
        let articles = coded(&[
            "Russia attacked Ukraine on Monday.",
            "France praised Germany on Tuesday.",
            "China criticized Japan.",
        ]);
        write_articles(&table.join("part-00000.parquet"), &articles[..2]);
        write_articles(&table.join("part-00001.parquet"), &articles[2..]);
        std::fs::write(table.join("_SUCCESS"), "").unwrap();
        let mut store = Store::open(dir.path().join("news.db")).unwrap();
        let first = store.import_parquet(&dir.path().join("out"), 2).unwrap();
        assert_eq!(first.added, 3);
        let counts = store.counts().unwrap();
        assert!(counts.events >= 3, "{counts:?}");
        let again = store.import_parquet(&dir.path().join("out"), 2).unwrap();
        assert_eq!((again.added, again.duplicates), (0, 3));
        assert_eq!(store.counts().unwrap(), counts);
    }

    #[test]
    fn a_table_without_json_is_refused_clearly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.parquet");
        let schema = Arc::new(Schema::new(vec![Field::new("cameo", DataType::Utf8, false)]));
        let batch = RecordBatch::try_new(schema.clone(), vec![Arc::new(StringArray::from(vec!["042"]))]).unwrap();
        let mut writer = ArrowWriter::try_new(std::fs::File::create(&path).unwrap(), schema, None).unwrap();
        writer.write(&batch).unwrap();
        writer.close().unwrap();
        let mut store = Store::open(dir.path().join("news.db")).unwrap();
        let error = store.import_parquet(&path, 10).unwrap_err().to_string();
        assert!(error.contains("no `json` column"), "{error}");
        let empty = tempfile::tempdir().unwrap();
        assert!(store.import_parquet(empty.path(), 10).is_err());
    }
}
