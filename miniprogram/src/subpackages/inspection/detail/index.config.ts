export default definePageConfig({ navigationBarTitleText: '年检信息', enablePullDownRefresh: true })
