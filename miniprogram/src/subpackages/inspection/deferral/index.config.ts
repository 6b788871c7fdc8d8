export default definePageConfig({ navigationBarTitleText: '暂缓年检申请' })
