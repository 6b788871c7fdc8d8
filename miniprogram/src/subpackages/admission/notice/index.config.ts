export default definePageConfig({ navigationBarTitleText: '非执业会员入会申请' })
