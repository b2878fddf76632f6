import { loadCatalogue, type CatalogueReport, type LoadedExercise } from "./catalogue";

// The web process loads the catalogue once at start; route bundles share it through globalThis.
const store = globalThis as typeof globalThis & { __tensorgradeCatalogue?: Promise<CatalogueReport> };

/** The loaded exercise catalogue of this process (loaded on first use). */
export function getCatalogue(): Promise<CatalogueReport> {
  store.__tensorgradeCatalogue ??= loadCatalogue().catch((error: unknown) => {
    store.__tensorgradeCatalogue = undefined;
    throw error;
  });
  return store.__tensorgradeCatalogue;
}

/** Replaces the process's catalogue (at start, after a reload). */
export function setCatalogue(report: CatalogueReport): void {
  store.__tensorgradeCatalogue = Promise.resolve(report);
}

/** The loaded package with this id, or null when it does not exist or failed to load. */
export async function findLoadedExercise(id: string): Promise<LoadedExercise | null> {
  return (await getCatalogue()).exercises.find((entry) => entry.pkg.exercise.id === id) ?? null;
}
