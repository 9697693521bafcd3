// The security headers, in one place: helmet sends them on every response Fastify writes, and
// rawSecurityHeaders() gives the same set for the few answers written on the socket outside the
// request cycle (a slow client's 408, an unparsable request's 400). The limits-headers test
// compares the two, so they cannot drift apart.
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { Config } from '../../config.ts';

/** Our CSP. No 'unsafe-inline' anywhere: the web app and the OpenAPI UI load only files of ours. */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
} as const;

export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=()';
const HSTS = { maxAge: 31_536_000, includeSubDomains: true };

export function helmetOptions(config: Pick<Config, 'hsts'>): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: Object.fromEntries(Object.entries(CSP_DIRECTIVES).map(([k, v]) => [k, [...v]])) },
    strictTransportSecurity: config.hsts ? HSTS : false,
    referrerPolicy: { policy: 'no-referrer' },
    // DENY, as the CSP's frame-ancestors 'none' says: SAMEORIGIN would let a page of our own
    // origin frame Tidlig in browsers that only know X-Frame-Options.
    xFrameOptions: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  };
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Helmet's headers for our options, as helmet writes them, plus the two our onSend hook adds. */
export function rawSecurityHeaders(config: Pick<Config, 'hsts'>): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': Object.entries(CSP_DIRECTIVES)
      .map(([k, v]) => `${kebab(k)} ${v.join(' ')}`)
      .join(';'),
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Origin-Agent-Cluster': '?1',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-DNS-Prefetch-Control': 'off',
    'X-Download-Options': 'noopen',
    'X-Frame-Options': 'DENY',
    'X-Permitted-Cross-Domain-Policies': 'none',
    'X-XSS-Protection': '0',
    'Cache-Control': 'no-store',
    'Permissions-Policy': PERMISSIONS_POLICY,
  };
  if (config.hsts) headers['Strict-Transport-Security'] = `max-age=${HSTS.maxAge}; includeSubDomains`;
  return headers;
}
