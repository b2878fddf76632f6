"use client";

import { useEffect } from "react";

type CodeLoader = (code: string) => void;

// An exercise page has one workbench; the attempt history sits outside it in the server-rendered page.
let offered: CodeLoader | null = null;

/** The workbench offers its editor to the rest of the page (the attempt history) while it is mounted. */
export function useOfferCodeLoader(load: CodeLoader): void {
  useEffect(() => {
    offered = load;
    return () => {
      if (offered === load) offered = null;
    };
  }, [load]);
}

/** Puts code into the page's editor (the workbench may still ask first); false when the page has no editor. */
export function loadIntoEditor(code: string): boolean {
  if (!offered) return false;
  offered(code);
  return true;
}
