import * as fs from "fs";
import * as path from "path";
import { readChildren, readEpisodes } from "../../../src/engine/episodes";
import { backtestedCoverage, dataStartFromYears, runForecast } from "../../../src/engine/forecast";
import { parseCsv } from "../../../src/workbook/csv";

/** Public synthetic SSDA903 data kept beside the repository; the project must work without it. */
const SHARED = path.resolve(__dirname, "..", "..", "..", "..", "shared", "data");
const present = fs.existsSync(path.join(SHARED, "ssda903-sf-sample")) && fs.existsSync(path.join(SHARED, "ssda903-d2i-fake"));
if (!present) console.log(`test/engine/forecast/bandCoverage.test.ts: skipped, ${SHARED} is absent`);
const describeShared = present ? describe : describe.skip;

function load(name: string) {
  const read = (file: string) => parseCsv(fs.readFileSync(path.join(SHARED, name, file), "utf8"));
  const episodeTable = read("episodes.csv");
  const yearColumn = episodeTable.headers.indexOf("YEAR");
  const dataStart = yearColumn < 0 ? undefined : (dataStartFromYears(episodeTable.rows.map((row) => Number(row[yearColumn]))) ?? undefined);
  return { episodes: readEpisodes(episodeTable).records, children: readChildren(read("header.csv")).records, dataStart };
}

describeShared("the default forecast's 95% band on the public samples, backtested from every cut-off the data allows", () => {
  it.each(["ssda903-sf-sample", "ssda903-d2i-fake"])("%s: holds the actual monthly total in at least 80% of the months", (name) => {
    const { episodes, children, dataStart } = load(name);
    const forecast = runForecast(episodes, children, { dataStart });
    const coverage = backtestedCoverage(episodes, children, forecast, { dataStart });
    if (coverage === null) throw new Error(`${name}: no cut-off could be backtested`);
    console.log(
      `${name}: the 95% band held ${(coverage.coverage * 100).toFixed(1)}% and the 25th–75th percentile ` +
        `${(coverage.innerCoverage * 100).toFixed(1)}% of ${coverage.months} months over ${coverage.cutoffs.length} cut-offs`,
    );
    expect(coverage.level).toBe(0.95);
    expect(coverage.cutoffs.length).toBeGreaterThan(1);
    expect(coverage.coverage).toBeGreaterThanOrEqual(0.8);
  });
});
