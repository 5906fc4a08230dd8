import { Button, Caption1, Field, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, ProgressBar } from "@fluentui/react-components";
import type { Task } from "../hooks/useTask";

/** A task's progress while it runs, and its error (with what to do) until dismissed. */
export function TaskStatus({ task, failureTitle }: { task: Task; failureTitle: string }) {
  if (task.running && task.progress) {
    return (
      <Field validationMessage={<Caption1>{task.progress.step}</Caption1>} validationState="none">
        <ProgressBar value={task.progress.fraction ?? undefined} thickness="large" aria-label={task.progress.step} />
      </Field>
    );
  }
  if (task.error === null) return null;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{failureTitle}</MessageBarTitle>
        {task.error}
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="transparent" size="small" onClick={task.dismissError}>
          Dismiss
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
