export default defineAppConfig({
  pages: ['pages/login/index'],
  window: {
    navigationBarTitleText: '中注协会员服务',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f7',
    backgroundTextStyle: 'light',
  },
})
