export default definePageConfig({
  navigationBarTitleText: '个人信息导出',
  enablePullDownRefresh: true,
})
