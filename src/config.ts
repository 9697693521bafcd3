// Runtime configuration, read from the environment in one place.
import path from 'node:path';
import { z } from 'zod';

const oidcProviderSchema = z.object({
  municipalityCode: z.string().regex(/^[0-9]{3}$/),
  issuer: z.string().url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** The ID-token claim matched against users.sso_subject. */
  userClaim: z.string().min(1).default('sub'),
  /** Human label on the log-in button. */
  label: z.string().default('Log ind med kommunens login'),
});
export type OidcProviderConfig = z.infer<typeof oidcProviderSchema>;

export interface Config {
  port: number;
  host: string;
  /** postgres://… when set; otherwise the embedded PGlite in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** Seed the fictitious demo municipality on first start. */
  demo: boolean;
  /** Public base URL (for SSO redirects). */
  publicUrl: string;
  /** Only over TLS (or localhost) do browsers keep a __Host- cookie; set false for plain-HTTP test rigs. */
  secureCookies: boolean;
  /** Send HSTS: only behind TLS. */
  hsts: boolean;
  trustProxy: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  rateLimit: { perMinute: number; loginPerMinute: number };
  bodyLimitBytes: number;
  oidc: OidcProviderConfig[];
  /** ≥ 32 characters, the same on every instance: seals short-lived cookies (SSO transactions). */
  cookieSecret?: string;
  logLevel: string;
  webDist: string;
}

const bool = (v: string | undefined, dflt: boolean) =>
  v === undefined || v === '' ? dflt : ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
const int = (v: string | undefined, dflt: number) => (v === undefined || v === '' ? dflt : Number.parseInt(v, 10));

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int(env.PORT, 3000);
  const publicUrl = env.TIDLIG_PUBLIC_URL ?? `http://localhost:${port}`;
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.TIDLIG_DATA_DIR ?? './data'),
    demo: bool(env.TIDLIG_DEMO, true),
    publicUrl,
    // Browsers keep Secure cookies over https, and over plain http only on localhost.
    secureCookies: bool(env.TIDLIG_SECURE_COOKIES, /^https:\/\/|^http:\/\/(localhost|127\.0\.0\.1)(:|\/|$)/.test(publicUrl)),
    hsts: bool(env.TIDLIG_HSTS, publicUrl.startsWith('https://')),
    trustProxy: bool(env.TIDLIG_TRUST_PROXY, false),
    sessionIdleMinutes: int(env.TIDLIG_SESSION_IDLE_MINUTES, 30),
    sessionAbsoluteHours: int(env.TIDLIG_SESSION_ABSOLUTE_HOURS, 8),
    rateLimit: {
      perMinute: int(env.TIDLIG_RATE_LIMIT_PER_MINUTE, 1200),
      loginPerMinute: int(env.TIDLIG_LOGIN_RATE_LIMIT_PER_MINUTE, 20),
    },
    bodyLimitBytes: int(env.TIDLIG_BODY_LIMIT_BYTES, 5 * 1024 * 1024),
    cookieSecret: env.TIDLIG_COOKIE_SECRET || undefined,
    oidc: env.TIDLIG_OIDC ? z.array(oidcProviderSchema).parse(JSON.parse(env.TIDLIG_OIDC)) : [],
    logLevel: env.LOG_LEVEL ?? 'info',
    webDist: path.resolve(env.TIDLIG_WEB_DIST ?? './web/dist'),
  };
}
