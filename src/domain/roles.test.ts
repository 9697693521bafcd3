import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { permissionsOf, ROLE_PERMISSIONS, ROLES, roleFitsUnit, UNIT_CHILD_ROLES, type Permission } from './roles.ts';

describe('role model', () => {
  it('the administrator manages the organisation but cannot list children', () => {
    const p = permissionsOf(['admin']);
    assert.ok(p.has('org.manage') && p.has('staff.manage') && p.has('import.run'));
    assert.equal(p.has('children.list'), false);
    assert.equal(p.has('audit.read'), false);
  });

  it('only the data-protection officer reads the audit trail', () => {
    for (const role of ROLES) assert.equal(ROLE_PERMISSIONS[role].includes('audit.read'), role === 'dpo', role);
  });

  it('a district facilitator sees aggregates, not children', () => {
    assert.equal(permissionsOf(['distriktsfacilitator']).has('children.list'), false);
    assert.equal(UNIT_CHILD_ROLES.includes('distriktsfacilitator'), false);
  });

  it('roles fit their units: a pædagog in a group, an admin in the municipality', () => {
    assert.equal(roleFitsUnit('fagperson', 'group'), true);
    assert.equal(roleFitsUnit('fagperson', 'municipality'), false);
    assert.equal(roleFitsUnit('admin', 'municipality'), true);
    assert.equal(roleFitsUnit('admin', 'group'), false);
    assert.equal(roleFitsUnit('distriktsfacilitator', 'district'), true);
  });

  it('screening: professionals and leaders rate, leaders lead, facilitators see counts only, the administrator sets it up', () => {
    const holders = (perm: Permission) =>
      ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(perm));
    assert.deepEqual(holders('screening.rate'), ['fagperson', 'leder']);
    assert.deepEqual(holders('screening.lead'), ['leder']);
    assert.deepEqual(holders('screening.progress'), ['leder', 'distriktsfacilitator', 'admin']);
    assert.deepEqual(holders('screening.manage'), ['admin']);
    assert.deepEqual(holders('guide.edit'), ['admin']);
  });
});
