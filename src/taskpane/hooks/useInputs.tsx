/**
 * Where each input will be read from, and the tables the user can pick from, looked up when the
 * pane opens and again whenever the user asks or an import, a mapping or a preset changed them.
 */

import { ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { TableInfo } from "../../workbook/port";
import { userMessage } from "../errors";
import { InputLocation, locateInputs } from "../inputs";
import { useHost } from "./useHost";
import { useSettings } from "./useSettings";

export interface InputsState {
  locations: InputLocation[] | null;
  /** The user's tables and sheets (not the add-in's own). */
  tables: TableInfo[];
  looking: boolean;
  error: string | null;
  reload(): Promise<void>;
}

const InputsContext = createContext<InputsState | null>(null);

export function InputsProvider({ children }: { children: ReactNode }) {
  const { port } = useHost();
  const { settings } = useSettings();
  const [locations, setLocations] = useState<InputLocation[] | null>(null);
  const [tables, setTables] = useState<TableInfo[]>([]);
  const [looking, setLooking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    if (settings === null) return;
    setLooking(true);
    try {
      const found = await locateInputs(port, settings);
      setLocations(found.locations);
      setTables(found.tables);
      setError(null);
    } catch (failure) {
      setError(userMessage(failure));
    } finally {
      setLooking(false);
    }
  }, [port, settings]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const value = useMemo(() => ({ locations, tables, looking, error, reload }), [locations, tables, looking, error, reload]);
  return <InputsContext.Provider value={value}>{children}</InputsContext.Provider>;
}

export function useInputs(): InputsState {
  const state = useContext(InputsContext);
  if (state === null) throw new Error("useInputs: the pane is rendered without an InputsProvider");
  return state;
}
