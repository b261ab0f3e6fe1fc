//! A learning record store (LRS): where the trainees of every machine meet.
//! Statements are queued in the records file as events are recorded
//! ([`crate::OpenOptions::queue_statements`]); a [`Sender`] thread posts the
//! queue in batches, and [`drain`] does the same in the foreground for
//! `frontline sync`. Statement ids are stable, so sending one twice (after a
//! crash or a timeout) is harmless: the store keeps one. [`Client::statements`]
//! reads them back for a report.

mod client;
mod config;
mod sender;

pub use client::{Client, Posted};
pub use config::{CONFIG_FILE, Lrs};
pub use sender::{Backoff, Drained, Sender, drain};
