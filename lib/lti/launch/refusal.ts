/** Why a launch (or its login initiation) was refused; each has a message the person in the LMS frame reads. */
export const REFUSAL = {
  bad_request: "The LMS sent an incomplete request",
  unknown_platform: "This LMS is not registered with Tensorgrade",
  unknown_state: "This launch was not started here, or it is too old",
  expired_state: "This launch took too long and expired",
  state_used: "This launch was already used (a replayed launch)",
  state_mismatch: "This launch was started in another browser",
  bad_token: "The LMS sent an id_token that is not a valid signed token",
  bad_signature: "The id_token's signature does not verify against the LMS's published keys",
  jwks_unreachable: "The LMS's public keys could not be fetched",
  wrong_issuer: "The id_token was issued by another LMS than the one that started the launch",
  wrong_audience: "The id_token is meant for another tool (its audience is not Tensorgrade's client id)",
  wrong_azp: "The id_token's authorized party is not Tensorgrade's client id",
  expired_token: "The id_token has expired",
  bad_iat: "The id_token's issue time is missing, in the future or too old",
  wrong_nonce: "The id_token's nonce does not match this launch (a replayed or foreign token)",
  bad_claims: "The id_token lacks required LTI claims",
  wrong_version: "The launch is not LTI 1.3.0",
  wrong_message_type: "This kind of LTI message is not supported",
  unknown_deployment: "This LMS deployment is not registered with Tensorgrade",
  no_context: "The launch names no LMS course",
  unknown_target: "The LMS link points to an assessment or exercise that does not exist",
  course_mismatch: "The LMS link points to another course than the one this LMS course is linked to",
  unlinked_course: "This LMS course is not linked to the Tensorgrade course of this link yet: an instructor of that course links it by adding the content from the LMS (deep linking)",
  not_instructor: "Only an instructor can add Tensorgrade content to the LMS",
  unsupported_deep_link: "This LMS placement cannot receive Tensorgrade content",
  no_target: "This LMS link is not connected to any Tensorgrade assessment yet",
  account_refused: "This LMS account cannot be signed in to Tensorgrade",
} as const;
export type RefusalCode = keyof typeof REFUSAL;

/** A refused launch: the code, its message, and a detail (the specific claim or value) when one helps. */
export class LaunchRefusal extends Error {
  override name = "LaunchRefusal";
  constructor(
    readonly code: RefusalCode,
    readonly detail?: string,
  ) {
    super(detail ? `${REFUSAL[code]}: ${detail}` : `${REFUSAL[code]}.`);
  }
}
