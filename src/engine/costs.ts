/** The cost of each episode in a reporting period (docs/method/costs.md, "Days, weeks and costs"). */

import { Location } from "./codes";
import { Day, financialYearFirstDay, financialYearLastDay, formatIsoDate, overlapDays } from "./dates";
import { Episode } from "./episodes";
import { PlacementGroup, PlacementTypeOverrides, placementGroupOf } from "./placementGroups";
import { UnitCostTable } from "./unitCosts";

/** A reporting period, both ends inclusive (e.g. 2023-04-01 .. 2024-03-31). */
export interface Period {
  start: Day;
  end: Day;
}

export class PeriodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PeriodError";
  }
}

export function checkPeriod(period: Period): void {
  if (!Number.isInteger(period.start) || !Number.isInteger(period.end)) throw new PeriodError("the period's start and end must be dates");
  if (period.end < period.start) {
    throw new PeriodError(`the period ends (${formatIsoDate(period.end)}) before it starts (${formatIsoDate(period.start)})`);
  }
}

/** The financial year (1 April – 31 March) holding a day. */
export function financialYearPeriod(day: Day): Period {
  return { start: financialYearFirstDay(day), end: financialYearLastDay(day) };
}

export function periodDays(period: Period): number {
  return period.end >= period.start ? period.end - period.start + 1 : 0;
}

/** Days of [start, end) inside the period; an open episode (end null) runs to the period end. */
export function daysInPeriod(start: Day, end: Day | null, period: Period): number {
  const afterPeriod = period.end + 1;
  return overlapDays(start, end ?? afterPeriod, period.start, afterPeriod);
}

export function weeksInPeriod(start: Day, end: Day | null, period: Period): number {
  return daysInPeriod(start, end, period) / 7;
}

/**
 * The most a placement may cost a week: ten times the dearest residential placements reported
 * (around £100,000 a week in 2024). A weekly cost above it is a typing slip or a corrupt cell
 * (1e308 overflows every total into NaN), and is reported on its row rather than costed.
 */
export const MAX_WEEKLY_COST = 1_000_000;

/** Cost of `days` days at a weekly cost: weekly × days ÷ 7, the one place this rule is written. */
export function costOfDays(weeklyCost: number, days: number): number {
  return (weeklyCost * days) / 7;
}

export function costInPeriod(weeklyCost: number, start: Day, end: Day | null, period: Period): number {
  return costOfDays(weeklyCost, daysInPeriod(start, end, period));
}

/** Where an episode's weekly cost came from: its own WEEKLY_COST, the council's unit costs, the national card, or nowhere. */
export type CostSource = "episode" | "unit cost" | "national" | "uncosted";

export interface CostedEpisode {
  episode: Episode;
  group: PlacementGroup;
  weeklyCost: number | null;
  source: CostSource;
  days: number;
  /** 0 when uncosted. */
  cost: number;
}

export interface CostOptions {
  unitCosts?: UnitCostTable;
  /**
   * National unit costs (nationalUnitCosts.ts), used only for a group the council's own unit
   * costs leave without a cost; none unless given.
   */
  nationalUnitCosts?: UnitCostTable;
  overrides?: PlacementTypeOverrides;
}

/** A placement group with its unit cost, found once per (PLACE, PLACE_PROVIDER, LOCATION). */
export interface GroupLookup {
  group: PlacementGroup;
  unitWeeklyCost: number | null;
  /** "unit cost" (the council's own), "national", or "uncosted" when there is no unit cost. */
  unitSource: Exclude<CostSource, "episode">;
}

const LOCATION_SLOT: Readonly<Record<Location, number>> = { "In LA": 0, "Out LA": 1, "N/A": 2 };

/**
 * Finds the group and unit cost of episodes, remembering each (place, provider, location) it
 * has seen so that a million episodes cost a few hundred lookups, and each group is one object
 * shared by all its episodes.
 */
export class GroupCache {
  private readonly byPlace = new Map<string, Map<string, (GroupLookup | undefined)[]>>();
  private readonly byLabel = new Map<string, GroupLookup>();

  constructor(private readonly options: CostOptions = {}) {}

  lookup(place: string, provider: string, location: Location): GroupLookup {
    let byProvider = this.byPlace.get(place);
    if (byProvider === undefined) {
      byProvider = new Map();
      this.byPlace.set(place, byProvider);
    }
    let slots = byProvider.get(provider);
    if (slots === undefined) {
      slots = [undefined, undefined, undefined];
      byProvider.set(provider, slots);
    }
    const slot = LOCATION_SLOT[location];
    return slots[slot] ?? (slots[slot] = this.resolve(place, provider, location));
  }

  private resolve(place: string, provider: string, location: Location): GroupLookup {
    const group = placementGroupOf(place, provider, location, this.options.overrides);
    const known = this.byLabel.get(group.label);
    if (known) return known;
    const own = this.options.unitCosts?.weeklyCostFor(group) ?? null;
    const national = own === null ? (this.options.nationalUnitCosts?.weeklyCostFor(group) ?? null) : null;
    const found: GroupLookup =
      own !== null
        ? { group, unitWeeklyCost: own, unitSource: "unit cost" }
        : national !== null
          ? { group, unitWeeklyCost: national, unitSource: "national" }
          : { group, unitWeeklyCost: null, unitSource: "uncosted" };
    this.byLabel.set(group.label, found);
    return found;
  }
}

/** Each episode with days in the period, with its group, weekly cost, where that cost came from, and its cost. */
export function costEpisodes(episodes: readonly Episode[], period: Period, options: CostOptions = {}): CostedEpisode[] {
  checkPeriod(period);
  const groups = new GroupCache(options);
  const costed: CostedEpisode[] = [];
  for (const episode of episodes) {
    const days = daysInPeriod(episode.start, episode.end, period);
    if (days === 0) continue;
    const { group, unitWeeklyCost, unitSource } = groups.lookup(episode.place, episode.provider, episode.location);
    const weeklyCost = episode.weeklyCost ?? unitWeeklyCost;
    const source: CostSource = episode.weeklyCost !== null ? "episode" : unitSource;
    costed.push({ episode, group, weeklyCost, source, days, cost: weeklyCost === null ? 0 : costOfDays(weeklyCost, days) });
  }
  return costed;
}
