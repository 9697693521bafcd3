// A SAML identity provider for tests, in the shape of NemLog-in (OIOSAML 3): an RSA key pair
// from node:crypto and a self-signed X.509 certificate around it (selfsigned), AuthnRequests
// read from the HTTP-Redirect binding our app sends the browser to, and Responses whose
// Assertion (and/or the Response itself) is signed with xml-crypto, exactly as an IdP does it,
// and optionally encrypted for the SP with xml-encryption (NemLog-in encrypts assertions).
// Every knob a test needs to make a bad response is an option: validity window, audience,
// destination, recipient, InResponseTo, signature placement or none, another key, tampering.
import { createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import { generate } from 'selfsigned';
import { SignedXml } from 'xml-crypto';
import { encrypt } from 'xml-encryption';

export const CPR_ATTRIBUTE = 'https://data.gov.dk/model/core/eid/cprNumber';
export const LOA_ATTRIBUTE = 'https://data.gov.dk/concept/core/nsis/loa';

export interface KeyAndCert {
  privateKey: string;
  cert: string;
}

/** An RSA key pair (node:crypto) in a self-signed certificate (selfsigned). */
export async function keyAndCert(commonName: string): Promise<KeyAndCert> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyPair: { privateKey, publicKey },
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 24 * 3600_000),
    notAfterDate: new Date(now + 365 * 24 * 3600_000),
  });
  return { privateKey, cert: pems.cert };
}

export interface AuthnRequestSeen {
  id: string;
  issuer: string | null;
  acsUrl: string | null;
  destination: string | null;
  relayState: string | null;
  /** The redirect binding's signature parameters were present. */
  signed: boolean;
}

export interface ResponseOptions {
  inResponseTo: string | null;
  /** Response/@Destination and SubjectConfirmationData/@Recipient (default: the given ACS URL). */
  acsUrl: string;
  destination?: string | null;
  recipient?: string;
  /** InResponseTo inside the signed SubjectConfirmationData (default: inResponseTo). */
  subjectInResponseTo?: string | null;
  audience: string;
  cpr?: string | null;
  loa?: string | null;
  issuer?: string;
  /** The IdP's clock (default: now). */
  now?: Date;
  /** Conditions and SubjectConfirmationData window (defaults: now − 1 min … now + 5 min). */
  notBefore?: Date;
  notOnOrAfter?: Date;
  sign?: 'assertion' | 'response' | 'both' | 'none';
  /** Sign with another key (default: the IdP's own). */
  signer?: KeyAndCert;
  /** Change the XML after signing (a tampered response). */
  tamper?: (xml: string) => string;
}

export interface SamlIdp {
  entityId: string;
  ssoUrl: string;
  cert: string;
  /** The AuthnRequest in the URL our app redirected the browser to. */
  readRequest(location: string): AuthnRequestSeen;
  /** A base64 SAMLResponse as the IdP's auto-submitted form posts it. */
  response(opts: ResponseOptions): string;
  /** The same with the (signed) assertion encrypted for the SP's certificate, as NemLog-in sends it. */
  encryptedResponse(opts: ResponseOptions, spCert: string): Promise<string>;
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const attr = (name: string, value: string | null | undefined) => (value === null || value === undefined ? '' : ` ${name}="${esc(value)}"`);

function sign(xml: string, signer: KeyAndCert, element: 'Assertion' | 'Response'): string {
  const sig = new SignedXml({
    privateKey: signer.privateKey,
    publicCert: signer.cert,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  const path = element === 'Assertion' ? "//*[local-name(.)='Assertion']" : "/*[local-name(.)='Response']";
  sig.addReference({
    xpath: path,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  // The schema wants the signature right after the element's Issuer.
  sig.computeSignature(xml, { location: { reference: `${path}/*[local-name(.)='Issuer']`, action: 'after' } });
  return sig.getSignedXml();
}

export async function startSamlIdp(opts: { entityId?: string } = {}): Promise<SamlIdp & { keys: KeyAndCert }> {
  const keys = await keyAndCert('Test NemLog-in IdP');
  const entityId = opts.entityId ?? 'https://saml.test-nemlog-in.invalid/idp';
  const ssoUrl = 'https://saml.test-nemlog-in.invalid/login/sso';

  /** The assertion, signed by the IdP when the options say so. */
  function assertionFor(o: ResponseOptions): string {
    const now = o.now ?? new Date();
    const notBefore = o.notBefore ?? new Date(now.getTime() - 60_000);
    const notOnOrAfter = o.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000);
    const subjectInResponseTo = o.subjectInResponseTo === undefined ? o.inResponseTo : o.subjectInResponseTo;
    const attribute = (name: string, value: string | null | undefined) =>
      value === null || value === undefined
        ? ''
        : `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue>${esc(value)}</saml:AttributeValue></saml:Attribute>`;
    const assertion =
      `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomUUID()}" Version="2.0" IssueInstant="${iso(now)}">` +
      `<saml:Issuer>${esc(o.issuer ?? entityId)}</saml:Issuer>` +
      `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">https://data.gov.dk/model/core/eid/person/uuid/${randomUUID()}</saml:NameID>` +
      `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData` +
      `${attr('InResponseTo', subjectInResponseTo)}${attr('NotOnOrAfter', iso(notOnOrAfter))}${attr('Recipient', o.recipient ?? o.acsUrl)}/>` +
      `</saml:SubjectConfirmation></saml:Subject>` +
      `<saml:Conditions NotBefore="${iso(notBefore)}" NotOnOrAfter="${iso(notOnOrAfter)}"><saml:AudienceRestriction><saml:Audience>${esc(o.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
      `<saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="_${randomUUID()}"><saml:AuthnContext><saml:AuthnContextClassRef>https://data.gov.dk/concept/core/nsis/loa/Substantial</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
      `<saml:AttributeStatement>` +
      attribute('https://data.gov.dk/model/core/specVersion', 'OIO-SAML-3.0') +
      attribute(LOA_ATTRIBUTE, o.loa === undefined ? 'Substantial' : o.loa) +
      attribute(CPR_ATTRIBUTE, o.cpr) +
      `</saml:AttributeStatement></saml:Assertion>`;
    const mode = o.sign ?? 'assertion';
    return mode === 'assertion' || mode === 'both' ? sign(assertion, o.signer ?? keys, 'Assertion') : assertion;
  }

  /** The Response around an assertion (plain or encrypted), signed as a whole when asked, base64. */
  function responseAround(o: ResponseOptions, inner: string): string {
    const now = o.now ?? new Date();
    const mode = o.sign ?? 'assertion';
    let xml =
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomUUID()}" Version="2.0" IssueInstant="${iso(now)}"` +
      `${attr('Destination', o.destination === undefined ? o.acsUrl : o.destination)}${attr('InResponseTo', o.inResponseTo)}>` +
      `<saml:Issuer>${esc(o.issuer ?? entityId)}</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
      inner +
      `</samlp:Response>`;
    if (mode === 'response' || mode === 'both') xml = sign(xml, o.signer ?? keys, 'Response');
    if (o.tamper) xml = o.tamper(xml);
    return Buffer.from(xml, 'utf8').toString('base64');
  }

  return {
    entityId,
    ssoUrl,
    cert: keys.cert,
    keys,

    readRequest(location) {
      const url = new URL(location);
      const encoded = url.searchParams.get('SAMLRequest');
      if (!encoded) throw new Error(`no SAMLRequest in ${url.origin}${url.pathname}`);
      const xml = inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8');
      const doc = new DOMParser().parseFromString(xml, 'text/xml');
      const root = doc.documentElement!;
      if (root.localName !== 'AuthnRequest') throw new Error(`not an AuthnRequest: ${root.localName}`);
      const issuer = root.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'Issuer')[0];
      return {
        id: root.getAttribute('ID') ?? '',
        issuer: issuer?.textContent ?? null,
        acsUrl: root.getAttribute('AssertionConsumerServiceURL'),
        destination: root.getAttribute('Destination'),
        relayState: url.searchParams.get('RelayState'),
        signed: url.searchParams.has('Signature') && url.searchParams.has('SigAlg'),
      };
    },

    response(o) {
      return responseAround(o, assertionFor(o));
    },

    async encryptedResponse(o, spCert) {
      // Signed first, then encrypted for the SP (OIOSAML 3: the SP's certificate from its metadata).
      const encrypted = await new Promise<string>((resolve, reject) =>
        encrypt(
          assertionFor(o),
          {
            rsa_pub: createPublicKey(spCert).export({ type: 'spki', format: 'pem' }) as string,
            pem: spCert,
            encryptionAlgorithm: 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
            keyEncryptionAlgorithm: 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
            disallowEncryptionWithInsecureAlgorithm: true,
          },
          (err, result) => (err ? reject(err) : resolve(result)),
        ),
      );
      return responseAround(o, `<saml:EncryptedAssertion>${encrypted}</saml:EncryptedAssertion>`);
    },
  };
}
