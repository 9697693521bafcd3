// Addresses of samarbejdsguide entries (/guide/<slug>): readable Danish, stable once made, so
// links from the handleguide, from other entries and citizens' bookmarks keep working.

export const SLUG_MIN = 2;
export const SLUG_MAX = 80;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const LETTERS: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

export function isValidSlug(slug: string): boolean {
  return slug.length >= SLUG_MIN && slug.length <= SLUG_MAX && SLUG.test(slug);
}

/** "Inddragende netværksmøde (Signs of Safety)" → "inddragende-netvaerksmoede-signs-of-safety". */
export function slugify(title: string): string {
  const ascii = title
    .toLowerCase()
    .replace(/[æøåäöüß]/g, (c) => LETTERS[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  const words = ascii.split(/[^a-z0-9]+/).filter(Boolean);
  let out = '';
  for (const w of words) {
    const next = out ? `${out}-${w}` : w;
    if (next.length > SLUG_MAX) break;
    out = next;
  }
  if (!out && words[0]) out = words[0].slice(0, SLUG_MAX);
  return out.length >= SLUG_MIN ? out : `${out || 'indgang'}-1`.replace(/^-/, '');
}

/** The first of slug, slug-2, slug-3 … that is not taken (kept within SLUG_MAX). */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
