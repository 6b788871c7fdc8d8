import { defineConfig } from '@tarojs/cli'

// A one-page Taro 4 app on the project's toolchain (React, webpack5, babel-preset-taro), Taro's
// template defaults otherwise: the yardstick bench/first-screen.ts holds the H5 build's pages to.
export default defineConfig<'webpack5'>({
  projectName: 'bare-taro',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: process.env.TARO_OUTPUT_ROOT ?? '/tmp/bare-taro-h5',
  framework: 'react',
  compiler: 'webpack5',
  h5: { publicPath: './', staticDirectory: 'static', router: { mode: 'hash' } },
})
