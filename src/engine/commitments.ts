/**
 * Commitments (docs/reports.md, "Commitments and the high-cost review"): what the placements open on the
 * as-at day will cost from the next day to the earlier of their planned end (PLANNED_END, not
 * itself counted, like DEC) and the year end (counted), placement by placement, as accountants
 * forecast the placements line; and how much more it costs if every planned end slips.
 *
 * How the commitments join the engine's figures (docs/figures.md) without counting a child twice:
 * a child in care on the as-at day is counted in the commitments only, at its own placement; the
 * provision for new demand and moves is the forecast's cost to 31 March less the current
 * placements continued to 31 March, a difference of totals that names no child. So
 *   forecast outturn on commitments = spend to date + commitments + provision
 *                                    = forecast outturn − (current placements continued − commitments),
 * the engine's forecast outturn less what the planned ends take off. With no planned ends the two
 * outturns are the same number.
 */

import { CostOptions, GroupCache, MAX_WEEKLY_COST, costInPeriod } from "./costs";
import { Day, addMonths, financialYearFirstDay, financialYearLastDay, formatIsoDate } from "./dates";
import type { Contribution, Episode } from "./episodes";
import type { PlacementFigures } from "./figures";

export class CommitmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CommitmentError";
  }
}

/** The months every planned end is slipped by in the slippage table. */
export const SLIP_MONTHS: readonly number[] = [1, 3, 6];

function checkWeekly(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) throw new CommitmentError(`${what} must be a cost of zero or more (it is ${value})`);
  if (value > MAX_WEEKLY_COST) throw new CommitmentError(`${what} is more than £1,000,000 a week, which no placement costs`);
}

function checkDay(value: Day, what: string): void {
  if (!Number.isInteger(value)) throw new CommitmentError(`${what} must be a date`);
}

/**
 * The committed cost of one placement: its weekly cost from the later of its start and the day
 * after `asAt`, to the earlier of `end` (the planned or recorded end, not counted; null while
 * open) and `yearEnd` (counted; 31 March of the as-at day's financial year by default). Zero for
 * a placement that ends on or before the as-at day.
 */
export function commitment(weeklyCost: number, start: Day, end: Day | null, asAt: Day, yearEnd: Day = financialYearLastDay(asAt)): number {
  checkWeekly(weeklyCost, "the weekly cost");
  checkDay(start, "the start date");
  checkDay(asAt, "the as-at date");
  checkDay(yearEnd, "the year end");
  if (end !== null) {
    checkDay(end, "the planned end");
    if (end < start) throw new CommitmentError(`the planned end (${formatIsoDate(end)}) is before the start (${formatIsoDate(start)})`);
  }
  if (yearEnd < asAt) throw new CommitmentError(`the year end (${formatIsoDate(yearEnd)}) is before the as-at date (${formatIsoDate(asAt)})`);
  return costInPeriod(weeklyCost, start, end, { start: asAt + 1, end: yearEnd });
}

/** A weekly cost split between health, education and the council (BCP's high-cost calculator). */
export interface Apportionment {
  weeklyCost: number;
  health: number;
  education: number;
  /** What the council pays a week: the weekly cost less both contributions. */
  net: number;
}

function poundsOf(contribution: Contribution | null | undefined, weeklyCost: number): number {
  if (contribution === null || contribution === undefined) return 0;
  return contribution.kind === "weekly" ? contribution.pounds : weeklyCost * contribution.fraction;
}

/** Health's and education's contributions in pounds a week and the council's net cost; contributions above the cost are refused. */
export function apportion(weeklyCost: number, health?: Contribution | null, education?: Contribution | null): Apportionment {
  checkWeekly(weeklyCost, "the weekly cost");
  for (const [c, what] of [
    [health, "the health contribution"],
    [education, "the education contribution"],
  ] as const) {
    if (c?.kind === "weekly") checkWeekly(c.pounds, what);
    if (c?.kind === "share" && !(c.fraction >= 0 && c.fraction <= 1)) throw new CommitmentError(`${what} must be a share from 0% to 100%`);
  }
  const healthPounds = poundsOf(health, weeklyCost);
  const educationPounds = poundsOf(education, weeklyCost);
  const net = weeklyCost - healthPounds - educationPounds;
  // A penny's tolerance: 60% + 40% of £1,234.57 must not be refused for rounding.
  if (net < -0.005) {
    throw new CommitmentError(`the contributions (£${(healthPounds + educationPounds).toFixed(2)} a week) are more than the weekly cost (£${weeklyCost.toFixed(2)})`);
  }
  return { weeklyCost, health: healthPounds, education: educationPounds, net: Math.max(0, net) };
}

export type CommitmentStatus = "to 31 March" | "to planned end" | "planned end passed" | "uncosted";

/** One placement open on the as-at day and what it commits. */
export interface PlacementCommitment {
  episode: Episode;
  child: string;
  group: string;
  /** Null when neither WEEKLY_COST, the Unit costs table nor the national card costs it. */
  weeklyCost: number | null;
  start: Day;
  plannedEnd: Day | null;
  /** The end counted: the earlier of the recorded DEC and PLANNED_END; null when open to the year end. */
  end: Day | null;
  commitment: number;
  /** Its cost from 1 April to the as-at day. */
  spendToDate: number;
  status: CommitmentStatus;
  /** Null when uncosted, or when the contributions are more than the weekly cost (`apportionmentProblem`). */
  apportionment: Apportionment | null;
  apportionmentProblem: string | null;
}

export interface Slippage {
  months: number;
  /** The commitments with every planned end that many months later. */
  total: number;
  /** How much more than the commitments. */
  extra: number;
}

export interface Commitments {
  asAt: Day;
  yearStart: Day;
  yearEnd: Day;
  placements: PlacementCommitment[];
  total: number;
  /** Placements whose planned end is on or before the as-at day: committed at zero, and listed so that someone checks them. */
  plannedEndPassed: PlacementCommitment[];
  uncosted: number;
  slippage: Slippage[];
}

function earlier(a: Day | null, b: Day | null): Day | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

/** The placements open on `asAt` (started on or before it, not ended by it): the same set as the figures' current placements. */
export function openPlacements(episodes: readonly Episode[], asAt: Day): Episode[] {
  return episodes.filter((e) => e.start <= asAt && (e.end === null || e.end > asAt));
}

/** Every open placement's commitment to the year end of `asAt`, the total, and the slippage of 1, 3 and 6 months. */
export function placementCommitments(episodes: readonly Episode[], sources: CostOptions, asAt: Day, slipMonths: readonly number[] = SLIP_MONTHS): Commitments {
  const yearStart = financialYearFirstDay(asAt);
  const yearEnd = financialYearLastDay(asAt);
  const groups = new GroupCache(sources);
  const placements = openPlacements(episodes, asAt).map((episode): PlacementCommitment => {
    const lookup = groups.lookup(episode.place, episode.provider, episode.location);
    const weeklyCost = episode.weeklyCost ?? lookup.unitWeeklyCost;
    const plannedEnd = episode.plannedEnd ?? null;
    const end = earlier(episode.end, plannedEnd);
    let apportionment: Apportionment | null = null;
    let apportionmentProblem: string | null = null;
    if (weeklyCost !== null) {
      try {
        apportionment = apportion(weeklyCost, episode.healthContribution, episode.educationContribution);
      } catch (error) {
        if (!(error instanceof CommitmentError)) throw error;
        apportionmentProblem = error.message;
      }
    }
    const status: CommitmentStatus =
      weeklyCost === null ? "uncosted" : plannedEnd !== null && plannedEnd <= asAt ? "planned end passed" : end !== null && end <= yearEnd ? "to planned end" : "to 31 March";
    return {
      episode,
      child: episode.child,
      group: lookup.group.label,
      weeklyCost,
      start: episode.start,
      plannedEnd,
      end,
      commitment: weeklyCost === null ? 0 : commitment(weeklyCost, episode.start, end, asAt, yearEnd),
      // Spent is what the placement cost while it ran: open on the as-at day, it ran to it, whatever its planned end said.
      spendToDate: weeklyCost === null ? 0 : costInPeriod(weeklyCost, episode.start, episode.end, { start: yearStart, end: asAt }),
      status,
      apportionment,
      apportionmentProblem,
    };
  });
  const total = placements.reduce((sum, p) => sum + p.commitment, 0);
  const slippage = slipMonths.map((months): Slippage => {
    const slipped = placements.reduce((sum, p) => {
      if (p.weeklyCost === null) return sum;
      const end = earlier(p.episode.end, p.plannedEnd === null ? null : addMonths(p.plannedEnd, months));
      return sum + commitment(p.weeklyCost, p.start, end, asAt, yearEnd);
    }, 0);
    return { months, total: slipped, extra: slipped - total };
  });
  return {
    asAt,
    yearStart,
    yearEnd,
    placements,
    total,
    plannedEndPassed: placements.filter((p) => p.status === "planned end passed"),
    uncosted: placements.filter((p) => p.status === "uncosted").length,
    slippage,
  };
}

/** The forecast outturn built on commitments, beside the engine's (see the top of this file). */
export interface CommitmentsOutturn {
  spendToDate: number;
  commitments: number;
  /** The forecast's cost to 31 March − the current placements continued to 31 March; null without a forecast. */
  provision: number | null;
  outturn: number | null;
  /** The engine's forecast outturn (docs/figures.md). */
  engineOutturn: number | null;
  /** What the planned ends take off: the current placements continued to 31 March − the commitments. */
  plannedEndsEffect: number;
}

export function commitmentsOutturn(figures: PlacementFigures, commitments: Commitments): CommitmentsOutturn {
  const provision = figures.forecastToYearEnd === null ? null : figures.forecastToYearEnd - figures.committedToYearEnd;
  return {
    spendToDate: figures.spendToDate,
    commitments: commitments.total,
    provision,
    outturn: provision === null ? null : figures.spendToDate + commitments.total + provision,
    engineOutturn: figures.forecastOutturn,
    plannedEndsEffect: figures.committedToYearEnd - commitments.total,
  };
}

/** The top `count` placements by weekly cost (dearest first; a tie keeps the data's order). */
export function highCostPlacements(commitments: Commitments, count: number): PlacementCommitment[] {
  return commitments.placements
    .filter((p) => p.weeklyCost !== null)
    .map((p, index) => ({ p, index }))
    .sort((a, b) => (b.p.weeklyCost ?? 0) - (a.p.weeklyCost ?? 0) || a.index - b.index)
    .slice(0, Math.max(0, count))
    .map(({ p }) => p);
}
