import type { historyEn } from './en';

export const historyZhCN: typeof historyEn = {
  search: {
    filters: '搜索筛选',
    source: '搜索范围',
    sources: {
      all: '全部',
      chat: '对话',
      compare: '对比',
    },
    role: '发送者',
    roles: {
      any: '不限',
      user: '你',
      assistant: '助手',
    },
    model: '由模型回答',
    anyModel: '任意模型',
    here: '仅当前对话',
    recentOnly: '不足三个字母的词只在最近的消息中搜索。输入三个或更多字母可搜索全部历史。',
    more: '正在加载更多结果…',
    compareHit: '对比',
  },
  list: {
    loadingMore: '正在加载更多对话…',
  },
  messages: {
    loadingOlder: '正在加载更早的消息…',
  },
  storage: {
    title: '存储',
    description: '对话、对比和结果都保存在数据文件夹中的一个数据库文件里。',
    size: '数据库大小',
    reclaimable: '未使用的空间',
    contents: '聊天记录',
    counts: '{{conversations}} 个对话，{{messages}} 条消息',
    compact: '压缩',
    compactHint:
      '压缩会去掉数据库中未使用的空间并整理搜索索引。完成前 Caliper 会暂停响应，每 GB 约需一分钟，并需要约为数据库两倍大小的可用磁盘空间。导出会把所有聊天对话（含全部分支）保存为一个文件；导入会添加此类文件中的对话，已存在的对话会被跳过。',
    export: '导出全部对话',
    import: '导入对话…',
    compacting: '正在压缩…',
    steps: {
      index: '正在压缩：整理搜索索引…',
      vacuum: '正在压缩：重写数据库…',
      checkpoint: '正在压缩：收尾…',
    },
    compacted: '压缩完成：之前 {{before}}，现在 {{after}}。',
    exporting: '正在导出：{{done}} / {{total}} 个对话…',
    exported: '已导出 {{conversations}} 个对话（{{messages}} 条消息）。',
    importing: '正在导入：{{percent}}%…',
    imported: '已导入 {{conversations}} 个对话（{{messages}} 条消息）。',
    duplicates_one: '{{count}} 个对话已存在，保持不变。',
    duplicates_other: '{{count}} 个对话已存在，保持不变。',
  },
};
