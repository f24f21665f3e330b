-- The own title of an axis or objective, when it has one. CASF objectives are either a titled
-- block ("Objectifs liés à la lecture à haute voix", "→ Accompagner les professeurs…") or a bare
-- list of operational objectives; retrieval treats the two differently.
ALTER TABLE nodes ADD COLUMN title TEXT;
