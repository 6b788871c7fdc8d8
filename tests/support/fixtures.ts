import { test as base } from 'vitest'
import { aCicpaStaff, aLocalStaff, aMember, type MemberOptions, type SignedIn, type SignedMember } from './builders'
import { startTestStack } from './stack'

export type TestStack = Awaited<ReturnType<typeof startTestStack>>

interface Fixtures {
  /** The file's own stack, started for its first test. */
  stack: TestStack
  /** Builds a fresh member of the test's own (see `aMember` in builders.ts for the defaults). */
  aMember: (options?: MemberOptions) => Promise<SignedMember>
  aLocalStaff: (association?: string) => Promise<SignedIn>
  aCicpaStaff: () => Promise<SignedIn>
  /** A fresh signed-in member with the builder's defaults. */
  member: SignedMember
  /** A fresh signed-in reviewer of 浙江省注册会计师协会. */
  localStaff: SignedIn
  cicpaStaff: SignedIn
}

/**
 * Tests on the file's own stack with no demo data: every user a test needs is built for that test
 * alone, so each test runs alone (`-t`) or in any order.
 */
export const test = base.extend<Fixtures>({
  stack: [
    async ({}, use) => {
      const stack = await startTestStack()
      await use(stack)
      await stack.stop()
    },
    { scope: 'file' },
  ],
  aMember: async ({ stack }, use) => use((options) => aMember(stack.api, options)),
  aLocalStaff: async ({ stack }, use) => use((association = 'ZJ') => aLocalStaff(stack.api, association)),
  aCicpaStaff: async ({ stack }, use) => use(() => aCicpaStaff(stack.api)),
  member: async ({ aMember }, use) => use(await aMember()),
  localStaff: async ({ aLocalStaff }, use) => use(await aLocalStaff()),
  cicpaStaff: async ({ aCicpaStaff }, use) => use(await aCicpaStaff()),
})
