import * as z from 'zod'

/**
 * Characters that show as nothing or reorder what follows: U+202E makes "张三\u202Egpj.exe" read
 * as a picture, U+200B hides inside a name. A name on a staff screen, or a file name, must read as
 * what it is. Multi-line text (reasons, descriptions) may also hold line breaks and tabs.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u
const INVISIBLE_IN_LINES = /(?![\n\r\t])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u

/**
 * Field labels live on the schemas (`.meta({ title })`) so that the server's 400 answers and the
 * screens' inline errors name the field in the same Chinese words. Every labelled field refuses
 * invisible and control characters in the text it takes; objects are left alone (a refined object
 * can no longer be extended), their fields carry labels of their own.
 */
export function labelled<T extends z.ZodType>(schema: T, title: string, options: { multiline?: boolean } = {}): T {
  const invisible = options.multiline ? INVISIBLE_IN_LINES : INVISIBLE
  const checked =
    schema instanceof z.ZodObject ? schema : schema.refine((value) => typeof value !== 'string' || !invisible.test(value), `${title}含有不可见或控制字符`)
  return checked.meta({ title }) as T
}

/** A field's schema and the optional, default and transform layers around it; its title may be on any. */
function layers(schema: z.ZodType): z.ZodType[] {
  const found = [schema]
  for (let current = schema; ; found.push(current)) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType
    else if (current instanceof z.ZodPipe) current = current.in as z.ZodType
    else return found
  }
}

function ownTitle(schema: z.ZodType): string | undefined {
  for (const layer of layers(schema)) {
    const title = layer.meta()?.title
    if (typeof title === 'string') return title
  }
  return undefined
}

/** A union of objects goes by the member that has the key (the shapes a request may take). */
function unionMember(schema: z.ZodType, key: PropertyKey): z.ZodType {
  if (!(schema instanceof z.ZodUnion)) return schema
  const members = schema.options as readonly z.ZodType[]
  return members.find((member) => member instanceof z.ZodObject && typeof key === 'string' && key in member.shape) ?? schema
}

/** The title of the field at `path`, else of the nearest field around it (an array's items go by the array's). */
export function fieldLabel(schema: z.ZodType, path: readonly PropertyKey[]): string | undefined {
  let current = schema
  let title = ownTitle(schema)
  for (const key of path) {
    const inner = unionMember(layers(current).at(-1)!, key)
    const next =
      inner instanceof z.ZodObject && typeof key === 'string'
        ? (inner.shape[key] as z.ZodType | undefined)
        : inner instanceof z.ZodArray
          ? (inner.element as z.ZodType)
          : undefined
    if (!next) return title
    current = next
    title = ownTitle(current) ?? title
  }
  return title
}

/** A calendar date typed or picked as YYYY-MM-DD, checked to exist (no 2026-02-30). */
export const isoDate = (title: string) =>
  labelled(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, `${title}格式应为YYYY-MM-DD`)
      .refine(
        (value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
        `${title}不是有效日期`,
      ),
    title,
  )

/**
 * zod's own messages are English (though they may quote Chinese enum options); one that starts in
 * Chinese was written by us on the schema and says it best.
 */
const OWN_MESSAGE = /^[\u4e00-\u9fff]/

function describeIssue(issue: z.core.$ZodIssue, label: string): string {
  if (OWN_MESSAGE.test(issue.message)) return issue.message
  switch (issue.code) {
    case 'invalid_type':
      // Only a value that is not there is missing: "abc" or true as a year is a wrong one.
      return issue.input === undefined || issue.input === null ? `请填写${label}` : `${label}格式不正确`
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? `请填写${label}` : `${label}至少${issue.minimum}个字符`
      if (issue.origin === 'array') return `请至少提供${issue.minimum}项${label}`
      return `${label}不能小于${issue.minimum}`
    case 'too_big':
      if (issue.origin === 'string') return `${label}不能超过${issue.maximum}个字符`
      if (issue.origin === 'array') return `${label}最多${issue.maximum}项`
      return `${label}不能大于${issue.maximum}`
    case 'invalid_format':
      return `${label}格式不正确`
    case 'invalid_value':
      return `请选择有效的${label}`
    case 'unrecognized_keys':
      // The keys are whatever the client sent, not our Chinese field names: never echoed.
      return '含有不支持的字段'
    default:
      // Refinements carry their own Chinese message.
      return issue.message.startsWith('Invalid') ? `${label}不正确` : issue.message
  }
}

const isMissing = (issue: z.core.$ZodIssue) => issue.code === 'invalid_type' && issue.input === undefined

/**
 * A request matching none of a union's shapes is told what is wrong with the shape it meant: the
 * one that found fault with most of what was sent (so it read those fields), else the one missing
 * fewest fields; its issues are placed under the union's path.
 */
function meantBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue]
  const rank = (issues: z.core.$ZodIssue[]) => {
    const missing = issues.filter(isMissing).length
    return missing - (issues.length - missing) * 1000
  }
  const meant = issue.errors.reduce((best, issues) => (rank(issues) < rank(best) ? issues : best))
  return meant.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })).flatMap(meantBranch)
}

/**
 * Turns a zod failure into `{ fieldPath: "中文说明" }`, one message per field (the first). The
 * issues must carry their input (`reportInput`, as `validate` parses) to tell wrong from missing.
 */
export function fieldErrors(schema: z.ZodType, error: z.ZodError): Record<string, string> {
  const result: Record<string, string> = {}
  for (const issue of error.issues.flatMap(meantBranch)) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_'
    if (key in result) continue
    result[key] = describeIssue(issue, fieldLabel(schema, issue.path) ?? (issue.path.length ? '所填内容' : '请求'))
  }
  return result
}

/** Checks input against a contract schema, on the server and on the screens alike; `errors` is empty when valid. */
export function validate<S extends z.ZodType>(schema: S, values: unknown): { data?: z.output<S>; errors: Record<string, string> } {
  const result = schema.safeParse(values, { reportInput: true })
  return result.success ? { data: result.data, errors: {} } : { errors: fieldErrors(schema, result.error) }
}

/** A short summary for a toast: the first field's message. */
export function firstFieldError(errors: Record<string, string>): string {
  return Object.values(errors)[0] ?? '提交的信息有误'
}
