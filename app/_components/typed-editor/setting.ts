"use client";

import { useCallback, useSyncExternalStore } from "react";

const STORAGE_KEY = "tensorgrade:show-type-errors";
const listeners = new Set<() => void>();
/** The choice made on this page when storage refused to keep it. */
let unsaved: boolean | null = null;

function read(): boolean {
  if (unsaved !== null) return unsaved;
  try {
    return window.localStorage.getItem(STORAGE_KEY) !== "off";
  } catch {
    return true;
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changing the setting counts too.
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

/** The student's "Show type errors" setting (on by default), kept in this browser's localStorage. */
export function useShowTypeErrors(): [boolean, (show: boolean) => void] {
  // The server renders the default (on); the stored choice applies from hydration on.
  const show = useSyncExternalStore(subscribe, read, () => true);
  const set = useCallback((next: boolean) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, next ? "on" : "off");
    } catch {
      // Storage refused (private mode, quota): the choice lasts for this page only.
      unsaved = next;
    }
    for (const listener of listeners) listener();
  }, []);
  return [show, set];
}
