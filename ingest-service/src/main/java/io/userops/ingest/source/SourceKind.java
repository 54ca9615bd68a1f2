package io.userops.ingest.source;

/**
 * Where a source's events come from, which decides how their time is read (docs/ingest.md):
 * a CLIENT (browser, mobile app) has a clock that may be wrong, so its time is corrected for skew;
 * a SERVER (backend, historical import) is trusted to say when an event happened.
 */
public enum SourceKind {
    CLIENT, SERVER
}
