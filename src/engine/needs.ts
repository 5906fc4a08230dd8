/** Needs groups (docs/method/costs.md, "The three summaries"): the flags an episode and its child carry, named as the cost calculator does. */

import { DISABILITY_CIN, OFFENDER_LEGAL_STATUSES, OFFENDER_PLACES } from "./codes";
import { Episode } from "./episodes";

/** In the order they appear in a label ("UASC+Offender", never "Offender+UASC"). */
export const NEEDS_FLAGS = ["Disabilities", "UASC", "Offender", "EBD"] as const;

const DISABILITIES = 1;
const UASC = 2;
const OFFENDER = 4;
const EBD = 8;

/** The needs flags of an episode as a bit mask (bit i = NEEDS_FLAGS[i]); 0 to 15. */
export function needsMask(episode: Pick<Episode, "cin" | "ls" | "place" | "ebd">, uasc: boolean): number {
  let mask = 0;
  if (episode.cin === DISABILITY_CIN) mask |= DISABILITIES;
  if (uasc) mask |= UASC;
  if (OFFENDER_LEGAL_STATUSES.has(episode.ls) || OFFENDER_PLACES.has(episode.place)) mask |= OFFENDER;
  if (episode.ebd) mask |= EBD;
  return mask;
}

function labelOfMask(mask: number): string {
  const flags = NEEDS_FLAGS.filter((_flag, bit) => (mask & (1 << bit)) !== 0);
  if (flags.length === 0) return "None";
  if (flags.length === 1) return `${flags[0]} only`;
  return flags.join("+");
}

const MASKS = Array.from({ length: 1 << NEEDS_FLAGS.length }, (_unused, mask) => mask);

/** "None", "Disabilities only", "UASC+Offender", … indexed by mask. */
export const NEEDS_LABELS: readonly string[] = MASKS.map(labelOfMask);

function flagCount(mask: number): number {
  return NEEDS_FLAGS.filter((_flag, bit) => (mask & (1 << bit)) !== 0).length;
}

/** Report order: None, then single flags, then pairs, … each in flag order. */
export const NEEDS_GROUPS: readonly string[] = [...MASKS]
  .sort((a, b) => flagCount(a) - flagCount(b) || compareFlagLists(a, b))
  .map((mask) => NEEDS_LABELS[mask]);

/** The mask holding the earlier flag comes first: "Disabilities+UASC" before "Disabilities+Offender". */
function compareFlagLists(a: number, b: number): number {
  for (let bit = 0; bit < NEEDS_FLAGS.length; bit++) {
    const inA = (a & (1 << bit)) !== 0;
    const inB = (b & (1 << bit)) !== 0;
    if (inA !== inB) return inA ? -1 : 1;
  }
  return 0;
}

/** Position of a needs label in NEEDS_GROUPS, for sorting report rows. */
export function needsOrder(label: string): number {
  return NEEDS_GROUPS.indexOf(label);
}
