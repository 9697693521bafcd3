import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays } from './calendar.ts';
import {
  childAge,
  consentState,
  covers,
  custodyHoldersOn,
  INFORMATION_TYPES,
  legalBasisApplies,
  ownConsentAllowed,
  recipientMatches,
  type ConsentFacts,
  type ConsentRecipient,
  type ConsentRules,
  type CustodyFacts,
  type RecipientFacts,
} from './consent.ts';
import { ROLES } from './roles.ts';

const MOR = 'mor';
const FAR = 'far';
const custody: CustodyFacts[] = [
  { custodyHolderId: MOR, hasCustody: true, validFrom: '2015-01-01', validTo: null },
  { custodyHolderId: FAR, hasCustody: true, validFrom: '2015-01-01', validTo: null },
];
const both: ConsentRules = { jointCustodyRule: 'both', oneHolderPurposes: [], ownConsentAge: null };
const oneForStafetlog: ConsentRules = { jointCustodyRule: 'one', oneHolderPurposes: ['stafetlog'], ownConsentAge: null };
const paedagog: RecipientFacts = { userId: 'u-paedagog', name: 'Pia', roles: ['fagperson'], institutionIds: ['inst-1'], teamIds: ['team-1'] };

const consent = (over: Partial<ConsentFacts> = {}): ConsentFacts => ({
  purpose: 'stafetlog',
  informationTypes: ['stafetlog', 'trivselsvurderinger'],
  recipients: [{ kind: 'user', id: 'u-paedagog', name: 'Pia' }],
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  givenByChild: false,
  withdrawnAt: null,
  ...over,
});
const signed = (...ids: string[]) => ids.map((custodyHolderId) => ({ custodyHolderId }));
/** Noon in Copenhagen on a day (CET/CEST: 10:00 or 11:00 UTC, safely inside the day). */
const noon = (day: string) => new Date(`${day}T10:30:00Z`);

describe('consent: joint custody', () => {
  it("'both': pending until every custody holder has signed, then active", () => {
    const at = noon('2026-03-01');
    assert.deepEqual(consentState(consent(), signed(MOR), custody, both, 8, at), { status: 'pending', missingSigners: [FAR] });
    assert.deepEqual(consentState(consent(), signed(MOR, FAR), custody, both, 8, at), { status: 'active', missingSigners: [] });
  });

  it("'one' for named purposes: one signature is enough for those, both for the rest", () => {
    const at = noon('2026-03-01');
    assert.equal(consentState(consent(), signed(FAR), custody, oneForStafetlog, 8, at).status, 'active');
    assert.deepEqual(consentState(consent({ purpose: 'overgang' }), signed(FAR), custody, oneForStafetlog, 8, at), { status: 'pending', missingSigners: [MOR] });
    // nobody signed: either holder would do, so both are listed as possible signers
    assert.deepEqual(consentState(consent(), [], custody, oneForStafetlog, 8, at), { status: 'pending', missingSigners: [MOR, FAR] });
  });

  it('a parent without custody, or whose custody has ended, neither counts nor is needed', () => {
    const changed: CustodyFacts[] = [
      { custodyHolderId: MOR, hasCustody: true, validFrom: '2015-01-01', validTo: null },
      { custodyHolderId: FAR, hasCustody: true, validFrom: '2015-01-01', validTo: '2026-02-28' },
      { custodyHolderId: 'stedfar', hasCustody: false, validFrom: '2020-01-01', validTo: null },
    ];
    assert.deepEqual(custodyHoldersOn(changed, '2026-03-01'), [MOR]);
    assert.deepEqual(custodyHoldersOn(changed, '2026-02-28'), [MOR, FAR]);
    assert.equal(consentState(consent(), signed(MOR), changed, both, 8, noon('2026-03-01')).status, 'active');
    assert.equal(consentState(consent(), signed(FAR, 'stedfar'), changed, both, 8, noon('2026-03-01')).status, 'pending');
  });

  it('without any valid signature a consent is never active, even with no custody holder registered', () => {
    assert.equal(consentState(consent(), [], [], both, 8, noon('2026-03-01')).status, 'pending');
  });

  it('property: under any rule, active ⇔ (own consent allowed) or (enough current holders signed and at least one)', () => {
    const holders = ['a', 'b', 'c'];
    fc.assert(
      fc.property(
        fc.subarray(holders),
        fc.subarray(holders),
        fc.constantFrom<'both' | 'one'>('both', 'one'),
        fc.boolean(),
        (withCustody, signers, rule, purposeNamed) => {
          const rows = holders.map((h) => ({ custodyHolderId: h, hasCustody: withCustody.includes(h), validFrom: '2010-01-01', validTo: null }));
          const rules: ConsentRules = { jointCustodyRule: rule, oneHolderPurposes: purposeNamed ? ['stafetlog'] : [], ownConsentAge: null };
          const state = consentState(consent(), signed(...signers), rows, rules, 8, noon('2026-06-01'));
          const validSigners = signers.filter((s) => withCustody.includes(s));
          const needAll = !(rule === 'one' && purposeNamed);
          const expected = validSigners.length > 0 && (needAll ? withCustody.every((h) => signers.includes(h)) : true);
          assert.equal(state.status, expected ? 'active' : 'pending');
          if (state.status === 'active') assert.deepEqual(state.missingSigners, []);
          if (needAll) assert.deepEqual(state.missingSigners, withCustody.filter((h) => !signers.includes(h)));
        },
      ),
    );
  });
});

describe('consent: validity in time (Europe/Copenhagen days)', () => {
  it('the validTo day itself is valid until midnight in Copenhagen; the next day it has expired', () => {
    const c = consent({ validTo: '2026-06-30' });
    const s = signed(MOR, FAR);
    // 21:59 UTC on 30 June is 23:59 in Copenhagen (summer time): still valid
    assert.equal(consentState(c, s, custody, both, 8, new Date('2026-06-30T21:59:59Z')).status, 'active');
    // 22:00 UTC is midnight in Copenhagen: 1 July, expired — though it is still 30 June in UTC
    assert.equal(consentState(c, s, custody, both, 8, new Date('2026-06-30T22:00:00Z')).status, 'expired');
    // in winter Copenhagen is UTC+1
    const winter = consent({ validTo: '2026-12-31' });
    assert.equal(consentState(winter, s, custody, both, 8, new Date('2026-12-31T22:59:59Z')).status, 'active');
    assert.equal(consentState(winter, s, custody, both, 8, new Date('2026-12-31T23:00:00Z')).status, 'expired');
  });

  it('before validFrom it is not yet valid (and covers nothing); from that day on it is', () => {
    const c = consent({ validFrom: '2026-08-01' });
    const s = signed(MOR, FAR);
    const before = consentState(c, s, custody, both, 8, new Date('2026-07-31T21:59:00Z'));
    assert.equal(before.status, 'not_yet_valid');
    assert.equal(covers(c, before, { purpose: 'stafetlog', informationTypes: ['stafetlog'], recipient: paedagog }, '2026-07-31'), false);
    assert.equal(consentState(c, s, custody, both, 8, new Date('2026-07-31T22:00:00Z')).status, 'active');
  });

  it('property: for any period and day, the status follows the calendar day', () => {
    const dayArb = fc.integer({ min: 0, max: 1500 }).map((n) => addDays('2025-01-01', n));
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 400 }), dayArb, (validFrom, len, day) => {
        const c = consent({ validFrom, validTo: addDays(validFrom, len) });
        const status = consentState(c, signed(MOR, FAR), custody, both, 8, noon(day)).status;
        const expected = day > c.validTo ? 'expired' : day < c.validFrom ? 'not_yet_valid' : 'active';
        assert.equal(status, expected);
        assert.equal(covers(c, { status, missingSigners: [] }, { purpose: 'stafetlog', informationTypes: ['stafetlog'], recipient: paedagog }, day), expected === 'active');
      }),
    );
  });
});

describe('consent: withdrawal', () => {
  it('withdrawal wins from the moment it was recorded, whatever the period or signatures', () => {
    const withdrawnAt = new Date('2026-03-01T09:00:00Z');
    const c = consent({ withdrawnAt });
    assert.equal(consentState(c, signed(MOR, FAR), custody, both, 8, new Date('2026-03-01T08:59:59Z')).status, 'active');
    assert.deepEqual(consentState(c, signed(MOR, FAR), custody, both, 8, withdrawnAt), { status: 'withdrawn', missingSigners: [] });
    assert.equal(consentState(consent({ withdrawnAt, validTo: '2026-01-31' }), [], custody, both, 8, noon('2026-03-02')).status, 'withdrawn');
  });

  it('property: a withdrawn consent covers nothing afterwards', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 86_400_000 * 30 }), (dayOffset, later) => {
        const withdrawnAt = new Date(noon(addDays('2026-01-01', dayOffset)).getTime());
        const at = new Date(withdrawnAt.getTime() + later);
        const c = consent({ withdrawnAt });
        const state = consentState(c, signed(MOR, FAR), custody, both, 8, at);
        assert.equal(state.status, 'withdrawn');
        assert.equal(covers(c, state, { purpose: 'stafetlog', informationTypes: ['stafetlog'], recipient: paedagog }, '2026-06-01'), false);
      }),
    );
  });
});

describe('consent: what it covers', () => {
  const active = { status: 'active' as const, missingSigners: [] };
  const today = '2026-03-01';

  it('matches purpose exactly and needs every requested information type to be named', () => {
    const c = consent();
    assert.equal(covers(c, active, { purpose: 'stafetlog', informationTypes: ['stafetlog'], recipient: paedagog }, today), true);
    assert.equal(covers(c, active, { purpose: 'stafetlog', informationTypes: ['stafetlog', 'trivselsvurderinger'], recipient: paedagog }, today), true);
    assert.equal(covers(c, active, { purpose: 'stafetlog', informationTypes: ['stafetlog', 'helbred'], recipient: paedagog }, today), false);
    assert.equal(covers(c, active, { purpose: 'overgang', informationTypes: ['stafetlog'], recipient: paedagog }, today), false);
    assert.equal(covers(c, active, { purpose: 'stafetlog', informationTypes: [], recipient: paedagog }, today), false, 'a disclosure names what crosses');
    assert.equal(covers(c, { status: 'pending', missingSigners: [FAR] }, { purpose: 'stafetlog', informationTypes: ['stafetlog'], recipient: paedagog }, today), false);
  });

  it('a recipient matches by user id, one of its roles, institutions or teams, or a municipality code', () => {
    const r: Record<string, ConsentRecipient> = {
      user: { kind: 'user', id: 'u-paedagog', name: 'Pia' },
      otherUser: { kind: 'user', id: 'u-other', name: 'Ole' },
      role: { kind: 'role', role: 'fagperson', name: 'Fagperson' },
      otherRole: { kind: 'role', role: 'myndighedsraadgiver', name: 'Myndighedsrådgiver' },
      inst: { kind: 'institution', id: 'inst-1', name: 'Solsikken' },
      otherInst: { kind: 'institution', id: 'inst-2', name: 'Mælkebøtten' },
      team: { kind: 'team', id: 'team-1', name: 'Tværfagligt team' },
      municipality: { kind: 'municipality', code: '450', name: 'Nyborg' },
    };
    const yes = ['user', 'role', 'inst', 'team'];
    for (const [name, recipient] of Object.entries(r)) assert.equal(recipientMatches(recipient, paedagog), yes.includes(name), name);
    assert.equal(recipientMatches(r.municipality!, { ...paedagog, municipalityCode: '450' }), true);
    assert.equal(recipientMatches(r.municipality!, { ...paedagog, municipalityCode: '461' }), false);
    // an institution or municipality as the receiver has no user id: a user recipient never matches it
    assert.equal(recipientMatches(r.user!, { userId: null, name: 'Solsikken', roles: [], institutionIds: ['inst-1'], teamIds: [] }), false);
  });

  it('property: covering is monotone — fewer information types still covered, another purpose never', () => {
    const types = fc.subarray([...INFORMATION_TYPES], { minLength: 1 });
    fc.assert(
      fc.property(types, types, fc.subarray([...ROLES]), (named, asked, roles) => {
        const c = consent({ informationTypes: named, recipients: [{ kind: 'role', role: 'fagperson', name: 'Fagperson' }] });
        const who = { ...paedagog, userId: null, institutionIds: [], teamIds: [], roles };
        const result = covers(c, active, { purpose: 'stafetlog', informationTypes: asked, recipient: who }, today);
        assert.equal(result, asked.every((t) => named.includes(t)) && roles.includes('fagperson'));
        if (result) for (const t of asked) assert.ok(covers(c, active, { purpose: 'stafetlog', informationTypes: [t], recipient: who }, today));
        assert.equal(covers(c, active, { purpose: 'overgang', informationTypes: asked, recipient: who }, today), false);
      }),
    );
  });
});

describe("consent: the young person's own consent", () => {
  const rules15: ConsentRules = { ...both, ownConsentAge: 15 };

  it('from the age the municipality set (15), the own consent suffices without the parents; at 14 it does not', () => {
    const c = consent({ givenByChild: true });
    assert.deepEqual(consentState(c, [], custody, rules15, 15, noon('2026-03-01')), { status: 'active', missingSigners: [] });
    assert.equal(consentState(c, [], custody, rules15, 14, noon('2026-03-01')).status, 'pending');
    assert.equal(consentState(c, [], custody, both, 17, noon('2026-03-01')).status, 'pending', 'not allowed by the municipality');
    assert.equal(ownConsentAllowed(rules15, 15), true);
    assert.equal(ownConsentAllowed(rules15, 14), false);
    assert.equal(ownConsentAllowed({ ownConsentAge: 17 }, 16), false);
    assert.equal(ownConsentAllowed({ ownConsentAge: null }, 17), false);
    // below the law's floor whatever a setting says
    assert.equal(ownConsentAllowed({ ownConsentAge: 12 }, 13), false);
  });

  it('the age turns on the birthday (in calendar days)', () => {
    assert.equal(childAge('2011-03-02', '2026-03-01'), 14);
    assert.equal(childAge('2011-03-02', '2026-03-02'), 15);
    assert.equal(childAge('2012-02-29', '2027-02-28'), 14);
    assert.equal(childAge('2012-02-29', '2027-03-01'), 15);
  });

  it('property: own consent suffices exactly when allowed and age ≥ the setting', () => {
    fc.assert(
      fc.property(fc.option(fc.integer({ min: 15, max: 17 }), { nil: null }), fc.integer({ min: 0, max: 18 }), (ownConsentAge, age) => {
        const state = consentState(consent({ givenByChild: true }), [], custody, { ...both, ownConsentAge }, age, noon('2026-03-01'));
        assert.equal(state.status === 'active', ownConsentAge !== null && age >= ownConsentAge);
      }),
    );
  });
});

describe('consent: legal basis instead of consent', () => {
  it('BL § 133 lets data reach the authority roles only', () => {
    const authority = (role: (typeof ROLES)[number]) => ({ ...paedagog, roles: [role] });
    assert.equal(legalBasisApplies('BL133', authority('myndighedsraadgiver')), true);
    assert.equal(legalBasisApplies('BL133', authority('teamleder')), true);
    assert.equal(legalBasisApplies('BL133', authority('myndighedsleder')), true);
    assert.equal(legalBasisApplies('BL133', authority('fagperson')), false);
    assert.equal(legalBasisApplies('BL133', authority('leder')), false);
    assert.equal(legalBasisApplies('SEL49a', authority('myndighedsraadgiver')), false, 'unknown basis');
  });
});
