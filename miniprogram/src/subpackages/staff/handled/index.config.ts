export default definePageConfig({
  navigationBarTitleText: '已办',
  enablePullDownRefresh: true,
})
