/**
 * What the projected children cost: each state's weekly cost is the average of the placements
 * its children were in on the start day (their own WEEKLY_COST, else the unit cost of their
 * placement group), so that the placement mix inside a category (in-house or agency fostering)
 * carries into the forecast.
 */

import { PLACEMENT_CATEGORIES, PlacementCategory } from "../codes";
import { GroupCache } from "../costs";
import { Day, financialYearFirstDay, financialYearLabel, financialYearLastDay } from "../dates";
import { Episode } from "../episodes";
import { PlacementTypeOverrides } from "../placementGroups";
import { UnitCostTable } from "../unitCosts";
import { OPEN, Spells } from "./cleaning";
import { CATEGORY_COUNT, IN_CARE_STATES, categoryOfState } from "./states";

export interface StateCosts {
  /** Cost of one child for one day in each in-care state, at the start's prices; 0 where uncosted. */
  dailyCost: Float64Array;
  /** The average weekly cost of each category on the start day, null where none of its placements has a cost. */
  weeklyByCategory: Record<PlacementCategory, number | null>;
  uncostedCategories: PlacementCategory[];
}

export interface CostSources {
  unitCosts?: UnitCostTable;
  overrides?: PlacementTypeOverrides;
}

/**
 * The weekly cost of each state from the spells in care on `day`; a state with no costed child
 * that day takes its category's average, and a category with none takes the average over the
 * reference window weighted by days. Null when nothing carries a cost at all.
 */
export function stateCosts(spells: Spells, episodes: readonly Episode[], day: Day, window: { first: Day; last: Day }, sources: CostSources): StateCosts | null {
  const groups = new GroupCache(sources);
  const weeklyOf = (k: number): number | null => {
    const episode = episodes[spells.source[k]];
    return episode.weeklyCost ?? groups.lookup(episode.place, episode.provider, episode.location).unitWeeklyCost;
  };

  const stateSum = new Float64Array(IN_CARE_STATES);
  const stateWeight = new Float64Array(IN_CARE_STATES);
  const windowSum = new Float64Array(CATEGORY_COUNT);
  const windowWeight = new Float64Array(CATEGORY_COUNT);
  let anyCost = false;
  for (let k = 0; k < spells.count; k++) {
    const start = spells.start[k];
    const end = spells.end[k] === OPEN ? Infinity : spells.end[k];
    const onDay = start <= day && day < end;
    const windowDays = Math.max(0, Math.min(end, window.last + 1) - Math.max(start, window.first));
    if (!onDay && windowDays === 0) continue;
    const weekly = weeklyOf(k);
    if (weekly === null) continue;
    anyCost = true;
    const state = spells.band[k] * CATEGORY_COUNT + spells.category[k];
    if (onDay) {
      stateSum[state] += weekly;
      stateWeight[state] += 1;
    }
    windowSum[spells.category[k]] += weekly * windowDays;
    windowWeight[spells.category[k]] += windowDays;
  }
  if (!anyCost) return null;

  const categorySum = new Float64Array(CATEGORY_COUNT);
  const categoryWeight = new Float64Array(CATEGORY_COUNT);
  for (let s = 0; s < IN_CARE_STATES; s++) {
    categorySum[categoryOfState(s)] += stateSum[s];
    categoryWeight[categoryOfState(s)] += stateWeight[s];
  }
  const categoryWeekly = PLACEMENT_CATEGORIES.map((_, c) =>
    categoryWeight[c] > 0 ? categorySum[c] / categoryWeight[c] : windowWeight[c] > 0 ? windowSum[c] / windowWeight[c] : null,
  );
  const dailyCost = new Float64Array(IN_CARE_STATES);
  for (let s = 0; s < IN_CARE_STATES; s++) {
    const weekly = stateWeight[s] > 0 ? stateSum[s] / stateWeight[s] : categoryWeekly[categoryOfState(s)];
    dailyCost[s] = weekly === null ? 0 : weekly / 7;
  }
  const weeklyByCategory = Object.fromEntries(PLACEMENT_CATEGORIES.map((c, i) => [c, categoryWeekly[i]])) as Record<PlacementCategory, number | null>;
  return { dailyCost, weeklyByCategory, uncostedCategories: PLACEMENT_CATEGORIES.filter((_, i) => categoryWeekly[i] === null) };
}

export interface YearCost {
  /** "2023-24", with " (part)" when the horizon covers only some of the year. */
  label: string;
  from: Day;
  to: Day;
  cost: number;
}

/** The projected cost in each financial year the horizon (the days after the start, to the end) touches. */
export function costByFinancialYear(cumulativeCost: Float64Array, start: Day, end: Day): YearCost[] {
  const years: YearCost[] = [];
  let from = start + 1;
  while (from <= end) {
    const yearEnd = financialYearLastDay(from);
    const to = Math.min(yearEnd, end);
    const cost = cumulativeCost[to - start] - cumulativeCost[from - 1 - start];
    const whole = from === financialYearFirstDay(from) && to === yearEnd;
    years.push({ label: `${financialYearLabel(from)}${whole ? "" : " (part)"}`, from, to, cost });
    from = to + 1;
  }
  return years;
}
