-- The unit search of migration 003 cost ~11 ms of database time per question (a GIN count per term
-- for bm25's IDF, then bm25 in PL/pgSQL row by row): 200 questions a second took two cores. Now
-- the database only finds the units and gives each term's IDF from a table of document
-- frequencies (FTS5's 'row' vocabulary); the replica computes bm25 itself, in FTS5's order of
-- operations (store/unit-rows.ts), with those IDFs: the same numbers, hence the same order.
DROP FUNCTION boussole_bm25(TEXT[], TEXT[], TEXT[], DOUBLE PRECISION[], DOUBLE PRECISION,
  DOUBLE PRECISION, DOUBLE PRECISION);
DROP TRIGGER units_counted ON units;
DROP FUNCTION boussole_unit_corpus();

-- How many units hold each term, in either column.
CREATE TABLE unit_term_docs (
  term TEXT PRIMARY KEY,
  docs BIGINT NOT NULL
);
INSERT INTO unit_term_docs (term, docs)
  SELECT term, count(*) FROM units, unnest(tsvector_to_array(terms)) AS term GROUP BY term;

-- Kept once per statement (a plan's units are written in a few statements), not once per row.
CREATE FUNCTION boussole_units_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE unit_corpus SET
    units = units + (SELECT count(*) FROM added),
    tokens = tokens + (SELECT coalesce(sum(cardinality(own_terms) + cardinality(context_terms)), 0) FROM added);
  INSERT INTO unit_term_docs (term, docs)
    SELECT term, count(*) FROM added, unnest(tsvector_to_array(added.terms)) AS term GROUP BY term
  ON CONFLICT (term) DO UPDATE SET docs = unit_term_docs.docs + EXCLUDED.docs;
  RETURN NULL;
END $$;
CREATE FUNCTION boussole_units_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE unit_corpus SET
    units = units - (SELECT count(*) FROM removed),
    tokens = tokens - (SELECT coalesce(sum(cardinality(own_terms) + cardinality(context_terms)), 0) FROM removed);
  UPDATE unit_term_docs SET docs = unit_term_docs.docs - gone.docs
    FROM (SELECT term, count(*) AS docs FROM removed, unnest(tsvector_to_array(removed.terms)) AS term
          GROUP BY term) AS gone
    WHERE unit_term_docs.term = gone.term;
  DELETE FROM unit_term_docs WHERE docs <= 0;
  RETURN NULL;
END $$;
CREATE TRIGGER units_added AFTER INSERT ON units
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION boussole_units_added();
CREATE TRIGGER units_removed AFTER DELETE ON units
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION boussole_units_removed();
