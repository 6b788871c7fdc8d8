import { lambdaForGroup } from '../http/route-handler'

export const handler = lambdaForGroup('reset', {})
