/** Where an account with a one-time password is sent before anything else. */
export const CHANGE_PASSWORD_PATH = "/account";
