import { formatCount, formatPounds, formatTextTable, formatWeeks } from "../../src/cli/textTable";

describe("formatTextTable", () => {
  it("aligns columns under their headers, with rules under the header and above the total", () => {
    const text = formatTextTable(
      [{ header: "Group" }, { header: "Total £", align: "right" }],
      [
        ["Agency Residential", "£1,200"],
        ["LA Foster Care", "£50"],
      ],
      ["Total", "£1,250"],
    );
    expect(text).toBe(
      [
        "Group               Total £",
        "------------------  -------",
        "Agency Residential   £1,200",
        "LA Foster Care          £50",
        "------------------  -------",
        "Total                £1,250",
        "",
      ].join("\n"),
    );
  });
});

describe("number formats", () => {
  it("prints pounds whole, with separators and the sign before the £", () => {
    expect(formatPounds(1234567.5)).toBe("£1,234,568");
    expect(formatPounds(-1500)).toBe("-£1,500");
    expect(formatPounds(-0.2)).toBe("£0");
    expect(formatPounds(null)).toBe("-");
    expect(formatWeeks(52.14)).toBe("52.1");
    expect(formatWeeks(1234)).toBe("1,234.0");
    expect(formatCount(1000000)).toBe("1,000,000");
  });
});
