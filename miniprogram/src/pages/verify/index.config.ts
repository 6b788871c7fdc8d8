export default definePageConfig({
  navigationBarTitleText: '会员信息核验',
})
