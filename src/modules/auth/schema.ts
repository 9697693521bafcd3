import { z } from 'zod';

export const loginBody = z
  .object({
    municipalityId: z.string().uuid(),
    username: z.string().min(1).max(100),
    password: z.string().min(1).max(200),
  })
  .strict();

export const municipalityPublic = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  sso: z.array(z.object({ label: z.string(), url: z.string() })),
});

export const meResponse = z.object({
  user: z.object({ id: z.string().uuid(), username: z.string(), displayName: z.string(), profession: z.string() }),
  municipality: z.object({ id: z.string().uuid(), code: z.string(), name: z.string() }),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  memberships: z.array(z.object({ role: z.string(), unitKind: z.string(), unitId: z.string().uuid(), unitName: z.string() })),
  csrfToken: z.string(),
  sessionIdleMinutes: z.number().int(),
});
export type MeResponse = z.infer<typeof meResponse>;
