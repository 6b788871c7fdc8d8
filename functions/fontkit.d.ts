/** fontkit ships no types; pdf-lib declares the part of it that it calls. */
declare module 'fontkit' {
  import type { Fontkit } from 'pdf-lib'
  const fontkit: Fontkit
  export default fontkit
}
