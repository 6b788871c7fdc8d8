import { useTestDay } from './calendar'

// Before any test file's own imports run, so module-level years and the seeded demo data agree.
useTestDay()
