-- The question reader's data files compiled (src/store/query-data.ts): the glossary
-- (data/glossary.json) and the English lexicon (data/lexicon/*.json), rebuilt when a file
-- changes, so that a question reads only the entries its own words need.
CREATE TABLE glossary_groups (
  id INTEGER PRIMARY KEY,
  phrases TEXT NOT NULL -- JSON [{text, stems}]
);

CREATE TABLE glossary_entries (
  first TEXT NOT NULL,
  words TEXT NOT NULL, -- folded words, space-separated
  group_id INTEGER NOT NULL,
  acronym INTEGER NOT NULL
);
CREATE INDEX glossary_entries_by_first ON glossary_entries (first);

CREATE TABLE lexicon_forms (
  first TEXT NOT NULL,
  stems TEXT NOT NULL, -- English stems, space-separated
  french TEXT NOT NULL -- JSON [term]
);
CREATE INDEX lexicon_forms_by_first ON lexicon_forms (first);

CREATE TABLE lexicon_words (
  word TEXT PRIMARY KEY
) WITHOUT ROWID;
