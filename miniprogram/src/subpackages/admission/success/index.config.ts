export default definePageConfig({ navigationBarTitleText: '申请提交成功' })
