import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fictitiousCpr } from './cpr.ts';
import { birthDateFitsCpr, canonicalToken, checkHeader, foldName, parseDay, parseYesNo, splitList } from './import-rows.ts';

const isoDay = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('import rows', () => {
  it('reads column names and codes the way Danish spreadsheets write them', () => {
    assert.equal(canonicalToken(' Fødselsdato '), 'foedselsdato');
    assert.equal(canonicalToken('Forælder1 CPR'), 'foraelder1_cpr');
    assert.equal(canonicalToken('SSO-id'), 'sso_id');
    assert.equal(canonicalToken('Forebyggende enhed'), 'forebyggende_enhed');
    assert.equal(canonicalToken('Plejeforælder'), 'plejeforaelder');
    assert.equal(canonicalToken('Værge'), 'vaerge');
    assert.equal(canonicalToken('Udfører'), 'udfoerer');
    assert.equal(canonicalToken('Børnehave'), 'boernehave');
    assert.equal(canonicalToken('Tale-/hørekonsulent'), 'tale_hoerekonsulent');
  });

  it('canonical tokens are stable: reading one again changes nothing', () => {
    fc.assert(fc.property(fc.string(), (s) => canonicalToken(canonicalToken(s)) === canonicalToken(s)));
  });

  it('a header must have every required column, and no unknown or repeated one', () => {
    const required = ['navn', 'type'];
    const optional = ['distrikt', 'grupper'];
    assert.deepEqual(checkHeader(['Navn', 'Type'], required, optional), { ok: true, columns: ['navn', 'type'] });
    assert.deepEqual(checkHeader(['navn', 'type', 'grupper', ''], required, optional), { ok: true, columns: ['navn', 'type', 'grupper', ''] }, 'a trailing delimiter');
    assert.deepEqual(checkHeader(['navn', 'typ', 'navn'], required, optional), { ok: false, missing: ['type'], unknown: ['typ'], duplicate: ['navn'] });
  });

  it('reads days as ISO or as Danish dates, and only days that exist', () => {
    assert.equal(parseDay('2021-03-04'), '2021-03-04');
    assert.equal(parseDay('04-03-2021'), '2021-03-04');
    assert.equal(parseDay('4.3.2021'), '2021-03-04');
    assert.equal(parseDay(' 04/03/2021 '), '2021-03-04');
    assert.equal(parseDay('29-02-2024'), '2024-02-29');
    assert.equal(parseDay('29-02-2023'), null);
    assert.equal(parseDay('2021-13-01'), null);
    assert.equal(parseDay('03/04/21'), null, 'two-digit years are ambiguous');
    assert.equal(parseDay(''), null);
    fc.assert(
      fc.property(isoDay, (day) => {
        const [y, m, d] = day.split('-');
        return parseDay(day) === day && parseDay(`${d}-${m}-${y}`) === day && parseDay(`${Number(d)}.${Number(m)}.${y}`) === day;
      }),
    );
  });

  it('a birth date must be the one the CPR number carries', () => {
    assert.equal(birthDateFitsCpr('0403211234', '2021-03-04'), true);
    assert.equal(birthDateFitsCpr('0423211234', '2021-03-04'), true, 'fictitious: month + 20');
    assert.equal(birthDateFitsCpr('6403211234', '2021-03-04'), true, 'replacement number: day + 60');
    assert.equal(birthDateFitsCpr('0403211234', '2021-03-05'), false);
    assert.equal(birthDateFitsCpr('0403211234', '1921-03-04'), true, 'the CPR carries two digits of the year');
    fc.assert(fc.property(isoDay, fc.nat(9999), (day, serial) => birthDateFitsCpr(fictitiousCpr(day, serial), day)));
  });

  it('reads yes and no, group lists and names', () => {
    assert.deepEqual(['ja', 'Ja', 'J', 'x', '1', 'nej', 'N', '0', 'måske', ''].map(parseYesNo), [true, true, true, true, true, false, false, false, null, null]);
    assert.deepEqual(splitList(' Stue Blå | stue blå|Stue Grøn||'), ['Stue Blå', 'Stue Grøn']);
    assert.equal(foldName('  Børnehuset   SOLSIKKEN '), 'børnehuset solsikken');
  });
});
