export default definePageConfig({ navigationBarTitleText: '年检申请成功通知' })
