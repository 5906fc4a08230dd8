/**
 * What only a process of its own shows: `lac` with its output piped into a reader that stops
 * early, killed outright while writing a backup or a workbook, and stopped with Ctrl+C in the
 * middle of a long write. Each run starts Node on the TypeScript sources (process/lacProcess.ts).
 */

import * as fs from "fs";
import * as path from "path";
import { lac, removeFolder, temporaryFolder } from "./helpers";
import { KILL_WHILE_WRITING, runLac, startLac } from "./process/lacProcess";

let folder: string;
let workbook: string;
const file = (name: string) => path.join(folder, name);
const names = () => fs.readdirSync(folder).sort();
const temporaries = () => names().filter((name) => name.endsWith(".tmp"));
const STACK_TRACE = /\n\s+at /;
// Each test starts Node two or three times on the TypeScript sources: slow on a busy machine.
jest.setTimeout(180_000);

beforeAll(async () => {
  const source = temporaryFolder();
  workbook = path.join(source, "data.xlsx");
  expect((await lac("example", "--children", "20", "--seed", "5", "--no-reports", "--out", workbook)).code).toBe(0);
});
afterAll(() => removeFolder(path.dirname(workbook)));
beforeEach(() => {
  folder = temporaryFolder();
});
afterEach(() => removeFolder(folder));

describe("lac with its output piped into a reader that stops early", () => {
  const costs = () => {
    fs.writeFileSync(file("e.csv"), "CHILD,DECOM,PLACE,DEC,WEEKLY_COST\nA,2023-04-01,U4,,700\nB,2023-05-01,K2,2023-09-01,4000\n");
    fs.writeFileSync(file("c.csv"), "CHILD,DOB\nA,2010-01-01\nB,2008-03-03\n");
    return ["costs", "--episodes", file("e.csv"), "--children", file("c.csv"), "--from", "2023-04-01", "--to", "2024-03-31", "--out", file("groups.csv")];
  };

  it("exits 0 with no stack trace when the reader has gone before it writes (lac costs … | true), and still writes its files", async () => {
    const run = await runLac(costs(), { whileRunning: (child) => child.stdout?.destroy() });
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(fs.readFileSync(file("groups.csv"), "utf8")).toMatch(/^group,type/);
  });

  it("exits 0 with no stack trace when the reader takes one line and stops (lac costs … | head -1)", async () => {
    let firstLine = "";
    const run = await runLac(costs(), {
      whileRunning: (child) =>
        child.stdout?.once("data", (chunk: Buffer) => {
          firstLine = chunk.toString("utf8").split("\n")[0];
          child.stdout?.destroy();
        }),
    });
    expect(firstLine).toMatch(/^LAC costs from 01\/04\/2023/);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.code).toBe(0);
  });
});

describe("lac refresh killed outright (kill -9) while writing", () => {
  const refreshKilledWriting = (pattern: string) => runLac(["refresh", file("book.xlsx")], { preload: [KILL_WHILE_WRITING], env: { LAC_KILL_WRITING: pattern } });

  it("the backup: the workbook is whole, there is no truncated backup, and the next run clears the leftover", async () => {
    fs.copyFileSync(workbook, file("book.xlsx"));
    const killed = await refreshKilledWriting("book\\.backup-.*\\.tmp$");
    expect(killed.signal).toBe("SIGKILL");
    expect(fs.readFileSync(file("book.xlsx"))).toEqual(fs.readFileSync(workbook));
    expect(names().filter((name) => /^book\.backup-.*\.xlsx$/.test(name))).toEqual([]);
    // The half-written temporary file is hidden, and tidied by the next run; another computer's (on a shared folder) is left alone.
    expect(temporaries()).toHaveLength(1);
    fs.writeFileSync(file(".book.xlsx.lac-othercomputer-1-1.tmp"), "another computer's write in progress");

    const again = await runLac(["refresh", file("book.xlsx")]);
    expect(again.stderr).toBe("");
    expect(temporaries()).toEqual([".book.xlsx.lac-othercomputer-1-1.tmp"]);
    const [backup] = names().filter((name) => /^book\.backup-.*\.xlsx$/.test(name));
    expect(fs.readFileSync(file(backup))).toEqual(fs.readFileSync(workbook));
  });

  it("the workbook: it stays as it was, its backup is whole, and the next run clears the leftover", async () => {
    fs.copyFileSync(workbook, file("book.xlsx"));
    const killed = await refreshKilledWriting("\\.book\\.xlsx\\.lac-.*\\.tmp$");
    expect(killed.signal).toBe("SIGKILL");
    expect(fs.readFileSync(file("book.xlsx"))).toEqual(fs.readFileSync(workbook));
    const [backup] = names().filter((name) => /^book\.backup-.*\.xlsx$/.test(name));
    expect(fs.readFileSync(file(backup))).toEqual(fs.readFileSync(workbook));
    expect(temporaries()).toHaveLength(1);

    expect((await runLac(["refresh", file("book.xlsx")])).code).toBe(0);
    expect(temporaries()).toEqual([]);
    expect(fs.readFileSync(file("book.xlsx"))).not.toEqual(fs.readFileSync(workbook));
  });
});

describe("lac sample stopped with Ctrl+C in the middle of its files", () => {
  it("removes its temporary files, leaves no half-written file and exits 130", async () => {
    const out = file("sample");
    const { child, done } = startLac(["sample", "--children", "400000", "--out", out]);
    // Interrupted once its temporary files are on disk and growing.
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const growing = fs.existsSync(out) && fs.readdirSync(out).some((name) => name.endsWith(".tmp") && fs.statSync(path.join(out, name)).size > 100_000);
        if (growing || Date.now() - started > 50_000) {
          clearInterval(poll);
          if (!growing) reject(new Error("sample never started writing"));
          child.kill("SIGINT");
          resolve();
        }
      }, 20);
    });
    const run = await done;
    expect(run.code).toBe(130);
    expect(run.stderr).toBe("");
    expect(fs.readdirSync(out)).toEqual([]);
  });
});
