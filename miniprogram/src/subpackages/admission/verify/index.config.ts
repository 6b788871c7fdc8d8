export default definePageConfig({ navigationBarTitleText: '填写验证信息' })
