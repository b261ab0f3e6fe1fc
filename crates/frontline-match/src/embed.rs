//! The sentence-embedding model: all-MiniLM-L6-v2 (a 6-layer BERT), mean
//! pooled and normalised, so that the dot product of two embeddings is their
//! cosine similarity.

use std::path::Path;

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use tokenizers::{PaddingParams, PaddingStrategy, Tokenizer};

/// A unit vector standing for the meaning of a text.
pub type Embedding = Vec<f32>;

pub struct Embedder {
    model: BertModel,
    tokenizer: Tokenizer,
    /// candle and gemm spread their work over rayon's current pool: running
    /// inside this one keeps the matcher to the threads it was given.
    pool: rayon::ThreadPool,
}

/// The model's files in its folder.
pub const WEIGHTS: &str = "model.safetensors";
pub const TOKENIZER: &str = "tokenizer.json";
pub const CONFIG: &str = "config.json";

impl Embedder {
    /// Loads the model from `dir`, to run on `threads` threads (at least one).
    pub fn load(dir: &Path, threads: usize) -> Result<Embedder, String> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
        };
        let config: Config = serde_json::from_slice(&read(CONFIG)?)
            .map_err(|e| format!("{CONFIG} in {}: {e}", dir.display()))?;
        let mut tokenizer = Tokenizer::from_bytes(read(TOKENIZER)?)
            .map_err(|e| format!("{TOKENIZER} in {}: {e}", dir.display()))?;
        // The shipped tokenizer pads every input to 128 tokens: pad a batch
        // only to its longest text instead, several times less work.
        tokenizer.with_padding(Some(PaddingParams {
            strategy: PaddingStrategy::BatchLongest,
            ..PaddingParams::default()
        }));
        // The weights are f16 on disk; computing in f16 on the CPU gives NaN
        // (the attention mask's f32::MIN becomes -inf), so they are widened.
        let weights =
            VarBuilder::from_buffered_safetensors(read(WEIGHTS)?, DType::F32, &Device::Cpu)
                .map_err(|e| format!("{WEIGHTS} in {}: {e}", dir.display()))?;
        let model = BertModel::load(weights, &config)
            .map_err(|e| format!("{WEIGHTS} in {}: {e}", dir.display()))?;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .thread_name(|i| format!("frontline-match-{i}"))
            .build()
            .map_err(|e| format!("cannot start the matcher's threads: {e}"))?;
        Ok(Embedder {
            model,
            tokenizer,
            pool,
        })
    }

    /// The embeddings of `texts`, in order.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Embedding>, String> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(|e| format!("the matcher's tokenizer failed: {e}"))?;
        self.pool
            .install(|| self.forward(&encodings))
            .map_err(|e| format!("the matcher's model failed: {e}"))
    }

    fn forward(&self, encodings: &[tokenizers::Encoding]) -> candle_core::Result<Vec<Embedding>> {
        let rows = |f: fn(&tokenizers::Encoding) -> &[u32]| -> candle_core::Result<Tensor> {
            let rows = encodings.iter().map(|e| Tensor::new(f(e), &Device::Cpu));
            Tensor::stack(&rows.collect::<candle_core::Result<Vec<_>>>()?, 0)
        };
        let ids = rows(tokenizers::Encoding::get_ids)?;
        let types = rows(tokenizers::Encoding::get_type_ids)?;
        let mask = rows(tokenizers::Encoding::get_attention_mask)?;
        let hidden = self.model.forward(&ids, &types, Some(&mask))?;
        // Mean of the real tokens' vectors, then scaled to length 1.
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let summed = hidden.broadcast_mul(&mask)?.sum(1)?;
        let mean = summed.broadcast_div(&mask.sum(1)?)?;
        let norm = mean.sqr()?.sum_keepdim(1)?.sqrt()?;
        mean.broadcast_div(&norm)?.to_vec2::<f32>()
    }
}

/// The cosine similarity of two embeddings.
pub fn similarity(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}
