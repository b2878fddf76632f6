import "server-only";
import { z } from "zod";
import { action, type ActionDependencies } from "@/lib/auth/action";
import { getDb } from "@/lib/db";
import { requireSiteAdmin } from "@/lib/admin/require-admin";
import { rotateSigningKey } from "@/lib/lti/keys";
import { addDeployment, deletePlatform, ManualRegistrationSchema, NewDeploymentSchema, PlatformTargetSchema, saveManualRegistration } from "@/lib/lti/registration/admin";
import { createRegistrationUrl, DEFAULT_REGISTRATION_HOURS, MAX_REGISTRATION_HOURS } from "@/lib/lti/registration/tokens";

const CONFIRM = z.literal("yes", { error: "tick the box to confirm" });

export const RegistrationUrlRequestSchema = z.object({
  hours: z.coerce
    .number({ error: "must be a number of hours" })
    .int("must be a whole number of hours")
    .min(1, "must be at least 1 hour")
    .max(MAX_REGISTRATION_HOURS, `must be at most ${MAX_REGISTRATION_HOURS} hours`)
    .default(DEFAULT_REGISTRATION_HOURS),
});

export interface RegistrationUrlCreated {
  message: string;
  url: string;
  /** ISO time. */
  expiresAt: string;
}

/** The LMS registration actions of /admin/lti (site admins only); `origin` is where the LMS reaches the app. */
export function createLtiAdminHandlers(origin: () => Promise<string>, dependencies?: ActionDependencies) {
  // Before the input is read: to anyone else the admin area does not exist, malformed input or not.
  const adminOnly = { authorize: requireSiteAdmin };
  return {
    saveRegistration: action(
      ManualRegistrationSchema,
      async (input) => {
        await saveManualRegistration(await getDb(), input);
        return { message: `Registration of ${input.issuer} (client ${input.clientId}) saved with ${input.deploymentIds.length} deployment ID${input.deploymentIds.length === 1 ? "" : "s"}.` };
      },
      dependencies,
      adminOnly,
    ),
    deleteRegistration: action(
      PlatformTargetSchema.extend({ confirm: CONFIRM }),
      async ({ platformId }) => {
        const removed = await deletePlatform(await getDb(), platformId);
        return { message: `Registration ${removed.name || removed.issuer} deleted: launches from it are refused from now on.` };
      },
      dependencies,
      adminOnly,
    ),
    addDeployment: action(
      NewDeploymentSchema,
      async ({ platformId, deploymentId }) => {
        await addDeployment(await getDb(), platformId, deploymentId);
        return { message: `Deployment ID ${deploymentId} added.` };
      },
      dependencies,
      adminOnly,
    ),
    createRegistrationUrl: action(
      RegistrationUrlRequestSchema,
      async ({ hours }, { user }): Promise<RegistrationUrlCreated> => {
        const created = await createRegistrationUrl(await getDb(), user.id, await origin(), hours);
        return { message: `Registration URL created; it works once, for ${hours} hour${hours === 1 ? "" : "s"}.`, url: created.url, expiresAt: created.expiresAt.toISOString() };
      },
      dependencies,
      adminOnly,
    ),
    rotateKey: action(
      z.object({ confirm: CONFIRM }),
      async () => {
        const kid = await rotateSigningKey(await getDb());
        return { message: `New signing key ${kid} in use; the previous one stays published for 7 days.` };
      },
      dependencies,
      adminOnly,
    ),
  };
}
