//! Where the store is and how to sign in. The address comes from `--lrs` or
//! `$FRONTLINE_LRS`; the credentials from `$FRONTLINE_LRS_KEY` and
//! `$FRONTLINE_LRS_SECRET`, else from `lrs.json` in the data folder, never
//! from the command line (where other users could read them).

use std::fmt;
use std::fs;
use std::io;
use std::path::Path;

use serde::Deserialize;

/// The file in the data folder: `{"url": …, "key": …, "secret": …}`, each optional.
pub const CONFIG_FILE: &str = "lrs.json";

/// A store to send statements to and read them from.
#[derive(Clone, PartialEq, Eq)]
pub struct Lrs {
    /// The xAPI endpoint, ending in `/`: `statements` is appended to it.
    pub endpoint: String,
    pub key: Option<String>,
    pub secret: Option<String>,
}

impl fmt::Debug for Lrs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lrs")
            .field("endpoint", &self.endpoint)
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    url: Option<String>,
    key: Option<String>,
    secret: Option<String>,
}

impl Lrs {
    /// A store at `url` (its xAPI endpoint, e.g. `https://lrs.example/xAPI/`).
    pub fn new(url: &str, key: Option<String>, secret: Option<String>) -> Result<Lrs, String> {
        let url = url.trim();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(format!(
                "the LRS address `{url}` is not an http:// or https:// URL"
            ));
        }
        let mut endpoint = url.to_string();
        if let Some(base) = endpoint.strip_suffix("statements") {
            endpoint = base.to_string();
        }
        if !endpoint.ends_with('/') {
            endpoint.push('/');
        }
        Ok(Lrs {
            endpoint,
            key,
            secret,
        })
    }

    /// The store configured for the data folder `data`: `url` (from `--lrs`),
    /// else `$FRONTLINE_LRS`, else `lrs.json`; `None` when none is.
    pub fn configured(url: Option<&str>, data: &Path) -> Result<Option<Lrs>, String> {
        let env = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
        let file = read_file(&data.join(CONFIG_FILE))?;
        let Some(url) = (url.map(str::to_string))
            .or_else(|| env("FRONTLINE_LRS"))
            .or(file.url)
        else {
            return Ok(None);
        };
        let key = env("FRONTLINE_LRS_KEY").or(file.key);
        let secret = env("FRONTLINE_LRS_SECRET").or(file.secret);
        Lrs::new(&url, key, secret).map(Some)
    }

    /// The `statements` resource.
    pub fn statements_url(&self) -> String {
        format!("{}statements", self.endpoint)
    }

    /// The scheme and host (`https://lrs.example:8080`), which a `more` link
    /// is relative to.
    pub fn origin(&self) -> &str {
        let after_scheme = self.endpoint.find("://").map_or(0, |i| i + 3);
        let end = (self.endpoint[after_scheme..].find('/'))
            .map_or(self.endpoint.len(), |i| after_scheme + i);
        &self.endpoint[..end]
    }
}

fn read_file(path: &Path) -> Result<File, String> {
    match fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}:{}:{}: {e}\nhelp: write {{\"url\": \"https://…/xAPI/\", \"key\": \"…\", \"secret\": \"…\"}}",
                path.display(),
                e.line(),
                e.column()
            )
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(File::default()),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_end_in_a_slash_and_drop_statements() {
        for url in [
            "http://127.0.0.1:8100/xAPI",
            "http://127.0.0.1:8100/xAPI/",
            "http://127.0.0.1:8100/xAPI/statements",
        ] {
            let lrs = Lrs::new(url, None, None).unwrap();
            assert_eq!(
                lrs.statements_url(),
                "http://127.0.0.1:8100/xAPI/statements"
            );
            assert_eq!(lrs.origin(), "http://127.0.0.1:8100");
        }
        assert!(Lrs::new("ftp://x", None, None).is_err());
    }

    #[test]
    fn the_file_gives_credentials_and_a_broken_one_says_where() {
        let dir = std::env::temp_dir().join(format!("frontline-lrs-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join(CONFIG_FILE),
            r#"{"url": "https://lrs.example/xAPI/", "key": "k", "secret": "s"}"#,
        )
        .unwrap();
        let lrs = Lrs::configured(None, &dir).unwrap().unwrap();
        assert_eq!(lrs.endpoint, "https://lrs.example/xAPI/");
        assert_eq!(
            (lrs.key.as_deref(), lrs.secret.as_deref()),
            (Some("k"), Some("s"))
        );
        assert!(
            !format!("{lrs:?}").contains("\"s\""),
            "the secret stays out of logs"
        );
        fs::write(dir.join(CONFIG_FILE), "{\"url\": 3}").unwrap();
        let error = Lrs::configured(None, &dir).unwrap_err();
        assert!(
            error.contains("lrs.json:1:") && error.contains("help:"),
            "{error}"
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
