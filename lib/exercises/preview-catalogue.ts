import type { LoadedExercise } from "./catalogue";
import type { Kind } from "./kinds";
import { topicRank } from "./topics";

export interface CatalogueEntry {
  id: string;
  title: string;
  kind: Kind;
  difficulty: string;
  points: number;
  /** Whether the course has assigned it. */
  assigned: boolean;
}

export interface CatalogueTopic {
  topic: string;
  exercises: CatalogueEntry[];
}

/** The loaded exercises grouped by topic in teaching order, each marked assigned in the course or not. */
export function groupCatalogueByTopic(exercises: readonly LoadedExercise[], assignedIds: ReadonlySet<string>): CatalogueTopic[] {
  const topics = new Map<string, CatalogueEntry[]>();
  for (const { pkg } of exercises) {
    const { id, title, topic, difficulty, points } = pkg.exercise;
    const list = topics.get(topic) ?? [];
    list.push({ id, title, kind: pkg.kind, difficulty, points, assigned: assignedIds.has(id) });
    topics.set(topic, list);
  }
  return [...topics]
    .map(([topic, entries]) => ({ topic, exercises: entries.sort((a, b) => a.title.localeCompare(b.title)) }))
    .sort((a, b) => topicRank(a.topic) - topicRank(b.topic) || a.topic.localeCompare(b.topic));
}
