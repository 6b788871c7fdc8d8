export default definePageConfig({ navigationBarTitleText: '在线学习', enablePullDownRefresh: true })
