//! The authored replies of a scenario, embedded once when it loads.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use frontline_core::Scenario;

use crate::cues::Cues;
use crate::embed::{Embedder, Embedding};
use crate::phrasing::phrasings;

/// Every choice of every node of a scenario, as embeddings of its phrasings.
#[derive(Debug, Clone)]
pub struct Replies {
    /// `nodes[node][choice]`: the phrasings of a choice, its text first.
    pub(crate) nodes: Vec<Vec<Vec<Phrasing>>>,
}

#[derive(Debug, Clone)]
pub(crate) struct Phrasing {
    pub embedding: Arc<Embedding>,
    pub cues: Cues,
}

/// Embeddings already computed, by text: a scenario reloaded after an edit
/// embeds only the texts that changed.
#[derive(Default)]
pub(crate) struct Cache(Mutex<HashMap<String, Arc<Embedding>>>);

/// Texts embedded in one call: large enough to amortise a call, small enough
/// that padding to the longest costs little.
const BATCH: usize = 16;

impl Cache {
    pub fn replies(&self, embedder: &Embedder, scenario: &Scenario) -> Result<Replies, String> {
        let texts: Vec<Vec<Vec<String>>> = scenario
            .nodes
            .iter()
            .map(|n| n.choices.iter().map(phrasings).collect())
            .collect();
        self.fill(embedder, texts.iter().flatten().flatten())?;
        let map = self.0.lock().map_err(|_| "the matcher's cache is broken")?;
        let nodes = texts.into_iter().map(|node| {
            let choices = node.into_iter().map(|choice| {
                let phrasings = choice.into_iter().map(|text| Phrasing {
                    embedding: Arc::clone(&map[&text]),
                    cues: Cues::of(&text),
                });
                phrasings.collect()
            });
            choices.collect()
        });
        Ok(Replies {
            nodes: nodes.collect(),
        })
    }

    /// Embeds the texts not in the cache yet, shortest first so that each
    /// batch pads little.
    fn fill<'a>(
        &self,
        embedder: &Embedder,
        texts: impl Iterator<Item = &'a String>,
    ) -> Result<(), String> {
        let mut missing: Vec<&str> = {
            let map = self.0.lock().map_err(|_| "the matcher's cache is broken")?;
            texts
                .filter(|t| !map.contains_key(*t))
                .map(String::as_str)
                .collect()
        };
        missing.sort_by_key(|t| (t.len(), *t));
        missing.dedup();
        for batch in missing.chunks(BATCH) {
            let embeddings = embedder.embed(batch)?;
            let mut map = self.0.lock().map_err(|_| "the matcher's cache is broken")?;
            for (text, embedding) in batch.iter().zip(embeddings) {
                map.insert(text.to_string(), Arc::new(embedding));
            }
        }
        Ok(())
    }
}
