/**
 * Coverage bench (`node scripts/bench.js coverage`): how often the forecast's band holds what
 * happened, on generated data whose true rates are known and do not change (`lac sample`: the
 * same generator, children entering at a steady rate, placements and stays drawn from fixed
 * distributions). For each seed, a sample is generated and backtested from a cut-off a year before
 * its end (the engine's backtest, src/engine/forecast/backtest.ts: fit on the data as it stood,
 * project 12 months, compare each month's total with the data); the table gives the share of
 * months whose actual total lay inside the 95% band and inside the 25th–75th percentile.
 * Nothing is asserted: the figures are read against their nominal levels (docs/method/forecast-band.md).
 * See scripts/bench.js for the module contract.
 */

"use strict";

const path = require("path");

const ROOT = path.join(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist", "node");
const load = (name) => require(path.join(DIST, `${name}.js`));

const { generateSample } = load("engine/sample");
const { readEpisodes, readChildren } = load("engine/episodes");
const { runBacktest, insideBand, insideMiddleHalf } = load("engine/forecast/backtest");
const { addMonths, dayFromYmd } = load("engine/dates");

const SEEDS = Number(process.env.COVERAGE_SEEDS ?? 50);
const CHILDREN = 800;
const DATA_END = dayFromYmd(2024, 3, 31);
const CUTOFF = addMonths(DATA_END, -12);

function coverageOver(mode) {
  let months = 0;
  let inside = 0;
  let middle = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const sample = generateSample({ children: CHILDREN, seed, end: DATA_END });
    const episodes = readEpisodes(sample.episodes).records;
    const children = readChildren(sample.children).records;
    const result = runBacktest(episodes, children, { mode, cutoff: CUTOFF, months: 12 });
    months += result.rows.length;
    inside += result.rows.filter(insideBand).length;
    middle += result.rows.filter(insideMiddleHalf).length;
  }
  return { months, band: inside / months, middle: middle / months };
}

const percent = (share) => `${(share * 100).toFixed(1)}%`;

module.exports = {
  title: "Forecast band coverage on generated data",
  async run(bench) {
    for (const mode of ["default", "reference"]) {
      const result = await bench.time(`${mode} mode: ${SEEDS} seeds × 12 months`, () => coverageOver(mode));
      bench.note(
        `${mode} mode: the 95% band held the actual total in ${percent(result.band)} of ${result.months} months ` +
          `(nominal 95%); the 25th–75th percentile in ${percent(result.middle)} (nominal 50%).`,
      );
    }
    bench.note(
      `Data: generateSample({ children: ${CHILDREN}, seed: 1…${SEEDS}, end: 2024-03-31 }) (what \`lac sample\` writes); ` +
        "cut-off 2023-03-31, 12 months compared. COVERAGE_SEEDS=n changes the number of seeds.",
    );
  },
};
