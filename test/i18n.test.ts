// Every error code the server can send has a Danish and an English text in the web app,
// and the Danish one is the server's own (one wording for the user, wherever it is shown).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { MESSAGES } from '../src/errors.ts';

const load = (lang: string) => JSON.parse(fs.readFileSync(`web/src/i18n/${lang}.json`, 'utf8')) as { errors: Record<string, unknown> };
const lookup = (tree: Record<string, unknown>, code: string) =>
  code.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);

describe('error texts in the web app', () => {
  for (const [lang, index] of [
    ['da', 0],
    ['en', 1],
  ] as const) {
    it(`every server error code has a ${lang} text`, () => {
      const tree = load(lang).errors;
      const missing = Object.keys(MESSAGES).filter((code) => typeof lookup(tree, code) !== 'string');
      assert.deepEqual(missing, []);
    });
    if (index === 0) {
      it('the Danish texts are the server messages', () => {
        const tree = load('da').errors;
        const differing = Object.entries(MESSAGES).filter(([code, texts]) => lookup(tree, code) !== texts[0]).map(([code]) => code);
        assert.deepEqual(differing, []);
      });
    }
  }
});
