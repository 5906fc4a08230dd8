import { XMLParser } from "fast-xml-parser";
import { chartXml } from "../../src/workbook/exceljs/chartParts";
import { ExcelJsWorkbook } from "../../src/workbook/exceljs/excelJsWorkbook";
import { layoutSheet } from "../../src/workbook/layout";
import type { ChartType, SheetSpec } from "../../src/workbook/spec";
import { crc32 } from "zlib";
import { crc32Of } from "../../src/workbook/exceljs/zipWriter";
import { unzipEntries } from "./zipBuilder";

/** A sheet with one table of months (dates), groups and two figures, and one chart of the given type over it. */
function chartedSpec(type: ChartType, category: "Month" | "Group", name = "LAC Chart's test"): SheetSpec {
  return {
    name,
    title: "Charts",
    blocks: [
      {
        kind: "table",
        name: "LAC_ChartTest",
        columns: [
          { header: "Month", kind: "date" },
          { header: "Group", kind: "text" },
          { header: "Cost", kind: "currency" },
          { header: "Children", kind: "number" },
        ],
        rows: [
          [19_700, "Fostering", 1200, 10.5],
          [19_731, "Residential <& more>", 3400, null],
          [19_762, "Other", -50, 2],
        ],
      },
      { kind: "chart", chart: { type, title: `A ${type} chart`, table: "LAC_ChartTest", category, series: ["Cost", "Children"] } },
    ],
  };
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });

describe("chartXml", () => {
  it("writes each chart type with its series, categories and axes where Excel puts them", () => {
    const plots = { column: "c:barChart", bar: "c:barChart", line: "c:lineChart", pie: "c:pieChart" } as const;
    for (const type of ["column", "bar", "line", "pie"] as const) {
      const spec = chartedSpec(type, "Group");
      const layout = layoutSheet(spec);
      const xml = chartXml(layout.charts[0], layout);
      const plotArea = parser.parse(xml)["c:chartSpace"]["c:chart"]["c:plotArea"];
      const plot = plotArea[plots[type]];
      const series = [plot["c:ser"]].flat();
      // A pie plots its first series only.
      expect(series).toHaveLength(type === "pie" ? 1 : 2);
      expect(series[0]["c:tx"]["c:strRef"]["c:f"]).toBe("'LAC Chart''s test'!$C$3");
      expect(series[0]["c:cat"]["c:strRef"]["c:f"]).toBe("'LAC Chart''s test'!$B$4:$B$6");
      expect(series[0]["c:cat"]["c:strRef"]["c:strCache"]["c:pt"].map((p: { "c:v": string }) => p["c:v"])).toEqual(["Fostering", "Residential <& more>", "Other"]);
      expect(series[0]["c:val"]["c:numRef"]["c:f"]).toBe("'LAC Chart''s test'!$C$4:$C$6");
      expect(series[0]["c:val"]["c:numRef"]["c:numCache"]["c:formatCode"]).toBe('"£"#,##0');
      expect(series[0]["c:val"]["c:numRef"]["c:numCache"]["c:pt"].map((p: { "c:v": number }) => p["c:v"])).toEqual([1200, 3400, -50]);
      if (type !== "pie") {
        // A blank cell is a gap: no point cached for it.
        expect(series[1]["c:val"]["c:numRef"]["c:numCache"]["c:pt"].map((p: { idx: string }) => p.idx)).toEqual(["0", "2"]);
        expect(plotArea["c:catAx"]["c:axPos"].val).toBe(type === "bar" ? "l" : "b");
        expect(plotArea["c:valAx"]["c:axPos"].val).toBe(type === "bar" ? "b" : "l");
      } else {
        expect(plotArea["c:catAx"]).toBeUndefined();
      }
      if (type === "bar" || type === "column") expect(plot["c:barDir"].val).toBe(type === "bar" ? "bar" : "col");
    }
  });

  it("leaves out of its text the characters XML cannot hold, such as a control character pasted into a cell", () => {
    const spec = chartedSpec("column", "Group");
    const table = spec.blocks[0] as Extract<SheetSpec["blocks"][number], { kind: "table" }>;
    const withControls: SheetSpec = {
      ...spec,
      blocks: [{ ...table, rows: table.rows.map((row, r) => (r === 0 ? ["x", "Fos\u0007ter\u001bing\ud800", ...row.slice(2)] : row)) }, spec.blocks[1]],
    };
    const layout = layoutSheet(withControls);
    const xml = chartXml(layout.charts[0], layout);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udfff]/);
    const series = [parser.parse(xml)["c:chartSpace"]["c:chart"]["c:plotArea"]["c:barChart"]["c:ser"]].flat();
    expect(series[0]["c:cat"]["c:strRef"]["c:strCache"]["c:pt"][0]["c:v"]).toBe("Fostering");
  });

  it("puts dates on a date axis, as serial days formatted as dates", () => {
    const layout = layoutSheet(chartedSpec("line", "Month"));
    const plotArea = parser.parse(chartXml(layout.charts[0], layout))["c:chartSpace"]["c:chart"]["c:plotArea"];
    const cat = plotArea["c:lineChart"]["c:ser"][0]["c:cat"]["c:numRef"]["c:numCache"];
    expect(cat["c:formatCode"]).toBe("dd/mm/yyyy");
    // Day 19,700 after 1970-01-01 is Excel's serial 45,269.
    expect(cat["c:pt"][0]["c:v"]).toBe(19_700 + 25_569);
    expect(plotArea["c:dateAx"]["c:numFmt"].formatCode).toBe("mmm yy");
    expect(plotArea["c:catAx"]).toBeUndefined();
  });
});

describe("a fan chart", () => {
  it("draws the first series bold, pairs of percentiles in one shade each, darker inwards, and the last dashed", () => {
    const spec = chartedSpec("line", "Month");
    const table = spec.blocks[0];
    if (table.kind !== "table") throw new Error("the spec starts with its table");
    const headers = ["Forecast", "Low 95", "High 95", "Low 50", "High 50", "Median"];
    const fanSpec: SheetSpec = {
      ...spec,
      blocks: [
        { ...table, columns: [table.columns[0], ...headers.map((header) => ({ header, kind: "number" as const }))], rows: table.rows.map((row, i) => [row[0], 10 + i, 5, 15, 8, 12, 10]) },
        { kind: "chart", chart: { type: "line", title: "Fan", table: "LAC_ChartTest", category: "Month", series: headers, fan: true } },
      ],
    };
    const layout = layoutSheet(fanSpec);
    const series = parser.parse(chartXml(layout.charts[0], layout))["c:chartSpace"]["c:chart"]["c:plotArea"]["c:lineChart"]["c:ser"];
    const line = (i: number) => series[i]["c:spPr"]["a:ln"];
    const colour = (i: number) => line(i)["a:solidFill"]["a:srgbClr"].val;
    expect(series).toHaveLength(6);
    expect(Number(line(0).w)).toBeGreaterThan(Number(line(1).w));
    expect(colour(1)).toBe(colour(2));
    expect(colour(3)).toBe(colour(4));
    expect(colour(1)).not.toBe(colour(3));
    expect(line(5)["a:prstDash"].val).toBe("dash");
    expect(line(4)["a:prstDash"]).toBeUndefined();
  });
});

describe("a new workbook's charts", () => {
  it("are drawn on the sheet that declares them, with their parts and content types", async () => {
    const book = ExcelJsWorkbook.create();
    await book.writeSheet({ name: "LAC Plain", title: "No chart", blocks: [{ kind: "note", text: "Nothing to draw" }] });
    await book.writeSheet(chartedSpec("column", "Group"));
    const parts = new Map((await unzipEntries(await book.toBuffer())).map((e) => [e.name, e.data.toString("utf8")]));
    expect([...parts.keys()].filter((n) => /^xl\/(charts|drawings)\//.test(n)).sort()).toEqual([
      "xl/charts/chart1.xml",
      "xl/drawings/_rels/drawing1.xml.rels",
      "xl/drawings/drawing1.xml",
    ]);
    expect(parts.get("xl/worksheets/sheet1.xml")).not.toContain("<drawing");
    // The drawing comes before the table parts, as the schema orders a worksheet's elements.
    expect(parts.get("xl/worksheets/sheet2.xml")).toMatch(/<drawing r:id="rId\d+"\/><tableParts/);
    expect(parts.get("xl/worksheets/_rels/sheet2.xml.rels")).toMatch(/Type="[^"]*\/relationships\/drawing" Target="\.\.\/drawings\/drawing1\.xml"/);
    expect(parts.get("xl/drawings/_rels/drawing1.xml.rels")).toContain('Target="../charts/chart1.xml"');
    // Anchored over the rows the layout reserves for the chart.
    const area = layoutSheet(chartedSpec("column", "Group")).charts[0].area;
    expect(parts.get("xl/drawings/drawing1.xml")).toContain(`<xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${area.top}</xdr:row>`);
    expect(parts.get("xl/drawings/drawing1.xml")).toContain(`<xdr:to><xdr:col>${area.right + 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${area.bottom + 1}</xdr:row>`);
    const types = parts.get("[Content_Types].xml");
    expect(types).toContain('<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>');
    expect(types).toContain('<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>');
  });
});

describe("the zip writer's CRC-32 (in plain JavaScript, for the browser)", () => {
  it("equals zlib's, as every zip reader checks it", () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919 + (i >> 3)) % 256);
    for (const slice of [bytes.subarray(0, 0), bytes.subarray(0, 1), bytes]) expect(crc32Of(slice)).toBe(crc32(slice));
  });
});
