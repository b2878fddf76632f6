/** Reads what the authored-code wrapper answered (untrusted: one JSON string) into an outcome. */
import { z } from "zod";

/** Characters one answer may have: a check's message or a generator's tests, never a data set. */
export const MAX_ANSWER_CHARS = 4 * 1024 * 1024;

const ThrownSchema = z.object({
  k: z.literal("throw"),
  kind: z.enum(["error", "value"]),
  cls: z.string().max(64),
  msg: z.string().max(2000),
  line: z.number().int().min(0),
  col: z.number().int().min(0),
});
export type AuthoredThrown = z.infer<typeof ThrownSchema>;

const EnvelopeSchema = z.discriminatedUnion("k", [
  z.object({ k: z.literal("loaded"), names: z.array(z.string().max(200)).max(1000) }),
  z.object({ k: z.literal("ret"), v: z.json() }),
  z.object({ k: z.literal("missing") }),
  z.object({ k: z.literal("out"), why: z.string().max(2000) }),
  ThrownSchema,
]);
export type Envelope = z.infer<typeof EnvelopeSchema> | { k: "bad"; why: string };

/** The wrapper's answer as an outcome; anything malformed becomes `bad` (never an exception). */
export function readEnvelope(raw: unknown): Envelope {
  if (typeof raw !== "string") return { k: "bad", why: "answered something that is not text" };
  if (raw.length > MAX_ANSWER_CHARS) return { k: "bad", why: `returned more than ${MAX_ANSWER_CHARS / (1024 * 1024)} MB of data` };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { k: "bad", why: "answered malformed data" };
  }
  const parsed = EnvelopeSchema.safeParse(json);
  return parsed.success ? parsed.data : { k: "bad", why: "answered malformed data" };
}
