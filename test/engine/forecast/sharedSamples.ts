import * as fs from "fs";
import * as path from "path";
import { readChildren, readEpisodes } from "../../../src/engine/episodes";
import { parseCsv } from "../../../src/workbook/csv";

/** Public synthetic SSDA903 data kept beside the repository; the project must work without it. */
export const SHARED = path.resolve(__dirname, "..", "..", "..", "..", "shared", "data");
export const SAMPLES = ["ssda903-sf-sample", "ssda903-d2i-fake"] as const;

/** `describe` when both samples are present; else `describe.skip`, saying so for the test file named. */
export function describeWithSamples(testFile: string): jest.Describe {
  const present = SAMPLES.every((name) => fs.existsSync(path.join(SHARED, name)));
  if (!present) console.log(`${testFile}: skipped, ${SHARED} is absent`);
  return present ? describe : describe.skip;
}

/** A sample's episodes and children read as the engine's readers read them, with its YEAR column's years (none where it has no YEAR). */
export function loadSample(name: string) {
  const read = (file: string) => parseCsv(fs.readFileSync(path.join(SHARED, name, file), "utf8"));
  const episodeTable = read("episodes.csv");
  const yearColumn = episodeTable.headers.indexOf("YEAR");
  const years = yearColumn < 0 ? [] : episodeTable.rows.map((row) => Number(row[yearColumn]));
  return { episodes: readEpisodes(episodeTable).records, children: readChildren(read("header.csv")).records, years };
}
