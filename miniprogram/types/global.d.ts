/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.less'
declare module '*.scss'
declare module '*.sass'
declare module '*.styl'

/** Injected at build time from TARO_APP_API_BASE (config/index.ts defineConstants). */
declare const API_BASE: string

/** Each contract route's method, path and whether it is public, read from the contract at build time (config/index.ts). */
declare const API_ROUTES: Record<
  import('@shared/api/contract').RouteName,
  { method: import('@shared/api/contract').RouteDef['method']; path: string; public: boolean }
>

declare namespace NodeJS {
  interface ProcessEnv {
    /** NODE_ENV */
    NODE_ENV: 'development' | 'production'
    /** Current build target */
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    /** Base URL of the API, baked in as API_BASE */
    TARO_APP_API_BASE?: string
  }
}
