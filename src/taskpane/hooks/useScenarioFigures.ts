/**
 * Each Scenarios row's figures, kept current (scenarioFigures.ts): valued when the pane opens,
 * again whenever the sheet holding the table changes (the host's watchSheet) or the caller asks
 * (after adding a preset), and with the data read afresh after a refresh or when the inputs the
 * rows are valued against move. Changes arriving while a valuation runs are taken together in one
 * more valuation, so typing in the table never queues a valuation per keystroke.
 */

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { userMessage } from "../errors";
import { ScenarioFigures, ScenarioValuer } from "../scenarioFigures";
import { useHost } from "./useHost";
import { useInputs } from "./useInputs";
import { useRefreshState } from "./useRefresh";
import { useSettings } from "./useSettings";

export interface ScenarioFiguresState {
  figures: ScenarioFigures | null;
  valuing: boolean;
  error: string | null;
  revalue(): Promise<void>;
}

export function useScenarioFigures(): ScenarioFiguresState {
  const { port, watchSheet } = useHost();
  const { settings } = useSettings();
  const inputs = useInputs();
  const refresh = useRefreshState();
  const valuer = useMemo(() => (settings === null ? null : new ScenarioValuer(port, settings)), [port, settings]);
  const [figures, setFigures] = useState<ScenarioFigures | null>(null);
  const [valuing, setValuing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const queue = useRef({ running: false, again: false });

  const revalue = useCallback(async () => {
    if (valuer === null) return;
    const q = queue.current;
    if (q.running) {
      q.again = true;
      return;
    }
    q.running = true;
    setValuing(true);
    try {
      do {
        q.again = false;
        setFigures(await valuer.value());
        setError(null);
      } while (q.again);
    } catch (failure) {
      setError(userMessage(failure));
    } finally {
      q.running = false;
      setValuing(false);
    }
  }, [valuer]);

  // The data the rows are valued against: read again after a refresh, or when an input other than Scenarios moves.
  const refreshed = refresh.status === "done" ? refresh.summary : null;
  const dataKey = (inputs.locations ?? [])
    .filter((l) => l.kind !== "Scenarios")
    .map((l) => `${l.kind}:${l.label ?? ""}:${l.info?.rowCount ?? ""}`)
    .join("|");
  useEffect(() => {
    valuer?.forget();
    void revalue();
  }, [valuer, revalue, refreshed, dataKey]);

  const scenarios = inputs.locations?.find((l) => l.kind === "Scenarios") ?? null;
  const sheet = scenarios?.info?.sheet ?? null;
  useEffect(() => {
    if (watchSheet === undefined || sheet === null) return;
    let stop: (() => Promise<void>) | null = null;
    let gone = false;
    void revalue();
    watchSheet(sheet, () => void revalue()).then(
      (stopWatching) => {
        if (gone) void stopWatching().catch(() => undefined);
        else stop = stopWatching;
      },
      // Without the event the figures still follow each preset and refresh.
      () => undefined,
    );
    return () => {
      gone = true;
      if (stop !== null) void stop().catch(() => undefined);
    };
  }, [watchSheet, sheet, revalue]);

  return { figures, valuing, error, revalue };
}
