-- 011_watch: what `claimgraph watch` knows of each source it polls, so that a restart resumes
-- where it stopped: the validators of the last response it stored the items of (sent back as
-- If-None-Match / If-Modified-Since), when the source is next due, and its run of errors (the
-- backoff). A row is written after the items of a poll are committed: a watch killed in between
-- polls the source again and finds its items stored (the store skips them by id).
--
-- url            the source's URL as SOURCES.yaml gives it
-- etag           the ETag of the last response whose items were stored (NULL: none given)
-- last_modified  its Last-Modified, as the server wrote it
-- polled_at      the last poll, whatever its outcome (UTC)
-- changed_at     the last poll that got new content (a 2xx response, not a 304) (UTC)
-- next_poll      when the source is due again (UTC): its interval after a success, the backoff after an error
-- failures       consecutive failed polls (0 after a success)
-- last_error     the reason of the last failed poll while failures > 0
-- added          documents stored from the source, all polls together

CREATE TABLE watch_sources (
    url           VARCHAR PRIMARY KEY,
    etag          VARCHAR,
    last_modified VARCHAR,
    polled_at     TIMESTAMP,
    changed_at    TIMESTAMP,
    next_poll     TIMESTAMP NOT NULL,
    failures      INTEGER NOT NULL DEFAULT 0,
    last_error    VARCHAR,
    added         BIGINT NOT NULL DEFAULT 0
);
