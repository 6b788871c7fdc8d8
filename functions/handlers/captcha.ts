import { dynamoCaptchas } from '../adapters/captcha-dynamo'
import { glyphCaptchaImages } from '../adapters/captcha-svg'
import { clock } from '../adapters/clock'
import { localOutbox } from '../adapters/delivery'
import { coreRoutes } from '../../shared/api/routes/core'
import { lambdaForGroup } from '../http/route-handler'
import { createCaptcha } from '../usecases/captcha-image'

/** Its own function: only the image needs the glyph outlines (~40 KB), every other bundle stays small. */
export const handler = lambdaForGroup('captcha', coreRoutes, {
  captcha: () => createCaptcha({ captchas: dynamoCaptchas, images: glyphCaptchaImages, clock, outbox: localOutbox() }),
})
