import { dayFromYmd } from "../../src/engine/dates";
import { Child, checkBirthDates } from "../../src/engine/episodes";
import type { ReadResult } from "../../src/engine/quality";
import { anEpisode } from "./builders";

const child = (id: string, dob: [number, number, number], row: number): Child => ({ row, child: id, sex: "1", dob: dayFromYmd(...dob), ethnic: "", uasc: false });
const read = (children: Child[]): ReadResult<Child> => ({ records: children, issues: [], rowsIn: children.length, rowsRejected: 0 });

describe("checkBirthDates", () => {
  const episodes = [
    anEpisode({ child: "A", start: dayFromYmd(2023, 4, 1) }),
    anEpisode({ child: "A", start: dayFromYmd(2022, 1, 10), end: dayFromYmd(2022, 3, 1) }),
    anEpisode({ child: "B", start: dayFromYmd(2023, 6, 1), end: dayFromYmd(2024, 2, 1) }),
  ];

  it("rejects a child born after their first episode starts, or after the data's last date, with the reason", () => {
    const checked = checkBirthDates(read([child("A", [2022, 2, 1], 2), child("B", [2023, 6, 1], 3), child("C", [2024, 5, 1], 4)]), episodes);
    expect(checked.records.map((c) => c.child)).toEqual(["B"]);
    expect(checked.rowsRejected).toBe(2);
    expect(checked.rowsIn).toBe(3);
    expect(checked.issues).toEqual([
      { table: "Children", row: 2, column: "DOB", action: "rejected", reason: "DOB 01/02/2022 is after the child's first episode starts (DECOM 10/01/2022): the child's costs are shown under age Unknown" },
      { table: "Children", row: 4, column: "DOB", action: "rejected", reason: "DOB 01/05/2024 is after the last date in the data (01/02/2024): the child's costs are shown under age Unknown" },
    ]);
  });

  it("returns the reading as it was when every date of birth fits (a child born on the day care starts included)", () => {
    const children = read([child("A", [2022, 1, 10], 2), child("B", [2010, 1, 1], 3)]);
    expect(checkBirthDates(children, episodes)).toBe(children);
  });
});
