/**
 * Ribbon commands: the manifest's ExecuteFunction buttons, run in the shared runtime.
 *
 * "Refresh report" will rebuild every report sheet once the reports exist. Until then it opens
 * the pane with a notice saying so, rather than doing nothing when clicked.
 */

import { postNotice } from "../taskpane/notices";

export const REFRESH_NOT_AVAILABLE =
  "Rebuilding the report sheets is not available in this version yet. When the reports are added, " +
  "this button and the pane's Refresh section will rebuild every LAC sheet from the latest data.";

export async function refreshReport(event: Office.AddinCommands.Event): Promise<void> {
  try {
    postNotice({ intent: "warning", title: "Refresh report", message: REFRESH_NOT_AVAILABLE });
    await Office.addin.showAsTaskpane();
  } catch (error) {
    // The notice waits for the pane; failing to open it must not leave Excel's button spinning.
    console.error("Refresh report: could not open the pane", error);
  } finally {
    event.completed();
  }
}

Office.actions.associate("refreshReport", refreshReport);
