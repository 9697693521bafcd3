// Field schemas used by several modules, so the same input is validated the same way.
import { z } from 'zod';
import { isValidDay } from '../../domain/calendar.ts';
import { isValidCpr, normaliseCpr } from '../../domain/cpr.ts';

/** A calendar day, 'YYYY-MM-DD', that exists (no 2026-02-30). */
export const day = z.string().refine(isValidDay, { message: 'Forventet en gyldig dato (ÅÅÅÅ-MM-DD)' });

/** A CPR number, with or without the dash, stored as ten digits. */
export const cpr = z
  .string()
  .trim()
  .refine(isValidCpr, { message: 'Ugyldigt CPR-nummer' })
  .transform((v) => normaliseCpr(v)!);

export const uuid = z.string().uuid();
export const idParams = z.object({ id: uuid }).strict();
export const created = z.object({ id: uuid, version: z.number().int() });
export const personName = z.string().trim().min(1).max(200);
