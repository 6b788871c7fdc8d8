import * as z from 'zod'

/**
 * Field labels live on the schemas (`.meta({ title })`) so that the server's 400 answers and the
 * screens' inline errors name the field in the same Chinese words.
 */
export function labelled<T extends z.ZodType>(schema: T, title: string): T {
  return schema.meta({ title }) as T
}

function titleAt(schema: z.ZodType, path: readonly PropertyKey[]): string | undefined {
  let current: z.ZodType | undefined = schema
  for (const key of path) {
    while (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
      current = current.unwrap() as z.ZodType
    }
    if (current instanceof z.ZodObject && typeof key === 'string') current = current.shape[key] as z.ZodType | undefined
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType
    else return undefined
    if (!current) return undefined
  }
  const title = current?.meta()?.title
  return typeof title === 'string' ? title : undefined
}

/** A calendar date typed or picked as YYYY-MM-DD, checked to exist (no 2026-02-30). */
export const isoDate = (title: string) =>
  labelled(
    z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${title}格式应为YYYY-MM-DD`).refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), `${title}不是有效日期`),
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
      // zod leaves `input` out of coerced failures (e.g. "abc" as a year) but says what it received.
      return (issue.input === undefined && (issue as { received?: string }).received !== 'NaN') || issue.input === null ? `请填写${label}` : `${label}格式不正确`
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
      return `不支持的字段：${issue.keys.join('、')}`
    default:
      // Refinements carry their own Chinese message.
      return issue.message.startsWith('Invalid') ? `${label}不正确` : issue.message
  }
}

/** Turns a zod failure into `{ fieldPath: "中文说明" }`, one message per field (the first). */
export function fieldErrors(schema: z.ZodType, error: z.ZodError): Record<string, string> {
  const result: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_'
    if (key in result) continue
    const label = titleAt(schema, issue.path) ?? (issue.path.length ? String(issue.path.at(-1)) : '请求')
    result[key] = describeIssue(issue, label)
  }
  return result
}

/** A short summary for a toast: the first field's message. */
export function firstFieldError(errors: Record<string, string>): string {
  return Object.values(errors)[0] ?? '提交的信息有误'
}
