//! Offline matching of typed replies (work in progress).
