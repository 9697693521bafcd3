-- Ratings of given children in one round (bench/screening.ts, docs/performance.md): the group
-- sheet and the fast-entry save (round + 25 children), and the institution overview (round +
-- every child enrolled in the institution's groups). Without it PostgreSQL walks each child's
-- whole history on screening_ratings_child and filters by round: at 100,000 children the
-- overview's read of a 70-class school took 74 ms, with it 32 ms (warm, median of 40).
CREATE INDEX screening_ratings_round_child ON screening_ratings (municipality_id, round_id, child_id);
