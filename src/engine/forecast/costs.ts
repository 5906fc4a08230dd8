/**
 * What the projected children cost: each state's weekly cost is the average of the placements
 * its children were in on the start day (their own WEEKLY_COST, else the unit cost of their
 * placement group), so that the placement mix inside a category (in-house or agency fostering)
 * carries into the forecast. A spell may hold several episodes (a continuing RNE L, T or U is
 * merged into the one before); the cost is always that of the episode in force on the day, so a
 * child stepped down from a children's home to foster care is costed as fostered.
 *
 * A placement with no known cost is left out of the costs, as in every other figure (its cost is
 * unknown, not zero: docs/method/costs.md): it counts among its state's children but adds nothing
 * to their cost, so the children on the start day, projected with no move, cost what their
 * costed placements do, as "Current placements continued" says (docs/method/forecast.md, "Costs").
 */

import { PLACEMENT_CATEGORIES, PlacementCategory } from "../codes";
import { GroupCache } from "../costs";
import { Day, dayFromYmd, financialYearFirstDay, financialYearLabel, financialYearLastDay, ymdOfDay } from "../dates";
import { Episode } from "../episodes";
import { PlacementTypeOverrides } from "../placementGroups";
import { UnitCostTable } from "../unitCosts";
import { OPEN, Spells } from "./cleaning";
import { CATEGORY_COUNT, IN_CARE_STATES, categoryOfState } from "./states";

export interface StateCosts {
  /** Cost of one child for one day in each in-care state, at the start's prices; 0 where uncosted. */
  dailyCost: Float64Array;
  /** The cost items (placement groups) the daily costs are made of. */
  items: string[];
  /** By item, the part of each state's daily cost that item makes up: they add up to dailyCost. */
  itemDailyCost: Float64Array[];
  /** The share of the start day's weekly costs taken from the national unit-cost card (0 to 1). */
  nationalShare: number;
  /** The average weekly cost of each category's costed placements on the start day, null where none of its placements has a cost. */
  weeklyByCategory: Record<PlacementCategory, number | null>;
  uncostedCategories: PlacementCategory[];
  /** The placements in force on the start day, and how many of them have no known cost (left out of the costs). */
  placementsOnDay: number;
  uncostedOnDay: number;
}

export interface CostSources {
  unitCosts?: UnitCostTable;
  /** The national card (nationalUnitCosts.ts), for what the council's own unit costs leave uncosted. */
  nationalUnitCosts?: UnitCostTable;
  overrides?: PlacementTypeOverrides;
}

/**
 * Sums of weekly costs by item, over slots (states or categories), with the weight of each slot:
 * that of all its placements, and of those with a known cost.
 */
class ItemSums {
  readonly byItem: Float64Array[] = [];
  readonly weight: Float64Array;
  private readonly costedWeight: Float64Array;

  constructor(private readonly slots: number) {
    this.weight = new Float64Array(slots);
    this.costedWeight = new Float64Array(slots);
  }

  add(item: number, slot: number, weekly: number, weight: number): void {
    while (this.byItem.length <= item) this.byItem.push(new Float64Array(this.slots));
    this.byItem[item][slot] += weekly * weight;
    this.weight[slot] += weight;
    this.costedWeight[slot] += weight;
  }

  /** A placement whose cost is not known: it weighs in the slot and adds no cost. */
  addUncosted(slot: number, weight: number): void {
    this.weight[slot] += weight;
  }

  /** An item's weekly cost per placement of the slot, its uncosted placements included at nothing (its share of what the slot's children cost). */
  share(item: number, slot: number): number {
    return this.weight[slot] > 0 && item < this.byItem.length ? this.byItem[item][slot] / this.weight[slot] : 0;
  }

  /** The average weekly cost of the slot's costed placements; null when none has a cost. */
  average(slot: number): number | null {
    if (this.costedWeight[slot] === 0) return null;
    let sum = 0;
    for (const values of this.byItem) sum += values[slot];
    return sum / this.costedWeight[slot];
  }
}

/**
 * The weekly cost of each state from the children in care on `day`, uncosted placements counted
 * at nothing; a state with no child that day takes its category's, and a category with none takes
 * its cost over the reference window weighted by days. Null when nothing carries a cost at all.
 */
export function stateCosts(spells: Spells, episodes: readonly Episode[], day: Day, window: { first: Day; last: Day }, sources: CostSources): StateCosts | null {
  const groups = new GroupCache(sources);
  const items: string[] = [];
  const itemIndex = new Map<string, number>();
  const costOf = (episode: Episode): { item: number; weekly: number; national: boolean } | null => {
    const { group, unitWeeklyCost, unitSource } = groups.lookup(episode.place, episode.provider, episode.location);
    const weekly = episode.weeklyCost ?? unitWeeklyCost;
    if (weekly === null) return null;
    let item = itemIndex.get(group.label);
    if (item === undefined) {
      item = items.length;
      items.push(group.label);
      itemIndex.set(group.label, item);
    }
    return { item, weekly, national: episode.weeklyCost === null && unitSource === "national" };
  };
  let onDayWeekly = 0;
  let onDayNationalWeekly = 0;
  let costedOnDay = 0;
  let uncostedOnDay = 0;

  const onDayByState = new ItemSums(IN_CARE_STATES);
  const onDayByCategory = new ItemSums(CATEGORY_COUNT);
  const windowByCategory = new ItemSums(CATEGORY_COUNT);
  let anyCost = false;
  for (let k = 0; k < spells.count; k++) {
    const spellStart = spells.start[k];
    const spellEnd = spells.end[k] === OPEN ? Infinity : spells.end[k];
    if (spellStart > window.last && spellStart > day) continue;
    const category = spells.category[k];
    const state = spells.band[k] * CATEGORY_COUNT + category;
    // The episodes merged into the spell, each in force from its own start to the next one's.
    for (let e = spells.source[k]; e >= 0; e = spells.continuation[e]) {
      const following = spells.continuation[e];
      const from = Math.max(spellStart, episodes[e].start);
      const to = Math.min(spellEnd, following >= 0 ? episodes[following].start : Infinity);
      if (from >= to) continue;
      const onDay = from <= day && day < to;
      const windowDays = Math.max(0, Math.min(to, window.last + 1) - Math.max(from, window.first));
      if (!onDay && windowDays === 0) continue;
      const cost = costOf(episodes[e]);
      if (cost === null) {
        if (onDay) {
          uncostedOnDay += 1;
          onDayByState.addUncosted(state, 1);
          onDayByCategory.addUncosted(category, 1);
        }
        if (windowDays > 0) windowByCategory.addUncosted(category, windowDays);
        continue;
      }
      anyCost = true;
      if (onDay) {
        costedOnDay += 1;
        onDayWeekly += cost.weekly;
        if (cost.national) onDayNationalWeekly += cost.weekly;
        onDayByState.add(cost.item, state, cost.weekly, 1);
        onDayByCategory.add(cost.item, category, cost.weekly, 1);
      }
      if (windowDays > 0) windowByCategory.add(cost.item, category, cost.weekly, windowDays);
    }
  }
  if (!anyCost) return null;

  const dailyCost = new Float64Array(IN_CARE_STATES);
  const itemDailyCost = items.map(() => new Float64Array(IN_CARE_STATES));
  for (let s = 0; s < IN_CARE_STATES; s++) {
    const c = categoryOfState(s);
    const source: [ItemSums, number] | null =
      onDayByState.weight[s] > 0 ? [onDayByState, s] : onDayByCategory.weight[c] > 0 ? [onDayByCategory, c] : windowByCategory.weight[c] > 0 ? [windowByCategory, c] : null;
    if (source === null) continue;
    for (let item = 0; item < items.length; item++) {
      itemDailyCost[item][s] = source[0].share(item, source[1]) / 7;
      dailyCost[s] += itemDailyCost[item][s];
    }
  }
  const categoryWeekly = PLACEMENT_CATEGORIES.map((_, c) => onDayByCategory.average(c) ?? windowByCategory.average(c));
  const weeklyByCategory = Object.fromEntries(PLACEMENT_CATEGORIES.map((c, i) => [c, categoryWeekly[i]])) as Record<PlacementCategory, number | null>;
  return {
    dailyCost,
    items,
    itemDailyCost,
    nationalShare: onDayWeekly > 0 ? onDayNationalWeekly / onDayWeekly : 0,
    weeklyByCategory,
    uncostedCategories: PLACEMENT_CATEGORIES.filter((_, i) => categoryWeekly[i] === null),
    placementsOnDay: costedOnDay + uncostedOnDay,
    uncostedOnDay,
  };
}

/** A forecast cost of one item in one calendar month, as `--costs-out` writes it. */
export interface MonthlyCost {
  /** yyyy-mm */
  month: string;
  item: string;
  cost: number;
}

/** The projected cost of each item in each calendar month the horizon (the days after the start, to the end) touches. */
export function costByMonth(cumulativeItemCost: readonly Float64Array[], items: readonly string[], start: Day, end: Day): MonthlyCost[] {
  const months: MonthlyCost[] = [];
  let from = start + 1;
  while (from <= end) {
    const { year, month } = ymdOfDay(from);
    const to = Math.min(dayFromYmd(year, month + 1, 1) - 1, end);
    const label = `${year}-${String(month).padStart(2, "0")}`;
    items.forEach((item, i) => {
      months.push({ month: label, item, cost: cumulativeItemCost[i][to - start] - cumulativeItemCost[i][from - 1 - start] });
    });
    from = to + 1;
  }
  return months;
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
