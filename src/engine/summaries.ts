/**
 * The cost calculator's three summaries (docs/method/costs.md): by placement group, by age × needs group,
 * and by time looked after. Each episode's cost and weeks are added once to each summary, so all
 * three reconcile to the one grand total; sums are compensated so that they agree to far below a
 * penny even over a million episodes. Every episode with days in the period counts in the weeks
 * and episodes, costed or not; only costed ones count in the £, and the average is over the
 * costed weeks.
 */

import { Day, Ymd, ageInYears, birthdayOfYmd, ymdOfDay } from "./dates";
import { Child, Episode } from "./episodes";
import { GroupCache, GroupLookup, Period, checkPeriod, costOfDays, daysInPeriod } from "./costs";
import { NEEDS_GROUPS, NEEDS_LABELS, needsMask } from "./needs";
import { TIME_IN_CARE_BANDS, episodesByChild, timeInCareBands } from "./periodsOfCare";
import { PlacementTypeOverrides } from "./placementGroups";
import { UnitCostTable } from "./unitCosts";

export interface CostLine {
  /** £ of the costed weeks; 0 when none is costed (costedWeeks = 0 then: show it blank, not £0). */
  total: number;
  /** Every week in the period, costed or not. */
  weeks: number;
  /** The weeks in `total`. */
  costedWeeks: number;
  /** total ÷ costedWeeks; null when no week is costed. */
  avgWeekly: number | null;
  /** The part of `total`, and of `costedWeeks`, costed from the national unit-cost card. */
  nationalTotal: number;
  nationalWeeks: number;
}

export interface GroupSummaryRow extends CostLine {
  group: string;
  type: string;
  provided: string;
  location: string;
  episodes: number;
}

export interface AgeNeedsRow extends CostLine {
  /** Whole years; -1 when unknown (child not in the children table, or days before the date of birth). */
  age: number;
  needs: string;
}

export interface TimeInCareRow extends CostLine {
  band: string;
}

export interface CostSummaries {
  period: Period;
  /** Every group with days in the period, costed or not: sorted by total, largest first, then uncosted groups by weeks. */
  byGroup: GroupSummaryRow[];
  /** Sorted by age, then needs group in NEEDS_GROUPS order. */
  byAgeAndNeeds: AgeNeedsRow[];
  /** Every band, in band order, even when empty, so the report keeps its shape month to month. */
  byTimeInCare: TimeInCareRow[];
  total: CostLine;
  /** Episodes with days in the period but no weekly cost of their own and no unit cost: not in the totals. */
  uncosted: { episodes: number; weeks: number; groups: string[] };
  /** Episodes with days in the period whose child is not in the children table (costed, at age -1). */
  episodesWithoutChild: number;
}

export const UNKNOWN_AGE = -1;

export function averageWeeklyCost(total: number, weeks: number): number | null {
  // A tiny positive number of weeks (5e-324) would give Infinity, which is no average either.
  const average = total / weeks;
  return weeks > 0 && Number.isFinite(average) ? average : null;
}

/** How a piece of an episode was costed: not at all, from its own or the council's costs, or from the national card. */
type Costing = 0 | 1 | 2;
const Costing = { None: 0, Costed: 1, National: 2 } as const;

/** A sum with Neumaier's compensation, so that a million additions still agree to far below a penny. */
class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(value: number): void {
    const sum = this.sum + value;
    this.compensation += Math.abs(this.sum) >= Math.abs(value) ? this.sum - sum + value : value - sum + this.sum;
    this.sum = sum;
  }

  get value(): number {
    return this.sum + this.compensation;
  }
}

/** A running total, and its national part, plus whole days (exact as integers). */
class Tally {
  private readonly total = new CompensatedSum();
  private readonly national = new CompensatedSum();
  days = 0;
  costedDays = 0;
  nationalDays = 0;
  episodes = 0;

  add(cost: number, days: number, costing: Costing): void {
    this.days += days;
    if (costing === Costing.None) return;
    this.total.add(cost);
    this.costedDays += days;
    if (costing === Costing.National) {
      this.national.add(cost);
      this.nationalDays += days;
    }
  }

  line(): CostLine {
    const total = this.total.value;
    const costedWeeks = this.costedDays / 7;
    return {
      total,
      weeks: this.days / 7,
      costedWeeks,
      avgWeekly: averageWeeklyCost(total, costedWeeks),
      nationalTotal: this.national.value,
      nationalWeeks: this.nationalDays / 7,
    };
  }
}

const NEEDS_COUNT = NEEDS_LABELS.length;
const NEEDS_RANK: readonly number[] = NEEDS_LABELS.map((label) => NEEDS_GROUPS.indexOf(label));

/**
 * Ages of one child through the period: the age on the period's first day, and the birthdays
 * after it, worked out only as far as the child's episodes reach.
 */
class AgeCalendar {
  private readonly birthdays: Day[] = [];
  private born: Ymd = { year: 0, month: 1, day: 1 };
  private ageAtStart = 0;

  constructor(private readonly period: Period) {}

  setChild(dob: Day): void {
    this.born = ymdOfDay(dob);
    this.ageAtStart = ageInYears(dob, this.period.start);
    this.birthdays.length = 0;
  }

  /** Calls back with each whole-year age and its days within [from, to), both inside the period. */
  split(from: Day, to: Day, piece: (age: number, days: number) => void): void {
    const birthdays = this.birthdays;
    while (birthdays.length === 0 || birthdays[birthdays.length - 1] < to) {
      birthdays.push(birthdayOfYmd(this.born, this.ageAtStart + birthdays.length + 1));
    }
    let next = 0;
    while (birthdays[next] <= from) next++;
    let age = this.ageAtStart + next;
    while (birthdays[next] < to) {
      piece(age, birthdays[next] - from);
      from = birthdays[next];
      age += 1;
      next += 1;
    }
    piece(age, to - from);
  }
}

export function summariseCosts(input: {
  episodes: readonly Episode[];
  children: readonly Child[];
  period: Period;
  unitCosts?: UnitCostTable;
  /** Used only where neither the episode nor `unitCosts` gives a cost (see nationalUnitCosts.ts). */
  nationalUnitCosts?: UnitCostTable;
  overrides?: PlacementTypeOverrides;
}): CostSummaries {
  const { episodes, children, period } = input;
  checkPeriod(period);
  const afterPeriod = period.end + 1;
  const groups = new GroupCache({ unitCosts: input.unitCosts, nationalUnitCosts: input.nationalUnitCosts, overrides: input.overrides });
  const byChild = episodesByChild(episodes, children);
  const bands = timeInCareBands(episodes, byChild, period);

  const total = new Tally();
  const byGroup = new Map<GroupLookup, Tally>();
  const byBand = TIME_IN_CARE_BANDS.map(() => new Tally());
  const byAgeNeeds = new Map<number, Tally>();
  const uncostedGroups = new Set<string>();
  let uncostedEpisodes = 0;
  let uncostedDays = 0;
  let episodesWithoutChild = 0;

  const ages = new AgeCalendar(period);
  // The episode being split by age: one callback for all episodes rather than a closure for each.
  let weeklyCost = 0;
  let costing: Costing = Costing.None;
  let needs = 0;
  const addToAgeNeeds = (age: number, days: number) => {
    if (days === 0) return;
    const key = (age < 0 ? UNKNOWN_AGE : age) * NEEDS_COUNT + needs;
    let tally = byAgeNeeds.get(key);
    if (tally === undefined) byAgeNeeds.set(key, (tally = new Tally()));
    tally.add(costOfDays(weeklyCost, days), days, costing);
  };

  const { order, childStart, childIds } = byChild;
  for (let c = 0; c < childIds.length; c++) {
    const child = c < children.length ? children[c] : undefined;
    let agesReady = false;
    for (let k = childStart[c]; k < childStart[c + 1]; k++) {
      const index = order[k];
      const episode = episodes[index];
      const days = daysInPeriod(episode.start, episode.end, period);
      if (days === 0) continue;
      if (child === undefined) episodesWithoutChild += 1;
      const lookup = groups.lookup(episode.place, episode.provider, episode.location);
      const weekly = episode.weeklyCost ?? lookup.unitWeeklyCost;
      if (weekly === null) {
        uncostedEpisodes += 1;
        uncostedDays += days;
        uncostedGroups.add(lookup.group.label);
      }
      costing =
        episode.weeklyCost !== null ? Costing.Costed : lookup.unitSource === "national" ? Costing.National : weekly === null ? Costing.None : Costing.Costed;
      weeklyCost = weekly ?? 0;
      const cost = costOfDays(weeklyCost, days);
      total.add(cost, days, costing);
      let groupTally = byGroup.get(lookup);
      if (groupTally === undefined) byGroup.set(lookup, (groupTally = new Tally()));
      groupTally.add(cost, days, costing);
      groupTally.episodes += 1;
      byBand[bands[index]].add(cost, days, costing);

      needs = needsMask(episode, child?.uasc ?? false);
      if (child === undefined) {
        addToAgeNeeds(UNKNOWN_AGE, days);
        continue;
      }
      if (!agesReady) {
        ages.setChild(child.dob);
        agesReady = true;
      }
      const from = episode.start > period.start ? episode.start : period.start;
      const to = episode.end !== null && episode.end < afterPeriod ? episode.end : afterPeriod;
      ages.split(from, to, addToAgeNeeds);
    }
  }

  return {
    period,
    byGroup: [...byGroup]
      .map(([{ group }, tally]): GroupSummaryRow => ({
        group: group.label,
        type: group.type,
        provided: group.provided,
        location: group.location,
        episodes: tally.episodes,
        ...tally.line(),
      }))
      .sort((a, b) => b.total - a.total || b.weeks - a.weeks || a.group.localeCompare(b.group)),
    byAgeAndNeeds: [...byAgeNeeds]
      .sort(([a], [b]) => Math.floor(a / NEEDS_COUNT) - Math.floor(b / NEEDS_COUNT) || NEEDS_RANK[mod(a)] - NEEDS_RANK[mod(b)])
      .map(([key, tally]): AgeNeedsRow => ({ age: Math.floor(key / NEEDS_COUNT), needs: NEEDS_LABELS[mod(key)], ...tally.line() })),
    byTimeInCare: byBand.map((tally, band): TimeInCareRow => ({ band: TIME_IN_CARE_BANDS[band], ...tally.line() })),
    total: total.line(),
    uncosted: { episodes: uncostedEpisodes, weeks: uncostedDays / 7, groups: [...uncostedGroups].sort() },
    episodesWithoutChild,
  };
}

/** The needs mask of an age × needs key (keys are age × NEEDS_COUNT + mask, age from -1). */
function mod(key: number): number {
  return ((key % NEEDS_COUNT) + NEEDS_COUNT) % NEEDS_COUNT;
}
