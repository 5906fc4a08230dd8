import { Button, Caption1 } from "@fluentui/react-components";
import { useBusy } from "../hooks/useBusy";
import type { SettingsForm } from "../hooks/useSettingsForm";
import { TaskStatus } from "./TaskStatus";
import { useSectionStyles } from "./styles";

/** Save for a settings form, with "Saved" once done, progress while saving and the error if it fails. */
export function SaveRow<F>({ form, name }: { form: SettingsForm<F>; name: string }) {
  const styles = useSectionStyles();
  const busy = useBusy();
  return (
    <>
      <div className={styles.actions}>
        <Button appearance="secondary" onClick={() => void form.save()} disabled={busy || form.form === null}>
          Save {name} settings
        </Button>
        {form.saved && <Caption1 className={styles.saved}>Saved in LAC Settings</Caption1>}
      </div>
      <TaskStatus task={form.task} failureTitle="The settings could not be saved" />
    </>
  );
}
