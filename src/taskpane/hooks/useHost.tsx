/**
 * The workbook the pane works on, given to every component: the workbook port, through which it
 * reads the inputs and writes the sheets it owns. In Excel it is over Office.js (index.tsx);
 * tests give other ones.
 */

import { ReactNode, createContext, useContext } from "react";
import type { SheetWatcher } from "../../workbook/office/sheetEvents";
import type { WorkbookPort } from "../../workbook/port";

export interface PaneHost {
  port: WorkbookPort;
  /** Opens .xlsx bytes (base64) as a new workbook: the committee pack. Absent where the host cannot. */
  openWorkbook?: (base64: string) => Promise<void>;
  /** Calls back whenever a sheet changes (the Scenarios table's, to value its rows at once). Absent where the host cannot. */
  watchSheet?: SheetWatcher;
}

const HostContext = createContext<PaneHost | null>(null);

export function HostProvider({ host, children }: { host: PaneHost; children: ReactNode }) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>;
}

export function useHost(): PaneHost {
  const host = useContext(HostContext);
  if (host === null) throw new Error("useHost: the pane is rendered without a HostProvider");
  return host;
}
