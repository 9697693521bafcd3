// The administration pages' view of the API: types inferred from the server's zod schemas
// (type-only imports: nothing from src/ reaches the bundle through this file), query keys,
// and the queries shared by several pages. All requests go through the shell's client
// (CSRF token on POST/PATCH, If-Match from `version`, ApiError with the server's code).
import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import type * as org from '../../../../src/modules/organisation/schema.ts';
import type * as staff from '../../../../src/modules/staff/schema.ts';
import type * as people from '../../../../src/modules/people/schema.ts';
import type * as imports from '../../../../src/modules/imports/schema.ts';

export type OrgTree = z.infer<typeof org.orgTree>;
export type District = OrgTree['districts'][number];
export type Institution = District['institutions'][number];
export type Group = Institution['groups'][number];
export type Team = OrgTree['teams'][number];
export type TeamKind = z.infer<typeof org.teamCreate>['kind'];
export type Created = z.infer<typeof org.created>;

export type StaffMember = z.infer<typeof staff.staffOut>;
export type StaffPage = z.infer<typeof staff.staffPage>;
export type StaffDetail = z.infer<typeof staff.staffDetail>;
export type StaffMembership = StaffDetail['memberships'][number];
export type StaffCreate = z.input<typeof staff.staffCreate>;
export type StaffUpdate = z.input<typeof staff.staffUpdate>;
export type MembershipCreate = z.input<typeof staff.membershipCreate>;
export type UnitKind = MembershipCreate['unitKind'];

export type ChildAdminView = z.infer<typeof people.childAdminView>;
export type Placement = ChildAdminView['enrolments'][number];
export type ChildCreate = z.input<typeof people.childCreate>;
export type CustodyHolderInput = z.input<typeof people.custodyHolderInput>;
export type EnrolmentCreate = z.input<typeof people.enrolmentCreate>;

export type ImportKind = z.infer<typeof imports.importKind>;
export type ImportCreate = z.input<typeof imports.importStart>;
export type ImportRun = z.infer<typeof imports.importDetail>;
export type ImportSummary = z.infer<typeof imports.importSummary>;
export type ImportsPage = z.infer<typeof imports.importsPage>;
export type ImportReportRow = ImportRun['report'][number];
export type ImportStatus = ImportRun['status'];

export const TEAM_KINDS = ['district_team', 'tvaerfagligt_team', 'case_team'] as const satisfies readonly TeamKind[];
export const IMPORT_KINDS = ['institutions', 'staff', 'children', 'enrolments'] as const satisfies readonly ImportKind[];

export const adminKeys = {
  all: ['admin'] as const,
  orgTree: ['admin', 'org-tree'] as const,
  staffList: (q: string, page: number) => ['admin', 'staff', 'list', q, page] as const,
  staffLists: ['admin', 'staff', 'list'] as const,
  staff: (id: string) => ['admin', 'staff', 'detail', id] as const,
  imports: ['admin', 'imports', 'list'] as const,
  importsPage: (page: number) => ['admin', 'imports', 'list', page] as const,
  importRun: (id: string) => ['admin', 'imports', 'run', id] as const,
};

export const orgTreeQuery = queryOptions({
  queryKey: adminKeys.orgTree,
  queryFn: ({ signal }) => api.get<OrgTree>('/api/org/tree', { signal }),
  staleTime: 10_000,
});

/** Every institution of the tree (districts first, then those without a district). */
export function allInstitutions(tree: OrgTree | undefined): Institution[] {
  if (!tree) return [];
  return [...tree.districts.flatMap((d) => d.institutions), ...tree.unassigned];
}
