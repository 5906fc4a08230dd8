/**
 * Opens .xlsx bytes as a new workbook in Excel (ExcelApi 1.8, within the manifest's 1.9): how the
 * pane hands over a committee pack, which the user then saves where they choose.
 */

export async function openNewWorkbookInExcel(base64: string): Promise<void> {
  await Excel.createWorkbook(base64);
}
