import { dynamoCaptchas } from '../adapters/captcha-dynamo'
import { clock } from '../adapters/clock'
import { localOutbox } from '../adapters/delivery'
import { coreRoutes } from '../../shared/api/routes/core'
import { lambdaForGroup } from '../http/route-handler'
import { createCaptcha } from '../usecases/captcha-image'

/** Its own function: only the image needs the font parser, every other bundle stays small. */
export const handler = lambdaForGroup('captcha', coreRoutes, {
  captcha: () => createCaptcha({ captchas: dynamoCaptchas, clock, outbox: localOutbox() }),
})
