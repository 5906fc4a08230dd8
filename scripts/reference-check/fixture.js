#!/usr/bin/env node
/**
 * Writes the expected-figures fixture of test/engine/forecast/sharedData.test.ts from open-model
 * runs (run_open_model.py output):
 *
 *   node scripts/reference-check/fixture.js OUT.json PRODUCED_BY NAME:FORECAST.csv:COSTS.csv:DATE,DATE… …
 *
 * Keeps, for each dataset, every state's population on the dates named and every month × item cost.
 */

const fs = require("fs");

function readCsv(file) {
  const [header, ...lines] = fs.readFileSync(file, "utf8").trim().split(/\r?\n/);
  const columns = header.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((value, i) => [columns[i], value])));
}

const [out, producedBy, ...runs] = process.argv.slice(2);
const datasets = {};
for (const run of runs) {
  const [name, forecastFile, costsFile, dates] = run.split(":");
  const wanted = dates.split(",");
  const populations = {};
  for (const row of readCsv(forecastFile)) {
    if (wanted.includes(row.date)) (populations[row.date] ??= {})[row.state] = Number(row.population);
  }
  const missing = wanted.filter((date) => !populations[date]);
  if (missing.length > 0) throw new Error(`${forecastFile} has no rows for ${missing.join(", ")}`);
  const costs = readCsv(costsFile).map((row) => ({ month: row.month, item: row.item, cost: Number(row.cost) }));
  datasets[name] = { populations, costs };
}
fs.writeFileSync(out, JSON.stringify({ producedBy, datasets }, null, 1) + "\n");
console.log(`wrote ${out}`);
