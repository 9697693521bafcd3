// CPR numbers (Det Centrale Personregister): format, the birth date they carry, masking.
// Datatilsynet: CPR is confidential — shown masked unless needed, never in URLs or logs.
//
// Demo and test data must never use a real person's number. Fictitious numbers here carry
// the month + 20 (21–32), a date the CPR office never issues; erstatningspersonnumre
// (replacement numbers) carry the day + 60 and are accepted as real ones.

const CPR_PATTERN = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/;

export interface CprParts {
  day: number;
  month: number;
  year: number; // two digits
  serial: string;
  fictitious: boolean;
  replacement: boolean;
}

/** Strip the optional dash: '010203-1234' → '0102031234'. */
export function normaliseCpr(input: string): string | null {
  const m = CPR_PATTERN.exec(input.trim());
  return m ? `${m[1]}${m[2]}${m[3]}${m[4]}` : null;
}

export function parseCpr(input: string): CprParts | null {
  const cpr = normaliseCpr(input);
  if (!cpr) return null;
  let day = Number(cpr.slice(0, 2));
  let month = Number(cpr.slice(2, 4));
  const year = Number(cpr.slice(4, 6));
  const fictitious = month > 20;
  const replacement = day > 60;
  if (fictitious) month -= 20;
  if (replacement) day -= 60;
  if (month < 1 || month > 12 || day < 1) return null;
  // Any year that makes the day valid: 29 February is allowed (a leap year always exists).
  const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day > daysInMonth) return null;
  return { day, month, year, serial: cpr.slice(6), fictitious, replacement };
}

export function isValidCpr(input: string): boolean {
  return parseCpr(input) !== null;
}

/** '0102031234' → '010203-xxxx': the birth date part stays, the serial is hidden. */
export function maskCpr(cpr: string): string {
  const n = normaliseCpr(cpr) ?? cpr;
  return `${n.slice(0, 6)}-xxxx`;
}

/** '0102031234' → '010203-1234'. Only where the full number is needed and its use is audited. */
export function formatCpr(cpr: string): string {
  const n = normaliseCpr(cpr) ?? cpr;
  return `${n.slice(0, 6)}-${n.slice(6)}`;
}

/**
 * A fictitious CPR for a birth date: month + 20, so it can never be a real person's number.
 * The serial's first digit follows the CPR century rule loosely; only the format matters here.
 */
export function fictitiousCpr(birthDay: string, serial: number): string {
  const [y, m, d] = birthDay.split('-') as [string, string, string];
  const month = String(Number(m) + 20).padStart(2, '0');
  return `${d}${month}${y.slice(2)}${String(serial % 10000).padStart(4, '0')}`;
}

/** A search term that looks like a CPR (or part of one) is masked before it is stored in the audit. */
export function maskSearchTerm(term: string): string {
  return term.replace(/\d{6}-?\d{1,4}|\d{7,10}/g, (m) => `${m.slice(0, 6)}-xxxx`);
}
