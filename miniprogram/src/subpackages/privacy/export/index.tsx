import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Empty, Skeleton } from '@nutui/nutui-react-taro'
import type { PersonalExport, PersonalExportFile } from '@shared/api/personal-export-schemas'
import { formatChinaTime } from '@shared/china-time'
import { Button } from '../../../components/Button'
import { StatusTag } from '../../../components/StatusTag'
import { call, showError } from '../../../api/client'
import { downloadInBrowser, openDocument } from '../../../lib/platform'
import { usePageData } from '../../../lib/use-page-data'
import { useRequiredSession } from '../../../lib/use-session'
import './index.scss'

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`

/**
 * Saves the JSON: the browser downloads it; WeChat has no reader for it, so the mini-program
 * forwards the file to a chat (e.g. 文件传输助手) from where it reaches a computer.
 */
async function saveJson(url: string, fileName: string) {
  if (process.env.TARO_ENV === 'h5') {
    downloadInBrowser(url, fileName)
    return
  }
  const { tempFilePath } = await Taro.downloadFile({ url })
  await Taro.shareFileMessage({ filePath: tempFilePath, fileName })
}

/** 我的 → 个人信息导出: everything the system keeps about the member, once a day, each file downloaded once. */
export default function PersonalExportPage() {
  const session = useRequiredSession(['member'])
  const { data, failed, reload } = usePageData('personalExports', Boolean(session && !session.user.mustChangePassword))
  const [building, setBuilding] = useState(false)
  const [downloading, setDownloading] = useState('')

  async function build() {
    setBuilding(true)
    try {
      await call('startPersonalExport')
      void Taro.showToast({ title: '已生成，请下载', icon: 'none' })
    } catch (error) {
      showError(error)
    } finally {
      setBuilding(false)
      await reload()
    }
  }

  async function download(item: PersonalExport, file: PersonalExportFile) {
    setDownloading(`${item.id}:${file}`)
    try {
      const link = await call('downloadPersonalExport', { params: { id: item.id }, body: { file } })
      if (file === 'pdf') await openDocument(link.url, link.fileName, 'pdf')
      else await saveJson(link.url, link.fileName)
    } catch (error) {
      showError(error)
    } finally {
      setDownloading('')
      await reload()
    }
  }

  const waitUntil = data?.nextAllowedAt
  return (
    <View className="personal-export page">
      <View className="card personal-export__intro">
        <Text className="personal-export__title">导出我的个人信息</Text>
        <Text className="muted">
          汇总本系统保存的您的全部信息：基本信息、账户与登录记录、入会与年检申请及审批过程、会费与缴费、学时与申报、消息、证明、微信绑定与订阅消息。
        </Text>
        <Text className="muted">生成 PDF 摘要（便于阅读，证件号等部分隐藏）和 JSON 数据（完整）。每天可导出一次；导出后 24 小时内，每个文件只能下载一次。</Text>
        <Button
          id="personal-export-start"
          className="personal-export__start"
          type="primary"
          block
          loading={building}
          disabled={Boolean(waitUntil) || !data}
          onClick={() => void build()}
        >
          {building ? '正在生成…' : '生成导出文件'}
        </Button>
        {building ? <Text className="muted personal-export__progress">正在汇总您的信息并生成文件，通常需要几秒钟，请勿离开本页</Text> : null}
        {waitUntil && !building ? <Text className="muted personal-export__wait">今天已导出，{formatChinaTime(waitUntil)} 后可再次导出</Text> : null}
      </View>

      <Text className="section-title">导出记录</Text>
      {failed && !data ? (
        <View className="card personal-export__error">
          <Text className="error-text">导出记录加载失败</Text>
          <Button size="small" fill="outline" onClick={() => void reload()}>
            重试
          </Button>
        </View>
      ) : !data ? (
        <View className="card">
          <Skeleton rows={3} animated />
        </View>
      ) : data.items.length === 0 ? (
        <Empty className="personal-export__empty" image={<View />} title="暂无导出记录" description="生成后可在这里下载，并查看每次导出的时间和状态" />
      ) : (
        data.items.map((item) => (
          <View key={item.id} className="card personal-export__item" data-testid="personal-export-item">
            <View className="personal-export__head">
              <Text className="personal-export__time">{formatChinaTime(item.createdAt)}</Text>
              <StatusTag state={item.status}>{item.statusLabel}</StatusTag>
            </View>
            {item.status === 'ready' ? <Text className="muted">下载有效期至 {formatChinaTime(item.expiresAt)}</Text> : null}
            {item.files.map((file) => (
              <View key={file.file} className="personal-export__file">
                <View className="personal-export__file-text">
                  <Text>{file.label}</Text>
                  <Text className="muted">
                    {kilobytes(file.bytes)}
                    {file.downloadedAt ? ` · 已于 ${formatChinaTime(file.downloadedAt)} 下载` : ''}
                  </Text>
                </View>
                {item.status === 'ready' && !file.downloadedAt ? (
                  <Button
                    size="small"
                    type="primary"
                    fill="outline"
                    loading={downloading === `${item.id}:${file.file}`}
                    onClick={() => void download(item, file.file)}
                  >
                    下载{file.file === 'pdf' ? ' PDF' : ' JSON'}
                  </Button>
                ) : null}
              </View>
            ))}
          </View>
        ))
      )}
    </View>
  )
}
