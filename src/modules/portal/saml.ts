// Citizens' log-in with MitID through NemLog-in (SAML 2.0 Web SSO, OIOSAML 3 profile), on
// @node-saml/node-saml. The IdP proves who someone is (the CPR attribute); the portal decides
// whether that person holds custody of a child in the municipality (service.ts).
//
// What a response must satisfy before anyone gets a session:
//  - a valid XML signature by the IdP's certificate over the assertion (or the whole response);
//  - Audience = our entity id; Conditions and SubjectConfirmationData valid now (NotBefore /
//    NotOnOrAfter, CLOCK_SKEW_MS either way);
//  - InResponseTo names an AuthnRequest this process issued less than REQUEST_TTL_MS ago and
//    not yet answered (one use: a replayed response is refused), also inside the signed
//    SubjectConfirmationData, so a captured assertion cannot be re-bound to a fresh request;
//  - Destination (on the Response) and Recipient (in the signed assertion) = our ACS URL;
//  - the IdP's Issuer (when configured), NSIS assurance level Substantial or High, a CPR.
//
// The issued request ids live in this process's memory (RequestStore). With more than one
// instance the IdP's POST must reach the instance that sent the user there (sticky sessions),
// or the store must move to a shared cache; see README.md.
//
// Nothing here logs or returns the assertion, the CPR or the IdP's free text: reason codes only.
import { AsyncLocalStorage } from 'node:async_hooks';
import { SAML, ValidateInResponseTo, type CacheItem, type CacheProvider, type Profile } from '@node-saml/node-saml';
import { DOMParser } from '@xmldom/xmldom';
import type { SamlConfig } from '../../config.ts';

export const SAML_ACS_PATH = '/api/portal/saml/acs';
/** OIOSAML 3 attribute names (NemLog-in). */
export const CPR_ATTRIBUTE = 'https://data.gov.dk/model/core/eid/cprNumber';
export const LOA_ATTRIBUTE = 'https://data.gov.dk/concept/core/nsis/loa';
const LOA_SUBSTANTIAL = 'https://data.gov.dk/concept/core/nsis/loa/Substantial';
/** MitID's levels that are enough to see a child's data (NSIS betydelig or høj). */
const ACCEPTED_LOA = new Set(['Substantial', 'High']);
/** How long a user may spend at the IdP between /start and the ACS. */
export const REQUEST_TTL_MS = 10 * 60 * 1000;
/** Tolerated difference between the IdP's clock and ours. */
export const CLOCK_SKEW_MS = 60 * 1000;

// ── issued requests ────────────────────────────────────────────────────────────────────

interface Issued {
  createdAt: number;
  municipalityId: string | null;
}

/**
 * node-saml's cache of AuthnRequest ids, in memory with expiry, that also remembers which
 * municipality each request was for (bound while the request is made) and which ids have
 * been answered: `consume` succeeds once per id, so two copies of one response racing each
 * other cannot both log in.
 */
export class RequestStore implements CacheProvider {
  private readonly issued = new Map<string, Issued>();
  /** Ids node-saml let go of (answered or failed): kept until expiry to know their municipality. */
  private readonly settled = new Map<string, Issued>();
  private readonly consumed = new Map<string, Issued>();
  private readonly binding = new AsyncLocalStorage<string>();

  constructor(
    private readonly ttlMs: number = REQUEST_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Run fn (which makes an AuthnRequest) so that its request id is bound to the municipality. */
  bind<T>(municipalityId: string, fn: () => Promise<T>): Promise<T> {
    return this.binding.run(municipalityId, fn);
  }

  private prune(): void {
    const oldest = this.now() - this.ttlMs - CLOCK_SKEW_MS;
    for (const map of [this.issued, this.settled, this.consumed]) {
      for (const [id, e] of map) if (e.createdAt < oldest) map.delete(id);
    }
  }

  async saveAsync(key: string, value: string): Promise<CacheItem | null> {
    this.prune();
    if (this.issued.has(key) || this.consumed.has(key)) return null;
    const createdAt = this.now();
    this.issued.set(key, { createdAt, municipalityId: this.binding.getStore() ?? null });
    return { value, createdAt };
  }

  async getAsync(key: string): Promise<string | null> {
    this.prune();
    const e = this.issued.get(key);
    return e && this.now() - e.createdAt < this.ttlMs ? new Date(e.createdAt).toISOString() : null;
  }

  async removeAsync(key: string | null): Promise<string | null> {
    if (key === null) return null;
    const e = this.issued.get(key);
    if (!e) return null;
    this.issued.delete(key);
    this.settled.set(key, e);
    return new Date(e.createdAt).toISOString();
  }

  /** The first (and only) use of an answered request id: its municipality, or null when used before, unknown or expired. */
  consume(id: string): { municipalityId: string | null } | null {
    this.prune();
    if (this.consumed.has(id)) return null;
    const e = this.issued.get(id) ?? this.settled.get(id);
    if (!e || this.now() - e.createdAt >= this.ttlMs) return null;
    this.issued.delete(id);
    this.settled.delete(id);
    this.consumed.set(id, e);
    return { municipalityId: e.municipalityId };
  }

  /** Which municipality a request id was made for, without using it (to audit a refusal there). */
  peek(id: string): string | null {
    return (this.issued.get(id) ?? this.settled.get(id) ?? this.consumed.get(id))?.municipalityId ?? null;
  }
}

// ── the service provider ───────────────────────────────────────────────────────────────

export type SamlOutcome =
  | { ok: true; cpr: string; municipalityId: string }
  /** municipalityId: where to audit the refusal, when it can be told (never trusted for more). */
  | { ok: false; reason: string; municipalityId: string | null };

type XmlJs = Record<string, unknown> & { $?: Record<string, string> };
const first = (v: unknown): XmlJs | undefined => (Array.isArray(v) ? (v[0] as XmlJs | undefined) : undefined);
const all = (v: unknown): XmlJs[] => (Array.isArray(v) ? (v as XmlJs[]) : []);

/** Short reason codes for node-saml's refusals: never its message (it can quote the response). */
function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : '';
  if ((err as { name?: string }).name === 'SamlStatusError' || /SAML provider returned/.test(message)) return 'idp_status';
  if (/signature/i.test(message)) return 'signature';
  const code = (err as { code?: unknown }).code;
  if (/decrypt|EncryptedAssertion|encrypted/i.test(message) || (typeof code === 'string' && code.startsWith('ERR_OSSL'))) return 'decryption';
  if (/audience/i.test(message)) return 'audience';
  // No subject confirmation is valid now: its NotBefore/NotOnOrAfter window is the one that failed.
  if (/expired|not yet valid|too old|subject confirmation/i.test(message)) return 'validity';
  if (/InResponseTo/i.test(message)) return 'in_response_to';
  if (/multiple/i.test(message)) return 'structure';
  return 'invalid';
}

/** Destination and InResponseTo of the (not yet verified) Response element, or null for non-XML. */
function inspect(samlResponse: string): { destination: string | null; inResponseTo: string | null } | null {
  try {
    const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
    const doc = new DOMParser({ errorHandler: () => undefined }).parseFromString(xml, 'text/xml');
    const root = doc?.documentElement;
    if (!root || root.localName !== 'Response' || root.namespaceURI !== 'urn:oasis:names:tc:SAML:2.0:protocol') return null;
    return { destination: root.getAttribute('Destination') || null, inResponseTo: root.getAttribute('InResponseTo') || null };
  } catch {
    return null;
  }
}

function attribute(profile: Profile, name: string): string | null {
  const attrs = (profile.attributes ?? {}) as Record<string, unknown>;
  const v = attrs[name];
  return typeof v === 'string' ? v : null;
}

export class CitizenSaml {
  readonly store: RequestStore;
  private readonly saml: SAML;

  constructor(
    private readonly config: SamlConfig,
    store?: RequestStore,
  ) {
    this.store = store ?? new RequestStore();
    this.saml = new SAML({
      entryPoint: config.entryPoint,
      idpCert: config.idpCert,
      idpIssuer: config.idpIssuer,
      issuer: config.entityId,
      audience: config.entityId,
      callbackUrl: config.callbackUrl,
      privateKey: config.privateKey,
      decryptionPvk: config.privateKey,
      publicCert: config.publicCert,
      signatureAlgorithm: 'sha256',
      digestAlgorithm: 'sha256',
      identifierFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      authnContext: [LOA_SUBSTANTIAL],
      racComparison: 'minimum',
      // Either the assertion or the whole response must carry the IdP's signature; NemLog-in
      // signs the assertion. (A signed response covers its assertion.)
      wantAssertionsSigned: false,
      wantAuthnResponseSigned: false,
      acceptedClockSkewMs: CLOCK_SKEW_MS,
      validateInResponseTo: ValidateInResponseTo.always,
      requestIdExpirationPeriodMs: REQUEST_TTL_MS,
      cacheProvider: this.store,
    });
  }

  /** The IdP's log-in URL for a new AuthnRequest (signed when we have a key); RelayState names the municipality. */
  authorizeUrl(municipalityId: string): Promise<string> {
    return this.store.bind(municipalityId, () => this.saml.getAuthorizeUrlAsync(municipalityId, undefined, {}));
  }

  metadata(): string {
    const cert = this.config.publicCert ?? null;
    return this.saml.generateServiceProviderMetadata(this.config.privateKey ? cert : null, cert);
  }

  /** Check a response from the IdP's POST; on success the CPR and the municipality the request was made for. */
  async verify(samlResponse: string, relayState: string | undefined): Promise<SamlOutcome> {
    const seen = inspect(samlResponse);
    const hint = (seen?.inResponseTo ? this.store.peek(seen.inResponseTo) : null) ?? relayState ?? null;
    const refuse = (reason: string, municipalityId: string | null = hint): SamlOutcome => ({ ok: false, reason, municipalityId });
    if (!seen) return refuse('not_a_response');

    let profile: Profile | null;
    try {
      ({ profile } = await this.saml.validatePostResponseAsync({ SAMLResponse: samlResponse }));
    } catch (err) {
      return refuse(reasonOf(err));
    }
    if (!profile) return refuse('no_assertion');

    // One use per request id, burnt whatever the checks below find.
    const requestId = typeof profile.inResponseTo === 'string' ? profile.inResponseTo : null;
    const used = requestId ? this.store.consume(requestId) : null;
    if (!used) return refuse('replay');
    const municipalityId = used.municipalityId;
    if (!municipalityId) return refuse('no_municipality', null);

    const assertion = (profile.getAssertion?.() as { Assertion?: XmlJs } | undefined)?.Assertion;
    const confirmations = all(first(assertion?.Subject)?.SubjectConfirmation).map((c) => first(c.SubjectConfirmationData)?.$ ?? {});
    if (seen.destination !== this.config.callbackUrl) return refuse('destination', municipalityId);
    if (confirmations.length === 0 || confirmations.some((d) => d.Recipient !== this.config.callbackUrl)) return refuse('recipient', municipalityId);
    if (confirmations.some((d) => d.InResponseTo !== requestId)) return refuse('in_response_to', municipalityId);
    if (!first(assertion?.Conditions)?.$?.NotOnOrAfter) return refuse('validity', municipalityId);
    if (this.config.idpIssuer && profile.issuer !== this.config.idpIssuer) return refuse('issuer', municipalityId);
    if (!ACCEPTED_LOA.has(attribute(profile, LOA_ATTRIBUTE) ?? '')) return refuse('assurance_level', municipalityId);
    const cpr = attribute(profile, CPR_ATTRIBUTE);
    if (!cpr || !/^[0-9]{10}$/.test(cpr)) return refuse('cpr_missing', municipalityId);
    return { ok: true, cpr, municipalityId };
  }
}
