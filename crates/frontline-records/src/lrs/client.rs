//! HTTP to the store: `POST statements` with a batch, and `GET statements`
//! following `more` links. Basic auth, `X-Experience-API-Version: 1.0.3`.

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use ureq::Agent;

use super::Lrs;
use crate::query::Filter;
use crate::xapi::{self, Statement};

const VERSION: &str = "1.0.3";
/// A page of statements can be large; a store's answer beyond this is refused.
const PAGE_LIMIT: u64 = 256 * 1024 * 1024;

/// What the store made of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Posted {
    /// Stored, or already there (200, 204, and 409 for an id it has).
    Delivered,
    /// The store refused the batch as invalid (400, 413, 422): sending it
    /// again as it is would fail again.
    Refused { status: u16, why: String },
    /// The store is down, busy, unreachable, or refuses the login or the
    /// address (401, 403, 404 …): nothing is wrong with the statements, so
    /// they wait until it is put right.
    Failed(String),
}

/// A connection to one store.
#[derive(Debug, Clone)]
pub struct Client {
    lrs: Lrs,
    agent: Agent,
    authorization: Option<String>,
}

impl Client {
    /// A client that gives up on a request after `timeout`.
    pub fn new(lrs: &Lrs, timeout: Duration) -> Client {
        let config = Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .build();
        let authorization = (lrs.key.is_some() || lrs.secret.is_some()).then(|| {
            let pair = format!(
                "{}:{}",
                lrs.key.as_deref().unwrap_or(""),
                lrs.secret.as_deref().unwrap_or("")
            );
            format!("Basic {}", STANDARD.encode(pair))
        });
        Client {
            lrs: lrs.clone(),
            agent: Agent::new_with_config(config),
            authorization,
        }
    }

    pub fn lrs(&self) -> &Lrs {
        &self.lrs
    }

    /// Posts statements already written as JSON, in one request.
    pub fn post(&self, statements: &[&str]) -> Posted {
        let body = format!("[{}]", statements.join(","));
        let mut request = (self.agent.post(self.lrs.statements_url()))
            .header("X-Experience-API-Version", VERSION)
            .content_type("application/json");
        if let Some(auth) = &self.authorization {
            request = request.header("Authorization", auth);
        }
        match request.send(body) {
            Err(e) => Posted::Failed(e.to_string()),
            Ok(mut response) => {
                let status = response.status().as_u16();
                let mut why = || {
                    let text = response.body_mut().read_to_string().unwrap_or_default();
                    let text: String = text.chars().take(300).collect();
                    format!("HTTP {status}: {}", text.trim())
                };
                match status {
                    200..=299 | 409 => Posted::Delivered,
                    400 | 413 | 422 => Posted::Refused { status, why: why() },
                    401 | 403 => Posted::Failed(format!(
                        "{} (the store refuses the login: check $FRONTLINE_LRS_KEY and $FRONTLINE_LRS_SECRET, or lrs.json)",
                        why()
                    )),
                    _ => Posted::Failed(why()),
                }
            }
        }
    }

    /// Every Frontline statement the store has that may match `filter`: it
    /// asks for the scenario's activity (and its nodes) and `since`, follows
    /// `more` links, and keeps only statements about Frontline's scenarios.
    pub fn statements(&self, filter: &Filter) -> Result<Vec<Statement>, String> {
        let mut request = self.agent.get(self.lrs.statements_url());
        if let Some(scenario) = &filter.scenario {
            request = request
                .query("activity", xapi::scenario_iri(scenario))
                .query("related_activities", "true");
        }
        if let Some(since) = filter.since {
            // `since` is when the store received a statement, at or after it was made.
            request = request.query("since", since.to_string());
        }
        let mut page = self.page(request)?;
        let mut all = Vec::new();
        loop {
            all.extend(
                (page.statements.into_iter())
                    .filter_map(|s| serde_json::from_value::<Statement>(s).ok())
                    .filter(|s| s.object.id.starts_with(&xapi::scenario_iri(""))),
            );
            match page.more.filter(|m| !m.is_empty()) {
                None => return Ok(all),
                Some(more) => {
                    let url = if more.starts_with("http") {
                        more
                    } else {
                        format!("{}{more}", self.lrs.origin())
                    };
                    page = self.page(self.agent.get(url))?;
                }
            }
        }
    }

    fn page(
        &self,
        request: ureq::RequestBuilder<ureq::typestate::WithoutBody>,
    ) -> Result<Page, String> {
        let mut request = request.header("X-Experience-API-Version", VERSION);
        if let Some(auth) = &self.authorization {
            request = request.header("Authorization", auth);
        }
        let where_ = &self.lrs.endpoint;
        let mut response = request
            .call()
            .map_err(|e| format!("cannot reach the LRS at {where_}: {e}"))?;
        let status = response.status().as_u16();
        let text = (response.body_mut().with_config().limit(PAGE_LIMIT))
            .read_to_string()
            .map_err(|e| format!("the LRS at {where_} answered unreadably: {e}"))?;
        if status != 200 {
            let text: String = text.chars().take(300).collect();
            return Err(format!(
                "the LRS at {where_} answered HTTP {status}: {}",
                text.trim()
            ));
        }
        serde_json::from_str(&text)
            .map_err(|e| format!("the LRS at {where_} answered with no statement result: {e}"))
    }
}

/// A `StatementResult`: one page of statements and the link to the next.
#[derive(Deserialize)]
struct Page {
    statements: Vec<serde_json::Value>,
    #[serde(default)]
    more: Option<String>,
}
