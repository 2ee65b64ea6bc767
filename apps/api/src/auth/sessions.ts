import {
  type Db,
  deleteSession,
  getSessionUser,
  insertSession,
  type PublicUser,
  toPublicUser,
} from "@waybill/db";
import { createSessionToken, hashToken } from "../lib/crypto";
import { readCookie, SESSION_COOKIE } from "./cookies";

export type SessionIdentity = { user: PublicUser; tokenHash: string };

/** Resolves the session cookie of a request (HTTP or WebSocket upgrade) to its user. */
export function identifyRequest(
  db: Db,
  cookieHeader: string | null | undefined,
  now: Date,
): SessionIdentity | null {
  const token = readCookie(cookieHeader, SESSION_COOKIE);
  if (!token) return null;
  const tokenHash = hashToken(token);
  const session = getSessionUser(db, tokenHash, now);
  return session ? { user: toPublicUser(session.user), tokenHash } : null;
}

/** Creates a session and returns the raw token for the cookie; only its hash is stored. */
export function openSession(
  db: Db,
  userId: string,
  now: Date,
  ttlMs: number,
): { token: string; expiresAt: Date } {
  const token = createSessionToken();
  const expiresAt = new Date(now.getTime() + ttlMs);
  insertSession(db, { tokenHash: hashToken(token), userId, expiresAt });
  return { token, expiresAt };
}

export function closeSession(db: Db, tokenHash: string): void {
  deleteSession(db, tokenHash);
}
