export default definePageConfig({ navigationBarTitleText: '学时查询', enablePullDownRefresh: true })
