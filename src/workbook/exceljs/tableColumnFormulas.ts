/**
 * ExcelJS 4.4 cannot load a table whose columns carry a formula of their own: a calculated column
 * (`<calculatedColumnFormula>`), or a totals cell holding a formula, which Excel saves as
 * `<totalsRowFormula>` — as it does for the averages' totals the add-in writes. Its parser loses
 * its place at the first such column and the whole load fails, so a workbook refreshed by the
 * add-in, or any user table with a calculated column, could not be refreshed from the command
 * line. This sets those parts of each table column aside before ExcelJS parses the table and puts
 * them back, unchanged, when the workbook is saved.
 *
 * It wraps two methods of the ExcelJS workbook's own XLSX reader/writer (one instance, not the
 * package); if a later ExcelJS renames them, the workbook is left as ExcelJS made it.
 */

import type ExcelJS from "exceljs";

/** What ExcelJS's table parser keeps of a column, plus what was set aside. */
interface TableColumnModel {
  /** The column element's inner XML as the file had it, written back as it was. */
  keptXml?: string;
}

interface TableModel {
  target?: string;
  columns: TableColumnModel[];
}

interface XlsxInternals {
  _processTableEntry(stream: AsyncIterable<unknown> | unknown[], model: { tables: Record<string, TableModel> }, name: string): Promise<void>;
  addTables(zip: ZipLike, model: { worksheets: { tables?: TableModel[] }[] }): void;
}

interface ZipLike {
  append(data: string, options: { name: string }): void;
}

/** A table column element: self-closing (attributes in group 1), or with content (attributes in 2, content in 3). */
const COLUMN = /<tableColumn\b([^>]*?)\/>|<tableColumn\b([^>]*?)>([\s\S]*?)<\/tableColumn>/g;

export function keepTableColumnFormulas(book: ExcelJS.Workbook): void {
  const xlsx = book.xlsx as unknown as Partial<XlsxInternals>;
  const processTable = xlsx._processTableEntry;
  const addTables = xlsx.addTables;
  if (typeof processTable !== "function" || typeof addTables !== "function") return;

  xlsx._processTableEntry = async (stream, model, name) => {
    let xml = "";
    for await (const chunk of stream as AsyncIterable<unknown>) xml += String(chunk);
    const kept: (string | undefined)[] = [];
    const cleaned = xml.replace(COLUMN, (whole, _empty: string | undefined, attributes: string | undefined, inner: string | undefined) => {
      kept.push(inner);
      return inner === undefined ? whole : `<tableColumn${attributes}/>`;
    });
    await processTable.call(xlsx, [cleaned], model, name);
    const table = model.tables[`../tables/${name}.xml`];
    kept.forEach((inner, i) => {
      if (inner !== undefined && inner.trim() !== "" && table?.columns[i]) table.columns[i].keptXml = inner;
    });
  };

  xlsx.addTables = (zip, model) => {
    const tables = model.worksheets.flatMap((sheet) => sheet.tables ?? []);
    addTables.call(xlsx, {
      append: (data, options) => {
        const table = tables.find((t) => `xl/tables/${t.target}` === options.name);
        zip.append(table && table.columns.some((c) => c.keptXml !== undefined) ? withKeptXml(data, table) : data, options);
      },
    }, model);
  };
}

/** The table's XML with each column's set-aside content back inside its element. */
function withKeptXml(xml: string, table: TableModel): string {
  let index = 0;
  return xml.replace(COLUMN, (whole, attributes: string | undefined) => {
    const kept = table.columns[index++]?.keptXml;
    return kept === undefined || attributes === undefined ? whole : `<tableColumn${attributes}>${kept}</tableColumn>`;
  });
}
