export default definePageConfig({ navigationBarTitleText: '会费确认', enablePullDownRefresh: true })
