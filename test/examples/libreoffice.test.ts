import * as fs from "fs";
import * as path from "path";
import { spawnSync } from "child_process";
import { lac, removeFolder, temporaryFolder } from "../cli/helpers";

const EXAMPLE = path.resolve(__dirname, "../../examples/budget-monitoring.xlsx");

function installed(command: string): boolean {
  return spawnSync(command, ["--version"], { stdio: "ignore" }).error === undefined;
}

const hasLibreOffice = installed("libreoffice");
// CI installs LibreOffice (libreoffice-calc-nogui) and poppler-utils: there, a missing one is a failure, not a skip.
const describeWithLibreOffice = hasLibreOffice || process.env.CI ? describe : describe.skip;
if (!hasLibreOffice && !process.env.CI) {
  console.log("Skipping the LibreOffice conversion test: libreoffice is not installed (apt-get install libreoffice-calc-nogui poppler-utils)");
}

describeWithLibreOffice("the refreshed example in LibreOffice", () => {
  let folder: string;
  beforeAll(() => {
    folder = temporaryFolder();
  });
  afterAll(() => removeFolder(folder));

  it("converts to PDF without error, with the reports' figures and the formulas' values, and no error values", async () => {
    const copy = path.join(folder, "budget-monitoring.xlsx");
    const refreshed = path.join(folder, "refreshed.xlsx");
    fs.copyFileSync(EXAMPLE, copy);
    const run = await lac("refresh", copy, "--out", refreshed);
    expect(run.code).toBe(0);
    const totalCost = /LAC Costs total, [^:]+: (£[\d,]+)/.exec(run.stdout)?.[1];
    expect(totalCost).toBeDefined();

    const convert = spawnSync(
      "libreoffice",
      [`-env:UserInstallation=file://${path.join(folder, "profile")}`, "--headless", "--convert-to", "pdf", "--outdir", folder, refreshed],
      { encoding: "utf8", timeout: 120_000 },
    );
    expect(convert.error).toBeUndefined();
    expect(convert.status).toBe(0);
    const pdf = path.join(folder, "refreshed.pdf");
    expect(fs.existsSync(pdf)).toBe(true);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const text = spawnSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    expect(text.error).toBeUndefined();
    for (const heading of ["Looked-after children: placement costs", "Looked-after children: forecast", "Budget variance", "Children's services budget monitoring"]) {
      expect(text.stdout).toContain(heading);
    }
    expect(text.stdout).toContain(totalCost);
    // The LAC functions do not exist in LibreOffice: their cells must show the values stored with them, never an error.
    expect(text.stdout).not.toMatch(/#NAME\?|Err:\d|#VALUE!|#REF!/);
  });
});
