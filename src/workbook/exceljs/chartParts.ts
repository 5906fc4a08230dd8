/**
 * Native charts for the .xlsx files the command line writes. ExcelJS writes no charts, so after
 * it has written a workbook, the charts each sheet's layout places (layout.ts, the same ones the
 * Office.js adapter draws with Excel's API) are added to the package as DrawingML parts:
 * xl/drawings/drawingN.xml anchoring a graphic frame over the chart's cells, xl/charts/chartN.xml
 * with the series referring to the report table's cells ('LAC Variance'!$C$20:$C$23), and the
 * sheet's <drawing> element, relationships and content types. Each series carries its values
 * (numCache/strCache), so a viewer that does not calculate still draws them.
 *
 * The parts are written in a fixed form with fixed ids, so the same sheets give the same bytes
 * (a second refresh is byte-identical). A refresh then moves them into the user's file with the
 * sheet's other parts (surgicalSave.ts). See docs/file-writes.md.
 */

import type { Cell } from "../../engine/table";
import { CellRect, columnLetters, quoteSheetName, sameName } from "../addresses";
import { GENERAL_FORMAT } from "../cells";
import { fanLineOf, type LaidChart, type SheetLayout } from "../layout";
import { OpcPackage, relationshipIdOf, relativeTarget, relsPartOf } from "./opcPackage";
import { applySplices, encodeXml, scanXml, Splice } from "./xmlScan";
import { OutputEntry, writeZip, ZipPacking } from "./zipWriter";

const NS = {
  relationships: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  package: "http://schemas.openxmlformats.org/package/2006/relationships",
  drawing: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  main: "http://schemas.openxmlformats.org/drawingml/2006/main",
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
};
const RELATIONSHIP_TYPES = {
  drawing: `${NS.relationships}/drawing`,
  chart: `${NS.relationships}/chart`,
};
export const CHART_CONTENT_TYPES = {
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
};
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** The two axes' ids: any pair of numbers unique within the chart. */
const CATEGORY_AXIS = 500000001;
const VALUE_AXIS = 500000002;
/**
 * Elements a worksheet may have after <drawing>, in the schema's order (CT_Worksheet): the
 * drawing goes before the first of them the sheet has.
 */
const AFTER_DRAWING = ["legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

/**
 * The package with each layout's charts drawn on its sheet (found by name). Sheets without charts,
 * and every part but the sheets given charts and [Content_Types].xml, are copied as stored. The
 * new parts are deflated, or stored (`packing`) where there is no zlib: the pane's committee pack.
 */
export async function withCharts(pkg: OpcPackage, layouts: readonly SheetLayout[], packing: ZipPacking = "deflated"): Promise<Buffer> {
  const charted = layouts.filter((l) => l.charts.length > 0);
  if (charted.length === 0) return pkg.data;
  const workbookPart = await pkg.workbookPart();
  const workbookXml = await pkg.text(workbookPart);
  const workbookRels = (await pkg.relationships(workbookPart)).relationships;
  const sheetParts = new Map<string, string>();
  for (const e of scanXml(workbookXml).filter((el) => el.local === "sheet")) {
    const part = workbookRels.find((r) => r.id === relationshipIdOf(e))?.part;
    if (part) sheetParts.set(e.attributes.name, part);
  }

  const newData = new Map<string, string>();
  const overrides: string[] = [];
  let drawingNumber = 0;
  let chartNumber = 0;
  for (const layout of charted) {
    const sheetPart = [...sheetParts].find(([name]) => sameName(name, layout.name))?.[1];
    if (!sheetPart) throw new Error(`the workbook has no sheet "${layout.name}" to draw its charts on`);
    const drawingPart = `xl/drawings/drawing${++drawingNumber}.xml`;
    const chartParts = layout.charts.map(() => `xl/charts/chart${++chartNumber}.xml`);
    layout.charts.forEach((chart, i) => newData.set(chartParts[i], chartXml(chart, layout)));
    newData.set(drawingPart, drawingXml(layout.charts));
    newData.set(relsPartOf(drawingPart), relationshipsXml(chartParts.map((part, i) => ({ id: `rId${i + 1}`, type: RELATIONSHIP_TYPES.chart, target: relativeTarget(drawingPart, part) }))));
    overrides.push(override(drawingPart, CHART_CONTENT_TYPES.drawing), ...chartParts.map((part) => override(part, CHART_CONTENT_TYPES.chart)));

    // The sheet: a relationship to the drawing, and <drawing r:id> in its place among the sheet's elements.
    const rels = await pkg.relationships(sheetPart);
    const ids = new Set(rels.relationships.map((r) => r.id));
    let n = 1;
    while (ids.has(`rId${n}`)) n++;
    const rid = `rId${n}`;
    const relationship = { id: rid, type: RELATIONSHIP_TYPES.drawing, target: relativeTarget(sheetPart, drawingPart) };
    newData.set(
      rels.relsPart,
      rels.xml === ""
        ? relationshipsXml([relationship])
        : applySplices(rels.xml, [{ start: rels.elements[0].closeStart, end: rels.elements[0].closeStart, text: relationshipElement(relationship) }]),
    );
    const sheetXml = await pkg.text(sheetPart);
    const elements = scanXml(sheetXml);
    const root = elements[0];
    const prefix = root.name.slice(0, root.name.length - root.local.length);
    const next = elements.find((e) => e.depth === 1 && AFTER_DRAWING.includes(e.local));
    const at = next ? next.start : root.closeStart;
    const relationshipsPrefix = Object.entries(root.attributes).find(([name, value]) => name.startsWith("xmlns:") && value === NS.relationships)?.[0].slice("xmlns:".length);
    const drawing = relationshipsPrefix
      ? `<${prefix}drawing ${relationshipsPrefix}:id="${rid}"/>`
      : `<${prefix}drawing xmlns:r="${NS.relationships}" r:id="${rid}"/>`;
    newData.set(sheetPart, applySplices(sheetXml, [{ start: at, end: at, text: drawing }]));
  }

  const typesXml = await pkg.text("[Content_Types].xml");
  const typesRoot = scanXml(typesXml)[0];
  const typesSplice: Splice = { start: typesRoot.closeStart, end: typesRoot.closeStart, text: overrides.join("") };
  newData.set("[Content_Types].xml", applySplices(typesXml, [typesSplice]));

  const out: OutputEntry[] = pkg.entries.map((entry) => {
    const text = newData.get(entry.name);
    newData.delete(entry.name);
    return text === undefined ? { name: entry.name, copyOf: entry, from: pkg.data } : { name: entry.name, data: Buffer.from(text, "utf8") };
  });
  for (const [name, text] of newData) out.push({ name, data: Buffer.from(text, "utf8") });
  return writeZip(out, packing);
}

function override(part: string, contentType: string): string {
  return `<Override PartName="/${encodeXml(part)}" ContentType="${contentType}"/>`;
}

interface RelationshipSpec {
  id: string;
  type: string;
  target: string;
}

function relationshipElement(r: RelationshipSpec): string {
  return `<Relationship Id="${r.id}" Type="${r.type}" Target="${encodeXml(r.target)}"/>`;
}

function relationshipsXml(relationships: RelationshipSpec[]): string {
  return `${XML_DECLARATION}<Relationships xmlns="${NS.package}">${relationships.map(relationshipElement).join("")}</Relationships>`;
}

/** One anchor per chart, from the first cell of its area to the corner after its last. */
function drawingXml(charts: readonly LaidChart[]): string {
  const anchors = charts.map((chart, i) => {
    const { area } = chart;
    const marker = (tag: string, row: number, column: number) =>
      `<xdr:${tag}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
    return (
      `<xdr:twoCellAnchor editAs="oneCell">${marker("from", area.top, area.left)}${marker("to", area.bottom + 1, area.right + 1)}` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="Chart ${i + 1}" descr="${encodeXml(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" xmlns:r="${NS.relationships}" r:id="rId${i + 1}"/></a:graphicData></a:graphic>` +
      `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return `${XML_DECLARATION}<xdr:wsDr xmlns:xdr="${NS.drawing}" xmlns:a="${NS.main}">${anchors.join("")}</xdr:wsDr>`;
}

/** The cells of a one-column rectangle with the number format of their column, from the layout's regions. */
function cellsOf(layout: SheetLayout, rect: CellRect): { values: Cell[]; format: string } {
  const values: Cell[] = [];
  let format = GENERAL_FORMAT;
  for (let row = rect.top; row <= rect.bottom; row++) {
    const region = layout.regions.find((r) => r.top <= row && row < r.top + r.rows.length && r.left <= rect.left && rect.left < r.left + r.columnFormats.length);
    const j = region ? rect.left - region.left : 0;
    values.push(region ? (region.rows[row - region.top][j] ?? null) : null);
    if (region) format = region.columnFormats[j];
  }
  return { values, format };
}

function reference(layout: SheetLayout, rect: CellRect): string {
  const corner = (row: number, column: number) => `$${columnLetters(column)}$${row + 1}`;
  const from = corner(rect.top, rect.left);
  const to = corner(rect.bottom, rect.right);
  return `${encodeXml(quoteSheetName(layout.name))}!${from === to ? from : `${from}:${to}`}`;
}

function stringCache(values: readonly Cell[]): string {
  const points = values.map((v, i) => (v === null ? "" : `<c:pt idx="${i}"><c:v>${encodeXml(String(v))}</c:v></c:pt>`));
  return `<c:strCache><c:ptCount val="${values.length}"/>${points.join("")}</c:strCache>`;
}

function numberCache(values: readonly Cell[], format: string): string {
  const points = values.map((v, i) => (typeof v === "number" && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : ""));
  return `<c:numCache><c:formatCode>${encodeXml(format)}</c:formatCode><c:ptCount val="${values.length}"/>${points.join("")}</c:numCache>`;
}

/** The category labels, and their number format when they are numbers (dates, ages); null when text. */
function categoriesOf(layout: SheetLayout, chart: LaidChart): { values: Cell[]; numberFormat: string | null } {
  const { values, format } = cellsOf(layout, chart.categories);
  const numeric = values.every((v) => v === null || typeof v === "number") && values.some((v) => v !== null);
  return { values, numberFormat: numeric ? format : null };
}

/** Categories: numbers as numbers with their format, anything else as text. */
function categoriesXml(layout: SheetLayout, chart: LaidChart): string {
  const { values, numberFormat: format } = categoriesOf(layout, chart);
  const ref = reference(layout, chart.categories);
  return format !== null
    ? `<c:cat><c:numRef><c:f>${ref}</c:f>${numberCache(values, format)}</c:numRef></c:cat>`
    : `<c:cat><c:strRef><c:f>${ref}</c:f>${stringCache(values)}</c:strRef></c:cat>`;
}

function seriesXml(layout: SheetLayout, chart: LaidChart, index: number): string {
  const series = chart.series[index];
  const header: CellRect = { ...series.values, top: series.values.top - 1, bottom: series.values.top - 1 };
  const { values, format } = cellsOf(layout, series.values);
  const name = `<c:tx><c:strRef><c:f>${reference(layout, header)}</c:f>${stringCache([series.name])}</c:strRef></c:tx>`;
  const fanLine = chart.fan ? fanLineOf(index, chart.series.length) : null;
  const look =
    fanLine !== null
      ? `<c:spPr><a:ln w="${fanLine.points * 12700}" cap="rnd"><a:solidFill><a:srgbClr val="${fanLine.color.slice(1)}"/></a:solidFill>` +
        `${fanLine.dashed ? `<a:prstDash val="dash"/>` : ""}<a:round/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>`
      : chart.type === "line"
      ? `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:schemeClr val="accent${index + 1}"/></a:solidFill><a:round/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>`
      : chart.type === "pie"
        ? ""
        : `<c:spPr><a:solidFill><a:schemeClr val="accent${index + 1}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>`;
  const valueXml = `<c:val><c:numRef><c:f>${reference(layout, series.values)}</c:f>${numberCache(values, format)}</c:numRef></c:val>`;
  const tail = chart.type === "line" ? `<c:smooth val="0"/>` : "";
  return `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>${name}${look}${categoriesXml(layout, chart)}${valueXml}${tail}</c:ser>`;
}

/** True for a number format that shows a date (the layout's date columns: dd/mm/yyyy). */
function isDateFormat(format: string): boolean {
  return /[dy]/i.test(format.replace(/"[^"]*"/g, ""));
}

/**
 * The category and value axes. Dates (the forecast's months) go on a date axis labelled every
 * three months; as plain categories a viewer would label every one of them, each as a serial.
 */
function axesXml(chart: LaidChart, categoryFormat: string | null, valueFormat: string): string {
  const horizontal = chart.type === "bar";
  const common = (id: number, position: string) =>
    `<c:axId val="${id}"/><c:scaling><c:orientation val="${horizontal && id === CATEGORY_AXIS ? "maxMin" : "minMax"}"/></c:scaling><c:delete val="0"/><c:axPos val="${position}"/>`;
  const ticks = `<c:majorTickMark val="out"/><c:minorTickMark val="none"/>`;
  const categoryAxis =
    categoryFormat !== null && isDateFormat(categoryFormat)
      ? `<c:dateAx>${common(CATEGORY_AXIS, "b")}<c:numFmt formatCode="mmm yy" sourceLinked="0"/>${ticks}<c:tickLblPos val="low"/>` +
        `<c:crossAx val="${VALUE_AXIS}"/><c:crosses val="autoZero"/><c:auto val="0"/><c:lblOffset val="100"/><c:baseTimeUnit val="days"/><c:majorUnit val="3"/><c:majorTimeUnit val="months"/></c:dateAx>`
      : `<c:catAx>${common(CATEGORY_AXIS, horizontal ? "l" : "b")}<c:numFmt formatCode="General" sourceLinked="1"/>${ticks}<c:tickLblPos val="low"/>` +
        `<c:crossAx val="${VALUE_AXIS}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  return (
    categoryAxis +
    `<c:valAx>${common(VALUE_AXIS, horizontal ? "b" : "l")}` +
    `<c:majorGridlines><c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>` +
    `<c:numFmt formatCode="${encodeXml(valueFormat)}" sourceLinked="0"/>${ticks}<c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${CATEGORY_AXIS}"/><c:crosses val="${horizontal ? "max" : "autoZero"}"/><c:crossBetween val="between"/></c:valAx>`
  );
}

/** The chart as Excel's "Insert chart" would make it: title, one series per column, a legend when there is more than one. */
export function chartXml(chart: LaidChart, layout: SheetLayout): string {
  const series = chart.series.map((_, i) => seriesXml(layout, chart, i)).join("");
  const axisIds = `<c:axId val="${CATEGORY_AXIS}"/><c:axId val="${VALUE_AXIS}"/>`;
  const axes = () => axesXml(chart, categoriesOf(layout, chart).numberFormat, cellsOf(layout, chart.series[0].values).format);
  const plot =
    chart.type === "pie"
      ? `<c:pieChart><c:varyColors val="1"/>${series}<c:firstSliceAng val="0"/></c:pieChart>`
      : chart.type === "line"
        ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axisIds}</c:lineChart>${axes()}`
        : `<c:barChart><c:barDir val="${chart.type === "bar" ? "bar" : "col"}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="80"/>${axisIds}</c:barChart>${axes()}`;
  const legend = chart.series.length > 1 || chart.type === "pie" ? `<c:legend><c:legendPos val="${chart.type === "pie" ? "r" : "b"}"/><c:overlay val="0"/></c:legend>` : "";
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1400" b="1"/></a:pPr><a:r><a:rPr lang="en-GB" sz="1400" b="1"/><a:t>${encodeXml(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`;
  return (
    `${XML_DECLARATION}<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.main}" xmlns:r="${NS.relationships}"><c:roundedCorners val="0"/>` +
    `<c:chart>${title}<c:plotArea><c:layout/>${plot}</c:plotArea>${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1000"><a:latin typeface="Calibri"/></a:defRPr></a:pPr><a:endParaRPr lang="en-GB"/></a:p></c:txPr>` +
    `</c:chartSpace>`
  );
}
