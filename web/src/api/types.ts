// Response and request types, inferred from the server's zod schemas (one source of truth).
// Type-only imports: nothing from src/ ends up in the browser bundle.
import type { z } from 'zod';
import type { PERMISSIONS } from '../../../src/domain/roles.ts';
import type { meResponse, municipalityPublic } from '../../../src/modules/auth/schema.ts';
import type { childDetail, childListItem, childrenPage } from '../../../src/modules/people/schema.ts';
import type { auditEvent, childLookupResult, eventsPage, extract, verifyResult } from '../../../src/modules/audit/schema.ts';

export type Me = z.infer<typeof meResponse>;
export type Membership = Me['memberships'][number];
export type MunicipalityPublic = z.infer<typeof municipalityPublic>;
export type ChildListItem = z.infer<typeof childListItem>;
export type ChildrenPage = z.infer<typeof childrenPage>;
export type ChildDetail = z.infer<typeof childDetail>;
export type Placement = ChildListItem['placements'][number];
export type CustodyHolder = ChildDetail['custodyHolders'][number];
export type AuditEvent = z.infer<typeof auditEvent>;
export type EventsPage = z.infer<typeof eventsPage>;
export type AuditExtract = z.infer<typeof extract>;
export type AuditChildLookup = z.infer<typeof childLookupResult>;
export type VerifyResult = z.infer<typeof verifyResult>;

/** The permissions the server hands out. */
export type Permission = (typeof PERMISSIONS)[number];
