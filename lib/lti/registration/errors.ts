/** A registration that could not be done; the message is shown to whoever registers (LMS admin or site admin). */
export class RegistrationError extends Error {
  override name = "RegistrationError";
}
