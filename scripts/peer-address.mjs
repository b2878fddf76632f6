// Preloaded into the `next start` process by scripts/start.mjs (node --import). Next.js fills in
// x-forwarded-for from the socket only when the client sent none (next/dist/server/base-server.js:
// `req.headers['x-forwarded-for'] ??= socket.remoteAddress`), so a client could name any address there.
// Like a proxy, this appends the socket's peer address to every request's x-forwarded-for before Next.js
// sees it; the app takes the entry TRUSTED_PROXY_HOPS from the right (lib/auth/client-address.ts).
import http from "node:http";

/** Appends the socket's peer address as the last x-forwarded-for entry of `request`. */
export function appendPeerAddress(request) {
  const peer = request.socket?.remoteAddress;
  if (!peer) return;
  const forwarded = request.headers["x-forwarded-for"];
  request.headers["x-forwarded-for"] = forwarded ? `${forwarded}, ${peer}` : peer;
}

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function emitWithPeerAddress(event, ...args) {
  if (event === "request") appendPeerAddress(args[0]);
  return emit.call(this, event, ...args);
};
