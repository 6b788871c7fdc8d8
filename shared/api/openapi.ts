import * as z from 'zod'
import { ErrorBody } from '../errors'
import { routes, type RouteDef } from './contract'

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })

/** The OpenAPI document, generated from the same zod schemas the handlers validate with. */
export function openApiDocument(serverUrl = '/') {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const [name, route] of Object.entries(routes) as [string, RouteDef][]) {
    const operation: Record<string, unknown> = {
      operationId: name,
      summary: route.summary,
      security: route.access === 'public' ? [] : [{ bearer: [] }],
      'x-roles': route.access,
      ...(route.audience ? { 'x-user-types': route.audience.userTypes } : {}),
      responses: {
        200: { description: 'OK', content: { 'application/json': { schema: z.toJSONSchema(route.response, { unrepresentable: 'any' }) } } },
        default: { description: '错误（统一错误格式）', content: { 'application/json': { schema: jsonSchema(ErrorBody) } } },
      },
    }
    if (route.body) operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } }
    const parameters = (where: 'query' | 'path', shape: Record<string, unknown> | undefined) =>
      Object.entries(shape ?? {}).map(([key, schema]) => ({
        name: key,
        in: where,
        required: where === 'path' || !(schema as z.ZodType).safeParse(undefined).success,
        schema: jsonSchema(schema as z.ZodType),
      }))
    const allParameters = [...parameters('path', route.params?.shape), ...parameters('query', route.query?.shape)]
    if (allParameters.length) operation.parameters = allParameters
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation }
  }
  return {
    openapi: '3.1.0',
    info: { title: '中注协非执业会员服务 API', version: '1' },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  }
}
