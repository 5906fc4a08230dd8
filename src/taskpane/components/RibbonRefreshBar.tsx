import { Caption1, Field, ProgressBar } from "@fluentui/react-components";
import { useRefreshState } from "../hooks/useRefresh";
import { CancelRefresh } from "./RefreshSection";

/** Progress of a refresh started from the ribbon (one started here shows in the Refresh report section). */
export function RibbonRefreshBar() {
  const state = useRefreshState();
  if (state.status !== "running" || state.origin !== "ribbon") return null;
  const { step, done, total } = state.progress;
  return (
    <>
      <Field label="Refreshing the report (from the ribbon)" validationMessage={<Caption1>{step}</Caption1>} validationState="none">
        <ProgressBar value={total > 0 ? done / total : undefined} thickness="large" />
      </Field>
      <CancelRefresh />
    </>
  );
}
