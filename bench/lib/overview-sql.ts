// Raw SQL of the institution overview's aggregation (src/modules/screening/overview-service.ts),
// the baseline the HTTP endpoint is measured against: per group of the institution, each
// enrolled child's status and effective position (joint if agreed, else the raters' common
// position) in the round and in the previous round, and the leader's two lists — children now
// at a worse position than at their previous screening, and children at a concern position in
// both — read in one transaction with one audit row per listed child, as the service writes.

/** $1 round, $2 its enrolment day, $3 institution. Rows: group, status, ordinal (null without a position), children. */
export const GROUP_COUNTS_SQL = `
WITH enrolled AS (
  SELECT DISTINCT e.group_id, e.child_id FROM enrolments e
    JOIN groups g ON g.municipality_id = e.municipality_id AND g.id = e.group_id
   WHERE g.institution_id = $3 AND e.valid_from <= $2 AND (e.valid_to IS NULL OR e.valid_to >= $2)),
${effectiveCte('SELECT child_id FROM enrolled')}
SELECT e.group_id, coalesce(f.status, 'missing') AS status, p.ordinal, count(*)::int AS n
  FROM enrolled e LEFT JOIN effective f ON f.child_id = e.child_id LEFT JOIN screening_positions p ON p.id = f.position_id
 GROUP BY 1, 2, 3`;

/**
 * Current ratings of the children in `children` in round $1, folded per child into a status
 * and an effective position, as domain/screening-conflict.ts childRoundStatus and
 * effectivePositionId do.
 */
function effectiveCte(children: string): string {
  return `current AS (
  SELECT r.child_id, r.kind, r.rater_user_id, r.position_id, p.ordinal, p.is_concern FROM screening_ratings r
    LEFT JOIN screening_positions p ON p.municipality_id = r.municipality_id AND p.id = r.position_id
   WHERE r.round_id = $1 AND r.child_id IN (${children})
     AND NOT EXISTS (SELECT 1 FROM screening_ratings c WHERE c.municipality_id = r.municipality_id AND c.corrects_id = r.id)),
folded AS (
  SELECT child_id,
         (array_agg(position_id) FILTER (WHERE kind = 'joint'))[1] AS joint,
         count(*) FILTER (WHERE kind = 'individual') AS raters,
         count(position_id) FILTER (WHERE kind = 'individual') AS positioned,
         count(DISTINCT position_id) FILTER (WHERE kind = 'individual') AS distinct_positions,
         (array_agg(position_id) FILTER (WHERE kind = 'individual' AND position_id IS NOT NULL))[1] AS some_position,
         max(ordinal) FILTER (WHERE kind = 'individual') - min(ordinal) FILTER (WHERE kind = 'individual') AS spread,
         bool_or(is_concern) FILTER (WHERE kind = 'individual') IS DISTINCT FROM bool_and(is_concern) FILTER (WHERE kind = 'individual') AS concern_mix
    FROM current GROUP BY child_id),
effective AS (
  SELECT child_id,
         CASE WHEN joint IS NOT NULL THEN 'agreed' WHEN raters = 0 THEN 'missing' WHEN positioned = 0 THEN 'not_assessed'
              WHEN spread >= 2 OR concern_mix THEN 'conflict' ELSE 'rated' END AS status,
         coalesce(joint, CASE WHEN distinct_positions = 1 THEN some_position END) AS position_id
    FROM folded)`;
}

/**
 * $1 round, $2 its enrolment day, $3 institution, $4 the day the round opened, $5 today. Rows: the
 * children to list, with their position now and at their previous screening (any
 * institution, a round closed before this one opened) and which lists they are on.
 */
export const LISTS_SQL = `
WITH enrolled AS (
  SELECT DISTINCT e.group_id, e.child_id FROM enrolments e
    JOIN groups g ON g.municipality_id = e.municipality_id AND g.id = e.group_id
   WHERE g.institution_id = $3 AND e.valid_from <= $2 AND (e.valid_to IS NULL OR e.valid_to >= $2)),
${effectiveCte('SELECT child_id FROM enrolled')},
placed AS (
  SELECT f.child_id, p.ordinal, p.is_concern FROM effective f JOIN screening_positions p ON p.id = f.position_id
   -- the leader lists only children she may see now: those enrolled in her institution today ($5)
   WHERE f.child_id IN (SELECT child_id FROM enrolments WHERE institution_id = $3 AND valid_from <= $5 AND (valid_to IS NULL OR valid_to >= $5))),
history AS (
  SELECT r.id, r.corrects_id, r.child_id, r.round_id, r.kind, r.position_id, ro.opens_on, ro.closes_on, r.group_id, r.institution_id
    FROM screening_ratings r JOIN screening_rounds ro ON ro.municipality_id = r.municipality_id AND ro.id = r.round_id
   WHERE r.child_id IN (SELECT child_id FROM placed) AND ro.closes_on < $4),
previous_round AS (
  SELECT DISTINCT ON (child_id) child_id, round_id FROM history ORDER BY child_id, opens_on DESC, closes_on DESC, round_id DESC),
previous_current AS (
  SELECT h.*, p.ordinal, p.is_concern FROM history h
    JOIN previous_round pr ON pr.child_id = h.child_id AND pr.round_id = h.round_id
    LEFT JOIN screening_positions p ON p.id = h.position_id
   WHERE NOT EXISTS (SELECT 1 FROM history c WHERE c.corrects_id = h.id)),
previous_effective AS (
  SELECT child_id, coalesce(
           (array_agg(position_id) FILTER (WHERE kind = 'joint'))[1],
           CASE WHEN count(DISTINCT position_id) FILTER (WHERE kind = 'individual') = 1
                THEN (array_agg(position_id) FILTER (WHERE kind = 'individual' AND position_id IS NOT NULL))[1] END) AS position_id
    FROM previous_current GROUP BY child_id),
-- One grouping over now and before (a join of two CTEs was planned as a nested loop: 0.5 s).
now_and_before AS (
  SELECT child_id, ordinal AS now_ordinal, is_concern AS now_concern, NULL::int AS previous_ordinal, NULL::boolean AS previous_concern FROM placed
  UNION ALL
  SELECT pe.child_id, NULL, NULL, p.ordinal, p.is_concern FROM previous_effective pe JOIN screening_positions p ON p.id = pe.position_id),
paired AS (
  SELECT child_id, max(now_ordinal) AS now_ordinal, bool_or(now_concern) AS now_concern, max(previous_ordinal) AS previous_ordinal, bool_or(previous_concern) AS previous_concern
    FROM now_and_before GROUP BY child_id HAVING count(now_ordinal) = 1 AND count(previous_ordinal) = 1)
SELECT x.child_id, c.first_name, c.last_name, x.now_ordinal, x.previous_ordinal,
       (x.now_ordinal > x.previous_ordinal OR (NOT x.previous_concern AND x.now_concern)) AS worse, (x.previous_concern AND x.now_concern) AS twice
  FROM paired x JOIN children c ON c.id = x.child_id
 WHERE x.now_ordinal > x.previous_ordinal OR (NOT x.previous_concern AND x.now_concern) OR (x.previous_concern AND x.now_concern)
 ORDER BY c.last_name, c.first_name`;
