export default definePageConfig({ navigationBarTitleText: '新增产出式学时' })
