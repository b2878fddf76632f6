import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

function positiveInteger(max: number) {
  return z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));
}

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  DATA_DIR: z.string().trim().min(1).default(".data"),
  DATABASE_URL: optionalString.pipe(
    z
      .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
      .optional(),
  ),
  AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  NEXTAUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  NEXTAUTH_URL: optionalString.pipe(z.url().optional()),
  SEED_DEMO: optionalString.pipe(z.enum(["true", "false"]).optional()),
  /** Server mode only: whether the app process grades too (default false: `npm run worker` does). */
  GRADE_IN_APP: optionalString.pipe(z.enum(["true", "false"]).optional()),
  /** Grader processes of this process's pool (default: one per CPU). */
  GRADER_POOL_SIZE: optionalString.pipe(positiveInteger(256).optional()),
  /** How long SIGTERM waits for jobs in hand before handing them back to the queue. */
  SHUTDOWN_TIMEOUT_SECONDS: optionalString.pipe(positiveInteger(3_600).optional()),
  /** Reverse proxies in front of the app whose x-forwarded-for entry is believed (default 0: the socket's peer). */
  /**
   * "true" lets LMS dynamic registration call http URLs and hosts on loopback or private addresses (the fake
   * LMS of the tests on 127.0.0.1, a local Moodle). Never in production: /lti/register is public and
   * would let whoever holds a registration URL make the server call its own network.
   */
  LTI_ALLOW_INSECURE_PLATFORM_URLS: optionalString.pipe(z.enum(["true", "false"]).optional()),
  TRUSTED_PROXY_HOPS: optionalString.pipe(
    z.string().regex(/^\d+$/, "must be a whole number").transform(Number).pipe(z.number().int().min(0).max(10)).optional(),
  ).transform((hops) => hops ?? 0),
});

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid environment:\n${issues.map((issue) => `  - ${issue}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses environment variables; throws an EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
  );
}

let cached: Env | undefined;

/** The process environment, parsed once. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** True when the app runs on the embedded PGlite database (no DATABASE_URL). */
export function isEmbedded(config: Env = env()): boolean {
  return config.DATABASE_URL === undefined;
}

/** Whether this app process consumes grading jobs: always in embedded mode, opt-in in server mode. */
export function gradesInApp(config: Env = env()): boolean {
  return isEmbedded(config) || config.GRADE_IN_APP === "true";
}
