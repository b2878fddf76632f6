import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/transaction";
import { ltiDeployments, ltiPlatforms, type LtiPlatform } from "../db/schema";

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

/** A platform registration as an admin (or dynamic registration) gives it. */
export const PlatformInputSchema = z.object({
  name: z.string().trim().max(120).default(""),
  issuer: z.string().trim().min(1, "is required").max(500),
  clientId: z.string().trim().min(1, "is required").max(500),
  authLoginUrl: httpUrl,
  authTokenUrl: httpUrl,
  jwksUrl: httpUrl,
  tokenAudience: z.string().trim().max(500).optional().transform((value) => (value ? value : undefined)),
  deploymentIds: z.array(z.string().trim().min(1).max(500)).max(50).default([]),
});
export type PlatformInput = z.input<typeof PlatformInputSchema>;

/** Stores a platform and its deployments (adds deployments to an existing issuer + client id). Returns its id. */
export async function savePlatform(db: DbOrTx, input: PlatformInput, registeredVia: "dynamic" | "manual"): Promise<string> {
  const parsed = PlatformInputSchema.parse(input);
  const values = {
    name: parsed.name,
    issuer: parsed.issuer,
    clientId: parsed.clientId,
    authLoginUrl: parsed.authLoginUrl,
    authTokenUrl: parsed.authTokenUrl,
    jwksUrl: parsed.jwksUrl,
    tokenAudience: parsed.tokenAudience ?? null,
  };
  const [row] = await db
    .insert(ltiPlatforms)
    .values({ ...values, registeredVia })
    .onConflictDoUpdate({ target: [ltiPlatforms.issuer, ltiPlatforms.clientId], set: values })
    .returning({ id: ltiPlatforms.id });
  for (const deploymentId of parsed.deploymentIds) {
    await db.insert(ltiDeployments).values({ platformId: row!.id, deploymentId }).onConflictDoNothing();
  }
  return row!.id;
}

/**
 * The platform of an issuer; with `clientId`, that registration exactly. Without it (a login initiation
 * that names no client), the issuer's only registration, or null when it has several.
 */
export async function findPlatform(db: DbOrTx, issuer: string, clientId?: string): Promise<LtiPlatform | null> {
  const rows = await db
    .select()
    .from(ltiPlatforms)
    .where(and(eq(ltiPlatforms.issuer, issuer), clientId === undefined ? undefined : eq(ltiPlatforms.clientId, clientId)))
    .limit(2);
  return rows.length === 1 ? rows[0]! : null;
}

export async function getPlatform(db: DbOrTx, id: string): Promise<LtiPlatform | null> {
  const [row] = await db.select().from(ltiPlatforms).where(eq(ltiPlatforms.id, id));
  return row ?? null;
}

/** Whether the platform registered this deployment id. */
export async function isKnownDeployment(db: DbOrTx, platformId: string, deploymentId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: ltiDeployments.deploymentId })
    .from(ltiDeployments)
    .where(and(eq(ltiDeployments.platformId, platformId), eq(ltiDeployments.deploymentId, deploymentId)));
  return row !== undefined;
}

/** Every platform with its deployment ids, for the admin page. */
export async function listPlatforms(db: DbOrTx) {
  const platforms = await db.select().from(ltiPlatforms).orderBy(asc(ltiPlatforms.createdAt));
  const deployments = await db.select().from(ltiDeployments).orderBy(asc(ltiDeployments.createdAt));
  return platforms.map((platform) => ({
    ...platform,
    deploymentIds: deployments.filter((row) => row.platformId === platform.id).map((row) => row.deploymentId),
  }));
}
