/** The refresh in progress or last finished, whether the pane or the ribbon started it. */

import { useSyncExternalStore } from "react";
import { RefreshState, onRefreshState, refreshState } from "../refresh";

export function useRefreshState(): RefreshState {
  return useSyncExternalStore(onRefreshState, refreshState, refreshState);
}
