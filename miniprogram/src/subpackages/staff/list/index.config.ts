export default definePageConfig({
  navigationBarTitleText: '待审批事项',
  enablePullDownRefresh: true,
})
