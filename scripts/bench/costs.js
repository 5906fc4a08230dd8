/**
 * Costs bench: the three cost summaries (summariseCosts) over a million episodes, and LAC.COST
 * evaluated 10,000 times. See scripts/bench.js for the module contract.
 */

"use strict";

const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist", "node");
const engine = (name) => require(path.join(DIST, "engine", `${name}.js`));

const { sampleChildren, sampleUnitCosts } = engine("sample");
const { summariseCosts } = engine("summaries");
const { UnitCostTable, readUnitCosts } = engine("unitCosts");
const { costInPeriod } = engine("costs");
const { dayFromYmd, excelSerialOfDay, addYears } = engine("dates");

const EPISODES = 1_000_000;
const CALLS = 10_000;
const SEED = 20240331;
const DATA_END = dayFromYmd(2024, 3, 31);
const FINANCIAL_YEAR = { start: dayFromYmd(2023, 4, 1), end: DATA_END };
const WHOLE_WINDOW = { start: addYears(DATA_END, -5) + 1, end: DATA_END };

/** Exactly EPISODES episodes, as Episode records straight from the sample generator (no CSV, no table). */
function generateEpisodes() {
  const episodes = [];
  const children = [];
  for (const sample of sampleChildren({ children: EPISODES, seed: SEED, end: DATA_END })) {
    children.push(sample.child);
    for (const episode of sample.episodes) {
      if (episodes.length === EPISODES) break;
      episodes.push(episode);
    }
    if (episodes.length === EPISODES) break;
  }
  return { episodes, children };
}

/**
 * The custom functions under Node: tsconfig.node.json leaves src/functions to webpack, so the
 * bench transpiles those files (TypeScript's transpileModule, no type check) beside the
 * compiled engine in dist/node/functions, where their `../engine/...` imports resolve.
 * The CustomFunctions global they use only to build error values is not needed for valid input.
 */
function loadCustomFunctions() {
  const source = path.join(ROOT, "src", "functions");
  if (!fs.existsSync(path.join(source, "functions.ts"))) return { functions: null, why: "src/functions/functions.ts does not exist" };
  try {
    const ts = require("typescript");
    const out = path.join(DIST, "functions");
    fs.mkdirSync(out, { recursive: true });
    for (const name of fs.readdirSync(source)) {
      if (!name.endsWith(".ts") || name.endsWith(".d.ts")) continue;
      const { outputText } = ts.transpileModule(fs.readFileSync(path.join(source, name), "utf8"), {
        fileName: name,
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
      });
      fs.writeFileSync(path.join(out, name.replace(/\.ts$/, ".js")), outputText);
    }
    const functions = require(path.join(out, "functions.js"));
    if (typeof functions.cost !== "function") return { functions: null, why: "functions.ts exports no `cost` function" };
    return { functions, why: null };
  } catch (error) {
    return { functions: null, why: `it could not be loaded under Node (${error.message.split("\n")[0]})` };
  }
}

function formatCount(n) {
  return n.toLocaleString("en-GB");
}

module.exports = {
  title: "Costs: summaries over 1,000,000 episodes, and LAC.COST",

  async run(bench) {
    const { episodes, children } = generateEpisodes();
    const unitCosts = new UnitCostTable(readUnitCosts(sampleUnitCosts()).records);
    bench.note(
      `Data (not timed): ${formatCount(episodes.length)} Episode records of ${formatCount(children.length)} children made directly by the ` +
        `sample generator (src/engine/sample.ts, seed ${SEED}; the same records lac sample writes as CSV, without the CSV), ` +
        `5 years to 2024-03-31, with the sample's unit costs for episodes without WEEKLY_COST.`,
    );

    for (const [name, period] of [
      ["financial year 2023-24", FINANCIAL_YEAR],
      ["whole 5-year window", WHOLE_WINDOW],
    ]) {
      bench.gc();
      const summaries = await bench.time(
        `summariseCosts, ${name}`,
        () => summariseCosts({ episodes, children, period, unitCosts }),
        { target: { ms: 1500, mb: 1024 }, runs: 3, per: { count: episodes.length, unit: "episode" } },
      );
      const costed = summaries.byGroup.reduce((sum, row) => sum + row.episodes, 0);
      bench.note(
        `${name}: ${formatCount(costed)} episodes costed, ${formatCount(summaries.uncosted.episodes)} uncosted, ` +
          `grand total £${formatCount(Math.round(summaries.total.total))}; ${summaries.byGroup.length} groups, ` +
          `${summaries.byAgeAndNeeds.length} age × needs rows.`,
      );
    }

    // The 10,000 calls use the first 10,000 episodes, dates passed as Excel passes them (serial numbers, "" for blank).
    const calls = episodes.slice(0, CALLS).map((e) => ({
      weekly: e.weeklyCost ?? 500,
      start: e.start,
      end: e.end,
      startSerial: excelSerialOfDay(e.start),
      endSerial: e.end === null ? "" : excelSerialOfDay(e.end),
    }));
    const periodStart = [[excelSerialOfDay(FINANCIAL_YEAR.start)]];
    const periodEnd = [[excelSerialOfDay(FINANCIAL_YEAR.end)]];
    const expected = calls.map((c) => costInPeriod(c.weekly, c.start, c.end, FINANCIAL_YEAR));

    const { functions, why } = loadCustomFunctions();
    if (functions) {
      bench.gc();
      const results = await bench.time(
        `LAC.COST, ${formatCount(CALLS)} single-cell calls`,
        () => calls.map((c) => functions.cost([[c.weekly]], [[c.startSerial]], [[c.endSerial]], periodStart, periodEnd)[0][0]),
        { runs: 5, per: { count: CALLS, unit: "call" } },
      );
      const column = (key) => calls.map((c) => [c[key]]);
      const spilled = await bench.time(
        `LAC.COST, one call over ${formatCount(CALLS)}-row columns`,
        () => functions.cost(column("weekly"), column("startSerial"), column("endSerial"), periodStart, periodEnd),
        { runs: 5, per: { count: CALLS, unit: "row" } },
      );
      const wrong = results.filter((value, i) => typeof value !== "number" || Math.abs(value - expected[i]) > 1e-9).length;
      const wrongSpilled = spilled.filter((row, i) => typeof row[0] !== "number" || Math.abs(row[0] - expected[i]) > 1e-9).length;
      bench.note(
        "LAC.COST timed as the real custom function (src/functions/functions.ts `cost`, transpiled into dist/node/functions), " +
          `arguments as Excel passes them ([[value]] per argument); no target is set for it. Results differing from the engine's costInPeriod: ` +
          `${wrong} of the single-cell calls, ${wrongSpilled} of the spilled rows.`,
      );
    } else {
      bench.note(`LAC.COST itself was not timed: ${why}.`);
    }
    bench.gc();
    await bench.time(
      `costInPeriod (the engine behind LAC.COST), ${formatCount(CALLS)} calls`,
      () => calls.map((c) => costInPeriod(c.weekly, c.start, c.end, FINANCIAL_YEAR)),
      { runs: 5, per: { count: CALLS, unit: "call" } },
    );
  },
};
