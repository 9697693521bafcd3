// Screening scales (S2): seed 002 (Egedal, "Om opsporingsmodellen": grøn position (trivsel),
// gul position (bekymring), rød position (stærk bekymring)) and seed 003 (Hedensted: children
// "i mistrivsel (moderat trivsel og sårbare jf. Børnelinealen)"). A scale is an ordered list
// of positions; ordinal 1 is full well-being and a higher ordinal is more concern.

export interface ScalePosition {
  ordinal: number;
  label: string;
  /** '#rrggbb' */
  colour: string;
  /** What the position means, in the municipality's own words. */
  meaning: string;
  /** Whether the position counts as concern (mistrivsel): drives conflicts, guides, key figures. */
  isConcern: boolean;
}

export interface ScaleTemplate {
  key: ScaleTemplateKey;
  name: string;
  positions: readonly ScalePosition[];
}

export type ScaleTemplateKey = 'trafiklys' | 'boernelinealen';

/** The default: green / yellow / red (seed 002, Egedal's opsporingsmodel). */
export const TRAFIKLYS: ScaleTemplate = {
  key: 'trafiklys',
  name: 'Grøn, gul, rød',
  positions: [
    { ordinal: 1, label: 'Grøn', colour: '#2e7d32', meaning: 'Trivsel', isConcern: false },
    { ordinal: 2, label: 'Gul', colour: '#f9a825', meaning: 'Bekymring', isConcern: true },
    { ordinal: 3, label: 'Rød', colour: '#c62828', meaning: 'Stærk bekymring', isConcern: true },
  ],
};

/**
 * A Børnelinealen-style ruler with five positions, as a ready template (seed 003, Hedensted).
 * The seed names "trivsel", "moderat trivsel" and "sårbar" and counts moderat trivsel and
 * sårbar as mistrivsel; "udsat" and "truet" complete the ruler as the national
 * Børne- og ungelinealen names its upper positions. A municipality edits the wording by
 * making a new version of its scale.
 */
export const BOERNELINEALEN: ScaleTemplate = {
  key: 'boernelinealen',
  name: 'Børnelinealen',
  positions: [
    { ordinal: 1, label: 'Trivsel', colour: '#2e7d32', meaning: 'Barnet trives og udvikler sig alderssvarende.', isConcern: false },
    { ordinal: 2, label: 'Moderat trivsel', colour: '#9e9d24', meaning: 'Barnet trives ikke helt; opmærksomhed i hverdagen.', isConcern: true },
    { ordinal: 3, label: 'Sårbar', colour: '#f9a825', meaning: 'Barnet er sårbart; der er behov for en tidlig indsats.', isConcern: true },
    { ordinal: 4, label: 'Udsat', colour: '#ef6c00', meaning: 'Barnet er udsat; der er behov for tværfaglig handling.', isConcern: true },
    { ordinal: 5, label: 'Truet', colour: '#c62828', meaning: 'Barnets udvikling er truet; overvej underretning.', isConcern: true },
  ],
};

export const SCALE_TEMPLATES: Record<ScaleTemplateKey, ScaleTemplate> = { trafiklys: TRAFIKLYS, boernelinealen: BOERNELINEALEN };

export const MIN_POSITIONS = 2;
export const MAX_POSITIONS = 10;

export type ScaleProblem =
  | { kind: 'count'; min: number; max: number }
  | { kind: 'ordinals'; index: number } // ordinals must be 1..n in the given order
  | { kind: 'duplicate_label'; index: number }
  | { kind: 'colour'; index: number }
  | { kind: 'no_wellbeing' } // at least one position is not concern (the "stay green" goal)
  | { kind: 'concern_order'; index: number }; // concern positions come after all non-concern ones

/** Problems with a scale's positions; empty when the scale can be used. */
export function scaleProblems(positions: readonly ScalePosition[]): ScaleProblem[] {
  const out: ScaleProblem[] = [];
  if (positions.length < MIN_POSITIONS || positions.length > MAX_POSITIONS) out.push({ kind: 'count', min: MIN_POSITIONS, max: MAX_POSITIONS });
  const labels = new Set<string>();
  positions.forEach((p, i) => {
    if (p.ordinal !== i + 1) out.push({ kind: 'ordinals', index: i });
    const label = p.label.trim().toLowerCase();
    if (labels.has(label)) out.push({ kind: 'duplicate_label', index: i });
    labels.add(label);
    if (!/^#[0-9a-fA-F]{6}$/.test(p.colour)) out.push({ kind: 'colour', index: i });
    if (i > 0 && positions[i - 1]!.isConcern && !p.isConcern) out.push({ kind: 'concern_order', index: i });
  });
  if (positions.length > 0 && positions.every((p) => p.isConcern)) out.push({ kind: 'no_wellbeing' });
  return out;
}

/** Steps between two positions of the same scale (grøn → rød is two steps). */
export function stepDistance(a: Pick<ScalePosition, 'ordinal'>, b: Pick<ScalePosition, 'ordinal'>): number {
  return Math.abs(a.ordinal - b.ordinal);
}
