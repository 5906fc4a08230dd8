/**
 * Tells the pane when a sheet changes (Worksheet.onChanged, ExcelApi 1.7, within the manifest's
 * 1.9): the sheet of the Scenarios table, so that a row the user types, edits or adds is valued
 * at once (docs/task-pane-scenarios.md). The whole sheet is watched rather than the table, so a row
 * typed under the table (which Excel then takes into it) and a Scenarios input that is a sheet's
 * range are seen too. One request subscribes, one stops; the handler only says that something
 * changed, and the pane reads the table again with the workbook port, as it reads any input.
 */

/** Watches a sheet; the promise gives the function that stops watching it. */
export type SheetWatcher = (sheet: string, onChange: () => void) => Promise<() => Promise<void>>;

export const watchSheetInExcel: SheetWatcher = async (sheet, onChange) => {
  const handler = await Excel.run(async (context) => {
    const added = context.workbook.worksheets.getItem(sheet).onChanged.add(async () => onChange());
    await context.sync();
    return added;
  });
  return () =>
    Excel.run(handler.context, async (context) => {
      handler.remove();
      await context.sync();
    });
};
