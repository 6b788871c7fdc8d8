/** Where the session is stored (Taro storage; localStorage on H5), also read by index.html's inline script (config/index.ts). */
export const SESSION_STORAGE_KEY = 'cicpa.session'
