// The launch's cookie helpers live in lib/http (lib/auth's LTI session uses them too, below lib/lti).
export { cookieAttributes, readCookie } from "../../http/cookies";
