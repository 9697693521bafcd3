// Staff single sign-on with OpenID Connect: authorization code flow with PKCE (S256), state
// and nonce, against the municipality's own identity provider (TIDLIG_OIDC, matched on the
// municipality code). The IdP proves who someone is; Tidlig decides whether that identity is
// a user here (users.sso_subject = the configured claim) and what they may do.
//
// The transaction between /start and /callback (code_verifier, state, nonce, municipality,
// start time) travels in a short-lived cookie sealed with AES-256-GCM, so any instance can
// finish a log-in another instance started. The key comes from TIDLIG_COOKIE_SECRET; without
// it each process makes a random key, which is enough for one instance but not for several.
//
// Nothing here logs tokens, codes, claims or IdP error descriptions: only short reason codes.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import { z } from 'zod';
import { anonymousActor } from '../../access/actor.ts';
import { withScope } from '../../access/scope.ts';
import type { OidcProviderConfig } from '../../config.ts';
import { AppError, type ErrorCode } from '../../errors.ts';
import { setSessionCookie } from '../../http/plugins/session.ts';
import type { App, AppContext } from '../../http/types.ts';
import * as repo from './repo.ts';
import { startSession, type IssuedSession } from './service.ts';

export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';
/** How long a user may spend at the IdP between /start and /callback. */
const TRANSACTION_TTL_SECONDS = 10 * 60;
/** Provider metadata is re-read now and then; signing keys are refreshed by openid-client itself. */
const DISCOVERY_TTL_MS = 60 * 60 * 1000;

// ── the transaction cookie ─────────────────────────────────────────────────────────────

const transactionSchema = z.object({
  codeVerifier: z.string().min(43).max(128),
  state: z.string().min(1),
  nonce: z.string().min(1),
  municipalityId: z.uuid(),
  createdAt: z.number().int(),
});
type OidcTransaction = z.infer<typeof transactionSchema>;

export function transactionCookieName(ctx: AppContext): string {
  // __Host-: Secure, Path=/, no Domain (as for the session cookie).
  return ctx.config.secureCookies ? '__Host-tidlig-oidc' : 'tidlig-oidc';
}

/** The sealing key: derived from TIDLIG_COOKIE_SECRET (shared by all instances), else random per process. */
export function transactionKey(secret: string | undefined): Buffer {
  if (secret === undefined || secret === '') return randomBytes(32);
  if (secret.length < 32) throw new Error('TIDLIG_COOKIE_SECRET must be at least 32 characters');
  return Buffer.from(hkdfSync('sha256', secret, 'tidlig', 'oidc-transaction-cookie', 32));
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

function seal(key: Buffer, cookieName: string, tx: OidcTransaction): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(cookieName)); // a value sealed for one cookie is not accepted in another
  const body = Buffer.concat([cipher.update(JSON.stringify(tx), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The transaction, or null when the cookie is missing, tampered with, from another key or too old. */
function unseal(key: Buffer, cookieName: string, value: string | undefined, now: Date): OidcTransaction | null {
  if (!value) return null;
  try {
    const raw = Buffer.from(value, 'base64url');
    if (raw.length <= IV_BYTES + TAG_BYTES) return null;
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(cookieName));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const json = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    const tx = transactionSchema.parse(JSON.parse(json));
    const age = now.getTime() - tx.createdAt;
    return age >= 0 && age <= TRANSACTION_TTL_SECONDS * 1000 ? tx : null;
  } catch {
    return null;
  }
}

// ── providers ──────────────────────────────────────────────────────────────────────────

/** The municipality's provider, or null for an unknown municipality or one without SSO. */
async function providerFor(ctx: AppContext, municipalityId: string): Promise<OidcProviderConfig | null> {
  const m = await ctx.db.kysely.selectFrom('municipalities').select('code').where('id', '=', municipalityId).executeTakeFirst();
  return (m && ctx.config.oidc.find((p) => p.municipalityCode === m.code)) ?? null;
}

/** Plain HTTP is accepted only for an IdP on this machine (test rigs); anywhere else HTTPS is required. */
function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** Discovery per issuer and client, cached; a failed discovery is not cached, so the next log-in retries. */
function discoveryCache() {
  const cache = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();
  return (p: OidcProviderConfig): Promise<oidc.Configuration> => {
    const key = `${p.issuer}\n${p.clientId}`;
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
    const issuer = new URL(p.issuer);
    const config = oidc.discovery(issuer, p.clientId, p.clientSecret, oidc.ClientSecretBasic(p.clientSecret), {
      execute: isLoopback(issuer) ? [oidc.allowInsecureRequests] : [],
      timeout: 10,
    });
    cache.set(key, { at: Date.now(), config });
    config.catch(() => {
      if (cache.get(key)?.config === config) cache.delete(key);
    });
    return config;
  };
}

/** Ask for the scope that carries the configured claim, and no more. */
function scopeFor(claim: string): string {
  if (['email', 'email_verified'].includes(claim)) return 'openid email';
  if (['preferred_username', 'name', 'given_name', 'family_name', 'nickname'].includes(claim)) return 'openid profile';
  if (['phone_number', 'phone_number_verified'].includes(claim)) return 'openid phone';
  return 'openid';
}

/** A claim value usable as users.sso_subject: a non-empty string (or a number, as text). */
function subjectOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.length > 0 && value.length <= 500) return value;
  return null;
}

/** Short, safe reason codes for the log: never a token, code, claim or IdP free text. */
function reasonOf(err: unknown): string {
  const e = err as { code?: unknown; error?: unknown; name?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const oauthError = typeof e.error === 'string' && /^[a-z_]{1,64}$/.test(e.error) ? e.error : undefined;
  return [typeof e.name === 'string' ? e.name : 'Error', code, oauthError].filter(Boolean).join(':');
}

// ── log-in ─────────────────────────────────────────────────────────────────────────────

type SsoOutcome = { ok: true; session: IssuedSession } | { ok: false; code: ErrorCode };

/** Match the IdP's identity to a usable user of the municipality and open a session. */
async function completeLogin(
  ctx: AppContext,
  input: { municipalityId: string; subject: string; ip: string | null; requestId: string },
): Promise<SsoOutcome> {
  return withScope(ctx, anonymousActor(input.municipalityId, input.requestId), async (scope) => {
    const user = await repo.findUserBySsoSubject(scope, input.subject);
    if (!user || user.blockedAt || user.deactivatedAt) {
      const reason = !user ? 'unknown_user' : user.blockedAt ? 'blocked' : 'deactivated';
      // The attempt row (tenant data, like a typed user name) keeps the unmatched identity so an
      // administrator can see who tried; the audit row and the log do not.
      await repo.recordAttempt(scope, {
        userId: user?.id ?? null,
        username: user?.username ?? input.subject,
        succeeded: false,
        method: 'oidc',
        ip: input.ip,
      });
      scope.audit({
        action: 'login_failed',
        resourceType: 'user',
        resourceId: user?.id ?? null,
        outcome: 'denied',
        details: { method: 'oidc', reason },
        ...(user ? { asUser: { id: user.id, name: user.displayName } } : {}),
      });
      return { ok: false, code: 'auth.sso_unknown_user' } as const;
    }
    await repo.recordAttempt(scope, { userId: user.id, username: user.username, succeeded: true, method: 'oidc', ip: input.ip });
    const session = await startSession(ctx, scope, user.id, 'oidc');
    scope.audit({
      action: 'login',
      resourceType: 'user',
      resourceId: user.id,
      details: { method: 'oidc' },
      asUser: { id: user.id, name: user.displayName },
    });
    return { ok: true, session } as const;
  });
}

// ── routes ─────────────────────────────────────────────────────────────────────────────

const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });
const startParams = z.object({ municipalityId: z.uuid() });
// Only read to document the endpoint; the full query string goes to openid-client as received.
const callbackQuery = z.looseObject({
  code: z.string().optional(),
  state: z.string().optional(),
  iss: z.string().optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});

export async function oidcRoutes(app: App, ctx: AppContext) {
  const key = transactionKey(ctx.config.cookieSecret);
  const discover = discoveryCache();
  const cookieName = transactionCookieName(ctx);
  const redirectUri = `${ctx.config.publicUrl.replace(/\/+$/, '')}${OIDC_CALLBACK_PATH}`;
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    secure: ctx.config.secureCookies,
    // Lax, not Strict: the callback is a top-level navigation coming from the IdP's site.
    sameSite: 'lax' as const,
  };

  /** Back to the log-in page with a stable error code it shows in Danish. */
  const refuse = (request: FastifyRequest, reply: FastifyReply, code: ErrorCode, reason: string) => {
    request.log.warn({ oidc: reason }, 'single sign-on refused');
    return reply.redirect(`/login?error=${encodeURIComponent(code)}`, 302);
  };

  app.get(
    '/api/auth/oidc/:municipalityId/start',
    {
      schema: {
        tags: ['log ind'],
        summary: 'Start log-ind via kommunens login (OpenID Connect)',
        params: startParams,
        response: { 404: errorBody },
      },
      config: { rateLimit: { max: ctx.config.rateLimit.loginPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { municipalityId } = request.params;
      const provider = await providerFor(ctx, municipalityId);
      // A municipality without SSO answers exactly like one that does not exist.
      if (!provider) throw new AppError('municipality.not_found', 404);
      let config: oidc.Configuration;
      try {
        config = await discover(provider);
      } catch (err) {
        return refuse(request, reply, 'auth.sso_failed', `discovery:${reasonOf(err)}`);
      }
      const tx: OidcTransaction = {
        codeVerifier: oidc.randomPKCECodeVerifier(),
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        municipalityId,
        createdAt: ctx.clock.now().getTime(),
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: scopeFor(provider.userClaim),
        code_challenge: await oidc.calculatePKCECodeChallenge(tx.codeVerifier),
        code_challenge_method: 'S256',
        state: tx.state,
        nonce: tx.nonce,
      });
      reply.setCookie(cookieName, seal(key, cookieName, tx), { ...cookieOptions, maxAge: TRANSACTION_TTL_SECONDS });
      return reply.redirect(url.href, 302);
    },
  );

  app.get(
    OIDC_CALLBACK_PATH,
    {
      schema: { tags: ['log ind'], summary: 'Svar fra kommunens login (OpenID Connect)', querystring: callbackQuery },
      config: { rateLimit: { max: ctx.config.rateLimit.loginPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      // One use only: whatever happens next, the transaction is gone.
      const tx = unseal(key, cookieName, request.cookies[cookieName], ctx.clock.now());
      reply.clearCookie(cookieName, cookieOptions);
      if (!tx) return refuse(request, reply, 'auth.sso_failed', 'no_transaction');
      if (request.query.error !== undefined) {
        const error = /^[a-z_]{1,64}$/.test(request.query.error) ? request.query.error : 'invalid';
        return refuse(request, reply, 'auth.sso_failed', `idp_error:${error}`);
      }
      const provider = await providerFor(ctx, tx.municipalityId);
      if (!provider) return refuse(request, reply, 'auth.sso_failed', 'no_provider');

      let subject: string | null;
      try {
        const config = await discover(provider);
        // openid-client checks state, iss, the code exchange with the PKCE verifier, and the ID
        // token's signature, issuer, audience, expiry and nonce.
        const currentUrl = new URL(redirectUri);
        currentUrl.search = new URL(request.url, 'http://callback.invalid').search;
        const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: tx.codeVerifier,
          expectedState: tx.state,
          expectedNonce: tx.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims) return refuse(request, reply, 'auth.sso_failed', 'no_id_token');
        let value: unknown = claims[provider.userClaim];
        // Some IdPs keep scope claims (email, profile) out of the ID token in the code flow.
        if (value === undefined && tokens.access_token && config.serverMetadata().userinfo_endpoint) {
          const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
          value = info[provider.userClaim];
        }
        subject = subjectOf(value);
      } catch (err) {
        return refuse(request, reply, 'auth.sso_failed', `token:${reasonOf(err)}`);
      }
      if (!subject) return refuse(request, reply, 'auth.sso_failed', 'claim_missing');

      const outcome = await completeLogin(ctx, {
        municipalityId: tx.municipalityId,
        subject,
        ip: request.ip,
        requestId: request.id,
      });
      if (!outcome.ok) return refuse(request, reply, outcome.code, 'no_usable_user');
      setSessionCookie(ctx, reply, outcome.session.cookieValue, outcome.session.expiresAt);
      // The session cookie is SameSite=Strict, so this navigation (begun at the IdP) does not
      // carry it yet; the web app's own requests from "/" do.
      return reply.redirect('/', 302);
    },
  );
}
