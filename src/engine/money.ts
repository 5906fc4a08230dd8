/** Money as the engine's messages, notes and summaries write it. */

import { groupedNumber } from "./numberText";

/** A money amount in words, to the pound, e.g. £1,234,567 or -£500. */
export function pounds(value: number): string {
  const sign = value < 0 ? "-" : "";
  return `${sign}£${groupedNumber(Math.round(Math.abs(value)), 0, 0)}`;
}
