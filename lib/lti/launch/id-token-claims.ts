import { z } from "zod";
import { LTI_CLAIM } from "../claims";

const Id = z.string().trim().min(1).max(1000);
const Url = z.url({ protocol: /^https?$/ }).max(2000);

/** The LTI claims of an id_token the launch reads (the signature and the registered claims are checked by jose). */
export const IdTokenClaimsSchema = z.object({
  sub: Id,
  name: z.string().max(500).optional(),
  email: z.string().max(500).optional(),
  [LTI_CLAIM.messageType]: z.string(),
  [LTI_CLAIM.version]: z.string(),
  [LTI_CLAIM.deploymentId]: Id,
  [LTI_CLAIM.roles]: z.array(z.string()).default([]),
  [LTI_CLAIM.context]: z.object({ id: Id, title: z.string().max(500).optional() }).optional(),
  [LTI_CLAIM.resourceLink]: z.object({ id: Id, title: z.string().max(500).optional() }).optional(),
  [LTI_CLAIM.custom]: z.record(z.string(), z.unknown()).optional(),
  [LTI_CLAIM.launchPresentation]: z.object({ return_url: z.string().optional() }).optional(),
  [LTI_CLAIM.nrps]: z.object({ context_memberships_url: Url }).optional(),
  [LTI_CLAIM.ags]: z.object({ scope: z.array(z.string()).default([]), lineitems: Url.optional(), lineitem: Url.optional() }).optional(),
  [LTI_CLAIM.deepLinkingSettings]: z
    .object({
      deep_link_return_url: Url,
      accept_types: z.array(z.string()).default([]),
      accept_multiple: z.boolean().default(true),
      data: z.string().max(4000).optional(),
    })
    .optional(),
});
export type IdTokenClaims = z.infer<typeof IdTokenClaimsSchema>;

/** A custom parameter as text (platforms send custom values as strings; anything else is ignored). */
export function customParameter(claims: IdTokenClaims, name: string): string | undefined {
  const value = claims[LTI_CLAIM.custom]?.[name];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}
