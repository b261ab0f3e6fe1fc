//! Checks a statement against the xAPI 1.0.3 statement rules that a learning
//! record store enforces: known and required properties, one identifier per
//! agent, absolute IRIs, language maps, scores within bounds, UUIDs, ISO 8601
//! timestamps and durations. Returns each problem with its JSON path.

use serde_json::{Map, Value};

use super::format::{is_absolute_iri, is_duration, is_language_tag, is_timestamp};
use crate::uuid::is_uuid;

/// Every problem with `statement`; empty when it is valid.
pub fn validate(statement: &Value) -> Vec<String> {
    let mut check = Check::default();
    check.statement(statement);
    check.problems
}

#[derive(Default)]
struct Check {
    problems: Vec<String>,
}

const INTERACTION_TYPES: [&str; 10] = [
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
    "other",
];

impl Check {
    fn problem(&mut self, path: &str, what: impl AsRef<str>) {
        self.problems.push(format!("{path}: {}", what.as_ref()));
    }

    /// The object at `path`, with only `allowed` keys and all of `required`.
    fn object<'v>(
        &mut self,
        path: &str,
        value: &'v Value,
        allowed: &[&str],
        required: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Some(map) = value.as_object() else {
            self.problem(path, "must be an object");
            return None;
        };
        for key in map.keys().filter(|k| !allowed.contains(&k.as_str())) {
            self.problem(path, format!("unknown property `{key}`"));
        }
        for key in required.iter().filter(|k| !map.contains_key(**k)) {
            self.problem(path, format!("missing `{key}`"));
        }
        Some(map)
    }

    fn string<'v>(&mut self, path: &str, value: &'v Value) -> Option<&'v str> {
        let text = value.as_str();
        if text.is_none() {
            self.problem(path, "must be a string");
        }
        text
    }

    fn iri(&mut self, path: &str, value: &Value) {
        if let Some(text) = self.string(path, value)
            && !is_absolute_iri(text)
        {
            self.problem(path, format!("`{text}` is not an absolute IRI"));
        }
    }

    fn uuid(&mut self, path: &str, value: &Value) {
        if let Some(text) = self.string(path, value)
            && !is_uuid(text)
        {
            self.problem(path, format!("`{text}` is not a UUID"));
        }
    }

    fn boolean(&mut self, path: &str, value: &Value) {
        if !value.is_boolean() {
            self.problem(path, "must be true or false");
        }
    }

    fn language_map(&mut self, path: &str, value: &Value) {
        let Some(map) = value.as_object() else {
            self.problem(path, "must be a language map");
            return;
        };
        for (tag, text) in map {
            if !is_language_tag(tag) {
                self.problem(path, format!("`{tag}` is not a language tag"));
            }
            self.string(&format!("{path}/{tag}"), text);
        }
    }

    fn extensions(&mut self, path: &str, value: &Value) {
        if let Some(map) = value.as_object() {
            for key in map.keys().filter(|k| !is_absolute_iri(k)) {
                self.problem(
                    path,
                    format!("extension key `{key}` is not an absolute IRI"),
                );
            }
        } else {
            self.problem(path, "must be an object");
        }
    }

    fn statement(&mut self, value: &Value) {
        let allowed = [
            "id",
            "actor",
            "verb",
            "object",
            "result",
            "context",
            "timestamp",
            "stored",
            "authority",
            "version",
            "attachments",
        ];
        let Some(s) = self.object("", value, &allowed, &["actor", "verb", "object"]) else {
            return;
        };
        if let Some(id) = s.get("id") {
            self.uuid("/id", id);
        }
        if let Some(actor) = s.get("actor") {
            self.agent("/actor", actor);
        }
        if let Some(verb) = s.get("verb") {
            self.verb(verb);
        }
        if let Some(object) = s.get("object") {
            self.statement_object(object);
        }
        if let Some(result) = s.get("result") {
            self.result(result);
        }
        if let Some(context) = s.get("context") {
            self.context(context);
        }
        if let Some(timestamp) = s.get("timestamp")
            && let Some(text) = self.string("/timestamp", timestamp)
            && !is_timestamp(text)
        {
            self.problem(
                "/timestamp",
                format!("`{text}` is not an ISO 8601 timestamp"),
            );
        }
    }

    fn agent(&mut self, path: &str, value: &Value) {
        let allowed = [
            "objectType",
            "name",
            "mbox",
            "mbox_sha1sum",
            "openid",
            "account",
        ];
        let Some(agent) = self.object(path, value, &allowed, &[]) else {
            return;
        };
        if let Some(kind) = agent.get("objectType")
            && kind != "Agent"
        {
            self.problem(path, "objectType must be `Agent`");
        }
        if let Some(name) = agent.get("name") {
            self.string(&format!("{path}/name"), name);
        }
        let ids = ["mbox", "mbox_sha1sum", "openid", "account"];
        let count = ids.iter().filter(|k| agent.contains_key(**k)).count();
        if count != 1 {
            self.problem(
                path,
                format!("needs exactly one of mbox, mbox_sha1sum, openid, account (has {count})"),
            );
        }
        if let Some(mbox) = agent.get("mbox") {
            let text = self
                .string(&format!("{path}/mbox"), mbox)
                .unwrap_or("mailto:");
            let address = text.strip_prefix("mailto:").unwrap_or_default();
            if !address.contains('@') {
                self.problem(&format!("{path}/mbox"), "must be `mailto:` and an address");
            }
        }
        if let Some(sum) = agent.get("mbox_sha1sum") {
            let text = self
                .string(&format!("{path}/mbox_sha1sum"), sum)
                .unwrap_or("");
            if text.len() != 40 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
                self.problem(&format!("{path}/mbox_sha1sum"), "must be 40 hex digits");
            }
        }
        if let Some(openid) = agent.get("openid") {
            self.iri(&format!("{path}/openid"), openid);
        }
        if let Some(account) = agent.get("account") {
            let at = format!("{path}/account");
            if let Some(account) =
                self.object(&at, account, &["homePage", "name"], &["homePage", "name"])
            {
                if let Some(home) = account.get("homePage") {
                    self.iri(&format!("{at}/homePage"), home);
                }
                if let Some(name) = account.get("name") {
                    self.string(&format!("{at}/name"), name);
                }
            }
        }
    }

    fn verb(&mut self, value: &Value) {
        if let Some(verb) = self.object("/verb", value, &["id", "display"], &["id"]) {
            if let Some(id) = verb.get("id") {
                self.iri("/verb/id", id);
            }
            if let Some(display) = verb.get("display") {
                self.language_map("/verb/display", display);
            }
        }
    }

    fn statement_object(&mut self, value: &Value) {
        match value.get("objectType").and_then(Value::as_str) {
            None | Some("Activity") => self.activity("/object", value),
            Some("Agent") => self.agent("/object", value),
            Some("StatementRef") => {
                let keys = ["objectType", "id"];
                if let Some(reference) = self.object("/object", value, &keys, &keys)
                    && let Some(id) = reference.get("id")
                {
                    self.uuid("/object/id", id);
                }
            }
            Some(other) => self.problem(
                "/object/objectType",
                format!("`{other}` is not checked here"),
            ),
        }
    }

    fn activity(&mut self, path: &str, value: &Value) {
        let Some(activity) = self.object(path, value, &["objectType", "id", "definition"], &["id"])
        else {
            return;
        };
        if let Some(id) = activity.get("id") {
            self.iri(&format!("{path}/id"), id);
        }
        let Some(definition) = activity.get("definition") else {
            return;
        };
        let at = format!("{path}/definition");
        let allowed = [
            "name",
            "description",
            "type",
            "moreInfo",
            "extensions",
            "interactionType",
            "correctResponsesPattern",
            "choices",
            "scale",
            "source",
            "target",
            "steps",
        ];
        let Some(definition) = self.object(&at, definition, &allowed, &[]) else {
            return;
        };
        for (key, value) in definition {
            let here = format!("{at}/{key}");
            match key.as_str() {
                "name" | "description" => self.language_map(&here, value),
                "type" | "moreInfo" => self.iri(&here, value),
                "extensions" => self.extensions(&here, value),
                "interactionType"
                    if !value
                        .as_str()
                        .is_some_and(|t| INTERACTION_TYPES.contains(&t)) =>
                {
                    self.problem(&here, "is not an xAPI interaction type");
                }
                _ => {}
            }
        }
    }

    fn result(&mut self, value: &Value) {
        let allowed = [
            "score",
            "success",
            "completion",
            "response",
            "duration",
            "extensions",
        ];
        let Some(result) = self.object("/result", value, &allowed, &[]) else {
            return;
        };
        for (key, value) in result {
            let here = format!("/result/{key}");
            match key.as_str() {
                "score" => self.score(value),
                "success" | "completion" => self.boolean(&here, value),
                "response" => {
                    self.string(&here, value);
                }
                "duration" => {
                    if let Some(text) = self.string(&here, value)
                        && !is_duration(text)
                    {
                        self.problem(&here, format!("`{text}` is not an ISO 8601 duration"));
                    }
                }
                "extensions" => self.extensions(&here, value),
                _ => {}
            }
        }
    }

    fn score(&mut self, value: &Value) {
        let keys = ["scaled", "raw", "min", "max"];
        let Some(score) = self.object("/result/score", value, &keys, &[]) else {
            return;
        };
        let mut number = |key: &str| {
            let value = score.get(key)?;
            let n = value.as_f64();
            if n.is_none() {
                self.problem(&format!("/result/score/{key}"), "must be a number");
            }
            n
        };
        let (scaled, raw, min, max) = (
            number("scaled"),
            number("raw"),
            number("min"),
            number("max"),
        );
        if scaled.is_some_and(|s| !(-1.0..=1.0).contains(&s)) {
            self.problem("/result/score/scaled", "must be within -1..1");
        }
        if let (Some(min), Some(max)) = (min, max)
            && min >= max
        {
            self.problem("/result/score", "min must be less than max");
        }
        if raw.is_some_and(|r| min.is_some_and(|m| r < m) || max.is_some_and(|m| r > m)) {
            self.problem("/result/score/raw", "must be within min..max");
        }
    }

    fn context(&mut self, value: &Value) {
        let allowed = [
            "registration",
            "instructor",
            "team",
            "contextActivities",
            "revision",
            "platform",
            "language",
            "statement",
            "extensions",
        ];
        let Some(context) = self.object("/context", value, &allowed, &[]) else {
            return;
        };
        for (key, value) in context {
            let here = format!("/context/{key}");
            match key.as_str() {
                "registration" => self.uuid(&here, value),
                "instructor" => self.agent(&here, value),
                "revision" | "platform" => {
                    self.string(&here, value);
                }
                "language" if !value.as_str().is_some_and(is_language_tag) => {
                    self.problem(&here, "must be a language tag");
                }
                "contextActivities" => self.context_activities(&here, value),
                "extensions" => self.extensions(&here, value),
                _ => {}
            }
        }
    }

    fn context_activities(&mut self, path: &str, value: &Value) {
        let keys = ["parent", "grouping", "category", "other"];
        let Some(groups) = self.object(path, value, &keys, &[]) else {
            return;
        };
        for (key, activities) in groups {
            let here = format!("{path}/{key}");
            match activities {
                Value::Array(list) => {
                    for (i, activity) in list.iter().enumerate() {
                        self.activity(&format!("{here}/{i}"), activity);
                    }
                }
                single => self.activity(&here, single),
            }
        }
    }
}
