/**
 * A stand-in for Excel behind Office.js, for the Office adapter's tests. Every object the
 * adapter gets (worksheet, range, table, chart, named item…) is an office-addin-mock
 * OfficeMockObject, so a property read before load() and context.sync() gives the library's
 * "not loaded" / "sync was not called" text instead of a value, as in Excel. Around each one a
 * recorder queues what the adapter does — property sets and method calls — as operations that
 * reach the fake workbook only at context.sync(), in order, like Office.js batches; a failing
 * operation stops the rest of its batch. Each sync is one request: its payload is measured as
 * the UTF-8 bytes of the JSON of what it carries, independently of the adapter's own estimate.
 *
 * The fake workbook follows Excel where the adapter relies on it: strings written as values are
 * parsed as typed (=, +, -, @ start a formula; "00123" becomes a number) unless the cell's
 * number format is Text; sheet, table and defined names are unique regardless of case; renaming
 * a table rewrites formulas that name it; deleting a sheet turns names that point at it into #REF!.
 * A user's formula that points into another sheet or a table (refer, referToTable) holds the
 * sheet or table object itself, as Excel does: it follows a rename and shows #REF! once its
 * target is deleted, whatever is later added under the same name.
 */

import { OfficeMockObject } from "office-addin-mock";
import { dayFromYmd, excelSerialOfDay } from "../../src/engine/dates";

// office-addin-mock needs only the OfficeApp names from office-addin-manifest, whose own
// dependency chain reaches an ES-module-only package (strip-bom) that Jest's CommonJS runtime cannot load.
jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
}));

/** Tests import the library from here, after the stand-in above is in place. */
export { OfficeMockObject };

type Value = string | number | boolean;

/** An Office object as the adapter sees it: properties and methods of any shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OfficeObject = Record<string, any>;
interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface FakeCell {
  value: Value | null;
  formula?: string;
  format: string;
  /** A formula of the user's pointing at a cell of a sheet, or at a table's column, by the object. */
  reference?: { sheet: FakeSheet; address: string } | { table: FakeTable; column: string; columnIndex: number; fn: string };
}

/** One format property set on a range, e.g. { address: "A9:H9", property: "font.bold", value: true }. */
export interface FormatWrite {
  address: string;
  property: string;
  value: unknown;
}

export class FakeSheet {
  visibility = "Visible";
  readonly cells = new Map<string, FakeCell>();
  readonly widths = new Map<number, number>();
  readonly heights = new Map<number, number>();
  /** Format properties in the order they were set; a later write to a cell wins. */
  readonly formats: FormatWrite[] = [];
  readonly merges: string[] = [];
  /** Worksheet.pageLayout as set, with the print title rows under "printTitleRows". */
  readonly page: Record<string, unknown> = {};
  readonly charts: FakeChart[] = [];
  /** The handlers added to the sheet's onChanged event, called on each change the user makes (FakeExcel.typeByUser). */
  readonly changeHandlers: ((event: object) => Promise<unknown>)[] = [];
  constructor(public name: string) {}

  /** A cell's format properties as the writes left them, e.g. { "font.bold": true, "fill.color": "#DDEBF7" }. */
  lookAt(address: string): Record<string, unknown> {
    const { top, left } = parseRect(address);
    const look: Record<string, unknown> = {};
    for (const write of this.formats) {
      const rect = parseRect(write.address);
      if (!(top >= rect.top && top <= rect.bottom && left >= rect.left && left <= rect.right)) continue;
      if (write.property === "clear") for (const key of Object.keys(look)) delete look[key];
      else look[write.property] = write.value;
    }
    return look;
  }
}

export interface FakeTable {
  name: string;
  /** Set when the table is gone: deleted with its sheet, or turned back into cells. */
  gone?: "deleted" | "converted";
  sheet: FakeSheet;
  rect: Rect;
  showTotals: boolean;
  style: string;
  showBandedRows: boolean;
  showFilterButton: boolean;
}

export interface FakeChart {
  type: string;
  title: string;
  legend: boolean;
  position: [string, string] | null;
  series: { name: string; values: string; categories: string | null; line?: { color?: string; weight?: number; lineStyle?: string } }[];
}

interface FakeName {
  name: string;
  sheet: FakeSheet | null;
  address: string;
  comment: string;
}

interface Operation {
  what: string;
  bytes: number;
  apply: () => void;
}

export interface Request {
  bytes: number;
  operations: number;
  /** What Excel sends back: the JSON of the properties loaded. */
  responseBytes: number;
}

/** The syncs that fail (0-based, counted over the fake's life), and how. */
export interface Failure {
  atSyncs: number[];
  /** "lost": the request never reaches Excel; "operation": Excel applies the batch up to an operation matching `operation` and stops there. */
  kind: "lost" | "operation";
  operation?: RegExp;
}

const OPERATION_OVERHEAD_BYTES = 64;

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly names: FakeName[] = [];
  /** The workbook's date system: DATE(1904, 1, 1) is 0 counting from 1904, 1,462 counting from 1900. */
  dateSystem: 1900 | 1904 = 1900;
  active: FakeSheet;
  readonly requests: Request[] = [];
  failure: Failure | null = null;
  /** Excel's limit on a request and on a response. */
  payloadLimitBytes = 5 * 1024 * 1024;
  private pending: Operation[] = [];
  private afterSync: (() => void)[] = [];
  private tableCounter = 0;

  constructor(sheetNames: string[] = ["Sheet1"]) {
    for (const name of sheetNames) this.sheets.push(new FakeSheet(name));
    this.active = this.sheets[0];
  }

  /** Excel.run as the adapter calls it. */
  run = async <T>(batch: (context: never) => Promise<T>): Promise<T> => {
    const context = this.context();
    try {
      return await batch(context as never);
    } finally {
      this.pending = [];
      this.afterSync = [];
    }
  };

  get syncs(): number {
    return this.requests.length;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => same(s.name, name));
  }

  /** A cell as the user would see it: its formula, else its value. */
  cell(sheetName: string, address: string): Value | null {
    const sheet = this.sheet(sheetName);
    const cell = sheet?.cells.get(address.toUpperCase());
    if (!cell) return null;
    if (cell.reference) return this.referenceFormula(cell.reference);
    return cell.formula ?? cell.value;
  }

  /** Puts a formula of the user's in a cell that points at a cell of another sheet: ='That sheet'!C12. */
  refer(sheetName: string, address: string, target: { sheet: string; address: string }): void {
    const sheet = must(this.sheet(sheetName) ?? null);
    sheet.cells.set(address.toUpperCase(), { value: null, format: "General", reference: { sheet: must(this.sheet(target.sheet) ?? null), address: target.address } });
  }

  /** Puts a formula of the user's in a cell that sums a table's column: =SUM(Table[Column]). */
  referToTable(sheetName: string, address: string, tableName: string, column: string): void {
    const sheet = must(this.sheet(sheetName) ?? null);
    const table = must(this.tables.find((t) => same(t.name, tableName)) ?? null);
    // Excel knows the column itself, not its header's text: it follows the column when the header changes.
    const columnIndex = columns(table.rect).findIndex((c) => {
      const header = table.sheet.cells.get(a1(table.rect.top, c))?.value;
      return typeof header === "string" && same(header, column);
    });
    if (columnIndex === -1) throw new Error(`table ${tableName} has no column ${column}`);
    sheet.cells.set(address.toUpperCase(), { value: null, format: "General", reference: { table, column, columnIndex, fn: "SUM" } });
  }

  /** The sheet a user's formula points at, while it exists. */
  referredSheet(sheetName: string, address: string): FakeSheet | null {
    const reference = this.sheet(sheetName)?.cells.get(address.toUpperCase())?.reference;
    return reference && "sheet" in reference && this.sheets.includes(reference.sheet) ? reference.sheet : null;
  }

  private referenceFormula(reference: NonNullable<FakeCell["reference"]>): string {
    if ("sheet" in reference) return this.sheets.includes(reference.sheet) ? `=${quote(reference.sheet.name)}!${reference.address}` : "=#REF!";
    const { table, column, columnIndex, fn } = reference;
    if (table.gone === "deleted") return `=${fn}(#REF!)`;
    if (table.gone === "converted") {
      // Excel rewrites the structured reference as the cells the column held.
      const j = table.rect.left + columnIndex;
      return `=${fn}(${quote(table.sheet.name)}!${a1(table.rect.top + 1, j)}:${a1(table.rect.bottom - (table.showTotals ? 1 : 0), j)})`;
    }
    return `=${fn}(${table.name}[${column}])`;
  }

  /** A user's typing in a cell: the value lands, then Excel calls each handler of the sheet's onChanged event. */
  async typeByUser(sheetName: string, address: string, value: Value): Promise<void> {
    const sheet = must(this.sheet(sheetName) ?? null);
    const { format } = sheet.cells.get(address.toUpperCase()) ?? { format: "General" };
    sheet.cells.set(address.toUpperCase(), { value, format });
    await Promise.all(sheet.changeHandlers.map((handler) => handler({ address, worksheetId: sheet.name, changeType: "RangeEdited", source: "Local" })));
  }

  /** Everything the workbook holds, in a form two states can be compared by. */
  snapshot(): unknown {
    return {
      sheets: this.sheets.map((s) => ({
        name: s.name,
        visibility: s.visibility,
        cells: [...s.cells.entries()].map(([key, cell]) => [key, cell.reference ? { ...cell, reference: this.referenceFormula(cell.reference) } : cell]).sort(([a], [b]) => (a < b ? -1 : 1)),
        widths: [...s.widths.entries()].sort(([a], [b]) => a - b),
        heights: [...s.heights.entries()].sort(([a], [b]) => a - b),
        formats: s.formats,
        merges: s.merges,
        page: s.page,
        charts: s.charts,
      })),
      tables: this.tables.map((t) => ({ ...t, sheet: t.sheet.name })).sort((a, b) => (a.name < b.name ? -1 : 1)),
      names: this.names.map((n) => ({ ...n, sheet: n.sheet?.name ?? null })).sort((a, b) => (a.name < b.name ? -1 : 1)),
      active: this.active.name,
    };
  }

  // --- requests -------------------------------------------------------------------------

  private queue(what: string, payload: unknown, apply: () => void): void {
    const bytes = OPERATION_OVERHEAD_BYTES + Buffer.byteLength(JSON.stringify(payload ?? null), "utf8");
    this.pending.push({ what, bytes, apply });
  }

  private respond(loaded: unknown): void {
    this.requests[this.requests.length - 1].responseBytes += Buffer.byteLength(JSON.stringify(loaded), "utf8");
  }

  private async sync(): Promise<void> {
    const batch = this.pending;
    const after = this.afterSync;
    this.pending = [];
    this.afterSync = [];
    const index = this.requests.length;
    this.requests.push({ bytes: batch.reduce((sum, op) => sum + op.bytes, 0), operations: batch.length, responseBytes: 0 });
    const failure = this.failure && this.failure.atSyncs.includes(index) ? this.failure : null;
    if (failure?.kind === "lost") throw new Error("RichApi.Error: the connection to Excel was lost");
    const request = this.requests[index];
    if (request.bytes > this.payloadLimitBytes) throw payloadError("RequestPayloadSizeLimitExceeded");
    for (const op of batch) {
      if (failure?.kind === "operation" && failure.operation?.test(op.what)) throw new Error(`RichApi.Error: ${op.what} failed`);
      op.apply();
    }
    if (request.responseBytes > this.payloadLimitBytes) throw payloadError("ResponsePayloadSizeLimitExceeded");
    for (const fill of after) fill();
  }

  // --- the object model -----------------------------------------------------------------

  private context() {
    const workbook = this.object("workbook", () => this, {}, {}, {});
    const context = new OfficeMockObject({ sync: () => this.sync() }) as unknown as Record<string, unknown>;
    context.workbook = workbook;
    workbook.worksheets = this.worksheetCollection();
    workbook.names = this.nameCollection();
    workbook.tables = this.tableCollection();
    workbook.functions = {
      date: (year: number, month: number, day: number) =>
        this.object("functionResult", () => this, { value: (excel) => excelSerialOfDay(dayFromYmd(year, month, day)) - (excel.dateSystem === 1904 ? 1_462 : 0) }, {}, {}),
    };
    return context;
  }

  /**
   * An Office object: an OfficeMockObject holding the loadable properties, behind a recorder.
   * `resolve` finds the real thing when an operation reaches the fake workbook (it may not exist
   * yet when the adapter queues the call, e.g. a sheet still to be added). `__raw` is the mock
   * itself, for filling loaded values without recording them as writes.
   */
  private object<T>(
    kind: string,
    resolve: () => T | null,
    loadable: Record<string, (target: T) => unknown>,
    settable: Record<string, (target: T, value: never) => void>,
    methods: Record<string, (...args: never[]) => unknown>,
    customLoad?: (properties: string) => unknown,
  ): OfficeObject {
    const placeholders: Record<string, unknown> = { isNullObject: false };
    for (const key of Object.keys(loadable)) placeholders[key] = 0;
    const mock = new OfficeMockObject(placeholders) as unknown as OfficeObject;
    Object.assign(mock, methods);
    const load = (properties?: string | string[]) => {
      const wanted = (Array.isArray(properties) ? properties : String(properties ?? "").split(",")).map((p) => p.trim()).filter(Boolean);
      const unknown = wanted.filter((p) => !(p in loadable));
      if (unknown.length > 0) throw new Error(`${kind}.load: the mock has no ${unknown.join(", ")}`);
      (mock.load as (p: string[]) => void).call(mock, wanted);
      let loaded: Record<string, unknown> = {};
      this.queue(`${kind}.load`, wanted, () => {
        const target = resolve();
        loaded = target === null ? { isNullObject: true } : Object.fromEntries(wanted.map((p) => [p, loadable[p](target)]));
        this.respond(loaded);
      });
      this.afterSync.push(() => {
        mock.isNullObject = loaded.isNullObject === true;
        for (const p of wanted) if (p in loaded) mock[p] = loaded[p];
      });
      return recorder;
    };
    const recorder: OfficeObject = new Proxy(mock, {
      get: (target, property, receiver) => {
        if (property === "load") return customLoad ?? load;
        if (property === "__raw") return mock;
        return Reflect.get(target, property, receiver);
      },
      set: (target, property, value) => {
        if (typeof property === "string" && property in settable) {
          this.queue(`${kind}.${property}`, value, () => {
            const found = resolve();
            if (found === null) throw new Error(`${kind} not found`);
            settable[property](found, value as never);
          });
        }
        target[property as string] = value;
        return true;
      },
    });
    return recorder;
  }

  /**
   * A collection whose `load("items/a,items/b/c")` gives its items, each with those properties
   * filled in after the sync.
   */
  private collection(kind: string, items: () => OfficeObject[], methods: Record<string, (...args: never[]) => unknown>): OfficeObject {
    const load = (properties: string): OfficeObject => {
      const paths = properties.split(",").map((p) => p.trim().replace(/^items\//, ""));
      let found: OfficeObject[] = [];
      this.queue(`${kind}.load`, paths, () => (found = items()));
      this.afterSync.push(() => {
        for (const item of found) item.__fill(paths);
        collection.__raw.items = found;
      });
      return collection;
    };
    const collection: OfficeObject = this.object(kind, () => this, {}, {}, methods, load);
    return collection;
  }

  private worksheetCollection() {
    return this.collection("worksheets", () => this.sheets.map((s) => this.worksheet(() => s)), {
      add: (name: string) => {
        let added: FakeSheet | null = null;
        this.queue("worksheets.add", name, () => {
          if (this.sheet(name)) throw new Error(`a sheet called ${name} exists`);
          added = new FakeSheet(name);
          this.sheets.push(added);
        });
        return this.worksheet(() => added);
      },
      getItem: (name: string) =>
        this.worksheet(() => {
          const found = this.sheet(name);
          if (!found) throw new Error(`ItemNotFound: sheet ${name}`);
          return found;
        }),
      getItemOrNullObject: (name: string) => this.worksheet(() => this.sheet(name) ?? null),
      getActiveWorksheet: () => this.worksheet(() => this.active),
    });
  }

  private worksheet(resolve: () => FakeSheet | null): OfficeObject {
    const sheet = this.object<FakeSheet>(
      "worksheet",
      resolve,
      { name: (s) => s.name, visibility: (s) => s.visibility, position: (s) => this.sheets.indexOf(s) },
      {
        name: (s, name: string) => {
          if (this.sheets.some((o) => o !== s && same(o.name, name))) throw new Error(`a sheet called ${name} exists`);
          s.name = name;
        },
        visibility: (s, visibility: string) => {
          if (visibility !== "Visible" && this.sheets.filter((o) => o !== s && o.visibility === "Visible").length === 0) throw new Error("the last visible sheet cannot be hidden");
          s.visibility = visibility;
        },
        position: (s, position: number) => {
          this.sheets.splice(this.sheets.indexOf(s), 1);
          this.sheets.splice(Math.min(position, this.sheets.length), 0, s);
        },
      },
      {
        delete: () => this.queue("worksheet.delete", null, () => this.deleteSheet(must(resolve()))),
        activate: () => this.queue("worksheet.activate", null, () => (this.active = must(resolve()))),
        // No address: the whole sheet.
        getRange: (address?: string) => this.range(() => must(resolve()), address ?? WHOLE_SHEET),
        getUsedRangeOrNullObject: () => this.usedRange(() => must(resolve())),
      },
    );
    sheet.onChanged = {
      add: (handler: (event: object) => Promise<unknown>) => {
        this.queue("worksheet.onChanged.add", null, () => must(resolve()).changeHandlers.push(handler));
        return {
          context: {},
          remove: () =>
            this.queue("worksheet.onChanged.remove", null, () => {
              const handlers = resolve()?.changeHandlers ?? [];
              if (handlers.includes(handler)) handlers.splice(handlers.indexOf(handler), 1);
            }),
        };
      },
    };
    sheet.tables = this.object("tables", () => must(resolve()), {}, {}, {
      add: (address: string, hasHeaders: boolean) => {
        let added: FakeTable | null = null;
        this.queue("tables.add", [address, hasHeaders], () => {
          const s = must(resolve());
          const rect = parseRect(address);
          this.tableCounter += 1;
          added = { name: `Table${this.tableCounter}`, sheet: s, rect, showTotals: false, style: "TableStyleMedium2", showBandedRows: true, showFilterButton: true };
          if (this.tables.some((t) => t.sheet === s && overlaps(t.rect, rect))) throw new Error("tables cannot overlap");
          this.tables.push(added);
        });
        return this.table(() => added);
      },
    });
    sheet.charts = this.collection("charts", () => must(resolve()).charts.map((c) => this.chart(c, resolve)), {
      add: (type: string, source: OfficeObject, seriesBy: string) => {
        const chart: FakeChart = { type, title: "", legend: true, position: null, series: [] };
        this.queue("charts.add", [type, source.__address, seriesBy], () => {
          chart.series.push({ name: "Series1", values: source.__address, categories: null });
          must(resolve()).charts.push(chart);
        });
        return this.chart(chart, resolve);
      },
    });
    const pageProperty = (property: string) => (s: FakeSheet, value: unknown) => (s.page[property] = value);
    sheet.pageLayout = this.object<FakeSheet>(
      "pageLayout",
      () => must(resolve()),
      {},
      Object.fromEntries(["orientation", "paperSize", "zoom", "leftMargin", "rightMargin", "topMargin", "bottomMargin", "headerMargin", "footerMargin"].map((p) => [p, pageProperty(p)])),
      {
        setPrintTitleRows: (rows: string) => this.queue("pageLayout.setPrintTitleRows", rows, () => (must(resolve()).page.printTitleRows = rows)),
      },
    );
    sheet.__fill = (paths: string[]) => {
      const target = resolve();
      if (!target) return;
      if (paths.includes("name")) sheet.__raw.name = target.name;
      if (paths.includes("visibility")) sheet.__raw.visibility = target.visibility;
      if (paths.includes("position")) sheet.__raw.position = this.sheets.indexOf(target);
    };
    return sheet;
  }

  private deleteSheet(sheet: FakeSheet): void {
    if (this.sheets.filter((s) => s !== sheet && s.visibility === "Visible").length === 0) throw new Error("the last visible sheet cannot be deleted");
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    for (let i = this.tables.length - 1; i >= 0; i--) {
      if (this.tables[i].sheet !== sheet) continue;
      this.tables[i].gone = "deleted";
      this.tables.splice(i, 1);
    }
    for (const name of this.names) if (name.sheet === sheet) name.sheet = null;
    if (this.active === sheet) this.active = this.sheets.find((s) => s.visibility === "Visible") as FakeSheet;
  }

  /** A range at an address, or (lazyRect) at cells known only once the batch reaches the workbook. */
  private range(sheetOf: () => FakeSheet, address: string, lazyRect?: () => Rect): OfficeObject {
    const rectOf = () => (lazyRect ? lazyRect() : parseRect(address));
    const write = (property: "values" | "numberFormat" | "formulas") => (sheet: FakeSheet, grid: Value[][]) => {
      const rect = rectOf();
      const rows = rect.bottom - rect.top + 1;
      const columns = rect.right - rect.left + 1;
      if (!Array.isArray(grid) || grid.length !== rows || grid.some((row) => !Array.isArray(row) || row.length !== columns)) {
        throw new Error(`InvalidArgument: ${property} of ${address} must be ${rows}×${columns}`);
      }
      grid.forEach((row, i) =>
        row.forEach((value, j) => {
          const key = a1(rect.top + i, rect.left + j);
          const cell = sheet.cells.get(key) ?? { value: null, format: "General" };
          if (property === "numberFormat") cell.format = String(value);
          else typeInto(cell, value);
          if (cell.value === null && cell.formula === undefined && cell.format === "General") sheet.cells.delete(key);
          else sheet.cells.set(key, cell);
        }),
      );
    };
    const range = this.object<FakeSheet>(
      "range",
      sheetOf,
      {
        address: (s) => `${quote(s.name)}!${address}`,
        values: (s) => {
          const rect = rectOf();
          return rows(rect).map((r) => columns(rect).map((c) => s.cells.get(a1(r, c))?.value ?? ""));
        },
        rowCount: () => rectOf().bottom - rectOf().top + 1,
        columnCount: () => rectOf().right - rectOf().left + 1,
      },
      { values: write("values"), numberFormat: write("numberFormat"), formulas: write("formulas") },
      {},
    );
    range.__address = address;
    range.__sheetOf = sheetOf;
    const record = (property: string) => (s: FakeSheet, value: unknown) => s.formats.push({ address, property, value });
    const recordAll = (prefix: string, properties: string[]) => Object.fromEntries(properties.map((p) => [p, record(`${prefix}${p}`)]));
    range.format = this.object<FakeSheet>(
      "format",
      sheetOf,
      {},
      {
        columnWidth: (s, points: number) => {
          for (const c of columns(rectOf())) s.widths.set(c, points);
        },
        rowHeight: (s, points: number) => {
          for (const r of rows(rectOf())) s.heights.set(r, points);
        },
        // Only ever set to true, as Office.js documents.
        useStandardWidth: (s) => {
          const rect = rectOf();
          for (const c of [...s.widths.keys()]) if (c >= rect.left && c <= rect.right) s.widths.delete(c);
        },
        useStandardHeight: (s) => {
          const rect = rectOf();
          for (const r of [...s.heights.keys()]) if (r >= rect.top && r <= rect.bottom) s.heights.delete(r);
        },
        ...recordAll("", ["horizontalAlignment", "verticalAlignment", "wrapText", "indentLevel"]),
      },
      {},
    );
    range.format.font = this.object<FakeSheet>("font", sheetOf, {}, recordAll("font.", ["name", "size", "bold", "italic", "color"]), {});
    range.format.fill = this.object<FakeSheet>("fill", sheetOf, {}, recordAll("fill.", ["color"]), {});
    range.format.borders = this.object<FakeSheet>("borders", sheetOf, {}, {}, {
      getItem: (edge: string) => this.object<FakeSheet>("border", sheetOf, {}, recordAll(`border.${edge}.`, ["style", "weight", "color"]), {}),
    });
    range.clear = (applyTo: "All" | "Formats" | "Contents" = "All") =>
      this.queue("range.clear", [address, applyTo], () => {
        const s = sheetOf();
        const rect = rectOf();
        for (const [key, cell] of [...s.cells]) {
          if (!overlaps(parseRect(key), rect)) continue;
          if (applyTo !== "Formats") {
            cell.value = null;
            delete cell.formula;
          }
          if (applyTo !== "Contents") cell.format = "General";
          if (cell.value === null && cell.formula === undefined && cell.format === "General") s.cells.delete(key);
        }
        if (applyTo === "Contents") return;
        // Formats wholly inside the range go; one reaching outside it stays there, cleared inside.
        const kept = s.formats.filter((f) => !contains(rect, parseRect(f.address)));
        s.formats.splice(0, s.formats.length, ...kept);
        if (kept.some((f) => overlaps(parseRect(f.address), rect))) s.formats.push({ address: rectText(rect), property: "clear", value: null });
      });
    range.unmerge = () =>
      this.queue("range.unmerge", address, () => {
        const s = sheetOf();
        const kept = s.merges.filter((m) => !overlaps(parseRect(m), rectOf()));
        s.merges.splice(0, s.merges.length, ...kept);
      });
    range.merge = (across: boolean) =>
      this.queue("range.merge", [address, across], () => {
        const s = sheetOf();
        if (s.merges.some((m) => overlaps(parseRect(m), rectOf()))) throw new Error("InvalidArgument: merged ranges cannot overlap");
        s.merges.push(address);
      });
    return range;
  }

  private usedRange(sheetOf: () => FakeSheet): OfficeObject {
    const rectOf = (s: FakeSheet): Rect | null => {
      let rect: Rect | null = null;
      for (const [key, cell] of s.cells) {
        if (cell.value === null && cell.formula === undefined) continue;
        const { top, left } = parseRect(key);
        rect = rect ? { top: Math.min(rect.top, top), left: Math.min(rect.left, left), bottom: Math.max(rect.bottom, top), right: Math.max(rect.right, left) } : { top, left, bottom: top, right: left };
      }
      return rect;
    };
    return this.object<{ s: FakeSheet; rect: Rect }>(
      "usedRange",
      () => {
        const s = sheetOf();
        const rect = rectOf(s);
        return rect ? { s, rect } : null;
      },
      {
        address: ({ s, rect }) => `${quote(s.name)}!${a1(rect.top, rect.left)}:${a1(rect.bottom, rect.right)}`,
        rowCount: ({ rect }) => rect.bottom - rect.top + 1,
        columnCount: ({ rect }) => rect.right - rect.left + 1,
      },
      {},
      {},
    );
  }

  private tableCollection() {
    return this.collection("tables", () => this.tables.map((t) => this.table(() => t)), {
      getItemOrNullObject: (name: string) => this.table(() => this.tables.find((t) => same(t.name, name)) ?? null),
      getItem: (name: string) =>
        this.table(() => {
          const found = this.tables.find((t) => same(t.name, name));
          if (!found) throw new Error(`ItemNotFound: table ${name}`);
          return found;
        }),
    });
  }

  private table(resolve: () => FakeTable | null): OfficeObject {
    const rangeOver = (rectOf: (t: FakeTable) => Rect) => {
      const t = () => must(resolve());
      return this.object<FakeTable>(
        "tableRange",
        t,
        {
          address: (table) => `${quote(table.sheet.name)}!${rectText(rectOf(table))}`,
          values: (table) => {
            const rect = rectOf(table);
            return rows(rect).map((r) => columns(rect).map((c) => table.sheet.cells.get(a1(r, c))?.value ?? ""));
          },
          rowCount: (table) => rectOf(table).bottom - rectOf(table).top + 1,
        },
        {},
        {},
      );
    };
    const table = this.object<FakeTable>(
      "table",
      resolve,
      { name: (t) => t.name, showTotals: (t) => t.showTotals },
      {
        name: (t, name: string) => {
          if (this.tables.some((o) => o !== t && same(o.name, name))) throw new Error(`a table called ${name} exists`);
          if (this.names.some((n) => same(n.name, name))) throw new Error(`the name ${name} is taken by a defined name`);
          const old = t.name;
          t.name = name;
          for (const s of this.sheets) for (const cell of s.cells.values()) if (cell.formula) cell.formula = cell.formula.split(`${old}[`).join(`${name}[`);
        },
        style: (t, style: string) => (t.style = style),
        showBandedRows: (t, banded: boolean) => (t.showBandedRows = banded),
        showFilterButton: (t, shown: boolean) => (t.showFilterButton = shown),
        showTotals: (t, show: boolean) => {
          if (show && !t.showTotals) t.rect = { ...t.rect, bottom: t.rect.bottom + 1 };
          t.showTotals = show;
        },
      },
      {
        getRange: () => rangeOver((t) => t.rect),
        getHeaderRowRange: () => rangeOver((t) => ({ ...t.rect, bottom: t.rect.top })),
        getDataBodyRange: () => rangeOver((t) => ({ ...t.rect, top: t.rect.top + 1, bottom: t.rect.bottom - (t.showTotals ? 1 : 0) })),
        // ExcelApi 1.13: the header stays in its row and the new range overlaps the old.
        resize: (address: string) =>
          this.queue("table.resize", address, () => {
            const t = must(resolve());
            const rect = parseRect(address);
            if (rect.top !== t.rect.top || !overlaps(rect, t.rect)) throw new Error("InvalidArgument: a table's header must stay in its row");
            if (this.tables.some((o) => o !== t && o.sheet === t.sheet && overlaps(o.rect, rect))) throw new Error("tables cannot overlap");
            t.rect = t.showTotals ? { ...rect, bottom: rect.bottom + 1 } : rect;
          }),
        convertToRange: () => {
          let converted: FakeTable | null = null;
          this.queue("table.convertToRange", null, () => {
            const t = must(resolve());
            converted = t;
            t.gone = "converted";
            this.tables.splice(this.tables.indexOf(t), 1);
            // The table's style stays on the cells as their own formats.
            t.sheet.formats.push({ address: rectText(t.rect), property: "fill.color", value: "#D9E1F2" });
          });
          return this.range(() => must(converted).sheet, "", () => must(converted).rect);
        },
      },
    );
    table.worksheet = this.worksheet(() => resolve()?.sheet ?? null);
    table.__fill = (paths: string[]) => {
      const t = resolve();
      if (!t) return;
      if (paths.includes("name")) table.__raw.name = t.name;
      if (paths.includes("worksheet/name")) table.worksheet.__raw.name = t.sheet.name;
    };
    return table;
  }

  private chart(chart: FakeChart, sheetOf: () => FakeSheet | null): OfficeObject {
    const self = this.object<FakeChart>("chart", () => chart, { name: (c) => c.title }, {}, {
      setPosition: (start: string, end: string) => this.queue("chart.setPosition", [start, end], () => (chart.position = [start, end])),
      delete: () =>
        this.queue("chart.delete", null, () => {
          const charts = must(sheetOf()).charts;
          charts.splice(charts.indexOf(chart), 1);
        }),
    });
    self.__fill = (paths: string[]) => {
      if (paths.includes("name")) self.__raw.name = chart.title;
    };
    self.title = this.object<FakeChart>("chartTitle", () => chart, {}, { text: (c, text: string) => (c.title = text) }, {});
    self.legend = this.object<FakeChart>("chartLegend", () => chart, {}, { visible: (c, visible: boolean) => (c.legend = visible) }, {});
    const series = (index: () => number) => {
      const at = () => {
        const s = chart.series[index()];
        if (!s) throw new Error("ItemNotFound: series");
        return s;
      };
      const item = this.object<FakeChart["series"][number]>("series", at, {}, { name: (s, name: string) => (s.name = name) }, {
        setValues: (range: OfficeObject) => this.queue("series.setValues", range.__address, () => (at().values = range.__address)),
        setXAxisValues: (range: OfficeObject) => this.queue("series.setXAxisValues", range.__address, () => (at().categories = range.__address)),
      });
      const lineProperty = (property: "color" | "weight" | "lineStyle") => (s: FakeChart["series"][number], value: never) => (s.line = { ...s.line, [property]: value });
      item.format = { line: this.object("seriesLine", at, {}, { color: lineProperty("color"), weight: lineProperty("weight"), lineStyle: lineProperty("lineStyle") }, {}) };
      return item;
    };
    self.series = this.object<FakeChart>("seriesCollection", () => chart, {}, {}, {
      getItemAt: (i: number) => series(() => i),
      add: (name: string) => {
        let index = -1;
        this.queue("series.add", name, () => {
          chart.series.push({ name, values: "", categories: null });
          index = chart.series.length - 1;
        });
        return series(() => index);
      },
    });
    return self;
  }

  private nameCollection() {
    return this.collection("names", () => this.names.map((n) => this.namedItem(() => n)), {
      add: (name: string, reference: OfficeObject, comment: string) => {
        const address = reference.__address as string;
        const sheetOf = reference.__sheetOf as () => FakeSheet;
        this.queue("names.add", [name, address, comment], () => {
          if (this.names.some((n) => same(n.name, name))) throw new Error(`a name called ${name} exists`);
          this.names.push({ name, sheet: sheetOf(), address, comment });
        });
        return null;
      },
      getItem: (name: string) =>
        this.namedItem(() => {
          const found = this.names.find((n) => same(n.name, name));
          if (!found) throw new Error(`ItemNotFound: name ${name}`);
          return found;
        }),
    });
  }

  private namedItem(resolve: () => FakeName | null): OfficeObject {
    const value = (n: FakeName) => (n.sheet ? `${quote(n.sheet.name)}!${absolute(n.address)}` : "#REF!");
    const item = this.object<FakeName>(
      "namedItem",
      resolve,
      { name: (n) => n.name, type: (n) => (n.sheet ? "Range" : "Error"), value },
      {},
      {
        delete: () => this.queue("namedItem.delete", null, () => this.names.splice(this.names.indexOf(must(resolve())), 1)),
      },
    );
    item.__fill = (paths: string[]) => {
      const n = resolve();
      if (!n) return;
      if (paths.includes("name")) item.__raw.name = n.name;
      if (paths.includes("type")) item.__raw.type = n.sheet ? "Range" : "Error";
      if (paths.includes("value")) item.__raw.value = value(n);
    };
    return item;
  }
}

function payloadError(code: string): Error {
  return Object.assign(new Error(`RichApi.Error: ${code}`), { code });
}

/** How Excel stores what is written to a cell through values or formulas. */
function typeInto(cell: FakeCell, value: Value): void {
  delete cell.formula;
  if (value === "" || value === null) {
    cell.value = null;
    return;
  }
  if (typeof value !== "string" || cell.format === "@") {
    cell.value = value;
    return;
  }
  if (/^[=+\-@]/.test(value)) {
    cell.formula = value.startsWith("=") ? value : `=${value}`;
    cell.value = "#CALC!";
  } else if (/^\s*[+-]?\d+(\.\d+)?\s*$/.test(value)) {
    cell.value = Number(value);
  } else if (/^(true|false)$/i.test(value)) {
    cell.value = value.toLowerCase() === "true";
  } else {
    cell.value = value;
  }
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function must<T>(value: T | null): T {
  if (value === null) throw new Error("ItemNotFound");
  return value;
}

function quote(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function absolute(address: string): string {
  return address.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
}

function letters(column: number): string {
  let n = column + 1;
  let out = "";
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function a1(row: number, column: number): string {
  return `${letters(column)}${row + 1}`;
}

function rectText(rect: Rect): string {
  return `${a1(rect.top, rect.left)}:${a1(rect.bottom, rect.right)}`;
}

function columnNumber(text: string): number {
  let n = 0;
  for (const ch of text) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/** "B3", "B3:F9" or whole columns "C:C" (as rows 0 to Excel's last). */
function parseRect(address: string): Rect {
  const cellPart = address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "").toUpperCase();
  const columnsOnly = /^([A-Z]+):([A-Z]+)$/.exec(cellPart);
  if (columnsOnly) return { top: 0, left: columnNumber(columnsOnly[1]), bottom: 1_048_575, right: columnNumber(columnsOnly[2]) };
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(cellPart);
  if (!m) throw new Error(`InvalidArgument: address ${address}`);
  const top = Number(m[2]) - 1;
  const left = columnNumber(m[1]);
  return m[3] ? { top, left, bottom: Number(m[4]) - 1, right: columnNumber(m[3]) } : { top, left, bottom: top, right: left };
}

const WHOLE_SHEET = "A1:XFD1048576";

/** True when `inner` lies wholly inside `outer`. */
function contains(outer: Rect, inner: Rect): boolean {
  return inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

function rows(rect: Rect): number[] {
  return Array.from({ length: rect.bottom - rect.top + 1 }, (_, i) => rect.top + i);
}

function columns(rect: Rect): number[] {
  return Array.from({ length: rect.right - rect.left + 1 }, (_, i) => rect.left + i);
}
