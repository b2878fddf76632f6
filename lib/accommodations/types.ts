/** Who writes and in which course: every write is audited under `actorId`. */
export interface AccommodationScope {
  courseId: string;
  actorId: string;
}
