import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/transaction";
import { ltiDeployments, ltiPlatforms } from "../../db/schema";
import { AppError } from "../../errors";
import { PlatformInputSchema, savePlatform } from "../platforms";

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://lms.example.edu/…" });

/** The admin's manual registration form: deployment ids one per line. */
export const ManualRegistrationSchema = z.object({
  name: z.string().trim().max(120, "is longer than 120 characters").default(""),
  issuer: z.string().trim().min(1, "is required (the platform's issuer, e.g. https://canvas.instructure.com)").max(500),
  clientId: z.string().trim().min(1, "is required (the client id the LMS gave Tensorgrade)").max(500),
  deploymentIds: z
    .string()
    .default("")
    .transform((text) => [...new Set(text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(500, "a deployment id is longer than 500 characters")).min(1, "needs at least one deployment id, one per line").max(50, "holds more than 50 deployment ids")),
  authLoginUrl: httpUrl,
  authTokenUrl: httpUrl,
  jwksUrl: httpUrl,
  tokenAudience: z.string().trim().max(500).optional(),
});
export type ManualRegistration = z.infer<typeof ManualRegistrationSchema>;

/** Saves a manual registration (a known issuer + client id gets its URLs replaced and the deployments added). */
export async function saveManualRegistration(db: DbOrTx, input: ManualRegistration): Promise<string> {
  return savePlatform(db, PlatformInputSchema.parse(input), "manual");
}

export const PlatformTargetSchema = z.object({ platformId: z.uuid("is not a registration") });

export const NewDeploymentSchema = PlatformTargetSchema.extend({
  deploymentId: z.string().trim().min(1, "is required").max(500, "is longer than 500 characters"),
});

/** Removes a registration with its deployments, contexts and account links (launches from it then stop). */
export async function deletePlatform(db: DbOrTx, platformId: string): Promise<{ name: string; issuer: string }> {
  const [row] = await db.delete(ltiPlatforms).where(eq(ltiPlatforms.id, platformId)).returning({ name: ltiPlatforms.name, issuer: ltiPlatforms.issuer });
  if (!row) throw new AppError("NOT_FOUND", "That registration does not exist (any more).");
  return row;
}

/** Adds a deployment id to a registration; refuses one it already has. */
export async function addDeployment(db: DbOrTx, platformId: string, deploymentId: string): Promise<void> {
  const [platform] = await db.select({ id: ltiPlatforms.id }).from(ltiPlatforms).where(eq(ltiPlatforms.id, platformId));
  if (!platform) throw new AppError("NOT_FOUND", "That registration does not exist (any more).");
  const [known] = await db
    .select({ id: ltiDeployments.deploymentId })
    .from(ltiDeployments)
    .where(and(eq(ltiDeployments.platformId, platformId), eq(ltiDeployments.deploymentId, deploymentId)));
  if (known) throw new AppError("CONFLICT", `Deployment ID ${deploymentId} is already registered.`);
  await db.insert(ltiDeployments).values({ platformId, deploymentId });
}
