/**
 * Bad values in good files, through `lac costs`: amounts with a comma out of place, a weekly
 * cost of 1e308, CSV files saved as UTF-16 or Latin-1, a date of birth after the child's
 * episodes. Each is read correctly or reported on its row; no total is ever NaN or Infinity.
 */

import * as fs from "fs";
import * as path from "path";
import { cellNumber } from "../../src/engine/table";
import { budgetVariance, readBudget } from "../../src/engine/variance";
import { lac, removeFolder, temporaryFolder } from "../cli/helpers";

let folder: string;
beforeEach(() => {
  folder = temporaryFolder();
});
afterEach(() => removeFolder(folder));

const file = (name: string) => path.join(folder, name);
const write = (name: string, data: string | Buffer) => {
  fs.writeFileSync(file(name), data);
  return file(name);
};
const PERIOD = ["--from", "2023-04-01", "--to", "2024-03-31"];
const EPISODE_HEADER = "CHILD,DECOM,PLACE,DEC,WEEKLY_COST";

async function costs(episodes: string | Buffer, children: string | Buffer) {
  const run = await lac("costs", "--episodes", write("e.csv", episodes), "--children", write("c.csv", children), ...PERIOD, "--issues-out", file("issues.csv"), "--force");
  expect(run.stderr).toBe("");
  expect(run.stdout).not.toMatch(/NaN|Infinity/);
  return { stdout: run.stdout, issues: fs.existsSync(file("issues.csv")) ? fs.readFileSync(file("issues.csv"), "utf8") : "" };
}

describe("amounts with thousands separators", () => {
  it.each([
    ["1,234.50", 1234.5],
    ["£1,234", 1234],
    ["12,345,678", 12_345_678],
    ["-£1,000", -1000],
    ["(1,000.5)", -1000.5],
    ["£ 1 000", 1000],
  ])("reads %p as %p", (text, value) => {
    expect(cellNumber(text)).toBe(value);
  });

  it.each(["850,50", "1,23", "1,2345", "12,34,567", ",500", "1,000,00", "1.234,50", "1,000 000"])("refuses %p, whose comma is not a thousands separator", (text) => {
    expect(cellNumber(text)).toBe("invalid");
  });

  it("costs 1,234.50 as £1,234.50 a week, and reports 850,50 on its row with the reason", async () => {
    const { stdout, issues } = await costs(`${EPISODE_HEADER}\nA,2023-04-01,U4,2023-04-08,"1,234.50"\nB,2023-04-01,U4,2023-04-08,"850,50"\n`, "CHILD,DOB\nA,2010-01-01\nB,2011-01-01\n");
    expect(stdout).toMatch(/Grand total: £1,235 for 1\.0 costed weeks of 2\.0/);
    expect(issues).toMatch(/Episodes,3,WEEKLY_COST,corrected,"WEEKLY_COST ""850,50"" is not a cost of zero or more \(a comma is read only between thousands, as in 1,234\.50; pence follow a point, as in 850\.50\): the unit cost is used instead"/);
  });
});

describe("a weekly cost of 1e308", () => {
  it("is a problem on its row, and the totals stay numbers", async () => {
    const { stdout, issues } = await costs(`${EPISODE_HEADER}\nA,2023-04-01,U4,,1e308\nB,2023-04-01,U4,,700\n`, "CHILD,DOB\nA,2010-01-01\nB,2011-01-01\n");
    expect(stdout).toMatch(/Grand total: £36,600 for 52\.3 costed weeks of 104\.6/);
    expect(stdout).toMatch(/Uncosted: 1 episode/);
    expect(issues).toMatch(/Episodes,2,WEEKLY_COST,corrected,"WEEKLY_COST ""1e308"" is more than £1,000,000 a week/);
  });
});

describe("a budget amount of 1e308", () => {
  it("rejects its row with the reason, so that the budget totals stay numbers", () => {
    const read = readBudget({ headers: ["LINE", "BUDGET", "FORECAST"], rows: [["Fostering", 1e308, 1e308], ["Residential", 1e308, 5], ["Transport", 100, 90]] });
    expect(read.records.map((r) => r.line)).toEqual(["Transport"]);
    expect(read.issues).toContainEqual(expect.objectContaining({ row: 2, column: "BUDGET", action: "rejected", reason: 'BUDGET: "1e+308" is more than £1,000,000,000,000, which no budget line holds' }));
    const report = budgetVariance(read.records.map((r) => ({ ...r, forecastOutturn: r.forecastOutturn ?? r.budget })));
    expect(Number.isFinite(report.total.variance) && Number.isFinite(report.total.budget)).toBe(true);
  });
});

describe("CSV files in other encodings", () => {
  const episodes = `${EPISODE_HEADER},LOCATION\r\nZoé,2023-04-01,U4,,"£1,050.00",Café quarter\r\nLéa,2023-06-01,K2,2023-07-01,£4000,\r\n`;
  const children = "CHILD,DOB\r\nZoé,2010-01-01\r\nLéa,2009-05-05\r\n";
  const utf16 = (text: string, order: "le" | "be") => {
    const le = Buffer.from(`\ufeff${text}`, "utf16le");
    return order === "le" ? le : Buffer.from(le.map((_, i) => le[i % 2 === 0 ? i + 1 : i - 1]));
  };

  it.each([
    ["UTF-16LE with its byte-order mark", (text: string) => utf16(text, "le")],
    ["UTF-16BE with its byte-order mark", (text: string) => utf16(text, "be")],
    ["Latin-1 (Windows-1252, as Excel on Windows saves CSV)", (text: string) => Buffer.from(text, "latin1")],
    ["UTF-8 with a byte-order mark", (text: string) => Buffer.from(`\ufeff${text}`, "utf8")],
  ])("reads %s as the same file in UTF-8: the £ amounts and the names with é", async (_, encode) => {
    const expected = await costs(episodes, children);
    expect(expected.stdout).toMatch(/No row problems/);
    expect(expected.stdout).toMatch(/2 episodes of 2 children read/);
    expect(expected.stdout).not.toMatch(/whose child is not in/);
    const read = await costs(encode(episodes), encode(children));
    expect(read.stdout).toBe(expected.stdout);
  });

  it("reads a large Windows-1252 file whose first é comes after rows already streamed, counting each row once", async () => {
    // Over a megabyte of plain rows, so that batches have gone through the pipeline before the é shows the file is not UTF-8.
    const plain = Array.from({ length: 40_000 }, (_, i) => `C${i},2023-04-01,U4,,700\r\n`).join("");
    const text = `${EPISODE_HEADER},LOCATION\r\n${plain}Zoé,2023-04-01,U4,,"£1,050.00",Café quarter\r\n`;
    const header = `CHILD,DOB\r\n${Array.from({ length: 40_000 }, (_, i) => `C${i},2010-01-01\r\n`).join("")}Zoé,2010-01-01\r\n`;
    expect(Buffer.byteLength(plain)).toBeGreaterThan(1024 * 1024);
    const expected = await costs(text, header);
    expect(expected.stdout).toMatch(/40,001 episodes of 40,001 children read/);
    const read = await costs(Buffer.from(text, "latin1"), Buffer.from(header, "latin1"));
    expect(read.stdout).toBe(expected.stdout);
  });

  it("refuses UTF-32 by name", async () => {
    const utf32 = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from("C\0\0\0")]);
    const run = await lac("costs", "--episodes", write("e.csv", utf32), "--children", write("c.csv", "CHILD,DOB\n"), ...PERIOD);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/e\.csv: the file is UTF-32 text/);
  });
});

describe("a date of birth the episodes contradict", () => {
  it("is reported on the child's row, and the child's costs are shown under age Unknown", async () => {
    const { stdout, issues } = await costs(
      `${EPISODE_HEADER}\nA,2023-04-01,U4,,700\nB,2023-04-01,U4,,700\n`,
      "CHILD,DOB\nA,2015-01-01\nB,2023-09-01\n",
    );
    expect(stdout).not.toMatch(/No row problems/);
    expect(stdout).toMatch(/Children\s+2\s+1\s+1\s+0/);
    expect(issues).toContain("Children,3,DOB,rejected,DOB 01/09/2023 is after the child's first episode starts (DECOM 01/04/2023): the child's costs are shown under age Unknown");
  });
});
