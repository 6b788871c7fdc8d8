export default definePageConfig({ navigationBarTitleText: '年检审核', enablePullDownRefresh: true })
