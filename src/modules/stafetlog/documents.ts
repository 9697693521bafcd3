// Attached documents: what may be attached (issue 5: "attached documents"; ≤ 5 MB, the common
// office and image types). Pure. The declared type must match the file name's extension AND
// the file's first bytes, so a renamed executable or HTML page is not served back as a PDF.
import { DOCUMENT_TYPES, LIMITS } from './schema.ts';

export type DocumentProblem = 'too_large' | 'type' | 'empty';

const startsWith = (b: Uint8Array, sig: readonly number[]) => sig.every((v, i) => b[i] === v);
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // docx, odt
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // legacy .doc

const MAGIC: Record<keyof typeof DOCUMENT_TYPES, (b: Uint8Array) => boolean> = {
  'application/pdf': (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]), // %PDF-
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (b) => startsWith(b, ZIP),
  'application/msword': (b) => startsWith(b, OLE),
  'application/vnd.oasis.opendocument.text': (b) => startsWith(b, ZIP),
  'text/plain': (b) => isUtf8Text(b),
  'image/png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
};

function isUtf8Text(b: Uint8Array): boolean {
  if (b.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** Strict base64 (no whitespace tricks): null when it is not base64. */
export function decodeBase64(text: string): Buffer | null {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return null;
  return Buffer.from(clean, 'base64');
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** Why a document cannot be attached, or null when it can. */
export function documentProblem(fileName: string, mediaType: string, content: Uint8Array): DocumentProblem | null {
  if (content.length === 0) return 'empty';
  if (content.length > LIMITS.documentBytes) return 'too_large';
  if (!(mediaType in DOCUMENT_TYPES)) return 'type';
  const type = mediaType as keyof typeof DOCUMENT_TYPES;
  if (!(DOCUMENT_TYPES[type] as readonly string[]).includes(extensionOf(fileName))) return 'type';
  return MAGIC[type](content) ? null : 'type';
}

/** A file name safe in a Content-Disposition header (ASCII fallback + RFC 5987 UTF-8 form). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
