/**
 * Forecast bench: the whole forecast as `lac forecast` runs it (read the CSV files, read the
 * rows, clean, count the stock, estimate rates and entries, project 24 months day by day, cost)
 * on the shared Social Finance sample and on a generated file of 1,000,000 episodes.
 * See scripts/bench.js for the module contract.
 */

"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.join(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist", "node");
const load = (name) => require(path.join(DIST, `${name}.js`));

const { readCsvFile } = load("cli/files");
const { readEpisodes, readChildren } = load("engine/episodes");
const { runForecast } = load("engine/forecast/index");
const { UnitCostTable, readUnitCosts } = load("engine/unitCosts");
const { sampleUnitCosts } = load("engine/sample");
const { dayFromYmd, formatIsoDate } = load("engine/dates");
const { writeGeneratedSample, SEED, DATA_END } = require("./generated-sample.cjs");

const SF_SAMPLE = path.resolve(ROOT, "..", "shared", "data", "ssda903-sf-sample");
const EPISODES = 1_000_000;

const unitCosts = new UnitCostTable(readUnitCosts(sampleUnitCosts()).records);

/** What `lac forecast` does between reading its arguments and printing. */
async function wholeForecast(episodesFile, childrenFile, options) {
  const episodeTable = await readCsvFile(episodesFile, { tableName: "Episodes" });
  const childTable = await readCsvFile(childrenFile, { tableName: "Children" });
  const episodes = readEpisodes(episodeTable).records;
  const children = readChildren(childTable).records;
  return runForecast(episodes, children, { unitCosts, ...options });
}

function summary(result) {
  const at = (months) => result.dailyTotals[Math.min(result.dailyTotals.length - 1, Math.round((months / 12) * 365.25))];
  return (
    `${result.cleaning.rowsIn.toLocaleString("en-GB")} episodes → ${result.cleaning.rowsOut.toLocaleString("en-GB")} spells; ` +
    `in care on ${formatIsoDate(result.start)}: ${at(0).toFixed(1)}, +12 months ${at(12).toFixed(1)}, +24 months ${at(24).toFixed(1)}; ` +
    `cost ${result.costPerYear.map((y) => `${y.label} £${Math.round(y.cost).toLocaleString("en-GB")}`).join(", ")}`
  );
}

module.exports = {
  title: "Forecast: the whole forecast (read CSV, clean, rates, 24-month projection, costs)",

  async run(bench) {
    if (fs.existsSync(path.join(SF_SAMPLE, "episodes.csv"))) {
      const files = [path.join(SF_SAMPLE, "episodes.csv"), path.join(SF_SAMPLE, "header.csv")];
      const window = { referenceStart: dayFromYmd(2016, 4, 1), referenceEnd: dayFromYmd(2022, 3, 31), start: dayFromYmd(2022, 3, 31), months: 24 };
      for (const mode of ["reference", "default"]) {
        bench.gc();
        const result = await bench.time(`SF sample, ${mode} mode`, () => wholeForecast(...files, { mode, ...window }), {
          target: { ms: 300 },
          runs: 5,
        });
        bench.note(`SF sample, ${mode} mode: ${summary(result)}.`);
      }
      bench.note("For comparison, the open Python model takes about 1.5 s on the SF sample (figure given in the issue, not measured here).");
    } else {
      bench.note(`SF sample not timed: ${SF_SAMPLE} is absent.`);
    }

    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "lac-bench-forecast-"));
    try {
      const generated = writeGeneratedSample(folder, EPISODES);
      const { childCount: children, bytes } = generated;
      bench.note(
        `Generated data (not timed): ${EPISODES.toLocaleString("en-GB")} episodes of ${children.toLocaleString("en-GB")} children ` +
          `(src/engine/sample.ts, seed ${SEED}, to ${formatIsoDate(DATA_END)}), episodes.csv ${(bytes / 1024 / 1024).toFixed(0)} MB, costed with the sample's unit costs.`,
      );
      const files = [generated.episodes, generated.children];
      for (const mode of ["default", "reference"]) {
        bench.gc();
        const result = await bench.time(`1,000,000 episodes, ${mode} mode`, () => wholeForecast(...files, { mode }), {
          target: { ms: 15_000, mb: 2048 },
          per: { count: EPISODES, unit: "episode" },
        });
        bench.note(`1,000,000 episodes, ${mode} mode: ${summary(result)}.`);
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  },
};
