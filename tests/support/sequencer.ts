import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * Vitest's order (longest first, from earlier runs or file size), except that while `npm test` is
 * still building the H5 (H5_BUILD_PENDING) the browser files go last: they would only hold a worker
 * waiting for the build that unit and integration files can use meanwhile.
 */
export class BrowserFilesLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    if (!process.env.H5_BUILD_PENDING) return sorted
    const browser = (file: TestSpecification) => file.moduleId.includes('/tests/e2e/')
    return [...sorted.filter((file) => !browser(file)), ...sorted.filter(browser)]
  }
}
