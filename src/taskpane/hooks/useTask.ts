/**
 * A piece of long work started from a section (an import, a preset, a save): whether it runs,
 * its current step and how far it has got, and the message when it fails. While any task or a
 * refresh runs, the pane's other actions wait (useBusy), so two writes never cross.
 */

import { useCallback, useState } from "react";
import { userMessage } from "../errors";
import { useBusyCounter } from "./useBusy";

export interface TaskProgress {
  step: string;
  /** 0 to 1, or null when the share done is not known. */
  fraction: number | null;
}

export interface Task {
  running: boolean;
  progress: TaskProgress | null;
  error: string | null;
  /** Runs `work`; returns its result, or undefined when it failed (the error is then in `error`). */
  run<T>(work: (report: (step: string, fraction?: number | null) => void) => Promise<T>): Promise<T | undefined>;
  dismissError(): void;
}

export function useTask(): Task {
  const [progress, setProgress] = useState<TaskProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { enter, leave } = useBusyCounter();

  const run = useCallback(
    async <T,>(work: (report: (step: string, fraction?: number | null) => void) => Promise<T>): Promise<T | undefined> => {
      setRunning(true);
      setError(null);
      setProgress({ step: "Starting", fraction: null });
      enter();
      try {
        return await work((step, fraction = null) => setProgress({ step, fraction }));
      } catch (failure) {
        console.error(failure);
        setError(userMessage(failure));
        return undefined;
      } finally {
        leave();
        setRunning(false);
        setProgress(null);
      }
    },
    [enter, leave],
  );

  return { running, progress, error, run, dismissError: useCallback(() => setError(null), []) };
}
