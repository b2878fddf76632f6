"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export type DraftStatus = { state: "idle" } | { state: "saving" } | { state: "saved" } | { state: "retrying" } | { state: "refused"; message: string };

/** What the browser keeps while the server may be out of reach: the newest code and whether the server has it. */
interface LocalDraft {
  code: string;
  /** Client time of the edit, ms. */
  savedAt: number;
  synced: boolean;
}

const DEBOUNCE_MS = 1500;
const MAX_RETRY_MS = 30_000;

function readLocal(key: string): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (raw === null) return null;
    const parsed = JSON.parse(raw) as Partial<LocalDraft>;
    if (typeof parsed.code !== "string" || typeof parsed.savedAt !== "number") return null;
    return { code: parsed.code, savedAt: parsed.savedAt, synced: parsed.synced === true };
  } catch {
    return null;
  }
}

function writeLocal(key: string, draft: LocalDraft): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the server copy is the one that matters.
  }
}

interface Options {
  endpoint: string;
  /** localStorage key of this user's draft of this exercise. */
  storageKey: string;
  /** The code the page was rendered with: the server's draft, or the starter. */
  initialCode: string;
  /** When the server's draft was saved (ISO), or null when there is none. */
  serverSavedAt: string | null;
}

/**
 * Keeps a draft on the server: saved 1.5 s after typing stops (or at once on `flush`), retried with
 * back-off when the server cannot be reached, mirrored in localStorage as an offline fallback. On load
 * an unsynced local copy newer than the server's replaces it.
 */
export function useDraft({ endpoint, storageKey, initialCode, serverSavedAt }: Options) {
  const [code, setCode] = useState(initialCode);
  const [status, setStatus] = useState<DraftStatus>(serverSavedAt ? { state: "saved" } : { state: "idle" });
  const latest = useRef(initialCode);
  const onServer = useRef(initialCode);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const retryDelay = useRef(2000);
  const stored = useRef(serverSavedAt !== null);
  // The retry timer calls the newest flush through this ref (flush cannot name itself).
  const flushLater = useRef<() => void>(() => {});

  const schedule = useCallback((run: () => void, ms: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(run, ms);
  }, []);

  const flush = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    while (inFlight.current) await inFlight.current;
    const sending = latest.current;
    if (sending === onServer.current) {
      // Typed and undone: nothing to send, and the server still holds this code (or the starter).
      setStatus(stored.current ? { state: "saved" } : { state: "idle" });
      return;
    }
    setStatus({ state: "saving" });
    const attempt = (async () => {
      try {
        const response = await fetch(endpoint, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code: sending }) });
        if (response.ok) {
          onServer.current = sending;
          stored.current = true;
          retryDelay.current = 2000;
          if (latest.current === sending) {
            writeLocal(storageKey, { code: sending, savedAt: Date.now(), synced: true });
            setStatus({ state: "saved" });
          }
          return;
        }
        if (response.status >= 400 && response.status < 500 && response.status !== 429) {
          const payload = (await response.json().catch(() => ({}))) as { error?: string };
          setStatus({ state: "refused", message: payload.error ?? `refused (${response.status})` });
          return;
        }
        throw new Error(`status ${response.status}`);
      } catch {
        setStatus({ state: "retrying" });
        schedule(() => flushLater.current(), retryDelay.current);
        retryDelay.current = Math.min(MAX_RETRY_MS, retryDelay.current * 2);
      }
    })();
    inFlight.current = attempt;
    await attempt;
    inFlight.current = null;
  }, [endpoint, schedule, storageKey]);
  useEffect(() => {
    flushLater.current = () => void flush();
  }, [flush]);

  const change = useCallback(
    (next: string) => {
      latest.current = next;
      setCode(next);
      writeLocal(storageKey, { code: next, savedAt: Date.now(), synced: false });
      setStatus((current) => (current.state === "saving" ? current : { state: "saving" }));
      schedule(() => void flush(), DEBOUNCE_MS);
    },
    [flush, schedule, storageKey],
  );

  useEffect(() => {
    const local = readLocal(storageKey);
    const serverTime = serverSavedAt ? Date.parse(serverSavedAt) : 0;
    if (local && !local.synced && local.savedAt > serverTime && local.code !== latest.current) {
      // A local edit the server never received (offline, tab closed mid-save): restore and send it.
      latest.current = local.code;
      setCode(local.code);
      void flush();
    }
  }, [storageKey, serverSavedAt, flush]);

  useEffect(() => {
    const leave = () => {
      if (latest.current === onServer.current) return;
      // Best effort on the way out; the local copy covers the rest.
      void fetch(endpoint, { method: "PUT", keepalive: true, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code: latest.current }) }).catch(() => {});
    };
    window.addEventListener("pagehide", leave);
    return () => {
      window.removeEventListener("pagehide", leave);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [endpoint]);

  return { code, change, flush, status };
}
