const t0 = performance.now();
const D = "../dist/node/";
const ms = () => (performance.now() - t0).toFixed(1);
const out = [];
require("commander"); out.push("commander " + ms());
require(D + "cli/forecastCommand"); out.push("forecastCommand loaded " + ms());
const { readInputFiles, inputFilesOf } = require(D + "cli/inputFiles");
const { readCsvFile } = require(D + "cli/files");
const { runForecast } = require(D + "engine/forecast");
const S = "/work/shared/data/ssda903-sf-sample/";
(async () => {
  await readCsvFile(S + "episodes.csv"); out.push("csv " + ms());
  const inputs = await readInputFiles(inputFilesOf({ episodes: S + "episodes.csv", children: S + "header.csv" })); out.push("pipeline " + ms());
  const r = runForecast(inputs.ledger.episodes, inputs.ledger.children, { mode: "default", dataStart: inputs.dataStart ?? undefined }); out.push("forecast " + ms());
  const r2 = runForecast(inputs.ledger.episodes, inputs.ledger.children, { mode: "default", dataStart: inputs.dataStart ?? undefined }); out.push("forecast2 " + ms());
  console.log(out.join(" | "), "boot", (t0).toFixed(1));
})();
