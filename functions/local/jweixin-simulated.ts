/**
 * 本地模拟的微信 JS-SDK, served by the local web server in place of res.wx.qq.com's jweixin, which
 * works only inside WeChat. Like WeChat, `wx.config` has the page's signature checked — here by the
 * local server against the local jsapi_ticket (POST /api/v1/dev/wechat/jssdk-check), with the same
 * signing code a deployment uses — and `wx.scanQRCode` works only after a successful config that
 * lists it. The "scanner" is a labelled prompt asking for the code's text.
 */
export const SIMULATED_JSSDK_SCRIPT = `/* 本地模拟的微信 JS-SDK（仅本地运行，不是微信官方的 jweixin） */
(function () {
  var outcome = null, readyCallbacks = [], errorCallbacks = [], allowed = [];
  function settle(errMsg) {
    outcome = errMsg;
    var callbacks = errMsg === 'config:ok' ? readyCallbacks : errorCallbacks;
    readyCallbacks = []; errorCallbacks = [];
    callbacks.forEach(function (callback) { errMsg === 'config:ok' ? callback() : callback({ errMsg: errMsg }); });
  }
  window.wx = {
    simulated: true,
    config: function (options) {
      allowed = options.jsApiList || [];
      fetch('/api/v1/dev/wechat/jssdk-check', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: location.href.split('#')[0], appId: options.appId, timestamp: options.timestamp, nonceStr: options.nonceStr, signature: options.signature }),
      })
        .then(function (response) { return response.json(); })
        .then(function (answer) { settle(answer.errMsg || 'config:fail'); })
        .catch(function () { settle('config:fail'); });
    },
    ready: function (callback) { if (outcome === 'config:ok') callback(); else if (outcome === null) readyCallbacks.push(callback); },
    error: function (callback) { if (outcome !== null && outcome !== 'config:ok') callback({ errMsg: outcome }); else if (outcome === null) errorCallbacks.push(callback); },
    scanQRCode: function (options) {
      if (outcome !== 'config:ok' || allowed.indexOf('scanQRCode') < 0) {
        options.fail && options.fail({ errMsg: 'scanQRCode:permission denied' });
        return;
      }
      var text = window.prompt('【本地模拟】微信扫一扫：请输入二维码内容');
      if (text === null) options.cancel && options.cancel({ errMsg: 'scanQRCode:cancel' });
      else options.success({ errMsg: 'scanQRCode:ok', resultStr: text });
    },
  };
})();
`
