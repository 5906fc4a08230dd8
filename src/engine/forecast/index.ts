/** The forecast (docs/method/forecast.md): the public API the functions, reports and command line use. */

export { monthsCounted, reportedDays } from "./forecast";
export { runForecast, CANDIDATE_WINDOWS, WINDOW_SCORING } from "./window";
export type { WindowCandidate, WindowChoice, WindowScore } from "./window";
export type {
  CleaningReport,
  EntryRate,
  ExitRate,
  ForecastMode,
  ForecastMonth,
  ForecastOptions,
  ForecastPoint,
  ForecastResult,
  Rate,
  ReferenceCostItem,
  ReferenceCosts,
  ResolvedOptions,
} from "./forecast";
export { COST_ITEMS, readItemCosts } from "./referenceCosts";
export type { CostItem } from "./referenceCosts";
export { dataStartFromYears } from "./dataStart";
export { runBacktest, rollingBacktest, meanAbsolutePercentageError } from "./backtest";
export type { BacktestOptions, BacktestResult, BacktestRow, RollingBacktest, RollingBacktestRow, RollingBacktestSummary } from "./backtest";
export { ForecastError } from "./errors";
export { FAN_PERCENTILES, BAND_DRAWS } from "./band";
export type { Drift, FanPercentile } from "./band";
export { COVERAGE_HORIZON_MONTHS, backtestedCoverage, coverageCutoffs } from "./coverage";
export type { BandCoverage } from "./coverage";
export { simpleStockAndFlow, targetDate } from "./stockAndFlow";
export { AGE_BANDS, NOT_IN_CARE, STATES, stateIndexOf } from "./states";
export type { AgeBand, ForecastState } from "./states";
export type { CleaningRule } from "./cleaning";
export type { RateAdjustment, RateMethod } from "./rates";
export type { VarianceMethod } from "./projection";
export type { MonthlyCost, YearCost } from "./costs";
