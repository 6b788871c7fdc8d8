// .cjs because the repo root package.json has "type": "module" (a .js file here would be loaded as ESM).
const nutuiPackages = '@nutui/nutui-react-taro/dist/es/packages'

module.exports = {
  presets: [
    ['taro', { framework: 'react', ts: true, compiler: 'webpack5' }],
  ],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        camel2DashComponentName: false,
        // NutUI 3.0.x ships dist/es/packages/<lower-case name> (Button -> button, InputNumber -> inputnumber);
        // there is no dist/esm and no PascalCase folder, so libraryDirectory alone cannot express it.
        customName: (name) => `${nutuiPackages}/${name.toLowerCase()}`,
        // adds `import '<customName>/style/css'` (style/css.js imports the component's compiled style.css)
        style: 'css',
      },
      'nutui-react-taro',
    ],
  ],
}
