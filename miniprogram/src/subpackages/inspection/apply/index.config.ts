export default definePageConfig({
  navigationBarTitleText: '年检申请',
  enablePullDownRefresh: true,
})
