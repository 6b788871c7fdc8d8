import { associationName, LOCAL_ASSOCIATIONS } from '../../shared/associations'
import type { FiguresResponse } from '../../shared/api/workbench-schemas'
import type { Caller } from '../auth/tokens'
import type { Figures } from '../ports/figures'
import { AppError } from './errors'

export interface FiguresDeps {
  figures: Figures
}

/**
 * 年检统计 of one 年检年度: local staff see their association, CICPA staff the 32 side by side in
 * the order of shared/associations.ts. One BatchGet of counters, whatever the association's size.
 */
export async function yearFigures(deps: FiguresDeps, caller: Caller, year: number): Promise<FiguresResponse> {
  if (caller.role === 'member') throw new AppError('FORBIDDEN', '当前账号无权使用该功能')
  const codes = caller.role === 'cicpa_staff' ? LOCAL_ASSOCIATIONS.map((association) => association.code) : [caller.associationCode]
  const counts = await deps.figures.read(codes, year)
  return {
    year,
    associations: codes.map((code, index) => {
      const { members, applied, passed, returned, deferred, feePaid, hoursMet } = counts[index]!
      return {
        association: { code, name: associationName(code) },
        year,
        members,
        applied,
        notApplied: members - applied,
        passed,
        returned,
        deferred,
        feePaid,
        feeUnpaid: members - feePaid,
        hoursMet,
      }
    }),
  }
}
