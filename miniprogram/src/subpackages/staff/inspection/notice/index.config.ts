export default definePageConfig({ navigationBarTitleText: '年检设置' })
