/** An image captcha as kept: only a hash of its answer, until `expiresAt` (epoch seconds). */
export interface StoredCaptcha {
  answerHash: string
  expiresAt: number
}

export interface CaptchaStore {
  save(captchaId: string, captcha: StoredCaptcha): Promise<void>
  /** Removes the captcha and answers what it was; undefined when it was used already or never made. */
  take(captchaId: string): Promise<StoredCaptcha | undefined>
}

/** A new image captcha: the answer it shows and the SVG image that shows it. */
export interface CaptchaImage {
  answer: string
  svg: string
}

export interface CaptchaImages {
  draw(): CaptchaImage
}
