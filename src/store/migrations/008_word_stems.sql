-- The stem of every word of the plans and of the glossary, as the French stemmer gives it (written
-- and folded forms). Rebuilt at ingest; answering reads it at start-up so that it seldom needs to
-- load the stemmer. A word missing here is simply stemmed on demand.
CREATE TABLE word_stems (
  word TEXT PRIMARY KEY,
  stem TEXT NOT NULL
) WITHOUT ROWID;
