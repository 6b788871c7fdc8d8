import { AppError } from '../http/errors'
import { coreRoutes } from '../../shared/api/routes/core'
import { lambdaForGroup } from '../http/route-handler'
import type { Caller } from '../auth/tokens'
import { inboxItems, inboxSummary } from '../usecases/inbox'

function asStaff(caller: Caller) {
  if (caller.role === 'member') throw new AppError('FORBIDDEN', '当前账号无权使用该功能')
  return { ...caller, role: caller.role }
}

export const handler = lambdaForGroup('staff', coreRoutes, {
  inbox: ({ caller }) => inboxSummary(asStaff(caller)),
  inboxItems: ({ caller, params }) => inboxItems(asStaff(caller), params.kind),
})
