/** The forecast (DESIGN.md §4): the public API the functions, reports and command line use. */

export { runForecast, reportedDays } from "./forecast";
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
export { runBacktest, meanAbsolutePercentageError } from "./backtest";
export type { BacktestOptions, BacktestResult, BacktestRow } from "./backtest";
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
