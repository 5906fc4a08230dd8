/**
 * The pane's reads and writes of the settings saved in the workbook (the owned LAC Settings
 * sheet that every refresh reads). A change is made to the settings as they are saved at that
 * moment, so an edit the user made on the sheet meanwhile is kept.
 */

import type { RowIssue } from "../engine/quality";
import { readSavedSettings, saveSettings } from "../reports/refresh";
import type { ReportSettings } from "../reports/settings";
import type { WorkbookPort } from "../workbook/port";

export interface LoadedSettings {
  settings: ReportSettings;
  /** Rows of LAC Settings that could not be read (their defaults apply). */
  issues: RowIssue[];
}

export async function loadSettings(port: WorkbookPort): Promise<LoadedSettings> {
  const { settings, issues } = await readSavedSettings(port);
  return { settings, issues };
}

/** Reads the saved settings, applies `change` and saves the result; returns what was saved. */
export async function updateSettings(port: WorkbookPort, change: (saved: ReportSettings) => ReportSettings): Promise<ReportSettings> {
  const { settings } = await readSavedSettings(port);
  const next = change(settings);
  await saveSettings(port, next);
  return next;
}
