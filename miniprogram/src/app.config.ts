export default defineAppConfig({
  pages: ['pages/login/index', 'pages/home/index', 'pages/mine/index', 'pages/password/index', 'pages/contacts/index', 'pages/verify/index'],
  // Staff screens load only for staff: they stay out of the 2 MB main package.
  subPackages: [
    {
      root: 'subpackages/staff',
      pages: [
        'inbox/index',
        'list/index',
        'handled/index',
        'exports/index',
        'figures/index',
        'inspection/review/index',
        'inspection/notice/index',
        'inspection/fee/index',
        'admission/index',
        'good-standing/index',
        'hours-claim/index',
      ],
    },
    // The applicant's pages: public, reached from the login page, never needed by members.
    {
      root: 'subpackages/admission',
      pages: ['notice/index', 'verify/index', 'form/index', 'success/index', 'progress/index', 'lookup/index'],
    },
    // 找回密码: public, reached from the login page and (as an H5 page) from the official account's menu.
    { root: 'subpackages/reset', pages: ['index/index'] },
    {
      root: 'subpackages/inspection',
      pages: [
        'apply/index',
        'info/index',
        'deferral/index',
        'success/index',
        'pay-sim/index',
        'messages/index',
        'message/index',
        'history/index',
        'detail/index',
      ],
    },
    // 继续教育: 在线学习, 学时查询, 产出式学时, 减免学时.
    {
      root: 'subpackages/education',
      pages: ['learn/index', 'course/index', 'player/index', 'hours/index', 'claims/index', 'output/index', 'exemption/index', 'claim/index'],
    },
    // 年检二维码 and 电子会员证: the member's signed QR codes.
    { root: 'subpackages/credential', pages: ['qr/index', 'card/index', 'good-standing/index'] },
    // 扫一扫 in a browser outside WeChat: the camera preview and the QR decoder load only here.
    { root: 'subpackages/scan', pages: ['index/index'] },
    // 用户隐私保护指引: public, from 我的 and from the privacy popup.
    { root: 'subpackages/privacy', pages: ['guide/index', 'export/index'] },
  ],
  // Privacy APIs wait for agreement to 《用户隐私保护指引》, asked through our own popup (lib/privacy.ts).
  __usePrivacyCheck__: true,
  window: {
    navigationBarTitleText: '中注协会员服务',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f7',
    backgroundTextStyle: 'light',
    // The mini-program's own bar; in the H5 build it makes Taro's router draw a title bar (lib/title-bar.ts).
    navigationStyle: 'default',
  },
})
