export default definePageConfig({ navigationBarTitleText: '学时申报', enablePullDownRefresh: true })
