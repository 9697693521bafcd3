// A real OpenID Connect provider (oidc-provider) for tests, on 127.0.0.1 with a random port,
// plus a tiny cookie-keeping "browser" that follows redirects with fetch. The provider's
// interaction page logs in whichever account the test chose (or refuses), so the whole
// authorization code flow runs headlessly and for real: PKCE, state, nonce, signed ID tokens.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
// oidc-provider ships no type declarations (and @types/oidc-provider is not installed); the
// few calls made here are typed by the interface below.
// @ts-expect-error TS7016: untyped module
import { Provider as UntypedProvider } from 'oidc-provider';

export type Claims = { sub: string } & Record<string, unknown>;

interface ProviderInstance {
  callback(): (req: http.IncomingMessage, res: http.ServerResponse) => void;
  interactionDetails(req: http.IncomingMessage, res: http.ServerResponse): Promise<{ params: Record<string, unknown> }>;
  interactionFinished(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    result: Record<string, unknown>,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: new (args: { accountId: string; clientId: string }) => { addOIDCScope(scope: string): void; save(): Promise<string> };
}
const Provider = UntypedProvider as new (issuer: string, config: Record<string, unknown>) => ProviderInstance;

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts by sub: what the provider returns as claims (sub is always included). */
  accounts: Map<string, Claims>;
  /** Who logs in at the next interaction, or 'deny' for error=access_denied. */
  nextLogin: string | 'deny' | null;
  close(): Promise<void>;
}

/** A free TCP port on 127.0.0.1, to know a URL before the server that answers it starts. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startOidcProvider(opts: {
  redirectUri: string;
  /**
   * true (default): scope claims (email, profile) go into the ID token, as most enterprise
   * IdPs do. false: the code flow's ID token carries only sub; the rest is at userinfo.
   */
  claimsInIdToken?: boolean;
}): Promise<TestIdp> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = `tidlig-${randomBytes(4).toString('hex')}`;
  const clientSecret = randomBytes(24).toString('base64url');
  const accounts = new Map<string, Claims>();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [opts.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
    },
    conformIdTokenClaims: opts.claimsInIdToken === false,
    pkce: { required: () => true },
    ttl: { AuthorizationCode: 60, IdToken: 600, AccessToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ ...account, sub }) };
    },
  });

  const idp: TestIdp = {
    issuer,
    clientId,
    clientSecret,
    accounts,
    nextLogin: null,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };

  /** The "log-in page": finishes log-in and consent at once for the account the test chose. */
  async function interact(req: http.IncomingMessage, res: http.ServerResponse) {
    const { params } = await provider.interactionDetails(req, res);
    const accountId = idp.nextLogin;
    if (accountId === 'deny' || accountId === null) {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'End-User aborted interaction' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const grant = new provider.Grant({ accountId, clientId: String(params.client_id) });
    grant.addOIDCScope(String(params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  const handle = provider.callback();
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.method === 'GET' && /^\/interaction\/[^/?]+(\?|$)/.test(req.url ?? '')) {
      interact(req, res).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
      return;
    }
    handle(req, res);
  });
  return idp;
}

// ── a headless browser: cookies per host, redirects followed by hand ──────────────────

export interface Hop {
  url: URL;
  status: number;
  location: URL | null;
  /** Raw Set-Cookie headers of this response. */
  setCookies: string[];
}

export class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  setCookie(host: string, name: string, value: string): void {
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    cookies.set(name, value);
    this.jar.set(host, cookies);
  }

  /**
   * GET url and follow redirects until a page answers (or, with stopBefore, until the next URL
   * matches: the last hop's location is then where the browser would go next).
   */
  async visit(start: string | URL, opts: { stopBefore?: (url: URL) => boolean; maxHops?: number } = {}): Promise<Hop[]> {
    const hops: Hop[] = [];
    const maxHops = opts.maxHops ?? 20;
    let url = new URL(start);
    for (let i = 0; i < maxHops; i += 1) {
      if (i > 0 && opts.stopBefore?.(url)) return hops;
      const cookies = [...(this.jar.get(url.host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await fetch(url, { redirect: 'manual', headers: cookies ? { cookie: cookies } : {} });
      await res.arrayBuffer();
      const setCookies = res.headers.getSetCookie();
      this.store(url.host, setCookies);
      const location = res.headers.get('location') ? new URL(res.headers.get('location')!, url) : null;
      hops.push({ url, status: res.status, location, setCookies });
      if (res.status < 300 || res.status >= 400 || !location) return hops;
      url = location;
    }
    throw new Error(`more than ${maxHops} redirects from ${start}`);
  }

  private store(host: string, setCookies: string[]): void {
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    for (const header of setCookies) {
      const [pair = '', ...attrs] = header.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq);
      const expired = attrs.some((a) => {
        const [k = '', v = ''] = a.split('=');
        if (k.toLowerCase() === 'max-age') return Number(v) <= 0;
        if (k.toLowerCase() === 'expires') return Date.parse(v) <= Date.now();
        return false;
      });
      if (expired) cookies.delete(name);
      else cookies.set(name, pair.slice(eq + 1));
    }
    this.jar.set(host, cookies);
  }
}

/** Attributes of one Set-Cookie header, names lower-cased. */
export function parseSetCookie(header: string): { name: string; value: string; attrs: Map<string, string> } {
  const [pair = '', ...rest] = header.split(';').map((s) => s.trim());
  const eq = pair.indexOf('=');
  const attrs = new Map<string, string>();
  for (const a of rest) {
    const i = a.indexOf('=');
    attrs.set((i < 0 ? a : a.slice(0, i)).toLowerCase(), i < 0 ? '' : a.slice(i + 1));
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attrs };
}
