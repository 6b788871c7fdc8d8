import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { routes, type RouteDef } from '../../shared/api/contract'
import { MemberInfoDraft, NoticeRequest } from '../../shared/api/inspection-schemas'
import { fieldLabel, labelled, validate } from '../../shared/validation'

interface Leaf {
  path: string[]
  schema: z.ZodType
  /** reached through an object's key (an array's items go by the array's title) */
  viaKey: boolean
}

function innermost(schema: z.ZodType): z.ZodType {
  let current = schema
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType
    else if (current instanceof z.ZodPipe) current = current.in as z.ZodType
    else return current
  }
}

function leaves(schema: z.ZodType, path: string[] = [], viaKey = false): Leaf[] {
  const inner = innermost(schema)
  if (inner instanceof z.ZodObject) return Object.entries(inner.shape).flatMap(([key, field]) => leaves(field as z.ZodType, [...path, key], true))
  if (inner instanceof z.ZodArray) return leaves(inner.element as z.ZodType, [...path, '0'], false)
  // A request of several shapes (e.g. 批量通过: ticked items, or a filter): each shape's fields count.
  if (inner instanceof z.ZodUnion && inner.options.every((option) => option instanceof z.ZodObject)) {
    return (inner.options as readonly z.ZodType[]).flatMap((option) => leaves(option, path, viaKey))
  }
  // A record's values sit under keys the client chooses (e.g. WeChat template ids): any key will do.
  if (inner instanceof z.ZodRecord) return leaves(inner.valueType as z.ZodType, [...path, 'anyKey'], false)
  return [{ path, schema, viaKey }]
}

/** A request whose only content is `value` at `path`: other fields may be missing, this one is judged on its own. */
function placed(path: string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inside, key) => (/^\d+$/.test(key) ? [inside] : { [key]: inside }), value)
}

/** WeChat Pay's server calls this one with WeChat's own field names; its refusals go back to WeChat, not to a person. */
const MACHINE_CALLBACKS = new Set(['wechatPayNotify'])

const inputs = Object.entries(routes as Record<string, RouteDef>)
  .filter(([name]) => !MACHINE_CALLBACKS.has(name))
  .flatMap(([name, route]) =>
    (['params', 'query', 'body'] as const).flatMap((part) => (route[part] ? [{ where: `${name} ${part}`, schema: route[part] as z.ZodType }] : [])),
  )
const fieldNames = new Set(inputs.flatMap(({ schema }) => leaves(schema).flatMap((leaf) => leaf.path)))
const CHINESE = /^[\u4e00-\u9fff]/

/** Whether a message is Chinese and names no English key; a description of what is wrong otherwise. */
function problemOf(message: string | undefined): string | null {
  if (!message || !CHINESE.test(message)) return `not Chinese: ${message}`
  const key = (message.match(/[A-Za-z_]+/g) ?? []).find((word) => fieldNames.has(word))
  return key ? `names the key ${key}: ${message}` : null
}

describe('field messages across the whole contract', () => {
  it('gives every field of every request a Chinese title', () => {
    const untitled = inputs.flatMap(({ where, schema }) =>
      leaves(schema)
        .filter((leaf) => !CHINESE.test((leaf.viaKey ? fieldLabel(leaf.schema, []) : fieldLabel(schema, leaf.path)) ?? ''))
        .map((leaf) => `${where} ${leaf.path.join('.')}`),
    )
    expect(untitled).toEqual([])
  })

  it('names the field in Chinese for a wrong value at any depth, and never an English key', () => {
    const problems = inputs.flatMap(({ where, schema }) =>
      leaves(schema)
        .filter((leaf) => leaf.path.length)
        .map((leaf) => {
          const { errors } = validate(schema, placed(leaf.path, { nested: [1] }))
          const problem = problemOf(errors[leaf.path.join('.')])
          return problem && `${where} ${leaf.path.join('.')}: ${problem}`
        })
        .filter(Boolean),
    )
    expect(problems).toEqual([])
  })

  it('refuses bidi and invisible characters in every free-text field, naming it', () => {
    const problems = inputs.flatMap(({ where, schema }) =>
      leaves(schema)
        .filter((leaf) => leaf.path.length && leaf.schema.safeParse('张三ab').success)
        .flatMap((leaf) =>
          ['\u202E', '\u200B', '\u2066', '\uFEFF', '\u0000', '\u2028'].map((hidden) => {
            const message = validate(schema, placed(leaf.path, `张三${hidden}ab`)).errors[leaf.path.join('.')]
            const expected = `${fieldLabel(schema, leaf.path)}含有不可见或控制字符`
            return message === expected ? null : `${where} ${leaf.path.join('.')} U+${hidden.codePointAt(0)!.toString(16)}: ${message}`
          }),
        )
        .filter(Boolean),
    )
    expect(problems).toEqual([])
  })
})

describe('invisible characters', () => {
  const schema = z.object({
    name: labelled(z.string().trim().min(1).max(30), '姓名'),
    reason: labelled(z.string().trim().max(500), '退回原因', { multiline: true }),
    tags: labelled(z.array(z.string()), '标签'),
  })

  it('keeps line breaks to multi-line fields', () => {
    expect(validate(schema, { name: '张\n三', reason: '第一行\r\n第二行\t完', tags: [] }).errors).toEqual({ name: '姓名含有不可见或控制字符' })
    expect(validate(schema, { name: '张三', reason: '原因\u202Egpj.exe', tags: [] }).errors).toEqual({ reason: '退回原因含有不可见或控制字符' })
    expect(validate(schema, { name: '欧阳 娜娜·Smith', reason: '', tags: [] }).errors).toEqual({})
  })
})

describe('wrong and missing values', () => {
  it('tells a wrong-typed year from a missing one', () => {
    const base = { notice: '通知', version: 0, opensOn: '2030-01-01', closesOn: '2030-02-01' }
    for (const wrong of ['abc', true, 1.5, {}])
      expect(validate(NoticeRequest, { ...base, windowYear: wrong }).errors).toEqual({ windowYear: '年检年度格式不正确' })
    expect(validate(NoticeRequest, { ...base, windowYear: null }).errors).toEqual({ windowYear: '请填写年检年度' })
    expect(validate(NoticeRequest, { ...base, version: undefined }).errors).toEqual({ version: '请填写版本' })
  })

  it('names a draft field as the saved form does', () => {
    const { errors } = validate(MemberInfoDraft, {
      contact: { mobile: '1'.repeat(30) },
      qualifications: { domestic: Array(20).fill('税务师') },
      education: { school: 5 },
    })
    expect(errors).toEqual({
      'contact.mobile': '手机号码不能超过20个字符',
      'qualifications.domestic': '国内资格最多10项',
      'education.school': '毕业院校格式不正确',
    })
  })
})
