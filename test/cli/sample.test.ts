import * as fs from "fs";
import * as path from "path";
import { lac, removeFolder, temporaryFolder } from "./helpers";
import { parseCsv } from "../../src/workbook/csv";
import { readChildren, readEpisodes } from "../../src/engine/episodes";
import { readUnitCosts } from "../../src/engine/unitCosts";
import { generateSample } from "../../src/engine/sample";
import { dayFromYmd } from "../../src/engine/dates";

let folder: string;
beforeEach(() => {
  folder = temporaryFolder();
});
afterEach(() => removeFolder(folder));

const read = (name: string, root = folder) => parseCsv(fs.readFileSync(path.join(root, name), "utf8"));

describe("lac sample", () => {
  it("writes episodes, header, UASC and unit-cost files that the readers take without a rejection", async () => {
    const run = await lac("sample", "--children", "250", "--seed", "12", "--out", folder);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(fs.readdirSync(folder).sort()).toEqual(["episodes.csv", "header.csv", "uasc.csv", "unit-costs.csv"]);
    const episodes = read("episodes.csv");
    const children = read("header.csv");
    const uasc = read("uasc.csv");
    const unitCosts = read("unit-costs.csv");
    for (const table of [episodes, children, uasc, unitCosts]) expect(table.report.issues).toEqual([]);
    expect(readEpisodes(episodes).issues).toEqual([]);
    expect(readChildren(children, uasc).records).toHaveLength(250);
    expect(readChildren(children, uasc).issues).toEqual([]);
    expect(readUnitCosts(unitCosts).issues).toEqual([]);
    expect(run.stdout).toContain(`${episodes.rows.length.toLocaleString("en-GB")} episodes`);
    expect(run.stdout).toContain("250 children");
    expect(run.stdout).toContain(`${uasc.rows.length} unaccompanied asylum-seeking children`);
  });

  it("writes the same rows as generateSample, byte for byte the same for the same seed", async () => {
    await lac("sample", "--children", "120", "--seed", "99", "--out", folder, "--end", "2022-03-31");
    const again = path.join(folder, "again");
    await lac("sample", "--children", "120", "--seed", "99", "--out", again, "--end", "31/03/2022");
    for (const name of ["episodes.csv", "header.csv", "uasc.csv", "unit-costs.csv"]) {
      expect(fs.readFileSync(path.join(again, name))).toEqual(fs.readFileSync(path.join(folder, name)));
    }
    const expected = generateSample({ children: 120, seed: 99, end: dayFromYmd(2022, 3, 31) });
    const asText = (rows: readonly (readonly unknown[])[]) => rows.map((row) => row.map((cell) => (cell === null ? null : String(cell))));
    expect(read("episodes.csv").rows).toEqual(asText(expected.episodes.rows));
    expect(read("header.csv").rows).toEqual(asText(expected.children.rows));
    expect(read("uasc.csv").rows).toEqual(asText(expected.uasc.rows));
  });

  it("refuses a number of children or a seed that is not a whole number, and a bad date, with exit code 2", async () => {
    for (const argv of [
      ["--children", "ten"],
      ["--children", "0"],
      ["--children", "2.5"],
      ["--seed", "1e3"],
      ["--end", "2024-02-30"],
      ["--start", "2025-01-01", "--end", "2024-03-31"],
    ]) {
      const run = await lac("sample", "--out", folder, ...argv);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^error: --(children|seed|end|start): .*\n$/);
    }
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it("says when it cannot create the folder", async () => {
    const blocker = path.join(folder, "file");
    fs.writeFileSync(blocker, "");
    const run = await lac("sample", "--out", path.join(blocker, "sub"));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: .*file[/\\]sub: a folder in the path is a file\n$/);
  });
});

describe("lac", () => {
  it("prints its help on --help with exit code 0, listing every command", async () => {
    const run = await lac("--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: lac/);
    expect(run.stdout).toMatch(/costs \[options\]/);
    expect(run.stdout).toMatch(/sample \[options\]/);
  });

  it("prints help and exits with 2 when no command is given", async () => {
    const run = await lac();
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Usage: lac/);
  });

  it("starts with a shebang, so that the built file runs as the lac command", () => {
    const source = fs.readFileSync(path.resolve(__dirname, "../../src/cli/main.ts"), "utf8");
    expect(source.split("\n")[0]).toBe("#!/usr/bin/env node");
  });
});
