// The fictitious demo municipality, seeded once at the first `npm start` (architecture.md
// "Running"): five districts with a school, daycares and a district team each (domain.md
// §1, S1, S5), the authority with two case teams (S8), a preventive unit (S9), staff of
// every role, ≈ 5,700 children with custody holders and three years of enrolment history
// along the Danish path sundhedspleje → dagpleje/vuggestue → børnehave → skole/SFO → klub.
//
// Deterministic: a fixed-seed PRNG and counter-derived UUIDs, so the same `today` gives the
// same rows and ids (argon2 salts and created_at excepted). Only fictitious CPR numbers
// (month + 20, domain/cpr.ts). Every tenant row is written in one scoped, audited
// transaction; rows go in as multi-row inserts in id order, which keeps the B-tree inserts
// on the right edge of each index (the seed runs on PGlite's single WASM connection).
import { sql } from 'kysely';
import { staffActor, systemActor } from '../access/actor.ts';
import { systemClock, withScope, type Clock, type DataContext, type Scope } from '../access/scope.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/connect.ts';
import { createMunicipality, findMunicipalityByCode } from '../db/tenants.ts';
import type { DB, NewRow } from '../db/types.ts';
import { addDays, isValidDay } from '../domain/calendar.ts';
import { fictitiousCpr } from '../domain/cpr.ts';
import type { Profession, Role, UnitKind } from '../domain/roles.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { createRound } from '../modules/screening/setup-service.ts';
import * as demo from './demo-data.ts';
import { seedScreeningHistory } from './demo-screening-history.ts';
import { seedDemoGuide } from './demo-guide.ts';
import { seedDemoStafetlog } from './demo-stafetlog.ts';

export { DEMO_LOGINS, DEMO_MUNICIPALITY_ID, DEMO_PASSWORD, type DemoLogin } from './demo-data.ts';

export interface DemoCounts {
  districts: number;
  institutions: number;
  groups: number;
  teams: number;
  staff: number;
  children: number;
  custodyHolders: number;
  enrolments: number;
  relations: number;
}

export interface DemoSummary {
  seeded: boolean;
  municipalityId: string;
  counts: DemoCounts;
  logins: demo.DemoLogin[];
}

// ---------------------------------------------------------------------------------------
// Deterministic randomness and ids

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

class Rng {
  private readonly next: () => number;
  constructor(label: string) {
    // One stream per concern, so a change in (say) staff does not reshuffle the children.
    this.next = mulberry32((demo.DEMO_SEED ^ hashString(label)) >>> 0);
  }
  float(): number {
    return this.next();
  }
  /** lo..hi inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i += 1) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
}

function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex32 = (n: number) => HEX[(n >>> 24) & 255]! + HEX[(n >>> 16) & 255]! + HEX[(n >>> 8) & 255]! + HEX[n & 255]!;
const hex16 = (n: number) => HEX[(n >>> 8) & 255]! + HEX[n & 255]!;

const ID_TAGS = {
  districts: 0x11,
  institutions: 0x22,
  groups: 0x33,
  teams: 0x44,
  users: 0x55,
  memberships: 0x66,
  children: 0x77,
  custodyHolders: 0x88,
  childCustody: 0x99,
  enrolments: 0xaa,
  childRelations: 0xbb,
} as const;
type IdTag = keyof typeof ID_TAGS;

/**
 * v4-formatted UUIDs from (table, counter): the first 32 bits are the table tag and the
 * counter, so ids rise in creation order (cheap B-tree inserts); the other bits are a
 * hash of the same, so ids still look random past the first group.
 */
class Ids {
  private readonly counters = new Map<IdTag, number>();
  next(tag: IdTag): string {
    const n = this.counters.get(tag) ?? 0;
    this.counters.set(tag, n + 1);
    const t = ID_TAGS[tag];
    const w0 = ((t << 24) | n) >>> 0;
    const w1 = fmix32(w0 ^ demo.DEMO_SEED);
    const w2 = fmix32(w1 + 0x9e3779b9);
    const w3 = fmix32(w2 ^ 0x7f4a7c15);
    return `${hex32(w0)}-${hex16(w1 >>> 16)}-${hex16(0x4000 | (w1 & 0x0fff))}-${hex16(0x8000 | ((w2 >>> 16) & 0x3fff))}-${hex16(w2)}${hex32(w3)}`;
  }
}

// ---------------------------------------------------------------------------------------
// Calendar days as integers (days since 1970-01-01), converted to 'YYYY-MM-DD' at the end.

const MS_DAY = 86_400_000;
const dayNum = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / MS_DAY;
const ymd = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / MS_DAY;
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const dayStrings: string[] = [];
const DAY_BASE = -36525; // 1870-01-01: every day the seed touches lies after it
function dayStr(n: number): string {
  return (dayStrings[n - DAY_BASE] ??= new Date(n * MS_DAY).toISOString().slice(0, 10));
}
interface Ymd {
  y: number;
  m: number;
  d: number;
}
function parts(n: number): Ymd {
  const dt = new Date(n * MS_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}
/** The day a person born on b turns `years` (1 March for leap-day births in common years, as ageOn). */
function birthday(b: Ymd, years: number): number {
  const y = b.y + years;
  return b.m === 2 && b.d === 29 && !isLeap(y) ? ymd(y, 3, 1) : ymd(y, b.m, b.d);
}
/** The same calendar day `years` earlier (28 February for a leap day). */
function yearsBefore(day: number, years: number): number {
  const p = parts(day);
  const y = p.y - years;
  return p.m === 2 && p.d === 29 && !isLeap(y) ? ymd(y, 2, 28) : ymd(y, p.m, p.d);
}

// ---------------------------------------------------------------------------------------
// Names

export function asciiName(s: string): string {
  return s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9.-]/g, '');
}

/** Unique fictitious CPR numbers: per birth date a serial whose last digit is odd for boys (the CPR convention). */
class CprAllocator {
  private readonly used = new Map<number, { first: number; offset: number; count: number }>();
  constructor(private readonly rng: Rng) {}
  next(birth: number, male: boolean): string {
    let slot = this.used.get(birth);
    if (!slot) {
      const year = parts(birth).y;
      // Century digit (loosely the CPR rule): 4 for 2000–2036, 0–3 for the 1900s.
      slot = { first: year >= 2000 ? 4 : this.rng.int(0, 3), offset: this.rng.int(0, 99), count: 0 };
      this.used.set(birth, slot);
    }
    const serial = slot.first * 1000 + 2 * (slot.offset + slot.count) + (male ? 1 : 0);
    slot.count += 1;
    return fictitiousCpr(dayStr(birth), serial);
  }
}

// ---------------------------------------------------------------------------------------
// The generated municipality

export interface DemoData {
  today: string;
  districts: NewRow<'districts'>[];
  institutions: NewRow<'institutions'>[];
  groups: NewRow<'groups'>[];
  teams: NewRow<'teams'>[];
  users: (NewRow<'users'> & { loginIndex: number | null })[];
  memberships: NewRow<'memberships'>[];
  children: NewRow<'children'>[];
  custodyHolders: NewRow<'custodyHolders'>[];
  childCustody: NewRow<'childCustody'>[];
  enrolments: NewRow<'enrolments'>[];
  childRelations: NewRow<'childRelations'>[];
  counts: DemoCounts;
}

interface Inst {
  id: string;
  name: string;
  type: string;
  district: number | null;
}
interface Group {
  id: string;
  inst: Inst;
  name: string;
}
interface Family {
  district: number;
  move: { at: number; to: number } | null;
  lastName: string;
  holders: { id: string; relation: 'mor' | 'far' | 'anden'; hasCustody: boolean; from: number | null }[];
  firstBirth: number;
  lastBirth: number;
  size: number;
  firstNames: Set<string>;
}
interface ChildGen {
  id: string;
  birth: number;
  family: Family;
}
const M = demo.DEMO_MUNICIPALITY_ID;

export function buildDemoData(today: string): DemoData {
  if (!isValidDay(today)) throw new Error(`seedDemo: invalid day ${today}`);
  const T = dayNum(today);
  const windowStart = yearsBefore(T, demo.HISTORY_YEARS);
  const ids = new Ids();

  // --- Organisation -------------------------------------------------------------------
  const districts = demo.DEMO_DISTRICTS.map((d) => ({ id: ids.next('districts'), ...d }));
  const institutions: Inst[] = [];
  const inst = (name: string, type: string, district: number | null): Inst => {
    const i = { id: ids.next('institutions'), name, type, district };
    institutions.push(i);
    return i;
  };
  const schools = districts.map((d, k) => inst(d.school, 'skole', k));
  const sfos = districts.map((d, k) => inst(`SFO ${d.school}`, 'sfo', k));
  const klubber = demo.DEMO_KLUBBER.map((name, k) => inst(name, 'klub', districts.findIndex((d) => d.klub === k)));
  const daycares = districts.map((d, k) => d.daycares.map((c) => inst(c.name, c.type, k)));
  const dagpleje = inst(demo.MUNICIPAL_INSTITUTIONS.dagpleje, 'dagpleje', null);
  const sundhedspleje = inst(demo.MUNICIPAL_INSTITUTIONS.sundhedspleje, 'sundhedspleje', null);
  const ppr = inst(demo.MUNICIPAL_INSTITUTIONS.ppr, 'ppr', null);
  const myndighed = inst(demo.MUNICIPAL_INSTITUTIONS.myndighed, 'myndighed', null);
  const forebyggende = inst(demo.MUNICIPAL_INSTITUTIONS.forebyggende, 'forebyggende_enhed', null);
  const udfoerer = inst(demo.MUNICIPAL_INSTITUTIONS.udfoerer, 'udfoerer', null);

  const groups: Group[] = [];
  const group = (i: Inst, name: string): Group => {
    const g = { id: ids.next('groups'), inst: i, name };
    groups.push(g);
    return g;
  };
  const letters = 'ABCDEFGH';
  const classes = districts.map((d, k) =>
    Array.from({ length: 10 }, (_, level) =>
      Array.from({ length: d.classesPerLevel }, (_, l) => group(schools[k]!, `${level}.${letters[l]}`)),
    ),
  );
  const healthGroups = districts.map((d) => group(sundhedspleje, d.name));

  const teams: NewRow<'teams'>[] = [];
  const team = (name: string, kind: string, districtId: string | null, institutionId: string | null): string => {
    const id = ids.next('teams');
    teams.push({ municipalityId: M, id, name, kind, districtId, institutionId, archivedAt: null });
    return id;
  };
  const districtTeams = districts.map((d) => team(`Distriktsteam ${d.name.replace(/^Distrikt /, '')}`, 'district_team', d.id, null));
  const schoolTeams = districts.map((d, k) => team(`Tværfagligt team ${d.school}`, 'tvaerfagligt_team', d.id, schools[k]!.id));
  const caseTeams = demo.CASE_TEAMS.map((n) => team(n, 'case_team', null, myndighed.id));

  // --- Children and families ----------------------------------------------------------
  const rng = new Rng('children');
  const cprs = new CprAllocator(new Rng('cpr'));
  const children: NewRow<'children'>[] = [];
  const childGens: ChildGen[] = [];
  const holders: NewRow<'custodyHolders'>[] = [];
  const weights = districts.map((d) => d.weight);

  // Born from the day after the 18th-birthday cut-off up to today: ages 0–17, spread evenly.
  const earliest = yearsBefore(T, 18) + 1;
  const span = T - earliest + 1;
  const families: Family[] = [];
  let older = 0; // families[older..younger) were started 460–2600 days before the current birth
  let younger = 0;

  const newFamily = (firstBirth: number): Family => {
    const district = rng.weighted(weights);
    let move: Family['move'] = null;
    if (rng.chance(0.03)) {
      let to = rng.weighted(weights);
      if (to === district) to = (district + 1) % districts.length;
      move = { at: rng.int(windowStart + 30, T - 30), to };
    }
    const familyName = rng.pick(demo.LAST_NAMES);
    const motherAge = 20 + rng.int(0, 8) + rng.int(0, 10);
    const motherBirth = firstBirth - Math.round(motherAge * 365.25) - rng.int(0, 364);
    const fatherBirth = motherBirth - rng.int(-700, 2600);
    const mother = { first: rng.pick(demo.WOMEN_NAMES), last: rng.chance(0.6) ? familyName : rng.pick(demo.LAST_NAMES), birth: motherBirth };
    const father = { first: rng.pick(demo.MEN_NAMES), last: familyName, birth: fatherBirth };
    const r = rng.float();
    const fam: Family = { district, move, lastName: familyName, holders: [], firstBirth, lastBirth: firstBirth, size: 0, firstNames: new Set() };
    const addHolder = (p: { first: string; last: string; birth: number }, male: boolean, relation: 'mor' | 'far' | 'anden', hasCustody: boolean, from: number | null) => {
      const id = ids.next('custodyHolders');
      holders.push({ municipalityId: M, id, cpr: cprs.next(p.birth, male), firstName: p.first, lastName: p.last, phone: null, email: null });
      fam.holders.push({ id, relation, hasCustody, from });
    };
    if (r < 0.78) {
      addHolder(mother, false, 'mor', true, null);
      addHolder(father, true, 'far', true, null);
    } else if (r < 0.9) {
      // Single custody: the other parent is known and linked, without custody.
      const motherHasIt = rng.chance(0.8);
      addHolder(mother, false, 'mor', motherHasIt, null);
      addHolder(father, true, 'far', !motherHasIt, null);
    } else if (r < 0.97) {
      if (rng.chance(0.85)) {
        addHolder(mother, false, 'mor', true, null);
        fam.lastName = mother.last;
      } else addHolder(father, true, 'far', true, null);
    } else {
      // Custody with someone else (a grandparent, a relative) from some day after birth.
      const male = rng.chance(0.3);
      const other = { first: rng.pick(male ? demo.MEN_NAMES : demo.WOMEN_NAMES), last: familyName, birth: firstBirth - rng.int(45 * 365, 62 * 365) };
      addHolder(other, male, 'anden', true, firstBirth + rng.int(200, 2000));
    }
    return fam;
  };

  for (let i = 0; i < demo.DEMO_CHILD_COUNT; i += 1) {
    const birth = earliest + Math.floor(((i + rng.float()) * span) / demo.DEMO_CHILD_COUNT);
    // Siblings: join a family whose youngest is 1¼–7 years older (at most three children).
    let family: Family | undefined;
    if (rng.chance(0.4)) {
      while (younger < families.length && families[younger]!.firstBirth <= birth - 460) younger += 1;
      while (older < younger && families[older]!.firstBirth < birth - 2600) older += 1;
      for (let tries = 0; tries < 8 && !family && older < younger; tries += 1) {
        const f = families[rng.int(older, younger - 1)]!;
        if (f.size < 3 && f.lastBirth >= birth - 2600 && f.lastBirth <= birth - 460) family = f;
      }
    }
    if (!family) {
      family = newFamily(birth);
      families.push(family);
    }
    family.size += 1;
    family.lastBirth = birth;
    const male = rng.chance(0.51);
    let first = rng.pick(male ? demo.BOY_NAMES : demo.GIRL_NAMES);
    for (let k = 0; k < 5 && family.firstNames.has(first); k += 1) first = rng.pick(male ? demo.BOY_NAMES : demo.GIRL_NAMES);
    family.firstNames.add(first);
    const child: ChildGen = { id: ids.next('children'), birth, family };
    childGens.push(child);
    children.push({ municipalityId: M, id: child.id, cpr: cprs.next(birth, male), firstName: first, lastName: family.lastName, birthDate: dayStr(birth) });
  }

  const childCustody: NewRow<'childCustody'>[] = [];
  for (const c of childGens) {
    for (const h of c.family.holders) {
      const from = h.from === null ? c.birth : Math.min(Math.max(c.birth, h.from), T);
      childCustody.push({
        municipalityId: M,
        id: ids.next('childCustody'),
        childId: c.id,
        custodyHolderId: h.id,
        relation: h.relation,
        hasCustody: h.hasCustody,
        validFrom: dayStr(from),
        validTo: null,
      });
    }
  }

  // --- Enrolment paths ----------------------------------------------------------------
  // Daycare groups are sized from the children in them today, so an enrolment in a daycare
  // first records its pool and the child's slot in it; the group is filled in afterwards.
  interface Pool {
    counter: number;
    current: number;
    groups: Group[];
  }
  interface Place {
    inst: Inst;
    group: Group | null;
    pool: Pool | null;
  }
  const newPool = (): Pool => ({ counter: 0, current: 0, groups: [] });
  const nurseryPools = new Map<Inst, Pool>();
  const kindergartenPools = new Map<Inst, Pool>();
  const nurseryPlace = new Map<Inst, Place>();
  const kindergartenPlace = new Map<Inst, Place>();
  for (const i of daycares.flat()) {
    if (i.type !== 'boernehave') nurseryPools.set(i, newPool());
    if (i.type !== 'vuggestue') kindergartenPools.set(i, newPool());
    if (i.type !== 'boernehave') nurseryPlace.set(i, { inst: i, group: null, pool: nurseryPools.get(i)! });
    if (i.type !== 'vuggestue') kindergartenPlace.set(i, { inst: i, group: null, pool: kindergartenPools.get(i)! });
  }
  const dagplejePools = districts.map(newPool);
  const dagplejePlace = dagplejePools.map((pool): Place => ({ inst: dagpleje, group: null, pool }));
  const healthPlace = districts.map((_, d): Place => ({ inst: sundhedspleje, group: healthGroups[d]!, pool: null }));
  const classPlace = districts.map((_, d) => classes[d]!.map((level) => level.map((g): Place => ({ inst: schools[d]!, group: g, pool: null }))));
  const sfoPlace = districts.map((_, d): Place => ({ inst: sfos[d]!, group: null, pool: null }));
  const klubPlace = districts.map((d): Place => ({ inst: klubber[d.klub]!, group: null, pool: null }));
  const classCounters = districts.map(() => 0);
  const kindergartens = daycares.map((list) => list.filter((x) => x.type !== 'vuggestue'));
  const vuggestuer = daycares.map((list) => list.filter((x) => x.type === 'vuggestue'));
  const integrerede = daycares.map((list) => list.filter((x) => x.type === 'integreret'));

  const enrolments: NewRow<'enrolments'>[] = [];
  const pooled: { row: NewRow<'enrolments'>; pool: Pool; slot: number }[] = [];
  const erng = new Rng('enrolments');
  const NURSERY = 0;
  const KINDERGARTEN = 1;
  const SCHOOL = 2;

  for (const c of childGens) {
    const b = parts(c.birth);
    const fam = c.family;
    // The child's daycare choices and class letter per district, made once (a move gives new ones).
    const chosen: (Place | number | undefined)[][] = [];
    const slots = new Map<Pool, number>();
    const choose = (d: number, what: number): Place | number => {
      const mine = (chosen[d] ??= []);
      const known = mine[what];
      if (known !== undefined) return known;
      if (what === SCHOOL) {
        mine[SCHOOL] = classCounters[d]! % districts[d]!.classesPerLevel;
        classCounters[d]! += 1;
        return mine[SCHOOL];
      }
      const kg = erng.pick(kindergartens[d]!);
      const r = erng.float();
      let nursery: Place;
      // About one in eight starts in dagpleje.
      if (kg.type === 'integreret') {
        nursery = r < 0.8 ? nurseryPlace.get(kg)! : r < 0.9 || !vuggestuer[d]!.length ? dagplejePlace[d]! : nurseryPlace.get(erng.pick(vuggestuer[d]!))!;
      } else if (r < 0.15) nursery = dagplejePlace[d]!;
      else if (vuggestuer[d]!.length && r < 0.85) nursery = nurseryPlace.get(erng.pick(vuggestuer[d]!))!;
      else nursery = integrerede[d]!.length ? nurseryPlace.get(erng.pick(integrerede[d]!))! : dagplejePlace[d]!;
      mine[NURSERY] = nursery;
      mine[KINDERGARTEN] = kindergartenPlace.get(kg)!;
      return mine[what]!;
    };
    const place = (what: 'health' | 'nursery' | 'kindergarten' | 'sfo' | 'klub' | number, d: number): Place => {
      switch (what) {
        case 'health':
          return healthPlace[d]!;
        case 'nursery':
          return choose(d, NURSERY) as Place;
        case 'kindergarten':
          return choose(d, KINDERGARTEN) as Place;
        case 'sfo':
          return sfoPlace[d]!;
        case 'klub':
          return klubPlace[d]!;
        default:
          return classPlace[d]![what]![choose(d, SCHOOL) as number]!;
      }
    };
    const push = (from: number, to: number, d: number, what: Parameters<typeof place>[0]) => {
      if (to < windowStart || from > T) return;
      const p = place(what, d);
      const open = to >= T;
      const row: NewRow<'enrolments'> = {
        municipalityId: M,
        id: ids.next('enrolments'),
        childId: c.id,
        institutionId: p.inst.id,
        groupId: p.group ? p.group.id : null,
        validFrom: dayStr(from),
        validTo: open ? null : dayStr(to),
        correctsId: null,
      };
      enrolments.push(row);
      if (p.pool) {
        let slot = slots.get(p.pool);
        if (slot === undefined) {
          slot = p.pool.counter++;
          slots.set(p.pool, slot);
        }
        if (open) p.pool.current += 1;
        pooled.push({ row, pool: p.pool, slot });
      }
    };
    // A family that moves district changes institution on the day it moves.
    const emit = (from: number, to: number, what: Parameters<typeof place>[0]) => {
      if (to < windowStart || from > T) return;
      const move = fam.move;
      if (move && move.at > from && move.at <= to) {
        push(from, move.at - 1, fam.district, what);
        push(move.at, to, move.to, what);
      } else push(from, to, move && from >= move.at ? move.to : fam.district, what);
    };
    // Sundhedspleje in the first year (the district's health visitors).
    emit(c.birth, birthday(b, 1) - 1, 'health');
    // Dagpleje or vuggestue from 10–12 months, børnehave from 3 until school starts.
    emit(c.birth + erng.int(300, 365), birthday(b, 3) - 1, 'nursery');
    emit(birthday(b, 3), ymd(b.y + 6, 7, 31), 'kindergarten');
    // School from 1 August in the year the child turns 6; one row per school year (class).
    for (let level = 0; level < 10; level += 1) emit(ymd(b.y + 6 + level, 8, 1), ymd(b.y + 7 + level, 7, 31), level);
    // SFO for 0.–3. klasse, klub for 4.–8. klasse (ages 10–14): enrolled in the
    // institution, without a group.
    if (erng.chance(0.85)) emit(ymd(b.y + 6, 8, 1), ymd(b.y + 10, 7, 31), 'sfo');
    if (erng.chance(0.6)) emit(ymd(b.y + 10, 8, 1), erng.chance(0.65) ? ymd(b.y + 15, 7, 31) : ymd(b.y + 13, 7, 31), 'klub');
  }

  // Size daycare groups from the children in each pool today: ≈ 20 per børnehave stue,
  // ≈ 12 per vuggestue stue, 4–5 per dagplejer.
  const srng = new Rng('staff');
  for (const list of daycares) {
    for (const i of list) {
      for (const [pool, names, size] of [
        [nurseryPools.get(i), demo.NURSERY_GROUPS, 12],
        [kindergartenPools.get(i), demo.KINDERGARTEN_GROUPS, 20],
      ] as const) {
        if (!pool || pool.counter === 0) continue;
        const n = Math.min(names.length, Math.max(1, Math.round(pool.current / size)));
        pool.groups = names.slice(0, n).map((name) => group(i, name));
      }
    }
  }
  const dagplejerNames: { first: string; last: string }[] = [];
  const usedDagplejer = new Set<string>();
  for (const pool of dagplejePools) {
    const n = Math.max(2, Math.ceil(pool.current / 5));
    for (let k = 0; k < n; k += 1) {
      let name: { first: string; last: string };
      do name = { first: srng.pick(demo.WOMEN_NAMES), last: srng.pick(demo.LAST_NAMES) };
      while (usedDagplejer.has(`${name.first} ${name.last}`));
      usedDagplejer.add(`${name.first} ${name.last}`);
      dagplejerNames.push(name);
      pool.groups.push(group(dagpleje, `Dagplejer ${name.first} ${name.last}`));
    }
  }
  const groupCount = new Map<string, number>();
  for (const { row, pool, slot } of pooled) {
    const g = pool.groups[slot % pool.groups.length]!;
    row.groupId = g.id;
    if (row.validTo === null) groupCount.set(g.id, (groupCount.get(g.id) ?? 0) + 1);
  }

  // --- Staff --------------------------------------------------------------------------
  const users: DemoData['users'] = [];
  const memberships: NewRow<'memberships'>[] = [];
  const usernames = new Set<string>();
  type Unit = [Role, UnitKind, string];
  const staff = (o: {
    profession: Profession;
    units: Unit[];
    login?: string;
    name?: { first: string; last: string };
    female?: number;
    /** Earlier memberships that ended (history). */
    past?: Unit[];
    /** A former employee: every membership ended, the account deactivated. */
    left?: boolean;
  }): string => {
    const female = srng.chance(o.female ?? 0.7);
    const name = o.name ?? { first: srng.pick(female ? demo.WOMEN_NAMES : demo.MEN_NAMES), last: srng.pick(demo.LAST_NAMES) };
    let username = o.login;
    if (!username) {
      const base = `${asciiName(name.first)}.${asciiName(name.last)}`;
      username = base;
      for (let n = 2; usernames.has(username); n += 1) username = `${base}${n}`;
    }
    usernames.add(username);
    const id = ids.next('users');
    const start = T - srng.int(400, 4400);
    const from = ymd(parts(start).y, parts(start).m, 1);
    const endedAt = o.left ? T - srng.int(30, 300) : null;
    const loginIndex = o.login ? demo.DEMO_LOGINS.findIndex((l) => l.username === o.login) : -1;
    users.push({
      municipalityId: M,
      id,
      username,
      displayName: `${name.first} ${name.last}`,
      email: `${username}@demo-kommune.example`,
      profession: o.profession,
      passwordHash: null,
      ssoSubject: null,
      blockedAt: null,
      deactivatedAt: endedAt === null ? null : new Date((endedAt + 1) * MS_DAY),
      loginIndex: loginIndex >= 0 ? loginIndex : null,
    });
    if (o.past?.length) {
      const pastFrom = from - srng.int(400, 1500);
      for (const [role, unitKind, unitId] of o.past) {
        memberships.push({ municipalityId: M, id: ids.next('memberships'), userId: id, role, unitKind, unitId, validFrom: dayStr(pastFrom), validTo: dayStr(from - 1) });
      }
    }
    for (const [role, unitKind, unitId] of o.units) {
      memberships.push({
        municipalityId: M,
        id: ids.next('memberships'),
        userId: id,
        role,
        unitKind,
        unitId,
        validFrom: dayStr(from),
        validTo: endedAt === null ? null : dayStr(endedAt),
      });
    }
    return id;
  };

  const nord = 0;
  const isLarge = (d: number) => districts[d]!.large;
  // The demo pædagog's stue: the Solsikken stue with a child count closest to 20.
  const solsikken = daycares[nord]!.find((i) => i.type === 'boernehave')!;
  const solsikkenGroups = kindergartenPools.get(solsikken)!.groups;
  const demoStue = [...solsikkenGroups].sort((a, b) => Math.abs((groupCount.get(a.id) ?? 0) - 20) - Math.abs((groupCount.get(b.id) ?? 0) - 20))[0]!;
  const demoClass = classes[nord]![3]![0]!;
  const districtStaff: { forebyggende: string[] }[] = [];

  districts.forEach((d, k) => {
    const school = schools[k]!;
    staff({ profession: 'leder', login: k === nord ? 'skoleleder' : undefined, units: [['leder', 'institution', school.id], ['leder', 'team', schoolTeams[k]!]] });
    staff({ profession: 'leder', units: [['leder', 'institution', sfos[k]!.id]] });
    // Lærere: the demo lærer has one class; the others teach five classes each.
    const classList = classes[k]!.flat().filter((g) => g !== demoClass);
    if (k === nord) staff({ profession: 'laerer', login: 'laerer', units: [['fagperson', 'group', demoClass.id]] });
    for (let c = 0; c < classList.length; c += 5) {
      const past: Unit[] | undefined = c === 0 ? [['fagperson', 'group', classes[(k + 1) % districts.length]![9]![0]!.id]] : undefined;
      staff({ profession: 'laerer', units: classList.slice(c, c + 5).map((g) => ['fagperson', 'group', g.id] as Unit), past });
    }
    staff({ profession: 'trivselsmedarbejder', units: [['fagperson', 'team', schoolTeams[k]!]] });
    // Daycares: a leader each; pædagoger with two stuer each (the demo pædagog has one).
    for (const i of daycares[k]!) {
      staff({ profession: 'leder', login: i === solsikken ? 'leder' : undefined, units: [['leder', 'institution', i.id]] });
      const stuer = [...(nurseryPools.get(i)?.groups ?? []), ...(kindergartenPools.get(i)?.groups ?? [])].filter((g) => g !== demoStue);
      if (i === solsikken) staff({ profession: 'paedagog', login: 'paedagog', units: [['fagperson', 'group', demoStue.id]] });
      for (let s = 0; s < stuer.length; s += 2) {
        staff({ profession: 'paedagog', units: stuer.slice(s, s + 2).map((g) => ['fagperson', 'group', g.id] as Unit) });
      }
    }
    // Health visitors, the PPR psychologist and the forebyggende rådgivere make up the
    // fixed district team (S5: social worker, psychologist, health visitor).
    const nurses = isLarge(k) ? 2 : 1;
    for (let n = 0; n < nurses; n += 1) {
      const units: Unit[] = [['fagperson', 'group', healthGroups[k]!.id]];
      if (n === 0) units.push(['fagperson', 'team', districtTeams[k]!], ['fagperson', 'team', schoolTeams[k]!]);
      staff({ profession: 'sundhedsplejerske', female: 0.97, login: k === nord && n === 0 ? 'sundhedsplejerske' : undefined, units });
    }
    staff({ profession: 'ppr_psykolog', units: [['fagperson', 'institution', ppr.id], ['fagperson', 'team', districtTeams[k]!], ['fagperson', 'team', schoolTeams[k]!]] });
    const fb: string[] = [];
    for (let n = 0; n < (isLarge(k) ? 2 : 1); n += 1) {
      const units: Unit[] = [['forebyggende_raadgiver', 'institution', forebyggende.id], ['forebyggende_raadgiver', 'team', districtTeams[k]!]];
      if (n === 0) units.push(['forebyggende_raadgiver', 'team', schoolTeams[k]!]);
      fb.push(staff({ profession: 'socialraadgiver', login: k === nord && n === 0 ? 'forebyggende' : undefined, units }));
    }
    districtStaff.push({ forebyggende: fb });
    staff({ profession: 'anden', login: k === nord ? 'facilitator' : undefined, units: [['distriktsfacilitator', 'district', d.id]] });
  });
  // Dagplejere, each the only adult in her group.
  const dagplejerGroups = dagplejePools.flatMap((pool) => pool.groups);
  dagplejerGroups.forEach((g, n) => {
    staff({ profession: 'dagplejer', name: dagplejerNames[n]!, login: n === 0 ? 'dagplejer' : undefined, units: [['fagperson', 'group', g.id]] });
  });
  for (const k of klubber) staff({ profession: 'leder', units: [['leder', 'institution', k.id]] });
  for (const i of [dagpleje, sundhedspleje, ppr, forebyggende, udfoerer]) staff({ profession: 'leder', units: [['leder', 'institution', i.id]] });
  staff({ profession: 'leder', login: 'myndighedsleder', units: [['myndighedsleder', 'institution', myndighed.id]] });
  caseTeams.forEach((t, n) => staff({ profession: 'socialraadgiver', login: n === 0 ? 'teamleder' : undefined, units: [['teamleder', 'team', t]] }));
  const caseWorkers: string[] = [];
  caseTeams.forEach((t, n) => {
    for (let w = 0; w < 5; w += 1) {
      const past: Unit[] | undefined = n === 1 && w === 0 ? [['myndighedsraadgiver', 'team', caseTeams[0]!]] : undefined;
      caseWorkers.push(staff({ profession: 'socialraadgiver', login: n === 0 && w === 0 ? 'raadgiver' : undefined, units: [['myndighedsraadgiver', 'team', t]], past }));
    }
  });
  const familyWorkers: string[] = [];
  for (let w = 0; w < 5; w += 1) {
    familyWorkers.push(staff({ profession: 'familiebehandler', login: w === 0 ? 'familiebehandler' : undefined, units: [['familiebehandler', 'institution', udfoerer.id]] }));
  }
  staff({ profession: 'administrativ', login: 'admin', units: [['admin', 'municipality', M]] });
  staff({ profession: 'administrativ', login: 'dpo', units: [['dpo', 'municipality', M]] });
  // Former employees: their memberships ended, the accounts are deactivated (history).
  staff({ profession: 'paedagog', left: true, units: [['fagperson', 'group', solsikkenGroups[solsikkenGroups.length - 1]!.id]] });
  staff({ profession: 'socialraadgiver', left: true, units: [['myndighedsraadgiver', 'team', caseTeams[1]!]] });

  // --- Caseloads and courses (S8: ≈ 25 cases per case worker; S9: 6–12 families) --------
  const rrng = new Rng('relations');
  const childRelations: NewRow<'childRelations'>[] = [];
  const taken = new Set<number>();
  const districtToday = (c: ChildGen) => (c.family.move && c.family.move.at <= T ? c.family.move.to : c.family.district);
  const relation = (childIdx: number, subjectId: string, kind: string, from: number, to: number | null = null) => {
    const c = childGens[childIdx]!;
    childRelations.push({
      municipalityId: M,
      id: ids.next('childRelations'),
      childId: c.id,
      subjectKind: 'user',
      subjectId,
      kind,
      sourceId: null,
      validFrom: dayStr(Math.max(c.birth, from)),
      validTo: to === null ? null : dayStr(to),
    });
  };
  const pickChild = (accept: (c: ChildGen) => boolean) => {
    for (;;) {
      const n = rrng.int(0, childGens.length - 1);
      if (!taken.has(n) && accept(childGens[n]!)) {
        taken.add(n);
        return n;
      }
    }
  };
  // Preventive courses first: no case is opened about these families (S9).
  districtStaff.forEach((ds, d) => {
    ds.forebyggende.forEach((uid, n) => {
      const load = d === nord && n === 0 ? 8 : rrng.int(6, 10);
      for (let k = 0; k < load; k += 1) relation(pickChild((c) => districtToday(c) === d), uid, 'course', T - rrng.int(7, 200));
      // Finished courses (history).
      for (let k = 0; k < 3; k += 1) {
        const from = T - rrng.int(250, 700);
        relation(pickChild((c) => districtToday(c) === d && c.birth < from), uid, 'course', from, from + rrng.int(60, 180));
      }
    });
  });
  const caseChildren: { idx: number; from: number }[] = [];
  caseWorkers.forEach((uid, n) => {
    const load = n === 0 ? 25 : rrng.int(20, 32);
    for (let k = 0; k < load; k += 1) {
      const idx = pickChild(() => true);
      const from = Math.max(childGens[idx]!.birth, T - rrng.int(20, 900));
      relation(idx, uid, 'case', from);
      caseChildren.push({ idx, from });
    }
  });
  // Family treatment is granted by the authority: the families are among the cases.
  const treated = new Set<number>();
  familyWorkers.forEach((uid, n) => {
    const load = n === 0 ? 6 : rrng.int(4, 8);
    for (let k = 0; k < load; k += 1) {
      let c = rrng.pick(caseChildren);
      while (treated.has(c.idx)) c = rrng.pick(caseChildren);
      treated.add(c.idx);
      relation(c.idx, uid, 'course', Math.min(T, c.from + rrng.int(14, 120)));
    }
  });

  return {
    today,
    districts: districts.map((d) => ({ municipalityId: M, id: d.id, name: d.name, archivedAt: null })),
    institutions: institutions.map((i) => ({
      municipalityId: M,
      id: i.id,
      districtId: i.district === null ? null : districts[i.district]!.id,
      name: i.name,
      type: i.type,
      externalRef: null,
      archivedAt: null,
    })),
    groups: groups.map((g) => ({ municipalityId: M, id: g.id, institutionId: g.inst.id, name: g.name, archivedAt: null })),
    teams,
    users,
    memberships,
    children,
    custodyHolders: holders,
    childCustody,
    enrolments,
    childRelations,
    counts: {
      districts: districts.length,
      institutions: institutions.length,
      groups: groups.length,
      teams: teams.length,
      staff: users.length,
      children: children.length,
      custodyHolders: holders.length,
      enrolments: enrolments.length,
      relations: childRelations.length,
    },
  };
}

// ---------------------------------------------------------------------------------------
// Writing it

/** Serialises concurrent first starts against one PostgreSQL: only one seeds. */
const SEED_LOCK = 7_318_452_999;

async function insertAll<T extends keyof DB & string>(scope: Scope, table: T, rows: readonly NewRow<T>[]): Promise<void> {
  if (rows.length === 0) return;
  // Multi-row inserts: ~1,000 rows a statement, always under PostgreSQL's 65,535 parameters.
  const columns = Object.keys(rows[0]!).length;
  const size = Math.min(1000, Math.floor(65_535 / columns));
  for (let i = 0; i < rows.length; i += size) {
    // Kysely cannot follow a generic table name through insertInto's overloads.
    await scope.trx
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}

async function isSeeded(scope: Scope): Promise<boolean> {
  return (await scope.trx.selectFrom('districts').select('id').limit(1).executeTakeFirst()) !== undefined;
}

async function summarise(db: Database, clock: Clock, municipalityId: string): Promise<DemoSummary> {
  return withScope({ db, clock }, systemActor(municipalityId, 'Demo-data: optælling'), async (scope) => {
    const count = async (table: keyof DB & string) => {
      const row = await scope.trx
        .selectFrom(table as 'districts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const counts: DemoCounts = {
      districts: await count('districts'),
      institutions: await count('institutions'),
      groups: await count('groups'),
      teams: await count('teams'),
      staff: await count('users'),
      children: await count('children'),
      custodyHolders: await count('custodyHolders'),
      enrolments: await count('enrolments'),
      relations: await count('childRelations'),
    };
    const users = await scope.trx
      .selectFrom('users')
      .select('username')
      .where('username', 'in', demo.DEMO_LOGINS.map((l) => l.username))
      .execute();
    const present = new Set(users.map((u) => u.username));
    return { seeded: false, municipalityId, counts, logins: demo.DEMO_LOGINS.filter((l) => present.has(l.username)) };
  });
}

/**
 * Create and fill "Demo Kommune" (code 999) once. When it exists and holds data already,
 * nothing is written and the summary describes what is there.
 */
/** The demo's open screening round, so Trivselsvurdering has something to rate from the first start. */
export const demoRoundName = (today: string) => `Trivselsvurdering ${today.slice(0, 4)}`;

/** Planned through the screening service as the demo administrator would (audited, validated). */
async function planDemoRound(ctx: DataContext, users: readonly { id: string; username: string; displayName: string }[], today: string) {
  const admin = users.find((u) => u.username === 'admin');
  if (!admin) throw new Error('seedDemo: the demo has no admin user');
  const actor = staffActor({
    municipalityId: demo.DEMO_MUNICIPALITY_ID,
    userId: admin.id,
    displayName: admin.displayName,
    memberships: [{ role: 'admin', unitKind: 'municipality', unitId: demo.DEMO_MUNICIPALITY_ID }],
  });
  await createRound({ ...ctx, config: loadConfig({}) }, actor, {
    name: demoRoundName(today),
    institutionTypes: ['dagpleje', 'vuggestue', 'boernehave', 'integreret', 'skole'],
    opensOn: addDays(today, -7),
    closesOn: addDays(today, 21),
    jointRatingRequired: false,
  });
}

export async function seedDemo(db: Database, opts: { today: string; clock?: Clock }): Promise<DemoSummary> {
  if (!isValidDay(opts.today)) throw new Error(`seedDemo: invalid day ${opts.today}`);
  const clock = opts.clock ?? systemClock;
  const ctx = { db, clock };
  const existing = await findMunicipalityByCode(db, demo.DEMO_MUNICIPALITY_CODE);
  // Code 999 held by another municipality, or ours seeded already: leave it alone. Ours
  // without data (a first start that failed half-way) is seeded again.
  if (existing && existing.id !== demo.DEMO_MUNICIPALITY_ID) return summarise(db, clock, existing.id);
  const actor = systemActor(demo.DEMO_MUNICIPALITY_ID, 'Demo-data oprettes');
  if (existing && (await withScope(ctx, actor, isSeeded))) return summarise(db, clock, existing.id);

  // argon2 runs on libuv's thread pool: hash while the main thread builds and writes rows.
  const hashes = Promise.all(demo.DEMO_LOGINS.map(() => hashPassword(demo.DEMO_PASSWORD)));
  hashes.catch(() => {});
  if (!existing) {
    try {
      await createMunicipality(db, { id: demo.DEMO_MUNICIPALITY_ID, code: demo.DEMO_MUNICIPALITY_CODE, name: demo.DEMO_MUNICIPALITY_NAME, settings: {} });
    } catch (err) {
      // Another instance created it at the same moment; the lock below decides who seeds.
      if ((err as { code?: string }).code !== '23505') throw err;
    }
  }
  const data = buildDemoData(opts.today);
  const seeded = await withScope(ctx, actor, async (scope) => {
    await sql`SELECT pg_advisory_xact_lock(${SEED_LOCK})`.execute(scope.trx);
    if (await isSeeded(scope)) return false;
    await insertAll(scope, 'districts', data.districts);
    await insertAll(scope, 'institutions', data.institutions);
    await insertAll(scope, 'groups', data.groups);
    await insertAll(scope, 'teams', data.teams);
    await insertAll(scope, 'children', data.children);
    await insertAll(scope, 'custodyHolders', data.custodyHolders);
    await insertAll(scope, 'childCustody', data.childCustody);
    await insertAll(scope, 'enrolments', data.enrolments);
    await insertAll(scope, 'childRelations', data.childRelations);
    const hashed = await hashes;
    await insertAll(
      scope,
      'users',
      data.users.map(({ loginIndex, ...u }) => ({ ...u, passwordHash: loginIndex === null ? null : hashed[loginIndex]! })),
    );
    await insertAll(scope, 'memberships', data.memberships);
    scope.audit({
      action: 'import',
      resourceType: 'demo_seed',
      resourceId: demo.DEMO_MUNICIPALITY_ID,
      details: { ...data.counts, today: data.today },
    });
    return true;
  });
  if (!seeded) return summarise(db, clock, demo.DEMO_MUNICIPALITY_ID);
  await planDemoRound(ctx, data.users, opts.today);
  await seedScreeningHistory(ctx, opts.today);
  await seedDemoGuide(ctx, data.users);
  await seedDemoStafetlog(ctx, opts.today);
  // Counted from the database: the stafetlog adds its participants' relations to the built rows.
  return { ...(await summarise(db, clock, demo.DEMO_MUNICIPALITY_ID)), seeded: true };
}
