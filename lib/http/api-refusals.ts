// Refusals of the participant API (lib/participant-api) as security events: a signed-in
// person answered 403 or 404 was refused someone else's attempt, or a cohort or a live
// session that is not theirs.
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { clientIp } from "./client-ip";
import { getDb } from "@/lib/db";
import type { SessionUser } from "@/lib/db/sessions-auth";
import { recordRefusal } from "@/lib/db/security-events";
import { webHeaders } from "./node-headers";

const REFUSED = new Set([403, 404]);

/** Once the response to `user`'s request is sent, records it when it was a refusal. */
export function watchRefusals(req: IncomingMessage, res: ServerResponse, user: Pick<SessionUser, "id" | "email">) {
  res.once("finish", () => {
    if (!REFUSED.has(res.statusCode)) return;
    const path = (req.url ?? "").split("?")[0]!.slice(0, 200);
    recordRefusal(getDb(), {
      userId: user.id,
      email: user.email,
      target: `${req.method ?? "?"} ${path}`,
      ip: clientIp(webHeaders(req.headers), req.socket?.remoteAddress),
      status: res.statusCode,
    }).catch((err: Error) => console.error(`security event not recorded: ${err.message}`));
  });
}
