export default definePageConfig({ navigationBarTitleText: '非执业会员编号查询' })
