import * as z from 'zod'

/**
 * A module-level schema built the first time anything touches it. zod builds a schema when its
 * expression runs (~50 µs a checked field, far more on a cold process), and the contract has
 * hundreds: a Lambda importing its routes built every one of them before serving the one route a
 * cold start asks for, and a screen built every schema of the modules it imports. Deferred, a
 * function builds the schemas of the routes it serves, when it first serves them.
 *
 * On first touch the stand-in becomes the built schema itself: zod initialises it from the built
 * schema's definition, so its internals (which remember the instance they initialised: JSON
 * Schema generation, registries, `instanceof`) know it as the schema, wherever it is embedded.
 */
export function deferred<Schema extends z.ZodType>(build: () => Schema): Schema {
  const target = {} as Schema
  let pending = true
  const standIn: Schema = new Proxy(target, {
    get: (_, key) => Reflect.get(built(), key, standIn),
    set: (_, key, value) => Reflect.set(built(), key, value, standIn),
    has: (_, key) => Reflect.has(built(), key),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(built(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(built(), key),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(built(), key),
    ownKeys: () => Reflect.ownKeys(built()),
    getPrototypeOf: () => Reflect.getPrototypeOf(built()),
  })
  function built(): Schema {
    if (!pending) return target
    const schema = build()
    // zod reads and writes the instance while initialising it: those go to the bare target.
    pending = false
    Object.setPrototypeOf(target, Object.getPrototypeOf(schema))
    Reflect.apply(schema._zod.constr, standIn, [schema._zod.def])
    // What `.meta()`/`.describe()` attach lives outside the definition.
    if (schema._zod.parent) target._zod.parent = schema._zod.parent
    const meta = z.globalRegistry.get(schema)
    if (meta) z.globalRegistry.add(standIn, meta)
    return target
  }
  return standIn
}
