import pg from "pg";
import { Prisma } from "@/generated/prisma/client";

/**
 * A unique index refused the row: P2002 from model queries, P2010 with PostgreSQL's
 * 23505 from raw ones, and 23505 itself from statements of lib/db/sql.ts.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (err instanceof pg.DatabaseError) return err.code === "23505";
  if (!(err instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (err.code === "P2002") return true;
  const meta = err.meta as
    { code?: string; driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } } | undefined;
  return (
    err.code === "P2010" &&
    (meta?.code === "23505" ||
      meta?.driverAdapterError?.cause?.originalCode === "23505" ||
      meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation")
  );
}
