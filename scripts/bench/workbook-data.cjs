/** Episode rows for the workbook benches; a .cjs file, so that scripts/bench.js (which runs every .js here) does not take it for a bench. */

"use strict";

const path = require("path");

const { dayFromYmd } = require(path.join(__dirname, "..", "..", "dist", "node", "engine", "dates.js"));

const HEADERS = ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"];
const PLACES = ["U1", "U4", "U5", "R1", "K2", "P2", "H5", "A4", "S1", "T4"];
const PROVIDERS = ["PR1", "PR4", "PR2", "PR0", "PR5"];

/** Deterministic rows shaped like an SSDA903 extract, dates as engine Days, a quarter of episodes open. */
function episodeRows(count) {
  const rows = [];
  const first = dayFromYmd(2014, 4, 1);
  for (let i = 0; i < count; i++) {
    const start = first + ((i * 7919) % 3650);
    const open = i % 4 === 0;
    rows.push([
      `C${String(100000 + Math.floor(i / 3)).padStart(7, "0")}`,
      start,
      ["S", "P", "L", "T", "B"][i % 5],
      ["C2", "V2", "E1", "J2"][i % 4],
      ["N1", "N2", "N4", "N8"][i % 4],
      PLACES[i % PLACES.length],
      PROVIDERS[i % PROVIDERS.length],
      open ? null : start + 20 + ((i * 31) % 900),
      open ? null : ["E11", "E13", "E4A", "E41", "X1"][i % 5],
      open ? null : ["CARPL", "CLOSE", "ALLEG"][i % 3],
      `AB${i % 90} ${i % 9}CD`,
      `EF${i % 70} ${i % 7}GH`,
      `SC${100000 + (i % 5000)}`,
    ]);
  }
  return rows;
}

function episodesSpec(rows) {
  return {
    name: "LAC Episodes",
    title: "Episodes (benchmark)",
    blocks: [
      {
        kind: "table",
        name: "LAC_Bench_Episodes",
        columns: HEADERS.map((header) => ({ header, kind: header === "DECOM" || header === "DEC" ? "date" : "text" })),
        rows,
      },
    ],
  };
}

module.exports = { HEADERS, episodeRows, episodesSpec };
