import { MEMBER, type RouteDef } from '../route-def'
import { SubscribeRequest, SubscribeResponse, SubscriptionTemplatesResponse } from '../subscription-schemas'

/** 订阅消息: which templates the mini-program asks for, and what the member answered. */
export const subscriptionRoutes = {
  subscriptionTemplates: {
    method: 'GET',
    path: '/api/v1/wechat/subscriptions',
    group: 'account',
    access: 'public',
    summary: '订阅消息模板（验证码通知、审核结果通知）：小程序以 wx.requestSubscribeMessage 请求会员允许',
    response: SubscriptionTemplatesResponse,
  },
  subscribe: {
    method: 'POST',
    path: '/api/v1/wechat/subscriptions',
    group: 'account',
    access: MEMBER,
    summary: '记录会员对订阅消息的选择（模板编号 → accept/reject/ban/filter）：每次允许可发送一条该模板的消息',
    body: SubscribeRequest,
    response: SubscribeResponse,
  },
} as const satisfies Record<string, RouteDef>
