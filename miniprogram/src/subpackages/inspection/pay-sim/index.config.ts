export default definePageConfig({ navigationBarTitleText: '模拟微信支付' })
