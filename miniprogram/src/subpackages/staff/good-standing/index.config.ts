export default definePageConfig({
  navigationBarTitleText: '良好存续证明审批',
})
