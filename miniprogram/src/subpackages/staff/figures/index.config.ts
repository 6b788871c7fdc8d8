export default definePageConfig({
  navigationBarTitleText: '年检统计',
  enablePullDownRefresh: true,
})
