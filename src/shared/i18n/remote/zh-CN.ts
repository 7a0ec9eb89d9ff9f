import type { remoteEn } from './en';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** 远程引擎：设置中的连接、模型选择器以及远程回答的指标。 */
export const remoteZhCN: Shape<typeof remoteEn> = {
  section: {
    title: '远程引擎',
    description:
      '在其他机器上运行的 OpenAI 兼容服务器——vLLM、TensorRT-LLM、OpenLLM、llama-server、Ollama、LM Studio 或另一个 Caliper。它们的模型可以与本机文件一起用于聊天、对比、盲测和提示集。',
    empty: '还没有远程引擎。添加你部署的服务器，就能把它与本机上的文件进行对比。',
    add: '添加远程引擎',
  },
  kind: {
    label: '服务器',
    vllm: 'vLLM',
    trtllm: 'TensorRT-LLM（trtllm-serve 服务）',
    openllm: 'OpenLLM',
    'llama-server': 'llama.cpp 的 llama-server',
    ollama: 'Ollama',
    lmstudio: 'LM Studio',
    caliper: '另一个 Caliper',
    other: '其他 OpenAI 兼容服务器',
  },
  form: {
    name: '名称',
    namePlaceholder: '例如 gpu-box',
    baseUrl: '基础地址',
    baseUrlHint: '以 /v1 结尾的地址，按服务器文档填写。',
    apiKey: 'API 密钥',
    apiKeyHint: '仅当服务器要求时填写。密钥只会发送到这个地址，并且不会再显示。',
    apiKeyKeep: '已保存密钥。留空则保留原密钥。',
    forgetKey: '清除密钥',
    firstByteTimeout: '等待首个响应（秒）',
    firstByteTimeoutHint: '在首个请求时才加载模型的服务器需要更长时间。',
    idleTimeout: '词元之间的等待时间（秒）',
    save: '保存',
    create: '添加',
    cancel: '取消',
  },
  connection: {
    edit: '编辑',
    test: '测试连接',
    testing: '正在测试…',
    delete: '删除',
    deleteTitle: '删除连接 {{name}}？',
    deleteBody: '使用过其模型的对话和对比会保留已有回答；新的回答需要选择其他模型。',
    neverTested: '尚未测试',
    ok: '{{rtt}} 内连通：{{count}} 个模型',
    failed: '上次测试失败',
    version: '版本 {{version}}',
    usageInStream: '在流中报告词元用量',
    usageCounted: '不报告用量：词元由 Caliper 计数',
    metricsTimings: '报告自身的计时',
    metricsPrometheus: '提供 Prometheus 指标',
    models: '模型',
  },
  picker: {
    local: '本机',
    remote: '{{name}}（远程）',
  },
  stats: {
    remote: '远程：内存由服务器承担',
    network: '响应头用时 {{value}}',
    rtt: '往返 {{value}}',
    server: '服务器：{{value}}',
    counted: '词元由 Caliper 计数（服务器未报告用量）',
  },
  state: {
    remote: '远程',
    ready: '在 {{name}} 上回答',
  },
};
