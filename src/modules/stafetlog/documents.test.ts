import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { contentDisposition, decodeBase64, documentProblem } from './documents.ts';

const MB = 1024 * 1024;
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(size - 5, 0x20)]);

describe('stafetlog documents', () => {
  it('at most 5 MB: exactly 5 MB is fine, one byte more is not; empty is refused', () => {
    assert.equal(documentProblem('a.pdf', 'application/pdf', pdf(5 * MB)), null);
    assert.equal(documentProblem('a.pdf', 'application/pdf', pdf(5 * MB + 1)), 'too_large');
    assert.equal(documentProblem('a.pdf', 'application/pdf', Buffer.alloc(0)), 'empty');
  });

  it('the declared type, the extension and the first bytes must agree', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]);
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    assert.equal(documentProblem('billede.PNG', 'image/png', png), null);
    assert.equal(documentProblem('billede.jpg', 'image/png', png), 'type');
    assert.equal(documentProblem('plan.pdf', 'application/pdf', png), 'type');
    assert.equal(documentProblem('plan.docx', docx, zip), null);
    assert.equal(documentProblem('plan.docx', docx, pdf(100)), 'type');
    assert.equal(documentProblem('foto.jpeg', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0])), null);
    assert.equal(documentProblem('side.html', 'text/html', Buffer.from('<html>')), 'type');
    assert.equal(documentProblem('noter.txt', 'text/plain', Buffer.from('Æbler og pærer\n')), null);
    assert.equal(documentProblem('noter.txt', 'text/plain', Buffer.from([0x61, 0, 0x62])), 'type');
    assert.equal(documentProblem('noter.txt', 'text/plain', Buffer.from([0xc3, 0x28])), 'type');
    assert.equal(documentProblem('uden-endelse', 'application/pdf', pdf(10)), 'type');
  });

  it('base64 is decoded strictly', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => Buffer.from(bytes).equals(decodeBase64(Buffer.from(bytes).toString('base64'))!)));
    assert.equal(decodeBase64('!!!!'), null);
    assert.equal(decodeBase64('abc'), null);
  });

  it('the download name is safe in the header and keeps æøå in the UTF-8 form', () => {
    assert.equal(contentDisposition('Plan "ny" æ.pdf'), `attachment; filename="Plan _ny_ _.pdf"; filename*=UTF-8''Plan%20%22ny%22%20%C3%A6.pdf`);
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (name) => !/[\r\n]/.test(contentDisposition(name))));
  });
});
