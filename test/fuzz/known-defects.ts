import type { MutationKind } from './support/arbitraries.js';
import type { Answer } from './support/world.js';

/**
 * The defects of issue 20 that other branches fix. Until those are merged the fuzz suite still finds
 * them; each entry below excuses exactly that finding and nothing wider. After merging the fixes,
 * DELETE THIS LIST (make it `[]`): every property must then pass with no excuse. The suite prints which
 * entries were used, so an entry that no longer matches anything is visible.
 */
export interface Finding {
  property: 'valid' | 'invalid' | 'hostile' | 'multipart' | 'race' | 'roundtrip' | 'interop';
  operationId: string;
  answer: Answer;
  mutation?: MutationKind;
  /** The mutation happened inside an array element. */
  insideArray?: boolean;
  /** What the case sent that matters for matching (a filename, a header, a raw number…). */
  detail?: string;
}

export interface KnownDefect {
  defect: number;
  title: string;
  matches(finding: Finding): boolean;
}

export const KNOWN_DEFECTS_UNTIL_MERGE: KnownDefect[] = [];

const used = new Map<number, number>();

/** The known defect this finding is, if any (and counts it for the closing summary). */
export function knownDefect(finding: Finding): KnownDefect | undefined {
  const hit = KNOWN_DEFECTS_UNTIL_MERGE.find((d) => d.matches(finding));
  if (hit) used.set(hit.defect, (used.get(hit.defect) ?? 0) + 1);
  return hit;
}

export function knownDefectSummary(): string {
  if (used.size === 0) return 'known defects excused: none';
  return `known defects excused (KNOWN_DEFECTS_UNTIL_MERGE): ${[...used]
    .sort(([a], [b]) => a - b)
    .map(([d, n]) => `#${d}×${n}`)
    .join(' ')}`;
}
