import { z } from "zod";
import { ZOptionalMailKind } from "@/lib/domain/mail-preferences";
import { ZId } from "@/lib/schemas/common";

/** An unsubscribe link's query (lib/mail/unsubscribe.ts): who, which mail, and the signature. */
export const ZUnsubscribeLink = z.strictObject({
  u: ZId,
  k: ZOptionalMailKind,
  t: z.string().regex(/^[A-Za-z0-9_-]{32}$/),
});
export type TUnsubscribeLink = z.infer<typeof ZUnsubscribeLink>;

/** The link's query from URLSearchParams or a page's searchParams; undefined when malformed. */
export function parseUnsubscribeLink(
  query: Record<string, string | string[] | undefined>,
): TUnsubscribeLink | undefined {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const parsed = ZUnsubscribeLink.safeParse({ u: one(query.u), k: one(query.k), t: one(query.t) });
  return parsed.success ? parsed.data : undefined;
}
