export { validate } from '@shared/validation'
