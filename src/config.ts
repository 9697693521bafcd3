// Runtime configuration, read from the environment in one place.
import fs from 'node:fs';
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

/**
 * Citizens' log-in through NemLog-in (MitID), OIOSAML 3: one service provider for the
 * installation; the municipality travels with the request.
 */
export interface SamlConfig {
  /** The IdP's single sign-on URL (HTTP-Redirect binding). */
  entryPoint: string;
  /** The IdP's signing certificate(s), PEM or bare base64 (several during a key roll-over). */
  idpCert: string[];
  /** The IdP's entity id: the assertion's Issuer must equal it (unset: not checked). */
  idpIssuer?: string;
  /** Our entity id: the assertion's Audience must equal it. */
  entityId: string;
  /** Our assertion consumer service URL: the Response's Destination and the Recipient must equal it. */
  callbackUrl: string;
  /** Our private key (PEM): signs AuthnRequests and decrypts encrypted assertions. */
  privateKey?: string;
  /** Our certificate (PEM), published in the metadata. */
  publicCert?: string;
}

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
  /**
   * Slow clients (slowloris, a body never finished): the headers must arrive within headersMs
   * and the whole request within requestMs (408 and the connection closed), and a connection
   * that sends nothing for idleMs is closed.
   */
  timeouts: { requestMs: number; headersMs: number; idleMs: number };
  oidc: OidcProviderConfig[];
  /** Absent: MitID log-in for citizens is off. */
  saml?: SamlConfig;
  /** ≥ 32 characters, the same on every instance: seals short-lived cookies (SSO transactions). */
  cookieSecret?: string;
  logLevel: string;
  webDist: string;
}

const bool = (v: string | undefined, dflt: boolean) =>
  v === undefined || v === '' ? dflt : ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
const int = (v: string | undefined, dflt: number) => (v === undefined || v === '' ? dflt : Number.parseInt(v, 10));

/** A PEM (or bare base64) value given inline, or the path of a file holding it. */
function pemOrFile(v: string): string {
  if (v.includes('-----BEGIN') || !fs.existsSync(v)) return v;
  return fs.readFileSync(v, 'utf8');
}

/** Every certificate in a PEM bundle, or the value as it is (one bare base64 certificate). */
function splitPem(v: string): string[] {
  return v.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [v.trim()];
}

/** TIDLIG_SAML_*: on when the IdP's URL, certificate and our entity id are all set. */
function loadSaml(env: NodeJS.ProcessEnv, publicUrl: string): SamlConfig | undefined {
  const entryPoint = env.TIDLIG_SAML_ENTRY_POINT;
  const idpCert = env.TIDLIG_SAML_IDP_CERT;
  const entityId = env.TIDLIG_SAML_ENTITY_ID;
  if (!entryPoint || !idpCert || !entityId) return undefined;
  return {
    entryPoint: z.string().url().parse(entryPoint),
    idpCert: splitPem(pemOrFile(idpCert)),
    idpIssuer: env.TIDLIG_SAML_IDP_ISSUER || undefined,
    entityId,
    callbackUrl: env.TIDLIG_SAML_CALLBACK_URL || `${publicUrl.replace(/\/+$/, '')}/api/portal/saml/acs`,
    privateKey: env.TIDLIG_SAML_PRIVATE_KEY ? pemOrFile(env.TIDLIG_SAML_PRIVATE_KEY) : undefined,
    publicCert: env.TIDLIG_SAML_CERT ? pemOrFile(env.TIDLIG_SAML_CERT) : undefined,
  };
}

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
    timeouts: {
      requestMs: int(env.TIDLIG_REQUEST_TIMEOUT_MS, 30_000),
      headersMs: int(env.TIDLIG_HEADERS_TIMEOUT_MS, 15_000),
      idleMs: int(env.TIDLIG_IDLE_TIMEOUT_MS, 60_000),
    },
    cookieSecret: env.TIDLIG_COOKIE_SECRET || undefined,
    oidc: env.TIDLIG_OIDC ? z.array(oidcProviderSchema).parse(JSON.parse(env.TIDLIG_OIDC)) : [],
    saml: loadSaml(env, publicUrl),
    logLevel: env.LOG_LEVEL ?? 'info',
    webDist: path.resolve(env.TIDLIG_WEB_DIST ?? './web/dist'),
  };
}
