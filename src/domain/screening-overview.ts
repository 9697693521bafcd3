// Screening overviews (S2; issue 4 item 5): the distribution of positions per group,
// institution, district and municipality, its change since the previous round, and the
// children a leader should look at again — those who moved to a worse position and those at
// a concern position (gul/rød) in two rounds in a row, also across a transition from one
// institution to the next (dagpleje → børnehave → skole, the moments S2 watches).
// Rounds may use different scales or scale versions, so positions are compared by ordinal
// (1 = full well-being, higher = more concern) and by the concern flag, never by id.

export interface RoundDates {
  id: string;
  opensOn: string;
  closesOn: string;
  institutionTypes: readonly string[];
}

/** A child's effective position in a round (joint if agreed; see screening-conflict.ts effectivePositionId). */
export interface Placed {
  ordinal: number;
  isConcern: boolean;
}

/** The default round of an overview: the one that opened last (on or before today). */
export function latestOpenedRound<T extends Pick<RoundDates, 'id' | 'opensOn' | 'closesOn'>>(rounds: readonly T[], today: string): T | null {
  return rounds.filter((r) => r.opensOn <= today).reduce<T | null>((best, r) => (!best || later(r, best) ? r : best), null);
}

const later = (a: Pick<RoundDates, 'id' | 'opensOn' | 'closesOn'>, b: Pick<RoundDates, 'id' | 'opensOn' | 'closesOn'>) =>
  a.opensOn !== b.opensOn ? a.opensOn > b.opensOn : a.closesOn !== b.closesOn ? a.closesOn > b.closesOn : a.id > b.id;

/**
 * The round this one is compared with: the latest earlier round for at least one of the same
 * institution types that closed before this one opened (a round still running when this one
 * opened is not "previous").
 */
export function previousComparableRound<T extends RoundDates>(rounds: readonly T[], round: RoundDates): T | null {
  return rounds
    .filter((r) => r.id !== round.id && r.closesOn < round.opensOn)
    .filter((r) => r.institutionTypes.some((t) => round.institutionTypes.includes(t)))
    .reduce<T | null>((best, r) => (!best || later(r, best) ? r : best), null);
}

/**
 * A child's previous screening: the latest round, closed before this one opened, in which the
 * child has a rating (wherever it was given). A round in which nobody rated the child at all
 * (e.g. a school starter's first school round after the last daycare round) does not break the row.
 */
export function previousScreening<T extends Pick<RoundDates, 'id' | 'opensOn' | 'closesOn'>>(childRounds: readonly T[], round: Pick<RoundDates, 'id' | 'opensOn'>): T | null {
  return childRounds.filter((r) => r.id !== round.id && r.closesOn < round.opensOn).reduce<T | null>((best, r) => (!best || later(r, best) ? r : best), null);
}

/** Moved to a worse position: the ordinal rose, or the child went from no concern to concern. */
export function movedWorse(previous: Placed | null, now: Placed | null): boolean {
  if (!previous || !now) return false;
  return now.ordinal > previous.ordinal || (!previous.isConcern && now.isConcern);
}

/** At a concern position (gul/rød, or the municipality's own) in this round and the previous one. */
export function concernTwiceInARow(previous: Placed | null, now: Placed | null): boolean {
  return Boolean(previous?.isConcern && now?.isConcern);
}

/** Two scales whose positions line up ordinal by ordinal (same count, same concern flags): per-position counts compare. */
export function comparableScales(a: readonly Placed[], b: readonly Placed[]): boolean {
  const sort = (xs: readonly Placed[]) => [...xs].sort((x, y) => x.ordinal - y.ordinal);
  const [sa, sb] = [sort(a), sort(b)];
  return sa.length === sb.length && sa.every((p, i) => p.ordinal === sb[i]!.ordinal && p.isConcern === sb[i]!.isConcern);
}

/** Children per position (by ordinal, in the scale's order) among those with an effective position. */
export function distribution(ordinals: readonly number[], effective: readonly (Placed | null)[]): number[] {
  const index = new Map(ordinals.map((o, i) => [o, i]));
  const counts = ordinals.map(() => 0);
  for (const p of effective) {
    const i = p ? index.get(p.ordinal) : undefined;
    if (i !== undefined) counts[i] = counts[i]! + 1;
  }
  return counts;
}

/** Sum of distributions (a parent unit is the sum of its children). */
export function addDistributions(width: number, parts: readonly (readonly number[])[]): number[] {
  return Array.from({ length: width }, (_, i) => parts.reduce((n, p) => n + p[i]!, 0));
}

/**
 * The share of children at a concern position, when it follows from what is shown: every
 * concern count shown, or every non-concern count shown (the rest is concern). A suppressed
 * count makes it unknown otherwise — a share must not undo the suppression.
 */
export function concernShare(total: number, cells: readonly { isConcern: boolean; value: number | null }[]): number | null {
  if (total === 0) return null;
  const concern = cells.filter((c) => c.isConcern);
  const calm = cells.filter((c) => !c.isConcern);
  if (concern.every((c) => c.value !== null)) return concern.reduce((n, c) => n + c.value!, 0) / total;
  if (calm.every((c) => c.value !== null)) return (total - calm.reduce((n, c) => n + c.value!, 0)) / total;
  return null;
}
