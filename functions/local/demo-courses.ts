import type { ImportRequest } from '../../shared/api/education-schemas'
import { INSTITUTES } from '../../shared/education'

/** The learning fee a non-practising member pays an institute per year (an assumption: the seeds name no amount). */
export const DEMO_LEARNING_FEE_FEN = 10000

const lesson = (lessonId: string, title: string, hours: number) => ({ lessonId, title, hours, durationSeconds: hours * 45 * 60 })

/**
 * Each institute's demo catalogue, in the shape an institute pushes through the signed import
 * route, so the seed and a real integration fill the same items.
 */
export function demoCatalogues(year: number): ImportRequest[] {
  return INSTITUTES.map(({ code, name }) => ({
    institute: code,
    year,
    feeFen: DEMO_LEARNING_FEE_FEN,
    courses: [
      {
        courseId: 'R101',
        title: '注册会计师职业道德守则解读',
        teacher: `${name.slice(0, 2)}国家会计学院 职业道德教研室`,
        category: 'required',
        lessons: [lesson('L1', '职业道德基本原则', 2), lesson('L2', '独立性与利益冲突', 2)],
      },
      {
        courseId: 'R102',
        title: '企业会计准则最新变化与实务',
        teacher: '会计准则教研室',
        category: 'required',
        lessons: [lesson('L1', '收入准则应用难点', 3), lesson('L2', '租赁与金融工具准则', 3)],
      },
      {
        courseId: 'E201',
        title: '数字化审计实务',
        teacher: '审计教研室',
        category: 'elective',
        lessons: [lesson('L1', '大数据审计方法', 2), lesson('L2', '审计数据分析工具', 2)],
      },
      { courseId: 'E202', title: '管理会计工具与应用', teacher: '管理会计教研室', category: 'elective', lessons: [lesson('L1', '全面预算与绩效管理', 4)] },
      { courseId: 'E203', title: '税收政策热点解析', teacher: '税务教研室', category: 'elective', lessons: [lesson('L1', '年度税收政策变化', 2)] },
    ],
    completions: [],
  }))
}
