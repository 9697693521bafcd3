// Row checks that need the municipality's data: names resolved to units, duplicates inside
// the file, clashes with what is stored. Each validator sees the rows in file order, keeps
// what earlier rows will create, and answers per row with the report line and the planned
// write (null when the row changes nothing). No I/O here: the references are loaded first.
import { randomUUID } from 'node:crypto';
import { planTransition, trackOf, type Track } from '../../domain/enrolment.ts';
import { foldName } from '../../domain/import-rows.ts';
import { ROLE_UNITS, roleFitsUnit, type UnitKind } from '../../domain/roles.ts';
import { messageFor } from '../../errors.ts';
import type { ImportKind } from './columns.ts';
import type { ReportRow } from './report.ts';
import { show, type RowOf } from './rows.ts';

export interface Checked<Op> {
  report: ReportRow;
  op: Op | null;
}

/** Find by name: exactly as written first, then ignoring case and spacing if that is unambiguous. */
export class NameIndex<T extends { name: string }> {
  private readonly exact = new Map<string, T>();
  private readonly folded = new Map<string, T[]>();

  constructor(items: Iterable<T> = []) {
    for (const item of items) this.add(item);
  }

  add(item: T): void {
    this.exact.set(item.name, item);
    const key = foldName(item.name);
    this.folded.set(key, [...(this.folded.get(key) ?? []), item]);
  }

  find(name: string): T | 'ambiguous' | undefined {
    const exact = this.exact.get(name.trim());
    if (exact) return exact;
    const matches = this.folded.get(foldName(name));
    if (!matches) return undefined;
    return matches.length === 1 ? matches[0] : 'ambiguous';
  }
}

function outcome<Op>(line: number, errors: string[], notes: string[], created: string[], op: NoInfer<Op> | null): Checked<Op> {
  if (errors.length) return { report: { row: line, status: 'error', messages: [...errors, ...notes], created: [] }, op: null };
  return { report: { row: line, status: 'ok', messages: notes, created }, op };
}

const ambiguous = (column: string, name: string) => `${column}: ${show(name)} passer på flere navne, der kun adskiller sig ved store/små bogstaver. Skriv navnet præcis`;

interface Named {
  id: string;
  name: string;
  archived: boolean;
}

export interface OrgRefs {
  municipalityId: string;
  districts: Named[];
  institutions: (Named & { type: string; districtId: string | null })[];
  groups: (Named & { institutionId: string })[];
  teams: Named[];
}

const archived = (column: string, name: string) => `${column}: ${show(name)} er arkiveret. Genåbn den under Organisation først`;

function groupIndexes(refs: Pick<OrgRefs, 'groups'>): Map<string, NameIndex<Named>> {
  const byInstitution = new Map<string, NameIndex<Named>>();
  for (const g of refs.groups) {
    let idx = byInstitution.get(g.institutionId);
    if (!idx) byInstitution.set(g.institutionId, (idx = new NameIndex()));
    idx.add(g);
  }
  return byInstitution;
}

// ── institutions ────────────────────────────────────────────────────────────────────────

export interface InstitutionOp {
  /** A district this row creates (the first row that names it). */
  district: Named | null;
  institution: { mode: 'create' | 'update' | 'keep'; id: string; name: string; type: string; districtId: string | null };
  groups: { id: string; name: string }[];
}

export class InstitutionRows {
  private readonly districts: NameIndex<Named>;
  private readonly institutions: NameIndex<OrgRefs['institutions'][number]>;
  private readonly groups: Map<string, NameIndex<Named>>;
  private readonly seen = new Map<string, number>();

  constructor(refs: OrgRefs) {
    this.districts = new NameIndex(refs.districts);
    this.institutions = new NameIndex(refs.institutions);
    this.groups = groupIndexes(refs);
  }

  check(line: number, r: RowOf<'institutions'>): Checked<InstitutionOp> {
    const errors: string[] = [];
    const notes: string[] = [];
    const created: string[] = [];
    const key = foldName(r.navn);
    const earlier = this.seen.get(key);
    if (earlier !== undefined) errors.push(`navn: institutionen står også i linje ${earlier}`);
    const existing = this.institutions.find(r.navn);
    if (existing === 'ambiguous') errors.push(ambiguous('navn', r.navn));
    else if (existing?.archived) errors.push(archived('navn', existing.name));

    let district: InstitutionOp['district'] = null;
    let districtId: string | null = existing && existing !== 'ambiguous' ? existing.districtId : null;
    if (r.distrikt !== undefined) {
      const found = this.districts.find(r.distrikt);
      if (found === 'ambiguous') errors.push(ambiguous('distrikt', r.distrikt));
      else if (found?.archived) errors.push(archived('distrikt', found.name));
      else if (found) districtId = found.id;
      else {
        district = { id: randomUUID(), name: r.distrikt, archived: false };
        districtId = district.id;
      }
    }
    if (errors.length) return outcome(line, errors, notes, created, null);

    this.seen.set(key, line);
    if (district) {
      this.districts.add(district);
      created.push(`distrikt ${show(district.name)}`);
    }
    let institution: InstitutionOp['institution'];
    const groups: InstitutionOp['groups'] = [];
    if (existing && existing !== 'ambiguous') {
      const changed = [...(existing.type !== r.type ? ['type'] : []), ...(existing.districtId !== districtId ? ['distrikt'] : [])];
      institution = { mode: changed.length ? 'update' : 'keep', id: existing.id, name: existing.name, type: r.type, districtId };
      notes.push(changed.length ? `Institutionen findes allerede og opdateres: ${changed.join(', ')}` : 'Institutionen findes allerede');
      const known = this.groups.get(existing.id) ?? new NameIndex();
      for (const name of r.grupper) {
        const group = known.find(name);
        if (!group) groups.push({ id: randomUUID(), name });
        else if (group !== 'ambiguous' && group.archived) notes.push(`Gruppen ${show(group.name)} er arkiveret og genåbnes ikke`);
      }
    } else {
      institution = { mode: 'create', id: randomUUID(), name: r.navn, type: r.type, districtId };
      created.push(`institution ${show(r.navn)}`);
      for (const name of r.grupper) groups.push({ id: randomUUID(), name });
    }
    for (const g of groups) created.push(`gruppe ${show(`${institution.name}/${g.name}`)}`);
    const changes = district || institution.mode !== 'keep' || groups.length > 0;
    return outcome(line, errors, notes, created, changes ? { district, institution, groups } : null);
  }
}

// ── staff ───────────────────────────────────────────────────────────────────────────────

export interface StaffRefs extends OrgRefs {
  users: { id: string; username: string; ssoSubject: string | null }[];
  memberships: { userId: string; role: string; unitKind: string; unitId: string; validFrom: string; validTo: string | null }[];
}

export interface StaffOp {
  user: { id: string; username: string; displayName: string; email: string | null; profession: string; ssoSubject: string | null } | null;
  userId: string;
  membership: { id: string; role: string; unitKind: UnitKind; unitId: string; validFrom: string };
}

const UNIT_DA: Record<UnitKind, string> = {
  municipality: 'kommunen',
  district: 'distrikt',
  institution: 'institution',
  group: 'gruppe',
  team: 'team',
};

interface Unit {
  kind: UnitKind;
  id: string;
  label: string;
}

export class StaffRows {
  private readonly districts: NameIndex<Named>;
  private readonly institutions: NameIndex<Named>;
  private readonly teams: NameIndex<Named>;
  private readonly groups: Map<string, NameIndex<Named>>;
  private readonly dbUsers: Map<string, { id: string; ssoSubject: string | null }>;
  private readonly dbSso: Map<string, string>;
  private readonly dbMemberships: Map<string, StaffRefs['memberships']>;
  private readonly fileUsers = new Map<
    string,
    { line: number; id: string; isNew: boolean; navn: string; email?: string; faggruppe: string; sso?: string }
  >();
  private readonly fileSso = new Map<string, { username: string; line: number }>();
  private readonly fileMemberships = new Map<string, number>();

  constructor(
    private readonly refs: StaffRefs,
    private readonly today: string,
  ) {
    this.districts = new NameIndex(refs.districts);
    this.institutions = new NameIndex(refs.institutions);
    this.teams = new NameIndex(refs.teams);
    this.groups = groupIndexes(refs);
    this.dbUsers = new Map(refs.users.map((u) => [u.username, u]));
    this.dbSso = new Map(refs.users.filter((u) => u.ssoSubject).map((u) => [u.ssoSubject!, u.username]));
    this.dbMemberships = new Map();
    for (const m of refs.memberships) this.dbMemberships.set(m.userId, [...(this.dbMemberships.get(m.userId) ?? []), m]);
  }

  /** 'kommune', a district, an institution, 'Institution/Gruppe' or a team; 'distrikt: Nord' settles a name used twice. */
  resolveUnit(text: string): Unit | string {
    const prefixed = /^(distrikt|institution|team|gruppe)\s*:\s*(.+)$/i.exec(text);
    const only = prefixed ? (prefixed[1]!.toLowerCase() as 'distrikt' | 'institution' | 'team' | 'gruppe') : null;
    const name = prefixed ? prefixed[2]!.trim() : text;
    if (!only && ['kommune', 'kommunen'].includes(foldName(name))) return { kind: 'municipality', id: this.refs.municipalityId, label: 'kommunen' };
    const found: (Unit & { archived: boolean })[] = [];
    const look = (kind: UnitKind, idx: NameIndex<Named>) => {
      const hit = idx.find(name);
      if (hit === 'ambiguous') return ambiguous('enhed', name);
      if (hit) found.push({ kind, id: hit.id, label: hit.name, archived: hit.archived });
      return null;
    };
    const problems = [
      !only || only === 'distrikt' ? look('district', this.districts) : null,
      !only || only === 'institution' ? look('institution', this.institutions) : null,
      !only || only === 'team' ? look('team', this.teams) : null,
    ].filter((p): p is string => p !== null);
    if (!only || only === 'gruppe') {
      // Institution names may contain '/': try every split.
      for (let i = name.indexOf('/'); i !== -1; i = name.indexOf('/', i + 1)) {
        const inst = this.institutions.find(name.slice(0, i));
        if (!inst || inst === 'ambiguous') continue;
        const group = this.groups.get(inst.id)?.find(name.slice(i + 1));
        if (group && group !== 'ambiguous') {
          found.push({ kind: 'group', id: group.id, label: `${inst.name}/${group.name}`, archived: group.archived || inst.archived });
        }
      }
    }
    if (problems.length && found.length === 0) return problems[0]!;
    if (found.length === 1) {
      const { archived: isArchived, ...unit } = found[0]!;
      return isArchived ? archived('enhed', unit.label) : unit;
    }
    if (found.length > 1) {
      return `enhed: ${show(name)} er både ${found.map((f) => UNIT_DA[f.kind]).join(' og ')}. Skriv fx ${show(`${UNIT_DA[found[0]!.kind]}: ${name}`)}`;
    }
    return `enhed: ${show(name)} findes ikke. Skriv "kommune", et distrikt, en institution, "Institution/Gruppe" eller et team`;
  }

  check(line: number, r: RowOf<'staff'>): Checked<StaffOp> {
    const errors: string[] = [];
    const notes: string[] = [];
    const created: string[] = [];
    const unit = this.resolveUnit(r.enhed);
    if (typeof unit === 'string') errors.push(unit);
    else if (!roleFitsUnit(r.rolle, unit.kind)) {
      errors.push(
        `rolle: ${r.rolle} kan ikke have ${unit.kind === 'municipality' ? 'kommunen' : `en ${UNIT_DA[unit.kind]}`} som enhed. ` +
          `Rollen kan have: ${ROLE_UNITS[r.rolle].map((k) => UNIT_DA[k]).join(', ')}`,
      );
    }

    const dbUser = this.dbUsers.get(r.brugernavn);
    const earlier = this.fileUsers.get(r.brugernavn);
    let user: StaffOp['user'] = null;
    let userId: string;
    if (earlier) {
      userId = earlier.id;
      if (earlier.isNew) {
        const differs = [
          r.navn !== earlier.navn ? 'navn' : null,
          r.faggruppe !== earlier.faggruppe ? 'faggruppe' : null,
          r.email !== undefined && r.email !== earlier.email ? 'email' : null,
          r.sso_id !== undefined && r.sso_id !== earlier.sso ? 'sso_id' : null,
        ].filter(Boolean);
        if (differs.length) errors.push(`brugernavn: ${r.brugernavn} står også i linje ${earlier.line} med andre oplysninger (${differs.join(', ')})`);
      }
    } else if (dbUser) {
      userId = dbUser.id;
    } else {
      userId = randomUUID();
      if (r.sso_id !== undefined) {
        const owner = this.dbSso.get(r.sso_id);
        const inFile = this.fileSso.get(r.sso_id);
        if (owner && owner !== r.brugernavn) errors.push('sso_id: er allerede knyttet til en anden bruger');
        else if (inFile && inFile.username !== r.brugernavn) errors.push(`sso_id: står også ved brugeren ${inFile.username} i linje ${inFile.line}`);
      }
      user = { id: userId, username: r.brugernavn, displayName: r.navn, email: r.email ?? null, profession: r.faggruppe, ssoSubject: r.sso_id ?? null };
    }

    const validFrom = r.fra ?? this.today;
    if (typeof unit !== 'string' && errors.length === 0) {
      const key = `${r.brugernavn}|${r.rolle}|${unit.kind}|${unit.id}`;
      const dup = this.fileMemberships.get(key);
      if (dup !== undefined) errors.push(`Samme bruger, rolle og enhed står også i linje ${dup}`);
      else this.fileMemberships.set(key, line);
    }
    if (errors.length || typeof unit === 'string') return outcome(line, errors, notes, created, null);

    if (!earlier) {
      this.fileUsers.set(r.brugernavn, { line, id: userId, isNew: !dbUser, navn: r.navn, email: r.email, faggruppe: r.faggruppe, sso: r.sso_id });
      if (r.sso_id !== undefined && !dbUser) this.fileSso.set(r.sso_id, { username: r.brugernavn, line });
    }
    if (user) created.push(`bruger ${r.brugernavn}`);
    const held = dbUser
      ? (this.dbMemberships.get(dbUser.id) ?? []).find(
          (m) => m.role === r.rolle && m.unitKind === unit.kind && m.unitId === unit.id && (m.validTo === null || m.validTo >= validFrom),
        )
      : undefined;
    if (held) {
      notes.push(`Brugeren har allerede rollen ${r.rolle} i ${unit.label}`);
      return outcome(line, errors, notes, created, null);
    }
    if (dbUser && !earlier) notes.push(`Brugeren ${r.brugernavn} findes allerede; kun rollen tilføjes`);
    created.push(`rolle ${r.rolle} i ${show(unit.label)} fra ${validFrom}`);
    return outcome(line, errors, notes, created, {
      user,
      userId,
      membership: { id: randomUUID(), role: r.rolle, unitKind: unit.kind, unitId: unit.id, validFrom },
    });
  }
}

// ── children ────────────────────────────────────────────────────────────────────────────

export interface ChildrenRefs {
  /** CPR numbers in the file that are already registered children / custody holders. */
  childCprs: Set<string>;
  holderCprs: Set<string>;
}

export interface ChildOp {
  cpr: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  custodyHolders: {
    cpr: string;
    firstName: string;
    lastName: string;
    relation: 'mor' | 'far' | 'plejeforaelder' | 'vaerge' | 'anden';
    hasCustody: boolean;
    phone: string | null;
    email: string | null;
  }[];
}

export class ChildRows {
  private readonly fileChildren = new Map<string, number>();
  private readonly fileHolders = new Map<string, number>();

  constructor(
    private readonly refs: ChildrenRefs,
    private readonly today: string,
  ) {}

  check(line: number, r: RowOf<'children'>): Checked<ChildOp> {
    const errors: string[] = [];
    const notes: string[] = [];
    const created: string[] = [];
    if (r.foedselsdato > this.today) errors.push('foedselsdato: ligger i fremtiden');
    const earlier = this.fileChildren.get(r.cpr);
    if (earlier !== undefined) errors.push(`cpr: barnet står også i linje ${earlier}`);
    else if (this.refs.childCprs.has(r.cpr)) errors.push(`cpr: ${messageFor('child.cpr_taken')}`);
    if (errors.length) return outcome(line, errors, notes, created, null);

    this.fileChildren.set(r.cpr, line);
    created.push('barn');
    const holders: ChildOp['custodyHolders'] = [];
    const parents = [
      { n: 1, cpr: r.foraelder1_cpr, firstName: r.foraelder1_fornavn, lastName: r.foraelder1_efternavn, relation: r.foraelder1_relation, hasCustody: r.foraelder1_myndighed },
      { n: 2, cpr: r.foraelder2_cpr, firstName: r.foraelder2_fornavn, lastName: r.foraelder2_efternavn, relation: r.foraelder2_relation, hasCustody: r.foraelder2_myndighed },
    ];
    for (const p of parents) {
      if (p.cpr === undefined || p.firstName === undefined || p.lastName === undefined || p.relation === undefined || p.hasCustody === undefined) continue;
      const before = this.fileHolders.get(p.cpr);
      if (this.refs.holderCprs.has(p.cpr)) notes.push(`Forælder ${p.n} er allerede registreret og knyttes til barnet`);
      else if (before !== undefined) notes.push(`Forælder ${p.n} er også forælder i linje ${before}`);
      else {
        this.fileHolders.set(p.cpr, line);
        created.push(`forælder ${p.n}`);
      }
      created.push(`tilknytning: forælder ${p.n} (${p.relation}${p.hasCustody ? ', forældremyndighed' : ''})`);
      holders.push({ cpr: p.cpr, firstName: p.firstName, lastName: p.lastName, relation: p.relation, hasCustody: p.hasCustody, phone: null, email: null });
    }
    return outcome(line, errors, notes, created, { cpr: r.cpr, firstName: r.fornavn, lastName: r.efternavn, birthDate: r.foedselsdato, custodyHolders: holders });
  }
}

// ── enrolments ──────────────────────────────────────────────────────────────────────────

export interface EnrolmentRefs extends Pick<OrgRefs, 'institutions' | 'groups'> {
  children: { id: string; cpr: string }[];
  enrolments: { id: string; childId: string; institutionId: string; groupId: string | null; validFrom: string; validTo: string | null; type: string }[];
}

export interface EnrolmentOp {
  childId: string;
  institutionId: string;
  groupId: string | null;
  validFrom: string;
  validTo: string | null;
}

interface SimEnrolment {
  id: string;
  institutionId: string;
  groupId: string | null;
  validFrom: string;
  validTo: string | null;
  track: Track;
  line?: number;
}

export class EnrolmentRows {
  private readonly institutions: NameIndex<OrgRefs['institutions'][number]>;
  private readonly institutionNames: Map<string, string>;
  private readonly groups: Map<string, NameIndex<Named>>;
  private readonly childByCpr: Map<string, string>;
  /** Each child's enrolments as they will be after the rows so far: the same data enrol() plans on. */
  private readonly history = new Map<string, SimEnrolment[]>();

  constructor(refs: EnrolmentRefs) {
    this.institutions = new NameIndex(refs.institutions);
    this.institutionNames = new Map(refs.institutions.map((i) => [i.id, i.name]));
    this.groups = groupIndexes(refs);
    this.childByCpr = new Map(refs.children.map((c) => [c.cpr, c.id]));
    for (const e of refs.enrolments) {
      this.history.set(e.childId, [...(this.history.get(e.childId) ?? []), { ...e, track: trackOf(e.type) }]);
    }
  }

  check(line: number, r: RowOf<'enrolments'>): Checked<EnrolmentOp> {
    const errors: string[] = [];
    const notes: string[] = [];
    const created: string[] = [];
    const childId = this.childByCpr.get(r.cpr);
    if (!childId) errors.push('cpr: der er ikke registreret et barn med dette CPR-nummer');
    const inst = this.institutions.find(r.institution);
    if (inst === 'ambiguous') errors.push(ambiguous('institution', r.institution));
    else if (!inst) errors.push(`institution: ${show(r.institution)} findes ikke`);
    else if (inst.archived) errors.push(archived('institution', inst.name));
    let groupId: string | null = null;
    let label = inst && inst !== 'ambiguous' ? inst.name : '';
    if (r.gruppe !== undefined && inst && inst !== 'ambiguous') {
      const group = this.groups.get(inst.id)?.find(r.gruppe);
      if (group === 'ambiguous') errors.push(ambiguous('gruppe', r.gruppe));
      else if (!group) errors.push(`gruppe: ${show(r.gruppe)} findes ikke i ${show(inst.name)}`);
      else if (group.archived) errors.push(archived('gruppe', group.name));
      else {
        groupId = group.id;
        label = `${inst.name}/${group.name}`;
      }
    }
    if (errors.length || !childId || !inst || inst === 'ambiguous') return outcome(line, errors, notes, created, null);

    const list = this.history.get(childId) ?? [];
    const same = list.find(
      (e) => e.institutionId === inst.id && e.groupId === groupId && e.validFrom === r.fra && (r.til === undefined || e.validTo === r.til),
    );
    if (same?.line) return outcome(line, [`Samme indskrivning står også i linje ${same.line}`], notes, created, null);
    if (same) return outcome(line, errors, ['Indskrivningen findes allerede'], created, null);
    const plan = planTransition(list, { validFrom: r.fra, validTo: null, track: trackOf(inst.type) });
    if (plan.conflicts.length) {
      const clash = list.find((e) => e.id === plan.conflicts[0]);
      const where = clash?.line ? `linje ${clash.line}` : `${show(this.institutionNames.get(clash?.institutionId ?? '') ?? '')} fra ${clash?.validFrom ?? ''}`;
      return outcome(line, [`${messageFor('enrolment.overlap')} (${where})`], notes, created, null);
    }
    for (const c of plan.close) {
      const e = list.find((x) => x.id === c.id)!;
      e.validTo = c.validTo;
      notes.push(`Indskrivningen i ${show(this.institutionNames.get(e.institutionId) ?? '')} fra ${e.validFrom} slutter ${c.validTo}`);
    }
    const validTo = r.til ?? null;
    list.push({ id: `line:${line}`, institutionId: inst.id, groupId, validFrom: r.fra, validTo, track: trackOf(inst.type), line });
    this.history.set(childId, list);
    created.push(`indskrivning i ${show(label)} fra ${r.fra}${validTo ? ` til ${validTo}` : ''}`);
    return outcome(line, errors, notes, created, { childId, institutionId: inst.id, groupId, validFrom: r.fra, validTo });
  }
}

export type OpOf<K extends ImportKind> = K extends 'institutions'
  ? InstitutionOp
  : K extends 'staff'
    ? StaffOp
    : K extends 'children'
      ? ChildOp
      : EnrolmentOp;
