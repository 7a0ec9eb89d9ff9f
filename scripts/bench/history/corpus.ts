import { mulberry32 } from '../../../src/shared/random';

/**
 * Seeded chat-like text in English and Chinese. Words are drawn with a Zipf distribution, as in
 * real text: a few words ("the", "的") are in most messages, most words are rare. That is what
 * makes search hard: a common word matches half the history, a rare one a handful of rows.
 */

const ENGLISH = `the of and to a in is it you that he was for on are with as I his they be at one have this from
or had by hot word but what some we can out other were all there when up use your how said an each she which do
their time if will way about many then them write would like so these her long make thing see him two has look
more day could go come did number sound no most people my over know water than call first who may down side been
now find any new work part take get place made live where after back little only round man year came show every
good me give our under name very through just form sentence great think say help low line differ turn cause much
mean before move right boy old too same tell does set three want air well also play small end put home read hand
port large spell add even land here must big high such follow act why ask men change went light kind off need
house picture try us again animal point mother world near build self earth father head stand own page should
country found answer school grow study still learn plant cover food sun four between state keep eye never last
let thought city tree cross farm hard start might story saw far sea draw left late run while press close night
real life few north open seem together next white children begin got walk example ease paper group always music
those both mark often letter until mile river car feet care second book carry took science eat room friend began
idea fish mountain stop once base hear horse cut sure watch color face wood main enough plain girl usual young
ready above ever red list though feel talk bird soon body dog family direct pose leave song measure door product
black short numeral class wind question happen complete ship area half rock order fire south problem piece told
knew pass since top whole king space heard best hour better true during hundred five remember step early hold
west ground interest reach fast verb sing listen six table travel less morning ten simple several vowel toward
war lay against pattern slow center love person money serve appear road map rain rule govern pull cold notice
voice unit power town fine certain fly fall lead cry dark machine note wait plan figure star box noun field rest
model token context prompt answer memory layer quantize compare benchmark latency python rust function error
server request database index query cache thread process kernel vector matrix gradient tensor weight`.split(/\s+/);

const CHINESE = `的 了 是 在 我 有 他 这 个 们 中 来 上 大 为 和 国 地 到 以 说 时 要 就 出 会 可 也 你 对 生 能 而 子 那 得
于 着 下 自 之 年 过 发 后 作 里 用 道 行 所 然 家 种 事 成 方 多 经 么 去 法 学 如 都 同 现 当 没 动 面 起 看 定 天 分
还 进 好 小 部 其 些 主 样 理 心 她 本 前 开 但 因 只 从 想 实 模型 问题 时间 我们 什么 一个 没有 知道 可以 这个
工作 因为 所以 如果 已经 现在 今天 明天 朋友 学习 老师 学生 中国 世界 你好 谢谢 数据 电脑 手机 网络 文件 程序
代码 函数 服务 系统 用户 内存 显卡 上下文 推理 训练 量化 参数 速度 测试 结果 比较 答案 回答 语言 翻译 文章 故事
天气 城市 北京 上海 晚上 早上 喜欢 希望 需要 觉得 应该 开始 结束 重要 简单 困难 快乐 音乐 电影 书籍 历史 科学
数学 物理 化学 生物 经济 政治 文化 社会 环境 健康 医生 医院 银行 公司 市场 价格 产品 质量 设计 开发 研究 分析
方法 结构 算法 向量 矩阵 梯度 张量 权重 温度 采样 长度 词表 分词 缓存 线程 进程 内核 索引 查询 数据库 搜索 排序`.split(/\s+/);

/** Zipf weights 1/rank, turned into a cumulative table for binary search. */
function zipf(words: string[]): (r: number) => string {
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 0; i < words.length; i++) cumulative.push((total += 1 / (i + 1)));
  return (r) => {
    const target = r * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
}

const englishWord = zipf(ENGLISH);
const chineseWord = zipf(CHINESE);

export interface Corpus {
  /** One message's text: mostly English, some Chinese, some both; answers run longer than questions. */
  message(role: 'user' | 'assistant'): string;
  /** A number in [0, 1): the same stream as the text, so everything follows from the seed. */
  random(): number;
}

export function corpus(seed: number): Corpus {
  const random = mulberry32(seed);
  const english = (count: number) => {
    const words: string[] = [];
    for (let i = 0; i < count; i++) words.push(englishWord(random()));
    const text = words.join(' ');
    return text.charAt(0).toUpperCase() + text.slice(1) + '.';
  };
  const chinese = (count: number) => {
    let text = '';
    for (let i = 0; i < count; i++) text += chineseWord(random()) + (random() < 0.08 ? '，' : '');
    return text + '。';
  };
  return {
    random,
    message(role) {
      const scale = role === 'user' ? 1 : 4;
      const words = () => Math.ceil((4 + random() * 26) * scale);
      const r = random();
      if (r < 0.6) return english(words());
      if (r < 0.85) return chinese(words());
      return `${english(Math.ceil(words() / 2))} ${chinese(Math.ceil(words() / 2))}`;
    },
  };
}
