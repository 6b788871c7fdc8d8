export default definePageConfig({
  navigationBarTitleText: '审批待办',
  enablePullDownRefresh: true,
})
