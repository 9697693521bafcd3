import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fictitiousCpr, formatCpr, isValidCpr, maskCpr, maskSearchTerm, normaliseCpr, parseCpr } from './cpr.ts';

describe('CPR numbers', () => {
  it('accepts ten digits with or without the dash and a real date', () => {
    assert.equal(normaliseCpr('010203-1234'), '0102031234');
    assert.equal(normaliseCpr('0102031234'), '0102031234');
    assert.equal(isValidCpr('290220-1234'), true, '29 February exists');
    assert.equal(isValidCpr('300220-1234'), false, '30 February does not');
    assert.equal(isValidCpr('011303-1234'), false, 'month 13');
    assert.equal(isValidCpr('01020-31234'), false);
    assert.equal(isValidCpr('abc'), false);
  });

  it('recognises replacement numbers (day + 60) and our fictitious numbers (month + 20)', () => {
    assert.deepEqual(parseCpr('610203-1234')?.replacement, true);
    assert.equal(parseCpr('610203-1234')?.day, 1);
    assert.equal(parseCpr('012203-1234')?.fictitious, true);
    assert.equal(parseCpr('012203-1234')?.month, 2);
    assert.equal(parseCpr('010203-1234')?.fictitious, false);
  });

  it('masks the serial and never shows it', () => {
    assert.equal(maskCpr('0102031234'), '010203-xxxx');
    assert.equal(formatCpr('0102031234'), '010203-1234');
  });

  it('masks CPR-like parts of a search term before it is audited', () => {
    assert.equal(maskSearchTerm('0102031234'), '010203-xxxx');
    assert.equal(maskSearchTerm('010203-1234'), '010203-xxxx');
    assert.equal(maskSearchTerm('Anna 010203-12'), 'Anna 010203-xxxx');
    assert.equal(maskSearchTerm('Anna Hansen'), 'Anna Hansen');
  });

  it('property: fictitious numbers are valid in form, flagged fictitious, and never a real date', () => {
    const dayArb = fc.date({ min: new Date('1950-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(dayArb, fc.nat(9999), (birth, serial) => {
        const cpr = fictitiousCpr(birth, serial);
        const parts = parseCpr(cpr);
        return parts !== null && parts.fictitious && Number(cpr.slice(2, 4)) > 12 && parts.month === Number(birth.slice(5, 7)) && parts.day === Number(birth.slice(8, 10));
      }),
    );
  });

  // (The serial's four digits may also occur by chance in the date part or the free text, so
  // the check is that the CPR's place ends masked and no run of seven or more digits is left.)
  it('property: a masked search term never contains a full ten-digit number', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^\d{10}$/), (prefix, digits) => {
        const masked = maskSearchTerm(`${prefix} ${digits}`);
        return !/\d{7,}/.test(masked) && masked.endsWith(`${digits.slice(0, 6)}-xxxx`);
      }),
    );
  });

  it('masks a CPR whose serial also occurs in its date part (fast-check counterexample 0118401184)', () => {
    assert.equal(maskSearchTerm('0118401184'), '011840-xxxx');
    assert.equal(maskSearchTerm('søg 011840-1184 nu'), 'søg 011840-xxxx nu');
  });
});
