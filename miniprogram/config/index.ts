import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import type { JsMinifyOptions as SwcMinifyOptions } from '@swc/core'
import TerserPlugin from 'terser-webpack-plugin'
import type { Compiler } from 'webpack'

const SWC_MINIFY: SwcMinifyOptions = { ecma: 2015, compress: true, mangle: true }

// Repo-level shared TypeScript domain code (plain TS + zod), compiled by babel like src/.
const sharedDir = path.resolve(__dirname, '../../shared')
// zod 4 ships untranspiled ES2020+ (?. ??); let babel lower it like our own code for older WebViews/JSCore.
// (Taro's config validator accepts only strings here, no RegExp.)
const zodDir = path.dirname(require.resolve('zod/package.json'))
const compileInclude = [sharedDir, zodDir]

/**
 * Read from the shared code itself when the app is built: each route's method, path and whether it
 * is public, baked in as API_ROUTES (the client sends a request without zod and the schemas, which
 * load only to check the answer, src/api/client.ts), and what index.html needs to ask for a scanned
 * code's verification at once (PreloadFirstScreens). A child process runs the TypeScript, so that
 * webpack's persistent cache does not take those files for the config's own dependencies
 * (DefinePlugin rebuilds what reads API_ROUTES when the table changes).
 */
interface BuildFacts {
  routes: Record<string, { method: string; path: string; public: boolean }>
  qrToken: { shape: string; maxLength: number }
  sessionKey: string
}
function buildFacts(): BuildFacts {
  const script = `const { routes } = await import(${JSON.stringify(path.join(sharedDir, 'api/contract.ts'))})
const { QR_TOKEN_SHAPE, QR_TOKEN_MAX_LENGTH } = await import(${JSON.stringify(path.join(sharedDir, 'qr-token.ts'))})
const { SESSION_STORAGE_KEY } = await import(${JSON.stringify(path.join(__dirname, '../src/lib/session-key.ts'))})
process.stdout.write(JSON.stringify({
  routes: Object.fromEntries(Object.entries(routes).map(([name, route]) => [name, { method: route.method, path: route.path, public: route.access === 'public' }])),
  qrToken: { shape: QR_TOKEN_SHAPE.source, maxLength: QR_TOKEN_MAX_LENGTH },
  sessionKey: SESSION_STORAGE_KEY,
}))`
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], { cwd: __dirname, encoding: 'utf8' }))
}

/**
 * The first screens people wait for — the login page and the verification page a scanned QR code
 * opens — keep what they need in their own chunks, so that they do not wait for code that only
 * other pages use (bench/first-screen.ts).
 */
// Taro imports each page as `./pages/<name>/index` (the request of the page chunk's origin).
const FIRST_SCREEN_PAGES = /(^|[\\/])pages[\\/](login|verify)[\\/]index\b/
type SplitChunk = { canBeInitial(): boolean; groupsIterable: Iterable<{ origins: { request?: string }[] }> }
const sharedByPages = (chunk: SplitChunk) =>
  !chunk.canBeInitial() && ![...chunk.groupsIterable].some((group) => group.origins.some((origin) => FIRST_SCREEN_PAGES.test(origin.request ?? '')))
const CONTRACT_MODULES = new RegExp(`^(${[sharedDir, zodDir].map((dir) => dir.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')).join('|')})`)

/**
 * The router asks for the shown page's chunk only after the app's script has run. For the first
 * screens, an inline script in index.html reads the page from the address and has the browser
 * fetch its files beside the app's script, at low priority so that the app's script comes first.
 *
 * A scanned code's page also needs the server's answer, which the page would ask for only once
 * the app has started (~90 ms later on a phone): the script asks for it at once, as a preload the
 * page's own fetch of the same address then takes instead of sending another. Only for a code of
 * the right shape (the page asks for no other) and without a session, whose token may make the
 * server answer staff with more (src/pages/verify).
 */
class PreloadFirstScreens {
  constructor(private readonly verification: { url: string; tokenShape: string; tokenMaxLength: number; sessionKey: string }) {}

  apply(compiler: Compiler) {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('PreloadFirstScreens', (compilation) => {
      // After html-webpack-plugin has written index.html (PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE).
      compilation.hooks.processAssets.tap({ name: 'PreloadFirstScreens', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER }, () => {
        const html = compilation.getAsset('index.html')
        if (!html) return
        const files: Record<string, string[]> = {}
        for (const group of compilation.chunkGroups) {
          for (const { request } of group.origins) {
            if (request && FIRST_SCREEN_PAGES.test(request)) files[request.replace(/^\.\//, '')] = group.getFiles().filter((file) => /\.(js|css)$/.test(file))
          }
        }
        // An empty hash is the first page of app.config.ts, the login page.
        const script = `!function(files,page,query,verification){
function preload(href,as,attributes){var link=document.createElement('link');link.rel='preload';link.as=as;link.href=href;for(var name in attributes)link[name]=attributes[name];document.head.appendChild(link)}
(files[page||'pages/login/index']||[]).forEach(function(file){preload('./'+file,/\\.css$/.test(file)?'style':'script',{fetchPriority:'low'})});
if(page!=='pages/verify/index')return;
var token=(('&'+query).match(/&t=([^&]*)/)||[])[1];
try{if(localStorage.getItem(verification.sessionKey)!==null)return}catch(e){return}
if(token&&token.length<=verification.tokenMaxLength&&new RegExp(verification.tokenShape).test(token))preload(verification.url+'?t='+token,'fetch',{crossOrigin:'anonymous'})
}(${JSON.stringify(files)},location.hash.replace(/^#\\/?/,'').split('?')[0],location.hash.split('?')[1]||'',${JSON.stringify(this.verification)})`
        const text = html.source.source().toString()
        compilation.updateAsset('index.html', new sources.RawSource(text.replace('</title>', `</title><script>${script}</script>`)))
      })
    })
  }
}

/** What every cached module's build depends on besides its own file and packages. */
function buildInputsHash(): string {
  const hash = createHash('sha256')
  for (const file of [__filename, '../babel.config.cjs', '../../package.json', '../../package-lock.json'])
    hash.update(readFileSync(path.resolve(__dirname, file)))
  return hash.digest('hex')
}

// Taro hands its cache options to webpack as they are; its type just does not list `version`.
const webpackCache = { enable: true, version: buildInputsHash() }

export default defineConfig<'webpack5'>(async () => {
  const facts = buildFacts()
  const apiBase = process.env.TARO_APP_API_BASE ?? ''
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'cicpa-member',
    date: '2025-01-01',
    // NutUI's styles are authored for a 375 px design; ours for 750.
    designWidth(input) {
      const file = (input as { file?: string } | undefined)?.file
      return (file?.replace(/\\+/g, '/').indexOf('@nutui') ?? -1) > -1 ? 375 : 750
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // TARO_OUTPUT_ROOT lets parallel builds (e.g. two test runs) keep out of each other's way.
    outputRoot: process.env.TARO_OUTPUT_ROOT ?? `dist/${process.env.TARO_ENV}`,
    // HTML tags (the scanner's <video>) become mini-program components through the plugin; on H5
    // React renders them as they are, and the plugin's runtime (mini-program DOM hooks, ~15 KB
    // unminified) would only lengthen every first screen.
    plugins: process.env.TARO_ENV === 'h5' ? [] : ['@tarojs/plugin-html'],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase),
      API_ROUTES: JSON.stringify(facts.routes),
    },
    alias: {
      '@shared': sharedDir,
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    // Prebundling moves dependencies into a separate esbuild-built remote: what ships would differ
    // from what the tests load, and a production build gains nothing from it.
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    // Webpack's filesystem cache (node_modules/.cache/webpack, one per NODE_ENV and target): a rebuild
    // after a change recompiles only what changed. Webpack checks every cached module against its file
    // and the installed packages, and DefinePlugin values (API_BASE) invalidate what reads them. A
    // change to this file, the babel config, the browser list or the lock file drops the whole cache
    // through `version`, which does not rely on webpack following this file's imports.
    cache: webpackCache,
    mini: {
      compile: { include: compileInclude },
      // A mini-program loads no chunks at run time: import() of the contract (src/api/client.ts)
      // stays in the importing package, resolved at once.
      webpackChain(chain) {
        chain.merge({ module: { parser: { javascript: { dynamicImportMode: 'eager' } } } })
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      publicPath: './',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // H5 runs postcss (pxtransform, autoprefixer) on node_modules CSS only for these; without it
      // NutUI's 375-design px stay px on H5 (mini already transforms node_modules CSS).
      esnextModules: ['@nutui'], // substring match on the file path
      // The shared chunk gathers component styles that pages import in different orders, and
      // webpack warned 35 times a build that it could not keep every page's. The flag changes no
      // output, only the warnings: our styles are scoped by BEM class names, not by their order.
      miniCssExtractPluginOption: { ignoreOrder: true },
      compile: { include: compileInclude },
      // Taro splits only the app's initial chunk, so each of ~40 page chunks carried zod, NutUI and
      // our components again. Pages now share two cached chunks: `contract` (zod and shared/, also
      // what the client loads lazily to check answers) and `shared` (NutUI, components, lib/).
      webpackChain(chain) {
        // SWC minifies the H5 JS about as fast as esbuild did (terser took ~200 s of CPU) and, unlike
        // esbuild, removes dead code inside webpack's module functions as terser does: the login
        // page's first render went from 199 to 172 KB gzip (bench/first-screen.ts). The weapp keeps
        // terser: its package has a hard size limit. Target ES2015: the H5 already ships ES2015
        // syntax that babel leaves alone (@tarojs/components' scoped-CSS polyfill).
        chain.optimization
          .minimizer('terserPlugin')
          // SWC rejects terser's extractComments option, which the plugin sets by default.
          .use(TerserPlugin<SwcMinifyOptions>, [{ minify: TerserPlugin.swcMinify, extractComments: false, parallel: true, terserOptions: SWC_MINIFY }])
        // NutUI's icon package lists its barrel (index.es.js, nothing but re-exports) as having side
        // effects, so webpack could not skip it: every page that imported one icon (an Input's clear
        // button) carried each of the ~40 icons any page of the app uses. Declared side-effect free,
        // each import binds to its own icon's module.
        chain.module
          .rule('nutui-icons-barrel')
          .test(/[\\/]@nutui[\\/]icons-react-taro[\\/]dist[\\/]es[\\/]index\.es\.js$/)
          .set('sideEffects', false)
        chain.plugin('preloadFirstScreens').use(PreloadFirstScreens, [
          {
            // The address the page's client asks (src/api/client.ts urlFor): a code of this shape needs no escaping.
            url: `${apiBase}${facts.routes.verify!.path}`,
            tokenShape: facts.qrToken.shape,
            tokenMaxLength: facts.qrToken.maxLength,
            sessionKey: facts.sessionKey,
          },
        ])
        chain.optimization.splitChunks({
          ...chain.optimization.get('splitChunks'),
          cacheGroups: {
            ...chain.optimization.get('splitChunks').cacheGroups,
            contract: {
              name: 'contract',
              chunks: sharedByPages,
              test: (module: { resource?: string }) => CONTRACT_MODULES.test(module.resource ?? ''),
              priority: 30,
              enforce: true,
            },
            shared: { name: 'shared', chunks: sharedByPages, minChunks: 2, priority: 20, enforce: true },
          },
        })
      },
      postcss: {
        // The root font size follows the window up to a large phone's (450 px wide) and stops there:
        // in a desk browser type keeps a phone's size instead of doubling (Taro's default cap is 40).
        pxtransform: { enable: true, config: { maxRootSize: 24 } },
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  }
  return config
})
