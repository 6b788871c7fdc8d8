export default definePageConfig({
  navigationBarTitleText: '会员服务',
  enablePullDownRefresh: true,
})
