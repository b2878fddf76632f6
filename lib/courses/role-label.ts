/** How pages name a role ("TA", not "ta"); other roles and filters ("admin", "disabled") read as they are. */
export function roleLabel(role: string): string {
  return role === "ta" ? "TA" : role;
}
