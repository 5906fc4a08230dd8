/**
 * The default mode's reference window, chosen by evidence (docs/method/forecast-window.md): each
 * candidate window is scored by rolling-origin backtests on the data known at the forecast's
 * start, never later, and the forecast uses the window whose monthly totals came nearest to what
 * happened. A window the user sets is used as given, and reference mode keeps the open model's.
 */

import { Day, addMonths } from "../dates";
import { Child, Episode } from "../episodes";
import { actualsOf, totalErrors } from "./actuals";
import { EpisodeColumns } from "./cleaning";
import { ForecastError } from "./errors";
import { CleanedData, ForecastOptions, ForecastResult, MODE_DEFAULTS, cleanForForecast, expectedOnReportedDays, fitCleaned, forecastFrom, measuredStart } from "./forecast";

export interface WindowCandidate {
  label: string;
  /** Months before the window's end; null: from the start of the first return. */
  months: number | null;
}

export const CANDIDATE_WINDOWS: readonly WindowCandidate[] = [
  ...[6, 12, 18, 24, 36].map((months) => ({ label: `${months} months`, months })),
  { label: "since the first return", months: null },
];

/**
 * Each window is backtested a year ahead from cut-offs every three months back from the
 * forecast's start, over the last three years at most (twelve cut-offs: recent evidence, and a
 * bounded cost on long histories), as far as a cut-off has three months of data since the first
 * return behind it.
 */
export const WINDOW_SCORING = { horizonMonths: 12, stepMonths: 3, maxCutoffs: 12 } as const;

export interface WindowScore {
  candidate: WindowCandidate;
  /** Mean absolute percentage error of the monthly total over every month compared from every cut-off; null without a cut-off. */
  error: number | null;
  monthsCompared: number;
}

export interface WindowChoice {
  chosen: WindowCandidate;
  /** The chosen window's first day, as the forecast uses it. */
  referenceStart: Day;
  /** In the order of CANDIDATE_WINDOWS. */
  scores: WindowScore[];
  /** The cut-offs the windows were backtested from, latest first; empty when the data before the start holds none. */
  cutoffs: Day[];
  /** The last day of the data the backtests saw: the forecast's start, or the window's end if earlier. */
  knownUntil: Day;
}

/** The forecast; in default mode with no window start given, the window is chosen by evidence first. */
export function runForecast(episodes: readonly Episode[], children: readonly Child[], options: ForecastOptions = {}): ForecastResult {
  return forecastWithWindow(episodes, children, options);
}

/** The forecast, optionally from the data as it stood on a cut-off day (the backtest's fit), its window chosen where the user set none. */
export function forecastWithWindow(
  episodes: readonly Episode[],
  children: readonly Child[],
  options: ForecastOptions,
  cutoff?: Day,
  columns?: EpisodeColumns,
): ForecastResult {
  if ((options.mode ?? "default") !== "default" || options.referenceStart !== undefined) return forecastFrom(episodes, children, options, cutoff, columns);
  const data = cleanForForecast(episodes, children, options, cutoff, columns);
  const choice = chooseWindow(data, children, options);
  return { ...fitCleaned(data, { ...options, referenceStart: choice.referenceStart }), windowChoice: choice };
}

/**
 * Scores every candidate window by the backtests of the default mode with that window from each
 * cut-off, against the data known at the forecast's start, and picks the lowest error; a tie
 * goes to the shorter window. Without a cut-off to score on, the window since the first return.
 *
 * Every fit runs on the one cleaning of the data known at the start: a fit whose window ends on
 * a cut-off reads no day after it (the stock, transitions and entries of later days play no
 * part), so it matches a fit on the data cleaned as it stood on the cut-off.
 */
export function chooseWindow(data: CleanedData, children: readonly Child[], options: ForecastOptions): WindowChoice {
  const { spells } = data.cleaned;
  const referenceEnd = options.referenceEnd ?? spells.lastDate;
  const knownUntil = Math.min(referenceEnd, options.start ?? referenceEnd);
  // Data known until its last day is the data as the fit cleaned it: the actuals are cleaned with
  // the fit's cut-off, so they hold the fit's truth (on episodes not through the ledger, a cut on
  // the last day could reopen an episode that a duplicate start then dropped), and the cleaning
  // shares the fit's first part (cleaning.ts).
  const cutoff = knownUntil < spells.lastDate ? knownUntil : data.cutoff;
  const known = cutoff === data.cutoff ? data : cleanForForecast(data.episodes, children, options, cutoff, data.columns);
  const actuals = actualsOf(data.episodes, children, options.dataStart, cutoff, data.columns);
  const firstReturn = known.cleaned.spells.firstReturnStart ?? known.cleaned.spells.dataStart;
  const windowStart = (candidate: WindowCandidate, end: Day) => (candidate.months === null ? firstReturn : addMonths(end, -candidate.months) + 1);
  const fromFirstReturn = options.fromFirstReturn ?? MODE_DEFAULTS.default.fromFirstReturn;

  const tallies = CANDIDATE_WINDOWS.map(() => new ErrorTally());
  const scored: Day[] = [];
  for (const at of scoringCutoffs(knownUntil, firstReturn)) {
    // Windows that start on the same measured day fit the same model: each is fitted once.
    const byMeasuredStart = new Map<Day, number[]>();
    const errors: number[][] = [];
    try {
      for (const candidate of CANDIDATE_WINDOWS) {
        const start = windowStart(candidate, at);
        const key = measuredStart(start, fromFirstReturn, known.cleaned.spells);
        let found = byMeasuredStart.get(key);
        if (found === undefined) {
          found = totalErrors(expectedOnReportedDays(known, scoringOptions(options, start, at)), at, actuals);
          byMeasuredStart.set(key, found);
        }
        errors.push(found);
      }
    } catch (error) {
      // A cut-off where some window cannot be fitted is left out, so that every window is scored on the same cut-offs.
      if (error instanceof ForecastError) continue;
      throw error;
    }
    errors.forEach((e, i) => tallies[i].add(e));
    scored.push(at);
  }
  const scores: WindowScore[] = CANDIDATE_WINDOWS.map((candidate, i) => ({ candidate, error: tallies[i].mean(), monthsCompared: tallies[i].count }));
  let best = CANDIDATE_WINDOWS.length - 1;
  if (scored.length > 0) {
    best = 0;
    scores.forEach((score, i) => {
      if ((score.error ?? Infinity) < (scores[best].error ?? Infinity)) best = i;
    });
  }
  const chosen = CANDIDATE_WINDOWS[best];
  return { chosen, referenceStart: windowStart(chosen, referenceEnd), scores, cutoffs: scored, knownUntil };
}

/** Every three months back from the last known day, while a cut-off has three months of data since the first return. */
function scoringCutoffs(knownUntil: Day, firstReturn: Day): Day[] {
  const earliest = addMonths(firstReturn, WINDOW_SCORING.stepMonths) - 1;
  const cutoffs: Day[] = [];
  for (let k = 1; k <= WINDOW_SCORING.maxCutoffs; k++) {
    const at = addMonths(knownUntil, -WINDOW_SCORING.stepMonths * k);
    if (at < earliest) return cutoffs;
    cutoffs.push(at);
  }
  return cutoffs;
}

/** The user's model switches, without what does not change the expected populations the scores read (costs, scenario adjustments, a target, the band). */
function scoringOptions(options: ForecastOptions, referenceStart: Day, cutoff: Day): ForecastOptions {
  return {
    mode: "default",
    referenceStart,
    referenceEnd: cutoff,
    start: cutoff,
    months: WINDOW_SCORING.horizonMonths,
    pooledRates: options.pooledRates,
    leaveCareAt18: options.leaveCareAt18,
    exitsByRoute: options.exitsByRoute,
    dataStart: options.dataStart,
    fromFirstReturn: options.fromFirstReturn,
  };
}

/** Absolute percentage errors pooled over months: the mean error of the monthly total. */
export class ErrorTally {
  private sum = 0;
  count = 0;

  add(errors: readonly number[]): void {
    for (const error of errors) this.sum += error;
    this.count += errors.length;
  }

  mean(): number | null {
    return this.count === 0 ? null : this.sum / this.count;
  }
}
