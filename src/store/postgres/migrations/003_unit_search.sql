-- Full-text search of the answer units on PostgreSQL, ranked exactly as SQLite ranks them
-- (store/unit-store.ts: FTS5's bm25 with weights 1.0 for a unit's own words, 0.4 for its context).
--
-- `own` and `context` hold Boussole's stems, one space between two (core/query/rank/units.ts): the
-- terms are those words as they are, never re-parsed. The tsvector is built from the words
-- themselves (array_to_tsvector), so PostgreSQL's parser cannot split a stem such as "c++" or read
-- "2025-2026" as a signed number where FTS5's tokenizer keeps them; GIN finds the candidates.
DROP INDEX units_tsv;
ALTER TABLE units DROP COLUMN tsv;
ALTER TABLE units
  ADD COLUMN own_terms TEXT[] GENERATED ALWAYS AS (array_remove(string_to_array(own, ' '), '')) STORED;
ALTER TABLE units
  ADD COLUMN context_terms TEXT[] GENERATED ALWAYS AS (array_remove(string_to_array(context, ' '), '')) STORED;
ALTER TABLE units
  ADD COLUMN terms TSVECTOR GENERATED ALWAYS AS (
    array_to_tsvector(array_remove(string_to_array(own || ' ' || context, ' '), ''))
  ) STORED;
CREATE INDEX units_terms ON units USING GIN (terms);

-- What FTS5 keeps in its averages record: the number of units and of their words, for bm25's
-- average length. Kept by triggers, so a search never counts the table.
CREATE TABLE unit_corpus (
  one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
  units BIGINT NOT NULL,
  tokens BIGINT NOT NULL
);
INSERT INTO unit_corpus (units, tokens)
  SELECT count(*), coalesce(sum(cardinality(own_terms) + cardinality(context_terms)), 0) FROM units;

CREATE FUNCTION boussole_unit_corpus() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE unit_corpus SET units = units + 1,
      tokens = tokens + cardinality(NEW.own_terms) + cardinality(NEW.context_terms);
    RETURN NEW;
  END IF;
  UPDATE unit_corpus SET units = units - 1,
    tokens = tokens - cardinality(OLD.own_terms) - cardinality(OLD.context_terms);
  RETURN OLD;
END $$;
CREATE TRIGGER units_counted AFTER INSERT OR DELETE ON units
  FOR EACH ROW EXECUTE FUNCTION boussole_unit_corpus();

-- FTS5's bm25 (sqlite/ext/fts5/fts5_aux.c, fts5Bm25Function), operation for operation in double
-- precision: the weighted frequency adds each occurrence's column weight in turn (own words first),
-- and the score adds each term's share in the query's order. With ln() from the same C library as
-- SQLite's log(), both engines give the same numbers to the last bit, hence the same order.
CREATE FUNCTION boussole_bm25(
  own_terms TEXT[], context_terms TEXT[], query_terms TEXT[], idf DOUBLE PRECISION[],
  avgdl DOUBLE PRECISION, own_weight DOUBLE PRECISION, context_weight DOUBLE PRECISION
) RETURNS DOUBLE PRECISION LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  k1 CONSTANT DOUBLE PRECISION := 1.2;
  b CONSTANT DOUBLE PRECISION := 0.75;
  d CONSTANT DOUBLE PRECISION := cardinality(own_terms) + cardinality(context_terms);
  score DOUBLE PRECISION := 0.0;
  freq DOUBLE PRECISION;
BEGIN
  FOR i IN 1 .. cardinality(query_terms) LOOP
    freq := 0.0;
    FOR k IN 1 .. coalesce(cardinality(array_positions(own_terms, query_terms[i])), 0) LOOP
      freq := freq + own_weight;
    END LOOP;
    FOR k IN 1 .. coalesce(cardinality(array_positions(context_terms, query_terms[i])), 0) LOOP
      freq := freq + context_weight;
    END LOOP;
    score := score + idf[i] * ((freq * (k1 + 1.0)) / (freq + k1 * (1 - b + b * d / avgdl)));
  END LOOP;
  RETURN -1.0 * score;
END $$;
