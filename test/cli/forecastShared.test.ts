import * as fs from "fs";
import * as path from "path";
import { lac } from "./helpers";

/** Public synthetic SSDA903 data kept beside the repository; the project must work without it. */
const SHARED = path.resolve(__dirname, "..", "..", "..", "shared", "data");
const present = fs.existsSync(path.join(SHARED, "ssda903-sf-sample")) && fs.existsSync(path.join(SHARED, "ssda903-d2i-fake"));
if (!present) console.log(`test/cli/forecastShared.test.ts: skipped, ${SHARED} is absent`);
const describeShared = present ? describe : describe.skip;
const dataset = (name: string, file: string) => path.join(SHARED, name, file);

describeShared("lac forecast and lac backtest on the public samples", () => {
  it("prints the Social Finance sample's reference-mode totals on 31 March 2022, 2023 and 2024", async () => {
    const run = await lac(
      "forecast", "--episodes", dataset("ssda903-sf-sample", "episodes.csv"), "--children", dataset("ssda903-sf-sample", "header.csv"),
      "--uasc", dataset("ssda903-sf-sample", "uasc.csv"),
      "--mode", "reference", "--reference-start", "2016-04-01", "--reference-end", "2022-03-31", "--start", "2022-03-31", "--months", "24",
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/31\/03\/2022\s+start\s+86\.0\s/);
    expect(run.stdout).toMatch(/31\/03\/2023\s+\+12 months\s+132\.\d\s/);
    expect(run.stdout).toMatch(/31\/03\/2024\s+\+24 months\s+167\.9\s/);
    expect(run.stdout).toMatch(/UASC children/);
    // The episodes' YEAR column starts at 2017: the data starts on 1 April 2016, as in the open model.
    expect(run.stdout).toMatch(/data from 01\/04\/2016/);
    // The open model's own costs (test/fixtures/open-model-reference.json holds them month by month).
    expect(run.stdout).toMatch(/2022-23\s+£2,538,131\n2023-24\s+£3,293,875/);
  });

  it("backtests the data-to-insight sample in both modes", async () => {
    const run = await lac(
      "backtest", "--episodes", dataset("ssda903-d2i-fake", "episodes.csv"), "--children", dataset("ssda903-d2i-fake", "header.csv"),
      "--cutoff", "2017-09-30", "--months", "6",
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Total in care\s+\d+\.\d%\s+\d+\.\d%/);
  });
});
