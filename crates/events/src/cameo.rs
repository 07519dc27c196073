//! The CAMEO code table with Goldstein values, QuadClass and PLOVER mapping
//! (`dictionaries/cameo.tsv`).

use std::collections::HashMap;

pub const DEFAULT_CAMEO: &str = include_str!("../../../dictionaries/cameo.tsv");

#[derive(Clone, Debug, PartialEq)]
pub struct CameoEntry {
    pub code: String,
    pub name: String,
    pub goldstein: f32,
    pub quad_class: u8,
    pub plover: Option<String>,
    pub plover_mode: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct CameoTable {
    entries: HashMap<String, CameoEntry>,
}

impl CameoTable {
    pub fn parse(source: &str) -> Result<Self, String> {
        let mut entries = HashMap::new();
        for (i, line) in source.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 6 {
                return Err(format!("cameo.tsv:{}: expected 6 or more tab-separated fields", i + 1));
            }
            let goldstein = f[1]
                .parse()
                .map_err(|_| format!("cameo.tsv:{}: bad Goldstein value {:?}", i + 1, f[1]))?;
            let quad_class = f[2].parse().map_err(|_| format!("cameo.tsv:{}: bad QuadClass {:?}", i + 1, f[2]))?;
            let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
            entries.insert(
                f[0].to_string(),
                CameoEntry {
                    code: f[0].to_string(),
                    name: f[5].to_string(),
                    goldstein,
                    quad_class,
                    plover: opt(f[3]),
                    plover_mode: opt(f[4]),
                },
            );
        }
        Ok(CameoTable { entries })
    }

    pub fn default_table() -> Result<Self, String> {
        Self::parse(DEFAULT_CAMEO)
    }

    pub fn get(&self, code: &str) -> Option<&CameoEntry> {
        self.entries.get(code)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_table_parses() {
        let t = CameoTable::parse(DEFAULT_CAMEO).unwrap();
        assert!(t.len() > 300);
        let e = t.get("042").unwrap();
        assert_eq!(e.plover.as_deref(), Some("CONSULT"));
        assert_eq!(e.quad_class, 1);
        assert!((t.get("190").unwrap().goldstein + 10.0).abs() < 1e-6);
    }
}
