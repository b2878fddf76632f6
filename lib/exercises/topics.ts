/** The course's topics in teaching order (the catalogue's sections); other topics sort after them. */
export const COURSE_TOPICS = [
  "Preparing data",
  "Activation functions",
  "Topology",
  "Epochs, batches and steps",
  "Optimizers",
  "Generalization",
  "Hyperparameter search",
  "Learning-rate schedules",
  "Batch normalization",
  "Losses",
] as const;

/** Sort key of a topic: its place in the course, unknown topics last. */
export function topicRank(topic: string): number {
  const index = COURSE_TOPICS.findIndex((known) => known.toLowerCase() === topic.trim().toLowerCase());
  return index === -1 ? COURSE_TOPICS.length : index;
}
