export default definePageConfig({
  navigationBarTitleText: '会员资格良好存续证明',
  enablePullDownRefresh: true,
})
