//! Statements back into attempts: what a report needs from a learning record
//! store. An attempt is the statements sharing a registration; its
//! `attempted` statement says who played what and when, each `answered` one
//! a choice (its step found from its id, which is derived from the step), and
//! `completed` the ending. Statements of other activities are ignored.

use std::collections::{BTreeMap, HashMap};

use ::uuid::Uuid;
use frontline_core::scoring::choice_quality;
use frontline_core::typing::Said;
use frontline_core::{Grade, Mode};

use super::{ANSWERED, ATTEMPTED, COMPLETED, Statement, scenario_iri};
use crate::attempt::{Attempt, Finish, RecordedChoice, RetryOf, SessionId};
use crate::query::{Filter, parse_grade, parse_outcome};
use crate::time::Timestamp;
use crate::uuid;

/// The attempts the statements describe that match `filter`, oldest first;
/// ids are numbered from 1 in that order. A session whose `attempted`
/// statement is missing is left out.
pub fn attempts(statements: &[Statement], filter: &Filter) -> Vec<Attempt> {
    let mut sessions: HashMap<Uuid, Vec<&Statement>> = HashMap::new();
    for s in statements {
        sessions.entry(s.context.registration).or_default().push(s);
    }
    let mut attempts: Vec<Attempt> = (sessions.values())
        .filter_map(|statements| attempt(statements))
        .filter(|a| matches(a, filter))
        .collect();
    attempts.sort_by_key(|a| (a.started, a.uuid));
    let ids: HashMap<Uuid, SessionId> = (attempts.iter().enumerate())
        .map(|(i, a)| (a.uuid, SessionId(i as i64 + 1)))
        .collect();
    for a in &mut attempts {
        a.id = ids[&a.uuid];
        if let Some(retry) = &mut a.retry {
            retry.attempt = retry.uuid.and_then(|u| ids.get(&u).copied());
        }
    }
    attempts
}

fn matches(a: &Attempt, filter: &Filter) -> bool {
    filter.trainee.as_ref().is_none_or(|t| *t == a.trainee)
        && filter.scenario.as_ref().is_none_or(|s| *s == a.scenario)
        && filter.since.is_none_or(|since| a.started >= since)
}

fn attempt(statements: &[&Statement]) -> Option<Attempt> {
    let start = statements.iter().find(|s| s.verb.id == ATTEMPTED)?;
    let scenario = decode(start.object.id.strip_prefix(&scenario_iri(""))?)?;
    let registration = start.context.registration;
    let context = &start.context.extensions;
    let mut attempt = Attempt {
        id: SessionId(0),
        uuid: registration,
        trainee: start.actor.account.name.clone(),
        scenario_title: (start.object.definition.as_ref())
            .and_then(|d| d.name.get("en-US").cloned())
            .unwrap_or_else(|| scenario.clone()),
        content_hash: context.content_hash.clone(),
        seed: context.seed.parse().ok()?,
        mode: Mode::parse(&context.mode)?,
        started: Timestamp::parse(&start.timestamp)?,
        retry: context.retry_turn.map(|turn| RetryOf {
            attempt: None,
            uuid: context.retry_of,
            turn,
        }),
        finish: None,
        choices: Vec::new(),
        scenario,
    };
    attempt.choices = choices(&attempt, statements);
    if let Some(end) = statements.iter().find(|s| s.verb.id == COMPLETED) {
        finish(&mut attempt, end);
    }
    Some(attempt)
}

/// The `answered` statements as choices, in step order.
fn choices(a: &Attempt, statements: &[&Statement]) -> Vec<RecordedChoice> {
    let answered: Vec<&&Statement> = statements
        .iter()
        .filter(|s| s.verb.id == ANSWERED)
        .collect();
    let mut unmatched: HashMap<Uuid, &Statement> = answered.iter().map(|s| (s.id, **s)).collect();
    let mut found = BTreeMap::new();
    let registration = a.uuid.to_string();
    // Steps are found from the ids, which the sender derived from them; a
    // store may return the statements in any order, some of them missing.
    let mut step = 0u32;
    while !unmatched.is_empty() && step < answered.len() as u32 + 1024 {
        let id = uuid::derived(&[&registration, "answered", &step.to_string()]);
        if let Some(s) = unmatched.remove(&id)
            && let Some(choice) = choice(a, step, s)
        {
            found.insert(step, choice);
        }
        step += 1;
    }
    found.into_values().collect()
}

fn choice(a: &Attempt, step: u32, s: &Statement) -> Option<RecordedChoice> {
    let result = s.result.as_ref()?;
    let extensions = &result.extensions;
    let prefix = format!("{}/nodes/", scenario_iri(&a.scenario));
    let tags = extensions.tags.clone().unwrap_or_default();
    Some(RecordedChoice {
        quality: extensions.quality.unwrap_or_else(|| choice_quality(&tags)),
        lost: None,
        step,
        node: decode(s.object.id.strip_prefix(&prefix)?)?,
        index: extensions.choice_index?,
        text: result.response.clone().unwrap_or_default(),
        tags,
        meters: extensions.meters.clone().unwrap_or_default(),
        at: Timestamp::parse(&s.timestamp)?,
        said: extensions.said.clone().unwrap_or(Said::Picked),
    })
}

fn finish(a: &mut Attempt, end: &Statement) {
    let Some(result) = &end.result else { return };
    let extensions = &result.extensions;
    let raw = (result.score.as_ref()).and_then(|s| s.raw.as_f64());
    let (Some(ended), Some(ending), Some(outcome), Some(raw)) = (
        Timestamp::parse(&end.timestamp),
        extensions.ending.clone(),
        extensions.outcome.as_deref().and_then(parse_outcome),
        raw.filter(|r| (0.0..=100.0).contains(r)),
    ) else {
        return;
    };
    let score = raw.round() as u8;
    let grade = (extensions.grade.as_deref())
        .and_then(parse_grade)
        .unwrap_or_else(|| Grade::from_score(score));
    for (step, lost) in extensions.points_lost.iter().flatten() {
        if let Some(c) = a.choices.iter_mut().find(|c| c.step.to_string() == *step) {
            c.lost = Some(*lost);
        }
    }
    a.finish = Some(Finish {
        ended,
        ending,
        outcome,
        score,
        grade,
    });
}

/// Undoes [`super::segment`]'s percent-encoding.
fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
