/**
 * Large inputs for the benches: exactly N episodes as the CSV files `lac sample` writes
 * (src/engine/sample.ts, one seed), written once and not timed. A .cjs file, so that
 * scripts/bench.js (which runs every .js here) does not take it for a bench.
 */

"use strict";

const fs = require("fs");
const path = require("path");

const DIST = path.join(__dirname, "..", "..", "dist", "node");
const { CsvFileWriter } = require(path.join(DIST, "cli", "files.js"));
const { sampleChildren, SampleRowWriter, SAMPLE_EPISODE_HEADERS, SAMPLE_CHILD_HEADERS } = require(path.join(DIST, "engine", "sample.js"));
const { dayFromYmd } = require(path.join(DIST, "engine", "dates.js"));

const SEED = 20240331;
const DATA_END = dayFromYmd(2024, 3, 31);

/** Writes episodes.csv and header.csv of exactly `episodeCount` episodes into `folder`. */
function writeGeneratedSample(folder, episodeCount) {
  const writer = new SampleRowWriter(SEED);
  const episodes = new CsvFileWriter(path.join(folder, "episodes.csv"), SAMPLE_EPISODE_HEADERS);
  const header = new CsvFileWriter(path.join(folder, "header.csv"), SAMPLE_CHILD_HEADERS);
  let written = 0;
  let children = 0;
  for (const sample of sampleChildren({ children: episodeCount, seed: SEED, end: DATA_END })) {
    const rows = writer.episodeRows(sample).slice(0, episodeCount - written);
    episodes.rows(rows);
    header.rows([writer.childRow(sample)]);
    written += rows.length;
    children += 1;
    if (written === episodeCount) break;
  }
  episodes.close();
  header.close();
  return {
    episodes: path.join(folder, "episodes.csv"),
    children: path.join(folder, "header.csv"),
    childCount: children,
    bytes: fs.statSync(path.join(folder, "episodes.csv")).size,
  };
}

module.exports = { writeGeneratedSample, SEED, DATA_END };
