/** Largest roster CSV read (about 5000 rows); the form checks it before sending, the action again. */
export const MAX_ROSTER_BYTES = 512 * 1024;
