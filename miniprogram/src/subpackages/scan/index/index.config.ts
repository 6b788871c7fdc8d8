export default definePageConfig({
  navigationBarTitleText: '扫一扫',
  navigationBarBackgroundColor: '#000000',
  navigationBarTextStyle: 'white',
})
