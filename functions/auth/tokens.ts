import { deferred } from '../../shared/deferred'
import * as z from 'zod'
import { ROLES, USER_TYPES, type Role, type UserType } from '../../shared/roles'
import { config } from '../config'
import { epochSeconds } from '../ports/clock'
import { AppError } from '../usecases/errors'
import { ExpiredToken, signJwt, verifyJwt } from './jwt'

export const ACCESS_TOKEN_SECONDS = 15 * 60
export const REFRESH_TOKEN_SECONDS = 7 * 24 * 60 * 60
const ISSUER = 'cicpa-member-services'

/** Who is calling, as proven by a valid access token. */
export interface Caller {
  accountId: string
  username: string
  /** The name people see (经办人 on a staff decision). */
  displayName: string
  userType: UserType
  role: Role
  associationCode: string
  mustChangePassword: boolean
  /** The account's token version when the token was issued: a newer one on the account revokes it. */
  tokenVersion: number
}

/** One login on one device: the refresh token names it and its generation, which every refresh moves on. */
export interface RefreshSession {
  accountId: string
  tokenVersion: number
  sessionId: string
  generation: number
}

const tokenVersion = deferred(() => z.number().int().nonnegative())

/**
 * Everything a verified token must carry, typed: a token signed with the right key but odd claims
 * (no `exp`, a number where text belongs, an unknown role) is refused like a forged one.
 */
const registered = {
  sub: deferred(() => z.string().min(1)),
  iss: deferred(() => z.literal(ISSUER)),
  exp: deferred(() => z.number()),
  iat: deferred(() => z.number()),
}

const AccessClaims = deferred(() =>
  z.object({
    ...registered,
    typ: z.literal('access'),
    usr: z.string().min(1),
    // Absent from access tokens issued before names were carried: those name the user by login name until refreshed.
    nm: z.string().min(1).optional(),
    ut: z.enum(USER_TYPES),
    role: z.enum(ROLES),
    assoc: z.string().min(1),
    pwc: z.boolean(),
    tv: tokenVersion,
  }),
)

const RefreshClaims = deferred(() =>
  z.object({
    ...registered,
    typ: z.literal('refresh'),
    tv: tokenVersion,
    sid: z.string().min(16).max(64),
    gen: z.number().int().nonnegative(),
  }),
)

const invalid = () => new AppError('UNAUTHENTICATED', '登录状态无效，请重新登录')

/** System time, as jsonwebtoken read it: a token's lifetime is real seconds, whatever date a local run sets. */
const nowSeconds = () => epochSeconds(new Date())

function sign(claims: Record<string, unknown>, subject: string, seconds: number): string {
  return signJwt(claims, config.jwtSecret, { subject, issuer: ISSUER, seconds, now: nowSeconds() })
}

export function issueAccessToken(caller: Caller): string {
  const claims = {
    typ: 'access',
    usr: caller.username,
    nm: caller.displayName,
    ut: caller.userType,
    role: caller.role,
    assoc: caller.associationCode,
    pwc: caller.mustChangePassword,
    tv: caller.tokenVersion,
  }
  return sign(claims, caller.accountId, ACCESS_TOKEN_SECONDS)
}

export function issueRefreshToken(session: RefreshSession): string {
  const claims = { typ: 'refresh', tv: session.tokenVersion, sid: session.sessionId, gen: session.generation }
  return sign(claims, session.accountId, REFRESH_TOKEN_SECONDS)
}

function verify<S extends z.ZodType>(token: string, claims: S): z.output<S> {
  let payload: unknown
  try {
    payload = verifyJwt(token, config.jwtSecret, { issuer: ISSUER, now: nowSeconds() })
  } catch (error) {
    if (error instanceof ExpiredToken) throw new AppError('TOKEN_EXPIRED', '登录已过期，请重新登录')
    throw invalid()
  }
  const parsed = claims.safeParse(payload)
  if (!parsed.success) throw invalid()
  return parsed.data
}

/**
 * Reads `Authorization: Bearer <token>` and returns the caller it proves. The signature alone says
 * nothing about revocation: the router compares `tokenVersion` with the account's on every request.
 */
export function authenticate(authorizationHeader: string): Caller {
  const match = /^Bearer\s+(\S+)$/i.exec(authorizationHeader)
  if (!match?.[1]) throw new AppError('UNAUTHENTICATED', '请先登录')
  const claims = verify(match[1], AccessClaims)
  return {
    accountId: claims.sub,
    username: claims.usr,
    displayName: claims.nm ?? claims.usr,
    userType: claims.ut,
    role: claims.role,
    associationCode: claims.assoc,
    mustChangePassword: claims.pwc,
    tokenVersion: claims.tv,
  }
}

export function readRefreshToken(token: string): RefreshSession {
  const claims = verify(token, RefreshClaims)
  return { accountId: claims.sub, tokenVersion: claims.tv, sessionId: claims.sid, generation: claims.gen }
}
