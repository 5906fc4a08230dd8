/**
 * Everything a refresh computes, from the pipeline's inputs, before a single sheet is written:
 * the costs of the period, the forecast, the placements figures (figures.ts), the scenarios and
 * the budget variance. The refresh, the pane and the command line print from these results.
 */

import { CostSummaries, summariseCosts } from "./summaries";
import { Period, financialYearPeriod } from "./costs";
import type { Day } from "./dates";
import {
  BudgetWithEngine,
  PlacementFigures,
  ScenarioTotals,
  budgetWithEngine,
  forecastOutturnUnavailable,
  placementFigures,
  scenarioTotals,
} from "./figures";
import { BandCoverage, ForecastOptions, ForecastResult, backtestedCoverage, runForecast } from "./forecast";
import { EngineInputs, costSourcesOf } from "./pipeline";
import { ScenarioContext, ScenarioEvaluation, evaluateScenarios } from "./scenarios";
import { DEFAULT_RAG_THRESHOLDS, RagThresholds, VarianceReport, budgetVariance } from "./variance";
import { messageOf } from "./messages";
import { Commitments, placementCommitments } from "./commitments";
import { ReviewTracker, reviewTracker } from "./placementReview";
import { SETTINGS } from "./settings";

export interface RunOptions {
  /** The costs period; the financial year of the data's last date unless given. */
  period?: Period;
  forecast?: ForecastOptions;
  rag?: RagThresholds;
  /** Weeks in a full year of a weekly cost or saving (the Weeks per year setting). */
  weeksPerYear?: number;
}

export interface EngineResults {
  /** The data's last date. */
  lastDate: Day | null;
  period: Period | null;
  costs: CostSummaries | null;
  forecast: ForecastResult | null;
  /** How often the forecast's band held what happened in backtests on the same data (docs/method/forecast-band.md). */
  forecastCoverage: BandCoverage | null;
  /** Why the forecast did not run; null when it did (or there were no episodes to run it on). */
  forecastError: string | null;
  placements: PlacementFigures | null;
  /** The forecast options used, unit costs and placement types included (scenarios rerun the forecast with them). */
  forecastOptions: ForecastOptions;
  /** Null without a Scenarios table. */
  scenarios: ScenarioEvaluation[] | null;
  scenarioTotals: ScenarioTotals | null;
  /** Null without a Budget table. */
  variance: (BudgetWithEngine & { report: VarianceReport }) | null;
  /** The placements open on the as-at day and what they commit to 31 March; null without episodes. */
  commitments: Commitments | null;
  /** Null without a Placement review table. */
  reviews: ReviewTracker | null;
}


/** The forecast options of a run: those given, with the data's start, the cost sources and the ledger's reading rules. */
function runForecastOptions(inputs: EngineInputs, options: RunOptions): ForecastOptions {
  return {
    ...options.forecast,
    dataStart: options.forecast?.dataStart ?? inputs.dataStart ?? undefined,
    ...costSourcesOf(inputs),
    readingRules: inputs.ledger.rules,
  };
}

/**
 * What a run values scenarios against (LAC Scenarios): the ledger, the run's forecast options and
 * the weeks per year. The pane values a preset, and each row of the Scenarios table, against the
 * same, so its figures are LAC Scenarios' (docs/task-pane-scenarios.md).
 */
export function scenarioContextOf(inputs: EngineInputs, options: RunOptions = {}, forecast: ForecastResult | null = null): ScenarioContext {
  const forecastOptions = runForecastOptions(inputs, options);
  // The scenarios run on the window the forecast chose, rather than choosing it again each.
  const chosen = forecast?.windowChoice ? { ...forecastOptions, referenceStart: forecast.windowChoice.referenceStart } : forecastOptions;
  return { episodes: inputs.ledger.episodes, children: inputs.ledger.children, forecast: chosen, weeksPerYear: options.weeksPerYear };
}

export function runEngine(inputs: EngineInputs, options: RunOptions = {}): EngineResults {
  const { ledger } = inputs;
  const sources = costSourcesOf(inputs);
  const lastDate = inputs.lastDate;
  const period = options.period ?? (lastDate === null ? null : financialYearPeriod(lastDate));
  const costs = inputs.hasEpisodes && period !== null ? summariseCosts({ episodes: ledger.episodes, children: ledger.children, period, ...sources }) : null;

  const forecastOptions = runForecastOptions(inputs, options);
  let forecast: ForecastResult | null = null;
  let forecastError: string | null = null;
  let forecastCoverage: BandCoverage | null = null;
  if (inputs.hasEpisodes) {
    try {
      forecast = runForecast(ledger.episodes, ledger.children, forecastOptions);
      forecastCoverage = backtestedCoverage(ledger.episodes, ledger.children, forecast, forecastOptions);
    } catch (error) {
      forecastError = messageOf(error);
    }
  }
  const asAt = forecast?.start ?? lastDate;
  const modelled = new Set(ledger.children.map((c) => c.child));
  const placements = asAt === null ? null : placementFigures(ledger.episodes, sources, asAt, forecast, modelled);

  const scenarios = inputs.scenarios === null ? null : evaluateScenarios(inputs.scenarios, scenarioContextOf(inputs, options, forecast));

  let variance: EngineResults["variance"] = null;
  if (inputs.budget !== null) {
    const withEngine = budgetWithEngine(inputs.budget, inputs.engineForecastLines, placements, forecastOutturnUnavailable(forecast, forecastError));
    variance = { ...withEngine, report: budgetVariance(withEngine.lines, options.rag ?? DEFAULT_RAG_THRESHOLDS) };
  }
  const commitments = placements === null ? null : placementCommitments(ledger.episodes, sources, placements.asAt);
  const currentWeekly = new Map(commitments?.placements.map((p) => [p.child, p.weeklyCost]) ?? []);
  const reviews =
    inputs.reviews === null || placements === null
      ? null
      : reviewTracker(inputs.reviews, {
          asAt: placements.asAt,
          currentWeeklyOf: (child) => currentWeekly.get(child) ?? null,
          weeksPerYear: options.weeksPerYear ?? SETTINGS.weeksPerYear.default,
        });
  return {
    lastDate,
    period,
    costs,
    forecast,
    forecastCoverage,
    forecastError,
    placements,
    forecastOptions,
    scenarios,
    scenarioTotals: scenarios === null ? null : scenarioTotals(scenarios),
    variance,
    commitments,
    reviews,
  };
}
