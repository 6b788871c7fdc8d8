export default defineAppConfig({
  pages: ['pages/login/index', 'pages/home/index', 'pages/mine/index', 'pages/password/index', 'pages/contacts/index'],
  // Staff screens load only for staff: they stay out of the 2 MB main package.
  subPackages: [{ root: 'subpackages/staff', pages: ['inbox/index', 'list/index'] }],
  window: {
    navigationBarTitleText: '中注协会员服务',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f7',
    backgroundTextStyle: 'light',
  },
})
