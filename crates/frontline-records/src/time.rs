//! UTC instants written as RFC 3339 text (`2025-03-04T12:34:56.789Z`) and
//! ISO 8601 durations (`PT1M2.5S`), through `jiff`. The records keep
//! milliseconds; an instant read from elsewhere (a learning record store may
//! write microseconds or an offset) is cut to the millisecond.

use std::fmt;
use std::time::SystemTime;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp as Instant};
use serde::{Serialize, Serializer};

/// An instant, in milliseconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    pub fn now() -> Timestamp {
        Timestamp::from_system(SystemTime::now())
    }

    pub fn from_system(time: SystemTime) -> Timestamp {
        Instant::try_from(time).map_or(Timestamp(0), |t| Timestamp(t.as_millisecond()))
    }

    pub fn from_millis(millis: i64) -> Timestamp {
        Timestamp(millis)
    }

    pub fn millis(self) -> i64 {
        self.0
    }

    /// Milliseconds from `earlier` to `self`, 0 if the clock went backwards.
    pub fn since(self, earlier: Timestamp) -> u64 {
        u64::try_from(self.0.saturating_sub(earlier.0)).unwrap_or(0)
    }

    /// Reads an RFC 3339 instant (`2025-03-04T12:34:56.789Z`, any offset) or
    /// a day alone (`2025-03-04`, midnight UTC), the forms the records, the
    /// `--since` filter and learning record stores use.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let instant = if text.contains('T') {
            text.parse::<Instant>().ok()?
        } else {
            let date: Date = text.parse().ok()?;
            // `parse` also takes `20250304`; the records write only the extended form.
            if text.len() != 10 {
                return None;
            }
            date.to_zoned(TimeZone::UTC).ok()?.timestamp()
        };
        Some(Timestamp(instant.as_millisecond()))
    }

    fn instant(self) -> Instant {
        Instant::from_millisecond(self.0).unwrap_or(Instant::UNIX_EPOCH)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.instant().strftime("%Y-%m-%dT%H:%M:%S%.3fZ"))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// An ISO 8601 duration such as `PT1H2M3.456S`; `PT0S` for nothing.
pub fn iso_duration(millis: u64) -> String {
    let millis = i64::try_from(millis).unwrap_or(i64::MAX);
    SignedDuration::from_millis(millis).to_string()
}

/// Milliseconds of an ISO 8601 duration in hours, minutes and seconds, the
/// form [`iso_duration`] writes.
pub fn parse_duration(text: &str) -> Option<u64> {
    let duration: SignedDuration = text.parse().ok()?;
    u64::try_from(duration.as_millis()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_utc_instants() {
        let cases = [
            (0, "1970-01-01T00:00:00.000Z"),
            (951_782_400_000, "2000-02-29T00:00:00.000Z"),
            (1_741_091_696_789, "2025-03-04T12:34:56.789Z"),
            (-1, "1969-12-31T23:59:59.999Z"),
        ];
        for (millis, text) in cases {
            assert_eq!(Timestamp(millis).to_string(), text);
            assert_eq!(Timestamp::parse(text), Some(Timestamp(millis)));
        }
        assert_eq!(
            Timestamp::parse("2025-03-04"),
            Timestamp::parse("2025-03-04T00:00:00Z")
        );
        assert_eq!(
            Timestamp::parse("2025-03-04T12:34:56.7Z"),
            Some(Timestamp(1_741_091_696_700))
        );
    }

    #[test]
    fn reads_what_a_record_store_writes() {
        // Microseconds and an offset, as some stores normalise timestamps.
        assert_eq!(
            Timestamp::parse("2025-03-04T13:34:56.789654+01:00"),
            Some(Timestamp(1_741_091_696_789))
        );
    }

    #[test]
    fn rejects_malformed_or_impossible_dates() {
        for text in [
            "",
            "2025-3-04",
            "20250304",
            "2025-02-29",
            "2025-13-01",
            "2025-03-04T24:00:00Z",
            "2025-03-04T12:34:56",
            "2025-03-04T12:34:56.Z",
            "yesterday",
        ] {
            assert_eq!(Timestamp::parse(text), None, "{text}");
        }
    }

    #[test]
    fn durations_are_iso_8601() {
        for (millis, text) in [
            (0, "PT0S"),
            (1_500, "PT1.5S"),
            (60_000, "PT1M"),
            (3_723_450, "PT1H2M3.45S"),
        ] {
            assert_eq!(iso_duration(millis), text);
            assert_eq!(parse_duration(text), Some(millis));
        }
    }
}
