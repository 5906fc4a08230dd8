/**
 * Ribbon commands: the manifest's ExecuteFunction buttons, run in the shared runtime.
 *
 * "Refresh report" rebuilds every report sheet without opening the pane, through the same
 * refresh as the pane's button. Its outcome is posted as a notice that the pane shows when it is
 * open or next opened; the pane is opened only when something could not be rebuilt, so that the
 * user sees why and what to do.
 */

import { RefreshCancelled } from "../reports/refresh";
import { userMessage } from "../taskpane/errors";
import { postNotice } from "../taskpane/notices";
import { refreshNotice, runRefresh } from "../taskpane/refresh";

async function showPane(): Promise<void> {
  try {
    await Office.addin.showAsTaskpane();
  } catch (error) {
    // The notice waits for the pane; failing to open it must not leave Excel's button spinning.
    console.error("Refresh report: could not open the pane", error);
  }
}

export async function refreshReport(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const summary = await runRefresh("ribbon");
    postNotice(refreshNotice(summary));
    if (summary.failed.length > 0) await showPane();
  } catch (error) {
    // Cancelled from the pane, which is open and says so: nothing was written.
    if (error instanceof RefreshCancelled) return;
    postNotice({ intent: "error", title: "Refresh report failed", message: userMessage(error) });
    await showPane();
  } finally {
    event.completed();
  }
}

Office.actions.associate("refreshReport", refreshReport);
