// Synthetic municipalities at scale (issue 4 "Speed", issue 6 scale benchmarks): districts,
// daycares, schools, staff, children with custody holders, `years` of enrolment history along
// sundhedspleje → dagpleje/vuggestue → børnehave → skole (+ SFO), and the screening rounds of
// those years (dagtilbud 3×, skole 2× a year) with a rating for nearly every child.
//
// Pure: rows come out as COPY text lines, one table at a time, in foreign-key order. The same
// (seed, municipality index, options) always gives the same rows and ids; only the tables'
// created_at defaults differ between runs. Only fictitious CPR numbers (month + 20, cpr.ts).
// Positions follow a Markov chain per child, so worry persists across rounds and transitions.
import { fictitiousCpr } from '../domain/cpr.ts';
import { TRAFIKLYS } from '../domain/screening-scale.ts';
import * as names from './demo-data.ts';
import { ascii, birthday, dayNum, dayStr, fmix32, monthsBefore, MS_DAY, Rng, scaleUuid, Table, TAG, yearOf, ymd, type TableRows } from './scale-parts.ts';

export type { TableRows } from './scale-parts.ts';

export interface ScaleOptions {
  /** Children 0–17 in all municipalities together. */
  children: number;
  municipalities: number;
  /** Years of enrolment history and screening rounds back from `today`. */
  years: number;
  seed: number;
  /** 'YYYY-MM-DD': the newest round of each kind is open on this day. */
  today: string;
  /** argon2 hash given to every staff member (benchmarks log in); null: SSO-only accounts. */
  passwordHash: string | null;
}

export interface MunicipalityPlan {
  index: number;
  id: string;
  code: string;
  name: string;
  children: number;
}


// ── sizes ──────────────────────────────────────────────────────────────────────────────
/**
 * Children per municipality: a skewed spread like Denmark's (the largest about a tenth of the
 * country at 98 municipalities), summing exactly to the total.
 */
export function municipalitySizes(total: number, count: number): number[] {
  const weights = Array.from({ length: count }, (_, k) => 1 / (k + 1) ** 0.8);
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - sizes.reduce((a, b) => a + b, 0);
  for (let k = 0; rest > 0; k = (k + 1) % count, rest -= 1) sizes[k]! += 1;
  return sizes;
}

export function planMunicipalities(opts: Pick<ScaleOptions, 'children' | 'municipalities' | 'seed'>, codes: readonly string[]): MunicipalityPlan[] {
  return municipalitySizes(opts.children, opts.municipalities).map((children, index) => ({
    index,
    id: scaleUuid(opts.seed, index, TAG.municipality, index),
    code: codes[index]!,
    name: `Skalakommune ${codes[index]}`,
    children,
  }));
}

// ── the municipality ───────────────────────────────────────────────────────────────────
const PLACES = ['Nord', 'Syd', 'Øst', 'Vest', 'Bakken', 'Havnen', 'Skoven', 'Engen', 'Fjorden', 'Åen', 'Mosen', 'Lunden', 'Stranden', 'Marken', 'Byen', 'Kæret'];
const NATURE = ['Solsikken', 'Mariehønen', 'Regnbuen', 'Fyrtårnet', 'Ankeret', 'Bølgen', 'Egernet', 'Mosegrisen', 'Kløveren', 'Valmuen', 'Tangen', 'Muslingen', 'Søstjernen', 'Spiren', 'Myretuen', 'Troldehøj'];
const NOT_ASSESSED = ['Barnet har været fraværende i perioden', 'Barnet er netop startet', 'Langvarig sygdom'];
const NOTES = ['Aftalt opfølgning med forældrene', 'Drøftes på næste teammøde', 'Opmærksomhed på trivsel i gruppen', 'Forældresamtale holdt'];

export type DaycareType = 'boernehave' | 'vuggestue' | 'integreret';
const DAGTILBUD_TYPES = ['dagpleje', 'vuggestue', 'boernehave', 'integreret'] as const;

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
  /** Users rating this group (fagperson members). */
  raters: string[];
}
interface Pool {
  inst: Inst;
  counter: number;
  current: number;
  groups: Group[];
  size: number;
  label: (k: number) => string;
}
interface Enrolment {
  from: number;
  to: number | null;
  inst: Inst;
  pool: Pool | null;
  slot: number;
  group: Group | null;
}
interface Round {
  id: string;
  kind: 'dagtilbud' | 'skole';
  types: readonly string[];
  opens: number;
  closes: number;
}

export interface MunicipalityCounts {
  districts: number;
  institutions: number;
  groups: number;
  staff: number;
  children: number;
  custodyHolders: number;
  enrolments: number;
  rounds: number;
  ratings: number;
}

export interface MunicipalityData {
  plan: MunicipalityPlan;
  tables: TableRows[];
  counts: MunicipalityCounts;
}

/** Markov chain of positions between rounds (ordinal 1 grøn, 2 gul, 3 rød): mostly green, worry persists. */
const TRANSITIONS: readonly (readonly number[])[] = [
  [0.94, 0.05, 0.01],
  [0.35, 0.55, 0.1],
  [0.1, 0.35, 0.55],
];
const START = [0.85, 0.12, 0.03];
function nextState(rng: Rng, weights: readonly number[]): number {
  let r = rng.float();
  for (let i = 0; i < weights.length - 1; i += 1) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/** Rounds of `years` back from today; the newest of each kind opened a week ago and is open. */
function planRounds(seed: number, m: number, today: number, years: number): Round[] {
  const rounds: Round[] = [];
  let n = 0;
  for (const [kind, perYear, types] of [
    ['dagtilbud', 3, DAGTILBUD_TYPES],
    ['skole', 2, ['skole']],
  ] as const) {
    const opensNow = today - 7;
    for (let k = years * perYear - 1; k >= 0; k -= 1) {
      const opens = monthsBefore(opensNow, (k * 12) / perYear);
      rounds.push({ id: scaleUuid(seed, m, TAG.round, n++), kind, types, opens, closes: k === 0 ? today + 21 : opens + 20 });
    }
  }
  return rounds.sort((a, b) => a.opens - b.opens || a.kind.localeCompare(b.kind));
}

export function buildMunicipality(plan: MunicipalityPlan, opts: Omit<ScaleOptions, 'children' | 'municipalities'>): MunicipalityData {
  const { seed } = opts;
  const M = plan.id;
  const mi = plan.index;
  const T = dayNum(opts.today);
  const windowStart = birthday(T, -opts.years);
  const counters = new Map<number, number>();
  const id = (tag: number) => {
    const n = counters.get(tag) ?? 0;
    counters.set(tag, n + 1);
    return scaleUuid(seed, mi, tag, n);
  };
  const rng = (stream: string) => new Rng(seed, `${mi}:${stream}`);

  const t = {
    districts: new Table('districts', ['municipality_id', 'id', 'name']),
    institutions: new Table('institutions', ['municipality_id', 'id', 'district_id', 'name', 'type']),
    groups: new Table('groups', ['municipality_id', 'id', 'institution_id', 'name']),
    users: new Table('users', ['municipality_id', 'id', 'username', 'display_name', 'email', 'profession', 'password_hash']),
    memberships: new Table('memberships', ['municipality_id', 'id', 'user_id', 'role', 'unit_kind', 'unit_id', 'valid_from', 'valid_to']),
    children: new Table('children', ['municipality_id', 'id', 'cpr', 'first_name', 'last_name', 'birth_date']),
    holders: new Table('custody_holders', ['municipality_id', 'id', 'cpr', 'first_name', 'last_name']),
    custody: new Table('child_custody', ['municipality_id', 'id', 'child_id', 'custody_holder_id', 'relation', 'has_custody', 'valid_from', 'valid_to']),
    enrolments: new Table('enrolments', ['municipality_id', 'id', 'child_id', 'institution_id', 'group_id', 'valid_from', 'valid_to']),
    scales: new Table('screening_scales', ['municipality_id', 'id', 'name', 'template']),
    scaleVersions: new Table('screening_scale_versions', ['municipality_id', 'id', 'scale_id', 'number']),
    positions: new Table('screening_positions', ['municipality_id', 'id', 'scale_version_id', 'ordinal', 'label', 'colour', 'meaning', 'is_concern']),
    rounds: new Table('screening_rounds', ['municipality_id', 'id', 'name', 'institution_types', 'scale_version_id', 'opens_on', 'closes_on']),
    ratings: new Table('screening_ratings', [
      'municipality_id', 'id', 'round_id', 'scale_version_id', 'child_id', 'group_id', 'institution_id', 'rater_user_id',
      'kind', 'position_id', 'not_assessed_reason', 'note', 'corrects_id', 'late', 'created_at',
    ]),
  };

  // ── organisation: ≈ 3,000 children a district, a school, an SFO and daycares each ──
  const nDistricts = Math.max(1, Math.round(plan.children / 3000));
  const orng = rng('organisation');
  const place = (d: number) => PLACES[d % PLACES.length]!;
  const nth = (d: number, len: number) => (d >= len ? ` ${Math.floor(d / len) + 1}` : '');
  const districts = Array.from({ length: nDistricts }, (_, d) => {
    const name = `Distrikt ${place(d)}${nth(d, PLACES.length)}`;
    const row = { id: id(TAG.district), name };
    t.districts.add(M, row.id, name);
    return row;
  });
  const institutions: Inst[] = [];
  const inst = (name: string, type: string, district: number | null): Inst => {
    const i = { id: id(TAG.institution), name, type, district };
    institutions.push(i);
    return i;
  };
  const groups: Group[] = [];
  const group = (i: Inst, name: string): Group => {
    const g = { id: id(TAG.group), inst: i, name, raters: [] };
    groups.push(g);
    return g;
  };
  const perDistrict = plan.children / nDistricts;
  const cohort = perDistrict / 18;
  // Folkeskole classes of at most 28: as many parallel classes as the cohort needs at ≈ 26.
  const classesPerLevel = Math.max(1, Math.ceil(cohort / 26));
  const short = (d: number) => districts[d]!.name.replace(/^Distrikt /, '');
  const schoolName = (d: number) => `${place(d)}skolen${nth(d, PLACES.length)}`;
  const schools = districts.map((_, d) => inst(schoolName(d), 'skole', d));
  const sfos = districts.map((_, d) => inst(`SFO ${schoolName(d)}`, 'sfo', d));
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const classes = schools.map((s) => Array.from({ length: 10 }, (_, level) => Array.from({ length: classesPerLevel }, (_, l) => group(s, `${level}.${letters[l % 26]}${l >= 26 ? Math.floor(l / 26) + 1 : ''}`))));
  const pool = (i: Inst, size: number, label: (k: number) => string): Pool => ({ inst: i, counter: 0, current: 0, groups: [], size, label });
  const numbered = (list: readonly string[]) => (k: number) => (k < list.length ? list[k]! : `${list[k % list.length]} ${Math.floor(k / list.length) + 1}`);
  // About 80 children per daycare; every district has a børnehave and an integreret institution.
  const daycareCount = Math.max(2, Math.round((cohort * 5.3) / 80));
  const cycle: DaycareType[] = ['integreret', 'boernehave', 'vuggestue', 'boernehave', 'integreret', 'vuggestue'];
  const nurseries: Pool[][] = [];
  const kindergartens: Pool[][] = [];
  districts.forEach((_, d) => {
    nurseries.push([]);
    kindergartens.push([]);
    for (let k = 0; k < daycareCount; k += 1) {
      const type = cycle[k % cycle.length]!;
      const label = { integreret: 'Børnehuset', boernehave: 'Børnehaven', vuggestue: 'Vuggestuen' }[type];
      const i = inst(`${label} ${NATURE[k % NATURE.length]}${nth(k, NATURE.length)} (${short(d)})`, type, d);
      if (type !== 'boernehave') nurseries[d]!.push(pool(i, 12, numbered(names.NURSERY_GROUPS)));
      if (type !== 'vuggestue') kindergartens[d]!.push(pool(i, 25, numbered(names.KINDERGARTEN_GROUPS)));
    }
  });
  const dagpleje = inst('Dagplejen', 'dagpleje', null);
  const dagplejePools = districts.map(() => pool(dagpleje, 5, () => ''));
  const sundhedspleje = inst('Sundhedsplejen', 'sundhedspleje', null);
  const healthGroups = districts.map((_, d) => group(sundhedspleje, districts[d]!.name));

  // ── children and families (siblings 1¼–7 years apart, at most three) ──
  const crng = rng('children');
  const used = new Map<number, number>();
  const cpr = (birth: number, male: boolean) => {
    const n = used.get(birth) ?? 0;
    used.set(birth, n + 1);
    const first = yearOf(birth) >= 2000 ? 4 : 1;
    return fictitiousCpr(dayStr(birth), first * 1000 + 2 * n + (male ? 1 : 0));
  };
  interface Family {
    district: number;
    move: { at: number; to: number } | null;
    lastName: string;
    holders: { id: string; relation: 'mor' | 'far' | 'anden'; hasCustody: boolean; from: number | null }[];
    firstBirth: number;
    lastBirth: number;
    size: number;
  }
  const families: Family[] = [];
  const newFamily = (firstBirth: number): Family => {
    const district = crng.int(0, nDistricts - 1);
    let move: Family['move'] = null;
    if (nDistricts > 1 && crng.chance(0.03)) move = { at: crng.int(windowStart + 30, T - 30), to: (district + crng.int(1, nDistricts - 1)) % nDistricts };
    const lastName = crng.pick(names.LAST_NAMES);
    const motherBirth = firstBirth - Math.round((20 + crng.int(0, 8) + crng.int(0, 10)) * 365.25) - crng.int(0, 364);
    const fam: Family = { district, move, lastName, holders: [], firstBirth, lastBirth: firstBirth, size: 0 };
    const holder = (first: string, last: string, birth: number, male: boolean, relation: 'mor' | 'far' | 'anden', hasCustody: boolean, from: number | null) => {
      const hid = id(TAG.holder);
      t.holders.add(M, hid, cpr(birth, male), first, last);
      fam.holders.push({ id: hid, relation, hasCustody, from });
    };
    const mother = () => holder(crng.pick(names.WOMEN_NAMES), crng.chance(0.6) ? lastName : crng.pick(names.LAST_NAMES), motherBirth, false, 'mor', true, null);
    const father = (custody: boolean) => holder(crng.pick(names.MEN_NAMES), lastName, motherBirth - crng.int(-700, 2600), true, 'far', custody, null);
    const r = crng.float();
    if (r < 0.78) {
      mother();
      father(true);
    } else if (r < 0.9) {
      mother();
      father(false);
    } else if (r < 0.97) mother();
    else holder(crng.pick(names.WOMEN_NAMES), lastName, firstBirth - crng.int(45 * 365, 62 * 365), false, 'anden', true, firstBirth + crng.int(200, 2000));
    return fam;
  };
  const earliest = birthday(T, -18) + 1;
  const span = T - earliest + 1;
  let older = 0;
  let younger = 0;
  const kids: { id: string; birth: number; family: Family }[] = [];
  for (let i = 0; i < plan.children; i += 1) {
    const birth = earliest + Math.floor(((i + crng.float()) * span) / plan.children);
    let family: Family | undefined;
    if (crng.chance(0.4)) {
      while (younger < families.length && families[younger]!.firstBirth <= birth - 460) younger += 1;
      while (older < younger && families[older]!.firstBirth < birth - 2600) older += 1;
      for (let tries = 0; tries < 8 && !family && older < younger; tries += 1) {
        const f = families[crng.int(older, younger - 1)]!;
        if (f.size < 3 && f.lastBirth >= birth - 2600 && f.lastBirth <= birth - 460) family = f;
      }
    }
    if (!family) families.push((family = newFamily(birth)));
    family.size += 1;
    family.lastBirth = birth;
    const male = crng.chance(0.51);
    const kid = { id: id(TAG.child), birth, family };
    kids.push(kid);
    t.children.add(M, kid.id, cpr(birth, male), crng.pick(male ? names.BOY_NAMES : names.GIRL_NAMES), family.lastName, dayStr(birth));
    for (const h of family.holders) {
      const from = h.from === null ? birth : Math.min(Math.max(birth, h.from), T);
      t.custody.add(M, id(TAG.custody), kid.id, h.id, h.relation, h.hasCustody, dayStr(from), null);
    }
  }

  // ── enrolment paths ──
  const erng = rng('enrolments');
  const paths: Enrolment[][] = [];
  const classCounters = districts.map(() => 0);
  for (const kid of kids) {
    const list: Enrolment[] = [];
    paths.push(list);
    const fam = kid.family;
    const choices = new Map<number, { nursery: Pool; kindergarten: Pool; letter: number }>();
    const choose = (d: number) => {
      let c = choices.get(d);
      if (!c) {
        const kindergarten = erng.pick(kindergartens[d]!);
        const sameHouse = nurseries[d]!.find((p) => p.inst === kindergarten.inst);
        const r = erng.float();
        const nursery = r < 0.15 ? dagplejePools[d]! : sameHouse && r < 0.75 ? sameHouse : erng.pick(nurseries[d]!);
        c = { nursery, kindergarten, letter: classCounters[d]!++ % classesPerLevel };
        choices.set(d, c);
      }
      return c;
    };
    const push = (from: number, to: number, d: number, what: 'health' | 'nursery' | 'kindergarten' | 'sfo' | number) => {
      if (to < windowStart || from > T) return;
      let e: Enrolment;
      if (what === 'health') e = { from, to, inst: sundhedspleje, pool: null, slot: 0, group: healthGroups[d]! };
      else if (what === 'sfo') e = { from, to, inst: sfos[d]!, pool: null, slot: 0, group: null };
      else if (typeof what === 'number') e = { from, to, inst: schools[d]!, pool: null, slot: 0, group: classes[d]![what]![choose(d).letter]! };
      else {
        const p = choose(d)[what];
        const known = list.find((x) => x.pool === p);
        e = { from, to, inst: p.inst, pool: p, slot: known ? known.slot : p.counter++, group: null };
      }
      if (to >= T) {
        e.to = null;
        if (e.pool) e.pool.current += 1;
      }
      list.push(e);
    };
    // A family that moves district changes institution on the day it moves (a transition).
    const emit = (from: number, to: number, what: Parameters<typeof push>[3]) => {
      const mv = fam.move;
      if (mv && mv.at > from && mv.at <= to) {
        push(from, mv.at - 1, fam.district, what);
        push(mv.at, to, mv.to, what);
      } else push(from, to, mv && from >= mv.at ? mv.to : fam.district, what);
    };
    const b = kid.birth;
    const by = yearOf(b);
    emit(b, birthday(b, 1) - 1, 'health');
    emit(b + erng.int(300, 365), birthday(b, 3) - 1, 'nursery');
    emit(birthday(b, 3), ymd(by + 6, 7, 31), 'kindergarten');
    for (let level = 0; level < 10; level += 1) emit(ymd(by + 6 + level, 8, 1), ymd(by + 7 + level, 7, 31), level);
    if (erng.chance(0.85)) emit(ymd(by + 6, 8, 1), ymd(by + 10, 7, 31), 'sfo');
  }
  // Daycare groups sized from the children in each pool today; past children share them.
  for (const p of [...nurseries.flat(), ...kindergartens.flat(), ...dagplejePools]) {
    const n = Math.max(1, Math.round(p.current / p.size));
    for (let k = 0; k < n; k += 1) {
      if (p.inst === dagpleje) {
        const first = orng.pick(names.WOMEN_NAMES);
        p.groups.push(group(dagpleje, `Dagplejer ${first} ${orng.pick(names.LAST_NAMES)} (${groups.length + 1})`));
      } else p.groups.push(group(p.inst, p.label(k)));
    }
  }
  paths.forEach((list, k) => {
    for (const e of list) {
      if (e.pool) e.group = e.pool.groups[e.slot % e.pool.groups.length]!;
      t.enrolments.add(M, id(TAG.enrolment), kids[k]!.id, e.inst.id, e.group ? e.group.id : null, dayStr(e.from), e.to === null ? null : dayStr(e.to));
    }
  });
  for (const i of institutions) t.institutions.add(M, i.id, i.district === null ? null : districts[i.district]!.id, i.name, i.type);
  for (const g of groups) t.groups.add(M, g.id, g.inst.id, g.name);

  // ── staff: two pædagoger a stue, a dagplejer a dagplejegruppe, a lærer a class, leaders ──
  const srng = rng('staff');
  const usernames = new Map<string, number>();
  const staff = (profession: string, units: [role: string, kind: string, unit: string][]) => {
    const female = srng.chance(profession === 'laerer' ? 0.6 : 0.85);
    const first = srng.pick(female ? names.WOMEN_NAMES : names.MEN_NAMES);
    const last = srng.pick(names.LAST_NAMES);
    const base = `${ascii(first)}.${ascii(last)}`;
    const n = (usernames.get(base) ?? 0) + 1;
    usernames.set(base, n);
    const username = n === 1 ? base : `${base}${n}`;
    const uid = id(TAG.user);
    t.users.add(M, uid, username, `${first} ${last}`, `${username}@skalakommune-${plan.code}.example`, profession, opts.passwordHash);
    const since = windowStart - srng.int(30, 3000);
    for (const [role, kind, unit] of units) t.memberships.add(M, id(TAG.membership), uid, role, kind, unit, dayStr(since), null);
    return uid;
  };
  for (const g of groups) {
    const type = g.inst.type;
    if (type === 'skole') g.raters.push(staff('laerer', [['fagperson', 'group', g.id]]));
    else if (type === 'dagpleje') g.raters.push(staff('dagplejer', [['fagperson', 'group', g.id]]));
    else if (type === 'sundhedspleje') staff('sundhedsplejerske', [['fagperson', 'group', g.id]]);
    else for (let k = 0; k < 2; k += 1) g.raters.push(staff('paedagog', [['fagperson', 'group', g.id]]));
  }
  for (const i of institutions) staff('leder', [['leder', 'institution', i.id]]);
  for (const d of districts) staff('anden', [['distriktsfacilitator', 'district', d.id]]);
  staff('administrativ', [['admin', 'municipality', M]]);
  staff('administrativ', [['dpo', 'municipality', M]]);

  // ── screening: the default scale, rounds, and a rating for nearly every child ──
  const scaleId = id(TAG.scale);
  const versionId = id(TAG.scaleVersion);
  t.scales.add(M, scaleId, TRAFIKLYS.name, TRAFIKLYS.key);
  t.scaleVersions.add(M, versionId, scaleId, 1);
  const positionIds = TRAFIKLYS.positions.map((p) => {
    const pid = id(TAG.position);
    t.positions.add(M, pid, versionId, p.ordinal, p.label, p.colour, p.meaning, p.isConcern);
    return pid;
  });
  const rounds = planRounds(seed, mi, T, opts.years);
  for (const r of rounds) {
    const label = r.kind === 'dagtilbud' ? 'Dagtilbud' : 'Skole';
    t.rounds.add(M, r.id, `${label} ${dayStr(r.opens).slice(0, 7)}`, `{${r.types.join(',')}}`, versionId, dayStr(r.opens), dayStr(r.closes));
  }
  const rrng = rng('ratings');
  const at = (day: number, minute: number) => new Date(day * MS_DAY + (7 * 60 + minute) * 60_000).toISOString();
  const rate = (r: Round, e: Enrolment & { group: Group }, childId: string, rater: string, position: number | null, day: number, minute: number, correctsId: string | null = null, kind = 'individual') => {
    const rid = id(TAG.rating);
    const concern = position !== null && position > 0;
    t.ratings.add(
      M, rid, r.id, versionId, childId, e.group.id, e.inst.id, rater, kind,
      position === null ? null : positionIds[position]!,
      position === null ? rrng.pick(NOT_ASSESSED) : null,
      concern && rrng.chance(0.15) ? rrng.pick(NOTES) : null,
      correctsId, false, at(day, minute),
    );
    return rid;
  };
  let ratingCount = 0;
  kids.forEach((kid, k) => {
    let state = nextState(rrng, START);
    for (const r of rounds) {
      const open = r.closes >= T;
      const ref = open ? T : r.closes;
      const e = paths[k]!.find((x) => x.group && x.from <= ref && (x.to === null || x.to >= ref) && r.types.includes(x.inst.type)) as (Enrolment & { group: Group }) | undefined;
      if (!e || e.group.raters.length === 0) continue;
      // The open round is under way: about a third of the groups have saved their list.
      if (open && fmix32(dayNum(dayStr(r.opens)) ^ parseInt(e.group.id.slice(0, 8), 16) ^ seed) % 3 !== 0) continue;
      const roll = rrng.float();
      if (roll < 0.015) continue; // missing: never rated (shows in progress)
      const lastDay = open ? T - 1 : r.closes;
      const day = r.opens + rrng.int(0, Math.max(0, lastDay - r.opens));
      const minute = rrng.int(0, 480);
      const rater = e.group.raters[kid.id.charCodeAt(35) % e.group.raters.length]!;
      if (roll < 0.03) {
        rate(r, e, kid.id, rater, null, day, minute);
        ratingCount += 1;
        continue;
      }
      state = nextState(rrng, TRANSITIONS[state]!);
      let first = rate(r, e, kid.id, rater, state, day, minute);
      ratingCount += 1;
      // A correction now and then: a new row naming the one it replaces.
      if (rrng.chance(0.005)) {
        const corrected = Math.min(2, state + 1);
        first = rate(r, e, kid.id, rater, corrected, Math.min(lastDay, day + 1), minute, first);
        state = corrected;
        ratingCount += 1;
      }
      // Two raters (TOPI practice) for some daycare children; a disagreement gets a joint position.
      if (!open && e.group.raters.length > 1 && rrng.chance(0.05)) {
        const other = e.group.raters.find((u) => u !== rater)!;
        const theirs = rrng.chance(0.8) ? state : Math.max(0, Math.min(2, state + (rrng.chance(0.5) ? 1 : -1)));
        rate(r, e, kid.id, other, theirs, day, minute + 5);
        ratingCount += 1;
        if (theirs !== state) {
          state = Math.max(state, theirs);
          rate(r, e, kid.id, rater, state, Math.min(lastDay, day + 2), minute, null, 'joint');
          ratingCount += 1;
        }
      }
    }
  });

  const tables = [
    t.districts, t.institutions, t.groups, t.users, t.memberships, t.children, t.holders, t.custody, t.enrolments,
    t.scales, t.scaleVersions, t.positions, t.rounds, t.ratings,
  ];
  return {
    plan,
    tables,
    counts: {
      districts: districts.length,
      institutions: institutions.length,
      groups: groups.length,
      staff: t.users.lines.length,
      children: kids.length,
      custodyHolders: t.holders.lines.length,
      enrolments: t.enrolments.lines.length,
      rounds: rounds.length,
      ratings: ratingCount,
    },
  };
}
