import fs from "fs";
import path from "path";
import Papa from "papaparse";
import { dayFromYmd } from "../../src/engine/dates";
import { episodeReader, readChildren, readEpisodes } from "../../src/engine/episodes";
import { rejectedRows } from "../../src/engine/quality";
import { Cell, Table, TableError } from "../../src/engine/table";

const HEADERS = ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "WEEKLY_COST", "LOCATION", "EBD"];

function episodesTable(rows: Cell[][]): Table {
  return { headers: HEADERS, rows };
}

describe("readEpisodes", () => {
  const rows: Cell[][] = [
    ["1001", "01/04/2023", "S", "c2", "N2", "u4", "pr4", "2023-10-01", "E4A", "£950.50", "OUT", "Y"], // row 2: good
    ["", "01/04/2023", "S", "C2", "N1", "U4", "PR1", "", "", -500, "IN", ""], // row 3: blank child (its bad cost is not reported: the row is rejected)
    [null, null, null, null, null, null, null, null, null, null, null, null], // row 4: blank, skipped
    ["1002", "31/02/2023", "S", "C2", "N1", "U4", "PR1", "", "", 500, "IN", ""], // row 5: bad date
    ["1003", "2023-06-01", "S", "C2", "N1", "K2", "PR1", "2023-05-01", "", 4000, "IN", ""], // row 6: DEC before DECOM
    ["1004", 45017, "L", "J1", "N4", "R5", "PR1", null, "", "-20", "in la", "no"], // row 7: negative cost -> corrected, open
    ["1005", "", "S", "C2", "N1", "U4", "PR1", "", "", "", "", ""], // row 8: blank DECOM
    ["1006", "2023-04-01", "S", "C2", "N1", "U4", "PR1", "2023-04-01", "", "abc", "", ""], // row 9: zero-day episode, bad cost
  ];
  const result = readEpisodes(episodesTable(rows));

  test("every non-blank row is either used or rejected", () => {
    expect(result.rowsIn).toBe(7);
    expect(result.records.length + result.rowsRejected).toBe(result.rowsIn);
    expect(result.rowsRejected).toBe(rejectedRows(result.issues));
    expect(result.records.map((e) => e.child)).toEqual(["1001", "1004", "1006"]);
  });

  test("a good row is read with codes upper-cased, dates as days and location normalised", () => {
    expect(result.records[0]).toEqual({
      row: 2,
      child: "1001",
      start: dayFromYmd(2023, 4, 1),
      end: dayFromYmd(2023, 10, 1),
      rne: "S",
      ls: "C2",
      cin: "N2",
      place: "U4",
      provider: "PR4",
      rec: "E4A",
      reasonPlaceChange: "",
      urn: "",
      weeklyCost: 950.5,
      location: "Out LA",
      ebd: true,
    });
  });

  test("rejections name the row, the column and the reason", () => {
    const rejected = result.issues.filter((i) => i.action === "rejected");
    expect(rejected).toEqual([
      { table: "Episodes", row: 3, column: "CHILD", action: "rejected", reason: "CHILD is blank" },
      { table: "Episodes", row: 5, column: "DECOM", action: "rejected", reason: expect.stringMatching(/^DECOM: "31\/02\/2023" is not a real date/) },
      { table: "Episodes", row: 6, column: "DEC", action: "rejected", reason: "DEC (end date) is before DECOM (start date)" },
      { table: "Episodes", row: 8, column: "DECOM", action: "rejected", reason: "DECOM (start date) is blank" },
    ]);
  });

  test("a negative or unreadable weekly cost is corrected to none (the unit cost is used), keeping the episode", () => {
    const corrected = result.issues.filter((i) => i.action === "corrected");
    expect(corrected.map((i) => [i.row, i.column])).toEqual([
      [7, "WEEKLY_COST"],
      [9, "WEEKLY_COST"],
    ]);
    expect(corrected[0].reason).toMatch(/"-20" is not a cost of zero or more/);
    const episode = result.records.find((e) => e.child === "1004")!;
    expect(episode.weeklyCost).toBeNull();
    expect(episode.end).toBeNull();
    expect(episode.start).toBe(dayFromYmd(2023, 4, 1));
    expect(episode.location).toBe("In LA");
    expect(episode.ebd).toBe(false);
  });

  test("optional columns may be absent", () => {
    const table: Table = { headers: ["CHILD", "DECOM", "PLACE", "DEC"], rows: [["7", "2023-04-01", "U4", null]] };
    const { records, issues } = readEpisodes(table);
    expect(issues).toEqual([]);
    expect(records[0]).toMatchObject({ child: "7", provider: "", weeklyCost: null, location: "N/A", ebd: false });
  });

  test("a missing required column is a TableError naming it", () => {
    expect(() => readEpisodes({ headers: ["CHILD", "DECOM", "DEC"], rows: [] })).toThrow(TableError);
    expect(() => readEpisodes({ headers: ["CHILD", "DECOM", "DEC"], rows: [] })).toThrow(/missing column PLACE/);
  });

  test("one reader fed the table in batches gives what one reading of the whole table gives, a bad date on every row that has it", () => {
    const repeated = [...rows, ...rows.map((row) => [...row])];
    const whole = readEpisodes(episodesTable(repeated));
    const read = episodeReader();
    const batches = [3, 6, 11].map((from, b, cuts) => read({ headers: HEADERS, rows: repeated.slice(b === 0 ? 0 : cuts[b - 1], from), firstRowNumber: 2 + (b === 0 ? 0 : cuts[b - 1]) }));
    batches.push(read({ headers: HEADERS, rows: repeated.slice(11), firstRowNumber: 13 }));
    expect(batches.flatMap((batch) => batch.records)).toEqual(whole.records);
    expect(batches.flatMap((batch) => batch.issues)).toEqual(whole.issues);
    expect(whole.issues.filter((issue) => issue.column === "DECOM" && /31\/02\/2023/.test(issue.reason)).map((issue) => issue.row)).toEqual([5, 13]);
    expect(whole.records).toHaveLength(6);
  });

  test("the user's own column names, through synonyms and a saved mapping", () => {
    const table: Table = {
      headers: ["Child ID", "Placement began", "Placement type", "End date", "Weekly rate"],
      rows: [["9", "01/05/2023", "K2", "", "4,200"]],
      firstRowNumber: 10,
    };
    const { records } = readEpisodes(table, { DECOM: "Placement began" });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ row: 10, child: "9", start: dayFromYmd(2023, 5, 1), place: "K2", end: null, weeklyCost: 4200 });
  });
});

describe("readChildren", () => {
  const header: Table = {
    headers: ["CHILD", "SEX", "DOB", "ETHNIC", "UASC"],
    rows: [
      ["1", "1", "2010-06-15", "WBRI", ""],
      ["2", "2", "bad", "WBRI", ""],
      ["3", "2", "", "WBRI", ""],
      ["", "2", "2012-01-01", "WBRI", ""],
      ["4", "1", "2008-02-29", "REFU", "Y"],
      ["1", "1", "2010-06-16", "WBRI", ""],
      ["5", "1", 40000, "REFU", ""],
    ],
  };
  const uasc: Table = { headers: ["CHILD", "SEX", "DOB", "DUC"], rows: [["5", "1", "2009-07-06", "2027-07-06"]] };
  const result = readChildren(header, uasc);

  test("rows in = used + rejected, the later of two rows for a child being used", () => {
    expect(result.rowsIn).toBe(7);
    expect(result.records.length + result.rowsRejected).toBe(result.rowsIn);
    expect(result.records.map((c) => c.child).sort()).toEqual(["1", "4", "5"]);
    expect(result.records.find((c) => c.child === "1")!.dob).toBe(dayFromYmd(2010, 6, 16));
    expect(result.issues.find((i) => i.row === 2)!.reason).toBe("child 1 appears again on row 7: the later row is used");
  });

  test("rejects a blank child and a blank or bad date of birth", () => {
    expect(result.issues.filter((i) => i.row !== 2).map((i) => [i.row, i.column])).toEqual([
      [3, "DOB"],
      [4, "DOB"],
      [5, "CHILD"],
    ]);
  });

  test("UASC comes from the flag column or the UASC table", () => {
    const uascOf = (id: string) => result.records.find((c) => c.child === id)!.uasc;
    expect(uascOf("4")).toBe(true);
    expect(uascOf("5")).toBe(true);
    expect(uascOf("1")).toBe(false);
  });
});

const SHARED = path.resolve(__dirname, "..", "..", "..", "shared", "data");
const sharedPresent = fs.existsSync(SHARED);
if (!sharedPresent) console.log(`Skipping the shared-data reader tests: ${SHARED} is not there.`);
const describeShared = sharedPresent ? describe : describe.skip;

function csvTable(file: string): Table {
  const parsed = Papa.parse<string[]>(fs.readFileSync(file, "utf8"), { skipEmptyLines: true });
  return { headers: parsed.data[0], rows: parsed.data.slice(1) };
}

describeShared("the published SSDA903 sample files", () => {
  test.each(["ssda903-d2i-fake", "ssda903-sf-sample"])("%s: every row is accounted for", (name) => {
    const episodes = readEpisodes(csvTable(path.join(SHARED, name, "episodes.csv")));
    const children = readChildren(csvTable(path.join(SHARED, name, "header.csv")), csvTable(path.join(SHARED, name, "uasc.csv")));
    for (const result of [episodes, children]) {
      expect(result.records.length + result.rowsRejected).toBe(result.rowsIn);
      expect(result.rowsRejected).toBe(rejectedRows(result.issues));
    }
    expect(episodes.records.length).toBeGreaterThan(0.9 * episodes.rowsIn);
    expect(children.records.some((c) => c.uasc)).toBe(true);
  });
});

describe("placeholder end dates", () => {
  it("reads a far-future DEC as an open episode and says so", () => {
    const result = readEpisodes({
      headers: ["CHILD", "DECOM", "DEC", "PLACE"],
      rows: [
        ["A", "2022-09-01", "31/12/9999", "U4"],
        ["B", "2022-09-01", "2023-01-01", "U4"],
      ],
    });
    expect(result.records.map((e) => e.end)).toEqual([null, expect.any(Number)]);
    expect(result.issues).toEqual([
      expect.objectContaining({ row: 2, column: "DEC", action: "corrected", reason: expect.stringContaining("31/12/9999") }),
    ]);
    expect(result.rowsIn).toBe(2);
    expect(result.rowsRejected).toBe(0);
  });
});
