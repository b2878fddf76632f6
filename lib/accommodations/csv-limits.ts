/** Largest accommodations CSV read; the form checks it before sending, the action again. */
export const MAX_ACCOMMODATIONS_CSV_BYTES = 512 * 1024;
/** Most rows one file may hold: the import is all or nothing, so a longer file is refused whole. */
export const MAX_ACCOMMODATIONS_CSV_ROWS = 5000;
/** The columns, in the order read when there is no header row. */
export const ACCOMMODATIONS_CSV_COLUMNS = ["email", "assessment", "due", "extra_attempts", "waive_late", "time_multiplier", "note"] as const;
export type AccommodationsCsvColumn = (typeof ACCOMMODATIONS_CSV_COLUMNS)[number];
/** What the assessment column holds to mean every assessment of the course. */
export const ALL_ASSESSMENTS = "*";
