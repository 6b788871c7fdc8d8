import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { deferred } from '../../shared/deferred'
import { fieldLabel, labelled, validate } from '../../shared/validation'

/** The same schemas written eagerly and deferred (a deferred one embedded in another, as the contract does). */
function pair<T extends z.ZodType>(make: (part: z.ZodType) => T, part: () => z.ZodType) {
  return { eager: make(part()), lazy: deferred(() => make(deferred(part))) }
}

const address = () =>
  z.object({
    city: labelled(z.string().trim().min(1).max(20), '城市'),
    zip: labelled(z.string().regex(/^\d{6}$/), '邮编').optional(),
  })
const application = (addressSchema: z.ZodType) =>
  z
    .object({
      name: labelled(z.string().trim().min(1).max(10), '姓名'),
      age: labelled(z.coerce.number().int().min(18), '年龄'),
      address: labelled(addressSchema, '地址'),
      tags: z.array(z.enum(['甲', '乙'])).default([]),
      code: z.string().transform((value) => value.toUpperCase()),
    })
    .refine((value) => value.name !== '无名', { path: ['name'], message: '姓名不能为无名' })

describe('deferred schemas', () => {
  const { eager, lazy } = pair(application, address)

  it('parse, refuse and name fields exactly as the schema they defer', () => {
    for (const input of [
      { name: ' 张三 ', age: '30', address: { city: '南昌' }, code: 'ab' },
      { name: '', age: 12, address: { city: '', zip: '12' }, code: 1 },
      { name: '无名', age: 40, address: { city: '南昌', zip: '330000' }, code: 'x' },
      'not an object',
    ]) {
      expect(validate(lazy, input)).toEqual(validate(eager, input))
    }
    expect(fieldLabel(lazy, ['address', 'zip'])).toBe('邮编')
    expect(fieldLabel(lazy, ['address'])).toBe('地址')
  })

  it('are the zod schema they build: instanceof, methods, JSON Schema with titles', () => {
    expect(lazy).toBeInstanceOf(z.ZodObject)
    expect(lazy.shape.address).toBeInstanceOf(z.ZodObject)
    expect(Object.keys(lazy.shape)).toEqual(['name', 'age', 'address', 'tags', 'code'])
    expect((lazy.shape.address as z.ZodObject).partial().safeParse({}).success).toBe(true)
    expect(z.toJSONSchema(lazy, { io: 'input', unrepresentable: 'any' })).toEqual(z.toJSONSchema(eager, { io: 'input', unrepresentable: 'any' }))
    expect(z.toJSONSchema(lazy, { io: 'input', unrepresentable: 'any' })).toMatchObject({ properties: { address: { title: '地址' } } })
  })

  it('are built only when first touched', () => {
    let builds = 0
    const schema = deferred(() => {
      builds++
      return z.string()
    })
    expect(builds).toBe(0)
    expect(schema.parse('a')).toBe('a')
    expect(schema.parse('b')).toBe('b')
    expect(builds).toBe(1)
  })

  it('say why their build failed every time they are touched, not only the first', () => {
    const schema = deferred((): z.ZodString => {
      throw new Error('a schema used before it was defined')
    })
    expect(() => schema.parse('a')).toThrow('a schema used before it was defined')
    expect(() => schema.parse('a')).toThrow('a schema used before it was defined')
  })

  it('keep every function and the whole contract from building any schema at import', () => {
    // A fresh process: zod sets its default locale when it builds its first schema.
    const script = `
      const { DEPLOYED_FUNCTIONS } = await import('./shared/api/route-def.ts')
      for (const group of DEPLOYED_FUNCTIONS) await import('./functions/handlers/' + group + '.ts')
      const { routes } = await import('./shared/api/contract.ts')
      const built = () => globalThis.__zod_globalConfig?.localeError !== undefined
      const atImport = built()
      routes.login.body.safeParse({})
      console.log(JSON.stringify([atImport, built()]))`
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: `${__dirname}/../..` })
    expect(JSON.parse(output.toString().trim().split('\n').at(-1)!)).toEqual([false, true])
  })
})
