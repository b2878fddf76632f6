/** What the model harness copies out of the sandbox: config, compile facts and weights, validated on the host. */
import { z } from "zod";

const LayerSchema = z.object({
  class_name: z.string(),
  name: z.string().optional(),
  config: z.record(z.string(), z.unknown()),
  inbound_nodes: z.array(z.unknown()).optional(),
});
export type LayerConfig = z.infer<typeof LayerSchema>;

export const ModelTopologySchema = z.object({
  class_name: z.string(),
  config: z.object({ layers: z.array(LayerSchema).max(200) }).loose(),
});

const WeightSchema = z.object({
  shape: z.array(z.number().int().min(0)).max(8),
  values: z.array(z.number()),
});

export const TrainedModelSchema = z.object({
  compiled: z.boolean(),
  loss: z.string().nullable(),
  topology: ModelTopologySchema,
  /** The training loss after each epoch (empty when the model was not trained); only ever shown, never scored. */
  losses: z.array(z.union([z.number(), z.null()])).max(10_000).default([]),
  weights: z.array(WeightSchema).max(400),
});
export type TrainedModel = z.infer<typeof TrainedModelSchema>;

export const HarnessOutputSchema = z.union([
  z.object({ error: z.string().max(500) }),
  z.object({ models: z.array(TrainedModelSchema).min(1).max(5) }),
]);

/** Parses the harness's JSON string; a message instead when it is not what the harness produces. */
export function parseHarnessOutput(raw: unknown): { models: TrainedModel[] } | { error: string } {
  if (typeof raw !== "string") return { error: "the model harness returned no result" };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { error: "the model harness returned an unreadable result" };
  }
  const parsed = HarnessOutputSchema.safeParse(json);
  if (!parsed.success) return { error: "the model's configuration or weights could not be read" };
  return parsed.data;
}
