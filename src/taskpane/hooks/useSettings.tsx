/**
 * The settings saved in the workbook (LAC Settings), loaded when the pane opens and shared by
 * the sections that edit them. Each save reads the sheet again and changes only what the form
 * covers (settingsStore.updateSettings).
 */

import { ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { RowIssue } from "../../engine/quality";
import type { ReportSettings } from "../../reports/settings";
import { userMessage } from "../errors";
import { loadSettings, updateSettings } from "../settingsStore";
import { useHost } from "./useHost";

export interface SettingsState {
  /** Null until loaded (or when loading failed). */
  settings: ReportSettings | null;
  issues: RowIssue[];
  error: string | null;
  /** Counts loads and saves, so that forms refill from the settings after each. */
  version: number;
  reload(): Promise<void>;
  /** Saves a change to the saved settings; throws what the save threw. */
  update(change: (saved: ReportSettings) => ReportSettings): Promise<ReportSettings>;
}

const SettingsContext = createContext<SettingsState | null>(null);

export function SettingsProvider({ children }: { children: ReactNode }) {
  const { port } = useHost();
  const [settings, setSettings] = useState<ReportSettings | null>(null);
  const [issues, setIssues] = useState<RowIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  const reload = useCallback(async () => {
    try {
      const loaded = await loadSettings(port);
      setSettings(loaded.settings);
      setIssues(loaded.issues);
      setError(null);
    } catch (failure) {
      setError(userMessage(failure));
    }
    setVersion((v) => v + 1);
  }, [port]);

  const update = useCallback(
    async (change: (saved: ReportSettings) => ReportSettings) => {
      const saved = await updateSettings(port, change);
      setSettings(saved);
      setIssues([]);
      setVersion((v) => v + 1);
      return saved;
    },
    [port],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  const value = useMemo(() => ({ settings, issues, error, version, reload, update }), [settings, issues, error, version, reload, update]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsState {
  const state = useContext(SettingsContext);
  if (state === null) throw new Error("useSettings: the pane is rendered without a SettingsProvider");
  return state;
}
