export default definePageConfig({ navigationBarTitleText: '年检信息查询', enablePullDownRefresh: true })
