import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../../access/actor.ts';
import { permissionsOf, type Role } from '../../domain/roles.ts';
import { mayGiveDigital, mayManageSettings, mayReadConsents, mayRegisterPaper, mayWithdraw } from './policy.ts';

const staff = (role: Role): Pick<Actor, 'kind' | 'permissions'> => ({ kind: 'staff', permissions: permissionsOf([role]) });
const citizen: Pick<Actor, 'kind' | 'permissions'> = { kind: 'citizen', permissions: new Set() };
const anonymous: Pick<Actor, 'kind' | 'permissions'> = { kind: 'anonymous', permissions: new Set() };

describe('consent policy: roles × actions', () => {
  const table: [string, Pick<Actor, 'kind' | 'permissions'>, { read: boolean; paper: boolean; digital: boolean; withdraw: boolean; settings: boolean }][] = [
    ['fagperson', staff('fagperson'), { read: true, paper: true, digital: false, withdraw: true, settings: false }],
    ['leder', staff('leder'), { read: true, paper: true, digital: false, withdraw: true, settings: false }],
    ['myndighedsraadgiver', staff('myndighedsraadgiver'), { read: true, paper: true, digital: false, withdraw: true, settings: false }],
    ['distriktsfacilitator', staff('distriktsfacilitator'), { read: false, paper: false, digital: false, withdraw: false, settings: false }],
    ['admin', staff('admin'), { read: false, paper: false, digital: false, withdraw: false, settings: true }],
    ['dpo', staff('dpo'), { read: false, paper: false, digital: false, withdraw: false, settings: false }],
    ['citizen', citizen, { read: true, paper: false, digital: true, withdraw: true, settings: false }],
    ['anonymous', anonymous, { read: false, paper: false, digital: false, withdraw: false, settings: false }],
  ];
  for (const [name, actor, expected] of table) {
    it(`${name}`, () => {
      assert.deepEqual(
        { read: mayReadConsents(actor), paper: mayRegisterPaper(actor), digital: mayGiveDigital(actor), withdraw: mayWithdraw(actor), settings: mayManageSettings(actor) },
        expected,
      );
    });
  }
});
