import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { lac, removeFolder, temporaryFolder } from "./helpers";
import { parseCsv } from "../../src/workbook/csv";
import { GROUP_CSV_HEADERS } from "../../src/cli/costsCommand";

let folder: string;
const file = (name: string) => path.join(folder, name);
const write = (name: string, text: string) => {
  fs.writeFileSync(file(name), text);
  return file(name);
};

beforeEach(() => {
  folder = temporaryFolder();
});
afterEach(() => removeFolder(folder));

const CHILDREN = "CHILD,SEX,DOB\nA,1,2010-06-15\nB,2,2015-01-10\n";

describe("lac costs on a small hand-made file", () => {
  // A: 14 days at £700 a week = £1,400. B: open from 25 March, 7 days to 31 March at £350 = £350.
  // B's earlier episode (K2 by an agency, no WEEKLY_COST) takes the unit cost: 10 days at £7,000 = £10,000.
  const EPISODES =
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,WEEKLY_COST,LOCATION\r\n" +
    "A,01/04/2023,S,C2,N1,U4,PR1,15/04/2023,E4A,700,IN\r\n" +
    "B,2024-03-15,S,V2,N2,K2,PR4,2024-03-25,X1,,OUT\r\n" +
    "B,2024-03-25,P,V2,N2,U6,PR4,,,350,IN\r\n";
  const UNIT_COSTS = "TYPE,PROVIDED,LOCATION,WEEKLY_COST\nResidential,Agency,Out LA,7000\n";

  it("prints the three summaries and writes the placement-group CSV with its fixed columns", async () => {
    const run = await lac(
      "costs", "--episodes", write("e.csv", EPISODES), "--children", write("c.csv", CHILDREN),
      "--unit-costs", write("u.csv", UNIT_COSTS), "--from", "2023-04-01", "--to", "31/03/2024", "--out", file("costs.csv"),
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("LAC costs from 01/04/2023 to 31/03/2024 (366 days)");
    expect(run.stdout).toMatch(/By placement group\n/);
    expect(run.stdout).toMatch(/By age and needs/);
    expect(run.stdout).toMatch(/By time in care/);
    expect(run.stdout).toContain("Grand total: £11,750 for 4.4 weeks");
    expect(run.stdout).toContain("Uncosted: none");
    expect(run.stdout).toMatch(/Agency Residential out LA\s+1\s+£10,000\s+1\.4\s+£7,000/);
    // Each summary's total line carries the grand total.
    expect(run.stdout.match(/^Total\s.*£11,750/gm)).toHaveLength(3);
    const csv = fs.readFileSync(file("costs.csv"), "utf8");
    const headers = "group,type,provided,location,total,weeks,avg_weekly,episodes,costed_weeks,national_total";
    expect(csv.split("\r\n")[0]).toBe(headers);
    expect(GROUP_CSV_HEADERS.join(",")).toBe(headers);
    expect(parseCsv(csv).rows).toEqual([
      ["Agency Residential out LA", "Residential", "Agency", "Out LA", "10000", "1.43", "7000", "1", "1.43", "0"],
      ["LA Foster Care in LA", "Foster care", "LA", "In LA", "1400", "2", "700", "1", "2", "0"],
      ["Agency Foster Care in LA", "Foster care", "Agency", "In LA", "350", "1", "350", "1", "1", "0"],
    ]);
    expect(run.stdout).toContain("Costed from national unit costs: none");
  });

  it("costs an episode no table gives a cost from the national unit costs, and says how much", async () => {
    const run = await lac(
      "costs", "--episodes", write("e.csv", EPISODES), "--children", write("c.csv", CHILDREN), "--from", "2023-04-01", "--to", "2024-03-31",
      "--out", file("costs.csv"),
    );
    expect(run.code).toBe(0);
    // 10 days of an agency children's home at the card's £6,508.58 a week.
    const national = (6_508.58 * 10) / 7;
    expect(run.stdout).toContain(`Grand total: £${Math.round(1_750 + national).toLocaleString("en-GB")} for 4.4 weeks`);
    expect(run.stdout).toContain(`Costed from national unit costs: £${Math.round(national).toLocaleString("en-GB")} (`);
    expect(run.stdout).toContain("Uncosted: none");
    const agency = parseCsv(fs.readFileSync(file("costs.csv"), "utf8")).rows.find((row) => row[0] === "Agency Residential out LA");
    expect(Number(agency?.[9])).toBeCloseTo(national, 2);
  });

  it("with --no-national-costs, lists episodes it cannot cost with their weeks and says where unit costs would come from", async () => {
    const run = await lac(
      "costs", "--episodes", write("e.csv", EPISODES), "--children", write("c.csv", CHILDREN), "--from", "2023-04-01", "--to", "2024-03-31",
      "--no-national-costs", "--out", file("costs.csv"),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Grand total: £1,750 for 3.0 costed weeks of 4.4");
    expect(run.stdout).toContain("National unit costs: not used (--no-national-costs)");
    expect(run.stdout).toContain(
      "Uncosted: 1 episode, 1.4 weeks, in the weeks but not in the £ totals: no WEEKLY_COST, no unit cost for Agency Residential out LA (give unit costs with --unit-costs)",
    );
    expect(run.stdout).toMatch(/Agency Residential out LA\s+1\s+-\s+1\.4\s+-/);
    // The uncosted group is in the CSV with its weeks and a blank total.
    const rows = parseCsv(fs.readFileSync(file("costs.csv"), "utf8")).rows;
    expect(rows.find((row) => row[0] === "Agency Residential out LA")).toEqual(["Agency Residential out LA", "Residential", "Agency", "Out LA", null, "1.43", null, "1", "0", "0"]);
  });

  it("writes the national unit costs as a table that --unit-costs reads back to the same costs", async () => {
    const card = file("national.csv");
    const first = await lac(
      "costs", "--episodes", write("e.csv", EPISODES), "--children", write("c.csv", CHILDREN), "--from", "2023-04-01", "--to", "2024-03-31",
      "--write-national-costs", card,
    );
    expect(first.code).toBe(0);
    const table = parseCsv(fs.readFileSync(card, "utf8"));
    expect(table.headers.slice(0, 4)).toEqual(["TYPE", "PROVIDED", "LOCATION", "WEEKLY_COST"]);
    expect(table.rows.every((row) => row[7] !== "")).toBe(true);
    const again = await lac(
      "costs", "--episodes", file("e.csv"), "--children", file("c.csv"), "--from", "2023-04-01", "--to", "2024-03-31",
      "--unit-costs", card, "--no-national-costs",
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Unit costs\s+5\s+5\s+0\s+0/);
    const grand = (text: string) => /Grand total: (£[\d,]+)/.exec(text)?.[1];
    expect(grand(again.stdout)).toBe(grand(first.stdout));
  });

  it("takes the council's own placement types from --placement-types", async () => {
    const run = await lac(
      "costs", "--episodes", write("e.csv", EPISODES), "--children", write("c.csv", CHILDREN),
      "--placement-types", write("types.csv", "PLACE,TYPE\nU6,Independent fostering\nU4,foster care\n"),
      "--from", "2023-04-01", "--to", "2024-03-31", "--out", file("costs.csv"),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Placement types\s+2\s+2\s+0\s+0/);
    expect(parseCsv(fs.readFileSync(file("costs.csv"), "utf8")).rows.map((row) => [row[0], row[1]])).toEqual([
      ["Agency Residential out LA", "Residential"],
      ["LA Foster Care in LA", "Foster care"],
      ["Agency Independent Fostering in LA", "Independent fostering"],
    ]);
  });

  it("counts, lists and writes out rows it could not use, and still costs the rest", async () => {
    const episodes =
      "CHILD,DECOM,PLACE,PLACE_PROVIDER,DEC,WEEKLY_COST\n" +
      "A,2023-04-01,U4,PR1,2023-04-15,700\n" +
      "A,31/02/2023,U4,PR1,,700\n" +
      "B,2023-05-01,U4,PR1,2023-05-08,700,extra\n" +
      "B,2023-06-01,U4,PR1\n" +
      ",2023-06-01,U4,PR1,,700\n";
    const run = await lac(
      "costs", "--episodes", write("e.csv", episodes), "--children", write("c.csv", CHILDREN),
      "--from", "2023-04-01", "--to", "2023-04-30", "--issues-out", file("issues.csv"),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Grand total: £1,400 for 2.0 weeks");
    expect(run.stdout).toMatch(/Episodes\s+5\s+2\s+3\s+0\s+1/);
    expect(run.stdout).toContain('Episodes row 3 (rejected): DECOM: "31/02/2023" is not a real date');
    expect(run.stdout).toContain("Episodes row 4 (rejected): the row has 7 cells but the header has 6");
    expect(run.stdout).toContain("Episodes row 6 (rejected): CHILD is blank");
    expect(run.stdout).toContain("Episodes row 5 (corrected)");
    expect(run.stdout).toContain(`All of them are in ${file("issues.csv")}.`);
    const issues = parseCsv(fs.readFileSync(file("issues.csv"), "utf8"));
    expect(issues.headers).toEqual(["table", "row", "column", "action", "reason"]);
    expect(issues.rows.map((r) => [r[1], r[3]])).toEqual([
      ["3", "rejected"],
      ["4", "rejected"],
      ["5", "corrected"],
      ["6", "rejected"],
    ]);
  });
});

describe("lac costs errors: one line on stderr, exit 1 for the files, 2 for the command line", () => {
  async function expectError(argv: string[], code: number, message: RegExp): Promise<void> {
    const run = await lac(...argv);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe("");
  }

  const args = (episodes: string, children: string, from = "2023-04-01", to = "2024-03-31") => [
    "costs", "--episodes", episodes, "--children", children, "--from", from, "--to", to,
  ];

  it("names a missing file", async () => {
    const children = write("c.csv", CHILDREN);
    await expectError(args(file("nowhere.csv"), children), 1, /^error: .*nowhere\.csv: no such file\n$/);
    await expectError(args(folder, children), 1, /is a folder, not a file/);
    // The children file, though read as the episodes stream, is named before the files given after it.
    const episodes = write("e.csv", "CHILD,DECOM,PLACE,DEC\nA,2023-04-01,U4,\n");
    await expectError([...args(episodes, file("no-children.csv")), "--uasc", file("no-uasc.csv")], 1, /^error: .*no-children\.csv: no such file\n$/);
  });

  it("names the columns a file lacks", async () => {
    const episodes = write("e.csv", "CHILD,BEGUN,PLACE,DEC\nA,2023-04-01,U4,\n");
    await expectError(args(episodes, write("c.csv", CHILDREN)), 1, /^error: .*e\.csv: missing column DECOM \(found: CHILD, BEGUN, PLACE, DEC\)\n$/);
  });

  it("refuses a bad date, a period that ends before it starts, and a missing option", async () => {
    const episodes = write("e.csv", "CHILD,DECOM,PLACE,DEC\n");
    const children = write("c.csv", CHILDREN);
    await expectError(args(episodes, children, "2023-13-01"), 2, /^error: --from: "2023-13-01" is not a real date\n$/);
    await expectError(args(episodes, children, "2024-04-01", "2024-03-31"), 2, /--from\/--to: the period ends/);
    await expectError(["costs", "--episodes", episodes, "--children", children, "--from", "2023-04-01"], 2, /required option '--to <date>' not specified/);
    await expectError(["costs", "--bogus"], 2, /unknown option '--bogus'|required option/);
    await expectError(["nonsense"], 2, /unknown command 'nonsense'/);
  });

  it("refuses a file that is not CSV: an unclosed quote, an empty file", async () => {
    const children = write("c.csv", CHILDREN);
    await expectError(args(write("e.csv", 'CHILD,DECOM,PLACE,DEC\nA,"2023-04-01,U4,\n'), children), 1, /e\.csv: row 2: a quoted cell is opened but never closed/);
    await expectError(args(write("empty.csv", ""), children), 1, /empty\.csv: the file is empty/);
  });

  it("says when it cannot write its output", async () => {
    const episodes = write("e.csv", "CHILD,DECOM,PLACE,DEC\nA,2023-04-01,U4,\n");
    const run = await lac(...args(episodes, write("c.csv", CHILDREN)), "--out", path.join(folder, "no", "such", "costs.csv"));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: .*costs\.csv: no such file\n$/);
  });
});

describe("lac costs on generated sample data", () => {
  it("costs a sample written by lac sample without a single rejected row, and opens no connection", async () => {
    const connect = jest.spyOn(net.Socket.prototype, "connect");
    try {
      const sample = await lac("sample", "--children", "300", "--seed", "5", "--out", folder);
      expect(sample.code).toBe(0);
      const run = await lac(
        "costs", "--episodes", file("episodes.csv"), "--children", file("header.csv"), "--uasc", file("uasc.csv"),
        "--unit-costs", file("unit-costs.csv"), "--from", "2023-04-01", "--to", "2024-03-31", "--out", file("costs.csv"),
      );
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Episodes\s+[\d,]+\s+[\d,]+\s+0\s+0/);
      expect(run.stdout).toMatch(/Children\s+300\s+300\s+0\s+0/);
      expect(run.stdout).toContain("No row problems.");
      const rows = parseCsv(fs.readFileSync(file("costs.csv"), "utf8")).rows;
      const csvTotal = rows.reduce((sum, row) => sum + Number(row[4]), 0);
      const grand = Number(/Grand total: £([\d,]+)/.exec(run.stdout)?.[1].replace(/,/g, ""));
      expect(Math.abs(csvTotal - grand)).toBeLessThan(1);
      expect(rows.some((row) => row[0] === "Agency Residential out LA")).toBe(true);
      expect(connect).not.toHaveBeenCalled();
    } finally {
      connect.mockRestore();
    }
  });
});
