// Small-cell suppression for published counts (domain.md S13: "Aggregates must not reveal
// individuals (suppress small cells)"), used by the screening overviews and meant for every
// later dashboard. A table is a tree of rows (municipality → district → institution → group),
// each row a few counts in fixed columns (e.g. children per position) whose sum, the row's
// total, is always shown. A parent row's counts are the sums of its children's.
//
// What a reader learns, and so what the check below assumes they know:
//   shown     the exact count;
//   small     "<5": the count is 1–4 (primary suppression: every count from 1 to THRESHOLD − 1);
//   hidden    "–": the count is 0 or at least THRESHOLD (secondary suppression, so the small
//             counts cannot be worked out by subtraction);
//   withheld  the row's whole distribution is hidden: each count is anything from 0 to the total.
// The rule: no count of 1–4 can be worked out exactly — not from one additive relation (a
// row's counts summing to its total, or the children's counts in a column summing to the
// parent's), and not by chaining the relations (constraint propagation over the whole table).
// A hidden count of 5 or more may sometimes be worked out; that reveals no small count.
// While a small count is exposed, one more count of its relation is hidden (a sibling before
// the parent, the smallest count of THRESHOLD or more before a zero); when nothing is left to
// hide, its row is withheld, then the smallest row next to it. Every step hides more, so it
// ends, and a table whose every non-empty row is withheld is always safe.

/** Counts from 1 to THRESHOLD − 1 are shown as "<5" (a common Danish statistics practice). */
export const SMALL_CELL_THRESHOLD = 5;

export type CellStatus = 'shown' | 'small' | 'hidden' | 'withheld';

export interface TableRow {
  id: string;
  /** The row this one adds up into, or null for a top row. */
  parentId: string | null;
  /** Counts in a fixed column order (at least two columns). */
  cells: readonly number[];
}

export interface ProtectedCell {
  /** The count when shown, else null. */
  value: number | null;
  status: CellStatus;
}

export interface ProtectedRow {
  id: string;
  /** The sum of the row's counts: always shown. */
  total: number;
  cells: ProtectedCell[];
}

// ── sets of integers as sorted, disjoint, non-adjacent inclusive spans ──────────────────
type Span = readonly [number, number];
export type IntSet = readonly Span[];

function normalise(spans: Span[]): IntSet {
  if (spans.length === 1) return spans[0]![0] <= spans[0]![1] ? spans : [];
  const sorted = spans.filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export const span = (lo: number, hi: number): IntSet => (lo <= hi ? [[lo, hi]] : []);

export function addSets(a: IntSet, b: IntSet): IntSet {
  // Most sets are one span (the sums of spans are spans): no sorting then.
  if (a.length === 1 && b.length === 1) return [[a[0]![0] + b[0]![0], a[0]![1] + b[0]![1]]];
  const out: Span[] = [];
  for (const [alo, ahi] of a) for (const [blo, bhi] of b) out.push([alo + blo, ahi + bhi]);
  return normalise(out);
}

export function negateSet(a: IntSet): IntSet {
  const out: Span[] = [];
  for (let i = a.length - 1; i >= 0; i -= 1) out.push([-a[i]![1], -a[i]![0]]);
  return out;
}

export function intersectSets(a: IntSet, b: IntSet): IntSet {
  if (a.length === 1 && b.length === 1) return span(Math.max(a[0]![0], b[0]![0]), Math.min(a[0]![1], b[0]![1]));
  const out: Span[] = [];
  for (const [alo, ahi] of a) for (const [blo, bhi] of b) out.push([Math.max(alo, blo), Math.min(ahi, bhi)]);
  return normalise(out);
}

export function setSize(a: IntSet): number {
  return a.reduce((n, [lo, hi]) => n + hi - lo + 1, 0);
}

/** What a reader knows of a count with this status in a row with this total. */
export function readerKnows(status: CellStatus, value: number, total: number, threshold = SMALL_CELL_THRESHOLD): IntSet {
  switch (status) {
    case 'shown':
      return span(value, value);
    case 'small':
      return span(1, Math.min(threshold - 1, total));
    case 'hidden':
      return normalise([
        [0, 0],
        [threshold, total],
      ]);
    case 'withheld':
      return span(0, total);
  }
}

// ── relations ──────────────────────────────────────────────────────────────────────────
interface Cell {
  row: number;
  col: number;
}

/** Σ coef·cell = constant, coef ±1. */
export interface Relation {
  terms: { row: number; col: number; coef: 1 | -1 }[];
  constant: number;
}

/** The additive relations a reader of the table can use: each row sums to its total; children sum to the parent per column. */
export function relationsOf(rows: readonly TableRow[]): Relation[] {
  const index = new Map(rows.map((r, i) => [r.id, i]));
  const out: Relation[] = rows.map((r, i) => ({ terms: r.cells.map((_, col) => ({ row: i, col, coef: 1 as const })), constant: sum(r.cells) }));
  const children = new Map<number, number[]>();
  rows.forEach((r, i) => {
    if (r.parentId === null) return;
    const p = index.get(r.parentId);
    if (p === undefined) throw new Error(`small-cells: row ${r.id} names an unknown parent ${r.parentId}`);
    children.set(p, [...(children.get(p) ?? []), i]);
  });
  for (const [p, kids] of children) {
    rows[p]!.cells.forEach((value, col) => {
      if (kids.reduce((n, k) => n + rows[k]!.cells[col]!, 0) !== value) {
        throw new Error(`small-cells: row ${rows[p]!.id} is not the sum of its children in column ${col}`);
      }
      out.push({ terms: [...kids.map((k) => ({ row: k, col, coef: 1 as const })), { row: p, col, coef: -1 as const }], constant: 0 });
    });
  }
  return out;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The values each term of the relation can take, given what the reader knows of every term. */
export function feasibleValues(relation: Relation, knows: (cell: Cell) => IntSet): IntSet[] {
  const sets = relation.terms.map((t) => knows(t));
  // Known counts move to the constant; only the unknown ones need set arithmetic.
  let constant = relation.constant;
  const open: number[] = [];
  sets.forEach((set, i) => {
    if (setSize(set) === 1) constant -= relation.terms[i]!.coef * set[0]![0];
    else open.push(i);
  });
  const parts = open.map((i) => (relation.terms[i]!.coef === 1 ? sets[i]! : negateSet(sets[i]!)));
  // Prefix and suffix sums: each term's "all the others" in linear time.
  const zero = span(0, 0);
  const prefix: IntSet[] = [zero];
  for (const p of parts) prefix.push(addSets(prefix[prefix.length - 1]!, p));
  const suffix: IntSet[] = [zero];
  for (let k = parts.length - 1; k >= 0; k -= 1) suffix.unshift(addSets(parts[k]!, suffix[0]!));
  const out = [...sets];
  open.forEach((i, k) => {
    // coef·x = constant − others
    const rest = addSets(span(constant, constant), negateSet(addSets(prefix[k]!, suffix[k + 1]!)));
    out[i] = intersectSets(sets[i]!, relation.terms[i]!.coef === 1 ? rest : negateSet(rest));
  });
  return out;
}

/**
 * Narrow what a reader can know of every count by using the relations together (a count
 * pinned by one relation narrows the others: constraint propagation to a fixed point).
 * Returns each count's possible values, and the relation that last narrowed it (the chain of
 * reasoning a reader would follow).
 */
export function propagate(relations: readonly Relation[], initial: readonly (readonly IntSet[])[]): { sets: IntSet[][]; reason: (number | undefined)[][] } {
  const sets = initial.map((r) => [...r]);
  const reason: (number | undefined)[][] = initial.map((r) => r.map(() => undefined));
  const byCell = cellIndex(relations);
  const work = new Worklist(relations);
  relations.forEach((_, i) => work.push(i));
  for (let i = work.pop(); i !== undefined; i = work.pop()) {
    const rel = relations[i]!;
    if (rel.terms.every((t) => setSize(sets[t.row]![t.col]!) === 1)) continue;
    feasibleValues(rel, (c) => sets[c.row]![c.col]!).forEach((f, k) => {
      const t = rel.terms[k]!;
      if (setSize(f) === setSize(sets[t.row]![t.col]!)) return;
      sets[t.row]![t.col] = f;
      reason[t.row]![t.col] = i;
      for (const j of byCell.get(`${t.row}:${t.col}`) ?? []) work.push(j);
    });
  }
  return { sets, reason };
}

/** Relations to (re)check, the short ones first: a long column is checked once its rows have settled. */
class Worklist {
  private readonly short: number[] = [];
  private readonly long: number[] = [];
  private readonly queued = new Set<number>();
  constructor(private readonly relations: readonly Relation[]) {}
  push(i: number): void {
    if (this.queued.has(i)) return;
    this.queued.add(i);
    (this.relations[i]!.terms.length <= 8 ? this.short : this.long).push(i);
  }
  pop(): number | undefined {
    const i = this.short.pop() ?? this.long.pop();
    if (i !== undefined) this.queued.delete(i);
    return i;
  }
}

function cellIndex(relations: readonly Relation[]): Map<string, number[]> {
  const byCell = new Map<string, number[]>();
  relations.forEach((rel, i) => rel.terms.forEach((t) => byCell.set(`${t.row}:${t.col}`, [...(byCell.get(`${t.row}:${t.col}`) ?? []), i])));
  return byCell;
}

/** Suppress the table: primary "<5" for counts 1–4, then secondary suppression until no suppressed count can be recovered. */
export function protectTable(rows: readonly TableRow[], threshold = SMALL_CELL_THRESHOLD): Map<string, ProtectedRow> {
  for (const r of rows) {
    if (r.cells.length < 2) throw new Error(`small-cells: row ${r.id} needs at least two columns`);
    if (r.cells.some((c) => !Number.isInteger(c) || c < 0)) throw new Error(`small-cells: row ${r.id} has a count that is not a whole number ≥ 0`);
  }
  const totals = rows.map((r) => sum(r.cells));
  const status: CellStatus[][] = rows.map((r) => r.cells.map((c) => (c >= 1 && c < threshold ? 'small' : 'shown')));
  const known: IntSet[][] = rows.map((r, row) => r.cells.map((c, col) => readerKnows(status[row]![col]!, c, totals[row]!, threshold)));
  const knows = ({ row, col }: Cell) => known[row]![col]!;
  const value = (t: Cell) => rows[t.row]!.cells[t.col]!;
  const isSmall = (v: number) => v >= 1 && v < threshold;

  const relations = relationsOf(rows);
  const byCell = cellIndex(relations);
  const work = new Worklist(relations);
  /** A count's status changed: what the reader knows of it, and the relations to check again. */
  const setStatus = (row: number, col: number, s: CellStatus) => {
    status[row]![col] = s;
    known[row]![col] = readerKnows(s, rows[row]!.cells[col]!, totals[row]!, threshold);
    (byCell.get(`${row}:${col}`) ?? []).forEach((i) => work.push(i));
  };
  const withhold = (row: number) => {
    if (totals[row] === 0) return false;
    let changed = false;
    status[row]!.forEach((s, col) => {
      if (s !== 'withheld') {
        setStatus(row, col, 'withheld');
        changed = true;
      }
    });
    return changed;
  };
  /**
   * Hide one more count in the relation: a sibling before the parent, the smallest count of
   * THRESHOLD or more before a zero (a hidden zero is often pinned down by the others), and
   * only in a row with at least THRESHOLD children (else "0 or ≥ 5" would say 0).
   */
  const hideOneIn = (rel: Relation) => {
    const candidate = rel.terms
      .filter((t) => status[t.row]![t.col] === 'shown' && totals[t.row]! >= threshold)
      .sort((a, b) => b.coef - a.coef || Number(value(a) === 0) - Number(value(b) === 0) || value(a) - value(b) || a.row - b.row || a.col - b.col)[0];
    if (!candidate) return false;
    setStatus(candidate.row, candidate.col, 'hidden');
    return true;
  };
  /** Withhold one more row: the pinned count's own, else the smallest other row of its relations. */
  const withholdNear = (pinned: readonly Cell[], rels: readonly Relation[]) => {
    for (const c of pinned) if (withhold(c.row)) return true;
    const others = [...new Set(rels.flatMap((r) => r.terms.map((t) => t.row)))].sort((a, b) => totals[a]! - totals[b]! || a - b);
    return others.some(withhold);
  };
  const stuck = () => new Error('small-cells: a relation could not be protected');

  relations.forEach((_, i) => work.push(i));
  // Every step hides at least one more count, so both loops are bounded by the number of counts.
  for (;;) {
    // 1. Each relation on its own (cheap; settles nearly everything).
    for (let i = work.pop(); i !== undefined; i = work.pop()) {
      const rel = relations[i]!;
      if (!rel.terms.some((t) => isSmall(value(t)))) continue;
      const feasible = feasibleValues(rel, knows);
      const pinned = rel.terms.filter((t, k) => isSmall(value(t)) && setSize(feasible[k]!) <= 1);
      if (pinned.length === 0) continue;
      if (!hideOneIn(rel) && !withholdNear(pinned, [rel])) throw stuck();
      work.push(i);
    }
    // 2. The relations together: a count pinned only by combining them gets one more count of
    //    its own relations hidden (every pinned count per round; the next round checks again).
    const { sets, reason } = propagate(relations, known);
    const pinned = rows.flatMap((r, row) => r.cells.map((_, col) => ({ row, col }))).filter((c) => isSmall(value(c)) && setSize(sets[c.row]![c.col]!) <= 1);
    if (pinned.length === 0) break;
    let changed = false;
    for (const c of pinned) {
      // Walk back along the chain that pinned the count to the nearest relation with something left to hide.
      const seen = new Set<number>();
      const chain = [reason[c.row]![c.col]].filter((i): i is number => i !== undefined);
      let hid = false;
      while (chain.length > 0 && !hid) {
        const i = chain.shift()!;
        if (seen.has(i)) continue;
        seen.add(i);
        hid = hideOneIn(relations[i]!);
        for (const t of relations[i]!.terms) {
          const r = reason[t.row]![t.col];
          if (r !== undefined && !seen.has(r)) chain.push(r);
        }
      }
      changed = hid || withholdNear([c], [...seen].map((i) => relations[i]!)) || changed;
    }
    // Nothing left to change near a pinned count: withhold the whole table (always safe).
    if (!changed && !rows.map((_, row) => withhold(row)).some(Boolean)) throw stuck();
  }

  return new Map(
    rows.map((r, row) => [
      r.id,
      {
        id: r.id,
        total: totals[row]!,
        cells: r.cells.map((v, col) => ({ value: status[row]![col] === 'shown' ? v : null, status: status[row]![col]! })),
      },
    ]),
  );
}
