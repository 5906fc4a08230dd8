/** Records and checks the cost tests share. */

import type { Day } from "../../src/engine/dates";
import type { Episode } from "../../src/engine/episodes";
import type { CostLine, CostSummaries } from "../../src/engine/summaries";

let nextRow = 2;

/** An open, in-area LA foster placement starting on `start`, with whatever the test overrides. */
export function anEpisode(fields: Partial<Episode> & { start: Day }): Episode {
  return {
    row: nextRow++,
    child: "1",
    end: null,
    rne: "S",
    ls: "C2",
    cin: "N1",
    place: "U4",
    provider: "PR1",
    rec: "",
    reasonPlaceChange: "",
    urn: "",
    weeklyCost: null,
    location: "In LA",
    ebd: false,
    ...fields,
  };
}

/** The next row number, for other records made beside the episodes. */
export function nextRowNumber(): number {
  return nextRow++;
}

/** Each of the three summaries adds up to the grand total: to the millionth of a pound, and of a week, costed or not. */
export function expectReconciled(summaries: CostSummaries): void {
  const sum = (rows: readonly CostLine[], field: "total" | "weeks" | "costedWeeks" | "nationalTotal") => rows.reduce((s, r) => s + r[field], 0);
  for (const rows of [summaries.byGroup, summaries.byAgeAndNeeds, summaries.byTimeInCare]) {
    expect(Math.abs(sum(rows, "total") - summaries.total.total)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(sum(rows, "nationalTotal") - summaries.total.nationalTotal)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(sum(rows, "weeks") - summaries.total.weeks)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(sum(rows, "costedWeeks") - summaries.total.costedWeeks)).toBeLessThanOrEqual(1e-9);
  }
  expect(Math.abs(summaries.total.weeks - summaries.total.costedWeeks - summaries.uncosted.weeks)).toBeLessThanOrEqual(1e-9);
}
