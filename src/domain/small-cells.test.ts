import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { protectTable, relationsOf, SMALL_CELL_THRESHOLD, type CellStatus, type ProtectedRow, type TableRow } from './small-cells.ts';

const row = (id: string, cells: number[], parentId: string | null = null): TableRow => ({ id, parentId, cells });
const statuses = (p: ProtectedRow | undefined) => p!.cells.map((c) => c.status);

/** What a reader knows of a count, as an explicit list of values (an oracle independent of the span arithmetic). */
function knownValues(status: CellStatus, value: number, total: number): number[] {
  const all = Array.from({ length: total + 1 }, (_, v) => v);
  if (status === 'shown') return [value];
  if (status === 'small') return all.filter((v) => v >= 1 && v < SMALL_CELL_THRESHOLD);
  if (status === 'hidden') return all.filter((v) => v === 0 || v >= SMALL_CELL_THRESHOLD);
  return all;
}

/** For each suppressed count of one relation: every value it can take, by enumerating reachable sums of the others. */
function valuesInRelation(rows: readonly TableRow[], out: Map<string, ProtectedRow>, relation: ReturnType<typeof relationsOf>[number]) {
  const sets = relation.terms.map((t) => {
    const r = rows[t.row]!;
    const p = out.get(r.id)!;
    return knownValues(p.cells[t.col]!.status, r.cells[t.col]!, p.total).map((v) => v * t.coef);
  });
  return relation.terms.map((_, i) => {
    let reach = new Set([0]);
    sets.forEach((s, j) => {
      if (j === i) return;
      const next = new Set<number>();
      for (const a of reach) for (const b of s) next.add(a + b);
      reach = next;
    });
    return sets[i]!.filter((v) => reach.has(relation.constant - v)).map((v) => v * relation.terms[i]!.coef);
  });
}

/** A tree of rows: a top row, 1–4 children, each with 0–3 children of its own; parents are the sums. */
const tableArb = fc.integer({ min: 2, max: 4 }).chain((cols) =>
  fc
    .array(
      fc.array(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 14 })), { minLength: cols, maxLength: cols }),
        { minLength: 0, maxLength: 3 },
      ),
      { minLength: 1, maxLength: 4 },
    )
    .chain((mids) =>
      fc.tuple(
        fc.constant(mids),
        fc.array(fc.array(fc.integer({ min: 0, max: 14 }), { minLength: cols, maxLength: cols }), { minLength: mids.length, maxLength: mids.length }),
      ),
    )
    .map(([mids, leafless]) => {
      const rows: TableRow[] = [];
      const top = Array.from({ length: cols }, () => 0);
      const midRows = mids.map((leaves, m) => {
        const cells = leaves.length ? Array.from({ length: cols }, (_, c) => leaves.reduce((n, l) => n + l[c]!, 0)) : leafless[m]!;
        cells.forEach((v, c) => (top[c]! += v));
        return { id: `m${m}`, cells, leaves };
      });
      rows.push(row('top', top));
      for (const m of midRows) {
        rows.push(row(m.id, m.cells, 'top'));
        m.leaves.forEach((l, k) => rows.push(row(`${m.id}l${k}`, l, m.id)));
      }
      return rows;
    }),
);

describe('small-cell suppression', () => {
  it('counts from 1 to 4 are "<5"; zeros and counts of 5 or more are shown when nothing can be worked out', () => {
    const out = protectTable([row('g', [20, 3, 0, 7])]);
    // 3 alone would follow from the total 30: the smallest other shown count (7) is hidden too.
    assert.deepEqual(out.get('g'), {
      id: 'g',
      total: 30,
      cells: [
        { value: 20, status: 'shown' },
        { value: null, status: 'small' },
        { value: 0, status: 'shown' },
        { value: null, status: 'hidden' },
      ],
    });
    assert.deepEqual(statuses(protectTable([row('g', [20, 6, 9])]).get('g')), ['shown', 'shown', 'shown']);
  });

  it('two small counts that could only be 1 and 1 are not left to be worked out', () => {
    // total 12 = 10 + x + y with x, y in 1–4 gives x = y = 1: a third count must be hidden.
    const out = protectTable([row('g', [10, 1, 1])]);
    assert.deepEqual(statuses(out.get('g')), ['hidden', 'small', 'small']);
  });

  it('a small group where everyone has the same position is withheld whole', () => {
    const out = protectTable([row('dagplejer', [3, 0, 0])]);
    assert.deepEqual(out.get('dagplejer'), {
      id: 'dagplejer',
      total: 3,
      cells: [
        { value: null, status: 'withheld' },
        { value: null, status: 'withheld' },
        { value: null, status: 'withheld' },
      ],
    });
  });

  it('a group cannot be worked out from the institution and the other groups', () => {
    const out = protectTable([row('inst', [30, 8, 2]), row('a', [15, 4, 1], 'inst'), row('b', [15, 4, 1], 'inst')]);
    // The institution's 8 is shown: a's and b's 4 are both "<5" and could be 4 + 4 only — so more is hidden.
    const a = out.get('a')!;
    const b = out.get('b')!;
    const inst = out.get('inst')!;
    assert.equal(a.cells[1]!.status, 'small');
    assert.equal(b.cells[1]!.status, 'small');
    assert.notEqual(inst.cells[1]!.status, 'shown');
  });

  it('refuses a parent that is not the sum of its children (a caller bug, not data)', () => {
    assert.throws(() => protectTable([row('p', [5, 5]), row('c', [5, 4], 'p')]), /not the sum/);
  });

  it('property: shown counts and every total are the true ones; a count of 1–4 is never shown', () => {
    fc.assert(
      fc.property(tableArb, (rows) => {
        const out = protectTable(rows);
        for (const r of rows) {
          const p = out.get(r.id)!;
          assert.equal(p.total, r.cells.reduce((a, b) => a + b, 0));
          r.cells.forEach((v, c) => {
            const cell = p.cells[c]!;
            if (cell.status === 'shown') assert.equal(cell.value, v);
            else assert.equal(cell.value, null);
            if (v >= 1 && v < SMALL_CELL_THRESHOLD) assert.notEqual(cell.status, 'shown');
            if (cell.status === 'small') assert.ok(v >= 1 && v < SMALL_CELL_THRESHOLD);
            if (cell.status === 'hidden') assert.ok(v === 0 || v >= SMALL_CELL_THRESHOLD);
          });
          if (p.cells.every((c) => c.status === 'shown')) assert.equal(p.cells.reduce((a, c) => a + c.value!, 0), p.total);
          if (p.cells.some((c) => c.status === 'withheld')) assert.ok(p.cells.every((c) => c.status === 'withheld'), 'withheld means the whole row');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('property: no count of 1–4 can be worked out from a row total, or a parent, and the other counts', () => {
    fc.assert(
      fc.property(tableArb, (rows) => {
        const out = protectTable(rows);
        for (const relation of relationsOf(rows)) {
          const values = valuesInRelation(rows, out, relation);
          relation.terms.forEach((t, i) => {
            const r = rows[t.row]!;
            const v = r.cells[t.col]!;
            if (out.get(r.id)!.cells[t.col]!.status === 'shown') return;
            assert.ok(values[i]!.includes(v), 'the true value is among the possible ones');
            if (v >= 1 && v < SMALL_CELL_THRESHOLD) assert.ok(values[i]!.length >= 2, `${r.id}[${t.col}] = ${v} is recoverable: ${JSON.stringify(values[i])}`);
          });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('property: nor by combining every relation of a small table (exhaustive search)', () => {
    const small = fc.array(fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(small, (groups) => {
        const rows = [row('top', [0, 1].map((c) => groups.reduce((n, g) => n + g[c]!, 0))), ...groups.map((g, i) => row(`g${i}`, g, 'top'))];
        const out = protectTable(rows);
        const relations = relationsOf(rows);
        const unknown = rows.flatMap((r, ri) =>
          r.cells.flatMap((v, c) => {
            const p = out.get(r.id)!;
            return p.cells[c]!.status === 'shown' ? [] : [{ ri, c, v, values: knownValues(p.cells[c]!.status, v, p.total) }];
          }),
        );
        const seen = unknown.map(() => new Set<number>());
        const grid = rows.map((r) => [...r.cells]);
        const search = (k: number): void => {
          if (k === unknown.length) {
            if (relations.every((rel) => rel.terms.reduce((n, t) => n + t.coef * grid[t.row]![t.col]!, 0) === rel.constant)) unknown.forEach((u, j) => seen[j]!.add(grid[u.ri]![u.c]!));
            return;
          }
          for (const v of unknown[k]!.values) {
            grid[unknown[k]!.ri]![unknown[k]!.c] = v;
            search(k + 1);
          }
        };
        search(0);
        unknown.forEach((u, j) => {
          if (u.v >= 1 && u.v < SMALL_CELL_THRESHOLD) assert.ok(seen[j]!.size >= 2, `${rows[u.ri]!.id}[${u.c}] = ${u.v} follows from the whole table`);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('property: a table without counts of 1–4 is shown as it is', () => {
    const big = fc.oneof(fc.constant(0), fc.integer({ min: SMALL_CELL_THRESHOLD, max: 40 }));
    fc.assert(
      fc.property(fc.array(fc.array(big, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (groups) => {
        const top = [0, 1, 2].map((c) => groups.reduce((n, g) => n + g[c]!, 0));
        const out = protectTable([row('top', top), ...groups.map((g, i) => row(`g${i}`, g, 'top'))]);
        for (const p of out.values()) assert.ok(p.cells.every((c) => c.status === 'shown'));
      }),
    );
  });

  it('property: the same table always gives the same suppression', () => {
    fc.assert(
      fc.property(tableArb, (rows) => {
        assert.deepEqual([...protectTable(rows)], [...protectTable(rows.map((r) => ({ ...r, cells: [...r.cells] })))]);
      }),
      { numRuns: 50 },
    );
  });
});
