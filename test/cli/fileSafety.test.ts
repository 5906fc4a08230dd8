/**
 * How the command line writes files: atomically, keeping the mode, owner and links of what it
 * replaces, never over an input, never over an existing --out without --force, never under
 * Excel or LibreOffice while they have the workbook open, and with no temporary file left behind
 * when a write fails.
 */

import fs from "fs";
import * as path from "path";
import { lac, removeFolder, temporaryFolder } from "./helpers";
import { CsvFileWriter, writeFileAtomically } from "../../src/cli/files";
import { CliError } from "../../src/cli/io";
import { ExcelJsWorkbook } from "../../src/workbook/exceljs/excelJsWorkbook";

let folder: string;
let workbook: string;
const file = (name: string) => path.join(folder, name);
const write = (name: string, text: string) => {
  fs.writeFileSync(file(name), text);
  return file(name);
};
/** Files of the folder other than those named: what a command left behind. */
const others = (...known: string[]) => fs.readdirSync(folder).filter((name) => !known.includes(name)).sort();
const mode = (name: string) => fs.statSync(file(name)).mode & 0o777;
const backups = (stem: string) => fs.readdirSync(folder).filter((name) => name.startsWith(`${stem}.backup-`));

beforeAll(async () => {
  const source = temporaryFolder();
  workbook = path.join(source, "data.xlsx");
  const made = await lac("example", "--children", "20", "--seed", "5", "--no-reports", "--out", workbook);
  expect(made.code).toBe(0);
});
afterAll(() => removeFolder(path.dirname(workbook)));
beforeEach(() => {
  folder = temporaryFolder();
});
afterEach(() => {
  jest.restoreAllMocks();
  removeFolder(folder);
});

const copyWorkbook = (name: string, fileMode?: number) => {
  fs.copyFileSync(workbook, file(name));
  if (fileMode !== undefined) fs.chmodSync(file(name), fileMode);
  return file(name);
};

describe("a workbook refreshed in place", () => {
  it("keeps its mode: a 0600 workbook stays 0600, and so does its backup", async () => {
    const target = copyWorkbook("private.xlsx", 0o600);
    const run = await lac("refresh", target);
    expect(run.stderr).toBe("");
    expect(mode("private.xlsx")).toBe(0o600);
    expect(backups("private")).toHaveLength(1);
    expect(mode(backups("private")[0])).toBe(0o600);
    expect(fs.readFileSync(target)).not.toEqual(fs.readFileSync(workbook));
    expect(others("private.xlsx", ...backups("private"))).toEqual([]);
  });

  // Only root can give a file another owner, to see that the refresh keeps it.
  (process.getuid?.() === 0 ? it : it.skip)("keeps its owner and group", async () => {
    const target = copyWorkbook("theirs.xlsx", 0o660);
    fs.chownSync(target, 1234, 5678);
    expect((await lac("refresh", target)).code).toBe(0);
    const stats = fs.statSync(target);
    expect([stats.uid, stats.gid]).toEqual([1234, 5678]);
    expect(mode("theirs.xlsx")).toBe(0o660);
    expect(fs.readFileSync(target)).not.toEqual(fs.readFileSync(workbook));
  });

  it("is not written when someone saves it while the reports are being built", async () => {
    const target = copyWorkbook("busy.xlsx");
    const build = ExcelJsWorkbook.prototype.toBuffer;
    jest.spyOn(ExcelJsWorkbook.prototype, "toBuffer").mockImplementationOnce(async function (this: ExcelJsWorkbook) {
      fs.appendFileSync(target, "saved by someone else");
      return build.call(this);
    });
    const run = await lac("refresh", target);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/busy\.xlsx was changed while it was being refreshed .*so it was not written/);
    expect(fs.readFileSync(target, "latin1").endsWith("saved by someone else")).toBe(true);
    expect(others("busy.xlsx")).toEqual([]);
  });

  it("is refused when read-only, and nothing is written", async () => {
    const target = copyWorkbook("locked.xlsx", 0o444);
    const run = await lac("refresh", target);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/locked\.xlsx is read-only, so it was not written/);
    expect(fs.readFileSync(target)).toEqual(fs.readFileSync(workbook));
    expect(mode("locked.xlsx")).toBe(0o444);
    expect(others("locked.xlsx")).toEqual([]);
  });

  it("stays a symbolic link: the file it points to is refreshed", async () => {
    const real = copyWorkbook("real.xlsx", 0o640);
    fs.symlinkSync("real.xlsx", file("link.xlsx"));
    const run = await lac("refresh", file("link.xlsx"));
    expect(run.code).toBe(0);
    expect(fs.lstatSync(file("link.xlsx")).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(file("link.xlsx"))).toBe("real.xlsx");
    expect(fs.readFileSync(real)).not.toEqual(fs.readFileSync(workbook));
    expect(mode("real.xlsx")).toBe(0o640);
    expect(fs.readFileSync(file(backups("link")[0]))).toEqual(fs.readFileSync(workbook));
  });

  it.each([
    ["Excel", "~$open.xlsx"],
    ["LibreOffice", ".~lock.open.xlsx#"],
  ])("is refused while %s has it open (its lock file is beside it)", async (program, lockFile) => {
    const target = copyWorkbook("open.xlsx");
    fs.writeFileSync(file(lockFile), "someone");
    const run = await lac("refresh", target);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`open.xlsx is open in ${program} (its lock file ${lockFile} is beside it)`);
    expect(run.stderr).toMatch(/delete .*lock|delete .*~\$/);
    expect(fs.readFileSync(target)).toEqual(fs.readFileSync(workbook));
    expect(others("open.xlsx", lockFile)).toEqual([]);
  });
});

describe("--out", () => {
  it("is never written over when it exists, unless --force; with --force it keeps the mode of what it replaces", async () => {
    const existing = write("last-month.xlsx", "last month's report");
    fs.chmodSync(existing, 0o600);
    const refused = await lac("refresh", workbook, "--out", existing);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--out .*last-month\.xlsx already exists: choose another name, or add --force to replace it/);
    expect(fs.readFileSync(existing, "utf8")).toBe("last month's report");

    const forced = await lac("refresh", workbook, "--out", existing, "--force");
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(existing).subarray(0, 2).toString()).toBe("PK");
    expect(mode("last-month.xlsx")).toBe(0o600);
    expect(others("last-month.xlsx")).toEqual([]);
  });

  it("of lac costs is never one of its inputs, even with --force or through a link", async () => {
    const episodes = write("episodes.csv", "CHILD,DECOM,PLACE,DEC,WEEKLY_COST\nA,2023-04-01,U4,,700\n");
    const children = write("children.csv", "CHILD,DOB\nA,2010-01-01\n");
    fs.symlinkSync("episodes.csv", file("alias.csv"));
    for (const out of [episodes, file("alias.csv"), children]) {
      const run = await lac("costs", "--episodes", episodes, "--children", children, "--from", "2023-04-01", "--to", "2024-03-31", "--out", out, "--force");
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--out .* is an input of this command .*: lac never writes over its input/);
      expect(run.stdout).toBe("");
    }
    expect(fs.readFileSync(episodes, "utf8")).toBe("CHILD,DECOM,PLACE,DEC,WEEKLY_COST\nA,2023-04-01,U4,,700\n");
    const same = await lac("costs", "--episodes", episodes, "--children", children, "--from", "2023-04-01", "--to", "2024-03-31", "--out", file("x.csv"), "--issues-out", file("x.csv"));
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/--issues-out and --out name the same file/);
  });

  it("of lac costs and lac forecast needs --force to replace a file", async () => {
    const episodes = write("episodes.csv", "CHILD,DECOM,PLACE,DEC,WEEKLY_COST\nA,2023-04-01,U4,,700\n");
    const children = write("children.csv", "CHILD,DOB\nA,2010-01-01\n");
    const out = write("groups.csv", "old");
    const costs = ["costs", "--episodes", episodes, "--children", children, "--from", "2023-04-01", "--to", "2024-03-31", "--out", out];
    expect((await lac(...costs)).code).toBe(2);
    expect(fs.readFileSync(out, "utf8")).toBe("old");
    expect((await lac(...costs, "--force")).code).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toMatch(/^group,type/);
    const forecast = await lac("forecast", "--episodes", episodes, "--children", children, "--rates-out", out);
    expect(forecast.code).toBe(2);
    expect(forecast.stderr).toMatch(/--rates-out .*groups\.csv already exists/);
  });
});

describe("a write that fails", () => {
  it.each([
    ["the disk fills", "writeSync", "ENOSPC", /the disk is full/],
    ["the rename fails", "renameSync", "EPERM", /permission denied/],
    ["the flush fails", "fsyncSync", "EIO", /EIO/],
  ] as const)("leaves the previous file whole and no temporary file when %s", (_, step, code, message) => {
    const target = write("report.csv", "previous");
    fs.chmodSync(target, 0o640);
    jest.spyOn(fs, step).mockImplementationOnce(() => {
      throw Object.assign(new Error(`${code}: simulated`), { code });
    });
    expect(() => writeFileAtomically(target, "new contents")).toThrow(message);
    expect(fs.readFileSync(target, "utf8")).toBe("previous");
    expect(others("report.csv")).toEqual([]);
    writeFileAtomically(target, "new contents");
    expect(fs.readFileSync(target, "utf8")).toBe("new contents");
    expect(mode("report.csv")).toBe(0o640);
  });

  it("of a streamed CSV shows nothing under its name until it is closed, and nothing at all once abandoned", () => {
    const writer = new CsvFileWriter(file("big.csv"), ["a", "b"]);
    for (let i = 0; i < 12_000; i++) writer.rows([[i, "x"]]);
    expect(fs.existsSync(file("big.csv"))).toBe(false);
    writer.abandon();
    expect(others()).toEqual([]);
    const done = new CsvFileWriter(file("big.csv"), ["a", "b"]);
    done.rows([[1, "x"]]);
    done.close();
    expect(fs.readFileSync(file("big.csv"), "utf8")).toBe("a,b\r\n1,x\r\n");
    expect(others("big.csv")).toEqual([]);
  });

  it("is a CliError naming the file when the folder is missing", () => {
    expect(() => writeFileAtomically(file("no/such/folder.csv"), "x")).toThrow(CliError);
    expect(() => writeFileAtomically(file("no/such/folder.csv"), "x")).toThrow(/folder\.csv: no such file/);
  });
});
