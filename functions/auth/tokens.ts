import jwt from 'jsonwebtoken'
import type { Role, UserType } from '../../shared/roles'
import { config } from '../config'
import { AppError } from '../http/errors'

export const ACCESS_TOKEN_SECONDS = 15 * 60
export const REFRESH_TOKEN_SECONDS = 7 * 24 * 60 * 60
const ISSUER = 'cicpa-member-services'

/** Who is calling, as proven by a valid access token. */
export interface Caller {
  accountId: string
  username: string
  userType: UserType
  role: Role
  associationCode: string
  mustChangePassword: boolean
}

interface AccessClaims {
  typ: 'access'
  usr: string
  ut: UserType
  role: Role
  assoc: string
  pwc: boolean
}

interface RefreshClaims {
  typ: 'refresh'
  /** Token version: bumped on logout and password change, so older refresh tokens stop working. */
  tv: number
}

export function issueAccessToken(caller: Caller): string {
  const claims: AccessClaims = {
    typ: 'access',
    usr: caller.username,
    ut: caller.userType,
    role: caller.role,
    assoc: caller.associationCode,
    pwc: caller.mustChangePassword,
  }
  return jwt.sign(claims, config.jwtSecret, {
    algorithm: 'HS256',
    subject: caller.accountId,
    issuer: ISSUER,
    expiresIn: ACCESS_TOKEN_SECONDS,
  })
}

export function issueRefreshToken(accountId: string, tokenVersion: number): string {
  const claims: RefreshClaims = { typ: 'refresh', tv: tokenVersion }
  return jwt.sign(claims, config.jwtSecret, {
    algorithm: 'HS256',
    subject: accountId,
    issuer: ISSUER,
    expiresIn: REFRESH_TOKEN_SECONDS,
  })
}

function verify(token: string): jwt.JwtPayload {
  try {
    const payload = jwt.verify(token, config.jwtSecret, { algorithms: ['HS256'], issuer: ISSUER })
    if (typeof payload === 'string' || !payload.sub) throw new AppError('UNAUTHENTICATED', '登录状态无效，请重新登录')
    return payload
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw new AppError('TOKEN_EXPIRED', '登录已过期，请重新登录')
    if (error instanceof AppError) throw error
    throw new AppError('UNAUTHENTICATED', '登录状态无效，请重新登录')
  }
}

/** Reads `Authorization: Bearer <token>` and returns the caller it proves. */
export function authenticate(authorizationHeader: string): Caller {
  const match = /^Bearer\s+(\S+)$/i.exec(authorizationHeader)
  if (!match?.[1]) throw new AppError('UNAUTHENTICATED', '请先登录')
  const payload = verify(match[1]) as jwt.JwtPayload & Partial<AccessClaims>
  if (payload.typ !== 'access') throw new AppError('UNAUTHENTICATED', '登录状态无效，请重新登录')
  return {
    accountId: payload.sub!,
    username: payload.usr!,
    userType: payload.ut!,
    role: payload.role!,
    associationCode: payload.assoc!,
    mustChangePassword: payload.pwc === true,
  }
}

export function readRefreshToken(token: string): { accountId: string; tokenVersion: number } {
  const payload = verify(token) as jwt.JwtPayload & Partial<RefreshClaims>
  if (payload.typ !== 'refresh' || typeof payload.tv !== 'number') {
    throw new AppError('UNAUTHENTICATED', '登录状态无效，请重新登录')
  }
  return { accountId: payload.sub!, tokenVersion: payload.tv }
}
