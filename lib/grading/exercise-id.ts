/** An exercise id: kebab-case, so that it is safe wherever it is used (URLs, folder names, messages). */
export const EXERCISE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
