export default definePageConfig({ navigationBarTitleText: '学时申请审核', enablePullDownRefresh: true })
