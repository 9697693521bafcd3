// A one-time message carried across a navigation within the admin pages (e.g. "Medarbejderen
// er oprettet" shown on the detail page the create form leads to). Memory only: nothing in
// the URL or storage.
let pending: { key: string; message: string } | null = null;

export function setFlash(key: string, message: string): void {
  pending = { key, message };
}

/** The message left for `key`, once. */
export function takeFlash(key: string): string | null {
  if (!pending || pending.key !== key) return null;
  const { message } = pending;
  pending = null;
  return message;
}
