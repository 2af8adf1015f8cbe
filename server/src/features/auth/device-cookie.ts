import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parse } from 'cookie';
import type { Request, Response } from 'express';

/**
 * A "known device": after a successful sign-in the browser keeps a signed cookie naming the accounts
 * that signed in on it (OWASP's device cookies). Someone else guessing an account's password cannot
 * lock out its owner on such a device: its attempts are counted apart (see LoginLimiter).
 */
const cookieName = 'planner.device';
const maxAccounts = 10;
const oneYearMs = 365 * 24 * 60 * 60 * 1000;

interface Device {
  id: string;
  userIds: string[];
}

const sign = (payload: string, secret: string) => createHmac('sha256', secret).update(payload).digest('base64url');

function read(req: Request, secret: string): Device | undefined {
  const value = parse(req.headers.cookie ?? '')[cookieName];
  const [id, users, mac] = (value ?? '').split('.');
  if (!id || users === undefined || !mac) return undefined;
  const expected = Buffer.from(sign(`${id}.${users}`, secret));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  return { id, userIds: users ? users.split(',') : [] };
}

/** The device's id when this browser signed in to the account before, else undefined. */
export function knownDeviceOf(req: Request, secret: string, userId: string | undefined): string | undefined {
  const device = read(req, secret);
  return userId && device?.userIds.includes(userId) ? device.id : undefined;
}

export function rememberDevice(req: Request, res: Response, secret: string, userId: string, secure: boolean): void {
  const device = read(req, secret) ?? { id: randomBytes(16).toString('base64url'), userIds: [] };
  const userIds = [userId, ...device.userIds.filter((id) => id !== userId)].slice(0, maxAccounts);
  const payload = `${device.id}.${userIds.join(',')}`;
  res.cookie(cookieName, `${payload}.${sign(payload, secret)}`, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: oneYearMs,
    path: '/api/auth',
  });
}
