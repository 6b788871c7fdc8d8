import { AppError } from '../http/errors'
import { lambdaForGroup } from '../http/route-handler'
import { inboxSummary } from '../usecases/inbox'

export const handler = lambdaForGroup('staff', {
  inbox: ({ caller }) => {
    if (caller.role === 'member') throw new AppError('FORBIDDEN', '当前账号无权使用该功能')
    return inboxSummary({ ...caller, role: caller.role })
  },
})
