//! A learning record store in the test process, on a loopback port, for
//! faults a real one can't be asked for: down (503), dying after storing a
//! batch but before answering, refusing one statement. Like a conformant
//! store it keeps one statement per id and pages its answers with `more`.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

use serde_json::{Value, json};

/// How the store behaves, changed by the test while it runs.
#[derive(Debug, Default)]
pub struct State {
    /// Statements by id, as first received.
    pub stored: BTreeMap<String, Value>,
    /// Every statement received, repeats included.
    pub received: usize,
    pub posts: usize,
    /// Answer 503 to everything.
    pub down: bool,
    /// Store the next this many batches, then drop the connection unanswered.
    pub die_after_storing: usize,
    /// Refuse (400) a batch holding a statement with this id.
    pub refuse: Option<String>,
    /// Basic auth expected, if any.
    pub authorization: Option<String>,
}

pub struct FakeLrs {
    pub url: String,
    pub state: Arc<Mutex<State>>,
}

impl FakeLrs {
    pub fn start() -> FakeLrs {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/xAPI/", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State::default()));
        let shared = Arc::clone(&state);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = Arc::clone(&shared);
                thread::spawn(move || serve(stream, &state));
            }
        });
        FakeLrs { url, state }
    }

    pub fn with<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        f(&mut self.state.lock().unwrap())
    }
}

fn serve(stream: TcpStream, state: &Mutex<State>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut out = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let target = line.split_whitespace().nth(1).unwrap_or("").to_string();
        let post = line.starts_with("POST");
        let mut headers = BTreeMap::new();
        loop {
            let mut header = String::new();
            reader.read_line(&mut header).unwrap();
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((k, v)) = header.split_once(':') {
                headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
            }
        }
        let length: usize = headers
            .get("content-length")
            .map_or(0, |l| l.parse().unwrap());
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        let answer = {
            let mut s = state.lock().unwrap();
            answer(&mut s, post, &target, &headers, &body)
        };
        let Some((status, text)) = answer else {
            return; // dies before answering
        };
        let reply = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{text}",
            text.len()
        );
        if out.write_all(reply.as_bytes()).is_err() {
            return;
        }
    }
}

fn answer(
    s: &mut State,
    post: bool,
    target: &str,
    headers: &BTreeMap<String, String>,
    body: &[u8],
) -> Option<(u16, String)> {
    if s.down {
        return Some((503, "{\"error\": \"down\"}".into()));
    }
    if headers.get("x-experience-api-version").map(String::as_str) != Some("1.0.3") {
        return Some((400, "{\"error\": \"no version header\"}".into()));
    }
    if s.authorization.is_some() && headers.get("authorization") != s.authorization.as_ref() {
        return Some((401, "{}".into()));
    }
    if !post {
        return Some((200, page(s, target)));
    }
    if headers.get("content-type").map(String::as_str) != Some("application/json") {
        return Some((400, "{\"error\": \"not json\"}".into()));
    }
    let batch: Vec<Value> = serde_json::from_slice(body).unwrap();
    if let Some(bad) = &s.refuse
        && batch.iter().any(|v| v["id"] == *bad)
    {
        return Some((400, "{\"error\": \"invalid statement\"}".into()));
    }
    s.posts += 1;
    s.received += batch.len();
    let ids: Vec<Value> = batch.iter().map(|v| v["id"].clone()).collect();
    for v in batch {
        let id = v["id"].as_str().unwrap().to_string();
        s.stored.entry(id).or_insert(v);
    }
    if s.die_after_storing > 0 {
        s.die_after_storing -= 1;
        return None;
    }
    Some((200, Value::from(ids).to_string()))
}

/// Pages of 7 statements (few, so that paging is exercised), `more` relative
/// to the server's root as xAPI says.
fn page(s: &State, target: &str) -> String {
    let start: usize = target
        .split_once("from=")
        .map_or(0, |(_, n)| n.parse().unwrap());
    let all: Vec<&Value> = s.stored.values().collect();
    let end = (start + 7).min(all.len());
    let more = if end < all.len() {
        format!("/xAPI/statements?from={end}")
    } else {
        String::new()
    };
    json!({"statements": &all[start..end], "more": more}).to_string()
}
