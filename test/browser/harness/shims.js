/*
 * What test/workbook/excelMock.ts expects of Node and jest, for its bundle in the browser:
 * `jest.mock` (it mocks office-addin-manifest, which this file stands in for by a webpack alias),
 * and `Buffer.byteLength` (to measure requests).
 */
exports.jest = { mock() {} };
exports.Buffer = { byteLength: (text) => new TextEncoder().encode(String(text)).length };
exports.OfficeApp = { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" };
