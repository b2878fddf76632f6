/**
 * A registration that could not be done; the message is shown to whoever registers (LMS admin or site
 * admin, on a public page): it never carries the platform's answer, which goes to `detail` for the server log.
 */
export class RegistrationError extends Error {
  override name = "RegistrationError";
  /** What the platform answered (status and the start of its body), for the server log only. */
  readonly detail: string | null;
  constructor(message: string, options: { cause?: unknown; detail?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.detail = options.detail ?? null;
  }
}
