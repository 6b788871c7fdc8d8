export default definePageConfig({
  navigationBarTitleText: '年检二维码',
})
