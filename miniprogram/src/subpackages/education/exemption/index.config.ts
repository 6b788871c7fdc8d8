export default definePageConfig({ navigationBarTitleText: '新增减免学时' })
