import Taro from '@tarojs/taro'

/** The class Taro's H5 router gives a page it has hidden (display: none) under the one on top. */
const HIDDEN_PAGE = 'taro_page_shade'

/**
 * Taro 4.2's H5 router hides the page under a newly opened one from a timer (slide 300 ms + delay
 * 50 ms) that showing that page again does not cancel, while going back shows it from a 300 ms
 * timer. Back within 50 ms of the push (a quick second tap; on a busy test machine, Playwright's
 * clock can schedule the two timers that close) shows the page and then hides it for good: a blank
 * screen, its open popup still locking the body. The page on top of the stack is never the one to
 * hide, so that late hiding is undone before the browser paints.
 */
export function keepTopPageShown() {
  if (process.env.TARO_ENV !== 'h5') return
  new MutationObserver((records) => {
    const pages = Taro.getCurrentPages()
    const top = pages[pages.length - 1]
    for (const { target } of records) {
      if (
        target instanceof HTMLElement &&
        target.parentElement?.classList.contains('taro_router') &&
        target.id === top?.path &&
        target.classList.contains(HIDDEN_PAGE)
      ) {
        target.classList.remove(HIDDEN_PAGE)
      }
    }
  }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['class'] })
}
