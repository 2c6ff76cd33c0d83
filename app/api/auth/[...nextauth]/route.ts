import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { guardCodeAttempt } from "@/lib/auth/code-attempts";

export const POST = handlers.POST;

export function GET(req: NextRequest) {
  return guardCodeAttempt(req, handlers.GET);
}
