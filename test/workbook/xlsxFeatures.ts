/**
 * Workbooks as other tools leave them, made in code from the example workbook: a few lines of
 * XML put into (or changed inside) the zip, the way Excel, LibreOffice and openpyxl write them.
 * The features are those a refresh must never disturb (docs/file-writes.md).
 */

import { buildZip, unzipEntries, ZipInput } from "./zipBuilder";

const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

type Edit = (text: string) => string;

/** The zip with the named parts edited (an edit of a missing part gets ""), and nothing else changed. */
export async function editParts(data: Buffer, edits: Record<string, Edit>): Promise<Buffer> {
  const entries = await unzipEntries(data);
  const out: ZipInput[] = entries.map((e) => (edits[e.name] ? { name: e.name, data: Buffer.from(edits[e.name](e.data.toString("utf8")), "utf8") } : e));
  for (const [name, edit] of Object.entries(edits)) {
    if (!entries.some((e) => e.name === name)) out.push({ name, data: Buffer.from(edit(""), "utf8") });
  }
  return buildZip(out);
}

function before(marker: RegExp | string, insert: string): Edit {
  return (text) => {
    const at = typeof marker === "string" ? text.indexOf(marker) : text.search(marker);
    if (at === -1) throw new Error(`fixture: ${String(marker)} not found`);
    return text.slice(0, at) + insert + text.slice(at);
  };
}

function chain(...edits: Edit[]): Edit {
  return (text) => edits.reduce((t, edit) => edit(t), text);
}

function override(part: string, type: string): string {
  return `<Override PartName="/${part}" ContentType="${type}"/>`;
}

function relationship(id: string, type: string, target: string, external = false): string {
  return `<Relationship Id="${id}" Type="${type}" Target="${target}"${external ? ' TargetMode="External"' : ""}/>`;
}

/**
 * The example with Excel features a refresh must keep, on its Budget sheet (the second sheet,
 * sheet2.xml, whose table is its rel rId1) and in the workbook: structure protection (SHA-512 and
 * legacy), a legacy sheet password, defined names (a formula, a constant, a LAMBDA, a sheet-scoped
 * name), a pivot table and its cache, comments (legacy and threaded, one on an empty cell), a
 * sensitivity label, sparklines, dynamic-array metadata, calculation settings, an external link,
 * an autoFilter on the user's table, a table without a style and data validation.
 */
export async function withExcelFeatures(example: Buffer): Promise<Buffer> {
  return editParts(example, {
    "xl/workbook.xml": chain(
      before(
        "<sheets>",
        '<workbookProtection workbookPassword="CC3D" lockStructure="1" workbookAlgorithmName="SHA-512" workbookHashValue="0pQi0n8X9xWyb8qJ4c6ZQ0Y2yYH7Q==" workbookSaltValue="c2FsdHNhbHRzYWx0" workbookSpinCount="100000"/>',
      ),
      before("<definedNames>", '<externalReferences><externalReference r:id="rId901"/></externalReferences>'),
      before(
        "</definedNames>",
        '<definedName name="BudgetTotal">SUM(Budget!$B$2:$B$5)</definedName><definedName name="Inflation">0.035</definedName>' +
          '<definedName name="Twice">_xlfn.LAMBDA(_xlpm.x,_xlpm.x*2)</definedName><definedName name="LocalNote" localSheetId="1">Budget!$A$1</definedName>' +
          '<definedName name="External">[1]Rates!$A$1</definedName>',
      ),
      (t) => t.replace(/<calcPr[^>]*\/>/, '<calcPr calcId="191029" calcMode="manual" iterate="1" iterateCount="50" fullPrecision="0"/><pivotCaches><pivotCache cacheId="7" r:id="rId902"/></pivotCaches>'),
    ),
    "xl/_rels/workbook.xml.rels": before(
      "</Relationships>",
      relationship("rId901", `${R}/externalLink`, "externalLinks/externalLink1.xml") +
        relationship("rId902", `${R}/pivotCacheDefinition`, "pivotCache/pivotCacheDefinition1.xml") +
        relationship("rId903", `${R}/sheetMetadata`, "metadata.xml") +
        relationship("rId904", "http://schemas.microsoft.com/office/2017/10/relationships/person", "persons/person.xml"),
    ),
    "xl/externalLinks/externalLink1.xml": () =>
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns="${MAIN}" xmlns:r="${R}"><externalBook r:id="rId1"><sheetNames><sheetName val="Rates"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>0.035</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`,
    "xl/externalLinks/_rels/externalLink1.xml.rels": () =>
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationship("rId1", `${R}/externalLinkPath`, "rates.xlsx", true)}</Relationships>`,
    "xl/pivotCache/pivotCacheDefinition1.xml": () =>
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheDefinition xmlns="${MAIN}" xmlns:r="${R}" r:id="rId1" refreshOnLoad="1" recordCount="0"><cacheSource type="worksheet"><worksheetSource ref="A1:B3" sheet="Budget"/></cacheSource><cacheFields count="1"><cacheField name="Budget line" numFmtId="0"><sharedItems/></cacheField></cacheFields></pivotCacheDefinition>`,
    "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels": () =>
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationship("rId1", `${R}/pivotCacheRecords`, "pivotCacheRecords1.xml")}</Relationships>`,
    "xl/pivotCache/pivotCacheRecords1.xml": () => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheRecords xmlns="${MAIN}" count="0"/>`,
    "xl/pivotTables/pivotTable1.xml": () =>
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotTableDefinition xmlns="${MAIN}" name="BudgetPivot" cacheId="7" dataCaption="Values" updatedVersion="6" createdVersion="6"><location ref="K1:K2" firstHeaderRow="1" firstDataRow="1" firstDataCol="0"/><pivotFields count="1"><pivotField axis="axisRow" showAll="0"><items count="1"><item t="default"/></items></pivotField></pivotFields><rowFields count="1"><field x="0"/></rowFields></pivotTableDefinition>`,
    "xl/pivotTables/_rels/pivotTable1.xml.rels": () =>
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationship("rId1", `${R}/pivotCacheDefinition`, "../pivotCache/pivotCacheDefinition1.xml")}</Relationships>`,
    "xl/metadata.xml": () =>
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<metadata xmlns="${MAIN}" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray"><metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes><futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>`,
    "xl/persons/person.xml": () =>
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="${MAIN}"><person displayName="Sam Finance" id="{6B1F4C2E-0000-4000-8000-000000000001}" userId="sam@example.gov.uk" providerId="AD"/></personList>`,
    "xl/comments1.xml": () =>
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN}"><authors><author>tc={5A0E0000-0000-4000-8000-000000000001}</author><author>Sam Finance</author></authors><commentList>` +
      '<comment ref="A1" authorId="0"><text><t>[Threaded comment] Check the budget lines</t></text></comment>' +
      '<comment ref="Z99" authorId="1"><text><r><rPr><b/></rPr><t>Sam Finance:</t></r><r><t xml:space="preserve"> a note on an empty cell</t></r></text></comment></commentList></comments>',
    "xl/threadedComments/threadedComment1.xml": () =>
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="${MAIN}"><threadedComment ref="A1" dT="2024-03-01T09:00:00.00" personId="{6B1F4C2E-0000-4000-8000-000000000001}" id="{5A0E0000-0000-4000-8000-000000000001}"><text>Check the budget lines</text></threadedComment></ThreadedComments>`,
    "xl/drawings/vmlDrawing1.vml": () =>
      '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;visibility:hidden"><x:ClientData ObjectType="Note"><x:Row>98</x:Row><x:Column>25</x:Column></x:ClientData></v:shape></xml>',
    "xl/worksheets/_rels/sheet2.xml.rels": before(
      "</Relationships>",
      relationship("rId801", `${R}/comments`, "../comments1.xml") +
        relationship("rId802", `${R}/vmlDrawing`, "../drawings/vmlDrawing1.vml") +
        relationship("rId803", "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment", "../threadedComments/threadedComment1.xml") +
        relationship("rId804", `${R}/pivotTable`, "../pivotTables/pivotTable1.xml"),
    ),
    "xl/worksheets/sheet2.xml": chain(
      before("</sheetData>", '<row r="500"><c r="B500" cm="1"><f t="array" ref="B500:B501">SEQUENCE(2)</f><v>1</v></c></row>'),
      (t) => t.replace("</sheetData>", '</sheetData><sheetProtection password="CC3D" sheet="1" objects="1" scenarios="1"/>'),
      before("<pageMargins", '<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="E2:E20"><formula1>"Yes,No"</formula1></dataValidation></dataValidations>'),
      before("<tableParts", '<legacyDrawing r:id="rId802"/>'),
      before(
        "</worksheet>",
        '<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup displayEmptyCellsAs="gap"><x14:colorSeries rgb="FF376092"/><x14:sparklines><x14:sparkline><xm:f>Budget!B2:D2</xm:f><xm:sqref>F2</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>',
      ),
    ),
    // A table without a style, as some tools write them.
    "xl/tables/table2.xml": (t) => t.replace(/<tableStyleInfo\b[^>]*\/>/, ""),
    "xl/tables/table1.xml": (t) => (/<autoFilter/.test(t) ? t : t.replace(/(<table\b[^>]*\sref="([^"]+)"[^>]*>)/, '$1<autoFilter ref="$2"/>')),
    "docProps/custom.xml": () =>
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
      '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="MSIP_Label_0a1b2c3d-0000-4000-8000-000000000001_Enabled"><vt:lpwstr>true</vt:lpwstr></property>' +
      '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="MSIP_Label_0a1b2c3d-0000-4000-8000-000000000001_Name"><vt:lpwstr>OFFICIAL-SENSITIVE</vt:lpwstr></property></Properties>',
    "_rels/.rels": before("</Relationships>", relationship("rId900", `${R}/custom-properties`, "docProps/custom.xml")),
    "[Content_Types].xml": chain(
      before("</Types>", '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'),
      before(
        "</Types>",
        [
          override("docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml"),
          override("xl/externalLinks/externalLink1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"),
          override("xl/pivotCache/pivotCacheDefinition1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml"),
          override("xl/pivotCache/pivotCacheRecords1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml"),
          override("xl/pivotTables/pivotTable1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml"),
          override("xl/metadata.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"),
          override("xl/persons/person.xml", "application/vnd.ms-excel.person+xml"),
          override("xl/comments1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"),
          override("xl/threadedComments/threadedComment1.xml", "application/vnd.ms-excel.threadedcomments+xml"),
        ].join(""),
      ),
    ),
  });
}

/** Every relationship target made absolute ("/xl/..."), as openpyxl writes them. */
export async function withAbsoluteTargets(data: Buffer): Promise<Buffer> {
  const entries = await unzipEntries(data);
  const edits: Record<string, Edit> = {};
  for (const { name } of entries.filter((e) => e.name.endsWith(".rels"))) {
    const folder = name.replace(/_rels\/[^/]*$/, "");
    edits[name] = (text) =>
      text.replace(/Target="([^"/][^"]*)"(?![^>]*External)/g, (_, target: string) => {
        const parts = `${folder}${target}`.split("/");
        const resolved: string[] = [];
        for (const p of parts) if (p === "..") resolved.pop();
        else if (p !== "" && p !== ".") resolved.push(p);
        return `Target="/${resolved.join("/")}"`;
      });
  }
  return editParts(data, edits);
}

/** A macro-enabled workbook: the workbook's content type and a VBA project, as Excel saves an .xlsm. */
export async function asMacroWorkbook(data: Buffer, vba: Buffer): Promise<Buffer> {
  const edited = await editParts(data, {
    "[Content_Types].xml": chain(
      (t) => t.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
      before("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'),
    ),
    "xl/_rels/workbook.xml.rels": before("</Relationships>", relationship("rId990", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin")),
  });
  const withVba = await unzipEntries(edited);
  return buildZip([...withVba, { name: "xl/vbaProject.bin", data: vba }]);
}

/** A template, as Excel saves an .xltx: only the workbook's content type differs. */
export async function asTemplate(data: Buffer): Promise<Buffer> {
  return editParts(data, {
    "[Content_Types].xml": (t) => t.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", TEMPLATE_TYPE),
  });
}

export const TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml";

/** The workbook with a sheet renamed, its mark and every reference following it as Excel does. */
export async function renameSheet(data: Buffer, from: string, to: string): Promise<Buffer> {
  const quoted = (name: string) => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);
  return editParts(data, {
    "xl/workbook.xml": (t) => t.split(`name="${from}"`).join(`name="${to}"`).split(`${quoted(from)}!`).join(`${quoted(to)}!`),
  });
}
