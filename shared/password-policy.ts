/**
 * One password rule for the change-password screen, the reset flow and the server.
 * Length over composition (NIST 800-63B), plus the letters-and-digits mix members are used to.
 */
export const PASSWORD_MIN_LENGTH = 8
export const PASSWORD_MAX_LENGTH = 64

export const PASSWORD_POLICY_TEXT = `密码长度${PASSWORD_MIN_LENGTH}-${PASSWORD_MAX_LENGTH}位，须同时包含字母和数字，不能与会员编号相同`

/** Returns the Chinese reason the password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少${PASSWORD_MIN_LENGTH}位`
  if (password.length > PASSWORD_MAX_LENGTH) return `密码不能超过${PASSWORD_MAX_LENGTH}位`
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字'
  if (/\s/.test(password)) return '密码不能包含空格'
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含会员编号或用户名'
  return null
}
