#!/usr/bin/env node
/**
 * Compares reference mode with the open model's own run (run_open_model.py):
 *
 *   node scripts/reference-check/compare.js MODEL_FORECAST OURS_FORECAST [MODEL_COSTS OURS_COSTS]
 *
 * Forecasts: every state at every date both files hold (the model writes every projected day,
 * `lac forecast --out` the start, the 1st of each month and the last day); a state the model
 * never names is 0 there. Prints the largest difference in children and as a share of that
 * date's total in care, and fails (exit 1) above 0.01% of the total.
 * Costs (month,item,cost): each month's total and each month × item; fails above 0.5% of the
 * month's total.
 */

const fs = require("fs");

function readCsv(file) {
  const [header, ...lines] = fs.readFileSync(file, "utf8").trim().split(/\r?\n/);
  const columns = header.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((value, i) => [columns[i], value])));
}

function byKey(rows, key, value) {
  const map = new Map();
  for (const row of rows) map.set(key(row), (map.get(key(row)) ?? 0) + Number(row[value]));
  return map;
}

const inCare = (state) => !state.endsWith("Not in care");

function compareForecasts(modelFile, oursFile) {
  const model = byKey(readCsv(modelFile), (r) => `${r.date}|${r.state}`, "population");
  const ours = readCsv(oursFile);
  const dates = [...new Set(ours.map((r) => r.date))].filter((date) => [...model.keys()].some((k) => k.startsWith(`${date}|`)));
  const totals = new Map();
  for (const row of ours) if (inCare(row.state)) totals.set(row.date, (totals.get(row.date) ?? 0) + Number(row.population));
  let worst = { children: 0, share: 0, at: "" };
  for (const row of ours) {
    if (!dates.includes(row.date)) continue;
    const difference = Math.abs(Number(row.population) - (model.get(`${row.date}|${row.state}`) ?? 0));
    const share = difference / totals.get(row.date);
    if (share > worst.share || difference > worst.children) {
      worst = { children: Math.max(worst.children, difference), share: Math.max(worst.share, share), at: `${row.date} ${row.state}` };
    }
  }
  console.log(
    `forecast: ${dates.length} dates × ${new Set(ours.map((r) => r.state)).size} states compared; ` +
      `largest difference ${worst.children.toExponential(2)} children, ${(worst.share * 100).toExponential(2)}% of the total (${worst.at})`,
  );
  return worst.share <= 1e-4;
}

function compareCosts(modelFile, oursFile) {
  const model = byKey(readCsv(modelFile), (r) => `${r.month}|${r.item}`, "cost");
  const ours = byKey(readCsv(oursFile), (r) => `${r.month}|${r.item}`, "cost");
  const monthTotal = (map, month) => [...map].filter(([k]) => k.startsWith(`${month}|`)).reduce((sum, [, v]) => sum + v, 0);
  const months = [...new Set([...ours.keys()].map((k) => k.split("|")[0]))];
  let worstTotal = 0;
  let worstItem = 0;
  for (const month of months) {
    const total = monthTotal(model, month);
    worstTotal = Math.max(worstTotal, Math.abs(monthTotal(ours, month) - total) / total);
    for (const [key, cost] of ours) {
      if (key.startsWith(`${month}|`)) worstItem = Math.max(worstItem, Math.abs(cost - (model.get(key) ?? 0)) / total);
    }
  }
  console.log(
    `costs: ${months.length} months; largest difference of a month's total ${(worstTotal * 100).toExponential(2)}%, ` +
      `of one item in a month ${(worstItem * 100).toExponential(2)}% of that month's total`,
  );
  return worstTotal <= 0.005 && worstItem <= 0.005;
}

const [modelForecast, oursForecast, modelCosts, oursCosts] = process.argv.slice(2);
if (!modelForecast || !oursForecast) {
  console.error("usage: compare.js MODEL_FORECAST OURS_FORECAST [MODEL_COSTS OURS_COSTS]");
  process.exit(2);
}
let ok = compareForecasts(modelForecast, oursForecast);
if (modelCosts && oursCosts) ok = compareCosts(modelCosts, oursCosts) && ok;
process.exit(ok ? 0 : 1);
