/** Whether the pane is writing to the workbook (a task of any section, or a refresh from the pane or the ribbon). */

import { ReactNode, createContext, useCallback, useContext, useMemo, useState } from "react";
import { useRefreshState } from "./useRefresh";

interface BusyCounter {
  count: number;
  enter(): void;
  leave(): void;
}

const BusyContext = createContext<BusyCounter | null>(null);

export function BusyProvider({ children }: { children: ReactNode }) {
  const [count, setCount] = useState(0);
  const enter = useCallback(() => setCount((n) => n + 1), []);
  const leave = useCallback(() => setCount((n) => n - 1), []);
  const counter = useMemo(() => ({ count, enter, leave }), [count, enter, leave]);
  return <BusyContext.Provider value={counter}>{children}</BusyContext.Provider>;
}

export function useBusyCounter(): Pick<BusyCounter, "enter" | "leave"> {
  const counter = useContext(BusyContext);
  if (counter === null) throw new Error("useBusy: the pane is rendered without a BusyProvider");
  return counter;
}

/** True while any task or refresh runs: buttons that write wait. */
export function useBusy(): boolean {
  const counter = useContext(BusyContext);
  const refresh = useRefreshState();
  return (counter?.count ?? 0) > 0 || refresh.status === "running";
}
